"""Business actions of certificates: templates, issuing, re-issuing, revoking, re-rendering.

Issuing is for administrators (``certificates.add_certificate``), to a learner who
completed the module or curriculum (:mod:`lms.progress`). What is printed is frozen in the
certificate's ``snapshot`` and its template version, so it renders again identically. Each
state change is atomic, writes an audit entry and sends a signal after commit. A bulk job
passes one warm :class:`~lms.certificates.rendering.CertificateRenderer` to every call.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from curriculum.models import ModulePage
from lms.audit.services import audit_record
from lms.certificates.codes import code_format, code_generate
from lms.certificates.conf import site_origin
from lms.certificates.errors import CertificateError
from lms.certificates.models import (
    IMAGE_FIELDS,
    VERSIONED_FIELDS,
    Certificate,
    CertificateKind,
    CertificateTemplate,
    CertificateTemplateVersion,
)
from lms.certificates.permissions import (
    user_can_issue_certificates,
    user_can_manage_templates,
    user_can_revoke_certificates,
)
from lms.certificates.rendering import (
    CertificateRenderer,
    CertificateRenderError,
    renderer_default,
    sha256_hex,
)
from lms.certificates.selectors import (
    certificate_eligibility,
    learner_promotion,
    target_kind,
    template_for,
    template_version_current,
)
from lms.certificates.signals import certificate_issued, certificate_revoked
from lms.people.models import LearnerProfile

#: Largest size of the images copied into a template version (a rendition).
IMAGE_RENDITION = "max-1200x600"


# Templates ---------------------------------------------------------------------------------


def template_data(*, template: CertificateTemplate, copy_images_to: str = "") -> dict:
    """The versioned content of ``template``; its images are copied under ``copy_images_to``
    (a storage folder) when given, else referenced where they are (for previews)."""
    data = {field: getattr(template, field) for field in VERSIONED_FIELDS}
    images = {}
    for field in IMAGE_FIELDS:
        image = getattr(template, field)
        if image is None:
            continue
        if copy_images_to:
            rendition = image.get_rendition(IMAGE_RENDITION)
            extension = rendition.file.name.rsplit(".", 1)[-1].lower()
            with rendition.file.open("rb") as handle:
                name = default_storage.save(
                    f"{copy_images_to}/{field}.{extension}", ContentFile(handle.read())
                )
        else:
            name = image.file.name
        images[field] = {"name": name, "alt": image.title}
    data["images"] = images
    return data


def certificate_template_save(*, template: CertificateTemplate, by=None) -> CertificateTemplate:
    """Validate and save ``template``, then freeze its new version (version + 1).

    Certificates already issued keep their own version, so they render as they were.
    """
    if by is not None and not user_can_manage_templates(by):
        raise CertificateError("forbidden", _("You may not manage certificate templates."))
    template.full_clean()
    with transaction.atomic():
        if template.pk:
            current = CertificateTemplate.objects.select_for_update().get(pk=template.pk).version
        else:
            current = 0
        template.version = current + 1
        template.save()
        CertificateTemplateVersion.objects.create(
            template=template,
            number=template.version,
            data=template_data(
                template=template,
                copy_images_to=f"certificates/templates/{template.pk}/v{template.version}",
            ),
            created_by=by if by is not None and by.is_authenticated else None,
        )
    return template


# Snapshots ---------------------------------------------------------------------------------


def _date_text(value: datetime, language: str) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localtime(value).date(), "DATE_FORMAT")


def _hours_text(hours: Decimal, language: str) -> str:
    hours = Decimal(hours)
    if hours == hours.to_integral_value():
        return str(int(hours))
    with translation.override(language):
        return formats.number_format(hours.normalize(), use_l10n=True)


def target_hours(target) -> Decimal:
    """A module's duration; a curriculum's is the sum of its live modules'."""
    if isinstance(target, ModulePage):
        return Decimal(target.duration_hours or 0)
    total = (
        ModulePage.objects.child_of(target).live().aggregate(total=Sum("duration_hours"))["total"]
    )
    return Decimal(total or 0)


def verification_url(code: str) -> str:
    """The absolute public address where the certificate ``code`` is checked."""
    return site_origin() + reverse("certificates:verify_code", kwargs={"code": code_format(code)})


