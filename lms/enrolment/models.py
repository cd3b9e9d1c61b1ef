"""Enrolments and the enrolment settings of each module."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ModuleSettings(models.Model):
    """How a module is offered and completed; a module without settings uses the defaults.

    Kept apart from the module page: the curricula are content and know nothing of
    enrolment (see DESIGN.md).
    """

    module = models.OneToOneField(
        "curriculum.ModulePage",
        on_delete=models.CASCADE,
        related_name="lms_settings",
        verbose_name=_("module"),
    )
    self_enrolment = models.BooleanField(
        _("self-enrolment allowed"),
        default=True,
        help_text=_("Learners may enrol themselves while the module is open."),
    )
    opens_at = models.DateTimeField(_("enrolment opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("enrolment closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Maximum number of active enrolments; empty for no limit."),
    )
    complete_lessons_on_open = models.BooleanField(
        _("content lessons complete when opened"),
        default=False,
        help_text=_("Otherwise the learner marks each content lesson as done."),
    )
    requires_signoff = models.BooleanField(
        _("trainer sign-off required"),
        default=False,
        help_text=_("The module completes only once a trainer has signed it off."),
    )

    class Meta:
        verbose_name = _("module settings")
        verbose_name_plural = _("module settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="enrolment_modulesettings_window_in_order",
                violation_error_message=_("Enrolment must close after it opens."),
            )
        ]

    def __str__(self) -> str:
        return str(self.module)

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Enrolment must close after it opens.")})


class Enrolment(models.Model):
    """A learner's enrolment in a module.

    At most one *active* enrolment per learner and module (a partial unique constraint).
    Withdrawal keeps the row; enrolling again reactivates it; the audit trail keeps the
    history of both.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Source(models.TextChoices):
        SELF = "self", _("self-enrolment")
        ADMINISTRATOR = "administrator", _("by an administrator")
        PROMOTION = "promotion", _("with the promotion")
        IMPORT = "import", _("file import")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("learner"),
    )
    module = models.ForeignKey(
        "curriculum.ModulePage",
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("module"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    enrolled_at = models.DateTimeField(_("enrolled at"))
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enrolled by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "module"],
                condition=models.Q(status="active"),
                name="enrolment_one_active_per_learner_module",
                violation_error_message=_("The learner is already enrolled in this module."),
            ),
            models.CheckConstraint(
                condition=models.Q(status="withdrawn", withdrawn_at__isnull=False)
                | models.Q(status="active", withdrawn_at__isnull=True),
                name="enrolment_withdrawn_at_matches_status",
            ),
        ]
        indexes = [models.Index(fields=["module", "status"], name="enrolment_module_status")]

    def __str__(self) -> str:
        return f"{self.learner} – {self.module}"
