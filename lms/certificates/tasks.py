"""Background tasks of certificates: thin wrappers taking primary keys."""

from django.urls import reverse
from django_tasks import task

from lms.certificates.bulk import certificate_bulk_work


@task()
def certificate_bulk_worker(job_id: int) -> str:
    """One worker's share of the bulk issuance ``job_id`` (see
    :func:`lms.certificates.bulk.certificate_bulk_work`); returns how it ended."""
    return certificate_bulk_work(job_id=job_id)


@task()
def send_certificate_issued(certificate_id: int) -> int:
    """E-mail a learner that their certificate is ready, if it is still valid; returns the
    number of e-mails sent."""
    from lms.certificates.models import Certificate
    from lms.certificates.services import verification_url
    from lms.notifications.models import EmailKey
    from lms.notifications.services import absolute_url, email_send

    certificate = (
        Certificate.objects.select_related("learner")
        .filter(
            pk=certificate_id,
            status=Certificate.Status.VALID,
            learner__is_active=True,
        )
        .first()
    )
    if certificate is None:
        return 0
    return email_send(
        key=EmailKey.CERTIFICATE_ISSUED,
        to_user=certificate.learner,
        context={
            "intitule": certificate.title,
            "code": certificate.display_code,
            "lien": absolute_url(reverse("dashboard:home")),
            "lien_verification": verification_url(certificate.code),
        },
    )
