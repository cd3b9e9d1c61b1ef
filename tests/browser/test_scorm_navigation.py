"""Multi-SCO packages in Chromium: forced order (the second SCO opens once the first is
satisfied, through the player's "next" button) and a SCO's own navigation request
("continue" at Terminate) moving the player to the next SCO."""

from __future__ import annotations

import io

import pytest

from lms.scorm.importer import scorm_package_import
from tests.browser.conftest import wait_for
from tests.browser.scorm_support import (
    attempt_of,
    course_module,
    golf_next,
    learner_enrolled,
    lesson_from_sample,
    open_lesson,
    sco_frame,
    sign_in,
)
from tests.lms.scorm.playback_support import scorm_lesson
from tests.lms.scorm.zips import Item, minimal_manifest_2004, minimal_package_2004

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCO_2004 = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>SCO</title>
<script>
var api;
function start() {
  var win = window, tries = 0;
  while (!win.API_1484_11 && win.parent !== win && tries++ < 10) { win = win.parent; }
  api = win.API_1484_11;
  api.Initialize("");
  document.getElementById("ready").textContent = "ready";
}
function finish() {
  api.SetValue("cmi.completion_status", "completed");
  api.SetValue("cmi.success_status", "passed");
  api.SetValue("cmi.exit", "normal");
  api.SetValue("adl.nav.request", "continue");
  api.Terminate("");
}
</script></head>
<body onload="start()"><h1>__TITLE__</h1><span id="ready"></span>
<button id="finish" onclick="finish()">Finish and continue</button></body></html>
"""


def toc_entry(page, index: int):
    return page.locator("li.scorm-toc__entry").nth(index)


def test_forced_order_opens_the_next_sco_once_the_first_is_satisfied(live_server, browser_context):
    module = course_module()
    learner = learner_enrolled(module, "ordre@exemple.fr")
    lesson = lesson_from_sample(module, "14", "Golf ordre imposé")
    page = browser_context.new_page()
    sign_in(page, live_server, learner)
    open_lesson(page, live_server, lesson)

    assert toc_entry(page, 0).locator("button").get_attribute("aria-current") == "true"
    assert toc_entry(page, 1).locator("button").is_disabled()
    assert toc_entry(page, 1).locator(".fr-hint-text").inner_text()
    sco = sco_frame(page)
    sco.locator("#butNext").wait_for()
    golf_next(page, 4)  # the last page of "Playing the Game": completed and passed
    wait_for(lambda: (a := attempt_of(learner, lesson)) and a.success_status == "passed")

    with page.expect_navigation():
        page.click("#scorm-next")
    page.wait_for_selector("#scorm-frame")
    assert toc_entry(page, 1).locator("button").get_attribute("aria-current") == "true"
    assert toc_entry(page, 0).get_attribute("data-status") == "passed"
    assert toc_entry(page, 2).locator("button").is_disabled()
    wait_for(
        lambda: any("content=etiquette" in frame.url for frame in page.frames),
        message="the second SCO was not launched",
    )
    second = attempt_of(learner, lesson, sco_identifier="etuqiette_item")
    assert second is not None and second.number == 1


def test_a_continue_request_at_terminate_moves_to_the_next_sco(live_server, browser_context):
    module = course_module()
    learner = learner_enrolled(module, "suite@exemple.fr")
    items = (
        Item("first", "Première partie", href="first.html"),
        Item("second", "Seconde partie", href="second.html"),
    )
    data = minimal_package_2004(
        minimal_manifest_2004(title="Deux parties", items=items),
        **{
            "first.html": SCO_2004.replace("__TITLE__", "Première"),
            "second.html": SCO_2004.replace("__TITLE__", "Seconde"),
        },
    )
    version = scorm_package_import(upload=io.BytesIO(data), filename="deux.zip")
    lesson = scorm_lesson(module, version, title="Deux parties")
    page = browser_context.new_page()
    sign_in(page, live_server, learner)
    open_lesson(page, live_server, lesson)

    sco = sco_frame(page)
    sco.locator("#ready:has-text('ready')").wait_for()
    assert sco.locator("h1").inner_text() == "Première"
    with page.expect_navigation():
        sco.locator("#finish").click()
    page.wait_for_selector("#scorm-frame")

    sco = sco_frame(page)
    sco.locator("#ready:has-text('ready')").wait_for()
    assert sco.locator("h1").inner_text() == "Seconde"
    first = attempt_of(learner, lesson, sco_identifier="first")
    assert (first.completion_status, first.success_status) == ("completed", "passed")
    assert toc_entry(page, 0).get_attribute("data-status") == "passed"
