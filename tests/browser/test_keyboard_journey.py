"""A learner's journey with the keyboard only (Tab, Shift+Tab, typing, Enter; no click):
from the home page, sign in, open their curriculum from the main menu, enrol in a module
(through the skip link), open a lesson, mark it done, reach « Mon parcours », resume with
the SCORM activity and complete it with the package's own button, back to « Mon parcours ».
At every Tab stop the focused element must show a focus indicator, an outline (DSFR draws
it on ``:focus-visible``, which keyboard focus triggers; the SCORM player's frame shows one
while the focus is inside the activity)."""

from __future__ import annotations

import time

import pytest

from lms.enrolment.models import Enrolment
from lms.progress.models import LessonProgress, ProgressStatus
from tests.browser.conftest import db_read, wait_for
from tests.browser.journey_support import (
    focus_is_visible,
    focus_label,
    focused,
    frame_focus,
    path_of,
    tab_to,
    world_build,
)
from tests.browser.scorm_support import sco_frame
from tests.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def press_enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()


def skip_to_content(page) -> None:
    """The first Tab stop is the skip link to the content; Enter on it moves the starting
    point of sequential navigation into ``main``."""
    page.keyboard.press("Tab")
    info = focused(page)
    assert info and info["href"] == "#content", focus_label(info)
    assert focus_is_visible(info), focus_label(info)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside = page.evaluate("() => !!document.activeElement.closest('main')")
    assert inside, f"the skip link did not lead into main: {focus_label(focused(page))}"
    page.keyboard.press("Shift+Tab")


def test_a_learner_journey_with_the_keyboard_only(live_server, browser_context):
    world = db_read(world_build)
    side = world.association
    learner, module, lesson = side.learner, side.module, side.lesson
    page = browser_context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    stops = 0

    # Home: the header's « Se connecter ».
    page.goto(live_server.url + "/")
    stops += len(tab_to(page, 'header a[href^="/comptes/connexion/"]'))
    press_enter_and_wait(page)

    # The login form (the e-mail field has the focus on load): e-mail, password, Enter.
    stops += len(tab_to(page, 'input[name="username"]'))
    page.keyboard.type(learner.email)
    stops += len(tab_to(page, 'input[name="password"]', limit=3))
    page.keyboard.type(DEFAULT_PASSWORD)
    press_enter_and_wait(page)
    assert "/comptes/connexion/" not in page.url, "sign-in failed"

    # The curriculum from the main menu, then the module's card.
    stops += len(tab_to(page, f'#fr-navigation a[href="{path_of(side.curriculum)}"]'))
    press_enter_and_wait(page)
    stops += len(tab_to(page, f'main a[href="{path_of(module)}"]'))
    press_enter_and_wait(page)

    # Enrol with the module's button, reached through the « Contenu » skip link.
    skip_to_content(page)
    stops += len(tab_to(page, f'form[action="/inscriptions/module/{module.pk}/"] button'))
    press_enter_and_wait(page)
    wait_for(
        lambda: Enrolment.objects.filter(learner=learner, module=module).exists(),
        message="not enrolled",
    )
    # After the page reloads the focus starts again from the top.
    stops += len(tab_to(page, f'main a[href="{path_of(lesson)}"]'))
    press_enter_and_wait(page)

    # Mark the lesson done.
    stops += len(tab_to(page, f'form[action="/suivi/lecons/{lesson.pk}/terminee/"] button'))
    press_enter_and_wait(page)
    wait_for(
        lambda: LessonProgress.objects.filter(
            learner=learner, lesson_id=lesson.pk, status=ProgressStatus.COMPLETED
        ).exists(),
        message="lesson not completed",
    )
    page.locator("#lesson-progress .fr-badge--success").wait_for()

    # « Mon parcours » from the header: the module half done.
    stops += len(tab_to(page, 'header a[href="/mon-parcours/"]'))
    press_enter_and_wait(page)
    assert page.url == f"{live_server.url}/mon-parcours/"
    assert page.locator("h1").inner_text() == "Mon parcours"
    assert page.locator(f"progress#progress-{module.pk}").get_attribute("value") == "50"

    # « Reprendre » leads to the SCORM activity, played with the keyboard too: Tab goes
    # into the activity (the frame shows the focus ring), Enter on the package's button.
    stops += len(tab_to(page, f'main a[href="{path_of(side.scorm_lesson)}"]'))
    press_enter_and_wait(page)
    stops += len(tab_into_activity(page, "#finish"))
    page.keyboard.press("Enter")
    wait_for(
        lambda: LessonProgress.objects.filter(
            learner=learner, lesson_id=side.scorm_lesson.pk, status=ProgressStatus.COMPLETED
        ).exists(),
        message="SCORM lesson not completed",
    )
    page.locator('#scorm-summary[data-status="completed"]').wait_for()

    # Back on « Mon parcours »: the module is completed.
    stops += len(tab_to(page, 'header a[href="/mon-parcours/"]', backwards=True))
    press_enter_and_wait(page)
    page.locator("table tr", has_text=module.title).wait_for()
    assert page.locator(f"progress#progress-{module.pk}").count() == 0
    print(f"\nkeyboard journey: {stops} Tab stops, each with a visible focus")


def tab_into_activity(page, selector: str, *, limit: int = 80) -> list[dict]:
    """Press Tab until the SCO's element ``selector`` has the focus (inside the nested
    frames), checking the focus is visible at every stop of the page."""
    sco = sco_frame(page)
    sco.locator("#state:has-text('prêt')").wait_for()
    has_focus = "element => document.hasFocus() && document.activeElement === element"
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused(page)
        if info is None:
            continue
        if info["tag"] == "iframe":
            info = frame_focus(page)
        stops.append(info)
        assert focus_is_visible(info), f"focus not visible on {focus_label(info)}: {info}"
        if info["tag"] == "iframe" and _settles(sco.locator(selector), has_focus):
            return stops
    raise AssertionError(f"{selector} in the activity not reached in {limit} presses")


def _settles(locator, script: str, *, timeout: float = 1.5) -> bool:
    """Whether ``script`` becomes true for ``locator`` within ``timeout`` seconds: the focus
    reaches the nested frame's document a moment after the page sees the frame focused (on
    a loaded machine, pressing Tab again at once could pass the element by)."""
    deadline = time.monotonic() + timeout
    while True:
        if locator.evaluate(script):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
