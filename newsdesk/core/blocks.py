"""StreamField blocks for structured story bodies."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "core/blocks/paragraph.html"


class SubheadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "core/blocks/subheading.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(
        required=False, help_text=_("Leave empty to use the image's caption.")
    )
    credit = blocks.CharBlock(required=False, help_text=_("Leave empty to use the image's credit."))

    class Meta:
        icon = "image"
        template = "core/blocks/image.html"


class StoryEmbedBlock(blocks.StructBlock):
    embed = EmbedBlock(help_text=_("A YouTube, Vimeo, X or other oEmbed URL."))
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "media"
        template = "core/blocks/embed.html"


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    subheading = SubheadingBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    embed = StoryEmbedBlock()
