"""SCORM playback in Chromium: the golf samples played to completion through their own
buttons (1.2 and 2004), reload and resume, pages closed with and without ``beforeunload``,
what is stored checked field by field.

The page is on http://127.0.0.1:<port>; the runtime wrapper and the SCO on
http://localhost:<port> (the content origin), nested: lesson page > wrapper > SCO.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from lms.progress.models import LessonProgress
from tests.browser.conftest import db_read, wait_for
from tests.browser.scorm_support import (
    attempt_of,
    course_module,
    golf_answer_everything_right,
    golf_next,
    learner_enrolled,
    lesson_from_sample,
    lesson_from_zip,
    open_lesson,
    probe_package_12,
    runtime_frame,
    sco_frame,
    sign_in,
    wait_attempt,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOLF_12_PAGES = 16
GOLF_2004_PAGES = 15


def commit_requests(page) -> list[tuple[str, str]]:
    """Record (method, resource type) of every request to the commit endpoint."""
    seen: list[tuple[str, str]] = []
    page.on(
        "request",
        lambda request: (
            seen.append((request.method, request.resource_type))
            if "/scorm/commit/" in request.url
            else None
        ),
    )
    return seen


def test_golf_12_to_completion_with_a_reload_and_resume(live_server, browser_context):
    module = course_module()
    learner = learner_enrolled(module, "golf12@exemple.fr")
    lesson = lesson_from_sample(module, "01", "Golf 1.2")
    page = browser_context.new_page()
    sign_in(page, live_server, learner)
    open_lesson(page, live_server, lesson)

    sco = sco_frame(page)
    sco.locator("#butNext").wait_for()
    assert runtime_frame(page).evaluate("API.cmi.core.entry") == "ab-initio"
    assert runtime_frame(page).evaluate("API.cmi.core.student_id") == str(learner.pk)
    golf_next(page, 3)
    sco.frame_locator("#contentFrame").locator("body").wait_for()

    # Reload: the SCO suspends and finishes in its beforeunload handler (final commit by
    # beacon), then the attempt resumes where it was, the SCO asking to resume.
    page.once("dialog", lambda dialog: dialog.accept())
    page.reload()
    stored = wait_attempt(learner, lesson, lambda a: a.location == "3" and a.terminated_at)
    assert stored.exit_value == "suspend"
    assert stored.completion_status == "incomplete"
    assert stored.ended_at is None
    wrapper = runtime_frame(page)
    sco.locator("#butNext").wait_for()
    assert wrapper.evaluate("API.cmi.core.entry") == "resume"
    assert wrapper.evaluate("API.cmi.core.lesson_location") == "3"
    content = sco.frame_locator("#contentFrame")
    wait_for(
        lambda: any(f.url.endswith("Playing/OtherScoring.html") for f in page.frames),
        message="the SCO did not resume on page 3",
    )
    assert content.locator("body").inner_text()

    golf_next(page, GOLF_12_PAGES - 1 - 3)
    golf_answer_everything_right(page)
    page.wait_for_timeout(1100)  # at least a second in this session
    sco.locator("#butExit").click()

    attempt = wait_attempt(learner, lesson, lambda a: a.ended_at is not None)
    assert attempt.number == 1
    assert attempt.completion_status == "completed"
    assert attempt.success_status == "passed"
    assert attempt.lesson_status == "passed"
    assert (attempt.score_raw, attempt.score_min, attempt.score_max) == (
        Decimal(100),
        Decimal(0),
        Decimal(100),
    )
    assert attempt.location == str(GOLF_12_PAGES - 1)
    assert attempt.exit_value == ""
    assert attempt.terminated_at is not None
    assert attempt.session_count == 2
    # Time: the first session folded into the total once, plus the last session_time.
    assert attempt.session_seconds >= 1
    assert attempt.total_seconds == attempt.previous_sessions_seconds + attempt.session_seconds
    assert attempt.total_seconds >= stored.session_seconds + attempt.session_seconds
    assert attempt.commit_count >= 2
    progress = db_read(LessonProgress.objects.get, learner=learner, lesson_id=lesson.pk)
    assert progress.status == "completed"
    # The page heard the termination and refreshed the attempt's summary.
    page.locator('#scorm-summary[data-status="passed"]').wait_for()
    page.locator("#scorm-new-attempt").wait_for()


def test_golf_2004_to_completion_with_interactions_and_objectives(live_server, browser_context):
    module = course_module()
    learner = learner_enrolled(module, "golf2004@exemple.fr")
    lesson = lesson_from_sample(module, "12", "Golf 2004")
    page = browser_context.new_page()
    commits = commit_requests(page)
    sign_in(page, live_server, learner)
    open_lesson(page, live_server, lesson)

    sco = sco_frame(page)
    sco.locator("#butNext").wait_for()
    wrapper = runtime_frame(page)
    assert wrapper.evaluate("API_1484_11.cmi.entry") == "ab-initio"
    assert wrapper.evaluate("API_1484_11.cmi.scaled_passing_score") == "0.8"
    golf_next(page, GOLF_2004_PAGES - 1)
    golf_answer_everything_right(page)
    page.wait_for_timeout(1100)  # at least a second in this session
    sco.locator("#butExit").click()

    attempt = wait_attempt(learner, lesson, lambda a: a.ended_at is not None)
    assert attempt.completion_status == "completed"
    assert attempt.success_status == "passed"
    assert attempt.score_scaled == Decimal(1)
    assert attempt.score_raw == Decimal(100)
    assert attempt.progress_measure == Decimal(1)
    assert attempt.location == str(GOLF_2004_PAGES - 1)
    assert attempt.exit_value == ""
    interactions = list(attempt.interactions.values())
    assert len(interactions) == 15
    assert {entry["result"] for entry in interactions} == {"correct"}
    assert all(
        entry["id"].startswith("com.scorm.golfsamples.interactions.") for entry in interactions
    )
    assert all(entry.get("learner_response") for entry in interactions)
    assert {entry["objectives"][0] for entry in interactions} == {
        "obj_playing",
        "obj_etiquette",
        "obj_handicapping",
        "obj_havingfun",
    }
    objectives = {entry["id"]: entry for entry in attempt.objectives.values()}
    assert set(objectives) >= {"obj_playing", "obj_etiquette", "obj_handicapping", "obj_havingfun"}
    assert objectives["obj_playing"]["completion_status"] == "completed"
    assert attempt.session_seconds >= 1
    assert attempt.total_seconds == attempt.session_seconds
    # Every commit is one POST, without preflight (text/plain JSON, no credentials).
    assert commits and all(method == "POST" for method, _type in commits)
    page.locator('#scorm-summary[data-status="passed"]').wait_for()


def test_closing_the_page_with_or_without_beforeunload_loses_nothing(live_server, browser_context):
    module = course_module()
    learner = learner_enrolled(module, "sonde@exemple.fr")
    lesson = lesson_from_zip(module, probe_package_12(), "Sonde")
    page = browser_context.new_page()
    commits = commit_requests(page)
    sign_in(page, live_server, learner)
    open_lesson(page, live_server, lesson)
    sco = sco_frame(page)
    sco.locator("#ready").wait_for()
    assert sco.locator("#entry").inner_text() == "ab-initio"

    # 300 SetValue calls and 5 interactions appended at _count: one commit, one POST.
    sco.locator("#burst").click()
    sco.locator("#committed:has-text('true')").wait_for()
    attempt = wait_attempt(learner, lesson, lambda a: a.suspend_data == "burst-299")
    assert commits == [("POST", "xhr")]
    assert attempt.location == "page-7"
    assert sorted(entry["id"] for entry in attempt.interactions.values()) == [
        f"q{index}" for index in range(5)
    ]

    # Values set, never committed, the SCO never terminates: closing the tab without
    # beforeunload still stores them (the wrapper's pagehide beacon).
    sco.locator("#dirty-button").click()
    sco.locator("#dirty").wait_for()
    page.close()
    wait_attempt(learner, lesson, lambda a: a.suspend_data == "unsaved-m1")
    assert attempt_of(learner, lesson).location == "page-9"

    # Resumed: the values are readable right after LMSInitialize.
    page = browser_context.new_page()
    open_lesson(page, live_server, lesson)
    sco = sco_frame(page)
    sco.locator("#ready").wait_for()
    assert sco.locator("#entry").inner_text() == "resume"
    assert sco.locator("#location").inner_text() == "page-9"
    assert sco.locator("#suspend").inner_text() == "unsaved-m1"
    assert attempt_of(learner, lesson).number == 1

    # Same with the beforeunload handlers run.
    sco.locator("#marker").fill("m2")
    sco.locator("#dirty-button").click()
    sco.locator("#dirty").wait_for()
    page.close(run_before_unload=True)
    wait_attempt(learner, lesson, lambda a: a.suspend_data == "unsaved-m2")
