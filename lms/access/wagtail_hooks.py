"""Plugs the access rules into Wagtail's page serving."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from wagtail import hooks

from lms.access.rules import lesson_access_for_request, page_requires_login
from lms.progress.services import lesson_open


@hooks.register("before_serve_page")
def guard_lessons(page, request, serve_args, serve_kwargs):
    """Serve a lesson only to those allowed; record that a tracked learner opened it.

    Anonymous visitors go to the login page and back; learners not enrolled, or whose
    prerequisites are incomplete, go to the module page with the reason.
    """
    if not page_requires_login(page):
        return None
    access = lesson_access_for_request(request=request, lesson=page)
    if access.code == "login":
        return redirect_to_login(request.get_full_path())
    if not access.allowed:
        messages.warning(request, access.message)
        return redirect(access.module.url if access.module is not None else "/")
    if access.tracked and request.method == "GET":
        lesson_open(learner=request.user, lesson=page)
    return None
