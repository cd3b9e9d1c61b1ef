"""Content blocks a trainer composes a lesson from."""

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


def rich_text_is_blank(source: str) -> bool:
    """Whether rich text shows nothing: empty paragraphs, spaces and non-breaking spaces."""
    text = strip_tags(source or "").replace("&nbsp;", " ").replace("\xa0", " ")
    return not text.strip() and "<embed" not in (source or "")


class TextBlock(blocks.RichTextBlock):
    """Rich text that, when required, must show some text: the editor's empty paragraph
    (``<p></p>``) is refused like an empty field, so a lesson with a blank block cannot
    be submitted for review or published (a draft may still be saved)."""

    def clean(self, value):
        value = super().clean(value)
        if self.required and rich_text_is_blank(getattr(value, "source", value)):
            raise ValidationError(self.field.error_messages["required"], code="required")
        return value


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 so the lesson title stays the only ``h1``."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (level 2)")), ("h3", _("Sub-section (level 3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "curriculum/blocks/heading.html"
        preview_value = {"text": "Les acteurs de la décision publique", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    """An image with its text alternative and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Text alternative"),
        required=False,
        max_length=250,
        help_text=_("Describe the image for people who cannot see it; leave empty if decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "curriculum/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    """A downloadable document, announced with its format and size."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Defaults to the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "curriculum/blocks/document.html"


class VideoBlock(blocks.StructBlock):
    """An embedded video with a mandatory transcript (RGAA criterion 4.1)."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video = EmbedBlock(label=_("Video address"), help_text=_("e.g. a Dailymotion or PeerTube link"))
    transcript = TextBlock(label=_("Transcript"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "curriculum/blocks/video.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted paragraph (DSFR callout) for a definition, an example or a warning."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    text = TextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Callout")
        template = "curriculum/blocks/callout.html"
        preview_value = {
            "title": "Définition",
            "text": "<p>Une politique publique est un ensemble d'actions coordonnées.</p>",
        }


class KeyPointsBlock(blocks.StructBlock):
    """« À retenir »: the few points a learner should keep from the lesson."""

    title = blocks.CharBlock(label=_("Title"), default=_("Key points"), max_length=100)
    points = blocks.ListBlock(blocks.CharBlock(label=_("Point"), max_length=300), label=_("Points"))

    class Meta:
        icon = "tick-inverse"
        label = _("Key points")
        template = "curriculum/blocks/key_points.html"
        preview_value = {
            "title": "À retenir",
            "points": ["Le budget de l'État est voté chaque année.", "L'évaluation éclaire."],
        }


class LessonBodyBlock(blocks.StreamBlock):
    """The body of a lesson."""

    paragraph = TextBlock(
        label=_("Rich text"),
        features=[*RICH_TEXT_FEATURES, "h2", "h3", "blockquote"],
        icon="pilcrow",
        template="curriculum/blocks/paragraph.html",
        preview_value="<p>La décision publique suit un cycle : mise à l'agenda, formulation…</p>",
    )
    heading = HeadingBlock()
    image = ImageBlock()
    document = DocumentBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    key_points = KeyPointsBlock()

    class Meta:
        block_counts = {}
