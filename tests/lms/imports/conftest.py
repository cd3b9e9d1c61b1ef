"""Fixtures of the imports tests: permissions (until the roles grant them), a module,
promotions, learners already known."""

import pytest
from django.contrib.auth.models import Group, Permission

from curriculum.models import Audience
from lms.accounts import roles
from lms.people.models import Promotion
from lms.people.services import learner_profile_update
from tests.factories import UserFactory

ADMINISTRATOR_PERMISSIONS = (
    ("imports", "add_importbatch"),
    ("jobs", "view_job"),
)


@pytest.fixture(autouse=True)
def imports_permissions(db):
    """What the Administrateurs role is meant to grant (see the report to the lead)."""
    group = Group.objects.filter(name=roles.ADMINISTRATORS).first()
    if group is None:
        return
    for app_label, codename in ADMINISTRATOR_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


@pytest.fixture
def module(association_curriculum, module_factory, lesson_factory):
    """« Financer l'action publique », with one lesson."""
    module = module_factory(parent=association_curriculum, title="Financer l'action publique")
    lesson_factory(parent=module, title="Le budget de l'État")
    return module


@pytest.fixture
def chesp(db) -> Promotion:
    return Promotion.objects.create(name="CHESP", year=2026)


@pytest.fixture
def laureates(db) -> Promotion:
    return Promotion.objects.create(name="Lauréats La France s'engage 2026", year=2026)


@pytest.fixture
def known_learner(db):
    """An account that already exists, with a profile partly filled."""
    user = UserFactory(
        email="claire.martin@asso.fr", first_name="Claire", last_name="", roles=[roles.LEARNERS]
    )
    learner_profile_update(user=user, audience=Audience.ASSOCIATION_LEADERS, organisation="")
    return user
