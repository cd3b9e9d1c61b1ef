"""Public verification of certificates (no login) and learners' downloads.

Verification pages and their JSON are rate-limited per client address
(``LMS_CERTIFICATE_VERIFY_RATE``). The JSON answers 200 for a valid certificate, 410 for a
revoked or superseded one (with ``superseded_by``) and 404 for an unknown code.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lms.certificates.codes import CodeError, code_format, code_normalise
from lms.certificates.conf import verify_rate
from lms.certificates.forms import VerifyForm
from lms.certificates.models import Certificate
from lms.certificates.ratelimit import rate_limited
from lms.certificates.selectors import certificate_get_by_code, certificate_get_for_learner
from lms.certificates.services import verification_url

SCOPE = "certificate-verify"


def _breadcrumb(current: str) -> dict:
    return {"links": [], "current": current}


@require_GET
@rate_limited(SCOPE, verify_rate)
def verify_form(request):
    """A form to type a code; a valid code leads to its verification page."""
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("certificates:verify_code", code=code_format(form.cleaned_data["code"]))
    return TemplateResponse(
        request,
        "certificates/verify_form.html",
        {"form": form, "breadcrumb_data": _breadcrumb(_("Verify a certificate"))},
        status=400 if request.GET and not form.is_valid() else 200,
    )


@require_GET
@never_cache
@rate_limited(SCOPE, verify_rate)
def verify_code(request, code: str):
    """What a certificate attests and its status: holder, title, promotion, dates, the
    PDF's SHA-256; revoked and superseded certificates say so (with the replacement)."""
    error = ""
    certificate = None
    try:
        normalised = code_normalise(code)
    except CodeError as exc:
        error = exc.message
    else:
        certificate = certificate_get_by_code(code=normalised)
        if certificate is None:
            error = _("No certificate has this code.")
    if certificate is None:
        return TemplateResponse(
            request,
            "certificates/verify_form.html",
            {
                "form": VerifyForm(initial={"code": code}),
                "error": error,
                "breadcrumb_data": _breadcrumb(_("Verify a certificate")),
            },
            status=404,
        )
    if certificate.display_code != code:
        return redirect("certificates:verify_code", code=certificate.display_code)
    return TemplateResponse(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "snapshot": certificate.snapshot,
            "breadcrumb_data": _breadcrumb(_("Certificate %(code)s") % {"code": code}),
        },
    )


def verification_data(certificate: Certificate) -> dict:
    """The public facts of a certificate, as JSON-ready data."""
    snapshot = certificate.snapshot
    replacement = certificate.superseded_by
    return {
        "code": certificate.display_code,
        "status": certificate.status,
        "holder": snapshot.get("holder", ""),
        "kind": certificate.kind,
        "title": snapshot.get("target_title", ""),
        "curriculum": snapshot.get("curriculum_title", ""),
        "promotion": snapshot.get("promotion", ""),
        "completed_on": snapshot.get("completed_on"),
        "issued_on": snapshot.get("issued_on"),
        "hours": snapshot.get("hours"),
        "language": certificate.language,
        "sha256": certificate.sha256,
        "revoked_on": certificate.revoked_at.date().isoformat() if certificate.revoked_at else None,
        "superseded_by": (
            {"code": replacement.display_code, "url": verification_url(replacement.code)}
            if replacement is not None
            else None
        ),
        "url": verification_url(certificate.code),
    }


@require_GET
@never_cache
@rate_limited(SCOPE, verify_rate)
def verify_json(request, code: str):
    """200 valid, 410 revoked or superseded, 404 unknown or malformed code."""
    try:
        certificate = certificate_get_by_code(code=code_normalise(code))
    except CodeError as error:
        return JsonResponse({"error": error.code, "message": error.message}, status=404)
    if certificate is None:
        return JsonResponse(
            {"error": "unknown", "message": _("No certificate has this code.")}, status=404
        )
    status = 200 if certificate.status == Certificate.Status.VALID else 410
    return JsonResponse(verification_data(certificate), status=status)


@login_required
@require_GET
def learner_download(request, pk: int):
    """The signed-in learner's own valid certificate as a PDF; anyone else's is a 404."""
    certificate = certificate_get_for_learner(learner=request.user, pk=pk)
    if certificate is None:
        raise Http404
    filename = f"attestation-{certificate.display_code}.pdf"
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )
