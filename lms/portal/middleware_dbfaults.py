"""A lost database connection answers 503 (a French page, or JSON), never a 500.

When PostgreSQL cuts the project's connections (a restart, a fail-over,
``pg_terminate_backend``), the requests in flight fail on their next query. They get a
« service temporarily unavailable » answer with ``Retry-After``: the ``503.html`` page
(standalone, like ``500.html``: it needs no database), or ``{"error": {...}}`` for JSON
clients (the SCORM commit endpoint, requests that accept JSON only). Django drops the
broken connection at the end of the request (``close_if_unusable_or_obsolete``), and the
next request opens a new one (with ``CONN_MAX_AGE`` > 0, ``CONN_HEALTH_CHECKS`` checks a
kept connection before its first use), so the service recovers by itself.

Only connection-level errors are handled (:func:`is_connection_error`): a deadlock, a
serialization failure or a missing table remain server errors. An error raised in a view
goes through :meth:`DatabaseFaultMiddleware.process_exception`; one raised by another
middleware (a session read, the profile's language) has already become a 500 response
when it comes back here: the ``got_request_exception`` signal marks the request, and the
500 is replaced. Placed near the top of ``MIDDLEWARE`` (after the content origin's
middleware, so that its headers apply to the answer).
"""

from __future__ import annotations

import logging
import sqlite3
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
# URL namespaces whose clients read JSON (the SCORM runtime's commit endpoint).
JSON_NAMESPACES = frozenset({"scorm"})
# SQLSTATE classes and codes of a lost or refused connection: 08 (connection exception),
# 57P01 admin shutdown (pg_terminate_backend), 57P02 crash shutdown, 57P03 cannot connect.
CONNECTION_SQLSTATE_CLASSES = ("08",)
CONNECTION_SQLSTATES = frozenset({"57P01", "57P02", "57P03"})
SQLITE_CONNECTION_MESSAGES = ("unable to open database file", "disk i/o error")
FAULT_ATTRIBUTE = "_database_fault"


def _sqlstate(error: BaseException) -> str | None:
    for candidate in (error, error.__cause__):
        if candidate is None:
            continue
        code = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
        if code:
            return str(code)
    return None


def is_connection_error(error: BaseException | None) -> bool:
    """Whether ``error`` says the database connection is lost or cannot be opened."""
    if isinstance(error, InterfaceError):
        return True  # "connection already closed" and the like
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if isinstance(cause, sqlite3.Error):
        return str(cause).lower().startswith(SQLITE_CONNECTION_MESSAGES)
    code = _sqlstate(error)
    if code is None:
        # psycopg gives no SQLSTATE when the server is gone (closed socket, refused
        # connection, server closed the connection unexpectedly).
        return True
    return code.startswith(CONNECTION_SQLSTATE_CLASSES) or code in CONNECTION_SQLSTATES


def _wants_json(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:  # the error came before the URL was resolved
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            match = None
    if match is not None and JSON_NAMESPACES.intersection(match.namespaces):
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def unavailable_response(request) -> HttpResponse:
    """The 503 answer: JSON for JSON clients, else the French page (the language the
    request chose, French by default)."""
    language = getattr(request, "LANGUAGE_CODE", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        message = _("The service is temporarily unavailable. Please try again in a moment.")
        if _wants_json(request):
            response = JsonResponse(
                {
                    "result": False,
                    "errorCode": 101,
                    "error": {"code": "unavailable", "message": message},
                },
                status=503,
            )
        else:
            response = HttpResponse(
                render_to_string("503.html", {"language": language}), status=503
            )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def _mark_request(sender, request=None, **kwargs) -> None:
    """``got_request_exception``: remember a connection error raised outside a view."""
    error = sys.exc_info()[1]
    if request is not None and is_connection_error(error):
        setattr(request, FAULT_ATTRIBUTE, error)


got_request_exception.connect(_mark_request, dispatch_uid="lms.portal.database_fault")


def _log(request, error: BaseException) -> None:
    logger.warning(
        "Database connection lost during %s %s: %s",
        request.method,
        request.path,
        str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__,
    )


class DatabaseFaultMiddleware:
    """Turn a lost database connection into a 503 (see the module notes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        error = getattr(request, FAULT_ATTRIBUTE, None)
        if error is not None and response.status_code == 500:
            _log(request, error)
            return unavailable_response(request)
        return response

    def process_exception(self, request, exception):
        if not is_connection_error(exception):
            return None
        _log(request, exception)
        return unavailable_response(request)
