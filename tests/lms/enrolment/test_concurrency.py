"""Capacity and the one-active-enrolment rule hold under parallel transactions (PostgreSQL).

Each thread has its own database connection; a barrier releases them together.
"""

from functools import partial

import pytest

from lms.enrolment.errors import EnrolmentError
from lms.enrolment.models import Enrolment, ModuleSettings
from lms.enrolment.services import enrolment_create
from tests.factories import CurriculumPageFactory, ModulePageFactory, UserFactory
from tests.lms.enrolment.support import curricula_index_rebuilt, module_settings, run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def module(requires_postgres):
    curriculum = CurriculumPageFactory(parent=curricula_index_rebuilt())
    return ModulePageFactory(parent=curriculum, title="Décider et financer")


def codes(results) -> list[str]:
    """``"ok"`` for each enrolment made, the error code for each refusal."""
    out = []
    for result in results:
        if isinstance(result, EnrolmentError):
            out.append(result.code)
        elif isinstance(result, Enrolment):
            out.append("ok")
        else:
            raise AssertionError(f"unexpected outcome: {result!r}")
    return sorted(out)


def test_capacity_holds_when_learners_enrol_at_the_same_moment(module):
    module_settings(module, capacity=3)
    learners = [UserFactory() for _ in range(8)]

    results = run_at_once(
        [partial(enrolment_create, learner=learner, module=module) for learner in learners]
    )

    assert codes(results) == ["full"] * 5 + ["ok"] * 3
    assert Enrolment.objects.filter(module=module, status="active").count() == 3


def test_one_seat_left_goes_to_one_learner(module):
    module_settings(module, capacity=1)
    learners = [UserFactory() for _ in range(2)]

    for _round in range(3):
        Enrolment.objects.filter(module=module).delete()
        results = run_at_once(
            [partial(enrolment_create, learner=learner, module=module) for learner in learners]
        )
        assert codes(results) == ["full", "ok"]
        assert Enrolment.objects.filter(module=module, status="active").count() == 1


def test_a_learner_enrolling_twice_at_once_gets_one_enrolment(module):
    learner = UserFactory()

    results = run_at_once([partial(enrolment_create, learner=learner, module=module)] * 4)

    assert codes(results) == ["already_enrolled"] * 3 + ["ok"]
    assert Enrolment.objects.filter(learner=learner, module=module).count() == 1


def test_concurrent_enrolments_in_a_module_without_settings(module):
    assert not ModuleSettings.objects.filter(module=module).exists()
    learners = [UserFactory() for _ in range(6)]

    results = run_at_once(
        [partial(enrolment_create, learner=learner, module=module) for learner in learners]
    )

    assert codes(results) == ["ok"] * 6
    assert ModuleSettings.objects.filter(module=module).count() == 1
