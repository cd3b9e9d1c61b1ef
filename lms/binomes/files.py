"""Recognising a deliverable's type from its content, not only from its name.

The first bytes say PDF, PNG, JPEG or ZIP; for a ZIP, the entries say which office format
it is (OpenDocument's ``mimetype`` entry, Office Open XML's ``[Content_Types].xml`` and
main folder). Nothing is extracted: only the archive's directory and the tiny ``mimetype``
entry are read.
"""

from __future__ import annotations

import zipfile

PDF = b"%PDF-"
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
ZIP = b"PK\x03\x04"

ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
OOXML_FOLDERS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}

#: Content types sent with each kind when the file is downloaded.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
EXTENSION_ALIASES = {"jpeg": "jpg"}


def extension_of(filename: str) -> str:
    """The lower-case extension of ``filename`` (``jpeg`` read as ``jpg``), or ``""``."""
    if "." not in filename:
        return ""
    extension = filename.rsplit(".", 1)[1].lower()
    return EXTENSION_ALIASES.get(extension, extension)


def _zip_kind(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > 100:
                    return None
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return ODF_MIMETYPES.get(mimetype)
            if "[Content_Types].xml" in names:
                for folder, kind in OOXML_FOLDERS.items():
                    if any(name.startswith(folder) for name in names):
                        return kind
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def sniff_kind(upload) -> str | None:
    """The kind of file ``upload`` holds (``pdf``, ``docx``...), from its content;
    ``None`` when it is none of the known kinds. Leaves the file at its start."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    kind = None
    if head.startswith(PDF):
        kind = "pdf"
    elif head.startswith(PNG):
        kind = "png"
    elif head.startswith(JPEG):
        kind = "jpg"
    elif head.startswith(ZIP):
        kind = _zip_kind(upload)
    upload.seek(0)
    return kind
