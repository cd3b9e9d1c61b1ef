"""Pure functions of the SCORM data model: time formats, commit bodies, evaluation, merges."""

from decimal import Decimal

import pytest

from lms.scorm import cmi


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("00:00:00", 0),
        ("0000:00:00", 0),
        ("01:02:03", 3723),
        ("01:02:03.5", 3723.5),
        ("01:02:03.25", 3723.25),
        ("9999:59:59.99", 9999 * 3600 + 3599.99),
        ("12:5:7", 12 * 3600 + 307),
    ],
)
def test_scorm_12_times_read(text, seconds):
    assert cmi.time_12_to_seconds(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "1:2", "01:60:00", "01:02:03.123", "PT1S", "aa:bb:cc", 12])
def test_malformed_scorm_12_times_refused(text):
    with pytest.raises(ValueError):
        cmi.time_12_to_seconds(text)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("PT0S", 0),
        ("PT1H2M3.5S", 3723.5),
        ("PT45S", 45),
        ("PT2M", 120),
        ("P1D", 86400),
        ("P1DT1H", 90000),
        ("P1W", 7 * 86400),
        ("P1M", 30 * 86400),
        ("P1Y", 365 * 86400),
        ("PT0.25S", 0.25),
        ("PT1.5H", 5400),
    ],
)
def test_iso_durations_read(text, seconds):
    assert cmi.time_2004_to_seconds(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "P", "PT", "T1S", "PT1H2", "P1H", "1S", "PT-1S", None])
def test_malformed_iso_durations_refused(text):
    with pytest.raises(ValueError):
        cmi.time_2004_to_seconds(text)


@pytest.mark.parametrize(
    ("seconds", "scorm_12", "scorm_2004"),
    [
        (0, "00:00:00", "PT0S"),
        (3723.5, "01:02:03.50", "PT1H2M3.5S"),
        (45, "00:00:45", "PT45S"),
        (120, "00:02:00", "PT2M"),
        (36000.25, "10:00:00.25", "PT10H0.25S"),
        (-5, "00:00:00", "PT0S"),
    ],
)
def test_times_written_and_read_back(seconds, scorm_12, scorm_2004):
    assert cmi.seconds_to_time_12(seconds) == scorm_12
    assert cmi.seconds_to_time_2004(seconds) == scorm_2004
    assert cmi.time_12_to_seconds(scorm_12) == pytest.approx(max(seconds, 0))
    assert cmi.time_2004_to_seconds(scorm_2004) == pytest.approx(max(seconds, 0))


def test_scorm_12_time_capped_at_four_digit_hours():
    assert cmi.seconds_to_time_12(10_000 * 3600) == "9999:59:59.99"


# Evaluation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "raw", "terminated", "expected"),
    [
        ("completed", Decimal(85), False, ("completed", "passed")),
        ("completed", Decimal(50), False, ("completed", "failed")),
        ("passed", Decimal(50), False, ("completed", "failed")),
        ("failed", Decimal(90), False, ("completed", "passed")),
        # Still incomplete: an intermediate score is not judged yet...
        ("incomplete", Decimal(50), False, ("incomplete", "unknown")),
        # ...but it is at the termination commit.
        ("incomplete", Decimal(50), True, ("completed", "failed")),
        ("incomplete", Decimal(80), True, ("completed", "passed")),
        # No raw score: the status as set.
        ("completed", None, True, ("completed", "unknown")),
    ],
)
def test_scorm_12_mastery_score_decides(status, raw, terminated, expected):
    assert (
        cmi.evaluate_12(
            lesson_status=status,
            credit="credit",
            mastery_score=Decimal(80),
            score_raw=raw,
            terminated=terminated,
        )
        == expected
    )


def test_scorm_12_without_credit_or_mastery_keeps_the_status():
    assert cmi.evaluate_12(
        lesson_status="completed",
        credit="no-credit",
        mastery_score=Decimal(80),
        score_raw=Decimal(1),
    ) == ("completed", "unknown")
    assert cmi.evaluate_12(lesson_status="passed", score_raw=Decimal(1)) == ("completed", "passed")
    assert cmi.evaluate_12(lesson_status="browsed") == ("incomplete", "unknown")
    assert cmi.evaluate_12(lesson_status="not attempted") == ("not attempted", "unknown")
    assert cmi.evaluate_12(lesson_status=None) == ("unknown", "unknown")


