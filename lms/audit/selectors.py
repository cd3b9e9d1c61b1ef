"""Reading the audit trail."""

from django.db.models import QuerySet

from lms.audit.models import AuditEntry


def audit_list_for_learner(*, learner) -> QuerySet[AuditEntry]:
    """A learner's audit trail, most recent first."""
    return AuditEntry.objects.filter(learner=learner).select_related("actor")
