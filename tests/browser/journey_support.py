"""The world of the journey and accessibility tests, built for transactional tests (the
migration data is flushed): two mirrored curricula with a module each, every module with a
text lesson and a short SCORM lesson, a certificate template per module, a promotion mixing
both audiences, and one account per role (the roles' groups and the review workflow
re-created by :func:`~lms.accounts.roles.roles_sync`).

Also the steps people take in the browser that several tests share: signing in, reading the
focus indicator, running axe-core.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from curriculum.models import Audience, CurriculumPage, LessonPage, ModulePage
from curriculum.services import mirror_pair_create
from lms.accounts import roles
from lms.accounts.models import User
from lms.certificates.models import CertificateTemplate
from lms.certificates.services import certificate_template_save
from lms.people.models import LearnerProfile, Promotion, PromotionMembership
from lms.scorm.importer import scorm_package_import
from lms.scorm.pages import ScormLessonPage
from tests.factories import (
    DEFAULT_PASSWORD,
    CurriculumPageFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
)
from tests.lms.enrolment.support import curricula_index_rebuilt
from tests.lms.scorm.zips import minimal_manifest_12, minimal_package_12

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

# A SCORM 1.2 SCO finished in one click on its own button: it reports « completed » and a
# score, commits, then calls LMSFinish (the final commit, sent by beacon).
QUICK_SCO = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Activité courte</title>
<script>
var api = null;
function findAPI(win) {
  var tries = 0;
  while (!win.API && win.parent && win.parent !== win && tries < 10) { win = win.parent; tries++; }
  return win.API || null;
}
function start() {
  api = findAPI(window);
  var ready = api.LMSInitialize("") === "true";
  document.getElementById("state").textContent = ready ? "prêt" : "erreur";
}
function finish() {
  api.LMSSetValue("cmi.core.score.raw", "90");
  api.LMSSetValue("cmi.core.score.min", "0");
  api.LMSSetValue("cmi.core.score.max", "100");
  api.LMSSetValue("cmi.core.lesson_status", "completed");
  api.LMSCommit("");
  api.LMSFinish("");
  document.getElementById("state").textContent = "terminé";
}
</script></head>
<body onload="start()">
<main><h1>Les principes du service public</h1>
<p>Continuité, égalité, adaptabilité.</p>
<p>État : <span id="state">chargement</span></p>
<button id="finish" type="button" onclick="finish()">J'ai terminé l'activité</button></main>
</body></html>
"""


def quick_scorm_zip(title: str) -> bytes:
    return minimal_package_12(minimal_manifest_12(title=title), **{"index.html": QUICK_SCO})


@dataclass
class Side:
    """One audience's half of the world: its curriculum, module, lessons, template and
    learner (enrolled in nothing: the journeys enrol through the page)."""

    audience: str
    curriculum: CurriculumPage
    module: ModulePage
    lesson: LessonPage
    scorm_lesson: ScormLessonPage
    template: CertificateTemplate
    learner: User


@dataclass
class World:
    """Both halves (mirrored modules), the promotion and the staff, one per role."""

    association: Side
    civil_servant: Side
    promotion: Promotion
    trainer: User
    reviewer: User
    administrator: User

    def side(self, audience: str) -> Side:
        return self.association if audience == Audience.ASSOCIATION_LEADERS else self.civil_servant

    @property
    def index(self):
        return self.association.curriculum.get_parent().specific


SIDES = {
    Audience.ASSOCIATION_LEADERS: {
        "curriculum": "Politiques publiques et service public",
        "curriculum_slug": "politiques-publiques",
        "module": "Financer l'action publique",
        "module_slug": "financer-l-action-publique",
        "lesson": "Le budget de l'État",
        "scorm": "Les principes du service public (activité)",
        "target_audience": "Dirigeants associatifs",
        "learner": ("karim.benali@asso.exemple.fr", "Karim", "Benali"),
        "organisation": "Association Solidarités Nouvelles",
    },
    Audience.CIVIL_SERVANTS: {
        "curriculum": "ESS et innovation sociale",
        "curriculum_slug": "ess-et-innovation-sociale",
        "module": "Les modèles économiques de l'ESS",
        "module_slug": "modeles-economiques-ess",
        "lesson": "Hybrider les ressources",
        "scorm": "Mesurer l'impact social (activité)",
        "target_audience": "Hauts fonctionnaires",
        "learner": ("claire.martin@insp.exemple.gouv.fr", "Claire", "Martin"),
        "organisation": "Ministère de l'Intérieur",
    },
}


