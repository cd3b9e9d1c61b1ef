"""Sending the platform's e-mails: render an editable template, send it as plain text."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from lms.audit.services import audit_record
from lms.notifications.defaults import DEFAULT_TEMPLATES
from lms.notifications.models import EmailTemplate
from lms.notifications.placeholders import PlaceholderError, placeholders_render

logger = logging.getLogger(__name__)


def absolute_url(url: str) -> str:
    """``url`` made absolute with ``WAGTAILADMIN_BASE_URL`` (kept when already absolute)."""
    if url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/" + url.lstrip("/")


def _platform_values() -> dict[str, str]:
    from lms.portal.models import PlatformSettings

    platform = PlatformSettings.load()
    return {
        "plateforme": getattr(settings, "WAGTAIL_SITE_NAME", "") or "",
        "operateur": platform.operator_name,
        "contact": platform.contact_email,
    }


def email_render(*, key: str, values: dict[str, object]) -> tuple[str, str]:
    """The ``(subject, body)`` of e-mail ``key`` filled with ``values``.

    Uses the administrators' template, or the default text when its row was deleted or no
    longer renders (a placeholder removed from the list since it was saved).
    """
    row = EmailTemplate.objects.filter(key=key).first()
    texts = [(row.subject, row.body)] if row is not None else []
    texts.append(DEFAULT_TEMPLATES[key])
    for index, (subject, body) in enumerate(texts):
        try:
            subject = placeholders_render(subject, key=key, values=values)
            body = placeholders_render(body, key=key, values=values)
        except PlaceholderError:
            if index == len(texts) - 1:
                raise
            logger.exception("E-mail template %r does not render; using the default text", key)
            continue
        # A subject is one line, whatever the values held.
        return " ".join(subject.split()), body
    raise AssertionError("unreachable")  # pragma: no cover


def email_send(*, key: str, to_user, context: dict[str, object]) -> int:
    """Send e-mail ``key`` to ``to_user`` as plain text; returns the number sent (0 or 1).

    ``context`` holds the e-mail's own placeholders (``module``, ``lien``...); the
    recipient's names and the platform's are added here. Rendered in French, the language
    of the templates. The reply address is the platform's contact address when set.
    """
    if not to_user.email:
        return 0
    values = {
        **_platform_values(),
        "prenom": to_user.first_name,
        "nom": to_user.last_name,
        **context,
    }
    with translation.override("fr"):
        subject, body = email_render(key=key, values=values)
    message = EmailMessage(
        subject=subject,
        body=body,
        to=[to_user.email],
        reply_to=[values["contact"]] if values.get("contact") else None,
    )
    return message.send()


def invitation_link(*, user) -> str:
    """The absolute link where ``user`` chooses a password (Django's reset token: valid for
    ``PASSWORD_RESET_TIMEOUT``, and only until the password changes or they sign in)."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return absolute_url(path)


def invitation_send(*, user, by=None) -> None:
    """Invite ``user`` by e-mail to choose a password (accounts created by an import).

    Records the invitation in the learner's audit trail and enqueues the e-mail once the
    current transaction commits; the link is built when the e-mail is sent.
    """
    from lms.notifications.tasks import send_invitation

    audit_record(
        learner=user,
        actor=by,
        action="account.invited",
        message=_("Invited by e-mail to choose a password."),
        target=user,
    )
    user_id = user.pk
    transaction.on_commit(lambda: send_invitation.enqueue(user_id))
