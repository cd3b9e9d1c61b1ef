"""What the content origin serves: package files and the runtime wrapper page.

Nothing here reads a session: the content origin receives no cookie of the site. Access is
the content token, first segment of every path (``/<token>/<relative path>``), so the
package's relative links keep working. The runtime wrapper (``/<token>/__runtime__/<attempt
token>/``) runs scorm-again on this origin, around the SCO's frame, and commits to the
site with the attempt token (see :mod:`lms.scorm.tokens`).
"""

from __future__ import annotations

import logging
import mimetypes
import posixpath
import re

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
    StreamingHttpResponse,
)
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from lms.scorm.models import ScormAttempt, ScormItem, ScormPackageVersion
from lms.scorm.origins import site_origin
from lms.scorm.tokens import ContentGrant, attempt_token_read, content_token_read

logger = logging.getLogger(__name__)

RUNTIME_SEGMENT = "__runtime__"
PREVIEW_SEGMENT = "__apercu__"
CHUNK_BYTES = 64 * 1024
# Types Python's table may lack or get wrong; with ``nosniff`` a wrong type breaks scripts.
EXTRA_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".ogv": "video/ogg",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".oga": "audio/ogg",
    ".ogg": "audio/ogg",
    ".wav": "audio/wav",
    ".vtt": "text/vtt",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".swf": "application/x-shockwave-flash",
    ".wasm": "application/wasm",
    ".htm": "text/html",
    ".html": "text/html",
    ".txt": "text/plain",
}
TEXT_TYPES = {"text/javascript", "text/css", "application/json", "application/xml"}
RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")


def not_found(request, exception=None):
    """The content origin's 404: plain text, no site template (no site URL resolves here)."""
    return HttpResponseNotFound(b"Not found", content_type="text/plain")


def server_error(request):
    return HttpResponse(b"Server error", status=500, content_type="text/plain")


def safe_relative_path(path: str) -> str | None:
    """``path`` normalised (POSIX), or ``None`` when it leaves the package or is odd."""
    if not path or "\\" in path or "\x00" in path or path.startswith("/"):
        return None
    segments = path.split("/")
    if any(segment in {"..", "."} for segment in segments):
        return None
    normal = posixpath.normpath(path)
    if normal.startswith(("/", "..")) or normal == ".":
        return None
    if re.match(r"^[A-Za-z]:", normal):
        return None
    return normal


def content_type_for(name: str) -> str:
    extension = posixpath.splitext(name)[1].lower()
    content_type = EXTRA_TYPES.get(extension) or mimetypes.guess_type(name)[0]
    if not content_type:
        return "application/octet-stream"
    if content_type.startswith("text/") or content_type in TEXT_TYPES:
        # Package text is UTF-8 by far most often; HTML declares its own charset.
        if content_type != "text/html":
            return f"{content_type}; charset=utf-8"
    return content_type


def _grant_or_404(token: str) -> ContentGrant:
    grant = content_token_read(token)
    if grant is None:
        raise Http404("invalid content token")
    return grant


def _storage_prefix(version_id: int) -> str:
    prefix = (
        ScormPackageVersion.objects.filter(pk=version_id)
        .values_list("storage_prefix", flat=True)
        .first()
    )
    if not prefix:
        raise Http404("no such version")
    return prefix if prefix.endswith("/") else f"{prefix}/"


def _read_range(handle, start: int, length: int):
    try:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK_BYTES, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()


def _ranged_response(request, handle, size: int, content_type: str):
    """A 206 for a single ``Range: bytes=a-b`` (videos seek with it), else ``None``."""
    header = request.headers.get("Range", "")
    match = RANGE_RE.match(header.strip()) if header else None
    if not match or size == 0:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":
        start, end = max(0, size - int(last)), size - 1
    else:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    length = end - start + 1
    response = StreamingHttpResponse(
        _read_range(handle, start, length), status=206, content_type=content_type
    )
    response["Content-Length"] = str(length)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return response


@xframe_options_exempt
def package_file(request, token: str, path: str):
    """A file of the package version the token opens (``GET``/``HEAD``; 404 otherwise)."""
    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    grant = _grant_or_404(token)
    relative = safe_relative_path(path)
    if relative is None:
        raise Http404("bad path")
    name = _storage_prefix(grant.version_id) + relative
    try:
        size = default_storage.size(name)
        handle = default_storage.open(name, "rb")
    except Exception:  # missing file, or a storage error: never a 500 for package content
        logger.debug("SCORM content file not found: %s", name, exc_info=True)
        raise Http404("no such file") from None
    content_type = content_type_for(relative)
    response = _ranged_response(request, handle, size, content_type)
    if response is None:
        response = FileResponse(handle, content_type=content_type)
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    # Immutable per version; the token in the path changes daily.
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _site_url(request, url: str) -> str:
    """``url`` (a path of the site) made absolute on the site's origin."""
    if url.startswith(("http://", "https://", "//")):
        return url
    return site_origin(request) + url


