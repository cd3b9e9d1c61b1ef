"""Trainers' SCORM tracking in the Wagtail admin: SCORM lessons, the learners' attempts on
one (scores, statuses, time), an attempt's interactions and objectives, and the POST that
grants a learner one more attempt. Formateurs and Administrateurs only; trainers see the
learners of the promotions they follow (404 for anyone else's)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.scorm import selectors
from lms.scorm.services import attempt_grant, max_attempts


class TrackingAccessMixin:
    """Formateurs and Administrateurs only."""

    def dispatch(self, request, *args, **kwargs):
        if not selectors.user_can_follow_scorm(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TrackingPageView(TrackingAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("scorm_tracking:lessons"), "label": gettext_lazy("SCORM tracking")},
            *self.extra_breadcrumbs_items(),
        ]

    def extra_breadcrumbs_items(self) -> list[dict]:
        return []


def _minutes(seconds: int) -> int:
    return round(seconds / 60)


class LessonsView(TrackingPageView):
    """The SCORM lessons, with how many learners (that the user follows) have attempts."""

    template_name = "scorm/trainer/lessons.html"
    page_title = gettext_lazy("SCORM tracking")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summaries"] = selectors.scorm_lessons_for_trainer(user=self.request.user)
        return context


class LessonView(TrackingPageView):
    """One SCORM lesson: per learner, the latest attempt of each SCO, scores, time."""

    template_name = "scorm/trainer/lesson.html"

    def get(self, request, *args, **kwargs):
        self.lesson = selectors.lesson_for_trainer(user=request.user, pk=kwargs["lesson_id"])
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return self.lesson.title

    def extra_breadcrumbs_items(self):
        return [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = selectors.lesson_learner_rows(user=self.request.user, lesson=self.lesson)
        limit = max_attempts()
        context.update(
            lesson=self.lesson,
            rows=[
                {
                    "row": row,
                    "minutes": _minutes(row.total_seconds),
                    "score": row.best_score,
                    "attempts_allowed": (limit + row.extra_attempts) if limit else None,
                    "grant_url": reverse(
                        "scorm_tracking:grant", args=(self.lesson.pk, row.learner.pk)
                    ),
                    "latest": [
                        {
                            "attempt": attempt,
                            "url": reverse("scorm_tracking:attempt", args=(attempt.pk,)),
                            "score": selectors.attempt_score_percent(attempt),
                            "minutes": _minutes(attempt.total_seconds),
                        }
                        for attempt in row.latest
                    ],
                }
                for row in rows
            ],
        )
        return context


class AttemptView(TrackingPageView):
    """One attempt: statuses, scores, time, interactions and objectives."""

    template_name = "scorm/trainer/attempt.html"

    def get(self, request, *args, **kwargs):
        self.attempt = selectors.attempt_for_trainer(user=request.user, pk=kwargs["pk"])
        self.lesson = selectors.lesson_for_trainer(user=request.user, pk=self.attempt.lesson_id)
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("%(learner)s — %(sco)s, attempt %(number)s") % {
            "learner": self.attempt.learner,
            "sco": self.attempt.item.title,
            "number": self.attempt.number,
        }

    def extra_breadcrumbs_items(self):
        return [
            {
                "url": reverse("scorm_tracking:lesson", args=(self.lesson.pk,)),
                "label": self.lesson.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            attempt=self.attempt,
            lesson=self.lesson,
            score=selectors.attempt_score_percent(self.attempt),
            minutes=_minutes(self.attempt.total_seconds),
            interactions=selectors.attempt_interactions(self.attempt),
            objectives=selectors.attempt_objectives(self.attempt),
            grant_url=reverse(
                "scorm_tracking:grant", args=(self.lesson.pk, self.attempt.learner_id)
            ),
        )
        return context


class GrantView(TrackingAccessMixin, View):
    """POST (CSRF): one more attempt per SCO for a learner on a lesson."""

    http_method_names = ["post"]

    def post(self, request, lesson_id: int, learner_id: int):
        lesson = selectors.lesson_for_trainer(user=request.user, pk=lesson_id)
        learner = selectors.learner_for_trainer(user=request.user, pk=learner_id)
        registration = attempt_grant(learner=learner, lesson=lesson, granted_by=request.user)
        messages.success(
            request,
            _("%(learner)s may start a new attempt (%(count)s granted in all).")
            % {"learner": learner, "count": registration.extra_attempts},
        )
        return HttpResponseRedirect(reverse("scorm_tracking:lesson", args=(lesson.pk,)))
