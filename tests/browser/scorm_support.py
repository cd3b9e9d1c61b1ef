"""Helpers of the SCORM browser tests: the page tree, learners signed in through the login
page, the nested frames of the player, the golf samples' own buttons, built packages."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from lms.scorm.importer import scorm_package_import
from lms.scorm.models import ScormAttempt
from tests.browser.conftest import db_read, wait_for
from tests.factories import DEFAULT_PASSWORD, CurriculumPageFactory, ModulePageFactory, UserFactory
from tests.lms.enrolment.support import curricula_index_rebuilt
from tests.lms.scorm.playback_support import enrol, sample_import, scorm_lesson
from tests.lms.scorm.zips import minimal_manifest_12, minimal_package_12

RUNTIME = "__runtime__"


def course_module():
    """A module in a curriculum (the page tree rebuilt: transactional tests flush it)."""
    return ModulePageFactory(parent=CurriculumPageFactory(parent=curricula_index_rebuilt()))


def learner_enrolled(module, email: str):
    learner = UserFactory(email=email)
    enrol(learner, module)
    return learner


def lesson_from_sample(module, name: str, title: str):
    return scorm_lesson(module, sample_import(name), title=title)


def lesson_from_zip(module, data: bytes, title: str):
    version = scorm_package_import(upload=io.BytesIO(data), filename="paquet.zip")
    return scorm_lesson(module, version, title=title)


def lesson_path(lesson) -> str:
    return urlsplit(lesson.get_url()).path


def sign_in(page, server, user) -> None:
    """Sign in through the login page, as a person would."""
    page.goto(f"{server.url}/comptes/connexion/")
    page.fill('input[name="username"]', user.email)
    page.fill('input[name="password"]', DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.click('form:has(input[name="password"]) [type="submit"]')
    assert "/comptes/connexion/" not in page.url, "sign-in failed"


def open_lesson(page, server, lesson) -> None:
    page.goto(server.url + lesson_path(lesson))
    page.wait_for_selector("#scorm-frame")


def runtime_frame(page):
    """The runtime wrapper's frame (content origin), once loaded."""

    def find():
        for frame in page.frames:
            if f"/{RUNTIME}/" in frame.url:
                return frame
        return None

    return wait_for(find, message="no runtime frame")


def sco_frame(page):
    """The SCO's frame, nested in the wrapper (locator API)."""
    return page.frame_locator("#scorm-frame").frame_locator("#scorm-sco")


def attempt_of(learner, lesson, **filters) -> ScormAttempt:
    return db_read(
        lambda: (
            ScormAttempt.objects.filter(learner=learner, lesson=lesson, **filters)
            .order_by("-number")
            .first()
        )
    )


def wait_attempt(learner, lesson, check, *, timeout=10.0, message=""):
    """Poll the database until the attempt passes ``check``; return it."""

    def read():
        attempt = attempt_of(learner, lesson)
        return attempt if attempt is not None and check(attempt) else None

    return wait_for(read, timeout=timeout, message=message or "attempt not stored as expected")


# --- The golf samples' own user interface -----------------------------------------------


def golf_next(page, times: int = 1) -> None:
    sco = sco_frame(page)
    for _ in range(times):
        sco.locator("#butNext").click()


def golf_answer_everything_right(page) -> None:
    """On the golf assessment page: pick every right answer, then submit."""
    content = sco_frame(page).frame_locator("#contentFrame")
    submit = content.locator('input[value="Submit Answers"]')
    submit.wait_for()
    radios = content.locator("div.correctAnswer input[type=radio]")
    for index in range(radios.count()):
        radio = radios.nth(index)
        radio.dispatch_event("click")  # a click, without waiting for layout to settle
        assert radio.is_checked()
    texts = content.locator("div.correctAnswer input[type=text]")
    for index in range(texts.count()):
        field = texts.nth(index)
        # The right number is printed after the field: "(18)".
        label = field.locator("xpath=..").inner_text()
        field.fill(label.strip().strip("()").strip())
    submit.click()
    content.locator("text=Score: 100").wait_for()


# --- Built packages -----------------------------------------------------------------------

PROBE_12 = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Probe</title>
<script>
var api = null;
function findAPI(win) {
  var tries = 0;
  while (!win.API && win.parent && win.parent !== win && tries < 10) { win = win.parent; tries++; }
  return win.API || null;
}
function show(id, value) { document.getElementById(id).textContent = value; }
function start() {
  api = findAPI(window);
  show("init", api.LMSInitialize(""));
  show("entry", api.LMSGetValue("cmi.core.entry"));
  show("location", api.LMSGetValue("cmi.core.lesson_location"));
  show("suspend", api.LMSGetValue("cmi.suspend_data"));
  show("name", api.LMSGetValue("cmi.core.student_name"));
  show("ready", "ready");
}
function burst() {
  for (var i = 0; i < 300; i++) { api.LMSSetValue("cmi.suspend_data", "burst-" + i); }
  api.LMSSetValue("cmi.core.lesson_location", "page-7");
  for (var k = 0; k < 5; k++) {
    var n = api.LMSGetValue("cmi.interactions._count");
    api.LMSSetValue("cmi.interactions." + n + ".id", "q" + k);
    api.LMSSetValue("cmi.interactions." + n + ".type", "choice");
    api.LMSSetValue("cmi.interactions." + n + ".student_response", "a");
    api.LMSSetValue("cmi.interactions." + n + ".result", "correct");
  }
  api.LMSSetValue("cmi.core.lesson_status", "incomplete");
  api.LMSSetValue("cmi.core.exit", "suspend");
  show("committed", api.LMSCommit(""));
}
function dirty() {
  api.LMSSetValue("cmi.suspend_data", "unsaved-" + document.getElementById("marker").value);
  api.LMSSetValue("cmi.core.lesson_location", "page-9");
  api.LMSSetValue("cmi.core.exit", "suspend");
  show("dirty", "dirty");
}
</script></head>
<body onload="start()">
<p>init <span id="init"></span> entry <span id="entry"></span>
 location <span id="location"></span> suspend <span id="suspend"></span>
 name <span id="name"></span> <span id="ready"></span></p>
<input id="marker" value="m1">
<button id="burst" onclick="burst()">Burst</button> <span id="committed"></span>
<button id="dirty-button" onclick="dirty()">Dirty</button> <span id="dirty"></span>
</body></html>
"""


def probe_package_12() -> bytes:
    """A SCORM 1.2 SCO that shows what it reads after LMSInitialize, sends a burst of
    values in one commit, or sets values without committing nor terminating."""
    return minimal_package_12(minimal_manifest_12(title="Sonde"), **{"index.html": PROBE_12})


def package_12_with_page(html: str, title: str = "Paquet") -> bytes:
    return minimal_package_12(minimal_manifest_12(title=title), **{"index.html": html})
