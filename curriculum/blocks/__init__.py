"""StreamField blocks of lesson bodies."""

from curriculum.blocks.content import (
    CalloutBlock,
    DocumentBlock,
    HeadingBlock,
    ImageBlock,
    KeyPointsBlock,
    LessonBodyBlock,
    VideoBlock,
)

__all__ = [
    "CalloutBlock",
    "DocumentBlock",
    "HeadingBlock",
    "ImageBlock",
    "KeyPointsBlock",
    "LessonBodyBlock",
    "VideoBlock",
]
