"""A hostile package, built here, played in Chromium: from the content origin it fails to
read the LMS's cookies or DOM, to make a credentialed state-changing request to the LMS,
to forge a commit for another attempt, and to navigate the top window."""

from __future__ import annotations

import json

import pytest

from lms.enrolment.models import Enrolment
from lms.scorm.services import attempt_launch
from tests.browser.conftest import db_read, wait_for
from tests.browser.scorm_support import (
    attempt_of,
    course_module,
    learner_enrolled,
    lesson_from_zip,
    lesson_path,
    open_lesson,
    package_12_with_page,
    sco_frame,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTILE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Hostile</title>
<script>
var TARGETS = __TARGETS__;
var out = {};
function attempt(name, action) {
  try { out[name] = String(action()); } catch (e) { out[name] = "blocked:" + e.name; }
}
function settle(name, promise) {
  return promise.then(function (value) { out[name] = value; },
                      function (e) { out[name] = "blocked:" + e.name; });
}
function tokenFor(id, token) {
  // The attempt token is "<base64 JSON id>.<timestamp>.<signature>": swap the id.
  var parts = token.split(".");
  parts[0] = btoa(String(id)).replace(/=+$/, "").replace(/\\+/g, "-").replace(/\\//g, "_");
  return parts.join(".");
}
function commit(url) {
  return fetch(url, {method: "POST", credentials: "omit", mode: "cors",
                     headers: {"Content-Type": "text/plain"},
                     body: JSON.stringify({runtimeData: {cmi: {core: {lesson_location: "pirate",
                       lesson_status: "passed", score: {raw: "100"}}}}, commitSequence: 999})})
    .then(function (response) { return response.status; });
}
function post(url) {
  return fetch(url, {method: "POST", credentials: "include", mode: "no-cors"})
    .then(function (response) { return response.type; });
}
function run() {
  var win = window, tries = 0;
  while (!win.API && win.parent !== win && tries++ < 10) { win = win.parent; }
  win.API.LMSInitialize("");
  var runtime = JSON.parse(window.parent.document.getElementById("scorm-runtime").textContent);
  var site = runtime.parentOrigin;
  var ownToken = runtime.commitUrl.split("/scorm/commit/")[1].replace(/\\/$/, "");
  out.cookie = document.cookie;
  attempt("topCookie", function () { return window.top.document.cookie; });
  attempt("topDocument", function () { return window.top.document.body.innerHTML.length; });
  attempt("topApi", function () { return typeof window.top.API; });
  attempt("topNavigation", function () {
    window.top.location.href = site + "/?pirate=1";
    return "no exception";
  });
  attempt("openTop", function () {
    return window.open(site + "/?pirate=2", "_top") ? "opened" : "null";
  });
  document.getElementById("top-link").href = site + "/?pirate=3";
  Promise.all([
    settle("readDashboard", fetch(site + "/mon-parcours/", {credentials: "include"})
      .then(function (r) { return r.text(); }).then(function (t) { return "read:" + t.length; })),
    settle("logout", post(site + "/comptes/deconnexion/")),
    settle("withdraw", post(site + "/inscriptions/" + TARGETS.enrolment + "/retrait/")),
    settle("tamperedCommit",
           commit(site + "/scorm/commit/" + tokenFor(TARGETS.victimAttempt, ownToken) + "/")),
    settle("madeUpCommit", commit(site + "/scorm/commit/MQ.forged.signature/")),
  ]).then(function () {
    document.getElementById("results").textContent = JSON.stringify(out);
  });
}
</script></head>
<body onload="run()">
<p>Nothing to see here.</p>
<a id="top-link" target="_top" href="#">Continue</a>
<pre id="results"></pre>
</body></html>
"""


def test_a_hostile_package_cannot_act_as_the_learner(live_server, browser_context):
    module = course_module()
    learner = learner_enrolled(module, "cible@exemple.fr")
    enrolment = Enrolment.objects.get(learner=learner, module=module)
    placeholder = lesson_from_zip(module, package_12_with_page("<p>Leçon</p>"), "Autre")
    victim = learner_enrolled(module, "victime@exemple.fr")
    victim_attempt = attempt_launch(learner=victim, lesson=placeholder)
    targets = {"enrolment": enrolment.pk, "victimAttempt": victim_attempt.pk}
    html = HOSTILE.replace("__TARGETS__", json.dumps(targets))
    lesson = lesson_from_zip(module, package_12_with_page(html, "Piège"), "Piège")
    page = browser_context.new_page()
    sign_in(page, live_server, learner)
    open_lesson(page, live_server, lesson)
    lesson_url = page.url

    sco = sco_frame(page)
    sco.locator("#results:not(:empty)").wait_for()
    results = json.loads(sco.locator("#results").inner_text())

    # Neither the LMS's cookies nor its DOM: the content origin has no cookie at all.
    assert results["cookie"] == ""
    assert results["topCookie"].startswith("blocked:")
    assert results["topDocument"].startswith("blocked:")
    assert results["readDashboard"].startswith("blocked:")
    # Forged commits are refused: a tampered token, a made-up one.
    assert results["tamperedCommit"] == 403
    assert results["madeUpCommit"] == 403
    victim_now = attempt_of(victim, placeholder)
    assert victim_now.commit_count == 0
    assert victim_now.location == ""
    # The top window stays on the lesson, even when the learner clicks a target=_top link.
    sco.locator("#top-link").click()
    page.wait_for_timeout(500)
    assert page.url == lesson_url
    assert "pirate" not in page.url
    # The credentialed POSTs changed nothing: still enrolled, still signed in.
    assert db_read(lambda: Enrolment.objects.get(pk=enrolment.pk).status) == "active"
    page.goto(live_server.url + lesson_path(lesson))
    assert page.url.startswith(live_server.url + lesson_path(lesson))
    page.wait_for_selector("#scorm-frame")
    own = wait_for(lambda: attempt_of(learner, lesson))
    assert own.location != "pirate"
