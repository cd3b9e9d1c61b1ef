"""Shared fixtures: the site skeleton, curricula, users of each role, CI skip policy."""

import os

import pytest
from django.db import connection

from curriculum.models import Audience, CurriculumIndexPage
from lms.accounts import roles
from lms.portal.models import HomePage
from tests.factories import (
    CurriculumPageFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
)

IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str) -> None:
    """Skip with a printed reason; under ``CI=true`` a skip is a failure."""
    if IN_CI:
        pytest.fail(f"Cannot skip under CI=true: {reason}")
    print(f"SKIPPED: {reason}")
    pytest.skip(reason)


@pytest.fixture
def requires_postgres():
    if connection.vendor != "postgresql":
        skip_or_fail("this test needs PostgreSQL (set DATABASE_URL=postgres://...)")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def home(db) -> HomePage:
    """The home page created by the site-structure migration."""
    return HomePage.objects.get()


@pytest.fixture
def curricula_index(db) -> CurriculumIndexPage:
    return CurriculumIndexPage.objects.get()


@pytest.fixture
def association_curriculum(curricula_index):
    return CurriculumPageFactory(
        parent=curricula_index,
        title="Politiques publiques et service public",
        slug="politiques-publiques",
        audience=Audience.ASSOCIATION_LEADERS,
    )


@pytest.fixture
def civil_servant_curriculum(curricula_index):
    return CurriculumPageFactory(
        parent=curricula_index,
        title="ESS et innovation sociale",
        slug="ess-innovation-sociale",
        audience=Audience.CIVIL_SERVANTS,
    )


@pytest.fixture
def module_factory():
    return ModulePageFactory


@pytest.fixture
def lesson_factory():
    return LessonPageFactory


def _user_with_role(role: str | None, email: str):
    return UserFactory(email=email, roles=[role] if role else [])


@pytest.fixture
def learner(db):
    return _user_with_role(roles.LEARNERS, "apprenant@exemple.fr")


@pytest.fixture
def trainer(db):
    return _user_with_role(roles.TRAINERS, "formatrice@insp.gouv.fr")


@pytest.fixture
def reviewer(db):
    return _user_with_role(roles.REVIEWERS, "relecteur@insp.gouv.fr")


@pytest.fixture
def administrator(db):
    return _user_with_role(roles.ADMINISTRATORS, "admin@insp.gouv.fr")
