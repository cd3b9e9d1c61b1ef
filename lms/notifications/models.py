"""The editable templates of the e-mails sent to learners."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.notifications.placeholders import (
    BINOME_EVALUATION_DUE,
    BINOME_PAIRED,
    CERTIFICATE_ISSUED,
    ENROLMENT_CONFIRMATION,
    INVITATION,
    MODULE_COMPLETED,
    PlaceholderError,
    placeholders_check,
)


class EmailKey(models.TextChoices):
    """The e-mails the platform sends; each has its fixed list of placeholders."""

    ENROLMENT_CONFIRMATION = ENROLMENT_CONFIRMATION, _("Enrolment confirmation")
    INVITATION = INVITATION, _("Invitation to set a password")
    MODULE_COMPLETED = MODULE_COMPLETED, _("Module completed")
    BINOME_PAIRED = BINOME_PAIRED, _("Binôme formed")
    BINOME_EVALUATION_DUE = BINOME_EVALUATION_DUE, _("Binôme evaluation due")
    CERTIFICATE_ISSUED = CERTIFICATE_ISSUED, _("Certificate ready")


class EmailTemplate(models.Model):
    """The subject and plain-text body of one e-mail, with ``{placeholders}``.

    One row per e-mail (``key``), created with the French defaults by a migration and
    edited by administrators. Placeholders are checked against the e-mail's list when the
    template is saved through a form (:meth:`clean`) and again when it is rendered.
    """

    key = models.CharField(_("e-mail"), max_length=32, choices=EmailKey.choices, unique=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Plain text. Placeholders between braces are replaced when the e-mail is sent. "
            "Every e-mail: {prenom}, {nom}, {plateforme}, {operateur}, {contact}. "
            "Enrolment confirmation: {module}, {lien} (the module). "
            "Invitation: {courriel}, {lien} (choosing a password). "
            "Module completed: {module}, {date}, {lien} (“My learning”). "
            "Binôme formed: {partenaire}, {promotion}, {lien} (the project). "
            "Binôme evaluation due: {partenaire}, {projet}, {lien} (the evaluation). "
            "Certificate ready: {intitule}, {code}, {lien} (“My learning”), "
            "{lien_verification}. "
            "Write {{ and }} for a brace in the text."
        ),
    )
    updated_at = models.DateTimeField(_("modified at"), auto_now=True)

    class Meta:
        verbose_name = _("e-mail template")
        verbose_name_plural = _("e-mail templates")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.get_key_display()

    def clean(self) -> None:
        if self.key not in EmailKey.values:
            return
        errors = {}
        for field in ("subject", "body"):
            try:
                placeholders_check(getattr(self, field) or "", key=self.key)
            except PlaceholderError as error:
                errors[field] = ValidationError(error.message, code=f"placeholder_{error.code}")
        if errors:
            raise ValidationError(errors)
