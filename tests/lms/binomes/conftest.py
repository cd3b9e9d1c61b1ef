"""Fixtures of the binôme tests: a promotion, its trainer, learners of both audiences."""

import pytest

from curriculum.models import Audience
from lms.accounts import roles
from lms.binomes.models import EvaluationCriterion
from lms.binomes.services import binome_create
from lms.people.models import LearnerProfile, Promotion, PromotionMembership
from tests.factories import UserFactory


def make_learner(
    *,
    audience: str,
    promotion: Promotion | None = None,
    organisation: str = "",
    region: str = "",
    departement: str = "",
    **fields,
):
    """A learner with a profile, added to ``promotion`` when given."""
    user = UserFactory(roles=[roles.LEARNERS], **fields)
    LearnerProfile.objects.create(
        user=user,
        audience=audience,
        organisation=organisation,
        region=region,
        departement=departement,
    )
    if promotion is not None:
        PromotionMembership.objects.create(promotion=promotion, learner=user)
    return user


@pytest.fixture
def promotion(db, trainer):
    promotion = Promotion.objects.create(name="CHESP 2026", year=2026)
    promotion.trainers.add(trainer)
    return promotion


@pytest.fixture
def civil_servant(promotion):
    return make_learner(
        audience=Audience.CIVIL_SERVANTS,
        promotion=promotion,
        email="claire@insp.gouv.fr",
        first_name="Claire",
        last_name="Martin",
        organisation="Préfecture du Bas-Rhin",
        region="44",
        departement="67",
    )


@pytest.fixture
def association_leader(promotion):
    return make_learner(
        audience=Audience.ASSOCIATION_LEADERS,
        promotion=promotion,
        email="karim@asso.fr",
        first_name="Karim",
        last_name="Benali",
        organisation="Jardins partagés",
        region="44",
        departement="67",
    )


@pytest.fixture
def other_learner(promotion):
    """A member of the promotion who is not in the binôme."""
    return make_learner(
        audience=Audience.ASSOCIATION_LEADERS,
        promotion=promotion,
        email="autre@asso.fr",
        first_name="Awa",
        last_name="Diallo",
    )


@pytest.fixture
def other_trainer(db):
    """A trainer who does not follow the promotion."""
    return UserFactory(roles=[roles.TRAINERS], email="autre.formateur@insp.gouv.fr")


@pytest.fixture
def binome(promotion, civil_servant, association_leader, trainer):
    return binome_create(
        promotion=promotion, first=civil_servant, second=association_leader, by=trainer
    )


@pytest.fixture
def criteria(promotion):
    return [
        EvaluationCriterion.objects.create(
            promotion=promotion, label="Pragmatisme de la solution", position=1
        ),
        EvaluationCriterion.objects.create(
            promotion=promotion, label="Adéquation aux besoins du terrain", position=2
        ),
        EvaluationCriterion.objects.create(
            promotion=promotion, label="Compréhension mutuelle", position=3
        ),
    ]


def answers_for(criteria, score: int = 3) -> dict:
    """The same score for every criterion."""
    return {criterion.pk: (score, "") for criterion in criteria}
