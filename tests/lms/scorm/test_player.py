"""The SCORM lesson page and its endpoints: the frame on the content origin, the runtime
wrapper there, the table of contents with availability, launching and navigating, the new
attempt after an ended one, the untracked preview of staff."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse, set_urlconf

from lms.scorm.models import ScormAttempt
from lms.scorm.services import attempt_commit, attempt_launch
from lms.scorm.tokens import attempt_token_make, content_token_make
from tests.factories import CurriculumPageFactory, ModulePageFactory, UserFactory
from tests.lms.scorm.playback_support import (
    SANDBOX,
    enrol,
    frame_src,
    json_script,
    sample_import,
    scorm_lesson,
)

pytestmark = pytest.mark.django_db

SITE = {"HTTP_HOST": "127.0.0.1"}
CONTENT = {"HTTP_HOST": "localhost"}


@pytest.fixture(autouse=True)
def _root_urlconf():
    """A content-origin response left unclosed (streamed files) would leave the content
    URLconf active in this thread (Django resets it when a response is closed)."""
    yield
    set_urlconf(None)


@pytest.fixture
def module(curricula_index):
    return ModulePageFactory(parent=CurriculumPageFactory(parent=curricula_index))


@pytest.fixture
def golf12(module):
    return scorm_lesson(module, sample_import("01"), title="Golf 1.2")


@pytest.fixture
def forced(module):
    return scorm_lesson(module, sample_import("14"), title="Golf ordre imposé")


@pytest.fixture
def player(learner, module):
    enrol(learner, module)
    client = Client()
    client.force_login(learner)
    return client


def page(client, lesson, **extra):
    response = client.get(lesson.get_url(), **SITE, **extra)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_lesson_page_frames_the_runtime_on_the_content_origin(player, golf12, learner):
    response = player.get(golf12.get_url(), **SITE)
    html = response.content.decode()

    attempt = ScormAttempt.objects.get(learner=learner, lesson=golf12)
    assert attempt.number == 1
    src = urlsplit(frame_src(html))
    assert (src.scheme, src.netloc) == ("http", "localhost")
    parts = src.path.strip("/").split("/")
    assert len(parts) == 3 and parts[1] == "__runtime__"
    frame = BeautifulSoup(html, "html.parser").find("iframe", id="scorm-frame")
    assert " ".join(frame["sandbox"]) == SANDBOX
    assert "allow-top-navigation" not in frame["sandbox"]
    assert frame["title"]
    assert response["X-Frame-Options"] == "DENY"
    config = json_script(html, "scorm-player-config")
    assert config["contentOrigin"] == "http://localhost"
    assert config["current"] == "item_1"
    # No self-completion button of content lessons on a SCORM lesson.
    assert "lesson_done" not in html and "J'ai terminé" not in html


def test_the_runtime_wrapper_loads_the_learner_state_before_the_sco(player, golf12, learner):
    src = urlsplit(frame_src(page(player, golf12)))

    response = Client().get(src.path, **CONTENT)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "X-Frame-Options" not in response
    assert response["Content-Security-Policy"] == (
        "frame-ancestors http://127.0.0.1 http://localhost"
    )
    assert not response.cookies
    html = response.content.decode()
    data = json_script(html, "scorm-runtime")
    attempt = ScormAttempt.objects.get(learner=learner, lesson=golf12)
    content_token = src.path.strip("/").split("/")[0]
    assert data["version"] == "1.2"
    assert data["cmi"]["core"]["student_id"] == str(learner.pk)
    assert data["cmi"]["core"]["entry"] == "ab-initio"
    assert data["cmi"]["core"]["credit"] == "credit"
    assert data["commitUrl"] == "http://127.0.0.1" + reverse(
        "scorm:commit", args=[src.path.strip("/").split("/")[2]]
    )
    assert data["scoUrl"] == f"/{content_token}/shared/launchpage.html"
    assert data["parentOrigin"] == "http://127.0.0.1"
    assert data["identifier"] == attempt.sco_identifier
    scripts = [
        tag["src"] for tag in BeautifulSoup(html, "html.parser").find_all("script", src=True)
    ]
    assert scripts == [
        "http://127.0.0.1/static/vendor/scorm-again/scorm12.min.js",
        "http://127.0.0.1/static/scorm/runtime.js",
    ]
    assert finders.find("vendor/scorm-again/scorm12.min.js")
    assert finders.find("vendor/scorm-again/scorm2004.min.js")
    # The SCO's own files are there, under the same token.
    launch = Client().get(data["scoUrl"], **CONTENT)
    assert launch.status_code == 200


def test_the_runtime_wrapper_answers_only_its_learner_and_only_there(player, golf12, learner):
    src = urlsplit(frame_src(page(player, golf12)))
    content_token, _segment, attempt_token = src.path.strip("/").split("/")
    other = UserFactory()
    other_attempt = attempt_launch(learner=other, lesson=golf12)
    other_content = content_token_make(
        learner_id=other.pk, version_id=other_attempt.version_id, lesson_id=golf12.pk
    )
    client = Client()

    assert client.get(src.path, **SITE).status_code == 404
    # Our content token with their attempt token, their content token with ours.
    theirs = attempt_token_make(other_attempt.pk)
    assert client.get(f"/{content_token}/__runtime__/{theirs}/", **CONTENT).status_code == 404
    assert (
        client.get(f"/{other_content}/__runtime__/{attempt_token}/", **CONTENT).status_code == 404
    )
    assert client.get(f"/{content_token}/__runtime__/forged/", **CONTENT).status_code == 404


def test_a_multi_sco_table_of_contents_shows_what_is_not_available_and_why(player, forced):
    html = page(player, forced)
    soup = BeautifulSoup(html, "html.parser")

    entries = soup.select("li.scorm-toc__entry")
    assert len(entries) == 5
    first, second = entries[0], entries[1]
    assert first.find("button")["aria-current"] == "true"
    assert "disabled" not in first.find("button").attrs
    assert "disabled" in second.find("button").attrs
    assert second.find("p", class_="fr-hint-text").get_text(strip=True)
    assert soup.find("button", id="scorm-next")


def test_choosing_an_unavailable_sco_is_refused(player, forced, learner):
    page(player, forced)
    second = forced.package.current_version.launchable_items()[1].identifier

    response = player.post(
        reverse("scorm_player:launch", args=[forced.pk]), {"sco": second}, **SITE
    )

    assert response.status_code == 302
    assert not ScormAttempt.objects.filter(learner=learner, sco_identifier=second).exists()


def test_player_posts_need_the_csrf_token(learner, module, forced):
    enrol(learner, module)
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)

    response = client.post(
        reverse("scorm_player:navigate", args=[forced.pk]),
        {"current": "x", "request": "continue"},
        **SITE,
    )

    assert response.status_code == 403


def test_continue_after_the_first_sco_is_passed_opens_the_second(player, forced, learner):
    page(player, forced)
    first = ScormAttempt.objects.get(learner=learner, lesson=forced)
    attempt_commit(
        attempt=first,
        body={
            "runtimeData": {"cmi": {"completion_status": "completed", "success_status": "passed"}}
        },
        sequence=1,
        final=False,
    )
    second = forced.package.current_version.launchable_items()[1].identifier
    html = page(player, forced)
    soup = BeautifulSoup(html, "html.parser")
    assert "disabled" not in soup.select("li.scorm-toc__entry")[1].find("button").attrs

    response = player.post(
        reverse("scorm_player:navigate", args=[forced.pk]),
        {"current": first.sco_identifier, "request": "continue"},
        **SITE,
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#scorm-player")
    assert ScormAttempt.objects.filter(learner=learner, sco_identifier=second).exists()
    assert json_script(page(player, forced), "scorm-player-config")["current"] == second


def test_an_ended_attempt_offers_a_new_one(player, golf12, learner, settings):
    settings.LMS_SCORM_MAX_ATTEMPTS = 2
    page(player, golf12)
    attempt = ScormAttempt.objects.get(learner=learner, lesson=golf12)
    attempt_commit(
        attempt=attempt,
        body={"runtimeData": {"cmi": {"core": {"lesson_status": "completed"}}}},
        sequence=1,
        final=True,
    )

    html = page(player, golf12)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("button", id="scorm-new-attempt")
    # The ended attempt plays again for review, without credit.
    review = Client().get(urlsplit(frame_src(html)).path, **CONTENT)
    core = json_script(review.content.decode(), "scorm-runtime")["cmi"]["core"]
    assert (core["lesson_mode"], core["credit"]) == ("review", "no-credit")
    assert "1 tentative restante" in soup.get_text() or "1 attempt left" in soup.get_text()

    player.post(
        reverse("scorm_player:launch", args=[golf12.pk]),
        {"sco": attempt.sco_identifier, "new_attempt": "1"},
        **SITE,
    )
    assert ScormAttempt.objects.filter(learner=learner, lesson=golf12).count() == 2
    html = page(player, golf12)
    assert "__runtime__" in frame_src(html)
    assert not BeautifulSoup(html, "html.parser").find("button", id="scorm-new-attempt")


def test_the_toc_fragment_refreshes_the_status(player, golf12):
    page(player, golf12)

    response = player.get(reverse("scorm_player:toc", args=[golf12.pk]), **SITE)

    assert response.status_code == 200
    assert 'id="scorm-summary"' in response.json()["status"]


def test_staff_preview_records_nothing(trainer, golf12):
    client = Client()
    client.force_login(trainer)

    html = page(client, golf12)

    src = urlsplit(frame_src(html))
    assert "/__apercu__/" in src.path
    response = Client().get(src.path, **CONTENT)
    assert response.status_code == 200
    data = json_script(response.content.decode(), "scorm-runtime")
    assert data["commitUrl"] is None
    assert data["cmi"]["core"]["lesson_mode"] == "browse"
    assert not ScormAttempt.objects.exists()


def test_a_learner_token_does_not_open_the_preview(player, golf12, learner):
    item = golf12.package.current_version.launchable_items()[0]
    token = content_token_make(
        learner_id=learner.pk, version_id=item.version_id, lesson_id=golf12.pk
    )

    assert Client().get(f"/{token}/__apercu__/{item.pk}/", **CONTENT).status_code == 404
