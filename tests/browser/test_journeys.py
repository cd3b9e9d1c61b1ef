"""Whole journeys in Chromium, as the programme's people meet the platform.

- For each audience: a learner signs in, enrols in a module through its button, reads a
  lesson and marks it done, plays the SCORM activity to completion through the package's own
  button, sees the progress on « Mon parcours »; an administrator issues the certificate on
  the admin's issuance screen; the learner downloads the PDF from the dashboard (the bytes
  hash to the stored SHA-256); an anonymous visitor opens the URL read from the PDF's QR code
  and reads « valide »; the administrator revokes it in the admin and the page says revoked.
- A Formateur writes a lesson in the Wagtail admin (Draftail) and submits it to the
  « relecture pédagogique »; a Relecteur approves it, which publishes it; an enrolled learner
  reads it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from wagtail.models import WorkflowState

from curriculum.models import Audience, LessonPage
from lms.certificates.models import Certificate
from lms.enrolment.models import Enrolment
from lms.enrolment.services import enrolment_create
from lms.progress.models import LessonProgress, ModuleProgress, ProgressStatus
from tests.browser.conftest import db_read, wait_for
from tests.browser.journey_support import path_of, sign_in, world_build
from tests.browser.scorm_support import sco_frame
from tests.lms.certificates.support import qr_codes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def completed_lesson(learner, lesson):
    return LessonProgress.objects.filter(
        learner=learner, lesson_id=lesson.pk, status=ProgressStatus.COMPLETED
    ).first()


@pytest.mark.parametrize("audience", [Audience.ASSOCIATION_LEADERS, Audience.CIVIL_SERVANTS])
def test_learner_journey_to_a_verified_then_revoked_certificate(
    audience, live_server, chromium, browser_context, settings, tmp_path: Path
):
    # The QR code and the printed URL point at this live server; the verification's rate
    # limit (per address, in a cache the whole session shares) is not under test here.
    settings.LMS_SITE_ORIGIN = live_server.url
    settings.LMS_CERTIFICATE_VERIFY_RATE = "1000/minute"
    world = db_read(world_build)
    side = world.side(audience)
    learner, module = side.learner, side.module

    page = browser_context.new_page()
    sign_in(page, live_server, learner)

    # Enrol through the module page's own button.
    page.goto(live_server.url + path_of(module))
    with page.expect_navigation():
        page.click(f'form[action="/inscriptions/module/{module.pk}/"] button[type="submit"]')
    wait_for(
        lambda: Enrolment.objects.filter(
            learner=learner, module=module, status=Enrolment.Status.ACTIVE
        ).exists(),
        message="not enrolled",
    )
    page.locator(".fr-badge--success").wait_for()

    # Read the lesson, mark it done.
    with page.expect_navigation():
        page.click(f'main a[href="{path_of(side.lesson)}"]')
    with page.expect_navigation():
        page.click(f'form[action="/suivi/lecons/{side.lesson.pk}/terminee/"] button')
    wait_for(lambda: completed_lesson(learner, side.lesson), message="lesson not completed")
    page.locator("#lesson-progress .fr-badge--success").wait_for()

    # The dashboard shows the module half done.
    page.goto(f"{live_server.url}/mon-parcours/")
    assert page.locator("h1").inner_text() == "Mon parcours"
    progress = page.locator(f"progress#progress-{module.pk}")
    assert progress.get_attribute("value") == "50"

    # Play the SCORM activity to completion through the package's own button.
    with page.expect_navigation():
        page.click(f'a[href="{path_of(side.scorm_lesson)}"]')
    sco = sco_frame(page)
    sco.locator("#state:has-text('prêt')").wait_for()
    sco.locator("#finish").click()
    wait_for(
        lambda: completed_lesson(learner, side.scorm_lesson),
        message="SCORM lesson not completed",
    )
    page.locator('#scorm-summary[data-status="completed"]').wait_for()

    # The dashboard lists the module as completed.
    page.goto(f"{live_server.url}/mon-parcours/")
    completed_row = page.locator("table tr", has_text=module.title)
    completed_row.wait_for()
    assert page.locator(f"progress#progress-{module.pk}").count() == 0
    assert db_read(lambda: ModuleProgress.objects.get(learner=learner, module=module).status) == (
        ProgressStatus.COMPLETED
    )

    # An administrator issues the certificate on the single issuance screen.
    admin_context = chromium.new_context(locale="fr-FR")
    admin_context.set_default_timeout(15_000)
    admin = admin_context.new_page()
    sign_in(admin, live_server, world.administrator)
    admin.goto(f"{live_server.url}/admin/attestations/emettre/")
    admin.fill('input[name="email"]', learner.email)
    admin.select_option('select[name="target"]', str(module.pk))
    with admin.expect_navigation():
        admin.click('button[name="action"][value="check"]')
    admin.locator("form .help-block.help-info").wait_for()  # « The learner is eligible. »
    with admin.expect_navigation():
        admin.click('button[name="action"][value="issue"]')
    certificate = wait_for(
        lambda: Certificate.objects.filter(learner=learner, target_id=module.pk).first(),
        message="no certificate issued",
    )
    assert admin.url.endswith(f"/admin/attestations/{certificate.pk}/")
    assert certificate.status == Certificate.Status.VALID
    assert certificate.template_version.template_id == side.template.pk

    # The learner downloads the PDF from the dashboard.
    page.goto(f"{live_server.url}/mon-parcours/")
    with page.expect_download() as download_info:
        page.click(f'a[href="/attestations/{certificate.pk}/telecharger/"]')
    download = download_info.value
    target = tmp_path / "attestation.pdf"
    download.save_as(target)
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == certificate.sha256

    # An anonymous visitor opens the URL of the QR code: valid.
    codes = qr_codes(pdf)
    assert len(codes) == 1
    url = codes[0]
    assert url == f"{live_server.url}/attestations/verifier/{certificate.display_code}/"
    anonymous_context = chromium.new_context(locale="fr-FR")
    anonymous_context.set_default_timeout(15_000)
    visitor = anonymous_context.new_page()
    visitor.goto(url)
    verdict = visitor.locator(".fr-alert__title")
    assert verdict.inner_text() == "Cette attestation est valide."
    assert "valide" in verdict.inner_text()
    assert visitor.locator(".fr-alert--success").count() == 1
    assert certificate.sha256 in visitor.locator("main").inner_text()

    # The administrator revokes it in the admin; the public page says so.
    admin.fill('textarea[name="reason"]', "Attestation émise par erreur.")
    with admin.expect_navigation():
        admin.click(f'form[action="/admin/attestations/{certificate.pk}/revoquer/"] button')
    wait_for(
        lambda: Certificate.objects.get(pk=certificate.pk).status == Certificate.Status.REVOKED,
        message="certificate not revoked",
    )
    visitor.reload()
    assert visitor.locator(".fr-alert--error .fr-alert__title").inner_text() == (
        "Cette attestation a été révoquée."
    )
    assert visitor.locator(".fr-alert--success").count() == 0
    admin_context.close()
    anonymous_context.close()


LESSON_TITLE = "Le cycle budgétaire"
LESSON_TEXT = "Les quatre étapes du cycle budgétaire, de la préparation à l'exécution."


def open_footer_menu(admin) -> None:
    """Open the dropdown of the page editor's footer (the actions after the main one)."""
    admin.locator(
        "footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']"
    ).first.click()


