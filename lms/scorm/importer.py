"""Import a SCORM zip as a new :class:`ScormPackageVersion`: the one way to create one.

:func:`scorm_package_import` checks the upload, the archive (:mod:`lms.scorm.archive`) and
the manifest (:mod:`lms.scorm.manifest`) before writing anything, then, in one transaction,
creates the package (or the next version of it), streams the files into the default
storage under the version's ``storage_prefix`` and creates the item tree. When anything
fails (including the COMMIT itself), the transaction is rolled back and every file already
saved is deleted. Call it outside any enclosing transaction: Django offers no hook on the
rollback of an outer block, so files saved before such a later rollback would stay.

Audit: when ``user`` is given, an ``AuditEntry`` ``scorm.package_imported`` is recorded
(``audit_record`` needs a person: the uploader stands as both learner and actor); imports
without a user (the command) are logged only.

Refusals raise :class:`~lms.scorm.errors.ScormImportError`; their ``code`` is stable:

Upload
    ``upload_empty`` (empty file), ``upload_too_large`` (above
    ``LMS_SCORM_MAX_UPLOAD_BYTES``), ``package_not_found`` (command: no package with that id).
Archive
    ``archive_not_zip``, ``archive_no_manifest`` (no ``imsmanifest.xml`` at the root),
    ``archive_manifest_in_subfolder`` (the message names the folder),
    ``archive_unsafe_path`` (absolute path, ``..``, drive letter, backslash, control
    character), ``archive_symlink``, ``archive_encrypted``,
    ``archive_unsupported_compression``, ``archive_duplicate_entry``,
    ``archive_too_many_entries`` (above ``LMS_SCORM_MAX_ENTRIES``),
    ``archive_too_large_uncompressed`` (above ``LMS_SCORM_MAX_UNCOMPRESSED_BYTES``, declared
    or actually inflated), ``archive_compression_ratio`` (an entry above
    ``LMS_SCORM_MAX_COMPRESSION_RATIO``, declared or actually inflated),
    ``archive_size_mismatch`` (an entry inflates to another size than its header says),
    ``archive_corrupt`` (damaged data, bad CRC).
Manifest
    ``manifest_too_large`` (above 16 MB), ``manifest_malformed`` (not well-formed: the
    parser's message with line and column), ``manifest_dtd`` (DTD, entities, external
    references), ``manifest_invalid`` (no ``<manifest>`` root, missing or duplicate
    identifiers, over-long values), ``manifest_missing_resource`` (an item refers to an
    undeclared resource), ``manifest_sequencing_idref`` (an ``IDRef`` missing from the
    ``sequencingCollection``), ``manifest_href_outside`` (an href leaving the package),
    ``manifest_no_launchable`` (nothing to launch), ``manifest_missing_launch_file`` (a
    launch file absent from the zip).

Warnings (``version.warnings``, a list of ``{"code", "message"}``) do not stop the import:
``ims_cp_assets_only``, ``sub_manifests_ignored``, ``missing_dependency``,
``default_organization_missing``, ``invalid_value``, ``external_launch``,
``missing_files``, ``ignored_entries``.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import tempfile
import unicodedata
import uuid
from collections.abc import Iterator
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from lms.audit.services import audit_record
from lms.scorm.archive import Archive, Extraction, archive_extract, archive_open
from lms.scorm.errors import ScormImportError
from lms.scorm.manifest import Manifest, is_external, launch_file, manifest_parse
from lms.scorm.models import ScormItem, ScormPackage, ScormPackageVersion

logger = logging.getLogger(__name__)

CHUNK_SIZE = 1024 * 1024
MAX_LISTED_MISSING = 5


def _too_large(limit: int) -> ScormImportError:
    return ScormImportError(
        "upload_too_large",
        _("The file is larger than the %(max)s MB allowed.") % {"max": limit // (1024 * 1024)},
    )


@contextlib.contextmanager
def _seekable_upload(upload) -> Iterator[tuple[object, int, str]]:
    """Yield ``(seekable file, size, sha256)`` for ``upload``; a file that cannot seek is
    copied into a temporary file as it is hashed (never read whole into memory)."""
    limit = settings.LMS_SCORM_MAX_UPLOAD_BYTES
    declared = getattr(upload, "size", None)
    if isinstance(declared, int) and declared > limit:
        raise _too_large(limit)
    try:
        seekable = upload.seekable()
    except (AttributeError, ValueError, OSError):
        seekable = hasattr(upload, "seek") and hasattr(upload, "tell")
    digest = hashlib.sha256()
    size = 0
    if seekable:
        upload.seek(0)
        while chunk := upload.read(CHUNK_SIZE):
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            digest.update(chunk)
        upload.seek(0)
        if not size:
            raise ScormImportError("upload_empty", _("The file is empty."))
        yield upload, size, digest.hexdigest()
        return
    with tempfile.TemporaryFile(prefix="scorm-upload-") as spool:
        while chunk := upload.read(CHUNK_SIZE):
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            digest.update(chunk)
            spool.write(chunk)
        if not size:
            raise ScormImportError("upload_empty", _("The file is empty."))
        spool.seek(0)
        yield spool, size, digest.hexdigest()


def _check_files(manifest: Manifest, archive: Archive) -> list[dict]:
    """Refuse a launch file absent from the zip; warn about other missing files."""
    warnings = []
    for item in manifest.items:
        if not item.href:
            continue
        if is_external(item.href):
            warnings.append(
                {
                    "code": "external_launch",
                    "message": _(
                        "The item « %(item)s » launches an external address (%(href)s); it "
                        "is not served from the package."
                    )
                    % {"item": item.title, "href": item.href},
                }
            )
            continue
        path = unicodedata.normalize("NFC", launch_file(item.href))
        if path not in archive.entries:
            raise ScormImportError(
                "manifest_missing_launch_file",
                _("The item « %(item)s » launches « %(path)s », which is missing from the zip.")
                % {"item": item.title, "path": path},
            )
    missing = sorted(
        {
            path
            for resource in manifest.resources.values()
            for path in (unicodedata.normalize("NFC", name) for name in resource.files)
            if path and path not in archive.entries and path.rstrip("/") not in archive.directories
        }
    )
    if missing:
        listed = ", ".join(missing[:MAX_LISTED_MISSING])
        warnings.append(
            {
                "code": "missing_files",
                "message": _(
                    "%(count)s file(s) declared by the manifest are missing from the zip "
                    "(%(files)s)."
                )
                % {"count": len(missing), "files": listed + ("…" if len(missing) > 5 else "")},
            }
        )
    if archive.ignored:
        warnings.append(
            {
                "code": "ignored_entries",
                "message": _("%(count)s macOS entries (__MACOSX, .DS_Store) were ignored.")
                % {"count": archive.ignored},
            }
        )
    return warnings


def _locked_package(package: ScormPackage | None, *, title: str, user) -> tuple[ScormPackage, int]:
    if package is None:
        created = ScormPackage(title=title[:255], created_by=user)
        created.full_clean()
        created.save()
        return created, 1
    locked = ScormPackage.objects.select_for_update().get(pk=package.pk)
    last = locked.versions.order_by("-number").values_list("number", flat=True).first()
    return locked, (last or 0) + 1


def _items_create(version: ScormPackageVersion, manifest: Manifest) -> list[ScormItem]:
    rows: dict[str, ScormItem] = {}
    by_depth: dict[int, list[ScormItem]] = {}
    for position, item in enumerate(manifest.items):
        row = ScormItem(
            version=version,
            identifier=item.identifier,
            title=item.title,
            position=position,
            depth=item.depth,
            kind=item.kind,
            resource_identifier=item.resource_identifier[:255],
            href=item.href,
            is_visible=item.is_visible,
            mastery_score=item.mastery_score,
            max_time_allowed=item.max_time_allowed,
            time_limit_action=item.time_limit_action,
            data_from_lms=item.data_from_lms,
            prerequisites=item.prerequisites,
            completion_threshold=item.completion_threshold,
            scaled_passing_score=item.scaled_passing_score,
            objectives=item.objectives,
            sequencing=item.sequencing,
        )
        row._parent_identifier = item.parent_identifier
        rows[item.identifier] = row
        by_depth.setdefault(item.depth, []).append(row)
    for depth in sorted(by_depth):
        level = by_depth[depth]
        for row in level:
            if row._parent_identifier is not None:
                row.parent = rows[row._parent_identifier]
        ScormItem.objects.bulk_create(level)
    return sorted(rows.values(), key=lambda row: row.position)


def scorm_package_import(
    *, upload, filename: str, user=None, package: ScormPackage | None = None, title: str = ""
) -> ScormPackageVersion:
    """Import the zip ``upload`` (a file object or an ``UploadedFile``) as a new version.

    Creates the package (titled ``title``, else the organization's title) when ``package``
    is None, else adds its next version. Returns the version (``.warnings`` holds the
    warnings, ``.items`` the tree). Raises ``ScormImportError`` (codes in the module's
    docstring), leaving no rows and no files.
    """
    filename = PurePosixPath(str(filename or "").replace("\\", "/")).name[:255]
    storage = default_storage
    with _seekable_upload(upload) as (fileobj, size, sha256):
        archive = archive_open(fileobj)
        try:
            manifest = manifest_parse(archive.read_manifest())
            warnings = [*manifest.warnings, *_check_files(manifest, archive)]
            extraction = Extraction(storage=storage)
            try:
                with transaction.atomic():
                    version = _version_create(
                        manifest=manifest,
                        archive=archive,
                        extraction=extraction,
                        storage=storage,
                        package=package,
                        title=title.strip() or manifest.title or PurePosixPath(filename).stem,
                        user=user,
                        filename=filename,
                        size=size,
                        sha256=sha256,
                        warnings=warnings,
                    )
            except BaseException:
                extraction.delete_all()
                raise
        finally:
            archive.close()
    logger.info(
        "SCORM package %s version %s imported (%s files, %s bytes)",
        version.package_id,
        version.number,
        version.file_count,
        version.uncompressed_bytes,
    )
    return version


def _version_create(
    *,
    manifest: Manifest,
    archive: Archive,
    extraction: Extraction,
    storage,
    package: ScormPackage | None,
    title: str,
    user,
    filename: str,
    size: int,
    sha256: str,
    warnings: list[dict],
) -> ScormPackageVersion:
    actor = user if user is not None and user.is_authenticated else None
    package, number = _locked_package(package, title=title, user=actor)
    version = ScormPackageVersion(
        package=package,
        number=number,
        scorm_version=manifest.version,
        title=manifest.title or package.title,
        identifier=manifest.identifier,
        storage_prefix=f"scorm/{package.pk}/{uuid.uuid4().hex}/",
        original_filename=filename,
        archive_sha256=sha256,
        archive_bytes=size,
        file_count=len(archive.entries),
        uncompressed_bytes=archive.uncompressed_bytes,
        manifest=manifest.summary(),
        warnings=warnings,
        uploaded_by=actor,
    )
    version.full_clean(exclude=["package", "uploaded_by"], validate_unique=False)
    version.save()
    archive_extract(archive, storage=storage, prefix=version.storage_prefix, extraction=extraction)
    _items_create(version, manifest)
    package.save(update_fields=["updated_at"])
    if actor is not None:
        audit_record(
            learner=actor,
            actor=actor,
            action="scorm.package_imported",
            message=_("SCORM package « %(title)s » imported (version %(number)s).")
            % {"title": package.title, "number": number},
            target=version,
            data={
                "package": package.pk,
                "version": number,
                "scorm_version": manifest.version,
                "file": filename,
                "sha256": sha256,
                "items": len(manifest.items),
            },
        )
    return version
