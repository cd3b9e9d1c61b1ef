"""Progress of a learner in lessons, modules and curricula."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")


STATUS_RANK = {
    ProgressStatus.NOT_STARTED: 0,
    ProgressStatus.IN_PROGRESS: 1,
    ProgressStatus.COMPLETED: 2,
}


class LessonProgress(models.Model):
    """Where a learner stands in one lesson. Changed only by the progress services."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_progress",
        verbose_name=_("learner"),
    )
    lesson = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("lesson")
    )
    module = models.ForeignKey(
        "curriculum.ModulePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("module"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProgressStatus.choices,
        default=ProgressStatus.NOT_STARTED,
    )
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    time_spent_seconds = models.PositiveIntegerField(_("time spent (seconds)"), default=0)
    first_accessed_at = models.DateTimeField(_("first access"), null=True, blank=True)
    last_accessed_at = models.DateTimeField(_("last access"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["learner", "lesson"], name="progress_lesson_unique"),
            models.CheckConstraint(
                condition=~models.Q(status="completed") | models.Q(completed_at__isnull=False),
                name="progress_lesson_completed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["learner", "module"], name="progress_lesson_by_module")]

    def __str__(self) -> str:
        return f"{self.learner_id} – {self.lesson_id}: {self.status}"


class ModuleProgress(models.Model):
    """A learner's summary for one module, kept in step with lesson progress so that
    dashboards and reports read one row per learner and module."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="module_progress",
        verbose_name=_("learner"),
    )
    module = models.ForeignKey(
        "curriculum.ModulePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("module"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProgressStatus.choices,
        default=ProgressStatus.NOT_STARTED,
    )
    lessons_required = models.PositiveIntegerField(_("required lessons"), default=0)
    lessons_completed = models.PositiveIntegerField(_("required lessons completed"), default=0)
    time_spent_seconds = models.PositiveIntegerField(_("time spent (seconds)"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed off by"),
    )
    revoked_at = models.DateTimeField(_("completion revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completion revoked by"),
    )
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        constraints = [
            models.UniqueConstraint(fields=["learner", "module"], name="progress_module_unique"),
            models.CheckConstraint(
                condition=~models.Q(status="completed") | models.Q(completed_at__isnull=False),
                name="progress_module_completed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["module", "status"], name="progress_module_status")]

    def __str__(self) -> str:
        return f"{self.learner_id} – {self.module_id}: {self.status}"

    @property
    def percent(self) -> int:
        """Share of required lessons completed, 0–100 (100 once the module is complete)."""
        if self.status == ProgressStatus.COMPLETED:
            return 100
        if not self.lessons_required:
            return 0
        return min(100, round(100 * self.lessons_completed / self.lessons_required))


class CurriculumProgress(models.Model):
    """A learner's completion of a whole curriculum."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="curriculum_progress",
        verbose_name=_("learner"),
    )
    curriculum = models.ForeignKey(
        "curriculum.CurriculumPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("curriculum"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProgressStatus.choices,
        default=ProgressStatus.NOT_STARTED,
    )
    modules_required = models.PositiveIntegerField(_("required modules"), default=0)
    modules_completed = models.PositiveIntegerField(_("required modules completed"), default=0)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("completion revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completion revoked by"),
    )
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        verbose_name = _("curriculum progress")
        verbose_name_plural = _("curriculum progress")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "curriculum"], name="progress_curriculum_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="completed") | models.Q(completed_at__isnull=False),
                name="progress_curriculum_completed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} – {self.curriculum_id}: {self.status}"
