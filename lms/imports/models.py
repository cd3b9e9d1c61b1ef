"""Uploaded learner files awaiting or after confirmation, and the invitations they sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One uploaded file: its normalised rows (with per-row errors) kept server-side
    between the preview and the confirmation, then what the import did.

    ``rows`` is a list of dicts: ``line``, ``email``, ``first_name``, ``last_name``,
    ``audience``, ``organisation``, ``region``, ``departement``, ``promotion_id``,
    ``promotion``, ``account_exists``, ``errors`` (French messages; empty for a valid row)
    and the raw ``audience_text``/``territory_text``.
    """

    class Status(models.TextChoices):
        PREVIEW = "preview", _("awaiting confirmation")
        RUNNING = "running", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, db_index=True)
    file_size = models.PositiveIntegerField(_("file size"), default=0)
    file_format = models.CharField(_("file format"), max_length=8)
    module = models.ForeignKey(
        "curriculum.ModulePage",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("module"),
    )
    promotion = models.ForeignKey(
        "people.Promotion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("also add to the promotion"),
    )
    override_capacity = models.BooleanField(_("enrol even if the module is full"), default=False)
    rows = models.JSONField(_("rows"), default=list, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    valid_count = models.PositiveIntegerField(_("valid rows"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PREVIEW
    )
    job = models.ForeignKey(
        "jobs.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("background job"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        verbose_name = _("learner import")
        verbose_name_plural = _("learner imports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(row_count=models.F("valid_count") + models.F("error_count")),
                name="imports_batch_counts_add_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def valid_rows(self) -> list[dict]:
        return [row for row in self.rows if not row.get("errors")]

    @property
    def error_rows(self) -> list[dict]:
        return [row for row in self.rows if row.get("errors")]


class Invitation(models.Model):
    """The marker that an account created by an import was invited to choose a password.

    One per account at most (the database refuses a second), so importing the same file
    again never sends a second invitation.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_invitation",
        verbose_name=_("account"),
    )
    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("import"),
    )
    invited_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return str(self.user)
