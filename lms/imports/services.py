"""Business actions of file imports: upload and check a file, confirm it, import a row.

The flow: :func:`import_batch_create` parses and checks an uploaded file and keeps its
normalised rows in an :class:`~lms.imports.models.ImportBatch` for the preview;
:func:`import_batch_confirm` imports the valid rows, in one transaction, or as a
background job (one item per row) above ``LMS_IMPORT_BACKGROUND_THRESHOLD`` rows. Each
row goes through :func:`import_row_apply`, which is idempotent: importing the same file
again creates nothing, enrols nobody twice and invites nobody twice. Previews never
confirmed are deleted after ``LMS_IMPORT_PREVIEW_HOURS`` (:func:`import_previews_purge`).
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from curriculum.models import ModulePage
from lms.accounts.roles import LEARNERS
from lms.audit.services import audit_record
from lms.enrolment.errors import EnrolmentError
from lms.enrolment.models import Enrolment
from lms.enrolment.services import enrolment_create
from lms.imports import conf
from lms.imports.errors import ImportRefused, ImportRowError
from lms.imports.models import ImportBatch, Invitation
from lms.imports.parsing import parse_upload
from lms.imports.validation import rows_validate
from lms.jobs.models import Job, JobItem
from lms.jobs.services import job_create
from lms.people.models import Promotion
from lms.people.services import (
    learner_profile_get_or_create,
    learner_profile_update,
    promotion_add_members,
)

JOB_KIND = "import"


def import_batch_create(
    *,
    upload,
    module: ModulePage,
    promotion: Promotion | None = None,
    override_capacity: bool = False,
    by=None,
) -> ImportBatch:
    """Read and check an uploaded file and keep its rows for the preview.

    Nothing is imported yet. Raises :class:`~lms.imports.parsing.ImportFileError` when
    the whole file is refused (size, format, columns...).
    """
    parsed = parse_upload(upload)
    rows = rows_validate(parsed.rows)
    errors = sum(1 for row in rows if row["errors"])
    batch = ImportBatch(
        created_by=by if by is not None and by.is_authenticated else None,
        file_name=(parsed.name or "")[-255:],
        file_sha256=parsed.sha256,
        file_size=parsed.size,
        file_format=parsed.format,
        module=module,
        promotion=promotion,
        override_capacity=override_capacity,
        rows=rows,
        row_count=len(rows),
        valid_count=len(rows) - errors,
        error_count=errors,
    )
    batch.full_clean()
    batch.save()
    import_previews_purge()
    return batch


def import_previews_purge(*, now=None) -> int:
    """Delete the previews never confirmed within ``LMS_IMPORT_PREVIEW_HOURS``: their
    rows hold people's names and e-mail addresses, kept no longer than needed. Runs after
    each upload and from ``manage.py purge_import_previews``; returns how many went."""
    limit = (now or timezone.now()) - timedelta(hours=conf.preview_hours())
    deleted, _by_model = ImportBatch.objects.filter(
        status=ImportBatch.Status.PREVIEW, created_at__lt=limit
    ).delete()
    return deleted


def import_batch_confirm(*, batch: ImportBatch, by) -> ImportBatch:
    """Import the valid rows of a previewed batch (once: a second call is refused).

    Up to ``LMS_IMPORT_BACKGROUND_THRESHOLD`` valid rows, the import runs here in one
    transaction; above, a job of kind ``"import"`` with one item per row is created and
    handed to a worker (``batch.job``). Raises :class:`ImportRefused`.
    """
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportBatch.Status.PREVIEW:
            raise ImportRefused("not_previewed", _("This file has already been imported."))
        if locked.module_id is None:
            raise ImportRefused("module_missing", _("The module of this import was deleted."))
        valid = locked.valid_rows
        if not valid:
            raise ImportRefused("nothing_to_import", _("The file has no valid row to import."))
        now = timezone.now()
        locked.confirmed_by = by if by is not None and by.is_authenticated else None
        locked.confirmed_at = now
        if len(valid) > conf.background_threshold():
            locked.job = job_create(
                kind=JOB_KIND,
                items=({"key": row["email"], "data": {"row": row}} for row in valid),
                payload={"batch_id": locked.pk},
                created_by=by,
            )
            locked.status = ImportBatch.Status.RUNNING
            locked.save(update_fields=["confirmed_by", "confirmed_at", "job", "status"])
        else:
            outcomes = []
            for row in valid:
                try:
                    with transaction.atomic():
                        outcomes.append(import_row_apply(batch=locked, row=row, by=by))
                except ImportRowError as error:
                    outcomes.append(_failure(row, error.message))
            locked.summary = import_summary(batch=locked, outcomes=outcomes)
            locked.status = ImportBatch.Status.DONE
            locked.finished_at = timezone.now()
            locked.save(
                update_fields=["confirmed_by", "confirmed_at", "summary", "status", "finished_at"]
            )
    _copy(locked, batch)
    return batch


def _copy(source: ImportBatch, target: ImportBatch) -> None:
    for field in ImportBatch._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def _failure(row: dict, message: str) -> dict:
    return {"line": row["line"], "email": row["email"], "error": message}


def import_summary(*, batch: ImportBatch, outcomes: list[dict]) -> dict:
    """Counts of what the import did, and the rows that failed while importing."""
    failures = [outcome for outcome in outcomes if "error" in outcome]
    done = [outcome for outcome in outcomes if "error" not in outcome]
    return {
        "created": sum(1 for outcome in done if outcome.get("created")),
        "enrolled": sum(1 for outcome in done if outcome.get("enrolled")),
        "already_enrolled": sum(1 for outcome in done if outcome.get("already_enrolled")),
        "promotion_memberships": sum(outcome.get("promotions_added", 0) for outcome in done),
        "profiles_updated": sum(1 for outcome in done if outcome.get("profile_updated")),
        "skipped_with_errors": batch.error_count,
        "failed": len(failures),
        "failures": sorted(failures, key=lambda failure: failure["line"]),
    }


def _validation_message(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


def _account_get_or_create(*, batch: ImportBatch, row: dict, by):
    """The account using the row's address, created (unusable password, learner) when
    missing; returns ``(user, created)``."""
    User = get_user_model()
    user = User.objects.filter(email=row["email"]).first()
    if user is not None:
        return user, False
    user = User(email=row["email"], first_name=row["first_name"], last_name=row["last_name"])
    user.set_unusable_password()
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        raise ImportRowError(_validation_message(error)) from error
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        # Created meanwhile by someone else: use it, and it is not ours to invite.
        return User.objects.get(email=row["email"]), False
    learners = Group.objects.filter(name=LEARNERS).first()
    if learners is not None:
        user.groups.add(learners)
    audit_record(
        learner=user,
        actor=by,
        action="account.created",
        message=_("Account created by the import of the file “%(file)s”.")
        % {"file": batch.file_name},
        target=user,
        data={"import": batch.pk, "line": row["line"]},
    )
    return user, True


def _profile_fill_empty(*, user, row: dict, by, created: bool) -> bool:
    """Fill the profile fields (and names) that are empty from the row; never overwrite."""
    profile = learner_profile_get_or_create(user=user)
    changes: dict[str, str] = {}
    if row["audience"] and not profile.audience:
        changes["audience"] = row["audience"]
    if row["organisation"] and not profile.organisation:
        changes["organisation"] = row["organisation"]
    if row["region"] and not profile.region and not profile.departement:
        changes["region"] = row["region"]
        if row["departement"]:
            changes["departement"] = row["departement"]
    elif row["departement"] and not profile.departement and row["region"] == profile.region:
        changes["departement"] = row["departement"]
    if not created:
        if row["first_name"] and not user.first_name:
            changes["first_name"] = row["first_name"]
        if row["last_name"] and not user.last_name:
            changes["last_name"] = row["last_name"]
    if not changes:
        return False
    try:
        learner_profile_update(user=user, actor=by, **changes)
    except ValidationError as error:
        raise ImportRowError(_validation_message(error)) from error
    return True


def import_row_apply(*, batch: ImportBatch, row: dict, by) -> dict:
    """Import one valid row (call it inside a transaction, which a refusal rolls back).

    Creates the account when missing, fills empty profile fields, adds the learner to the
    row's promotion and the batch's, enrols them in the batch's module (``source="import"``)
    and, only for an account created here, invites them once by e-mail. Idempotent.
    Returns what it did: ``created``, ``enrolled``, ``already_enrolled``,
    ``promotions_added``, ``profile_updated``; raises :class:`ImportRowError`.
    """
    from lms.notifications.services import invitation_send

    if row.get("errors"):
        raise ImportRowError(" ".join(row["errors"]))
    module = batch.module
    if module is None:
        raise ImportRowError(_("The module of this import was deleted."))
    user, created = _account_get_or_create(batch=batch, row=row, by=by)
    if not user.is_active:
        raise ImportRowError(_("The account using this e-mail address is deactivated."))
    profile_updated = _profile_fill_empty(user=user, row=row, by=by, created=created)

    promotion_ids = {pk for pk in (row.get("promotion_id"), batch.promotion_id) if pk}
    added = 0
    for promotion in Promotion.objects.filter(pk__in=promotion_ids):
        added += promotion_add_members(promotion=promotion, learners=[user], by=by)

    enrolled = already = False
    try:
        enrolment_create(
            learner=user,
            module=module,
            source=Enrolment.Source.IMPORT,
            by=by,
            override_capacity=batch.override_capacity,
        )
        enrolled = True
    except EnrolmentError as error:
        if error.code != "already_enrolled":
            raise ImportRowError(error.message) from error
        already = True

    if created:
        _invitation, invited = Invitation.objects.get_or_create(
            user=user, defaults={"batch": batch}
        )
        if invited:
            invitation_send(user=user, by=by)
    return {
        "line": row["line"],
        "email": row["email"],
        "created": created,
        "enrolled": enrolled,
        "already_enrolled": already,
        "promotions_added": added,
        "profile_updated": profile_updated,
    }


# The background job of large imports -------------------------------------------------------


def import_job_run_item(job: Job, item: JobItem) -> dict:
    """Job runner of kind ``"import"``: import the item's row (see :func:`import_row_apply`)."""
    from lms.jobs.registry import JobAborted, JobItemError

    batch = (
        ImportBatch.objects.select_related("module")
        .defer("rows")
        .filter(pk=job.payload.get("batch_id"))
        .first()
    )
    if batch is None or batch.module_id is None:
        raise JobAborted(_("The import or its module was deleted."))
    try:
        return import_row_apply(batch=batch, row=item.data["row"], by=job.created_by)
    except ImportRowError as error:
        raise JobItemError(error.message) from error


def import_job_finish(job: Job) -> dict:
    """Once every row is processed: the summary, stored on the batch and as the job's result."""
    batch = ImportBatch.objects.select_for_update().filter(pk=job.payload.get("batch_id")).first()
    outcomes = []
    for state, error, data in job.items.values_list("state", "error", "data").order_by("index"):
        if state == JobItem.State.FAILED:
            outcomes.append(_failure(data["row"], error))
        else:
            outcomes.append(data)
    if batch is None:
        return {"failed": sum(1 for outcome in outcomes if "error" in outcome)}
    batch.summary = import_summary(batch=batch, outcomes=outcomes)
    batch.status = ImportBatch.Status.DONE
    batch.finished_at = timezone.now()
    batch.save(update_fields=["summary", "status", "finished_at"])
    return {key: value for key, value in batch.summary.items() if key != "failures"}


def import_job_result_url(job: Job) -> str:
    from django.urls import reverse

    batch_id = job.payload.get("batch_id")
    return reverse("imports_batch", args=[batch_id]) if batch_id else ""
