"""Services of profiles and promotions: validation, atomicity and the audit trail."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import ModelLogEntry

from curriculum.models import Audience
from lms.accounts import roles
from lms.audit.models import AuditEntry
from lms.people.models import LearnerProfile, Promotion, PromotionMembership
from lms.people.services import (
    learner_profile_get_or_create,
    learner_profile_update,
    promotion_add_members,
    promotion_create,
    promotion_delete,
    promotion_remove_member,
    promotion_update,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# Profiles ----------------------------------------------------------------------------------


def test_get_or_create_creates_one_default_profile(learner):
    first = learner_profile_get_or_create(user=learner)
    second = learner_profile_get_or_create(user=learner)

    assert first.pk == second.pk
    assert LearnerProfile.objects.filter(user=learner).count() == 1
    assert first.preferred_language == "fr"
    assert first.audience == "" and first.region == ""


def test_a_name_change_is_audited_with_old_and_new_names(learner):
    learner.first_name, learner.last_name = "Anne", "Dupont"
    learner.save()

    learner_profile_update(user=learner, actor=learner, first_name="Anne", last_name="Lefèvre")

    learner.refresh_from_db()
    assert learner.last_name == "Lefèvre"
    entry = AuditEntry.objects.get(learner=learner, action="profile.name_changed")
    assert entry.actor == learner
    assert entry.data == {
        "old": {"first_name": "Anne", "last_name": "Dupont"},
        "new": {"first_name": "Anne", "last_name": "Lefèvre"},
    }
    assert "Anne Dupont" in entry.message and "Anne Lefèvre" in entry.message


def test_unchanged_values_write_no_audit_entry(learner):
    learner_profile_update(
        user=learner,
        actor=learner,
        first_name=learner.first_name,
        last_name=learner.last_name,
        organisation="",
        preferred_language="fr",
    )

    assert not AuditEntry.objects.filter(learner=learner).exists()


def test_profile_changes_are_audited_field_by_field(learner, administrator):
    learner_profile_update(
        user=learner,
        actor=administrator,
        audience=Audience.CIVIL_SERVANTS,
        departement="13",
    )

    profile = LearnerProfile.objects.get(user=learner)
    assert profile.region == "93"  # filled from the département
    entry = AuditEntry.objects.get(learner=learner, action="profile.updated")
    assert entry.actor == administrator
    assert entry.data["changes"] == {
        "audience": {"old": "", "new": "civil_servants"},
        "region": {"old": "", "new": "93"},
        "departement": {"old": "", "new": "13"},
    }
    assert not AuditEntry.objects.filter(action="profile.name_changed").exists()


def test_a_departement_outside_its_region_is_refused_and_nothing_changes(learner, administrator):
    learner_profile_update(user=learner, actor=administrator, region="11", departement="75")
    entries = AuditEntry.objects.count()

    with pytest.raises(ValidationError) as excinfo:
        learner_profile_update(
            user=learner, actor=administrator, first_name="Nouveau", region="11", departement="13"
        )

    assert "departement" in excinfo.value.message_dict
    assert "Bouches-du-Rhône" in excinfo.value.message_dict["departement"][0]
    profile = LearnerProfile.objects.get(user=learner)
    assert (profile.region, profile.departement) == ("11", "75")
    learner.refresh_from_db()
    assert learner.first_name != "Nouveau"
    assert AuditEntry.objects.count() == entries


def test_an_unknown_language_is_refused(learner):
    with pytest.raises(ValidationError) as excinfo:
        learner_profile_update(user=learner, actor=learner, preferred_language="de")

    assert "preferred_language" in excinfo.value.message_dict
    assert not LearnerProfile.objects.filter(user=learner, preferred_language="de").exists()


# Promotions --------------------------------------------------------------------------------


def test_create_a_promotion_with_its_trainers(trainer, administrator):
    promotion = promotion_create(
        name=" CHESP 2026 ",
        year=2026,
        starts_on=datetime.date(2026, 1, 12),
        ends_on=datetime.date(2026, 12, 18),
        region="11",
        trainers=[trainer],
        by=administrator,
    )

    assert promotion.name == "CHESP 2026"
    assert list(promotion.trainers.all()) == [trainer]
    assert str(promotion) == "CHESP 2026"
    assert ModelLogEntry.objects.filter(
        object_id=str(promotion.pk), action="wagtail.create", user=administrator
    ).exists()


def test_the_same_name_twice_in_a_year_is_refused(administrator):
    promotion_create(name="CHESP", year=2026, by=administrator)

    with pytest.raises(ValidationError) as excinfo:
        promotion_create(name="CHESP", year=2026, by=administrator)

    unique_name_year = Promotion._meta.constraints[0]
    assert str(unique_name_year.violation_error_message) in excinfo.value.messages
    assert Promotion.objects.filter(name="CHESP").count() == 1
    # Another year is another promotion.
    promotion_create(name="CHESP", year=2027, by=administrator)
    assert Promotion.objects.filter(name="CHESP").count() == 2


def test_the_database_refuses_a_duplicate_name_and_year():
    Promotion.objects.create(name="CHESP", year=2026)
    with pytest.raises(IntegrityError), transaction.atomic():
        Promotion.objects.create(name="CHESP", year=2026)


def test_the_end_date_must_follow_the_start_date(administrator):
    with pytest.raises(ValidationError):
        promotion_create(
            name="CHESP",
            year=2026,
            starts_on=datetime.date(2026, 6, 1),
            ends_on=datetime.date(2026, 5, 31),
            by=administrator,
        )
    assert not Promotion.objects.exists()

    with pytest.raises(IntegrityError), transaction.atomic():
        Promotion.objects.create(
            name="CHESP",
            year=2026,
            starts_on=datetime.date(2026, 6, 1),
            ends_on=datetime.date(2026, 5, 31),
        )


def test_a_promotion_may_start_and_end_the_same_day(administrator):
    day = datetime.date(2026, 6, 1)
    promotion = promotion_create(name="Séminaire", year=2026, starts_on=day, ends_on=day)
    assert promotion.pk


def test_only_trainers_may_follow_a_promotion(learner, administrator):
    with pytest.raises(ValidationError) as excinfo:
        promotion_create(name="CHESP", year=2026, trainers=[learner], by=administrator)

    assert "trainers" in excinfo.value.message_dict
    assert not Promotion.objects.exists()


def test_a_refused_update_leaves_the_promotion_as_stored(trainer, administrator):
    promotion_create(name="Lauréats 2026", year=2026, by=administrator)
    promotion = promotion_create(name="CHESP", year=2026, trainers=[trainer], by=administrator)

    with pytest.raises(ValidationError):
        promotion_update(
            promotion=promotion,
            name="Lauréats 2026",
            year=2026,
            starts_on=None,
            ends_on=None,
            region="",
            trainers=[],
            by=administrator,
        )

    assert promotion.name == "CHESP"
    promotion.refresh_from_db()
    assert promotion.name == "CHESP"
    assert list(promotion.trainers.all()) == [trainer]


def test_adding_members_counts_the_new_ones_only(administrator):
    promotion = promotion_create(name="CHESP", year=2026, by=administrator)
    first, second, third = UserFactory.create_batch(3, roles=[roles.LEARNERS])

    assert (
        promotion_add_members(
            promotion=promotion, learners=[first, second, first], by=administrator
        )
        == 2
    )
    assert (
        promotion_add_members(promotion=promotion, learners=[first, second], by=administrator) == 0
    )
    assert (
        promotion_add_members(promotion=promotion, learners=[second, third], by=administrator) == 1
    )
    assert promotion_add_members(promotion=promotion, learners=[], by=administrator) == 0

    assert set(promotion.members.all()) == {first, second, third}
    added = AuditEntry.objects.filter(action="promotion.member_added")
    assert sorted(added.values_list("learner_id", flat=True)) == sorted(
        [first.pk, second.pk, third.pk]
    )
    assert {entry.actor_id for entry in added} == {administrator.pk}
    assert added.first().data["promotion_id"] == promotion.pk
    # Members get a profile, so administrators can set their audience and territory.
    assert LearnerProfile.objects.filter(user__in=[first, second, third]).count() == 3


def test_removing_a_member_is_audited(administrator, learner):
    promotion = promotion_create(name="CHESP", year=2026, by=administrator)
    promotion_add_members(promotion=promotion, learners=[learner], by=administrator)

    assert promotion_remove_member(promotion=promotion, learner=learner, by=administrator) is True
    assert promotion_remove_member(promotion=promotion, learner=learner, by=administrator) is False

    assert not PromotionMembership.objects.exists()
    assert (
        AuditEntry.objects.filter(learner=learner, action="promotion.member_removed").count() == 1
    )


def test_deleting_a_promotion_records_that_its_members_left(administrator, learner):
    promotion = promotion_create(name="CHESP", year=2026, by=administrator)
    promotion_add_members(promotion=promotion, learners=[learner], by=administrator)

    promotion_delete(promotion=promotion, by=administrator)

    assert not Promotion.objects.exists()
    entry = AuditEntry.objects.get(learner=learner, action="promotion.member_removed")
    assert entry.data["reason"] == "deleted"
    assert entry.data["promotion"] == "CHESP (2026)"
