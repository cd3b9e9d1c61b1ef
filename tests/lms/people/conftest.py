"""Permissions on promotions and profiles (until the roles grant them), people and promotions.

The roles in :mod:`lms.accounts.roles` do not grant the ``people`` permissions yet; the
fixture below gives each group what the roles are meant to give it.
"""

import pytest
from django.contrib.auth.models import Group, Permission

from curriculum.models import Audience
from lms.accounts import roles
from lms.people.models import LearnerProfile, Promotion
from tests.factories import UserFactory

ROLE_PERMISSIONS = {
    roles.ADMINISTRATORS: (
        "add_promotion",
        "change_promotion",
        "delete_promotion",
        "view_promotion",
        "change_learnerprofile",
        "view_learnerprofile",
    ),
    roles.TRAINERS: ("view_promotion", "view_learnerprofile"),
}


@pytest.fixture(autouse=True)
def people_permissions(db):
    for group_name, codenames in ROLE_PERMISSIONS.items():
        Group.objects.get(name=group_name).permissions.add(
            *Permission.objects.filter(content_type__app_label="people", codename__in=codenames)
        )


@pytest.fixture
def other_trainer(db):
    return UserFactory(
        email="formateur2@insp.gouv.fr",
        first_name="Paul",
        last_name="Durand",
        roles=[roles.TRAINERS],
    )


@pytest.fixture
def followed_promotion(trainer) -> Promotion:
    """« CHESP 2026 », followed by ``trainer``."""
    promotion = Promotion.objects.create(name="CHESP 2026", year=2026, region="11")
    promotion.trainers.add(trainer)
    return promotion


@pytest.fixture
def other_promotion(other_trainer) -> Promotion:
    """« Lauréats La France s'engage 2026 », followed by another trainer."""
    promotion = Promotion.objects.create(name="Lauréats La France s'engage 2026", year=2026)
    promotion.trainers.add(other_trainer)
    return promotion


@pytest.fixture
def civil_servant(db):
    user = UserFactory(
        email="claire.martin@interieur.gouv.fr",
        first_name="Claire",
        last_name="Martin",
        roles=[roles.LEARNERS],
    )
    LearnerProfile.objects.create(
        user=user,
        audience=Audience.CIVIL_SERVANTS,
        organisation="Préfecture du Rhône",
        region="84",
        departement="69",
    )
    return user


@pytest.fixture
def association_leader(db):
    user = UserFactory(
        email="karim.benali@asso.fr", first_name="Karim", last_name="Benali", roles=[roles.LEARNERS]
    )
    LearnerProfile.objects.create(
        user=user,
        audience=Audience.ASSOCIATION_LEADERS,
        organisation="Les Restos du Cœur",
        region="32",
        departement="59",
    )
    return user
