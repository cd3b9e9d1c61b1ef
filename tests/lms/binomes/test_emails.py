"""E-mails: each member is told when paired and when their evaluation is due, from the
editable templates, sent as tasks once the change has committed."""

import pytest
from django.core import mail

from lms.binomes.services import binome_create, project_complete, project_update
from lms.notifications.models import EmailKey, EmailTemplate

pytestmark = pytest.mark.django_db


def test_the_migration_created_the_editable_templates():
    keys = set(EmailTemplate.objects.values_list("key", flat=True))
    assert {EmailKey.BINOME_PAIRED, EmailKey.BINOME_EVALUATION_DUE} <= keys


def test_each_member_is_told_when_paired(
    promotion, civil_servant, association_leader, trainer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        binome = binome_create(
            promotion=promotion, first=civil_servant, second=association_leader, by=trainer
        )
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [civil_servant.email, association_leader.email]
    )
    to_claire = next(m for m in mail.outbox if m.to == [civil_servant.email])
    assert "Karim Benali" in to_claire.body
    assert f"/binomes/{binome.pk}/" in to_claire.body
    assert "CHESP 2026" in to_claire.subject


def test_the_edited_template_is_used(
    promotion, civil_servant, association_leader, trainer, django_capture_on_commit_callbacks
):
    EmailTemplate.objects.filter(key=EmailKey.BINOME_PAIRED).update(
        subject="Binôme avec {partenaire}"
    )
    with django_capture_on_commit_callbacks(execute=True):
        binome_create(
            promotion=promotion, first=civil_servant, second=association_leader, by=trainer
        )
    assert {m.subject for m in mail.outbox} == {
        "Binôme avec Karim Benali",
        "Binôme avec Claire Martin",
    }


def test_no_email_when_the_pairing_is_rolled_back(
    promotion, civil_servant, association_leader, trainer, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                binome_create(
                    promotion=promotion,
                    first=civil_servant,
                    second=association_leader,
                    by=trainer,
                )
                raise RuntimeError("rollback")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []


def test_each_member_is_asked_to_evaluate_when_the_project_is_complete(
    binome, civil_servant, association_leader, trainer, django_capture_on_commit_callbacks
):
    project_update(
        binome=binome, by=civil_servant, title="Tiers-lieu", problem="", territory="", partners=""
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        project_complete(binome=binome, by=trainer)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [civil_servant.email, association_leader.email]
    )
    assert all("Tiers-lieu" in m.subject for m in mail.outbox)
    assert all(f"/binomes/{binome.pk}/evaluation/" in m.body for m in mail.outbox)
