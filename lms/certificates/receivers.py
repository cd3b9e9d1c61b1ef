"""Receivers of certificates' own signals: tell the learner their certificate is ready."""

from django.conf import settings
from django.dispatch import receiver

from lms.certificates.signals import certificate_issued


@receiver(certificate_issued, dispatch_uid="certificates.email_certificate_issued")
def email_certificate_issued(sender, certificate, replaces=None, **kwargs):
    """Queue the « attestation disponible » e-mail (the signal is sent after commit).

    ``LMS_CERTIFICATE_EMAILS`` (default on) turns it off, e.g. for the bulk benchmark.
    """
    from lms.certificates.tasks import send_certificate_issued

    if getattr(settings, "LMS_CERTIFICATE_EMAILS", True):
        send_certificate_issued.enqueue(certificate.pk)
