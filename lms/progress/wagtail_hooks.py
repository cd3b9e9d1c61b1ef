"""Progress panel on lesson pages (see curriculum.extensions)."""

from django.template.loader import render_to_string
from wagtail import hooks

from lms.access.rules import lesson_access_for_request
from lms.progress.lessons import is_content_lesson
from lms.progress.models import LessonProgress
from lms.progress.services import heartbeat_cap_seconds


@hooks.register("curriculum_lesson_panels")
def lesson_progress_panel(request, lesson):
    """« J'ai terminé cette leçon » and the visible-tab heartbeat, for tracked learners."""
    if not request.user.is_authenticated or not is_content_lesson(lesson):
        return ""
    access = lesson_access_for_request(request=request, lesson=lesson)
    if not access.tracked:
        return ""
    progress = LessonProgress.objects.filter(learner=request.user, lesson_id=lesson.pk).first()
    return render_to_string(
        "progress/lesson_panel.html",
        {
            "lesson": lesson,
            "progress": progress,
            "heartbeat_seconds": min(30, heartbeat_cap_seconds()),
        },
        request=request,
    )