def test_scorm_2004_completion_threshold_decides_over_the_reported_status():
    def completion(reported, progress, threshold=Decimal("0.8")):
        return cmi.evaluate_2004(
            completion_status=reported,
            success_status=None,
            progress_measure=progress,
            completion_threshold=threshold,
        )[0]

    assert completion("completed", Decimal("0.5")) == "incomplete"
    assert completion("incomplete", Decimal("0.8")) == "completed"
    assert completion("incomplete", None) == "incomplete"  # no measure: as reported
    assert completion("completed", Decimal("0.1"), threshold=None) == "completed"
    assert completion(None, None, threshold=None) == "unknown"


def test_scorm_2004_scaled_passing_score_decides_over_the_reported_status():
    def success(reported, scaled, passing=Decimal("0.7")):
        return cmi.evaluate_2004(
            completion_status=None,
            success_status=reported,
            score_scaled=scaled,
            scaled_passing_score=passing,
        )[1]

    assert success("passed", Decimal("0.5")) == "failed"
    assert success("failed", Decimal("0.7")) == "passed"
    assert success("passed", None) == "unknown"  # a passing score but no scaled score
    assert success("passed", None, passing=None) == "passed"
    assert success("failed", Decimal("1"), passing=None) == "failed"


def test_statuses_only_move_up():
    assert cmi.completion_max("completed", "incomplete") == "completed"
    assert cmi.completion_max("incomplete", "completed") == "completed"
    assert cmi.completion_max("not attempted", "unknown") == "not attempted"
    assert cmi.completion_max("not attempted", "incomplete") == "incomplete"
    assert cmi.success_max("passed", "failed") == "passed"
    assert cmi.success_max("failed", "passed") == "passed"
    assert cmi.success_max("unknown", "failed") == "failed"
    assert cmi.success_max("failed", "unknown") == "failed"
    assert cmi.success_max("passed", "bogus") == "passed"


def test_satisfied_means_passed_or_completed_without_failure():
    assert cmi.is_satisfied("completed", "unknown")
    assert cmi.is_satisfied("incomplete", "passed")
    assert not cmi.is_satisfied("completed", "failed")
    assert not cmi.is_satisfied("incomplete", "unknown")


# Commit bodies -------------------------------------------------------------------------


def test_scorm_12_body_as_scorm_again_renders_it():
    body = {
        "cmi": {
            "suspend_data": "page=4",
            "launch_data": "",
            "comments": "Bien",
            "comments_from_lms": "",
            "core": {
                "student_id": "7",
                "student_name": "Durand, Léa",
                "lesson_location": "p4",
                "credit": "credit",
                "lesson_status": "incomplete",
                "entry": "ab-initio",
                "lesson_mode": "normal",
                "exit": "suspend",
                "session_time": "00:01:30",
                "score": {"raw": "42", "min": "0", "max": "100"},
            },
            "objectives": {"0": {"id": "obj-1", "status": "passed", "score": {"raw": "9"}}},
            "student_data": {
                "mastery_score": "80",
                "max_time_allowed": "",
                "time_limit_action": "",
            },
            "student_preference": {"audio": "", "language": "fr", "speed": "", "text": ""},
            "interactions": {
                "0": {
                    "id": "q1",
                    "time": "09:00:00",
                    "type": "choice",
                    "weighting": "",
                    "student_response": "b",
                    "result": "wrong",
                    "latency": "",
                    "objectives": {"0": {"id": "obj-1"}},
                    "correct_responses": {"0": {"pattern": "a"}},
                }
            },
        },
        "commitSequence": 3,
    }
    data = cmi.commit_normalise(body, is_2004=False)
    assert data.lesson_status == "incomplete"
    assert data.location == "p4"
    assert data.exit == "suspend"
    assert data.session_seconds == 90
    assert (data.score.raw, data.score.min, data.score.max) == (42, 0, 100)
    assert data.suspend_data == "page=4"
    assert data.extra == {"comments": "Bien", "student_preference": {"language": "fr"}}
    assert data.interactions == [
        {
            "id": "q1",
            "time": "09:00:00",
            "type": "choice",
            "student_response": "b",
            "result": "wrong",
            "objectives": ["obj-1"],
            "correct_responses": ["a"],
        }
    ]
    assert data.objectives == [{"id": "obj-1", "status": "passed", "score": {"raw": "9"}}]


