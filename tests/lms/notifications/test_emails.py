"""E-mails sent on enrolment, module completion and invitation, through the signals and the
immediate task backend."""

import re

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse

from lms.accounts import roles
from lms.audit.models import AuditEntry
from lms.enrolment.models import Enrolment, ModuleSettings
from lms.enrolment.services import enrolment_create, enrolment_withdraw
from lms.notifications.defaults import DEFAULT_TEMPLATES
from lms.notifications.models import EmailKey, EmailTemplate
from lms.notifications.services import invitation_send
from lms.portal.models import PlatformSettings
from lms.progress.models import ModuleProgress
from lms.progress.services import lesson_mark_done, module_completion_revoke, module_signoff
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


def default_subject(key, **values) -> str:
    return DEFAULT_TEMPLATES[key][0].format(plateforme="La fonction publique s'engage", **values)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what the services defer until commit (signals, then the tasks they enqueue)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def test_an_enrolment_sends_one_confirmation_to_the_learner(learner, module, run_on_commit):
    with run_on_commit():
        enrolment_create(learner=learner, module=module)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [learner.email]
    assert message.subject == default_subject(EmailKey.ENROLMENT_CONFIRMATION, module=module.title)
    assert f"« {module.title} »" in message.body
    assert message.body.startswith(f"Bonjour {learner.first_name} {learner.last_name},")
    assert f"http://testserver{module.url}" in message.body
    assert message.content_subtype == "plain"
    assert not getattr(message, "alternatives", [])


def test_nothing_is_sent_before_the_enrolment_commits(learner, module, run_on_commit):
    with run_on_commit() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            enrolment_create(learner=learner, module=module)
            raise RuntimeError("rolled back")

    assert callbacks == []
    assert mail.outbox == []


def test_a_reactivated_enrolment_is_confirmed_again(learner, module, run_on_commit):
    with run_on_commit():
        enrolment = enrolment_create(learner=learner, module=module)
        enrolment_withdraw(enrolment=enrolment)
        enrolment_create(learner=learner, module=module)

    assert len(mail.outbox) == 2
    assert Enrolment.objects.filter(learner=learner).count() == 1


def test_the_confirmation_uses_the_administrators_text(learner, module, run_on_commit):
    EmailTemplate.objects.filter(key=EmailKey.ENROLMENT_CONFIRMATION).update(
        subject="Inscription : {module}", body="{prenom}, voici {lien} ({operateur})."
    )
    PlatformSettings.objects.update_or_create(
        pk=PlatformSettings.load().pk,
        defaults={"operator_name": "INSP", "contact_email": "contact@insp.gouv.fr"},
    )

    with run_on_commit():
        enrolment_create(learner=learner, module=module)

    message = mail.outbox[0]
    assert message.subject == f"Inscription : {module.title}"
    assert message.body == f"{learner.first_name}, voici http://testserver{module.url} (INSP)."
    assert message.reply_to == ["contact@insp.gouv.fr"]


def test_the_confirmation_falls_back_to_the_default_when_the_row_is_gone(
    learner, module, run_on_commit
):
    EmailTemplate.objects.all().delete()

    with run_on_commit():
        enrolment_create(learner=learner, module=module)

    assert mail.outbox[0].subject == default_subject(
        EmailKey.ENROLMENT_CONFIRMATION, module=module.title
    )


def test_completing_a_module_sends_one_e_mail(learner, module, run_on_commit):
    lessons = list(module.get_children().specific())
    with run_on_commit():
        enrolment_create(learner=learner, module=module)
    mail.outbox.clear()

    with run_on_commit():
        for lesson in lessons:
            lesson_mark_done(learner=learner, lesson=lesson)
        lesson_mark_done(learner=learner, lesson=lessons[0])  # again: nothing new

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [learner.email]
    assert message.subject == default_subject(EmailKey.MODULE_COMPLETED, module=module.title)
    assert f"« {module.title} »" in message.body
    assert "http://testserver" + reverse("dashboard:home") in message.body


def test_a_revoked_completion_sends_no_completion_e_mail(
    learner, administrator, module, django_capture_on_commit_callbacks
):
    lessons = list(module.get_children().specific())
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(learner=learner, module=module)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as deferred:
        for lesson in lessons:
            lesson_mark_done(learner=learner, lesson=lesson)
    module_completion_revoke(
        progress=ModuleProgress.objects.get(learner=learner, module=module),
        by=administrator,
        reason="Erreur de saisie",
    )

    for callback in deferred:  # the completion signal arrives after the revocation
        callback()

    assert mail.outbox == []


def test_the_signed_off_module_completion_sends_an_e_mail(learner, trainer, module, run_on_commit):
    ModuleSettings.objects.create(module=module, requires_signoff=True)

    with run_on_commit():
        enrolment_create(learner=learner, module=module)
        for lesson in module.get_children().specific():
            lesson_mark_done(learner=learner, lesson=lesson)
    assert len(mail.outbox) == 1  # the confirmation only

    with run_on_commit():
        module_signoff(learner=learner, module=module, by=trainer)

    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == default_subject(EmailKey.MODULE_COMPLETED, module=module.title)


# Invitation --------------------------------------------------------------------------------


@pytest.fixture
def invited(db):
    """An account created by an import: no usable password yet."""
    user = UserFactory(
        email="karim.benali@asso.fr", first_name="Karim", last_name="Benali", roles=[]
    )
    user.set_unusable_password()
    user.save()
    user.groups.add(*user.groups.model.objects.filter(name=roles.LEARNERS))
    return user


def test_an_invitation_lets_the_learner_choose_a_password(invited, administrator, run_on_commit):
    with run_on_commit():
        invitation_send(user=invited, by=administrator)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["karim.benali@asso.fr"]
    assert message.subject == default_subject(EmailKey.INVITATION)
    assert "karim.benali@asso.fr" in message.body
    links = LINK.findall(message.body)
    assert len(links) == 1
    assert links[0].startswith("http://testserver/comptes/mot-de-passe/reinitialisation/")

    client = Client()
    response = client.get(links[0], follow=True)
    assert response.status_code == 200
    assert response.context["validlink"] is True
    assert set(response.context["form"].fields) == {"new_password1", "new_password2"}

    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "Une-phrase-de-passe-2026", "new_password2": "Une-phrase-de-passe-2026"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    invited.refresh_from_db()
    assert invited.check_password("Une-phrase-de-passe-2026")
    # The link served once: it no longer opens the form.
    again = Client().get(links[0], follow=True)
    assert again.context["validlink"] is False


def test_an_invitation_is_audited(invited, administrator, run_on_commit):
    with run_on_commit():
        invitation_send(user=invited, by=administrator)

    entry = AuditEntry.objects.get(learner=invited, action="account.invited")
    assert entry.actor == administrator


def test_an_invitation_in_a_rolled_back_import_is_not_sent(invited, administrator, run_on_commit):
    with run_on_commit():
        with pytest.raises(RuntimeError), transaction.atomic():
            invitation_send(user=invited, by=administrator)
            raise RuntimeError("the import failed")

    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action="account.invited").exists()


def test_inactive_accounts_get_no_e_mail(learner, module, run_on_commit):
    with run_on_commit():
        enrolment_create(learner=learner, module=module)
    mail.outbox.clear()
    learner.is_active = False
    learner.save()

    with run_on_commit():
        invitation_send(user=learner, by=None)

    assert mail.outbox == []
