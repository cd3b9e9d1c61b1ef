"""Pairing rules: one of each audience, members of the promotion, paired once, audited;
the suggested pairing and its confirmation."""

import pytest
from django.db import IntegrityError, transaction

from curriculum.models import Audience
from lms.audit.models import AuditEntry
from lms.binomes.errors import BinomeError
from lms.binomes.models import Binome, BinomeMember, Project
from lms.binomes.services import (
    binome_create,
    binome_create_many,
    binome_dissolve,
    pairing_suggest,
    pairing_themes_set,
)
from tests.lms.binomes.conftest import make_learner

pytestmark = pytest.mark.django_db


def test_a_trainer_following_the_promotion_pairs_two_learners_in_any_order(
    promotion, civil_servant, association_leader, trainer
):
    binome = binome_create(
        promotion=promotion, first=association_leader, second=civil_servant, by=trainer
    )

    assert binome.civil_servant == civil_servant
    assert binome.association_leader == association_leader
    assert binome.status == Binome.Status.FORMING
    assert binome.created_by == trainer
    assert Project.objects.filter(binome=binome).exists()
    assert set(BinomeMember.objects.values_list("learner_id", flat=True)) == {
        civil_servant.pk,
        association_leader.pk,
    }


def test_pairing_is_audited_for_both_members(binome, civil_servant, association_leader, trainer):
    entries = AuditEntry.objects.filter(action="binome.formed")
    assert {entry.learner_id for entry in entries} == {civil_servant.pk, association_leader.pk}
    entry = entries.get(learner=civil_servant)
    assert entry.actor == trainer
    assert "Karim Benali" in entry.message


def test_two_learners_of_the_same_audience_are_refused(promotion, civil_servant, trainer):
    colleague = make_learner(audience=Audience.CIVIL_SERVANTS, promotion=promotion)

    with pytest.raises(BinomeError) as error:
        binome_create(promotion=promotion, first=civil_servant, second=colleague, by=trainer)

    assert error.value.code == "same_audience"
    assert "même public" in error.value.message or "audience" in error.value.message
    assert not Binome.objects.exists()


def test_a_learner_without_audience_is_refused(promotion, civil_servant, trainer):
    unknown = make_learner(audience="", promotion=promotion)
    with pytest.raises(BinomeError) as error:
        binome_create(promotion=promotion, first=civil_servant, second=unknown, by=trainer)
    assert error.value.code == "no_audience"


def test_learners_outside_the_promotion_are_refused(promotion, civil_servant, trainer):
    outsider = make_learner(audience=Audience.ASSOCIATION_LEADERS)
    with pytest.raises(BinomeError) as error:
        binome_create(promotion=promotion, first=civil_servant, second=outsider, by=trainer)
    assert error.value.code == "not_member"


def test_a_learner_already_paired_in_the_promotion_is_refused(
    binome, promotion, civil_servant, trainer
):
    other_leader = make_learner(audience=Audience.ASSOCIATION_LEADERS, promotion=promotion)
    with pytest.raises(BinomeError) as error:
        binome_create(promotion=promotion, first=civil_servant, second=other_leader, by=trainer)
    assert error.value.code == "already_paired"
    assert Binome.objects.count() == 1


