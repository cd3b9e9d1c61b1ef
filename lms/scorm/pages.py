"""The SCORM lesson: a lesson of a module that plays exactly one package."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.models import Page
from wagtail.search import index

from curriculum.extensions import page_panels


class ScormLessonPage(Page):
    """A lesson whose activity is a SCORM package, played in the browser and tracked.

    The page (on the site's origin) shows the package's table of contents and a frame on the
    content origin, where the runtime wrapper plays one SCO at a time (see ``lms.scorm``).
    """

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
    package = models.ForeignKey(
        "scorm.ScormPackage",
        on_delete=models.PROTECT,
        related_name="lessons",
        verbose_name=_("SCORM package"),
    )
    frame_height = models.PositiveSmallIntegerField(
        _("player height (pixels)"),
        default=640,
        validators=[MinValueValidator(300), MaxValueValidator(2000)],
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("required"),
        FieldPanel("package"),
        FieldPanel("frame_height"),
        HelpPanel(
            content=_(
                "The lesson plays the package's latest version; learners who started on an "
                "earlier version finish their attempt on it. Upload packages under "
                "« SCORM packages »."
            )
        ),
    ]

    parent_page_types = ["curriculum.ModulePage"]
    subpage_types: list[str] = []
    template = "scorm/scorm_lesson_page.html"

    class Meta:
        verbose_name = _("SCORM lesson")
        verbose_name_plural = _("SCORM lessons")

    def get_context(self, request, *args, **kwargs):
        from curriculum.selectors import lesson_neighbours
        from lms.scorm.player import player_context

        context = super().get_context(request, *args, **kwargs)
        context["previous_lesson"], context["next_lesson"] = lesson_neighbours(lesson=self)
        context["extra_panels"] = page_panels("curriculum_lesson_panels", request, self)
        context.update(player_context(request=request, lesson=self))
        return context
