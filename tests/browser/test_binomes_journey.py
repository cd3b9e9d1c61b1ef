"""A binôme's whole journey in Chromium, each person in their own browser context.

A Formateur following the promotion reviews the suggested pairing, adjusts it (one line
left out) and confirms it; the civil servant fills the project (title, problem,
territory, partners, a milestone, a PDF deliverable); the association leader finds it
from « Mon parcours », downloads the PDF and changes the partners; the Formateur marks
the project complete; both members submit the grid (the first one's answers hidden from
the partner until both have submitted), then the Formateur; an administrator reads the
report and downloads the CSV export, whose figures are checked.
"""

from __future__ import annotations

import csv
import io
import json
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from curriculum.models import Audience
from lms.accounts import roles
from lms.accounts.roles import roles_sync
from lms.binomes.models import Binome, Deliverable, Evaluation, EvaluationCriterion, Project
from lms.people.models import LearnerProfile, Promotion, PromotionMembership
from tests.browser.conftest import db_read
from tests.browser.scorm_support import sign_in
from tests.factories import UserFactory
from tests.lms.enrolment.support import curricula_index_rebuilt

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}

PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def learner(promotion, *, audience, email, first_name, last_name, organisation, departement):
    user = UserFactory(
        email=email, first_name=first_name, last_name=last_name, roles=[roles.LEARNERS]
    )
    LearnerProfile.objects.create(
        user=user,
        audience=audience,
        organisation=organisation,
        region="44" if departement == "67" else "75",
        departement=departement,
    )
    PromotionMembership.objects.create(promotion=promotion, learner=user)
    return user


def world() -> dict:
    """The page tree and roles (flushed by transactional tests), a promotion with its
    Formateur, two civil servants and two association leaders, a two-criterion grid."""
    curricula_index_rebuilt()
    roles_sync()
    promotion = Promotion.objects.create(name="CHESP 2026 – binômes", year=2026)
    trainer = UserFactory(
        email="formatrice.binomes@insp.gouv.fr",
        first_name="Sophie",
        last_name="Lefèvre",
        roles=[roles.TRAINERS],
    )
    promotion.trainers.add(trainer)
    administrator = UserFactory(email="admin.binomes@insp.gouv.fr", roles=[roles.ADMINISTRATORS])
    people = {
        "claire": learner(
            promotion,
            audience=Audience.CIVIL_SERVANTS,
            email="claire.binome@insp.gouv.fr",
            first_name="Claire",
            last_name="Martin",
            organisation="Préfecture du Bas-Rhin",
            departement="67",
        ),
        "luc": learner(
            promotion,
            audience=Audience.CIVIL_SERVANTS,
            email="luc.binome@insp.gouv.fr",
            first_name="Luc",
            last_name="Petit",
            organisation="DDETS de la Gironde",
            departement="33",
        ),
        "karim": learner(
            promotion,
            audience=Audience.ASSOCIATION_LEADERS,
            email="karim.binome@asso.fr",
            first_name="Karim",
            last_name="Benali",
            organisation="Jardins partagés d'Alsace",
            departement="67",
        ),
        "awa": learner(
            promotion,
            audience=Audience.ASSOCIATION_LEADERS,
            email="awa.binome@asso.fr",
            first_name="Awa",
            last_name="Diallo",
            organisation="Solidarités Gironde",
            departement="33",
        ),
    }
    criteria = [
        EvaluationCriterion.objects.create(
            promotion=promotion, label="Pragmatisme de la solution", position=1
        ),
        EvaluationCriterion.objects.create(
            promotion=promotion, label="Compréhension mutuelle", position=2
        ),
    ]
    return {
        "promotion": promotion,
        "trainer": trainer,
        "administrator": administrator,
        "criteria": criteria,
        **people,
    }


@contextmanager
def person(chromium, live_server, user):
    """A new browser context (its own cookies) with ``user`` signed in."""
    context = chromium.new_context(locale="fr-FR", accept_downloads=True)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        sign_in(page, live_server, user)
        yield page
    finally:
        context.close()


def submit(page, form_selector: str) -> None:
    """Submit a form by its own button and wait for the redirect's page."""
    with page.expect_navigation():
        page.click(f"{form_selector} [type=submit]")


