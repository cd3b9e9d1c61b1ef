"""Launching and resuming attempts, the state loaded into the runtime, extra attempts."""

from decimal import Decimal

import pytest

from lms.audit.models import AuditEntry
from lms.scorm.errors import ScormError
from lms.scorm.models import ScormAttempt, ScormItem, ScormRegistration
from lms.scorm.services import (
    attempt_commit,
    attempt_grant,
    attempt_launch,
    attempt_runtime_state,
    attempt_session_start,
)
from tests.lms.scorm.tracking_support import body_12, body_2004, course_make, enrol, version_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_2004(association_curriculum, learner):
    course = course_make(
        association_curriculum,
        scorm_version="2004 4th",
        scos=("sco-1", "sco-2"),
        completion_threshold=Decimal("0.8"),
        scaled_passing_score=Decimal("0.7"),
        data_from_lms="niveau=2",
        objectives=[
            {
                "id": "obj-principal",
                "primary": True,
                "satisfied_by_measure": True,
                "min_normalized_measure": 0.7,
                "map_info": [],
            },
            {"id": "obj-2", "primary": False, "map_info": []},
        ],
    )
    enrol(learner, course.module)
    return course


@pytest.fixture
def course_12(association_curriculum, learner):
    course = course_make(
        association_curriculum,
        scorm_version="1.2",
        mastery_score=Decimal("80"),
        max_time_allowed="00:30:00",
        time_limit_action="exit,message",
        data_from_lms="chapitre=1",
    )
    enrol(learner, course.module)
    return course


def commit(attempt, body, *, final=False):
    return attempt_commit(
        attempt=attempt, body=body, sequence=body.get("commitSequence"), final=final
    )


def test_first_launch_creates_attempt_one_on_the_first_sco(course_2004, learner):
    attempt = attempt_launch(learner=learner, lesson=course_2004.lesson)

    assert (attempt.sco_identifier, attempt.number, attempt.session_count) == ("sco-1", 1, 1)
    assert attempt.version == course_2004.version
    registration = ScormRegistration.objects.get(learner=learner, lesson=course_2004.lesson)
    assert registration.last_item_identifier == "sco-1"


def test_relaunching_before_any_commit_reuses_attempt_and_session(course_2004, learner):
    first = attempt_launch(learner=learner, lesson=course_2004.lesson)
    again = attempt_launch(learner=learner, lesson=course_2004.lesson)
    new = attempt_launch(learner=learner, lesson=course_2004.lesson, new_attempt=True)

    assert first.pk == again.pk == new.pk
    assert ScormAttempt.objects.get().session_count == 1


def test_runtime_state_scorm_2004_new_attempt(course_2004, learner):
    learner.first_name, learner.last_name = "Léa", "Durand"
    learner.save()
    attempt = attempt_launch(learner=learner, lesson=course_2004.lesson)

    state = attempt_runtime_state(attempt)

    assert state["version"] == "2004"
    assert state["cmi"] == {
        "learner_id": str(learner.pk),
        "learner_name": "Léa Durand",
        "entry": "ab-initio",
        "credit": "credit",
        "mode": "normal",
        "location": "",
        "suspend_data": "",
        "total_time": "PT0S",
        "launch_data": "niveau=2",
        "completion_threshold": "0.8",
        "scaled_passing_score": "0.7",
        "objectives": [{"id": "obj-principal"}, {"id": "obj-2"}],
    }
    settings = state["settings"]
    assert settings["includeCommitSequence"] is True
    assert settings["autocommit"] is True
    assert settings["autocommitSeconds"] == 30
    assert settings["scoId"] == f"attempt-{attempt.pk}-session-1"
    assert settings["renderCommonCommitFields"] is True
    assert settings["autoPopulateCommitMetadata"] is True


def test_runtime_state_scorm_12_nests_under_core(course_12, learner):
    learner.first_name, learner.last_name = "Léa", "Durand"
    learner.save()
    attempt = attempt_launch(learner=learner, lesson=course_12.lesson)

    state = attempt_runtime_state(attempt)

    assert state["version"] == "1.2"
    assert state["cmi"]["core"] == {
        "student_id": str(learner.pk),
        "student_name": "Durand, Léa",
        "lesson_location": "",
        "credit": "credit",
        "entry": "ab-initio",
        "total_time": "00:00:00",
        "lesson_mode": "normal",
    }
    assert state["cmi"]["student_data"] == {
        "mastery_score": "80",
        "max_time_allowed": "00:30:00",
        "time_limit_action": "exit,message",
    }
    assert state["cmi"]["launch_data"] == "chapitre=1"


