"""Models of the curricula: pages and mirror pairs."""

from curriculum.models.mirrors import MirrorPair
from curriculum.models.pages import (
    Audience,
    CurriculumIndexPage,
    CurriculumPage,
    LessonPage,
    ModulePage,
)

__all__ = [
    "Audience",
    "CurriculumIndexPage",
    "CurriculumPage",
    "LessonPage",
    "MirrorPair",
    "ModulePage",
]