def _staff(email: str, first_name: str, last_name: str, role: str) -> User:
    return UserFactory(email=email, first_name=first_name, last_name=last_name, roles=[role])


def _side(index, audience: str, *, administrator: User, promotion: Promotion) -> Side:
    spec = SIDES[audience]
    curriculum = CurriculumPageFactory(
        parent=index, title=spec["curriculum"], slug=spec["curriculum_slug"], audience=audience
    )
    module = ModulePageFactory(
        parent=curriculum,
        title=spec["module"],
        slug=spec["module_slug"],
        duration_hours=Decimal("3.5"),
        target_audience=spec["target_audience"],
    )
    lesson = LessonPageFactory(
        parent=module,
        title=spec["lesson"],
        body=[("paragraph", "<p>Une leçon courte, à lire puis à marquer comme terminée.</p>")],
    )
    version = scorm_package_import(
        upload=io.BytesIO(quick_scorm_zip(spec["scorm"])), filename="activite.zip"
    )
    scorm_lesson = ScormLessonPage(
        title=spec["scorm"], package=version.package, estimated_minutes=5, frame_height=400
    )
    module.add_child(instance=scorm_lesson)
    scorm_lesson.save_revision().publish()
    template = certificate_template_save(
        template=CertificateTemplate(
            name=f"Attestation – {spec['module']}",
            kind="module",
            target=module,
            title_fr="Attestation de formation",
            title_en="Certificate of training",
            body_fr=(
                "Nous certifions que {nom_complet}, de la promotion {promotion}, a suivi le "
                "module « {module} » du parcours « {curriculum} » ({heures} heures), "
                "achevé le {date_fin}."
            ),
            body_en="We certify that {nom_complet} followed the module “{module}”.",
            signatory_name="Direction de la formation de l'INSP",
            signatory_role_fr="Pour le programme",
            signatory_role_en="For the programme",
        ),
        by=administrator,
    )
    email, first_name, last_name = spec["learner"]
    learner = UserFactory(
        email=email, first_name=first_name, last_name=last_name, roles=[roles.LEARNERS]
    )
    LearnerProfile.objects.update_or_create(
        user=learner,
        defaults={
            "audience": audience,
            "organisation": spec["organisation"],
            "preferred_language": "fr",
        },
    )
    PromotionMembership.objects.create(promotion=promotion, learner=learner)
    return Side(
        audience=audience,
        curriculum=curriculum,
        module=module,
        lesson=lesson,
        scorm_lesson=scorm_lesson,
        template=template,
        learner=learner,
    )


def world_build() -> World:
    """Build the whole world (call it inside a transactional test)."""
    index = curricula_index_rebuilt()
    roles.roles_sync()  # groups, permissions on the rebuilt index, review workflow
    administrator = _staff(
        "helene.dubois@insp.exemple.gouv.fr", "Hélène", "Dubois", roles.ADMINISTRATORS
    )
    trainer = _staff("sophie.lefevre@insp.exemple.gouv.fr", "Sophie", "Lefèvre", roles.TRAINERS)
    reviewer = _staff("thomas.nguyen@insp.exemple.gouv.fr", "Thomas", "Nguyen", roles.REVIEWERS)
    promotion = Promotion.objects.create(name="Promotion mixte 2026", year=2026)
    promotion.trainers.add(trainer)
    association = _side(
        index, Audience.ASSOCIATION_LEADERS, administrator=administrator, promotion=promotion
    )
    civil_servant = _side(
        index, Audience.CIVIL_SERVANTS, administrator=administrator, promotion=promotion
    )
    mirror_pair_create(first=association.module, second=civil_servant.module)
    return World(
        association=association,
        civil_servant=civil_servant,
        promotion=promotion,
        trainer=trainer,
        reviewer=reviewer,
        administrator=administrator,
    )


# --- Browser steps ----------------------------------------------------------------------


def path_of(page_model) -> str:
    return urlsplit(page_model.get_url()).path


