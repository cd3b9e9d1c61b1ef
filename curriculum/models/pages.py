"""Page types of the curricula: index → curriculum → module → lesson."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from curriculum.blocks import LessonBodyBlock
from curriculum.extensions import page_panels
from curriculum.forms import ModulePageForm
from curriculum.panels import MirrorPanel

SUMMARY_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class Audience(models.TextChoices):
    """The two audiences of the programme; each curriculum is written for one of them."""

    ASSOCIATION_LEADERS = "association_leaders", _("Association leaders")
    CIVIL_SERVANTS = "civil_servants", _("Senior civil servants")


class CurriculumIndexPage(RoutablePageMixin, Page):
    """The parent of all curricula; also serves the mirror view at ``miroir/``.

    Trainers' page permissions are granted on this page, so they can author every
    curriculum and nothing else in the tree.
    """

    introduction = RichTextField(_("introduction"), blank=True, features=SUMMARY_FEATURES)
    mirror_introduction = RichTextField(
        _("mirror view introduction"), blank=True, features=SUMMARY_FEATURES
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("mirror_introduction"),
    ]

    # The home page type lives in the portal app; naming it here imports nothing from it.
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["curriculum.CurriculumPage"]
    max_count = 1

    class Meta:
        verbose_name = _("curricula index")
        verbose_name_plural = _("curricula indexes")

    def get_context(self, request, *args, **kwargs):
        from curriculum.selectors import curriculum_list_live

        context = super().get_context(request, *args, **kwargs)
        context["curricula"] = curriculum_list_live(index=self)
        return context

    @path("")
    def index_view(self, request):
        return self.render(request)

    @path("miroir/", name="mirror")
    def mirror_view(self, request):
        """Both curricula side by side, module by module."""
        from curriculum.selectors import mirror_table

        return self.render(
            request,
            context_overrides={
                "mirror": mirror_table(index=self),
                "breadcrumb_current": _("Mirror view"),
            },
            template="curriculum/mirror_view.html",
        )


class CurriculumPage(Page):
    """A curriculum written for one audience, made of modules."""

    audience = models.CharField(_("audience"), max_length=32, choices=Audience.choices)
    introduction = RichTextField(_("introduction"), features=SUMMARY_FEATURES)
    learning_outcomes = RichTextField(
        _("learning outcomes"),
        features=SUMMARY_FEATURES,
        help_text=_("What a learner can do at the end of the curriculum."),
    )

    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("audience"),
        FieldPanel("introduction"),
        FieldPanel("learning_outcomes"),
    ]

    parent_page_types = ["curriculum.CurriculumIndexPage"]
    subpage_types = ["curriculum.ModulePage"]

    class Meta:
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")

    def clean(self) -> None:
        from curriculum.rules import curriculum_audience_errors

        super().clean()
        errors = curriculum_audience_errors(curriculum=self)
        if errors:
            raise ValidationError({"audience": errors})

    def get_context(self, request, *args, **kwargs):
        from curriculum.selectors import module_list_live

        context = super().get_context(request, *args, **kwargs)
        context["modules"] = module_list_live(curriculum=self)
        context["extra_panels"] = page_panels("curriculum_curriculum_panels", request, self)
        return context


class ModulePage(Page):
    """A module of a curriculum: objectives, duration, audience, prerequisites, lessons.

    Its mirror in the other curriculum is a :class:`~curriculum.models.MirrorPair`, edited
    through the mirror services, never by saving a page.
    """

    summary = models.TextField(_("summary"), max_length=600)
    objectives = RichTextField(_("learning objectives"), features=SUMMARY_FEATURES)
    duration_hours = models.DecimalField(
        _("duration (hours)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("500"))],
    )
    target_audience = models.CharField(
        _("target audience"),
        max_length=255,
        help_text=_("Who the module is written for, e.g. “Dirigeants associatifs lauréats”."),
    )
    required = models.BooleanField(
        _("required for the curriculum"),
        default=True,
        help_text=_("The curriculum is complete when all its required modules are."),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("prerequisite modules"),
        symmetrical=False,
        blank=True,
        related_name="required_by",
        help_text=_("Modules of the same curriculum to complete first."),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("objectives"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("objectives"),
        MultiFieldPanel(
            [
                FieldPanel("duration_hours"),
                FieldPanel("target_audience"),
                FieldPanel("required"),
                FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Organisation"),
        ),
        MirrorPanel(heading=_("Mirror module")),
    ]

    base_form_class = ModulePageForm
    parent_page_types = ["curriculum.CurriculumPage"]
    subpage_types = ["curriculum.LessonPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def clean(self) -> None:
        from curriculum.rules import prerequisite_errors

        super().clean()
        errors = prerequisite_errors(module=self, prerequisites=list(self.prerequisites.all()))
        if errors:
            raise ValidationError({"prerequisites": errors})

    def get_context(self, request, *args, **kwargs):
        from curriculum.selectors import lesson_list_live, module_mirror_live

        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = lesson_list_live(module=self)
        context["mirror"] = module_mirror_live(module=self)
        context["prerequisite_modules"] = self.prerequisites.live().order_by("path")
        context["extra_panels"] = page_panels("curriculum_module_panels", request, self)
        return context

    @property
    def curriculum(self) -> "CurriculumPage | None":
        """The curriculum this module belongs to (its parent page)."""
        parent = self.get_parent()
        return parent.specific if parent is not None else None


class LessonPage(Page):
    """A lesson of a module; its body is composed of blocks. Reading it needs a login."""

    summary = models.TextField(_("summary"), max_length=600, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated time (minutes)"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    required = models.BooleanField(
        _("required for the module"),
        default=True,
        help_text=_("The module is complete when all its required lessons are."),
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("required"),
        HelpPanel(
            content=_(
                "Lessons are only shown to signed-in learners; the module page lists them "
                "publicly by title."
            )
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["curriculum.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def get_context(self, request, *args, **kwargs):
        from curriculum.selectors import lesson_neighbours

        context = super().get_context(request, *args, **kwargs)
        context["previous_lesson"], context["next_lesson"] = lesson_neighbours(lesson=self)
        context["extra_panels"] = page_panels("curriculum_lesson_panels", request, self)
        return context
