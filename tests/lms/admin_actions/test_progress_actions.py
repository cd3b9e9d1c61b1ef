"""Sign-off and revocation of a learner's module from the admin: who may, the reason, the
audit entries, POST with CSRF."""

import pytest
from django.urls import reverse

from lms.audit.models import AuditEntry
from lms.enrolment.models import ModuleSettings
from lms.enrolment.services import enrolment_create
from lms.people.models import PromotionMembership
from lms.progress.models import ModuleProgress
from lms.progress.services import lesson_mark_done
from tests.lms.admin_actions.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(promotion, module):
    """A member of ``promotion`` (followed by ``trainer``), enrolled in ``module``, which
    requires a sign-off, with all its lessons done."""
    ModuleSettings.objects.create(module=module, requires_signoff=True)
    learner = PromotionMembership.objects.filter(promotion=promotion).first().learner
    enrolment_create(learner=learner, module=module)
    for lesson in module.get_children().specific():
        lesson_mark_done(learner=learner, lesson=lesson)
    return learner


@pytest.fixture
def completed(member, module, administrator):
    """``member`` with the module signed off, hence completed."""
    signed_in(administrator).post(signoff_url(member, module))
    progress = ModuleProgress.objects.get(learner=member, module=module)
    assert progress.status == "completed"
    return progress


def assert_refused(response) -> None:
    """Wagtail answers a forbidden admin request by sending the user back to the dashboard."""
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def page_url(learner, module) -> str:
    return reverse("progress_learner_module", args=[learner.pk, module.pk])


def signoff_url(learner, module) -> str:
    return reverse("progress_module_signoff", args=[learner.pk, module.pk])


def revoke_url(learner, module) -> str:
    return reverse("progress_module_revoke", args=[learner.pk, module.pk])


def progress_of(learner, module) -> ModuleProgress:
    return ModuleProgress.objects.get(learner=learner, module=module)


# Sign-off ----------------------------------------------------------------------------------


def test_the_trainer_following_the_promotion_signs_the_module_off(trainer, member, module):
    client = signed_in(trainer)
    page = client.get(page_url(member, module))
    assert page.status_code == 200
    assert page.context["show_signoff"] is True
    assert page.context["show_revoke"] is False
    assert progress_of(member, module).status == "in_progress"

    response = client.post(signoff_url(member, module))

    assert response.status_code == 302
    assert response["Location"] == page_url(member, module)
    progress = progress_of(member, module)
    assert progress.status == "completed"
    assert progress.signed_off_by == trainer
    entry = AuditEntry.objects.get(learner=member, action="module.signed_off")
    assert entry.actor == trainer
    assert entry.object_id == str(progress.pk)
    assert AuditEntry.objects.filter(learner=member, action="module.completed").exists()
    # The page lists the audit entries of this module.
    actions = {e.action for e in client.get(page_url(member, module)).context["audit_entries"]}
    assert {"enrolment.created", "module.signed_off", "module.completed"} <= actions


def test_administrators_sign_off_too(administrator, member, module):
    signed_in(administrator).post(signoff_url(member, module))

    assert progress_of(member, module).signed_off_by == administrator


def test_a_trainer_of_another_promotion_is_refused(other_trainer, other_promotion, member, module):
    client = signed_in(other_trainer)

    assert_refused(client.get(page_url(member, module)))
    assert_refused(client.post(signoff_url(member, module)))
    assert progress_of(member, module).signed_off_at is None
    assert not AuditEntry.objects.filter(action="module.signed_off").exists()


def test_a_learner_cannot_sign_their_own_module_off(member, module):
    response = signed_in(member).post(signoff_url(member, module))

    assert (response.status_code, response["Location"]) == (302, "/")  # kept out of the admin
    assert progress_of(member, module).signed_off_at is None


def test_no_sign_off_without_an_active_enrolment(trainer, promotion, module):
    outsider = PromotionMembership.objects.filter(promotion=promotion).last().learner
    client = signed_in(trainer)
    page = client.get(page_url(outsider, module))
    assert (page.context["enrolment"], page.context["progress"]) == (None, None)

    response = client.post(signoff_url(outsider, module), follow=True)

    assert [m.level_tag for m in response.context["messages"]] == ["error"]

    assert not ModuleProgress.objects.filter(learner=outsider, signed_off_at__isnull=False)
    assert not AuditEntry.objects.filter(action="module.signed_off").exists()


def test_sign_off_is_a_post(trainer, member, module):
    assert signed_in(trainer).get(signoff_url(member, module)).status_code == 405


# Revocation --------------------------------------------------------------------------------


def test_an_administrator_revokes_with_a_reason(administrator, completed, member, module):
    client = signed_in(administrator)
    page = client.get(page_url(member, module))
    assert page.context["show_revoke"] is True
    assert page.context["show_signoff"] is False

    response = client.post(revoke_url(member, module), {"reason": "Attestation émise par erreur"})

    assert response.status_code == 302
    progress = progress_of(member, module)
    assert progress.status == "in_progress"
    assert (progress.revoked_by, progress.revoked_reason) == (
        administrator,
        "Attestation émise par erreur",
    )
    entry = AuditEntry.objects.get(learner=member, action="module.completion_revoked")
    assert entry.actor == administrator
    assert "Attestation émise par erreur" in entry.message


@pytest.mark.parametrize("reason", ["", "   "])
def test_the_reason_is_required(administrator, completed, member, module, reason):
    response = signed_in(administrator).post(revoke_url(member, module), {"reason": reason})

    assert response.status_code == 400
    assert response.context["revocation_form"].has_error("reason", code="required")
    assert progress_of(member, module).status == "completed"
    assert not AuditEntry.objects.filter(action="module.completion_revoked").exists()


def test_trainers_cannot_revoke(trainer, completed, member, module):
    client = signed_in(trainer)

    assert client.get(page_url(member, module)).context["show_revoke"] is False
    response = client.post(revoke_url(member, module), {"reason": "Je me suis trompé"})

    assert_refused(response)
    assert progress_of(member, module).status == "completed"
    assert not AuditEntry.objects.filter(action="module.completion_revoked").exists()


def test_revoking_an_uncompleted_module_says_why(administrator, member, module):
    response = signed_in(administrator).post(
        revoke_url(member, module), {"reason": "Erreur"}, follow=True
    )

    assert response.redirect_chain == [(page_url(member, module), 302)]
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not AuditEntry.objects.filter(action="module.completion_revoked").exists()


def test_the_csrf_token_is_required(administrator, trainer, completed, member, module):
    admin_client = signed_in(administrator, enforce_csrf_checks=True)

    refused = admin_client.post(revoke_url(member, module), {"reason": "Erreur"})
    assert refused.status_code == 403
    assert progress_of(member, module).status == "completed"

    token = admin_client.get(page_url(member, module)).context["csrf_token"]
    accepted = admin_client.post(
        revoke_url(member, module), {"reason": "Erreur", "csrfmiddlewaretoken": token}
    )
    assert accepted.status_code == 302
    assert progress_of(member, module).status == "in_progress"

    trainer_client = signed_in(trainer, enforce_csrf_checks=True)
    assert trainer_client.post(signoff_url(member, module)).status_code == 403
    assert progress_of(member, module).signed_off_at is None
