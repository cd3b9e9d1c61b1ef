"""Background tasks e-mailing binôme members; they take primary keys and only read and send."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tasks import task

from lms.binomes.models import Binome
from lms.notifications.models import EmailKey
from lms.notifications.services import absolute_url, email_send


def _binome_and_member(binome_id: int, learner_id: int):
    binome = (
        Binome.objects.select_related("promotion", "civil_servant", "association_leader", "project")
        .filter(pk=binome_id)
        .first()
    )
    if binome is None or learner_id not in binome.member_ids:
        return None, None
    learner = get_user_model().objects.filter(pk=learner_id, is_active=True).first()
    return binome, learner


@task()
def send_binome_paired(binome_id: int, learner_id: int) -> int:
    """Tell a member they were paired, if the binôme still exists; returns e-mails sent."""
    binome, learner = _binome_and_member(binome_id, learner_id)
    if learner is None:
        return 0
    partner = binome.partner_of(learner)
    return email_send(
        key=EmailKey.BINOME_PAIRED,
        to_user=learner,
        context={
            "partenaire": partner.get_full_name() or partner.email,
            "promotion": str(binome.promotion),
            "lien": absolute_url(reverse("binomes:project", args=(binome.pk,))),
        },
    )


@task()
def send_evaluation_due(binome_id: int, learner_id: int) -> int:
    """Ask a member to submit their evaluation of the completed project."""
    binome, learner = _binome_and_member(binome_id, learner_id)
    if learner is None or binome.status != Binome.Status.COMPLETED:
        return 0
    partner = binome.partner_of(learner)
    return email_send(
        key=EmailKey.BINOME_EVALUATION_DUE,
        to_user=learner,
        context={
            "partenaire": partner.get_full_name() or partner.email,
            "projet": binome.project.title,
            "lien": absolute_url(reverse("binomes:evaluation", args=(binome.pk,))),
        },
    )