def test_resume_after_suspend(course_12, learner):
    attempt = attempt_launch(learner=learner, lesson=course_12.lesson)
    commit(
        attempt,
        body_12(
            1,
            session=1,
            attempt=attempt,
            core={
                "lesson_status": "incomplete",
                "lesson_location": "page-4",
                "exit": "suspend",
                "session_time": "00:10:00",
                "score": {"raw": "20", "min": "0", "max": "100"},
            },
            suspend_data="etat=4",
        ),
        final=True,
    )

    resumed = attempt_launch(learner=learner, lesson=course_12.lesson)
    state = attempt_runtime_state(resumed)

    assert resumed.pk == attempt.pk
    assert resumed.session_count == 2
    core = state["cmi"]["core"]
    assert core["entry"] == "resume"
    assert core["lesson_location"] == "page-4"
    assert core["lesson_status"] == "incomplete"
    assert core["total_time"] == "00:10:00"
    assert core["score"] == {"raw": "20", "min": "0", "max": "100"}
    assert state["cmi"]["suspend_data"] == "etat=4"
    assert state["settings"]["scoId"] == f"attempt-{attempt.pk}-session-2"


def test_resume_without_suspend_has_an_empty_entry(course_12, learner):
    attempt = attempt_launch(learner=learner, lesson=course_12.lesson)
    commit(attempt, body_12(1, core={"lesson_status": "incomplete", "exit": ""}), final=True)

    state = attempt_runtime_state(attempt_launch(learner=learner, lesson=course_12.lesson))

    assert state["cmi"]["core"]["entry"] == ""


def test_resume_2004_reloads_interactions_and_statuses(course_2004, learner):
    attempt = attempt_launch(learner=learner, lesson=course_2004.lesson)
    commit(
        attempt,
        body_2004(
            1,
            completion_status="incomplete",
            progress_measure="0.5",
            exit="suspend",
            location="diapo-7",
            score={"scaled": "0.4"},
            session_time="PT2M",
            interactions={"0": {"id": "q1", "type": "choice", "learner_response": "b"}},
            objectives={"0": {"id": "obj-2", "success_status": "passed"}},
        ),
        final=True,
    )

    cmi = attempt_runtime_state(attempt_launch(learner=learner, lesson=course_2004.lesson))["cmi"]

    assert cmi["entry"] == "resume"
    assert cmi["location"] == "diapo-7"
    assert cmi["total_time"] == "PT2M"
    assert cmi["completion_status"] == "incomplete"
    assert cmi["success_status"] == "failed"  # 0.4 < 0.7
    assert cmi["progress_measure"] == "0.5"
    assert cmi["score"] == {"scaled": "0.4"}
    assert cmi["interactions"] == [{"id": "q1", "type": "choice", "learner_response": "b"}]
    assert cmi["objectives"] == [
        {"id": "obj-principal"},
        {"id": "obj-2", "success_status": "passed"},
    ]


def test_scorm_2004_exit_normal_ends_the_attempt(course_2004, learner):
    attempt = attempt_launch(learner=learner, lesson=course_2004.lesson)
    commit(attempt, body_2004(1, completion_status="incomplete", exit="normal"), final=True)

    again = attempt_launch(learner=learner, lesson=course_2004.lesson)

    assert again.pk == attempt.pk  # ended: relaunched for review, not a new attempt
    state = attempt_runtime_state(again)
    assert (state["cmi"]["mode"], state["cmi"]["credit"]) == ("review", "no-credit")
    new = attempt_launch(learner=learner, lesson=course_2004.lesson, new_attempt=True)
    assert new.number == 2
    assert attempt_runtime_state(new)["cmi"]["entry"] == "ab-initio"


def test_scorm_2004_suspend_keeps_the_attempt_open(course_2004, learner):
    attempt = attempt_launch(learner=learner, lesson=course_2004.lesson)
    commit(attempt, body_2004(1, completion_status="incomplete", exit="suspend"), final=True)
    attempt.refresh_from_db()

    assert attempt.ended_at is None
    assert attempt.terminated_at is not None