def sign_in(page, server, user) -> None:
    """Sign in through the login page, as a person would (clicking)."""
    page.goto(f"{server.url}/comptes/connexion/")
    page.fill('input[name="username"]', user.email)
    page.fill('input[name="password"]', DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.click('form:has(input[name="password"]) [type="submit"]')
    assert "/comptes/connexion/" not in page.url, "sign-in failed"


FOCUS_STYLE_JS = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) { return null; }
  const ring = (style) => ({
    outlineStyle: style.outlineStyle,
    outlineWidth: style.outlineWidth,
    outlineColor: style.outlineColor,
    boxShadow: style.boxShadow,
  });
  return {
    tag: element.tagName.toLowerCase(),
    id: element.id,
    name: element.getAttribute("name") || "",
    href: element.getAttribute("href") || "",
    text: (element.innerText || element.value || "").trim().slice(0, 60),
    focusVisible: element.matches(":focus-visible"),
    visible: !!(element.offsetWidth || element.offsetHeight || element.getClientRects().length),
    // DSFR's enlarged links (cards) draw the ring on the link's ::before.
    rings: [getComputedStyle(element), getComputedStyle(element, "::before"),
            getComputedStyle(element, "::after")].map(ring),
  };
}"""


def focused(page) -> dict | None:
    """What has the focus, and the styles that would make the focus visible."""
    return page.evaluate(FOCUS_STYLE_JS)


def _ring_visible(ring: dict) -> bool:
    # Box-shadows are not counted: DSFR draws borders and underlines with them at rest, so
    # they prove nothing about focus; its focus ring is an outline.
    return ring["outlineStyle"] != "none" and ring["outlineWidth"] not in ("0px", "0")


def focus_is_visible(info: dict | None) -> bool:
    """An outline (not none, wider than 0) on a rendered element or its ::before/::after
    (at rest DSFR elements have none)."""
    if not info or not info["visible"]:
        return False
    return any(_ring_visible(ring) for ring in info["rings"])


def focus_label(info: dict | None) -> str:
    if not info:
        return "nothing (body)"
    element = f"<{info['tag']} id={info['id']!r} name={info['name']!r} href={info['href']!r}>"
    return f"{element} {info['text']!r}"


def frame_focus(page) -> dict | None:
    """The focus went into a frame: the page marks the frame a moment later (the SCORM
    player's script, on the window's blur)."""
    for _ in range(20):
        info = focused(page)
        if info is None or info["tag"] != "iframe" or focus_is_visible(info):
            return info
        page.wait_for_timeout(50)
    return info


def tab_to(page, selector: str, *, limit: int = 60, backwards: bool = False) -> list[dict]:
    """Press Tab (Shift+Tab when ``backwards``) until an element matching ``selector`` has
    the focus, checking at every stop that the focus can be seen. Returns the stops (none
    when the element already has the focus, e.g. ``autofocus``). Past the page's last
    element the focus leaves for the browser's own interface (no element): not a stop."""
    matches = (
        "selector => !!document.activeElement && document.activeElement !== document.body"
        " && document.activeElement.matches(selector)"
    )
    stops = []
    if page.evaluate(matches, selector):
        info = focused(page)
        assert focus_is_visible(info), f"focus not visible on {focus_label(info)}: {info}"
        return stops
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        info = focused(page)
        if info is None:
            continue
        if info["tag"] == "iframe":
            info = frame_focus(page)
        stops.append(info)
        assert focus_is_visible(info), f"focus not visible on {focus_label(info)}: {info}"
        if page.evaluate(matches, selector):
            return stops
    raise AssertionError(
        f"{selector} not reached in {limit} presses; stops: "
        + ", ".join(focus_label(info) for info in stops)
    )


def axe_run(page, *, exclude: list[str] | None = None) -> list[dict]:
    """Inject the pinned axe-core and run it on the page (``exclude``: CSS selectors left
    out, e.g. a third party's frame). Returns the violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    options = {"iframes": False, "resultTypes": ["violations"]}
    result = page.evaluate(
        "async ([context, options]) => JSON.stringify(await axe.run(context || document, options))",
        [context, options],
    )
    result = json.loads(result)
    assert result["passes"], "axe-core checked nothing"
    return result["violations"]


def violations_summary(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']} {node['html'][:160]}")
    return "\n".join(lines)
