"""What one live-blog entry may hold: the story body's blocks, minus subheadings."""

from wagtail import blocks

from newsdesk.core.blocks import CaptionedImageBlock, ParagraphBlock, QuoteBlock, StoryEmbedBlock


class LiveBlogEntryBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    embed = StoryEmbedBlock()
