"""Enrolment services: open modules, capacity, withdrawal, curricula, bulk, signals."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.audit.models import AuditEntry
from lms.enrolment.errors import EnrolmentError
from lms.enrolment.models import Enrolment
from lms.enrolment.services import (
    curriculum_enrol,
    enrolment_create,
    enrolment_create_many,
    enrolment_withdraw,
)
from lms.enrolment.signals import enrolment_created, enrolment_withdrawn
from tests.lms.enrolment.support import module_settings

pytestmark = pytest.mark.django_db


def refusal_code(**kwargs) -> str:
    with pytest.raises(EnrolmentError) as excinfo:
        enrolment_create(**kwargs)
    return excinfo.value.code


def active_count(module) -> int:
    return Enrolment.objects.filter(module=module, status=Enrolment.Status.ACTIVE).count()


# Self-enrolment needs an open module -------------------------------------------------------


def test_self_enrolment_in_an_open_module(learner, module):
    enrolment = enrolment_create(learner=learner, module=module)

    assert enrolment.status == Enrolment.Status.ACTIVE
    assert enrolment.source == Enrolment.Source.SELF
    assert enrolment.enrolled_by is None
    assert enrolment.withdrawn_at is None
    assert list(AuditEntry.objects.filter(learner=learner).values_list("action", flat=True)) == [
        "enrolment.created"
    ]


def test_self_enrolment_refused_in_an_unpublished_module(learner, module):
    module.unpublish()
    module.refresh_from_db()

    assert refusal_code(learner=learner, module=module) == "unpublished"
    assert not Enrolment.objects.exists()


def test_self_enrolment_refused_when_the_module_does_not_allow_it(learner, module):
    module_settings(module, self_enrolment=False)

    assert refusal_code(learner=learner, module=module) == "no_self_enrolment"
    assert not Enrolment.objects.exists()


def test_self_enrolment_refused_before_the_window_opens(learner, module):
    now = timezone.now()
    module_settings(module, opens_at=now + timedelta(days=2))

    assert refusal_code(learner=learner, module=module, at=now) == "not_open_yet"
    assert enrolment_create(learner=learner, module=module, at=now + timedelta(days=3))


def test_self_enrolment_refused_once_the_window_closed(learner, module):
    now = timezone.now()
    module_settings(module, closes_at=now - timedelta(minutes=1))

    assert refusal_code(learner=learner, module=module, at=now) == "closed"
    assert enrolment_create(learner=learner, module=module, at=now - timedelta(hours=1))


def test_self_enrolment_refused_when_the_module_is_full(learner, module, make_learner):
    module_settings(module, capacity=2)
    enrolment_create(learner=make_learner(), module=module)
    enrolment_create(learner=make_learner(), module=module)

    with pytest.raises(EnrolmentError) as excinfo:
        enrolment_create(learner=learner, module=module)

    assert excinfo.value.code == "full"
    assert active_count(module) == 2


def test_withdrawn_enrolments_free_their_seat(learner, module, make_learner):
    module_settings(module, capacity=1)
    other = enrolment_create(learner=make_learner(), module=module)
    enrolment_withdraw(enrolment=other)

    assert enrolment_create(learner=learner, module=module).status == Enrolment.Status.ACTIVE


def test_a_learner_already_enrolled_is_told_so(learner, module):
    enrolment_create(learner=learner, module=module)

    assert refusal_code(learner=learner, module=module) == "already_enrolled"
    assert refusal_code(learner=learner, module=module, source=Enrolment.Source.ADMINISTRATOR) == (
        "already_enrolled"
    )
    assert Enrolment.objects.filter(learner=learner, module=module).count() == 1


# Administrators ---------------------------------------------------------------------------


def test_administrators_enrol_outside_the_window_and_without_self_enrolment(
    learner, administrator, module
):
    now = timezone.now()
    module_settings(module, self_enrolment=False, closes_at=now - timedelta(days=1))

    enrolment = enrolment_create(
        learner=learner, module=module, source=Enrolment.Source.ADMINISTRATOR, by=administrator
    )

    assert enrolment.status == Enrolment.Status.ACTIVE
    assert enrolment.enrolled_by == administrator
    entry = AuditEntry.objects.get(learner=learner, action="enrolment.created")
    assert entry.actor == administrator


def test_administrators_do_not_go_over_capacity_unless_they_say_so(
    learner, administrator, module, make_learner
):
    module_settings(module, capacity=1)
    enrolment_create(learner=make_learner(), module=module)

    assert (
        refusal_code(
            learner=learner, module=module, source=Enrolment.Source.ADMINISTRATOR, by=administrator
        )
        == "full"
    )
    enrolment_create(
        learner=learner,
        module=module,
        source=Enrolment.Source.ADMINISTRATOR,
        by=administrator,
        override_capacity=True,
    )
    assert active_count(module) == 2


# Withdrawal and re-enrolment ---------------------------------------------------------------


def test_withdrawal_keeps_the_row_and_re_enrolment_reactivates_it(learner, module):
    first = enrolment_create(learner=learner, module=module)
    withdrawn = enrolment_withdraw(enrolment=first, by=learner)

    withdrawn.refresh_from_db()
    assert withdrawn.status == Enrolment.Status.WITHDRAWN
    assert withdrawn.withdrawn_at is not None

    again = enrolment_create(learner=learner, module=module)

    assert again.pk == first.pk
    assert Enrolment.objects.filter(learner=learner, module=module).count() == 1
    again.refresh_from_db()
    assert again.status == Enrolment.Status.ACTIVE
    assert again.withdrawn_at is None
    actions = list(
        AuditEntry.objects.filter(learner=learner).order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["enrolment.created", "enrolment.withdrawn", "enrolment.reactivated"]


def test_withdrawing_twice_is_refused(learner, module):
    enrolment = enrolment_withdraw(enrolment=enrolment_create(learner=learner, module=module))

    with pytest.raises(EnrolmentError) as excinfo:
        enrolment_withdraw(enrolment=enrolment)

    assert excinfo.value.code == "not_active"
    assert AuditEntry.objects.filter(action="enrolment.withdrawn").count() == 1


# The database keeps one active enrolment per learner and module ---------------------------


def test_the_database_refuses_a_second_active_enrolment(learner, module):
    enrolment_create(learner=learner, module=module)

    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(
            learner=learner, module=module, source="self", enrolled_at=timezone.now()
        )


def test_the_database_allows_an_active_and_a_withdrawn_enrolment(learner, module):
    now = timezone.now()
    Enrolment.objects.create(
        learner=learner,
        module=module,
        source="self",
        enrolled_at=now,
        status=Enrolment.Status.WITHDRAWN,
        withdrawn_at=now,
    )
    Enrolment.objects.create(learner=learner, module=module, source="self", enrolled_at=now)

    assert Enrolment.objects.filter(learner=learner, module=module).count() == 2


# Curricula ----------------------------------------------------------------------------------


@pytest.fixture
def three_modules(association_curriculum, module_factory):
    return [
        module_factory(parent=association_curriculum, title=title)
        for title in ("L'État et ses services", "Décider et financer", "Évaluer une politique")
    ]


def test_curriculum_enrolment_enrols_in_every_open_module(
    learner, association_curriculum, three_modules
):
    enrolments = curriculum_enrol(learner=learner, curriculum=association_curriculum)

    assert {e.module_id for e in enrolments} == {m.pk for m in three_modules}
    assert all(e.status == Enrolment.Status.ACTIVE for e in enrolments)


def test_curriculum_enrolment_is_all_or_nothing(learner, association_curriculum, three_modules):
    closed = three_modules[1]
    module_settings(closed, closes_at=timezone.now() - timedelta(days=1))

    with pytest.raises(EnrolmentError) as excinfo:
        curriculum_enrol(learner=learner, curriculum=association_curriculum)

    assert excinfo.value.code == "curriculum_refused"
    assert [title for title, _reason in excinfo.value.details] == [closed.title]
    assert excinfo.value.details[0][1].startswith("Les inscriptions ont été closes le ")
    assert not Enrolment.objects.exists()
    assert not AuditEntry.objects.exists()


def test_curriculum_enrolment_skips_modules_already_followed(
    learner, association_curriculum, three_modules
):
    followed = enrolment_create(learner=learner, module=three_modules[0])

    enrolments = curriculum_enrol(learner=learner, curriculum=association_curriculum)

    assert {e.module_id for e in enrolments} == {three_modules[1].pk, three_modules[2].pk}
    assert Enrolment.objects.filter(learner=learner).count() == 3
    followed.refresh_from_db()
    assert followed.status == Enrolment.Status.ACTIVE


def test_curriculum_enrolment_when_everything_is_followed(
    learner, association_curriculum, three_modules
):
    curriculum_enrol(learner=learner, curriculum=association_curriculum)

    with pytest.raises(EnrolmentError) as excinfo:
        curriculum_enrol(learner=learner, curriculum=association_curriculum)

    assert excinfo.value.code == "nothing_to_enrol"
    assert Enrolment.objects.filter(learner=learner).count() == 3


# Bulk enrolment -------------------------------------------------------------------------------


def test_bulk_enrolment_counts_added_and_already_enrolled(administrator, module, make_learner):
    learners = [make_learner() for _ in range(4)]
    enrolment_create(learner=learners[0], module=module)

    result = enrolment_create_many(
        learners=learners, module=module, source=Enrolment.Source.PROMOTION, by=administrator
    )

    assert (result.added, result.already_enrolled, result.refused) == (3, 1, [])
    assert active_count(module) == 4
    again = enrolment_create_many(
        learners=learners, module=module, source=Enrolment.Source.PROMOTION, by=administrator
    )
    assert (again.added, again.already_enrolled) == (0, 4)
    assert active_count(module) == 4


def test_bulk_enrolment_refuses_beyond_capacity(administrator, module, make_learner):
    module_settings(module, capacity=2)
    learners = [make_learner() for _ in range(3)]

    result = enrolment_create_many(
        learners=learners, module=module, source=Enrolment.Source.IMPORT, by=administrator
    )

    assert result.added == 2
    assert [name for name, _reason in result.refused] == [str(learners[2])]
    assert active_count(module) == 2
    assert not Enrolment.objects.filter(learner=learners[2]).exists()


def test_bulk_enrolment_may_go_over_capacity(administrator, module, make_learner):
    module_settings(module, capacity=2)

    result = enrolment_create_many(
        learners=[make_learner() for _ in range(3)],
        module=module,
        source=Enrolment.Source.PROMOTION,
        by=administrator,
        override_capacity=True,
    )

    assert (result.added, result.refused) == (3, [])
    assert active_count(module) == 3


# Signals are sent after the transaction ----------------------------------------------------


@pytest.fixture
def received():
    calls = []

    def on_created(sender, enrolment, reactivated, by, **kwargs):
        calls.append(("created", enrolment.pk, reactivated))

    def on_withdrawn(sender, enrolment, by, **kwargs):
        calls.append(("withdrawn", enrolment.pk, None))

    enrolment_created.connect(on_created)
    enrolment_withdrawn.connect(on_withdrawn)
    yield calls
    enrolment_created.disconnect(on_created)
    enrolment_withdrawn.disconnect(on_withdrawn)


def test_enrolment_signals_are_sent_after_commit(
    learner, module, received, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrolment = enrolment_create(learner=learner, module=module)
    assert received == []
    for callback in callbacks:
        callback()
    assert received == [("created", enrolment.pk, False)]

    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=enrolment)
        assert received == [("created", enrolment.pk, False)]
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(learner=learner, module=module)

    assert received == [
        ("created", enrolment.pk, False),
        ("withdrawn", enrolment.pk, None),
        ("created", enrolment.pk, True),
    ]


def test_no_signal_when_a_curriculum_enrolment_is_rolled_back(
    learner, association_curriculum, three_modules, received, django_capture_on_commit_callbacks
):
    module_settings(three_modules[2], capacity=0)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(EnrolmentError):
        curriculum_enrol(learner=learner, curriculum=association_curriculum)

    assert received == []


def test_no_signal_for_a_refused_enrolment(
    learner, module, received, django_capture_on_commit_callbacks
):
    module_settings(module, self_enrolment=False)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(EnrolmentError):
            enrolment_create(learner=learner, module=module)

    assert callbacks == []
    assert received == []
