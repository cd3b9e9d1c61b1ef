"""The commit endpoint: token, origin, CORS, malformed payloads, sequences, sessions, time,
statuses that never go down, and the lesson progress fed from the attempts."""

import json
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from lms.enrolment.models import Enrolment
from lms.progress.models import LessonProgress
from lms.scorm.models import ScormAttempt, ScormRegistration
from lms.scorm.services import attempt_launch
from lms.scorm.tokens import attempt_token_make
from tests.factories import UserFactory
from tests.lms.scorm.tracking_support import (
    CONTENT_ORIGIN,
    SITE_HOST,
    body_12,
    body_2004,
    commit_url,
    course_make,
    enrol,
    interactions,
    post_commit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def course(association_curriculum, learner):
    course = course_make(
        association_curriculum,
        scorm_version="2004 4th",
        scos=("sco-1",),
        scaled_passing_score=Decimal("0.7"),
        objectives=[
            {
                "id": "principal",
                "primary": True,
                "map_info": [
                    {
                        "target": "global-principal",
                        "read_satisfied": True,
                        "read_measure": True,
                        "write_satisfied": True,
                        "write_measure": True,
                    }
                ],
            }
        ],
    )
    enrol(learner, course.module)
    return course


@pytest.fixture
def attempt(course, learner):
    return attempt_launch(learner=learner, lesson=course.lesson)


@pytest.fixture
def course_12(association_curriculum, learner):
    course = course_make(association_curriculum, scorm_version="1.2", mastery_score=Decimal(80))
    enrol(learner, course.module)
    return course


@pytest.fixture
def attempt_12(course_12, learner):
    return attempt_launch(learner=learner, lesson=course_12.lesson)


def stored(attempt) -> ScormAttempt:
    return ScormAttempt.objects.get(pk=attempt.pk)


def ok(response):
    assert response.status_code == 200, response.content
    assert response.json() == {"result": True, "errorCode": 0}
    return response


def refused(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    data = response.json()
    assert data["result"] is False
    assert data["errorCode"] == 101
    assert data["error"]["message"]
    if code:
        assert data["error"]["code"] == code
    return data["error"]


# Access --------------------------------------------------------------------------------


def test_a_commit_is_stored_with_cors_for_the_content_origin_only(client, attempt):
    response = ok(
        post_commit(
            client,
            attempt,
            body_2004(1, session=1, attempt=attempt, location="p2", suspend_data="s"),
        )
    )

    assert response["Access-Control-Allow-Origin"] == CONTENT_ORIGIN
    assert "Origin" in response["Vary"]
    assert "Access-Control-Allow-Credentials" not in response
    assert (stored(attempt).location, stored(attempt).suspend_data) == ("p2", "s")


def test_preflight_allows_the_content_type_header(client, attempt):
    response = client.options(
        commit_url(attempt),
        HTTP_HOST=SITE_HOST,
        HTTP_ORIGIN=CONTENT_ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == CONTENT_ORIGIN
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "content-type" in response["Access-Control-Allow-Headers"].lower()


@pytest.mark.parametrize(
    "origin", ["", "http://127.0.0.1", "null", "https://localhost", "http://evil.example"]
)
def test_other_origins_are_refused(client, attempt, origin):
    response = post_commit(client, attempt, body_2004(1, location="x"), origin=origin)
    refused(response, 403, "bad_origin")
    assert stored(attempt).location == ""
    preflight = client.options(commit_url(attempt), HTTP_HOST=SITE_HOST, HTTP_ORIGIN=origin)
    assert preflight.status_code == 403


def test_forged_or_damaged_tokens_are_refused(client, attempt):
    token = attempt_token_make(attempt.pk)
    for bad in (token[:-2] + "xx", "abc", f"{attempt.pk}", attempt_token_make(attempt.pk + 1)):
        response = post_commit(client, attempt, body_2004(1), url=f"/scorm/commit/{bad}/")
        refused(response, 403, "bad_token")
    assert stored(attempt).commit_count == 0


def test_expired_tokens_are_refused(client, attempt, settings):
    settings.LMS_SCORM_ATTEMPT_TOKEN_MAX_AGE = -1
    refused(post_commit(client, attempt, body_2004(1)), 403, "bad_token")


def test_a_token_only_writes_its_own_attempt(client, course, attempt, learner):
    other = UserFactory()
    enrol(other, course.module)
    theirs = attempt_launch(learner=other, lesson=course.lesson)

    ok(post_commit(client, attempt, body_2004(1, location="mine")))

    assert stored(attempt).location == "mine"
    assert stored(theirs).location == ""
    # A commit naming the other attempt's session is still applied to the token's attempt.
    ok(post_commit(client, attempt, body_2004(2, session=1, attempt=theirs, location="m2")))
    assert (stored(attempt).location, stored(theirs).commit_count) == ("m2", 0)


def test_a_learner_no_longer_enrolled_is_refused(client, attempt, learner):
    Enrolment.objects.filter(learner=learner).update(
        status=Enrolment.Status.WITHDRAWN, withdrawn_at=timezone.now()
    )
    refused(post_commit(client, attempt, body_2004(1)), 403, "not_allowed")


def test_an_inactive_learner_is_refused(client, attempt, learner):
    learner.is_active = False
    learner.save()
    refused(post_commit(client, attempt, body_2004(1)), 403, "not_allowed")


def test_get_is_not_allowed(client, attempt):
    response = client.get(commit_url(attempt), HTTP_HOST=SITE_HOST, HTTP_ORIGIN=CONTENT_ORIGIN)
    refused(response, 405)


def test_the_commit_url_does_not_exist_on_the_content_origin(client, attempt):
    response = client.post(
        commit_url(attempt), data="{}", content_type="application/json", HTTP_HOST="localhost"
    )
    assert response.status_code in (404, 405)
    assert stored(attempt).commit_count == 0


def test_beacon_text_plain_bodies_are_accepted(client, attempt):
    body = json.dumps(body_2004(4, terminate=True, completion_status="completed"))
    ok(post_commit(client, attempt, body, content_type="text/plain;charset=UTF-8"))
    row = stored(attempt)
    assert row.completion_status == "completed"
    assert row.terminated_at is not None


# Malformed payloads --------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00",
        b"null",
        b"[]",
        b"42",
        b'"cmi"',
        b"{",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"cmi": ' * 2000 + b"{}" + b"}" * 2000,
        b'{"cmi": {}, "commitSequence": "3"}',
        b'{"cmi": {}, "commitSequence": -1}',
        b'{"cmi": {}, "commitSequence": true}',
        b'{"cmi": {}, "commitSequence": 1.5}',
        b'{"cmi": {}, "commitSequence": 1e400}',
        b'{"cmi": {}, "commitSequence": 99999999999999999999999}',
        b'{"cmi": null}',
        b'{"runtimeData": []}',
        b'{"cmi": {"location": NaN}}',
        b'{"cmi": {"score": {"scaled": Infinity}}}',
        b'{"cmi": {"score": {"raw": 1e400}}}',
        b'{"cmi": {"session_time": "forever"}}',
        b'{"cmi": {"completion_status": ["completed"]}}',
        b'{"cmi": {"interactions": {"0": "q1"}}}',
        b'{"cmi": {"interactions": {"x": {"id": "q1"}}}}',
        b'{"cmi": {"objectives": [[]]}}',
        b'{"cmi": {"learner_preference": "fr"}}',
        b'{"cmi": {"comments_from_learner": [1]}}',
        b'{"cmi.location": "a", "cmi.location.x": "b"}',
        b'{"cmi": {"suspend_data": "\\u0000"}}',
    ],
)
def test_malformed_payloads_get_a_400_never_a_500(client, attempt, payload):
    response = post_commit(client, attempt, payload)
    error = refused(response, 400)
    assert error["code"] in ("bad_json", "bad_payload", "too_long")
    assert response["Access-Control-Allow-Origin"] == CONTENT_ORIGIN
    assert stored(attempt).commit_count == 0


def test_scorm_12_malformed_payloads(client, attempt_12):
    for payload in (
        {"cmi": {"core": "x"}},
        {"cmi": {"core": {"lesson_status": "super"}}},
        {"cmi": {"core": {"session_time": "PT1S"}}},
        {"cmi": {"core": {"score": {"raw": [1]}}}},
        {"cmi": {"student_preference": [1]}},
    ):
        refused(post_commit(client, attempt_12, payload), 400, "bad_payload")


def test_suspend_data_limit(client, attempt):
    ok(post_commit(client, attempt, body_2004(1, suspend_data="é" * 64_000)))
    assert len(stored(attempt).suspend_data) == 64_000

    error = refused(post_commit(client, attempt, body_2004(2, suspend_data="x" * 64_001)), 400)
    assert error["code"] == "too_long"
    assert "64" in error["message"]
    assert len(stored(attempt).suspend_data) == 64_000


def test_a_body_over_the_upload_limit_gets_a_413(client, attempt, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    refused(post_commit(client, attempt, body_2004(1, suspend_data="x" * 2000)), 413, "too_large")


# Sequences -----------------------------------------------------------------------------


def test_the_highest_sequence_wins_for_plain_values(client, attempt):
    ok(post_commit(client, attempt, body_2004(3, location="trois", session_time="PT30S")))
    ok(post_commit(client, attempt, body_2004(2, location="deux", session_time="PT20S")))
    row = stored(attempt)
    assert (row.location, row.session_seconds, row.last_sequence) == ("trois", 30, 3)
    assert row.commit_count == 2


def test_a_lower_sequence_still_raises_statuses_and_adds_interactions(client, attempt):
    ok(
        post_commit(
            client,
            attempt,
            body_2004(
                5, completion_status="incomplete", interactions=interactions(2), location="cinq"
            ),
        )
    )
    ok(
        post_commit(
            client,
            attempt,
            body_2004(
                4,
                completion_status="completed",
                location="quatre",
                interactions=interactions(1, start=7),
            ),
        )
    )
    row = stored(attempt)
    assert row.location == "cinq"
    assert row.completion_status == "completed"
    assert sorted(row.interactions) == ["q0", "q1", "q7"]


def test_statuses_never_go_down_after_terminate(client, attempt):
    ok(
        post_commit(
            client,
            attempt,
            body_2004(
                1,
                terminate=True,
                completion_status="completed",
                score={"scaled": "0.9"},
                exit="normal",
            ),
        )
    )
    ok(
        post_commit(
            client,
            attempt,
            body_2004(2, completion_status="incomplete", score={"scaled": "0.1"}),
        )
    )
    row = stored(attempt)
    assert (row.completion_status, row.success_status) == ("completed", "passed")
    assert row.ended_at is not None


def test_scorm_12_late_commits_after_lmsfinish_cannot_downgrade(client, attempt_12):
    ok(
        post_commit(
            client,
            attempt_12,
            body_12(1, terminate=True, core={"lesson_status": "passed", "score": {"raw": "95"}}),
        )
    )
    ok(
        post_commit(
            client,
            attempt_12,
            body_12(2, core={"lesson_status": "incomplete", "score": {"raw": "10"}}),
        )
    )
    row = stored(attempt_12)
    assert (row.completion_status, row.success_status) == ("completed", "passed")
    assert row.lesson_status == "incomplete"  # what the SCO last said, kept for the record


def test_scorm_12_mastery_score_is_evaluated_by_the_server(client, attempt_12):
    ok(
        post_commit(
            client,
            attempt_12,
            body_12(1, core={"lesson_status": "passed", "score": {"raw": "50", "max": "100"}}),
        )
    )
    row = stored(attempt_12)
    assert (row.completion_status, row.success_status) == ("completed", "failed")
    assert row.ended_at is None  # failed: the learner may resume and pass

    ok(post_commit(client, attempt_12, body_12(2, core={"score": {"raw": "85"}}), origin=None))
    ok(
        post_commit(
            client,
            attempt_12,
            body_12(3, terminate=True, core={"lesson_status": "completed"}),
        )
    )
    row = stored(attempt_12)
    assert row.success_status == "passed"
    assert row.ended_at is not None


def test_scorm_2004_scaled_passing_score_is_evaluated_by_the_server(client, attempt):
    ok(post_commit(client, attempt, body_2004(1, success_status="passed", score={"scaled": "0.5"})))
    assert stored(attempt).success_status == "failed"
    ok(
        post_commit(
            client, attempt, body_2004(2, success_status="failed", score={"scaled": "0.75"})
        )
    )
    assert stored(attempt).success_status == "passed"


# Sessions and time ---------------------------------------------------------------------


def test_total_time_counts_each_session_once(client, course, learner):
    attempt = attempt_launch(learner=learner, lesson=course.lesson)
    for sequence, seconds in ((1, 20), (2, 60)):
        ok(
            post_commit(
                client,
                attempt,
                body_2004(
                    sequence,
                    session=1,
                    attempt=attempt,
                    exit="suspend",
                    session_time=f"PT{seconds}S",
                ),
            )
        )
    attempt = attempt_launch(learner=learner, lesson=course.lesson)  # session 2
    attempt = attempt_launch(learner=learner, lesson=course.lesson)  # reload, nothing reported
    assert attempt.session_count == 2
    for sequence, seconds in ((1, 10), (2, 45)):
        ok(
            post_commit(
                client,
                attempt,
                body_2004(sequence, session=2, attempt=attempt, session_time=f"PT{seconds}S"),
            )
        )
    # Session 1's late beacon, after session 2 reported: its time is not counted twice.
    ok(
        post_commit(
            client,
            attempt,
            body_2004(3, session=1, attempt=attempt, session_time="PT70S", location="vieux"),
        )
    )
    row = stored(attempt)
    assert (row.previous_sessions_seconds, row.session_seconds, row.total_seconds) == (60, 45, 105)
    assert row.location == ""
    progress = LessonProgress.objects.get(learner=learner, lesson_id=course.lesson.pk)
    assert progress.time_spent_seconds == 105


def test_a_sessions_late_beacon_applies_until_the_next_session_reports(client, course, learner):
    attempt = attempt_launch(learner=learner, lesson=course.lesson)
    ok(post_commit(client, attempt, body_2004(1, session=1, attempt=attempt, session_time="PT20S")))
    attempt = attempt_launch(learner=learner, lesson=course.lesson)  # reload: session 2
    # The old page's pagehide/terminate beacon arrives after the new page loaded.
    ok(
        post_commit(
            client,
            attempt,
            body_2004(
                2,
                session=1,
                attempt=attempt,
                terminate=True,
                session_time="PT50S",
                exit="suspend",
                location="fin",
            ),
        )
    )
    ok(post_commit(client, attempt, body_2004(1, session=2, attempt=attempt, session_time="PT5S")))
    row = stored(attempt)
    assert row.location == "fin"
    assert (row.previous_sessions_seconds, row.session_seconds) == (50, 5)
    assert row.last_sequence == 1


def test_scorm_12_time_format(client, attempt_12):
    ok(post_commit(client, attempt_12, body_12(1, core={"session_time": "0001:02:03.50"})))
    assert stored(attempt_12).session_seconds == 3723


# Progress, objectives, navigation --------------------------------------------------------


def test_first_commit_puts_the_lesson_in_progress(client, attempt, course, learner):
    ok(post_commit(client, attempt, body_2004(1, completion_status="incomplete")))
    progress = LessonProgress.objects.get(learner=learner, lesson_id=course.lesson.pk)
    assert progress.status == "in_progress"


def test_lesson_completes_when_every_sco_is_done(client, association_curriculum, learner):
    course = course_make(association_curriculum, scorm_version="2004 4th", scos=("a", "b"))
    enrol(learner, course.module)
    first = attempt_launch(learner=learner, lesson=course.lesson, item_identifier="a")
    second = attempt_launch(learner=learner, lesson=course.lesson, item_identifier="b")

    ok(
        post_commit(
            client,
            second,
            body_2004(
                1,
                completion_status="completed",
                success_status="passed",
                score={"raw": "6", "max": "10"},
                session_time="PT2M",
            ),
        )
    )
    progress = LessonProgress.objects.get(learner=learner, lesson_id=course.lesson.pk)
    assert (progress.status, progress.score) == ("in_progress", Decimal("60.00"))

    ok(
        post_commit(
            client,
            first,
            body_2004(
                1, completion_status="completed", score={"scaled": "0.8"}, session_time="PT1M"
            ),
        )
    )
    progress.refresh_from_db()
    assert progress.status == "completed"
    assert progress.score == Decimal("70.00")  # mean of 80 and 60
    assert progress.time_spent_seconds == 180


def test_a_failed_sco_does_not_complete_the_lesson(client, attempt, course, learner):
    ok(
        post_commit(
            client, attempt, body_2004(1, completion_status="completed", score={"scaled": "0.2"})
        )
    )
    progress = LessonProgress.objects.get(learner=learner, lesson_id=course.lesson.pk)
    assert progress.status == "in_progress"
    assert progress.score == Decimal("20.00")


def test_global_objectives_written_from_mapped_objectives(client, attempt, learner, course):
    ok(
        post_commit(
            client,
            attempt,
            body_2004(
                1,
                score={"scaled": "0.9"},
                objectives={"0": {"id": "principal", "success_status": "passed"}},
            ),
        )
    )
    registration = ScormRegistration.objects.get(learner=learner, lesson=course.lesson)
    assert registration.global_objectives == {
        "global-principal": {"satisfied": True, "measure": 0.9}
    }


def test_nav_request_is_stored(client, attempt):
    body = body_2004(1)
    body["runtimeData"]["adl"] = {"nav": {"request": "continue"}}
    ok(post_commit(client, attempt, body))
    assert stored(attempt).nav_request == "continue"


def test_staff_attempts_are_stored_without_progress(client, course, trainer):
    attempt = attempt_launch(learner=trainer, lesson=course.lesson)
    ok(post_commit(client, attempt, body_2004(1, completion_status="completed")))
    assert stored(attempt).completion_status == "completed"
    assert not LessonProgress.objects.filter(learner=trainer).exists()
