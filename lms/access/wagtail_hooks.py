"""Plugs the access rules into Wagtail's page serving."""

from django.contrib.auth.views import redirect_to_login
from wagtail import hooks

from lms.access.rules import page_requires_login


@hooks.register("before_serve_page")
def require_login_for_lessons(page, request, serve_args, serve_kwargs):
    """Send anonymous visitors of a lesson to the login page, then back to the lesson."""
    if page_requires_login(page) and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None
