"""Background tasks sending the e-mails; they take primary keys and only read and send."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_tasks import task

from lms.enrolment.models import Enrolment
from lms.notifications.models import EmailKey
from lms.notifications.services import absolute_url, email_send, invitation_link
from lms.progress.models import ModuleProgress, ProgressStatus


@task()
def send_enrolment_confirmation(enrolment_id: int) -> int:
    """Confirm an enrolment to the learner, if it is still active; returns e-mails sent."""
    enrolment = (
        Enrolment.objects.select_related("learner", "module")
        .filter(pk=enrolment_id, status=Enrolment.Status.ACTIVE, learner__is_active=True)
        .first()
    )
    if enrolment is None:
        return 0
    module = enrolment.module
    link = module.get_url() or reverse("dashboard:home")
    return email_send(
        key=EmailKey.ENROLMENT_CONFIRMATION,
        to_user=enrolment.learner,
        context={"module": module.title, "lien": absolute_url(link)},
    )


@task()
def send_module_completed(module_progress_id: int) -> int:
    """Tell a learner they completed a module, unless the completion was revoked since."""
    progress = (
        ModuleProgress.objects.select_related("learner", "module")
        .filter(pk=module_progress_id, status=ProgressStatus.COMPLETED, learner__is_active=True)
        .first()
    )
    if progress is None:
        return 0
    with translation.override("fr"):
        completed_on = date_format(timezone.localtime(progress.completed_at), "DATE_FORMAT")
    return email_send(
        key=EmailKey.MODULE_COMPLETED,
        to_user=progress.learner,
        context={
            "module": progress.module.title,
            "date": completed_on,
            "lien": absolute_url(reverse("dashboard:home")),
        },
    )


@task()
def send_invitation(user_id: int) -> int:
    """Invite an account to choose its password (see :func:`invitation_send`)."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    return email_send(
        key=EmailKey.INVITATION,
        to_user=user,
        context={"courriel": user.email, "lien": invitation_link(user=user)},
    )
