"""Fixtures of the admin actions: a module, promotions with learners, their trainers."""

import pytest
from django.test import Client

from lms.accounts import roles
from lms.people.models import Promotion, PromotionMembership
from tests.factories import UserFactory


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def module(association_curriculum, module_factory, lesson_factory):
    """« Financer l'action publique », with two lessons."""
    module = module_factory(parent=association_curriculum, title="Financer l'action publique")
    lesson_factory(parent=module, title="Le budget de l'État")
    lesson_factory(parent=module, title="Les subventions")
    return module


@pytest.fixture
def make_learner(db):
    def make(**kwargs):
        return UserFactory(roles=[roles.LEARNERS], **kwargs)

    return make


@pytest.fixture
def promotion(trainer, make_learner) -> Promotion:
    """« CHESP 2026 »: three learners, followed by ``trainer``."""
    promotion = Promotion.objects.create(name="CHESP 2026", year=2026)
    promotion.trainers.add(trainer)
    for _index in range(3):
        PromotionMembership.objects.create(promotion=promotion, learner=make_learner())
    return promotion


@pytest.fixture
def other_trainer(db):
    return UserFactory(email="formateur2@insp.gouv.fr", roles=[roles.TRAINERS])


@pytest.fixture
def other_promotion(other_trainer, make_learner) -> Promotion:
    """« Lauréats La France s'engage 2026 »: one learner, followed by ``other_trainer``."""
    promotion = Promotion.objects.create(name="Lauréats La France s'engage 2026", year=2026)
    promotion.trainers.add(other_trainer)
    PromotionMembership.objects.create(promotion=promotion, learner=make_learner())
    return promotion