def test_scorm_2004_body_with_common_commit_fields_and_session_marker():
    body = {
        "completionStatus": "completed",
        "successStatus": "passed",
        "totalTimeSeconds": 30,
        "score": {"scaled": 0.9},
        "runtimeData": {
            "cmi": {
                "completion_status": "incomplete",
                "success_status": "unknown",
                "location": "slide-3",
                "exit": "suspend",
                "session_time": "PT1M30S",
                "progress_measure": "0.5",
                "score": {"scaled": "0.4", "raw": "40", "min": "0", "max": "100"},
                "objectives": [{"id": "o1", "success_status": "passed", "score": {"scaled": 1}}],
                "interactions": [{"id": "i1", "type": "true-false", "learner_response": "true"}],
                "learner_preference": {"language": "fr", "audio_level": "1"},
            },
            "adl": {"nav": {"request": "continue"}},
        },
        "scoId": "attempt-12-session-3",
        "terminateCommit": True,
        "commitSequence": 8,
    }
    data = cmi.commit_normalise(body, is_2004=True)
    # The server reads the run-time data, not the summary fields it could not check.
    assert (data.completion_status, data.success_status) == ("incomplete", "unknown")
    assert data.score.scaled == Decimal("0.4")
    assert data.progress_measure == Decimal("0.5")
    assert data.session_seconds == 90
    assert (data.session_attempt, data.session) == (12, 3)
    assert data.nav_request == "continue"
    assert data.extra == {"learner_preference": {"language": "fr", "audio_level": "1"}}
    assert data.objectives == [{"id": "o1", "success_status": "passed", "score": {"scaled": "1"}}]


def test_flattened_bodies_are_read():
    body = {
        "cmi.completion_status": "completed",
        "cmi.interactions.0.id": "i1",
        "cmi.interactions.0.result": "correct",
    }
    data = cmi.commit_normalise(body, is_2004=True)
    assert data.completion_status == "completed"
    assert data.interactions == [{"id": "i1", "result": "correct"}]


def test_numbers_as_json_numbers_or_text():
    data = cmi.commit_normalise(
        {"cmi": {"core": {"score": {"raw": 1234567.5, "min": 0, "max": "99999999.9999"}}}},
        is_2004=False,
    )
    assert (data.score.raw, data.score.min, data.score.max) == (
        Decimal("1234567.5"),
        0,
        Decimal("99999999.9999"),
    )


def test_absent_values_stay_unknown():
    data = cmi.commit_normalise({"cmi": {}}, is_2004=True)
    assert data.location is None
    assert data.suspend_data is None
    assert data.session_seconds is None
    assert not data.score_present


def test_suspend_data_up_to_64000_characters():
    ok = cmi.commit_normalise({"cmi": {"suspend_data": "x" * 64_000}}, is_2004=False)
    assert len(ok.suspend_data) == 64_000
    with pytest.raises(cmi.CmiError) as error:
        cmi.commit_normalise({"cmi": {"suspend_data": "x" * 64_001}}, is_2004=False)
    assert error.value.code == "too_long"
    assert "64" in error.value.message


