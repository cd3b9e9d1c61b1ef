"""Who sees which promotions and learners."""

import pytest
from django.contrib.auth.models import AnonymousUser

from lms.people.models import PromotionMembership
from lms.people.permissions import (
    can_view_learner,
    learner_profiles_visible_to,
    learners_visible_to,
    promotions_visible_to,
    user_is_administrator,
    user_is_trainer,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_roles_come_from_groups(learner, trainer, reviewer, administrator):
    superuser = UserFactory(is_superuser=True)
    assert [user_is_administrator(u) for u in (learner, trainer, reviewer, administrator)] == [
        False,
        False,
        False,
        True,
    ]
    assert user_is_administrator(superuser)
    assert [user_is_trainer(u) for u in (learner, trainer, reviewer, administrator)] == [
        False,
        True,
        False,
        False,
    ]
    assert not user_is_administrator(AnonymousUser())


def test_a_deactivated_administrator_is_not_one(administrator):
    administrator.is_active = False
    assert not user_is_administrator(administrator)


def test_administrators_see_every_promotion(administrator, followed_promotion, other_promotion):
    assert set(promotions_visible_to(administrator)) == {followed_promotion, other_promotion}


def test_trainers_see_the_promotions_they_follow(trainer, followed_promotion, other_promotion):
    assert list(promotions_visible_to(trainer)) == [followed_promotion]


def test_learners_and_visitors_see_no_promotion(learner, reviewer, followed_promotion):
    PromotionMembership.objects.create(promotion=followed_promotion, learner=learner)
    assert not promotions_visible_to(learner).exists()
    assert not promotions_visible_to(reviewer).exists()
    assert not promotions_visible_to(AnonymousUser()).exists()


def test_who_may_view_a_learner(
    administrator, trainer, other_trainer, learner, civil_servant, followed_promotion
):
    PromotionMembership.objects.create(promotion=followed_promotion, learner=civil_servant)

    assert can_view_learner(administrator, civil_servant)
    assert can_view_learner(trainer, civil_servant)
    assert not can_view_learner(other_trainer, civil_servant)
    assert can_view_learner(civil_servant, civil_servant)
    assert not can_view_learner(learner, civil_servant)
    assert not can_view_learner(AnonymousUser(), civil_servant)


def test_trainers_see_only_the_learners_of_their_promotions(
    trainer, civil_servant, association_leader, followed_promotion, other_promotion
):
    PromotionMembership.objects.create(promotion=followed_promotion, learner=civil_servant)
    PromotionMembership.objects.create(promotion=other_promotion, learner=association_leader)

    assert [p.user for p in learner_profiles_visible_to(trainer)] == [civil_servant]
    assert set(learners_visible_to(trainer)) == {trainer, civil_servant}
    assert list(learners_visible_to(civil_servant)) == [civil_servant]
    assert not learner_profiles_visible_to(civil_servant).exists()
