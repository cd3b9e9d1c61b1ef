"""LMS-side endpoint of the SCORM runtime: the commits of one attempt.

``POST /scorm/commit/<attempt token>/`` is called by the runtime wrapper on the content
origin, without cookies (``sendBeacon`` at termination cannot send headers either): the
signed per-attempt token stands in for the CSRF token, and the ``Origin`` header must be
the content origin. CORS answers only that origin. Every refusal is JSON (4xx), never a
500: ``{"result": false, "errorCode": 101, "error": {"code", "message"}}``.
"""

from __future__ import annotations

import json

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Page

from lms.access.rules import lesson_access
from lms.enrolment.models import Enrolment
from lms.scorm import cmi as cmi_data
from lms.scorm.errors import ScormError
from lms.scorm.models import ScormAttempt
from lms.scorm.origins import content_origin
from lms.scorm.services import attempt_commit
from lms.scorm.tokens import attempt_token_read

PREFLIGHT_MAX_AGE = 600


def _cors(response, origin: str):
    response["Access-Control-Allow-Origin"] = origin
    response["Vary"] = "Origin"
    return response


def _refusal(status: int, code: str, message: str, origin: str) -> JsonResponse:
    response = JsonResponse(
        {"result": False, "errorCode": 101, "error": {"code": code, "message": str(message)}},
        status=status,
    )
    return _cors(response, origin)


def _body(request):
    """The JSON object of the request (application/json or a text/plain beacon)."""
    try:
        raw = request.body
    except RequestDataTooBig:
        raise ScormError("too_large", _("The commit data is too large.")) from None
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ScormError("bad_json", _("The commit data is not valid JSON.")) from None
    if not isinstance(body, dict):
        raise ScormError("bad_payload", _("The commit data must be a JSON object."))
    sequence = body.get(cmi_data.SEQUENCE_FIELD)
    if sequence is not None and (
        isinstance(sequence, bool) or not isinstance(sequence, int) or not 0 <= sequence < 2**62
    ):
        raise ScormError("bad_payload", _("The commit sequence must be a positive integer."))
    return body, sequence


def _still_allowed(attempt) -> bool:
    """The learner is active and still enrolled in the lesson's module (one query); else
    the access rule decides (staff trying a package are allowed, untracked)."""
    learner, lesson = attempt.learner, attempt.lesson
    if not learner.is_active:
        return False
    module_path = lesson.path[: -Page.steplen]
    if Enrolment.objects.filter(
        learner=learner, module__path=module_path, status=Enrolment.Status.ACTIVE
    ).exists():
        return True
    return lesson_access(user=learner, lesson=lesson).allowed


@csrf_exempt
def commit(request, token: str):
    """Store one commit of the attempt that ``token`` authorises."""
    origin = content_origin(request)
    if request.headers.get("Origin") != origin:
        return _refusal(403, "bad_origin", _("This request does not come from the player."), origin)
    if request.method == "OPTIONS":
        response = _cors(JsonResponse({}, status=200), origin)
        response["Access-Control-Allow-Methods"] = "POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type"
        response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
        return response
    if request.method != "POST":
        response = _refusal(405, "bad_method", _("Only POST is accepted here."), origin)
        response["Allow"] = "POST, OPTIONS"
        return response

    attempt_id = attempt_token_read(token)
    attempt = (
        ScormAttempt.objects.select_related("version", "learner", "lesson")
        .filter(pk=attempt_id)
        .first()
        if attempt_id is not None
        else None
    )
    if attempt is None:
        return _refusal(403, "bad_token", _("This session has expired: reload the page."), origin)
    if not _still_allowed(attempt):
        return _refusal(403, "not_allowed", _("You may no longer follow this lesson."), origin)
    try:
        body, sequence = _body(request)
        attempt_commit(
            attempt=attempt,
            body=body,
            sequence=sequence,
            final=body.get(cmi_data.TERMINATE_FIELD) is True,
        )
    except ScormError as error:
        status = 413 if error.code == "too_large" else 400
        return _refusal(status, error.code, error.message, origin)
    return _cors(JsonResponse({"result": True, "errorCode": 0}), origin)
