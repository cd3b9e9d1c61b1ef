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
