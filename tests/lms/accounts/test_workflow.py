"""The « relecture pédagogique » workflow: Formateurs submit, Relecteurs approve and publish."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from curriculum.models import LessonPage, ModulePage
from lms.accounts import roles
from lms.enrolment.services import enrolment_create
from tests.curriculum.admin_forms import (
    add_page_url,
    edit_page_url,
    lesson_body,
    new_lesson_data,
    page_edit_data,
)

pytestmark = pytest.mark.django_db

SUBMITTED_TEXT = "Les quatre étapes du cycle budgétaire."


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def module(association_curriculum, module_factory) -> ModulePage:
    return module_factory(
        parent=association_curriculum, title="Financer l'action publique", slug="financer"
    )


@pytest.fixture
def lesson(module, lesson_factory) -> LessonPage:
    return lesson_factory(
        parent=module,
        title="Le budget de l'État",
        slug="budget",
        body=[("paragraph", "<p>La loi de finances.</p>")],
    )


def review_in_progress(page) -> WorkflowState:
    return WorkflowState.objects.for_instance(page).get(status=WorkflowState.STATUS_IN_PROGRESS)


@pytest.fixture
def submitted_new_lesson(trainer, module) -> LessonPage:
    """A new lesson a Formateur wrote and submitted for review in the admin."""
    data = new_lesson_data("Le cycle budgétaire", f"<p>{SUBMITTED_TEXT}</p>", slug="cycle")
    data["action-submit"] = "action-submit"
    response = signed_in(trainer).post(add_page_url(LessonPage, module), data)
    assert response.status_code == 302
    return LessonPage.objects.get(title="Le cycle budgétaire")


@pytest.fixture
def submitted_edit(trainer, lesson) -> LessonPage:
    """A live lesson a Formateur changed and submitted for review in the admin."""
    client = signed_in(trainer)
    data = page_edit_data(
        client,
        lesson,
        {"title": "Le budget de l'État, revu", **lesson_body(f"<p>{SUBMITTED_TEXT}</p>")},
    )
    data["action-submit"] = "action-submit"
    response = client.post(edit_page_url(lesson), data)
    assert response.status_code == 302
    return LessonPage.objects.get(pk=lesson.pk)


def approve(user, page):
    state = review_in_progress(page)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    return signed_in(user).post(url, {"comment": "Relu, c'est clair."})


def test_a_trainer_submits_a_new_lesson_for_review(trainer, submitted_new_lesson):
    state = review_in_progress(submitted_new_lesson)

    assert state.workflow.name == roles.WORKFLOW_NAME
    assert state.requested_by == trainer
    assert state.current_task_state.task.name == roles.REVIEW_TASK_NAME
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not submitted_new_lesson.live


def test_a_submitted_edit_stays_unpublished_until_approved(submitted_edit):
    review_in_progress(submitted_edit)

    assert submitted_edit.live
    assert submitted_edit.title == "Le budget de l'État"
    assert SUBMITTED_TEXT not in str(submitted_edit.body)
    assert submitted_edit.get_latest_revision_as_object().title == "Le budget de l'État, revu"


def test_a_reviewer_approves_and_the_new_lesson_goes_live(reviewer, submitted_new_lesson):
    state = review_in_progress(submitted_new_lesson)

    response = approve(reviewer, submitted_new_lesson)

    assert response.status_code == 302
    assert response["Location"] == edit_page_url(submitted_new_lesson)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert state.current_task_state.comment == "Relu, c'est clair."
    lesson = LessonPage.objects.get(pk=submitted_new_lesson.pk)
    assert lesson.live and not lesson.has_unpublished_changes
    assert SUBMITTED_TEXT in str(lesson.body)


def test_a_reviewer_approves_and_the_submitted_edit_goes_live(reviewer, submitted_edit):
    approve(reviewer, submitted_edit)

    lesson = LessonPage.objects.get(pk=submitted_edit.pk)
    assert lesson.title == "Le budget de l'État, revu"
    assert SUBMITTED_TEXT in str(lesson.body)
    assert not lesson.has_unpublished_changes


@pytest.mark.parametrize(
    ("role", "sent_to"),
    [("trainer", "/admin/"), ("learner", "/")],
    ids=["trainer back to the dashboard", "learner out of the admin"],
)
def test_only_a_reviewer_can_approve(request, role, sent_to, submitted_new_lesson):
    response = approve(request.getfixturevalue(role), submitted_new_lesson)

    assert response.status_code == 302
    assert response["Location"] == sent_to
    assert review_in_progress(submitted_new_lesson).current_task_state.status == (
        TaskState.STATUS_IN_PROGRESS
    )
    assert not LessonPage.objects.get(pk=submitted_new_lesson.pk).live


def test_an_approved_lesson_is_read_by_enrolled_learners_only(
    reviewer, learner, submitted_new_lesson
):
    approve(reviewer, submitted_new_lesson)
    lesson = LessonPage.objects.get(pk=submitted_new_lesson.pk)
    url = lesson.url
    enrolment_create(learner=learner, module=lesson.get_parent().specific)

    response = signed_in(learner).get(url)
    assert response.status_code == 200
    assert SUBMITTED_TEXT in response.content.decode()

    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/connexion/?next=")


@pytest.mark.parametrize("blank", ["", "<p> </p>", "<p>&nbsp;</p><p></p>"])
def test_a_lesson_with_a_blank_paragraph_cannot_be_submitted(trainer, module, blank):
    data = new_lesson_data("Leçon vide", blank, slug="vide")
    data["action-submit"] = "action-submit"

    response = signed_in(trainer).post(add_page_url(LessonPage, module), data)

    assert response.status_code == 200  # the form again, with the error
    assert not LessonPage.objects.filter(slug="vide").exists()
    assert not WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()


def test_a_draft_with_a_blank_paragraph_can_still_be_saved(trainer, module):
    data = new_lesson_data("Leçon en cours", "", slug="en-cours")

    response = signed_in(trainer).post(add_page_url(LessonPage, module), data)

    assert response.status_code == 302
    assert not LessonPage.objects.get(slug="en-cours").live