def _scorm_again_url(request, is_2004: bool) -> str:
    name = "scorm2004.min.js" if is_2004 else "scorm12.min.js"
    return _site_url(request, static(f"vendor/scorm-again/{name}"))


def _sco_url(token: str, item: ScormItem) -> str:
    return f"/{token}/{item.href}"


def _render_runtime(request, *, token, item, version, runtime: dict):
    context = {
        "title": item.title,
        "runtime": runtime,
        "scorm_again_url": _scorm_again_url(request, version.is_2004),
        "runtime_js_url": _site_url(request, static("scorm/runtime.js")),
    }
    # No request context: nothing of the site's session, user or messages on this origin.
    response = HttpResponse(render_to_string("scorm/runtime.html", context))
    response["Cache-Control"] = "no-store"
    return response


@xframe_options_exempt
def runtime(request, token: str, attempt_token: str):
    """The runtime wrapper of one attempt: scorm-again loaded with the learner's state, the
    SCO's frame created once the API exists, commits straight to the site."""
    from lms.scorm.services import attempt_runtime_state, attempt_session_start

    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    grant = _grant_or_404(token)
    attempt_id = attempt_token_read(attempt_token)
    if attempt_id is None:
        raise Http404("invalid attempt token")
    attempt = (
        ScormAttempt.objects.select_related("item", "version")
        .filter(
            pk=attempt_id,
            learner_id=grant.learner_id,
            version_id=grant.version_id,
            lesson_id=grant.lesson_id,
        )
        .first()
    )
    if attempt is None or not attempt.item.href:
        raise Http404("no such attempt")
    # The session starts when the runtime loads: the launch on the lesson page can run
    # before the previous page's last beacon lands (a reload).
    attempt_session_start(attempt)
    state = attempt_runtime_state(attempt)
    commit_url = site_origin(request) + reverse(
        "scorm:commit", args=[attempt_token], urlconf=settings.ROOT_URLCONF
    )
    runtime_data = {
        "version": state.get("version") or ("2004" if attempt.version.is_2004 else "1.2"),
        "cmi": state.get("cmi") or {},
        "settings": state.get("settings") or {},
        "commitUrl": commit_url,
        "autocommitSeconds": int(getattr(settings, "LMS_SCORM_AUTOCOMMIT_SECONDS", 30)),
        "scoUrl": _sco_url(token, attempt.item),
        "scoTitle": attempt.item.title,
        "identifier": attempt.item.identifier,
        "parentOrigin": site_origin(request),
        "preview": False,
    }
    return _render_runtime(
        request, token=token, item=attempt.item, version=attempt.version, runtime=runtime_data
    )


def preview_cmi(*, version: ScormPackageVersion, item: ScormItem, learner_id: int) -> dict:
    """Runtime data of an untracked preview (staff): browse mode, no credit."""
    if version.is_2004:
        cmi = {"learner_id": str(learner_id), "mode": "browse", "credit": "no-credit"}
        if item.data_from_lms:
            cmi["launch_data"] = item.data_from_lms
        return cmi
    cmi = {"core": {"student_id": str(learner_id), "lesson_mode": "browse", "credit": "no-credit"}}
    if item.data_from_lms:
        cmi["launch_data"] = item.data_from_lms
    return cmi


@xframe_options_exempt
def preview(request, token: str, item_id: int):
    """An untracked play of one SCO (staff preview): nothing is committed."""
    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    grant = _grant_or_404(token)
    if not _is_staff_grant(grant):
        raise Http404("preview needs a staff token")
    item = (
        ScormItem.objects.select_related("version")
        .filter(pk=item_id, version_id=grant.version_id)
        .exclude(href="")
        .first()
    )
    if item is None:
        raise Http404("no such item")
    runtime_data = {
        "version": "2004" if item.version.is_2004 else "1.2",
        "cmi": preview_cmi(version=item.version, item=item, learner_id=grant.learner_id),
        "settings": {},
        "commitUrl": None,
        "autocommitSeconds": 0,
        "scoUrl": _sco_url(token, item),
        "scoTitle": item.title,
        "identifier": item.identifier,
        "parentOrigin": site_origin(request),
        "preview": True,
        "previewNotice": _("Preview: nothing is recorded."),
    }
    return _render_runtime(
        request, token=token, item=item, version=item.version, runtime=runtime_data
    )


def _is_staff_grant(grant: ContentGrant) -> bool:
    from django.contrib.auth import get_user_model

    from lms.access.rules import user_is_staff

    user = get_user_model().objects.filter(pk=grant.learner_id, is_active=True).first()
    return user is not None and user_is_staff(user)
