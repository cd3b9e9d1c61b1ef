"""Admin views of imports: upload a file, preview its rows, confirm, see the summary."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from lms.imports import conf
from lms.imports.errors import ImportRefused
from lms.imports.forms import ImportUploadForm
from lms.imports.models import ImportBatch
from lms.imports.parsing import COLUMNS, ImportFileError, file_too_large_error
from lms.imports.permissions import user_can_import
from lms.imports.selectors import import_batch_list_recent, import_batch_preview_facts
from lms.imports.services import import_batch_confirm, import_batch_create
from lms.imports.validation import row_labels

# Room for the form's other fields and the multipart boundaries around the file.
UPLOAD_OVERHEAD = 64 * 1024
PREVIEW_VALID_ROWS = 200
PREVIEW_ERROR_ROWS = 1000


def _check_permission(request) -> None:
    if not user_can_import(request.user):
        raise PermissionDenied


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops keeping an uploaded file as soon as it passes the limit: nothing of a 50 MB
    file is stored, and the view is told (``request.import_upload_too_large``)."""

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def new_file(self, *args, **kwargs):
        self.received = 0
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.import_upload_too_large = self.received
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def _upload_page(
    request, form, *, error_code: str = "", error_message: str = "", status: int = 200
):
    return TemplateResponse(
        request,
        "imports/admin/upload.html",
        {
            "form": form,
            "error_code": error_code,
            "error_message": error_message,
            "columns": list(COLUMNS),
            "max_bytes": conf.max_bytes(),
            "max_rows": conf.max_rows(),
            "threshold": conf.background_threshold(),
            "batches": import_batch_list_recent(),
            "page_title": _("Import learners"),
        },
        status=status,
    )


@csrf_exempt
def import_upload(request):
    """The upload form. A body larger than the limit is refused before it is read; the
    file is then capped while it arrives; only then is CSRF checked and the form read."""
    _check_permission(request)
    if request.method == "POST":
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > conf.max_bytes() + UPLOAD_OVERHEAD:
            return _upload_page(
                request,
                ImportUploadForm(),
                error_code="too_large",
                error_message=file_too_large_error(length).message,
                status=413,
            )
        request.upload_handlers.insert(0, SizeLimitUploadHandler(request, conf.max_bytes()))
    return _import_upload(request)


@csrf_protect
def _import_upload(request):
    if request.method != "POST":
        return _upload_page(request, ImportUploadForm())
    form = ImportUploadForm(request.POST, request.FILES)
    valid = form.is_valid()
    too_large = getattr(request, "import_upload_too_large", None)
    if too_large:
        form.errors.pop("file", None)
        form.add_error("file", file_too_large_error(too_large).message)
        return _upload_page(request, form, error_code="too_large", status=413)
    if not valid:
        return _upload_page(request, form, status=400)
    data = form.cleaned_data
    try:
        batch = import_batch_create(
            upload=data["file"],
            module=data["module"],
            promotion=data["promotion"],
            override_capacity=data["override_capacity"],
            by=request.user,
        )
    except ImportFileError as error:
        form.add_error("file", error.message)
        return _upload_page(request, form, error_code=error.code, status=400)
    return redirect("imports_batch", batch.pk)


def import_batch(request, batch_id: int):
    """The preview of a batch awaiting confirmation, else its progress or its summary."""
    _check_permission(request)
    batch = get_object_or_404(
        ImportBatch.objects.select_related("module", "promotion", "job", "created_by"),
        pk=batch_id,
    )
    if batch.status == ImportBatch.Status.PREVIEW:
        valid = batch.valid_rows
        errors = batch.error_rows
        return TemplateResponse(
            request,
            "imports/admin/preview.html",
            {
                "batch": batch,
                "facts": import_batch_preview_facts(batch=batch),
                "valid_rows": [{**row, **row_labels(row)} for row in valid[:PREVIEW_VALID_ROWS]],
                "valid_hidden": max(len(valid) - PREVIEW_VALID_ROWS, 0),
                "error_rows": errors[:PREVIEW_ERROR_ROWS],
                "errors_hidden": max(len(errors) - PREVIEW_ERROR_ROWS, 0),
                "page_title": _("Check the file before importing"),
            },
        )
    job = batch.job
    if batch.status == ImportBatch.Status.RUNNING and job is not None and not job.is_finished:
        return redirect("jobs_job_detail", job.pk)
    return TemplateResponse(
        request,
        "imports/admin/summary.html",
        {
            "batch": batch,
            "summary": batch.summary,
            "job": job,
            "job_failed": job is not None and job.status == job.Status.FAILED,
            "page_title": _("Import summary"),
        },
    )


@require_POST
def import_batch_confirm_view(request, batch_id: int):
    """Confirm (POST with CSRF): import now, or start the background job and follow it."""
    _check_permission(request)
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    try:
        batch = import_batch_confirm(batch=batch, by=request.user)
    except ImportRefused as error:
        messages.error(request, error.message)
        return redirect("imports_batch", batch.pk)
    if batch.job_id is not None:
        messages.info(request, _("The import runs in the background; follow it here."))
        return redirect(reverse("jobs_job_detail", args=[batch.job_id]))
    messages.success(request, _("The file was imported."))
    return redirect("imports_batch", batch.pk)
