"""Certificate templates, their immutable versions, and issued certificates."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import PreviewableMixin

from lms.certificates.codes import code_format
from lms.certificates.placeholders import (
    CURRICULUM,
    MODULE,
    TemplateTextError,
    body_check,
    text_check,
)

COLOUR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")


def validate_colour(value: str) -> None:
    """A colour written ``#RRGGBB``."""
    if not COLOUR_RE.match(value or ""):
        raise ValidationError(_("Write a colour as #RRGGBB, for example #000091."))


class CertificateKind(models.TextChoices):
    MODULE = MODULE, _("module")
    CURRICULUM = CURRICULUM, _("curriculum")


#: Fields of a template copied into each version (the texts and the look).
VERSIONED_FIELDS = (
    "kind",
    "title_fr",
    "title_en",
    "body_fr",
    "body_en",
    "signatory_name",
    "signatory_role_fr",
    "signatory_role_en",
    "primary_colour",
    "accent_colour",
)
#: Image fields of a template; their files are copied into each version.
IMAGE_FIELDS = ("signature_image", "logo_1", "logo_2", "logo_3")


class CertificateTemplate(PreviewableMixin, models.Model):
    """What a certificate says and looks like, in French and in English.

    A template attests a module or a curriculum: one given page, or any of its kind when
    ``target`` is empty (a template for the page wins over a general one). Each save through
    :func:`~lms.certificates.services.certificate_template_save` increments ``version`` and
    freezes a :class:`CertificateTemplateVersion`, so certificates already issued render
    as they were.
    """

    name = models.CharField(
        _("name"), max_length=200, help_text=_("For administrators, e.g. “Module – standard”.")
    )
    kind = models.CharField(
        _("certifies"), max_length=16, choices=CertificateKind.choices, default=MODULE
    )
    target = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("module or curriculum"),
        help_text=_("Empty: any module (or curriculum) without a template of its own."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active templates are used to issue.")
    )
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_fr = models.TextField(
        _("text (French)"),
        help_text=_(
            "Plain text, or the tags <p>, <br>, <strong>, <em> without attributes. A blank "
            "line starts a paragraph. Placeholders: {prenom}, {nom}, {nom_complet}, {module}, "
            "{curriculum}, {intitule}, {promotion}, {date_fin}, {heures}, {date_emission}, "
            "{code}, {lien_verification}. Write {{ and }} for a brace."
        ),
    )
    body_en = models.TextField(_("text (English)"), help_text=_("As the French text."))
    signatory_name = models.CharField(_("signatory's name"), max_length=200)
    signatory_role_fr = models.CharField(_("signatory's role (French)"), max_length=200)
    signatory_role_en = models.CharField(_("signatory's role (English)"), max_length=200)
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signature image"),
    )
    logo_1 = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first logo"),
        help_text=_("E.g. the ministry's. The image's title is its text alternative."),
    )
    logo_2 = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("second logo"),
    )
    logo_3 = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("third logo"),
    )
    primary_colour = models.CharField(
        _("main colour"), max_length=7, default="#000091", validators=[validate_colour]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#E1000F", validators=[validate_colour]
    )
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    updated_at = models.DateTimeField(_("modified at"), auto_now=True)

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.target_id:
            from curriculum.models import CurriculumPage, ModulePage

            model = ModulePage if self.kind == MODULE else CurriculumPage
            if not model.objects.filter(pk=self.target_id).exists():
                errors["target"] = [
                    _("Choose a module.") if self.kind == MODULE else _("Choose a curriculum.")
                ]
        for field in ("title_fr", "title_en"):
            try:
                text_check(getattr(self, field) or "", kind=self.kind)
            except TemplateTextError as error:
                errors.setdefault(field, []).append(error.message)
        for field in ("body_fr", "body_en"):
            try:
                body_check(getattr(self, field) or "", kind=self.kind)
            except TemplateTextError as error:
                errors.setdefault(field, []).append(error.message)
        if errors:
            raise ValidationError(errors)

    # Live preview in the admin (a PDF with sample data).
    preview_modes = [("fr", _("French")), ("en", _("English"))]

    def serve_preview(self, request, mode_name):
        from lms.certificates.admin_views import template_preview_response

        return template_preview_response(template=self, language=mode_name or "fr")


class CertificateTemplateVersion(models.Model):
    """A frozen copy of a template (texts, colours, copies of its images), never changed.

    ``data`` holds the :data:`VERSIONED_FIELDS` and, under ``images``, the storage names of
    the copied image files with their text alternatives.
    """

    template = models.ForeignKey(
        CertificateTemplate,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("template"),
    )
    number = models.PositiveIntegerField(_("version"))
    data = models.JSONField(_("content"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("certificate template version")
        verbose_name_plural = _("certificate template versions")
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"], name="certificates_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"


def certificate_upload_to(instance: Certificate, filename: str) -> str:
    return f"certificates/{instance.issued_at:%Y/%m}/{filename}"


class Certificate(models.Model):
    """A certificate issued to a learner for a module or a curriculum.

    ``snapshot`` freezes what was certified (name as printed, titles, promotion, dates,
    hours, the placeholder values and the verification address), so the PDF can be
    rendered again identically from it and ``template_version``. At most one *valid*
    certificate per learner and module (or curriculum), enforced by a partial unique
    constraint; re-issuing supersedes the previous one, which stays as history.
    """

    class Status(models.TextChoices):
        VALID = "valid", _("valid")
        REVOKED = "revoked", _("revoked")
        SUPERSEDED = "superseded", _("superseded")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("learner"),
    )
    kind = models.CharField(_("certifies"), max_length=16, choices=CertificateKind.choices)
    # Kept (empty) when the page is deleted: the snapshot still says what was certified.
    target = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("module or curriculum"),
    )
    template_version = models.ForeignKey(
        CertificateTemplateVersion,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("template version"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    snapshot = models.JSONField(_("what was certified"))
    code = models.CharField(_("code"), max_length=20, unique=True)
    pdf = models.FileField(_("PDF"), upload_to=certificate_upload_to, max_length=255)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.VALID
    )
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoked_reason = models.TextField(_("reason"), blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("replaced by"),
    )
    # The bulk issuance that made it, if any: a retried item recognises its own work.
    job = models.ForeignKey(
        "jobs.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bulk issuance"),
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "target"],
                condition=models.Q(status="valid"),
                name="certificates_one_valid_per_learner_target",
                violation_error_message=_("The learner already holds a valid certificate for it."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="revoked") | models.Q(revoked_at__isnull=False),
                name="certificates_revoked_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="superseded") | models.Q(superseded_at__isnull=False),
                name="certificates_superseded_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["learner", "status"], name="certificates_learner_status"),
            models.Index(fields=["target", "status"], name="certificates_target_status"),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} – {self.snapshot.get('holder', '')}"

    def get_absolute_url(self) -> str:
        """The public verification page."""
        return reverse("certificates:verify_code", kwargs={"code": self.display_code})

    @property
    def display_code(self) -> str:
        """The code as printed, in groups of four."""
        return code_format(self.code)

    @property
    def title(self) -> str:
        """The title of what is certified, as printed."""
        return self.snapshot.get("target_title", "")
