"""Reads of certificates: a learner's certificates, by code, eligibility, templates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from curriculum.models import CurriculumPage, ModulePage
from lms.certificates.codes import code_format
from lms.certificates.models import (
    Certificate,
    CertificateKind,
    CertificateTemplate,
    CertificateTemplateVersion,
)
from lms.enrolment.models import Enrolment
from lms.people.models import Promotion
from lms.progress.models import CurriculumProgress, ModuleProgress, ProgressStatus


def certificate_list_for_learner(*, learner) -> QuerySet[Certificate]:
    """The learner's valid certificates, most recent first."""
    return Certificate.objects.filter(learner=learner, status=Certificate.Status.VALID)


def certificate_get_for_learner(*, learner, pk: int) -> Certificate | None:
    """One of the learner's valid certificates, or ``None`` (someone else's, or unknown)."""
    return certificate_list_for_learner(learner=learner).filter(pk=pk).first()


def certificate_get_by_code(*, code: str) -> Certificate | None:
    """The certificate with the normalised ``code``, or ``None``."""
    return Certificate.objects.select_related("superseded_by").filter(code=code).first()


def certificate_list(*, status: str = "", search: str = "") -> QuerySet[Certificate]:
    """Every certificate, for administrators, optionally filtered."""
    certificates = Certificate.objects.select_related("learner", "issued_by")
    if status:
        certificates = certificates.filter(status=status)
    if search:
        compact = search.replace("-", "").replace(" ", "").upper()
        certificates = certificates.filter(
            Q(learner__email__icontains=search)
            | Q(learner__last_name__icontains=search)
            | Q(learner__first_name__icontains=search)
            | Q(code__startswith=compact)
        )
    return certificates


def target_kind(target) -> str | None:
    """``module`` or ``curriculum`` for a module or curriculum page, else ``None``."""
    specific = getattr(target, "specific", target)
    if isinstance(specific, ModulePage):
        return CertificateKind.MODULE
    if isinstance(specific, CurriculumPage):
        return CertificateKind.CURRICULUM
    return None


def template_for(*, target) -> CertificateTemplate | None:
    """The active template for ``target``: its own, else the general one of its kind."""
    kind = target_kind(target)
    if kind is None:
        return None
    templates = CertificateTemplate.objects.filter(is_active=True, kind=kind).order_by(
        "-updated_at", "-pk"
    )
    return (
        templates.filter(target_id=target.pk).first()
        or templates.filter(target__isnull=True).first()
    )


def template_version_current(*, template: CertificateTemplate) -> CertificateTemplateVersion:
    """The latest frozen version of ``template``."""
    return template.versions.order_by("-number").first()


def learner_promotion(*, learner) -> Promotion | None:
    """The learner's most recent promotion (by year, then membership date)."""
    return (
        Promotion.objects.filter(memberships__learner=learner)
        .order_by("-year", "-memberships__joined_at")
        .first()
    )


@dataclass(frozen=True)
class Eligibility:
    """Whether a learner may receive a certificate for a module or curriculum, and why not.

    ``code``: ``eligible``, ``already_certified``, ``withdrawn``, ``not_complete``,
    ``inactive`` or ``not_certifiable``; ``reason`` the French sentence for people.
    """

    code: str
    reason: str = ""
    completed_at: datetime | None = None
    valid_certificate: Certificate | None = None

    @property
    def eligible(self) -> bool:
        return self.code == "eligible"


def _withdrawn(*, learner, module_ids: list[int]) -> bool:
    rows = set(
        Enrolment.objects.filter(learner=learner, module_id__in=module_ids).values_list(
            "module_id", "status"
        )
    )
    active = {module for module, status in rows if status == Enrolment.Status.ACTIVE}
    withdrawn = {module for module, status in rows if status == Enrolment.Status.WITHDRAWN}
    return bool(withdrawn) and not active


def certificate_eligibility(*, learner, target, ignore_certificate: bool = False) -> Eligibility:
    """Check, in this order: an active account, no valid certificate yet (unless
    ``ignore_certificate``, for a re-issue), not withdrawn, completion (lms.progress)."""
    target = getattr(target, "specific", target)
    kind = target_kind(target)
    if kind is None:
        return Eligibility("not_certifiable", _("Only modules and curricula are certified."))
    if not learner.is_active:
        return Eligibility("inactive", _("The learner's account is deactivated."))
    if not ignore_certificate:
        existing = Certificate.objects.filter(
            learner=learner, target_id=target.pk, status=Certificate.Status.VALID
        ).first()
        if existing is not None:
            return Eligibility(
                "already_certified",
                _("Already certified (certificate %(code)s).")
                % {"code": code_format(existing.code)},
                valid_certificate=existing,
            )
    if kind == CertificateKind.MODULE:
        module_ids = [target.pk]
        progress = ModuleProgress.objects.filter(learner=learner, module=target).first()
    else:
        module_ids = list(ModulePage.objects.child_of(target).values_list("pk", flat=True))
        progress = CurriculumProgress.objects.filter(learner=learner, curriculum=target).first()
    if _withdrawn(learner=learner, module_ids=module_ids):
        return Eligibility("withdrawn", _("The learner was withdrawn from the training."))
    if progress is None or progress.status != ProgressStatus.COMPLETED:
        if kind == CertificateKind.MODULE:
            if progress is None or not progress.lessons_required:
                reason = _("The module is not complete.")
            else:
                reason = _("The module is not complete (%(done)s of %(total)s lessons).") % {
                    "done": progress.lessons_completed,
                    "total": progress.lessons_required,
                }
        elif progress is None or not progress.modules_required:
            reason = _("The curriculum is not complete.")
        else:
            reason = _("The curriculum is not complete (%(done)s of %(total)s modules).") % {
                "done": progress.modules_completed,
                "total": progress.modules_required,
            }
        return Eligibility("not_complete", reason)
    return Eligibility("eligible", completed_at=progress.completed_at)


