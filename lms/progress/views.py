"""Learners' progress actions on content lessons: mark as done, visible-tab heartbeat."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from lms.access.rules import lesson_access
from lms.progress.lessons import is_content_lesson
from lms.progress.services import heartbeat_cap_seconds, lesson_heartbeat, lesson_mark_done


def _tracked_lesson(request, lesson_id: int):
    """The live content lesson, if the user is a learner allowed and tracked on it; else
    ``None``. Activity lessons (SCORM) progress only through their own tracking."""
    page = get_object_or_404(Page.objects.live().public(), pk=lesson_id).specific
    if not is_content_lesson(page):
        return page, None
    access = lesson_access(user=request.user, lesson=page)
    return page, access if access.tracked else None


@login_required
@require_POST
def lesson_done(request, lesson_id: int):
    lesson, access = _tracked_lesson(request, lesson_id)
    if access is None:
        return HttpResponseForbidden(_("You cannot record progress in this lesson."))
    lesson_mark_done(learner=request.user, lesson=lesson)
    messages.success(request, _("Lesson marked as done."))
    following = request.POST.get("next", "")
    # Only a path of this site: "//host" and "/\\host" lead browsers elsewhere.
    safe = following.startswith("/") and url_has_allowed_host_and_scheme(
        following, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(following if safe else lesson.url)


@login_required
@require_POST
def lesson_activity(request, lesson_id: int):
    """Heartbeat sent every half-minute while the lesson's tab is visible (JSON answer)."""
    lesson, access = _tracked_lesson(request, lesson_id)
    if access is None:
        return JsonResponse(
            {"error": {"code": "not_tracked", "message": _("Progress is not recorded here.")}},
            status=403,
        )
    try:
        seconds = int(request.POST.get("seconds", "0"))
    except ValueError:
        return JsonResponse(
            {"error": {"code": "bad_seconds", "message": _("Invalid duration.")}}, status=400
        )
    progress = lesson_heartbeat(learner=request.user, lesson=lesson, seconds=seconds)
    return JsonResponse(
        {
            "status": progress.status,
            "time_spent_seconds": progress.time_spent_seconds,
            "max_seconds": heartbeat_cap_seconds(),
        }
    )
