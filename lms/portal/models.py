"""Home page, legal pages and the platform settings editable in the Wagtail admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]


class HomePage(Page):
    """The site's home page: presents the programme and leads to both curricula."""

    lead = models.TextField(_("lead paragraph"), max_length=600)
    body = RichTextField(_("presentation of the programme"), features=TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "curriculum.CurriculumIndexPage",
        "portal.LegalPage",
        "portal.AccessibilityPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from lms.portal.selectors import home_curricula

        context = super().get_context(request, *args, **kwargs)
        context.update(home_curricula(home=self))
        return context


class LegalKind(models.TextChoices):
    LEGAL_NOTICE = "legal_notice", _("Legal notice")
    PERSONAL_DATA = "personal_data", _("Personal data")
    TERMS = "terms", _("Terms of use")


class LegalPage(Page):
    """A page the State requires (mentions légales, données personnelles), linked in the footer."""

    kind = models.CharField(_("kind"), max_length=32, choices=LegalKind.choices)
    body = RichTextField(_("body"), features=TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("kind"), FieldPanel("body")]

    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")


class ConformityStatus(models.TextChoices):
    """RGAA conformity, as the accessibility statement and the footer must say it."""

    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AccessibilityPage(Page):
    """The accessibility statement with its RGAA conformity status (shown in the footer)."""

    conformity_status = models.CharField(
        _("conformity status"),
        max_length=16,
        choices=ConformityStatus.choices,
        default=ConformityStatus.NONE,
    )
    compliance_rate = models.DecimalField(
        _("compliance rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    audit_date = models.DateField(_("audit date"), null=True, blank=True)
    statement_date = models.DateField(_("statement date"), null=True, blank=True)
    body = RichTextField(_("body"), features=TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("conformity_status"),
                FieldPanel("compliance_rate"),
                FieldPanel("audit_date"),
                FieldPanel("statement_date"),
            ],
            heading=_("Conformity"),
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")


@register_setting(icon="cog")
class PlatformSettings(BaseGenericSetting):
    """Who runs the platform and how to reach them; shown in the footer and e-mails."""

    operator_name = models.CharField(
        _("operator"), max_length=200, default="Institut national du service public"
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    footer_description = models.TextField(
        _("footer description"),
        blank=True,
        default=(
            "Formation croisée des hauts fonctionnaires et des dirigeants associatifs, "
            "portée par la DIESE, l'INSP et La France s'engage."
        ),
    )

    panels = [
        FieldPanel("operator_name"),
        FieldPanel("contact_email"),
        FieldPanel("footer_description"),
    ]

    class Meta:
        verbose_name = _("platform settings")
