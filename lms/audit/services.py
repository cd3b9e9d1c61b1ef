"""Writing audit entries."""

from __future__ import annotations

from django.db import models

from lms.audit.models import AuditEntry


def audit_record(
    *,
    learner,
    action: str,
    message: str,
    actor=None,
    target: models.Model | None = None,
    data: dict | None = None,
) -> AuditEntry:
    """Record one change about ``learner`` (call it inside the change's transaction).

    ``message`` is a French sentence for people; ``action`` a stable code for programs
    (e.g. ``enrolment.created``); ``target`` the object changed.
    """
    return AuditEntry.objects.create(
        learner=learner,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        message=str(message)[:500],
        data=data or {},
    )
