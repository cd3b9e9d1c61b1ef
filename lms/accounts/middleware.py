"""Keeps learners out of the Wagtail admin."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _


class AdminAccessMiddleware:
    """Send a signed-in user without admin access away from ``/admin/`` to the home page.

    Wagtail would otherwise bounce them to the login page, which they already passed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path.startswith("/admin/")
            and user is not None
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            messages.info(request, _("The administration area is reserved for trainers."))
            return redirect("/")
        return self.get_response(request)