def snapshot_build(
    *,
    kind: str,
    first_name: str,
    last_name: str,
    target_title: str,
    curriculum_title: str,
    promotion: str,
    completed_at: datetime,
    issued_at: datetime,
    hours: Decimal,
    code: str,
    language: str,
) -> dict:
    """What a certificate prints, frozen: names, titles, dates (ISO and as printed in
    ``language``), hours, code, verification address and every placeholder value."""
    first_name, last_name = first_name.strip(), last_name.strip()
    holder = " ".join(part for part in (first_name, last_name) if part)
    url = verification_url(code)
    values = {
        "prenom": first_name,
        "nom": last_name,
        "nom_complet": holder,
        "curriculum": curriculum_title,
        "intitule": target_title,
        "promotion": promotion,
        "date_fin": _date_text(completed_at, language),
        "heures": _hours_text(hours, language),
        "date_emission": _date_text(issued_at, language),
        "code": code_format(code),
        "lien_verification": url,
    }
    if kind == CertificateKind.MODULE:
        values["module"] = target_title
    return {
        "language": language,
        "holder": holder,
        "first_name": first_name,
        "last_name": last_name,
        "target_title": target_title,
        "curriculum_title": curriculum_title,
        "promotion": promotion,
        "completed_on": timezone.localtime(completed_at).date().isoformat(),
        "issued_on": timezone.localtime(issued_at).date().isoformat(),
        "hours": str(hours),
        "display_code": code_format(code),
        "verification_url": url,
        "values": values,
    }


def _language_for(*, learner, language: str | None) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    if language:
        if language not in codes:
            raise CertificateError("language", _("Unknown language."))
        return language
    preferred = (
        LearnerProfile.objects.filter(user=learner)
        .values_list("preferred_language", flat=True)
        .first()
    )
    return preferred if preferred in codes else "fr"


def _template_checked(*, template, target, kind: str) -> CertificateTemplate:
    template = template or template_for(target=target)
    if template is None:
        raise CertificateError(
            "no_template",
            _("No active certificate template for “%(title)s”.") % {"title": target.title},
        )
    if template.kind != kind or (template.target_id and template.target_id != target.pk):
        raise CertificateError(
            "template_mismatch",
            _("The template “%(template)s” does not certify “%(title)s”.")
            % {"template": template.name, "title": target.title},
        )
    return template


# Issuing -----------------------------------------------------------------------------------


#: The certificate's relations, left out of its ``full_clean`` (one query each otherwise).
_RELATIONS = [field.name for field in Certificate._meta.concrete_fields if field.is_relation]


@dataclass
class IssuePlan:
    """A certificate about to be issued: everything it will print (``snapshot``, frozen)
    and where it goes, before its PDF is rendered (:func:`certificate_plans_render`) and
    stored (:func:`certificate_issue_store`)."""

    learner: object
    target: object
    kind: str
    version: CertificateTemplateVersion
    language: str
    snapshot: dict
    code: str
    at: datetime
    issued_by: object
    replaces: Certificate | None = None
    job: object = None
    pdf_name: str = ""


def _issue_plan(
    *,
    learner,
    target,
    completed_at: datetime,
    issued_by,
    language: str,
    template: CertificateTemplate,
    promotion_name: str,
    at: datetime,
    replaces: Certificate | None = None,
    job=None,
    pdf_name: str = "",
) -> IssuePlan:
    kind = target_kind(target)
    version = template_version_current(template=template)
    if version is None:
        raise CertificateError(
            "no_template",
            _("The template “%(template)s” was never saved.") % {"template": template},
        )
    curriculum = target if kind == CertificateKind.CURRICULUM else target.curriculum
    code = code_generate()
    snapshot = snapshot_build(
        kind=kind,
        first_name=learner.first_name,
        last_name=learner.last_name,
        target_title=target.title,
        curriculum_title=curriculum.title if curriculum is not None else "",
        promotion=promotion_name,
        completed_at=completed_at,
        issued_at=at,
        hours=target_hours(target),
        code=code,
        language=language,
    )
    return IssuePlan(
        learner=learner,
        target=target,
        kind=kind,
        version=version,
        language=language,
        snapshot=snapshot,
        code=code,
        at=at,
        issued_by=issued_by,
        replaces=replaces,
        job=job,
        pdf_name=pdf_name,
    )


