"""Rules deciding who may read a page of the curricula."""

from curriculum.models import LessonPage


def page_requires_login(page) -> bool:
    """Lessons need a signed-in user; home, curricula, modules and the mirror view are public."""
    return isinstance(page, LessonPage)
