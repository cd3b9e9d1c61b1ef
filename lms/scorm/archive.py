"""Inspect and extract an uploaded SCORM zip safely, into Django's storage.

:func:`archive_open` reads the central directory and refuses, before anything is
extracted: too many entries (counted from the end-of-central-directory record before the
directory itself is parsed), unsafe names (absolute, ``..``, drive letters, backslashes,
control characters), symlinks, encrypted or oddly compressed entries, a declared total
above the limit, an entry whose declared compression ratio is above the limit.
:func:`archive_extract` then streams each entry in chunks into the storage, counting the
bytes actually inflated (a header that lies about sizes is caught there), and deletes every
file it saved when anything fails. ``__MACOSX/`` and ``.DS_Store`` are skipped.

Limits come from the ``LMS_SCORM_*`` settings, read when called.
"""

from __future__ import annotations

import io
import logging
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage
from django.utils.translation import gettext as _

from lms.scorm.errors import ScormImportError

logger = logging.getLogger(__name__)

CHUNK_SIZE = 256 * 1024
MANIFEST_NAME = "imsmanifest.xml"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
SUPPORTED_METHODS = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)
_DRIVE = re.compile(r"^[A-Za-z]:")
_UTF8_FLAG = 0x800


@dataclass(frozen=True)
class ArchiveLimits:
    """The limits an archive must respect (from the settings by default)."""

    max_entries: int
    max_uncompressed_bytes: int
    max_ratio: float

    @classmethod
    def from_settings(cls) -> ArchiveLimits:
        return cls(
            max_entries=settings.LMS_SCORM_MAX_ENTRIES,
            max_uncompressed_bytes=settings.LMS_SCORM_MAX_UNCOMPRESSED_BYTES,
            max_ratio=settings.LMS_SCORM_MAX_COMPRESSION_RATIO,
        )


@dataclass
class ArchiveEntry:
    """A file of the package: its safe POSIX path and the zip entry holding it."""

    path: str
    info: zipfile.ZipInfo

    @property
    def size(self) -> int:
        return self.info.file_size


@dataclass
class Archive:
    """An opened, inspected archive (files only, in zip order, ignored entries left out)."""

    zip: zipfile.ZipFile
    entries: dict[str, ArchiveEntry]
    limits: ArchiveLimits
    ignored: int = 0
    directories: set[str] = field(default_factory=set)

    @property
    def uncompressed_bytes(self) -> int:
        return sum(entry.size for entry in self.entries.values())

    def read_manifest(self) -> bytes:
        """The bytes of ``imsmanifest.xml`` (at most 16 MiB, ratio and size checked)."""
        entry = self.entries[MANIFEST_NAME]
        if entry.size > MAX_MANIFEST_BYTES:
            raise ScormImportError("manifest_too_large", _("imsmanifest.xml is larger than 16 MB."))
        buffer = io.BytesIO()
        for chunk in _inflate(self, entry, max_bytes=MAX_MANIFEST_BYTES):
            buffer.write(chunk)
        return buffer.getvalue()

    def close(self) -> None:
        self.zip.close()


def _refuse(code: str, message) -> ScormImportError:
    return ScormImportError(code, message)


# Bytes a central directory may hold per allowed entry on average (46 fixed + name +
# extra fields): a bigger directory is refused before Python parses it.
CENTRAL_DIRECTORY_BYTES_PER_ENTRY = 2048


def _declared_directory(fileobj) -> tuple[int, int] | None:
    """``(entries, directory bytes)`` announced by the end-of-central-directory record
    (zip64 aware), read without parsing the directory; None when it cannot be read
    (ZipFile then decides)."""
    end_record = getattr(zipfile, "_EndRecData", None)
    if end_record is None:  # pragma: no cover - private API of zipfile
        return None
    try:
        record = end_record(fileobj)
    except (OSError, ValueError, struct.error):
        return None
    if not record:
        return None
    return int(record[zipfile._ECD_ENTRIES_TOTAL]), int(record[zipfile._ECD_SIZE])