def certificate_plans_render(
    *, plans: list[IssuePlan], renderer: CertificateRenderer | None = None
) -> list[bytes | CertificateError]:
    """The PDFs of ``plans``, in order; a plan that cannot be rendered gets the
    :class:`CertificateError` saying why instead.

    Plans sharing a template version are rendered as one batch
    (:meth:`~lms.certificates.rendering.CertificateRenderer.render_many`); when a batch
    fails, its certificates are rendered one by one so that only the faulty ones fail.
    """
    renderer = renderer or renderer_default()
    results: list[bytes | CertificateError] = [b""] * len(plans)
    groups: dict[int, list[int]] = {}
    for index, plan in enumerate(plans):
        groups.setdefault(plan.version.pk, []).append(index)
    for indexes in groups.values():
        data = plans[indexes[0]].version.data
        try:
            pdfs = renderer.render_many(
                data=data, snapshots=[plans[index].snapshot for index in indexes]
            )
        except CertificateRenderError as error:
            if len(indexes) == 1:
                results[indexes[0]] = CertificateError("render", error.message)
                continue
            pdfs = []
            for index in indexes:
                try:
                    pdfs.append(renderer.render(data=data, snapshot=plans[index].snapshot))
                except CertificateRenderError as single_error:
                    pdfs.append(CertificateError("render", single_error.message))
        for index, pdf in zip(indexes, pdfs, strict=True):
            results[index] = pdf
    return results


def certificate_issue_store(*, plan: IssuePlan, pdf: bytes) -> Certificate:
    """Store a planned certificate with its rendered PDF: the file (Django storage), the
    record with its SHA-256, the replaced certificate superseded, the audit entries; the
    ``certificate_issued`` signal after commit. Atomic: on failure nothing is left, not
    even the file."""
    learner, target, issued_by = plan.learner, plan.target, plan.issued_by
    version, language, at, replaces = plan.version, plan.language, plan.at, plan.replaces
    pdf_name = plan.pdf_name
    certificate = Certificate(
        learner=learner,
        kind=plan.kind,
        target_id=target.pk,
        template_version=version,
        language=language,
        snapshot=plan.snapshot,
        code=plan.code,
        sha256=sha256_hex(pdf),
        issued_at=at,
        issued_by=issued_by,
        job=plan.job,
    )
    # Field values checked (lengths, choices); the related rows exist (they were just
    # read) and the database's foreign keys guard them: no query per relation here.
    certificate.full_clean(
        exclude=["pdf", *_RELATIONS], validate_unique=False, validate_constraints=False
    )
    stored = ""
    try:
        with transaction.atomic():
            if replaces is not None:
                replaces = Certificate.objects.select_for_update().get(pk=replaces.pk)
                if replaces.status != Certificate.Status.VALID:
                    raise CertificateError(
                        "not_valid", _("Only a valid certificate can be replaced.")
                    )
                replaces.status = Certificate.Status.SUPERSEDED
                replaces.superseded_at = at
                replaces.save(update_fields=["status", "superseded_at"])
            if pdf_name:
                # A fixed name (bulk items): a previous attempt's orphan is overwritten.
                if default_storage.exists(pdf_name):
                    default_storage.delete(pdf_name)
                certificate.pdf.name = default_storage.save(pdf_name, ContentFile(pdf))
            else:
                certificate.pdf.save(f"{secrets.token_hex(16)}.pdf", ContentFile(pdf), save=False)
            stored = certificate.pdf.name
            try:
                with transaction.atomic():
                    certificate.save()
            except IntegrityError as error:
                raise CertificateError(
                    "already_certified",
                    _("The learner already holds a valid certificate for “%(title)s”.")
                    % {"title": target.title},
                ) from error
            if replaces is not None:
                replaces.superseded_by = certificate
                replaces.save(update_fields=["superseded_by"])
                audit_record(
                    learner=learner,
                    actor=issued_by,
                    action="certificate.superseded",
                    message=_("Certificate %(old)s replaced by %(new)s.")
                    % {"old": replaces.display_code, "new": certificate.display_code},
                    target=replaces,
                    data={"superseded_by": certificate.code},
                )
            audit_record(
                learner=learner,
                actor=issued_by,
                action="certificate.issued",
                message=_("Certificate issued for “%(title)s” (%(code)s).")
                % {"title": target.title, "code": certificate.display_code},
                target=certificate,
                data={
                    "code": certificate.code,
                    "template_version": version.pk,
                    "language": language,
                    "replaces": replaces.code if replaces is not None else None,
                },
            )
            transaction.on_commit(
                lambda: certificate_issued.send(
                    sender=Certificate, certificate=certificate, replaces=replaces
                )
            )
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise
    return certificate


