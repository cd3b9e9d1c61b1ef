"""axe-core (pinned in package.json) on the pages people meet: home, both curricula, the
mirror view, a module, a lesson, the SCORM player's own interface (the package's frame left
out: its content is the package author's), the dashboard, the verification page, the login
page. No violation of serious or critical impact; the others are printed."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from lms.certificates.services import certificate_issue, certificate_revoke
from lms.enrolment.services import enrolment_create
from lms.progress.models import ProgressStatus
from lms.progress.services import lesson_mark_done, lesson_progress_record
from tests.browser.conftest import db_read
from tests.browser.journey_support import (
    AXE_SCRIPT,
    World,
    axe_run,
    path_of,
    sign_in,
    violations_summary,
    world_build,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}


def failed_sign_in(page) -> None:
    """A sign-in refused: the error shown, and said first by the window's title."""
    pristine = page.title()
    page.fill('input[name="username"]', "personne@exemple.fr")
    page.fill('input[name="password"]', "pas le bon")
    with page.expect_navigation():
        page.click('form:has(input[name="password"]) [type="submit"]')
    page.locator(".fr-error-text").first.wait_for()
    # « Erreur : Se connecter — … » once translated ("Error: …" before).
    assert page.title() != pristine and page.title().endswith(pristine), page.title()


@dataclass(frozen=True)
class Target:
    """A page to check: its path in the world, who looks at it, what axe leaves out."""

    name: str
    path: object  # Scene -> str
    as_learner: bool = False
    exclude: tuple[str, ...] = ()
    ready: str = "main"
    before: object = None  # page -> None: brings the page to the state checked


TARGETS = [
    Target("home", lambda scene: "/"),
    Target("association_curriculum", lambda scene: path_of(scene.world.association.curriculum)),
    Target("civil_servant_curriculum", lambda scene: path_of(scene.world.civil_servant.curriculum)),
    Target("mirror_view", lambda scene: path_of(scene.world.index) + "miroir/"),
    Target("module", lambda scene: path_of(scene.world.association.module)),
    Target("lesson", lambda scene: path_of(scene.world.association.lesson), as_learner=True),
    Target(
        "scorm_player",
        lambda scene: path_of(scene.world.association.scorm_lesson),
        as_learner=True,
        exclude=("#scorm-frame",),
        ready="#scorm-frame",
    ),
    Target("dashboard", lambda scene: "/mon-parcours/", as_learner=True),
    Target("verification", lambda scene: scene.certificate_path),
    Target("login", lambda scene: "/comptes/connexion/"),
    # A few states beyond the first view of each page.
    Target("curricula_index", lambda scene: path_of(scene.world.index)),
    Target("login_with_errors", lambda scene: "/comptes/connexion/", before=failed_sign_in),
    Target("verification_revoked", lambda scene: scene.revoked_path),
]


@dataclass(frozen=True)
class Scene:
    world: World
    certificate_path: str
    revoked_path: str


def scene_build() -> Scene:
    """The world; the association leader enrolled in their module and certified for it
    (both lessons done), and half-way through the mirror module (so that the dashboard shows
    a progress bar, a completed module and a certificate); the civil servant's certificate
    issued then revoked."""
    world = world_build()
    leader = world.association
    mirror = world.civil_servant
    certificates = []
    for side in (leader, mirror):
        enrolment_create(learner=side.learner, module=side.module)
        lesson_mark_done(learner=side.learner, lesson=side.lesson)
        lesson_progress_record(
            learner=side.learner, lesson=side.scorm_lesson, status=ProgressStatus.COMPLETED
        )
        certificates.append(
            certificate_issue(
                learner=side.learner, target=side.module, issued_by=world.administrator
            )
        )
    enrolment_create(learner=leader.learner, module=mirror.module)
    lesson_mark_done(learner=leader.learner, lesson=mirror.lesson)
    valid, revoked = certificates
    certificate_revoke(certificate=revoked, by=world.administrator, reason="Émise par erreur.")
    return Scene(
        world=world,
        certificate_path=valid.get_absolute_url(),
        revoked_path=revoked.get_absolute_url(),
    )


def test_axe_core_is_pinned_and_finds_a_planted_defect(live_server, browser_context):
    """The check can fail: an image without a text alternative is reported as critical."""
    assert AXE_SCRIPT.exists(), f"{AXE_SCRIPT} is missing: run npm ci"
    db_read(world_build)
    page = browser_context.new_page()
    page.goto(live_server.url + "/comptes/connexion/")
    page.evaluate(
        "() => { const image = document.createElement('img'); image.src = '/static/x.png';"
        " document.querySelector('main').append(image); }"
    )
    violations = axe_run(page)
    assert [(v["id"], v["impact"]) for v in violations] == [("image-alt", "critical")]


@pytest.mark.parametrize("target", TARGETS, ids=[target.name for target in TARGETS])
def test_no_serious_or_critical_violation(target, live_server, browser_context, settings):
    # The verification's rate limit (a cache the whole session shares) is not under test.
    settings.LMS_CERTIFICATE_VERIFY_RATE = "1000/minute"
    scene = db_read(scene_build)
    page = browser_context.new_page()
    if target.as_learner:
        sign_in(page, live_server, scene.world.association.learner)
    response = page.goto(live_server.url + target.path(scene))
    assert response.status == 200
    page.locator(target.ready).first.wait_for()
    if target.before is not None:
        target.before(page)

    violations = axe_run(page, exclude=list(target.exclude))

    blocking = [violation for violation in violations if violation["impact"] in BLOCKING]
    others = [violation for violation in violations if violation["impact"] not in BLOCKING]
    if others:
        print(f"\n{target.name}: minor or moderate violations\n{violations_summary(others)}")
    assert not blocking, f"{target.name}:\n{violations_summary(blocking)}"
