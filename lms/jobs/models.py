"""Background jobs and their items: the durable record a progress bar reads."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """A long piece of background work split into items, with a lease.

    The worker holding the lease (``lease_owner`` until ``lease_expires_at``) processes the
    pending items one by one and renews the lease as it goes. When a worker dies, its lease
    expires and another worker, or ``manage.py resume_jobs``, claims the job and carries on
    with the items still pending: the job record, not the task queue, is the source of truth.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    total = models.PositiveIntegerField(_("items"), default=0)
    done = models.PositiveIntegerField(_("items done"), default=0)
    failed = models.PositiveIntegerField(_("items failed"), default=0)
    skipped = models.PositiveIntegerField(_("items skipped"), default=0)
    attempts = models.PositiveIntegerField(
        _("attempts"), default=0, help_text=_("How many times a worker claimed the job.")
    )
    lease_owner = models.CharField(_("lease owner"), max_length=128, blank=True)
    lease_expires_at = models.DateTimeField(_("lease expires at"), null=True, blank=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "lease_expires_at"], name="jobs_job_stale")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    total__gte=models.F("done") + models.F("failed") + models.F("skipped")
                ),
                name="jobs_job_counts_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def processed(self) -> int:
        """Items no longer pending."""
        return self.done + self.failed + self.skipped

    @property
    def percent(self) -> int:
        """Progress in whole percent (100 for a job without items once finished)."""
        if self.total == 0:
            return 100 if self.is_finished else 0
        return min(100, self.processed * 100 // self.total)

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class JobItem(models.Model):
    """One unit of a job (e.g. one row of an imported file) and what became of it."""

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("skipped")

    job = models.ForeignKey(
        Job, on_delete=models.CASCADE, related_name="items", verbose_name=_("job")
    )
    index = models.PositiveIntegerField(_("index"))
    key = models.CharField(_("key"), max_length=255, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING
    )
    error = models.CharField(_("error message"), max_length=500, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("job item")
        verbose_name_plural = _("job items")
        ordering = ["job", "index"]
        constraints = [
            models.UniqueConstraint(fields=["job", "index"], name="jobs_item_unique_index"),
        ]
        indexes = [models.Index(fields=["job", "state", "index"], name="jobs_item_pending")]

    def __str__(self) -> str:
        return f"{self.job} [{self.index}] {self.key}"