def test_scorm_12_completed_ends_the_attempt(course_12, learner):
    attempt = attempt_launch(learner=learner, lesson=course_12.lesson)
    commit(attempt, body_12(1, core={"lesson_status": "passed", "score": {"raw": "90"}}))
    attempt.refresh_from_db()
    assert attempt.ended_at is not None

    assert attempt_launch(learner=learner, lesson=course_12.lesson).pk == attempt.pk
    assert attempt_launch(learner=learner, lesson=course_12.lesson, new_attempt=True).number == 2


def test_max_attempts_then_a_granted_one(course_12, learner, trainer, settings):
    settings.LMS_SCORM_MAX_ATTEMPTS = 2
    for number in (1, 2):
        attempt = attempt_launch(learner=learner, lesson=course_12.lesson, new_attempt=True)
        assert attempt.number == number
        commit(attempt, body_12(1, core={"lesson_status": "completed"}))

    with pytest.raises(ScormError) as error:
        attempt_launch(learner=learner, lesson=course_12.lesson, new_attempt=True)
    assert error.value.code == "max_attempts"
    assert "tentatives" in error.value.message or "attempts" in error.value.message

    registration = attempt_grant(learner=learner, lesson=course_12.lesson, granted_by=trainer)
    assert registration.extra_attempts == 1
    entry = AuditEntry.objects.get(action="scorm.attempt_granted")
    assert (entry.learner, entry.actor) == (learner, trainer)
    assert attempt_launch(learner=learner, lesson=course_12.lesson, new_attempt=True).number == 3


def test_unlimited_attempts(course_12, learner, settings):
    settings.LMS_SCORM_MAX_ATTEMPTS = 0
    for _number in range(5):
        attempt = attempt_launch(learner=learner, lesson=course_12.lesson, new_attempt=True)
        commit(attempt, body_12(1, core={"lesson_status": "completed"}))
    assert ScormAttempt.objects.count() == 5


def test_attempt_on_an_older_version_finishes_there(course_2004, learner):
    old = attempt_launch(learner=learner, lesson=course_2004.lesson)
    commit(old, body_2004(1, completion_status="incomplete", exit="suspend"), final=True)
    new_version = version_make(course_2004.package, scorm_version="2004 4th", scos=("sco-1",))

    resumed = attempt_launch(learner=learner, lesson=course_2004.lesson)
    assert (resumed.pk, resumed.version) == (old.pk, course_2004.version)

    fresh = attempt_launch(learner=learner, lesson=course_2004.lesson, new_attempt=True)
    assert fresh.version == new_version
    assert fresh.item == ScormItem.objects.get(version=new_version, identifier="sco-1")
    old.refresh_from_db()
    assert old.completion_status == "incomplete"  # recorded data stays


def test_a_sco_missing_from_the_current_version_cannot_start(course_2004, learner):
    version_make(course_2004.package, scorm_version="2004 4th", scos=("autre",))
    with pytest.raises(ScormError) as error:
        attempt_launch(learner=learner, lesson=course_2004.lesson, item_identifier="sco-2")
    assert error.value.code == "not_launchable"


def test_default_sco_is_the_last_one_used(course_2004, learner):
    attempt_launch(learner=learner, lesson=course_2004.lesson, item_identifier="sco-2")
    assert attempt_launch(learner=learner, lesson=course_2004.lesson).sco_identifier == "sco-2"


def test_each_sco_has_its_own_attempts(course_2004, learner):
    one = attempt_launch(learner=learner, lesson=course_2004.lesson, item_identifier="sco-1")
    two = attempt_launch(learner=learner, lesson=course_2004.lesson, item_identifier="sco-2")
    assert one.pk != two.pk
    assert (one.number, two.number) == (1, 1)


def test_session_start_when_the_wrapper_loads_counts_once(course_2004, learner):
    attempt = attempt_launch(learner=learner, lesson=course_2004.lesson)
    attempt_session_start(attempt)
    assert attempt.session_count == 1
    commit(attempt, body_2004(1, session=1, attempt=attempt, session_time="PT1M"))

    attempt = attempt_launch(learner=learner, lesson=course_2004.lesson)
    attempt_session_start(attempt)  # the wrapper of that launch loads
    attempt_session_start(attempt)  # and reloads before reporting anything

    assert attempt.session_count == 2
    assert attempt_runtime_state(attempt)["settings"]["scoId"].endswith("-session-2")
