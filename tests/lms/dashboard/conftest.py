"""Fixtures of the dashboard tests."""

import pytest

from lms.accounts import roles
from tests.factories import UserFactory


@pytest.fixture
def make_learner(db):
    def make(**kwargs):
        return UserFactory(roles=[roles.LEARNERS], **kwargs)

    return make