def certificate_issue_planned(
    *, plan: IssuePlan, renderer: CertificateRenderer | None = None
) -> Certificate:
    """Render and store one planned certificate (:class:`CertificateError` if it cannot
    be rendered or stored)."""
    (pdf,) = certificate_plans_render(plans=[plan], renderer=renderer)
    if isinstance(pdf, CertificateError):
        raise pdf
    return certificate_issue_store(plan=plan, pdf=pdf)


def _require(allowed: bool) -> None:
    if not allowed:
        raise CertificateError("forbidden", _("You may not issue certificates."))


def certificate_issue_prepare(
    *,
    learner,
    target,
    issued_by,
    language: str | None = None,
    template: CertificateTemplate | None = None,
    promotion=None,
    at: datetime | None = None,
    job=None,
    pdf_name: str = "",
) -> IssuePlan:
    """The checks of :func:`certificate_issue` and the certificate's frozen snapshot,
    ready to render; a bulk job prepares a batch, renders it at once, then stores each."""
    _require(user_can_issue_certificates(issued_by))
    target = target.specific
    eligibility = certificate_eligibility(learner=learner, target=target)
    if not eligibility.eligible:
        raise CertificateError(eligibility.code, eligibility.reason)
    kind = target_kind(target)
    promotion = promotion if promotion is not None else learner_promotion(learner=learner)
    return _issue_plan(
        learner=learner,
        target=target,
        completed_at=eligibility.completed_at,
        issued_by=issued_by,
        language=_language_for(learner=learner, language=language),
        template=_template_checked(template=template, target=target, kind=kind),
        promotion_name=str(promotion) if promotion is not None else "",
        at=at or timezone.now(),
        job=job,
        pdf_name=pdf_name,
    )


def certificate_issue(
    *,
    learner,
    target,
    issued_by,
    language: str | None = None,
    template: CertificateTemplate | None = None,
    promotion=None,
    renderer: CertificateRenderer | None = None,
    at: datetime | None = None,
    job=None,
    pdf_name: str = "",
) -> Certificate:
    """Issue a certificate to ``learner`` for a module or curriculum (``target``).

    Refused (:class:`CertificateError`) unless ``issued_by`` holds
    ``certificates.add_certificate`` and the learner is eligible (active, no valid
    certificate yet, not withdrawn, completed). The language is the learner's preference
    unless given; the template the target's own active one, else the general one of its
    kind; the promotion the learner's latest unless given. The PDF is stored with its
    SHA-256, under ``pdf_name`` when given (a bulk item's fixed name, replaced if a failed
    attempt left a file there); ``job`` is the bulk issuance issuing it.
    """
    plan = certificate_issue_prepare(
        learner=learner,
        target=target,
        issued_by=issued_by,
        language=language,
        template=template,
        promotion=promotion,
        at=at,
        job=job,
        pdf_name=pdf_name,
    )
    return certificate_issue_planned(plan=plan, renderer=renderer)


