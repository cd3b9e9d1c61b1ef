"""Admin views of certificates (administrators): list, detail, issue, revoke, re-issue,
template previews. Permissions are checked here; the work is done by the services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.certificates.bulk import JOB_KIND as BULK_JOB_KIND
from lms.certificates.bulk import certificate_bulk_start
from lms.certificates.errors import CertificateError
from lms.certificates.forms import BulkIssueForm, IssueForm, ReissueForm, RevokeForm
from lms.certificates.models import Certificate, CertificateTemplate
from lms.certificates.permissions import (
    user_can_issue_certificates,
    user_can_manage_templates,
    user_can_revoke_certificates,
    user_can_view_certificates,
)
from lms.certificates.selectors import (
    certificate_eligibility,
    certificate_eligibility_for_promotion,
    certificate_list,
)
from lms.certificates.services import (
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
    template_preview_pdf,
)
from lms.jobs.models import Job


def template_preview_response(*, template: CertificateTemplate, language: str) -> HttpResponse:
    """The sample PDF of ``template``, or a page saying clearly why it cannot be rendered."""
    try:
        pdf = template_preview_pdf(template=template, language=language)
    except CertificateError as error:
        html = render_to_string("certificates/admin/preview_error.html", {"message": error.message})
        return HttpResponse(html, status=200)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="apercu-attestation.pdf"'
    return response


def template_preview(request, pk: int):
    """The sample PDF of a saved template (``?lang=en`` for the English version)."""
    if not user_can_manage_templates(request.user):
        raise PermissionDenied
    template = get_object_or_404(CertificateTemplate, pk=pk)
    language = request.GET.get("lang", "fr") if request.GET.get("lang") in ("fr", "en") else "fr"
    return template_preview_response(template=template, language=language)


def certificate_index(request):
    """Every certificate, filtered by status and searched by learner or code."""
    if not user_can_view_certificates(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status not in Certificate.Status.values:
        status = ""
    search = request.GET.get("q", "").strip()
    page = Paginator(certificate_list(status=status, search=search), 50).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(
        request,
        "certificates/admin/certificate_index.html",
        {
            "page_obj": page,
            "status": status,
            "search": search,
            "statuses": Certificate.Status.choices,
            "can_issue": user_can_issue_certificates(request.user),
            "can_manage_templates": user_can_manage_templates(request.user),
            "page_title": _("Certificates"),
        },
    )


def certificate_detail(request, pk: int):
    """One certificate: what it attests, its history, and the revoke and re-issue forms."""
    if not user_can_view_certificates(request.user):
        raise PermissionDenied
    certificate = get_object_or_404(
        Certificate.objects.select_related("learner", "issued_by", "revoked_by", "superseded_by"),
        pk=pk,
    )
    return TemplateResponse(
        request,
        "certificates/admin/certificate_detail.html",
        {
            "certificate": certificate,
            "snapshot": certificate.snapshot,
            "revoke_form": RevokeForm(),
            "reissue_form": ReissueForm(),
            "can_revoke": user_can_revoke_certificates(request.user),
            "can_issue": user_can_issue_certificates(request.user),
            "replaces": certificate.supersedes.all(),
            "page_title": _("Certificate %(code)s") % {"code": certificate.display_code},
        },
    )


def certificate_pdf(request, pk: int):
    """Any certificate's stored PDF, for administrators."""
    if not user_can_view_certificates(request.user):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate, pk=pk)
    return FileResponse(
        certificate.pdf.open("rb"),
        filename=f"attestation-{certificate.display_code}.pdf",
        content_type="application/pdf",
    )


@require_POST
def certificate_revoke_view(request, pk: int):
    """POST (CSRF) with a reason: revoke the certificate."""
    if not user_can_revoke_certificates(request.user):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate, pk=pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the revocation."))
        return redirect("certificates_admin_detail", pk=pk)
    try:
        certificate_revoke(
            certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
        )
    except CertificateError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Certificate %(code)s revoked.") % {"code": certificate.display_code}
        )
    return redirect("certificates_admin_detail", pk=pk)


@require_POST
def certificate_reissue_view(request, pk: int):
    """POST (CSRF): issue a new certificate replacing this one."""
    if not user_can_issue_certificates(request.user):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate, pk=pk)
    form = ReissueForm(request.POST)
    language = form.cleaned_data["language"] if form.is_valid() else ""
    try:
        new = certificate_reissue(
            certificate=certificate, issued_by=request.user, language=language or None
        )
    except CertificateError as error:
        messages.error(request, error.message)
        return redirect("certificates_admin_detail", pk=pk)
    messages.success(
        request,
        _("Certificate %(old)s replaced by %(new)s.")
        % {"old": certificate.display_code, "new": new.display_code},
    )
    return redirect("certificates_admin_detail", pk=new.pk)


def certificate_issue_view(request):
    """Issue to one learner: « Check » shows whether they are eligible and why not;
    « Issue » (POST, CSRF) issues through the service."""
    if not user_can_issue_certificates(request.user):
        raise PermissionDenied
    form = IssueForm(request.POST or None)
    eligibility = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        eligibility = certificate_eligibility(learner=data["learner"], target=data["target"])
        if request.POST.get("action") == "issue" and eligibility.eligible:
            try:
                certificate = certificate_issue(
                    learner=data["learner"],
                    target=data["target"],
                    issued_by=request.user,
                    language=data["language"] or None,
                    template=data["template"],
                )
            except CertificateError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Certificate %(code)s issued to %(learner)s.")
                    % {"code": certificate.display_code, "learner": data["learner"]},
                )
                return redirect("certificates_admin_detail", pk=certificate.pk)
    return TemplateResponse(
        request,
        "certificates/admin/certificate_issue.html",
        {"form": form, "eligibility": eligibility, "page_title": _("Issue a certificate")},
    )


def certificate_bulk_view(request):
    """Bulk issuance: choose a promotion and a module or curriculum (GET) to see who is
    eligible and why the others are not; « Issue » (POST, CSRF) starts the background job
    and shows its progress."""
    if not user_can_issue_certificates(request.user):
        raise PermissionDenied
    form = BulkIssueForm(request.POST if request.method == "POST" else request.GET or None)
    rows = []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if request.method == "POST":
            try:
                job = certificate_bulk_start(
                    promotion=data["promotion"],
                    target=data["target"],
                    issued_by=request.user,
                    language=data["language"],
                )
            except CertificateError as error:
                form.add_error(None, error.message)
            else:
                return redirect("jobs_job_detail", job.pk)
        rows = certificate_eligibility_for_promotion(
            promotion=data["promotion"], target=data["target"]
        )
    eligible = [row for row in rows if row.eligible]
    return TemplateResponse(
        request,
        "certificates/admin/certificate_bulk.html",
        {
            "form": form,
            "rows": rows,
            "eligible": eligible,
            "others": [row for row in rows if not row.eligible],
            "page_title": _("Issue certificates to a promotion"),
        },
    )


def certificate_bulk_result(request, job_id: int):
    """What a bulk issuance did, learner by learner."""
    if not user_can_issue_certificates(request.user):
        raise PermissionDenied
    job = get_object_or_404(Job, pk=job_id, kind=BULK_JOB_KIND)
    items = Paginator(job.items.order_by("index"), 100).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "certificates/admin/certificate_bulk_result.html",
        {
            "job": job,
            "page_obj": items,
            "page_title": _("Bulk issuance #%(id)s") % {"id": job.pk},
        },
    )