@dataclass(frozen=True)
class MemberEligibility:
    """One member of a promotion and whether they may be certified in bulk.

    ``code`` and ``reason`` as in :class:`Eligibility`; ``language`` is the learner's
    preferred language; ``valid_certificate_code`` the code of the certificate they hold.
    """

    learner: object
    code: str
    reason: str = ""
    completed_at: datetime | None = None
    language: str = "fr"
    valid_certificate_code: str = ""

    @property
    def eligible(self) -> bool:
        return self.code == "eligible"


def certificate_eligibility_for_promotion(
    *, promotion: Promotion, target
) -> list[MemberEligibility]:
    """Every member of ``promotion`` (by name) with their eligibility for ``target`` (a
    module or curriculum), with the reasons of :func:`certificate_eligibility`.

    A constant number of queries whatever the promotion's size: members, valid
    certificates, enrolments, progress and preferred languages are each read once.
    """
    from lms.accounts.models import User
    from lms.people.models import LearnerProfile

    target = getattr(target, "specific", target)
    kind = target_kind(target)
    if kind is None:
        return []
    members = list(
        User.objects.filter(promotion_memberships__promotion=promotion)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )
    in_promotion = {"learner__promotion_memberships__promotion": promotion}
    certified = dict(
        Certificate.objects.filter(
            target_id=target.pk, status=Certificate.Status.VALID, **in_promotion
        ).values_list("learner_id", "code")
    )
    if kind == CertificateKind.MODULE:
        module_ids = [target.pk]
        progress_rows = ModuleProgress.objects.filter(module_id=target.pk, **in_promotion)
        required = "lessons_required"
        done = "lessons_completed"
    else:
        module_ids = list(ModulePage.objects.child_of(target).values_list("pk", flat=True))
        progress_rows = CurriculumProgress.objects.filter(curriculum_id=target.pk, **in_promotion)
        required = "modules_required"
        done = "modules_completed"
    progress = {
        row["learner_id"]: row
        for row in progress_rows.values("learner_id", "status", "completed_at", required, done)
    }
    enrolment_states: dict[int, set[str]] = {}
    for learner_id, status in Enrolment.objects.filter(
        module_id__in=module_ids, **in_promotion
    ).values_list("learner_id", "status"):
        enrolment_states.setdefault(learner_id, set()).add(status)
    languages = dict(
        LearnerProfile.objects.filter(user__promotion_memberships__promotion=promotion).values_list(
            "user_id", "preferred_language"
        )
    )
    rows = []
    for learner in members:
        language = languages.get(learner.pk) or "fr"
        states = enrolment_states.get(learner.pk, set())
        row = progress.get(learner.pk)
        if not learner.is_active:
            code, reason = "inactive", _("The learner's account is deactivated.")
        elif learner.pk in certified:
            code = "already_certified"
            reason = _("Already certified (certificate %(code)s).") % {
                "code": code_format(certified[learner.pk])
            }
        elif Enrolment.Status.WITHDRAWN in states and Enrolment.Status.ACTIVE not in states:
            code, reason = "withdrawn", _("The learner was withdrawn from the training.")
        elif row is None or row["status"] != ProgressStatus.COMPLETED:
            code = "not_complete"
            if kind == CertificateKind.MODULE:
                if row is None or not row[required]:
                    reason = _("The module is not complete.")
                else:
                    reason = _("The module is not complete (%(done)s of %(total)s lessons).") % {
                        "done": row[done],
                        "total": row[required],
                    }
            elif row is None or not row[required]:
                reason = _("The curriculum is not complete.")
            else:
                reason = _("The curriculum is not complete (%(done)s of %(total)s modules).") % {
                    "done": row[done],
                    "total": row[required],
                }
        else:
            rows.append(
                MemberEligibility(
                    learner, "eligible", completed_at=row["completed_at"], language=language
                )
            )
            continue
        rows.append(
            MemberEligibility(
                learner,
                code,
                reason,
                language=language,
                valid_certificate_code=certified.get(learner.pk, ""),
            )
        )
    return rows