@pytest.mark.parametrize(
    ("body", "is_2004"),
    [
        ([], True),
        ("cmi", True),
        ({}, True),
        ({"cmi": []}, True),
        ({"cmi": "x"}, False),
        ({"runtimeData": 3}, True),
        ({"cmi": {"core": []}}, False),
        ({"cmi": {"core": {"lesson_status": "great"}}}, False),
        ({"cmi": {"core": {"lesson_status": 3}}}, False),
        ({"cmi": {"core": {"session_time": "PT1S"}}}, False),
        ({"cmi": {"core": {"score": {"raw": "abc"}}}}, False),
        ({"cmi": {"core": {"score": {"raw": "1e9"}}}}, False),
        ({"cmi": {"core": {"score": {"raw": "NaN"}}}}, False),
        ({"cmi": {"core": {"score": {"raw": "99999999.99995"}}}}, False),
        ({"cmi": {"core": {"score": {"raw": 1e300}}}}, False),
        ({"cmi": {"core": {"exit": "bye"}}}, False),
        ({"cmi": {"completion_status": "done"}}, True),
        ({"cmi": {"success_status": True}}, True),
        ({"cmi": {"session_time": "01:00:00"}}, True),
        ({"cmi": {"score": {"scaled": "2"}}}, True),
        ({"cmi": {"progress_measure": "-0.1"}}, True),
        ({"cmi": {"location": {"a": 1}}}, True),
        ({"cmi": {"location": "x" * 1001}}, True),
        ({"cmi": {"suspend_data": ["a"]}}, True),
        ({"cmi": {"suspend_data": "a\x00b"}}, True),
        ({"cmi": {"interactions": "q1"}}, True),
        ({"cmi": {"interactions": {"a": {"id": "q"}}}}, True),
        ({"cmi": {"interactions": ["q1"]}}, True),
        ({"cmi": {"interactions": [{"id": ["q1"]}]}}, True),
        ({"cmi": {"interactions": [{"id": "q", "objectives": 4}]}}, True),
        ({"cmi": {"objectives": [{"id": "o", "success_status": "yes"}]}}, True),
        ({"cmi": {"objectives": [{"id": "o", "score": "high"}]}}, True),
        ({"cmi": {}, "runtimeData": {"cmi": {}, "adl": {"nav": {"request": [3]}}}}, True),
        ({"cmi.a": 1, "cmi.a.b": 2}, True),
    ],
)
def test_malformed_bodies_refused_with_a_french_message(body, is_2004):
    with pytest.raises(cmi.CmiError) as error:
        cmi.commit_normalise(body, is_2004=is_2004)
    assert error.value.code in ("bad_payload", "too_long")
    assert error.value.message


# Merges --------------------------------------------------------------------------------


def test_interactions_merge_by_id_in_arrival_order():
    stored = cmi.interactions_merge({}, [{"id": "q1", "result": "wrong"}], newer=True)
    stored = cmi.interactions_merge(
        stored,
        [{"id": "q2", "result": "correct"}, {"id": "q1", "result": "correct", "latency": "PT2S"}],
        newer=True,
    )
    assert cmi.ordered(stored) == [
        {"id": "q1", "result": "correct", "latency": "PT2S"},
        {"id": "q2", "result": "correct"},
    ]


def test_a_late_commit_adds_interactions_but_does_not_overwrite():
    stored = cmi.interactions_merge({}, [{"id": "q1", "result": "correct"}], newer=True)
    stored = cmi.interactions_merge(
        stored,
        [{"id": "q1", "result": "wrong", "description": "Q1"}, {"id": "q0", "result": "wrong"}],
        newer=False,
    )
    assert cmi.ordered(stored) == [
        {"id": "q1", "result": "correct", "description": "Q1"},
        {"id": "q0", "result": "wrong"},
    ]


def test_objective_statuses_only_move_up():
    stored = cmi.objectives_merge(
        {}, [{"id": "o1", "success_status": "passed", "completion_status": "completed"}], newer=True
    )
    stored = cmi.objectives_merge(
        stored,
        [{"id": "o1", "success_status": "failed", "completion_status": "incomplete"}],
        newer=True,
    )
    assert cmi.ordered(stored) == [
        {"id": "o1", "success_status": "passed", "completion_status": "completed"}
    ]
    stored = cmi.objectives_merge({}, [{"id": "o", "status": "passed"}], newer=True)
    stored = cmi.objectives_merge(stored, [{"id": "o", "status": "incomplete"}], newer=True)
    assert cmi.ordered(stored)[0]["status"] == "passed"


def test_score_percent():
    assert cmi.score_percent(scaled=Decimal("0.85"), raw=None, maximum=None) == Decimal("85.00")
    assert cmi.score_percent(scaled=None, raw=Decimal(15), maximum=Decimal(20)) == Decimal("75.00")
    assert cmi.score_percent(scaled=None, raw=Decimal(15), maximum=None) is None
    assert cmi.score_percent(scaled=Decimal(-1), raw=None, maximum=None) == Decimal("0.00")