def certificate_reissue(
    *,
    certificate: Certificate,
    issued_by,
    language: str | None = None,
    template: CertificateTemplate | None = None,
    renderer: CertificateRenderer | None = None,
    at: datetime | None = None,
) -> Certificate:
    """Issue a new certificate replacing a valid one (e.g. after a name correction).

    In one transaction the old certificate becomes *superseded* (linked to the new one)
    and the new one is valid; the learner must still be eligible. The new one takes the
    learner's current name, the old one's language and promotion unless told otherwise,
    and the current version of its template.
    """
    _require(user_can_issue_certificates(issued_by))
    if certificate.status != Certificate.Status.VALID:
        raise CertificateError("not_valid", _("Only a valid certificate can be replaced."))
    if certificate.target is None:
        raise CertificateError(
            "no_target", _("The module or curriculum of this certificate no longer exists.")
        )
    target = certificate.target.specific
    eligibility = certificate_eligibility(
        learner=certificate.learner, target=target, ignore_certificate=True
    )
    if not eligibility.eligible:
        raise CertificateError(eligibility.code, eligibility.reason)
    kind = target_kind(target)
    plan = _issue_plan(
        learner=certificate.learner,
        target=target,
        completed_at=eligibility.completed_at,
        issued_by=issued_by,
        language=_language_for(
            learner=certificate.learner, language=language or certificate.language
        ),
        template=_template_checked(
            template=template or certificate.template_version.template, target=target, kind=kind
        ),
        promotion_name=certificate.snapshot.get("promotion", ""),
        at=at or timezone.now(),
        replaces=certificate,
    )
    return certificate_issue_planned(plan=plan, renderer=renderer)


def certificate_revoke(
    *, certificate: Certificate, by, reason: str, at: datetime | None = None
) -> Certificate:
    """Revoke a valid certificate, with a reason (``certificates.change_certificate``).

    The verification page and its JSON then say it is revoked (410).
    """
    if not user_can_revoke_certificates(by):
        raise CertificateError("forbidden", _("You may not revoke certificates."))
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError("reason_required", _("Give the reason for the revocation."))
    at = at or timezone.now()
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.status != Certificate.Status.VALID:
            raise CertificateError("not_valid", _("Only a valid certificate can be revoked."))
        certificate.status = Certificate.Status.REVOKED
        certificate.revoked_at = at
        certificate.revoked_by = by
        certificate.revoked_reason = reason
        certificate.save(update_fields=["status", "revoked_at", "revoked_by", "revoked_reason"])
        audit_record(
            learner=certificate.learner,
            actor=by,
            action="certificate.revoked",
            message=_("Certificate %(code)s revoked: %(reason)s")
            % {"code": certificate.display_code, "reason": reason},
            target=certificate,
            data={"code": certificate.code, "reason": reason},
        )
        transaction.on_commit(
            lambda: certificate_revoked.send(
                sender=Certificate, certificate=certificate, by=by, reason=reason
            )
        )
    return certificate


def certificate_rerender(
    *, certificate: Certificate, renderer: CertificateRenderer | None = None
) -> bytes:
    """The certificate's PDF rendered again from its snapshot and template version: the
    same text as when it was issued, whatever changed since (learner, module, template)."""
    renderer = renderer or renderer_default()
    try:
        return renderer.render_certificate(certificate)
    except CertificateRenderError as error:
        raise CertificateError("render", error.message) from error


# Previews ----------------------------------------------------------------------------------


def sample_snapshot(*, kind: str, language: str) -> dict:
    """Sample data for template previews (a fictitious learner and module)."""
    now = timezone.now()
    return snapshot_build(
        kind=kind,
        first_name="Camille",
        last_name="Dupont-Lefèvre",
        target_title=(
            _("Financing public action")
            if kind == CertificateKind.MODULE
            else _("Public policies and public service")
        ),
        curriculum_title=_("Public policies and public service"),
        promotion="CHESP 2026",
        completed_at=now,
        issued_at=now,
        hours=Decimal("12") if kind == CertificateKind.CURRICULUM else Decimal("3.5"),
        code=code_generate(),
        language=language,
    )


def template_preview_pdf(
    *, template: CertificateTemplate, language: str, renderer: CertificateRenderer | None = None
) -> bytes:
    """The PDF of a (possibly unsaved) template filled with sample data.

    Raises :class:`CertificateError` when the template cannot be rendered (a bad
    placeholder, broken markup, a refused file).
    """
    data = template_data(template=template)
    with translation.override(language):
        snapshot = sample_snapshot(kind=template.kind, language=language)
    try:
        return (renderer or renderer_default()).render(data=data, snapshot=snapshot)
    except CertificateRenderError as error:
        raise CertificateError("render", error.message) from error