def _decoded_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its author meant it: names without the UTF-8 flag that are in
    fact UTF-8 (common with some zip tools) are decoded as such."""
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG:
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return unicodedata.normalize("NFC", name)


def is_ignored(path: str) -> bool:
    """``__MACOSX/`` folders and ``.DS_Store`` files (added by macOS) are skipped."""
    parts = path.split("/")
    return parts[0] == "__MACOSX" or parts[-1] == ".DS_Store"


def safe_path(name: str) -> str:
    """The entry's path if it is safe (relative POSIX path inside the package), else raise
    ``ScormImportError("archive_unsafe_path")``."""

    def unsafe():
        return _refuse(
            "archive_unsafe_path",
            _("The zip contains an entry with a forbidden path: « %(name)s ».")
            % {"name": name[:200]},
        )

    if (
        not name
        or "\\" in name
        or name.startswith("/")
        or _DRIVE.match(name)
        or any(ord(char) < 32 or ord(char) == 127 for char in name)
    ):
        raise unsafe()
    parts = name.split("/")
    if ".." in parts:
        raise unsafe()
    cleaned = [part for part in parts if part not in ("", ".")]
    if not cleaned:
        if name.endswith("/"):
            return ""  # "./": the root folder itself, skipped
        raise unsafe()
    return "/".join(cleaned) + ("/" if name.endswith("/") else "")


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def archive_open(fileobj, *, limits: ArchiveLimits | None = None) -> Archive:
    """Open and inspect the zip in ``fileobj`` (seekable); raise ``ScormImportError`` when
    refused. Only headers are read here: nothing is inflated."""
    limits = limits or ArchiveLimits.from_settings()
    too_many = _refuse(
        "archive_too_many_entries",
        _("The zip holds more than %(max)s entries.") % {"max": limits.max_entries},
    )
    declared = _declared_directory(fileobj)
    if declared is not None and (
        declared[0] > limits.max_entries
        or declared[1] > limits.max_entries * CENTRAL_DIRECTORY_BYTES_PER_ENTRY
    ):
        raise too_many
    fileobj.seek(0)
    try:
        archive_zip = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise _refuse("archive_not_zip", _("The file is not a valid zip archive.")) from error
    try:
        infos = archive_zip.infolist()
        if len(infos) > limits.max_entries:
            raise too_many
        archive = Archive(zip=archive_zip, entries={}, limits=limits)
        total = 0
        for info in infos:
            name = _decoded_name(info)
            path = safe_path(name)
            if not path:
                continue
            if _is_symlink(info):
                raise _refuse(
                    "archive_symlink",
                    _("The zip contains a symbolic link (« %(name)s »), which is refused.")
                    % {"name": name[:200]},
                )
            if is_ignored(path.rstrip("/")):
                archive.ignored += 1
                continue
            if info.is_dir() or path.endswith("/"):
                archive.directories.add(path.rstrip("/"))
                continue
            if info.flag_bits & 0x1:
                raise _refuse(
                    "archive_encrypted",
                    _("The zip entry « %(name)s » is encrypted.") % {"name": path},
                )
            if info.compress_type not in SUPPORTED_METHODS:
                raise _refuse(
                    "archive_unsupported_compression",
                    _("The zip entry « %(name)s » uses an unsupported compression method.")
                    % {"name": path},
                )
            if path in archive.entries or path in archive.directories:
                raise _refuse(
                    "archive_duplicate_entry",
                    _("The zip contains « %(name)s » twice.") % {"name": path},
                )
            total += info.file_size
            if total > limits.max_uncompressed_bytes:
                raise _too_large(limits)
            if _ratio(info.file_size, info.compress_size) > limits.max_ratio:
                raise _bomb(path, limits)
            archive.entries[path] = ArchiveEntry(path=path, info=info)
        # A file may not also be a folder (« a » and « a/b »).
        for path in archive.entries:
            parent = path.rpartition("/")[0]
            while parent:
                if parent in archive.entries:
                    raise _refuse(
                        "archive_duplicate_entry",
                        _("The zip contains « %(name)s » twice.") % {"name": parent},
                    )
                parent = parent.rpartition("/")[0]
        _require_manifest(archive)
        return archive
    except BaseException:
        archive_zip.close()
        raise


def _ratio(size: int, compressed: int) -> float:
    if size == 0:
        return 0.0
    return size / max(compressed, 1)


def _too_large(limits: ArchiveLimits) -> ScormImportError:
    return _refuse(
        "archive_too_large_uncompressed",
        _("Once unzipped, the package would exceed %(max)s MB.")
        % {"max": limits.max_uncompressed_bytes // (1024 * 1024)},
    )


def _bomb(path: str, limits: ArchiveLimits) -> ScormImportError:
    return _refuse(
        "archive_compression_ratio",
        _(
            "The zip entry « %(name)s » is compressed more than %(ratio)s times: it looks like "
            "a zip bomb and is refused."
        )
        % {"name": path, "ratio": int(limits.max_ratio)},
    )


def _require_manifest(archive: Archive) -> None:
    if MANIFEST_NAME in archive.entries:
        return
    for path in archive.entries:
        if path.lower() == MANIFEST_NAME:
            raise _refuse(
                "archive_no_manifest",
                _(
                    "The zip has no imsmanifest.xml at its root (found « %(name)s »: the name "
                    "must be in lower case)."
                )
                % {"name": path},
            )
    nested = sorted(
        (path for path in archive.entries if path.rpartition("/")[2].lower() == MANIFEST_NAME),
        key=lambda path: (path.count("/"), path),
    )
    if nested:
        folder = nested[0].rpartition("/")[0]
        raise _refuse(
            "archive_manifest_in_subfolder",
            _(
                "imsmanifest.xml is not at the root of the zip but in the folder « %(folder)s »: "
                "zip the content of that folder instead of the folder itself."
            )
            % {"folder": folder},
        )
    raise _refuse(
        "archive_no_manifest",
        _("The zip has no imsmanifest.xml at its root: it is not a SCORM package."),
    )


def _inflate(
    archive: Archive,
    entry: ArchiveEntry,
    *,
    max_bytes: int | None = None,
    counter: list[int] | None = None,
) -> Iterator[bytes]:
    """Yield the entry's bytes in chunks, counting what is actually inflated: more than the
    header declared, more than the ratio allows, or more than the total limit aborts."""
    limits = archive.limits
    declared = entry.info.file_size
    allowed_by_ratio = max(entry.info.compress_size, 1) * limits.max_ratio
    read = 0
    try:
        with archive.zip.open(entry.info) as stream:
            while True:
                chunk = stream.read(CHUNK_SIZE)
                if not chunk:
                    break
                read += len(chunk)
                if counter is not None:
                    counter[0] += len(chunk)
                    if counter[0] > limits.max_uncompressed_bytes:
                        raise _too_large(limits)
                if read > declared:
                    raise _size_mismatch(entry.path)
                if read > allowed_by_ratio and read > CHUNK_SIZE:
                    raise _bomb(entry.path, limits)
                if max_bytes is not None and read > max_bytes:
                    raise _size_mismatch(entry.path)
                yield chunk
    except ScormImportError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
        RuntimeError,
    ) as error:
        raise _refuse(
            "archive_corrupt",
            _("The zip entry « %(name)s » is damaged and cannot be read (%(error)s).")
            % {"name": entry.path, "error": str(error)[:200]},
        ) from error
    if read != declared:
        raise _size_mismatch(entry.path)


def _size_mismatch(path: str) -> ScormImportError:
    return _refuse(
        "archive_size_mismatch",
        _("The zip entry « %(name)s » does not have the size its header declares.")
        % {"name": path},
    )


class _EntryFile(File):
    """A storage-ready file that inflates one entry on demand (never whole in memory)."""

    def __init__(self, chunks: Iterator[bytes], *, name: str, size: int):
        super().__init__(None, name=name)
        self._chunks = chunks
        self._buffer = b""
        self._size = size
        self._done = False
        self._started = False

    @property
    def size(self):
        return self._size

    def open(self, mode=None, *args, **kwargs):
        return self

    def close(self):
        self._done = True

    @property
    def closed(self):
        return self._done

    def seek(self, offset, whence=io.SEEK_SET):
        # Storages rewind before reading (File.chunks); only "rewind before start" works.
        if offset == 0 and whence == io.SEEK_SET and not self._buffer and not self._started:
            return 0
        raise io.UnsupportedOperation("seek")

    def tell(self):
        raise io.UnsupportedOperation("tell")

    def seekable(self):
        return False

    def readable(self):
        return True

    def read(self, size=-1):
        self._started = True
        if size is None or size < 0:
            parts = [self._buffer, *self._chunks]
            self._buffer = b""
            return b"".join(parts)
        while len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def chunks(self, chunk_size=None):
        self._started = True
        if self._buffer:
            yield self._buffer
            self._buffer = b""
        yield from self._chunks

    def multiple_chunks(self, chunk_size=None):
        return True

    def __iter__(self):
        return self.chunks()


@dataclass
class Extraction:
    """Files saved by :func:`archive_extract` (storage names), for the clean-up."""

    storage: Storage
    saved: list[str] = field(default_factory=list)
    inflated_bytes: int = 0

    def delete_all(self) -> None:
        """Delete every file saved so far (errors logged, never raised)."""
        for name in reversed(self.saved):
            try:
                self.storage.delete(name)
            except Exception:  # noqa: BLE001 - the clean-up must go on
                logger.exception("SCORM: could not delete %s after a refused import", name)
        self.saved.clear()


def archive_extract(
    archive: Archive, *, storage: Storage, prefix: str, extraction: Extraction
) -> Extraction:
    """Stream every file of ``archive`` into ``storage`` under ``prefix``.

    Names saved are appended to ``extraction.saved`` as they are written, so that the
    caller can delete them all (``extraction.delete_all()``) if anything fails later.
    """
    counter = [0]
    for entry in archive.entries.values():
        name = prefix + entry.path
        content = _EntryFile(
            _inflate(archive, entry, counter=counter), name=entry.path, size=entry.size
        )
        try:
            saved = storage.save(name, content)
        except BaseException:
            # What the storage may have written (e.g. a partial file) must go too.
            extraction.saved.append(name)
            raise
        extraction.saved.append(saved)
        if saved != name:
            raise _refuse(
                "archive_unsafe_path",
                _("The zip contains an entry with a forbidden path: « %(name)s ».")
                % {"name": entry.path},
            )
    extraction.inflated_bytes = counter[0]
    return extraction
