"""Fixtures of the enrolment tests: a module with lessons, more learners."""

import pytest

from lms.accounts import roles
from tests.factories import UserFactory


@pytest.fixture
def module(association_curriculum, module_factory, lesson_factory):
    """« Financer l'action publique », with two lessons."""
    module = module_factory(parent=association_curriculum, title="Financer l'action publique")
    lesson_factory(parent=module, title="Le budget de l'État")
    lesson_factory(parent=module, title="Les subventions")
    return module


@pytest.fixture
def make_learner(db):
    """Make learners: ``make_learner()`` or ``make_learner(email=...)``."""

    def make(**kwargs):
        return UserFactory(roles=[roles.LEARNERS], **kwargs)

    return make
