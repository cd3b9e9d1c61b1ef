"""Reads of imports: recent batches, and what a preview should tell before confirming."""

from __future__ import annotations

from django.db.models import QuerySet

from lms.enrolment.models import Enrolment, ModuleSettings
from lms.imports import conf
from lms.imports.models import ImportBatch
from lms.imports.validation import LOOKUP_CHUNK


def import_batch_list_recent(*, limit: int = 20) -> QuerySet[ImportBatch]:
    """The latest uploads, without their rows."""
    return (
        ImportBatch.objects.select_related("module", "created_by", "job")
        .defer("rows")
        .order_by("-created_at", "-pk")[:limit]
    )


def import_batch_preview_facts(*, batch: ImportBatch) -> dict:
    """What the preview says beyond the rows: accounts to create, learners already
    enrolled, seats left, earlier imports of the same file, background or not."""
    valid = batch.valid_rows
    emails = [row["email"] for row in valid]
    already = 0
    if batch.module_id:
        for start in range(0, len(emails), LOOKUP_CHUNK):
            already += Enrolment.objects.filter(
                module_id=batch.module_id,
                status=Enrolment.Status.ACTIVE,
                learner__email__in=emails[start : start + LOOKUP_CHUNK],
            ).count()
    capacity = (
        ModuleSettings.objects.filter(module_id=batch.module_id)
        .values_list("capacity", flat=True)
        .first()
    )
    seats_left = None
    if capacity is not None:
        taken = Enrolment.objects.filter(
            module_id=batch.module_id, status=Enrolment.Status.ACTIVE
        ).count()
        seats_left = max(capacity - taken, 0)
    to_enrol = len(valid) - already
    earlier = (
        ImportBatch.objects.filter(file_sha256=batch.file_sha256, status=ImportBatch.Status.DONE)
        .exclude(pk=batch.pk)
        .select_related("confirmed_by")
        .defer("rows")
        .order_by("-finished_at")
        .first()
    )
    return {
        "new_accounts": sum(1 for row in valid if not row.get("account_exists")),
        "existing_accounts": sum(1 for row in valid if row.get("account_exists")),
        "already_enrolled": already,
        "to_enrol": to_enrol,
        "seats_left": seats_left,
        "over_capacity": (
            seats_left is not None and to_enrol > seats_left and not batch.override_capacity
        ),
        "earlier_import": earlier,
        "background": len(valid) > conf.background_threshold(),
    }