def test_a_trainer_writes_a_lesson_a_reviewer_publishes_it_a_learner_reads_it(
    live_server, chromium, browser_context, settings
):
    # Wagtail's autosave (every 500 ms of typing) would race the submission: off.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    world = db_read(world_build)
    side = world.association
    module = side.module
    db_read(enrolment_create, learner=side.learner, module=module)

    # The Formateur writes the lesson in the page editor (Draftail) and submits it.
    trainer = browser_context.new_page()
    sign_in(trainer, live_server, world.trainer)
    trainer.goto(f"{live_server.url}/admin/pages/add/curriculum/lessonpage/{module.pk}/")
    trainer.fill("#id_title", LESSON_TITLE)
    trainer.fill("#id_summary", "Préparer, voter, exécuter, contrôler.")
    body = trainer.locator('[data-contentpath="body"]')
    body.locator("button.c-sf-add-button").first.click()
    trainer.get_by_text("Texte enrichi", exact=True).click()
    editor = body.locator(".public-DraftEditor-content").first
    editor.click()
    trainer.keyboard.type(LESSON_TEXT)
    # Draftail writes its hidden input a moment after the last keystroke.
    trainer.wait_for_function(
        'text => [...document.querySelectorAll(\'input[name^="body-"][name$="-value"]\')]'
        ".some(input => input.value.includes(text))",
        arg="cycle budgétaire",
    )
    open_footer_menu(trainer)
    # A Formateur cannot publish, only submit.
    assert trainer.locator('footer button[name="action-publish"]').count() == 0
    with trainer.expect_navigation():
        trainer.click('button[name="action-submit"]')
    lesson = wait_for(
        lambda: LessonPage.objects.filter(title=LESSON_TITLE).first(), message="no lesson saved"
    )
    state = db_read(
        lambda: WorkflowState.objects.for_instance(lesson).filter(status="in_progress").first()
    )
    assert state is not None, "not submitted for review"
    assert not lesson.live
    assert "cycle budgétaire" in db_read(lambda: str(lesson.get_latest_revision().content))

    # Under review, the enrolled learner does not see it yet.
    learner_context = chromium.new_context(locale="fr-FR")
    learner_context.set_default_timeout(15_000)
    learner = learner_context.new_page()
    sign_in(learner, live_server, side.learner)
    learner.goto(live_server.url + path_of(module))
    assert learner.locator(f'main a:has-text("{LESSON_TITLE}")').count() == 0

    # The Relecteur approves the review task in the page editor: the lesson goes live.
    reviewer_context = chromium.new_context(locale="fr-FR")
    reviewer_context.set_default_timeout(15_000)
    reviewer = reviewer_context.new_page()
    sign_in(reviewer, live_server, world.reviewer)
    reviewer.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    open_footer_menu(reviewer)
    approve = reviewer.locator(
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    )
    with reviewer.expect_navigation():
        approve.click()
    published = wait_for(
        lambda: LessonPage.objects.filter(pk=lesson.pk, live=True).first(),
        message="the lesson was not published",
    )
    assert not published.has_unpublished_changes
    state = db_read(lambda: WorkflowState.objects.for_instance(lesson).get())
    assert state.status == WorkflowState.STATUS_APPROVED
    reviewer_context.close()

    # Published, the enrolled learner sees it in the module and reads it.
    learner.reload()
    with learner.expect_navigation():
        learner.click(f'main a:has-text("{LESSON_TITLE}")')
    assert learner.locator("h1").inner_text() == LESSON_TITLE
    assert LESSON_TEXT in learner.locator("main").inner_text()
    learner_context.close()
