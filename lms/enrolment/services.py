"""Business actions of enrolment: enrol, withdraw, enrol a curriculum or a promotion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from curriculum.models import CurriculumPage, ModulePage
from lms.audit.services import audit_record
from lms.enrolment.errors import EnrolmentError
from lms.enrolment.models import Enrolment, ModuleSettings
from lms.enrolment.rules import self_enrolment_refusal
from lms.enrolment.signals import enrolment_created, enrolment_withdrawn


def _locked_settings(module: ModulePage) -> ModuleSettings:
    """The module's settings row, created if needed and locked until the transaction ends.

    Every enrolment in a module takes this lock first, so capacity checks and inserts of
    concurrent enrolments are serialised (on SQLite the IMMEDIATE transaction already is).
    """
    settings, _created = ModuleSettings.objects.get_or_create(module=module)
    return ModuleSettings.objects.select_for_update().get(pk=settings.pk)


def _enrol_locked(
    *,
    learner,
    module: ModulePage,
    settings: ModuleSettings,
    source: str,
    by,
    at: datetime,
    check_open: bool,
    override_capacity: bool,
) -> tuple[Enrolment, bool]:
    """Enrol under the settings lock; returns ``(enrolment, reactivated)``."""
    active = Enrolment.objects.filter(learner=learner, module=module, status="active").first()
    if active is not None:
        raise EnrolmentError(
            "already_enrolled",
            _("%(learner)s is already enrolled in “%(module)s”.")
            % {"learner": learner, "module": module.title},
        )
    taken = Enrolment.objects.filter(module=module, status=Enrolment.Status.ACTIVE).count()
    if check_open:
        refusal = self_enrolment_refusal(module=module, settings=settings, at=at, taken=taken)
        if refusal is not None:
            raise refusal
    elif settings.capacity is not None and taken >= settings.capacity and not override_capacity:
        raise EnrolmentError("full", _("This module is full."))

    withdrawn = (
        Enrolment.objects.filter(learner=learner, module=module, status="withdrawn")
        .order_by("-enrolled_at")
        .first()
    )
    if withdrawn is not None:
        enrolment = withdrawn
        enrolment.status = Enrolment.Status.ACTIVE
        enrolment.withdrawn_at = None
        enrolment.source = source
        enrolment.enrolled_at = at
        enrolment.enrolled_by = by if by is not None and by.is_authenticated else None
    else:
        enrolment = Enrolment(
            learner=learner,
            module=module,
            source=source,
            enrolled_at=at,
            enrolled_by=by if by is not None and by.is_authenticated else None,
        )
    enrolment.full_clean(validate_constraints=False)
    enrolment.save()
    reactivated = withdrawn is not None
    audit_record(
        learner=learner,
        actor=by,
        action="enrolment.reactivated" if reactivated else "enrolment.created",
        message=(
            _("Enrolled again in “%(module)s”.") if reactivated else _("Enrolled in “%(module)s”.")
        )
        % {"module": module.title},
        target=enrolment,
        data={"module": module.pk, "source": source},
    )
    transaction.on_commit(
        lambda: enrolment_created.send(
            sender=Enrolment, enrolment=enrolment, reactivated=reactivated, by=by
        )
    )
    return enrolment, reactivated


def enrolment_create(
    *,
    learner,
    module: ModulePage,
    source: str = Enrolment.Source.SELF,
    by=None,
    at: datetime | None = None,
    override_capacity: bool = False,
) -> Enrolment:
    """Enrol ``learner`` in ``module``.

    Self-enrolment (``source="self"``) needs an open module: published, self-enrolment
    allowed, inside its window, not full. Other sources (administrators, promotions,
    imports) skip those checks, except capacity unless ``override_capacity``. Raises
    :class:`EnrolmentError`. Capacity holds under concurrent calls (row lock).
    """
    at = at or timezone.now()
    with transaction.atomic():
        settings = _locked_settings(module)
        enrolment, _reactivated = _enrol_locked(
            learner=learner,
            module=module,
            settings=settings,
            source=source,
            by=by,
            at=at,
            check_open=source == Enrolment.Source.SELF,
            override_capacity=override_capacity,
        )
    return enrolment


def enrolment_withdraw(*, enrolment: Enrolment, by=None, at: datetime | None = None) -> Enrolment:
    """Withdraw an active enrolment; the row and its progress stay for the record."""
    at = at or timezone.now()
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status != Enrolment.Status.ACTIVE:
            raise EnrolmentError("not_active", _("This enrolment is already withdrawn."))
        enrolment.status = Enrolment.Status.WITHDRAWN
        enrolment.withdrawn_at = at
        enrolment.save(update_fields=["status", "withdrawn_at"])
        audit_record(
            learner=enrolment.learner,
            actor=by,
            action="enrolment.withdrawn",
            message=_("Withdrawn from “%(module)s”.") % {"module": enrolment.module.title},
            target=enrolment,
            data={"module": enrolment.module_id},
        )
        transaction.on_commit(
            lambda: enrolment_withdrawn.send(sender=Enrolment, enrolment=enrolment, by=by)
        )
    return enrolment


def curriculum_enrol(
    *, learner, curriculum: CurriculumPage, at: datetime | None = None
) -> list[Enrolment]:
    """Self-enrol in every open module of a curriculum at once, or in none.

    Modules the learner already follows are skipped. When any other module refuses, no
    enrolment is made and the :class:`EnrolmentError` lists each module's reason.
    """
    at = at or timezone.now()
    modules = list(ModulePage.objects.child_of(curriculum).live().public().order_by("path"))
    enrolled_ids = set(
        Enrolment.objects.filter(
            learner=learner, module__in=modules, status=Enrolment.Status.ACTIVE
        ).values_list("module_id", flat=True)
    )
    wanted = [m for m in modules if m.pk not in enrolled_ids]
    if not wanted:
        raise EnrolmentError(
            "nothing_to_enrol", _("You already follow every module of this curriculum.")
        )
    enrolments: list[Enrolment] = []
    reasons: list[tuple[str, str]] = []
    with transaction.atomic():
        # Lock in path order so concurrent curriculum enrolments cannot deadlock.
        for module in wanted:
            settings = _locked_settings(module)
            try:
                with transaction.atomic():
                    enrolment, _r = _enrol_locked(
                        learner=learner,
                        module=module,
                        settings=settings,
                        source=Enrolment.Source.SELF,
                        by=None,
                        at=at,
                        check_open=True,
                        override_capacity=False,
                    )
                enrolments.append(enrolment)
            except EnrolmentError as error:
                reasons.append((module.title, error.message))
        if reasons:
            transaction.set_rollback(True)
    if reasons:
        raise EnrolmentError(
            "curriculum_refused",
            _("No enrolment was made: some modules of “%(curriculum)s” are not open.")
            % {"curriculum": curriculum.title},
            details=reasons,
        )
    return enrolments


@dataclass(frozen=True)
class BulkEnrolmentResult:
    """What a bulk enrolment did: how many were added, reactivated or already enrolled."""

    added: int
    already_enrolled: int
    refused: list[tuple[str, str]]


def enrolment_create_many(
    *, learners, module: ModulePage, source: str, by, override_capacity: bool = False
) -> BulkEnrolmentResult:
    """Enrol several learners (a promotion's members, an import) in one module.

    Learners already enrolled are counted, not refused. When capacity is reached and not
    overridden, the remaining learners are refused with the reason (all-or-nothing is the
    caller's choice: it may wrap this call in a transaction and roll back on ``refused``).
    """
    at = timezone.now()
    added = already = 0
    refused: list[tuple[str, str]] = []
    with transaction.atomic():
        settings = _locked_settings(module)
        for learner in learners:
            try:
                with transaction.atomic():
                    _enrol_locked(
                        learner=learner,
                        module=module,
                        settings=settings,
                        source=source,
                        by=by,
                        at=at,
                        check_open=False,
                        override_capacity=override_capacity,
                    )
                added += 1
            except EnrolmentError as error:
                if error.code == "already_enrolled":
                    already += 1
                else:
                    refused.append((str(learner), error.message))
    return BulkEnrolmentResult(added=added, already_enrolled=already, refused=refused)