def test_the_database_refuses_a_second_binome_for_a_learner_in_a_promotion(
    binome, promotion, civil_servant
):
    other = Binome.objects.create(
        promotion=promotion,
        civil_servant=civil_servant,
        association_leader=make_learner(audience=Audience.ASSOCIATION_LEADERS),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        BinomeMember.objects.create(binome=other, promotion=promotion, learner=civil_servant)


def test_the_same_learner_may_be_paired_in_another_promotion(binome, civil_servant, administrator):
    from lms.people.models import Promotion, PromotionMembership

    other_promotion = Promotion.objects.create(name="CHESP 2027", year=2027)
    PromotionMembership.objects.create(promotion=other_promotion, learner=civil_servant)
    leader = make_learner(audience=Audience.ASSOCIATION_LEADERS, promotion=other_promotion)

    binome_create(promotion=other_promotion, first=civil_servant, second=leader, by=administrator)

    assert BinomeMember.objects.filter(learner=civil_servant).count() == 2


def test_only_administrators_and_following_trainers_pair(
    promotion, civil_servant, association_leader, other_trainer, other_learner
):
    for person in (other_trainer, other_learner):
        with pytest.raises(BinomeError) as error:
            binome_create(
                promotion=promotion, first=civil_servant, second=association_leader, by=person
            )
        assert error.value.code == "forbidden"


def test_dissolving_is_audited_and_frees_both_learners(
    binome, promotion, civil_servant, association_leader, trainer
):
    binome_dissolve(binome=binome, by=trainer)

    assert not Binome.objects.exists()
    assert AuditEntry.objects.filter(action="binome.dissolved").count() == 2
    binome_create(promotion=promotion, first=civil_servant, second=association_leader, by=trainer)


def _learner(promotion, audience, name, **profile):
    return make_learner(
        audience=audience, promotion=promotion, last_name=name, first_name="A", **profile
    )


def test_the_suggestion_matches_territory_and_themes_and_avoids_the_same_organisation(
    promotion,
):
    cs_a = _learner(
        promotion,
        Audience.CIVIL_SERVANTS,
        "Arnaud",
        organisation="Ville de Lyon",
        region="84",
        departement="69",
    )
    cs_b = _learner(
        promotion,
        Audience.CIVIL_SERVANTS,
        "Bernard",
        organisation="DDETS Gironde",
        region="75",
        departement="33",
    )
    al_lyon_same_org = _learner(
        promotion,
        Audience.ASSOCIATION_LEADERS,
        "Carpentier",
        organisation="ville de lyon",
        region="84",
        departement="69",
    )
    al_gironde = _learner(
        promotion,
        Audience.ASSOCIATION_LEADERS,
        "Dupont",
        organisation="Asso Bordeaux",
        region="75",
        departement="33",
    )
    al_themes = _learner(
        promotion,
        Audience.ASSOCIATION_LEADERS,
        "Estève",
        organisation="Asso Logement",
        region="11",
        departement="75",
    )
    pairing_themes_set(promotion=promotion, learner=cs_a, themes="Logement, insertion")
    pairing_themes_set(promotion=promotion, learner=al_themes, themes="logement")

    suggestion = pairing_suggest(promotion=promotion)

    pairs = {(p.civil_servant, p.association_leader) for p in suggestion.proposals}
    assert pairs == {(cs_a, al_themes), (cs_b, al_gironde)}
    assert suggestion.unpaired == [al_lyon_same_org]
    by_cs = {p.civil_servant: p for p in suggestion.proposals}
    assert by_cs[cs_b].score == 3
    assert by_cs[cs_a].score == 1
    # Deterministic: the same input gives the same proposals.
    assert pairing_suggest(promotion=promotion).proposals == suggestion.proposals
    # Nothing is written by a suggestion.
    assert not Binome.objects.exists()


def test_the_suggestion_leaves_out_learners_already_paired(binome, promotion, other_learner):
    suggestion = pairing_suggest(promotion=promotion)
    assert suggestion.proposals == []
    assert suggestion.unpaired == [other_learner]


def test_confirming_creates_all_binomes_or_none(promotion, trainer):
    cs_a = _learner(promotion, Audience.CIVIL_SERVANTS, "Arnaud")
    cs_b = _learner(promotion, Audience.CIVIL_SERVANTS, "Bernard")
    al_a = _learner(promotion, Audience.ASSOCIATION_LEADERS, "Carpentier")
    al_b = _learner(promotion, Audience.ASSOCIATION_LEADERS, "Dupont")

    with pytest.raises(BinomeError) as error:
        binome_create_many(promotion=promotion, pairs=[(cs_a, al_a), (cs_b, cs_a)], by=trainer)
    assert "Bernard" in error.value.message
    assert not Binome.objects.exists()
    assert not AuditEntry.objects.filter(action="binome.formed").exists()

    created = binome_create_many(
        promotion=promotion, pairs=[(cs_a, al_a), (cs_b, al_b)], by=trainer
    )
    assert len(created) == 2
    assert Binome.objects.count() == 2