def assert_accessible(page, name: str) -> None:
    """No serious or critical axe-core violation on the page as it stands."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "async () => JSON.stringify(await axe.run(document,"
        " {iframes: false, resultTypes: ['violations']}))"
    )
    blocking = [
        f"[{v['impact']}] {v['id']}: {[node['target'] for node in v['nodes'][:3]]}"
        for v in json.loads(result)["violations"]
        if v["impact"] in BLOCKING
    ]
    assert not blocking, f"{name}: " + "; ".join(blocking)


def fill_grid(page, criteria, scores: list[int], comment: str) -> None:
    form = page.locator("#evaluation-form")
    for criterion, score in zip(criteria, scores, strict=True):
        form.locator(f'input[name="score_{criterion.pk}"][value="{score}"]').check(force=True)
    form.locator(f'textarea[name="comment_{criteria[0].pk}"]').fill(comment)
    submit(page, "#evaluation-form")
    page.locator("#evaluation-submitted").wait_for()


def test_pair_fill_evaluate_and_report(live_server, chromium, tmp_path: Path):
    w = db_read(world)
    promotion, criteria = w["promotion"], w["criteria"]
    claire, karim, luc, awa = w["claire"], w["karim"], w["luc"], w["awa"]

    # 1. The Formateur reviews the suggested pairing, leaves Luc out, confirms.
    with person(chromium, live_server, w["trainer"]) as page:
        page.goto(f"{live_server.url}/binomes/promotion/{promotion.pk}/")
        with page.expect_navigation():
            page.click(f'a[href="/binomes/promotion/{promotion.pk}/former/"]')
        rows = page.locator("#pairing-suggestion tr[data-civil-servant]")
        assert rows.count() == 2
        assert_accessible(page, "pairing")
        claire_row = page.locator(f'#pairing-suggestion tr[data-civil-servant="{claire.pk}"]')
        luc_row = page.locator(f'#pairing-suggestion tr[data-civil-servant="{luc.pk}"]')
        # Same département first; never two people of the same organisation.
        assert claire_row.get_attribute("data-suggested") == str(karim.pk)
        assert luc_row.get_attribute("data-suggested") == str(awa.pk)
        assert claire_row.locator("select").input_value() == f"{claire.pk}:{karim.pk}"
        luc_row.locator("select").select_option("")  # « Ne pas former maintenant »
        submit(page, "#pairing-suggestion")
        page.locator("li[data-binome]").first.wait_for()
        assert page.locator("li[data-binome]").count() == 1

    binome = db_read(Binome.objects.get, promotion=promotion)
    assert (binome.civil_servant_id, binome.association_leader_id) == (claire.pk, karim.pk)
    assert db_read(lambda: Binome.objects.filter(promotion=promotion).count()) == 1
    project_url = f"{live_server.url}/binomes/{binome.pk}/"

    # 2. Claire fills the project, adds a milestone and uploads a PDF.
    with person(chromium, live_server, claire) as page:
        page.goto(project_url)
        assert_accessible(page, "project")
        form = page.locator("#project-form")
        form.locator('input[name="title"]').fill("Tiers-lieu nourricier à Strasbourg")
        form.locator('textarea[name="problem"]').fill("L'accès à une alimentation de qualité.")
        form.locator('select[name="territory"]').select_option("67")
        form.locator('textarea[name="partners"]').fill("Eurométropole de Strasbourg")
        submit(page, "#project-form")
        milestone = page.locator("#milestone-form")
        milestone.locator('input[name="title"]').fill("Diagnostic partagé")
        milestone.locator('input[name="due_on"]').fill("2026-12-15")
        submit(page, "#milestone-form")
        page.locator("#milestones li[data-milestone]").wait_for()
        page.locator('#deliverable-form input[type="file"]').set_input_files(
            files=[{"name": "diagnostic.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        submit(page, "#deliverable-form")
        page.locator("#deliverables li[data-deliverable]").wait_for()
        assert "diagnostic.pdf" in page.locator("#deliverables").inner_text()

    project = db_read(Project.objects.get, binome=binome)
    assert project.title == "Tiers-lieu nourricier à Strasbourg"
    assert project.territory == "67"
    assert db_read(lambda: list(project.milestones.values_list("title", "due_on")))[0][0] == (
        "Diagnostic partagé"
    )
    deliverable = db_read(Deliverable.objects.get, project=project)
    assert (deliverable.kind, deliverable.size) == ("pdf", len(PDF))
    assert db_read(Binome.objects.get, pk=binome.pk).status == Binome.Status.ACTIVE

    # 3. Karim finds the binôme from « Mon parcours », sees Claire's work, downloads the
    # PDF and completes the partners.
    with person(chromium, live_server, karim) as page:
        page.goto(f"{live_server.url}/mon-parcours/")
        assert_accessible(page, "dashboard")
        with page.expect_navigation():
            page.click(f'#dashboard-binomes a[href="/binomes/{binome.pk}/"]')
        form = page.locator("#project-form")
        assert form.locator('input[name="title"]').input_value() == (
            "Tiers-lieu nourricier à Strasbourg"
        )
        assert "Diagnostic partagé" in page.locator("#milestones").inner_text()
        with page.expect_download() as download:
            page.click(f'#deliverables a[href="/binomes/livrables/{deliverable.pk}/"]')
        saved = tmp_path / "download.pdf"
        download.value.save_as(saved)
        assert saved.read_bytes() == PDF
        form.locator('textarea[name="partners"]').fill(
            "Eurométropole de Strasbourg\nBanque alimentaire du Bas-Rhin"
        )
        submit(page, "#project-form")

    project = db_read(Project.objects.get, binome=binome)
    assert project.partners.splitlines() == [
        "Eurométropole de Strasbourg",
        "Banque alimentaire du Bas-Rhin",
    ]
    assert project.title == "Tiers-lieu nourricier à Strasbourg"

    # 4. The Formateur marks the project complete.
    with person(chromium, live_server, w["trainer"]) as page:
        page.goto(project_url)
        submit(page, "#project-complete")
        page.locator('#binome-status[data-status="completed"]').wait_for()

    # 5. Claire evaluates first: she reads only her own answers.
    with person(chromium, live_server, claire) as page:
        page.goto(project_url)
        with page.expect_navigation():
            page.click("#binome-evaluation-link")
        fill_grid(page, criteria, [4, 3], "Claire : une coopération exemplaire.")
        assert page.locator(f'[data-evaluator="{claire.pk}"]').count() == 1
        assert page.locator(f'[data-evaluator="{karim.pk}"]').count() == 0

    # 6. Karim cannot read Claire's answers before he has submitted his own; then he can.
    with person(chromium, live_server, karim) as page:
        page.goto(f"{project_url}evaluation/")
        page.locator("#evaluation-form").wait_for()
        assert_accessible(page, "evaluation")
        assert page.locator("[data-evaluator]").count() == 0
        assert "coopération exemplaire" not in page.content()
        fill_grid(page, criteria, [4, 2], "Karim : un projet utile au terrain.")
        page.locator(f'[data-evaluator="{claire.pk}"]').wait_for()
        assert "coopération exemplaire" in page.content()

    # 7. Claire now reads Karim's answers.
    with person(chromium, live_server, claire) as page:
        page.goto(f"{project_url}evaluation/")
        page.locator(f'[data-evaluator="{karim.pk}"]').wait_for()
        assert "un projet utile au terrain" in page.content()
        assert page.locator("#evaluation-form").count() == 0

    # 8. The Formateur adds theirs.
    with person(chromium, live_server, w["trainer"]) as page:
        page.goto(f"{project_url}evaluation/")
        assert page.locator("[data-evaluator]").count() == 2
        fill_grid(page, criteria, [1, 1], "Formatrice : à consolider.")
        assert page.locator('[data-role="trainer"]').count() == 1

    roles_given = db_read(
        lambda: sorted(Evaluation.objects.filter(binome=binome).values_list("role", flat=True))
    )
    assert roles_given == ["member", "member", "trainer"]

    # 9. An administrator reads the report and downloads the CSV.
    with person(chromium, live_server, w["administrator"]) as page:
        page.goto(f"{live_server.url}/binomes/promotion/{promotion.pk}/rapport/")
        table = page.locator("#binome-report")
        table.wait_for()
        assert_accessible(page, "report")
        assert "Tiers-lieu nourricier à Strasbourg" in table.inner_text()
        with page.expect_download() as download:
            page.click("#export-csv")
        assert download.value.suggested_filename.endswith(".csv")
        path = tmp_path / "rapport.csv"
        download.value.save_as(path)
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))

    assert rows[0][4:6] == ["Pragmatisme de la solution", "Compréhension mutuelle"]
    assert len(rows) == 1 + 1 + 1  # header, the binôme, all binômes
    line = rows[1]
    assert "Claire Martin" in line[0] and "Karim Benali" in line[0]
    assert line[1] == "Tiers-lieu nourricier à Strasbourg"
    # Means of Claire (4, 3), Karim (4, 2) and the Formateur (1, 1).
    assert line[3:7] == ["3", "3,0", "2,0", "2,5"]
    assert rows[-1][3:7] == ["3", "3,0", "2,0", "2,5"]


def test_grid_and_themes_before_pairing(live_server, chromium):
    """An administrator reorders and rewords the grid; a learner declares themes on the
    promotion's page; the Formateur reads and sets themes; the suggestion follows them."""
    w = db_read(world)
    promotion, criteria = w["promotion"], w["criteria"]
    claire, karim, awa = w["claire"], w["karim"], w["awa"]

    with person(chromium, live_server, w["administrator"]) as page:
        page.goto(f"{live_server.url}/binomes/promotion/{promotion.pk}/grille/")
        assert_accessible(page, "grid")
        second = page.locator(f'#criteria li[data-criterion="{criteria[1].pk}"]')
        with page.expect_navigation():
            second.locator('input[value="up"] ~ button').click()
        order = page.locator("#criteria li[data-criterion]")
        assert order.first.get_attribute("data-criterion") == str(criteria[1].pk)
        with page.expect_navigation():
            page.click(f'a[href="/binomes/grille/{criteria[0].pk}/"]')
        assert_accessible(page, "criterion edit")
        page.fill('#criterion-form input[name="label"]', "Pragmatisme et faisabilité")
        submit(page, "#criterion-form")
        assert "Pragmatisme et faisabilité" in page.locator("#criteria").inner_text()

    labels = db_read(
        lambda: list(
            EvaluationCriterion.objects.filter(promotion=promotion).values_list("label", flat=True)
        )
    )
    assert labels == ["Compréhension mutuelle", "Pragmatisme et faisabilité"]

    # Four shared themes (4) outweigh the same département (3).
    with person(chromium, live_server, claire) as page:
        page.goto(f"{live_server.url}/binomes/promotion/{promotion.pk}/")
        assert_accessible(page, "promotion (learner)")
        page.fill('#themes-form input[name="themes"]', "logement, insertion, mobilité, emploi")
        submit(page, "#themes-form")

    with person(chromium, live_server, w["trainer"]) as page:
        page.goto(f"{live_server.url}/binomes/promotion/{promotion.pk}/former/")
        claire_row = page.locator(f'#pairing-suggestion tr[data-civil-servant="{claire.pk}"]')
        assert claire_row.get_attribute("data-suggested") == str(karim.pk)
        page.goto(f"{live_server.url}/binomes/promotion/{promotion.pk}/themes/equipe/")
        assert_accessible(page, "declared themes")
        assert page.locator(f"#themes-{claire.pk}").input_value() == (
            "logement, insertion, mobilité, emploi"
        )
        row = f'#declared-themes tr[data-learner="{awa.pk}"]'
        page.locator(f'{row} input[name="themes"]').fill("Logement, Insertion, Mobilité, Emploi")
        submit(page, f"{row} form")
        assert page.locator(f"#themes-{awa.pk}").input_value() == (
            "Logement, Insertion, Mobilité, Emploi"
        )
        page.goto(f"{live_server.url}/binomes/promotion/{promotion.pk}/former/")
        assert claire_row.get_attribute("data-suggested") == str(awa.pk)
        assert "emploi, insertion, logement, mobilité" in claire_row.inner_text()
