"""Reading an uploaded learners file (CSV or XLSX) into rows of text.

Bad files are refused before their content is parsed: too large, a binary file, a zip
archive that is no workbook, an old ``.xls``. The first row holds the column headers
(``courriel, prénom, nom, public, organisation, territoire, promotion``; accents, case
and surrounding spaces ignored; only ``courriel`` is required).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.imports import conf
from lms.imports.matching import fold

# Header as written in the file (French: it is the file format) → row key.
COLUMNS: dict[str, str] = {
    "courriel": "email",
    "prénom": "first_name",
    "nom": "last_name",
    "public": "audience",
    "organisation": "organisation",
    "territoire": "territory",
    "promotion": "promotion",
}
REQUIRED_COLUMNS = ("courriel",)
_KEY_BY_FOLDED = {fold(header): key for header, key in COLUMNS.items()}
HEADER_BY_KEY = {key: header for header, key in COLUMNS.items()}

ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
DELIMITERS = (";", ",")


class ImportFileError(Exception):
    """The whole file is refused. ``code`` is stable for programs (``too_large``,
    ``too_many_rows``, ``binary``, ``not_a_workbook``, ``old_excel``, ``ods``,
    ``encoding``, ``unreadable``, ``empty``, ``columns``); ``message`` is for people;
    ``details`` holds the column names at fault for ``columns``."""

    def __init__(self, code: str, message: str, details: dict | None = None):
        super().__init__(message)
        self.code = code
        self.message = str(message)
        self.details = details or {}


@dataclass(frozen=True)
class RawRow:
    """One data row: its line (or row) number in the file and its cells by row key."""

    line: int
    values: dict[str, str]


@dataclass
class ParsedFile:
    """What was read from a file."""

    name: str
    size: int
    sha256: str
    format: str  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)


def _too_many_rows() -> ImportFileError:
    limit = conf.max_rows()
    return ImportFileError(
        "too_many_rows",
        ngettext(
            "The file has more than %(limit)s row; split it into several files.",
            "The file has more than %(limit)s rows; split it into several files.",
            limit,
        )
        % {"limit": f"{limit:,}".replace(",", "\u202f")},
    )


def file_too_large_error(size: int) -> ImportFileError:
    """The refusal of a file of ``size`` bytes, above ``LMS_IMPORT_MAX_BYTES``."""
    return ImportFileError(
        "too_large",
        _("The file is too large (%(size)s); the limit is %(limit)s.")
        % {"size": filesizeformat(size), "limit": filesizeformat(conf.max_bytes())},
    )


def _upload_size(upload) -> int | None:
    size = getattr(upload, "size", None)
    if size is not None:
        return int(size)
    try:
        position = upload.tell()
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
        upload.seek(position)
        return size
    except (AttributeError, OSError):
        return None


def parse_upload(upload, name: str | None = None) -> ParsedFile:
    """Read an uploaded file (Django ``UploadedFile`` or any binary file object).

    The size is checked before anything is read. Raises :class:`ImportFileError`.
    """
    limit = conf.max_bytes()
    name = name or getattr(upload, "name", "") or ""
    size = _upload_size(upload)
    if size is not None and size > limit:
        raise file_too_large_error(size)
    if hasattr(upload, "seek"):
        upload.seek(0)
    raw = upload.read(limit + 1)
    if len(raw) > limit:
        raise file_too_large_error(size or len(raw))
    return parse_bytes(raw, name=name)


def parse_bytes(raw: bytes, *, name: str = "") -> ParsedFile:
    """Read a file's bytes: an XLSX workbook or a CSV text, told apart by content."""
    if len(raw) > conf.max_bytes():
        raise file_too_large_error(len(raw))
    if not raw.strip():
        raise ImportFileError("empty", _("The file is empty."))
    parsed = ParsedFile(
        name=name, size=len(raw), sha256=hashlib.sha256(raw).hexdigest(), format="csv"
    )
    if raw.startswith(ZIP_SIGNATURES):
        parsed.format = "xlsx"
        header, rows = _read_workbook(raw)
    elif raw.startswith(OLE2_SIGNATURE):
        raise ImportFileError(
            "old_excel",
            _(
                "This is an old Excel file (.xls) or a password-protected workbook: "
                "save it as an unprotected .xlsx workbook or as CSV."
            ),
        )
    elif name.lower().endswith(WORKBOOK_SUFFIXES):
        raise ImportFileError(
            "not_a_workbook",
            _("The file is named like an Excel workbook but is not one."),
        )
    else:
        text, parsed.encoding = _decode(raw)
        header, rows, parsed.delimiter = _read_csv(text)
    keys = _columns(header)
    parsed.columns = [key for key in keys if key]
    parsed.rows = list(_rows(keys, rows))
    if not parsed.rows:
        raise ImportFileError("empty", _("The file has headers but no learner."))
    return parsed


# CSV -------------------------------------------------------------------------------------


def _looks_binary(text: str) -> bool:
    controls = sum(
        1 for char in text if (ord(char) < 32 and char not in "\t\n\r\f") or char == "\x7f"
    )
    return controls > max(3, len(text) // 200)


def _decode(raw: bytes) -> tuple[str, str]:
    """The text of a CSV file: UTF-8 (with or without BOM), else Windows-1252."""
    if b"\x00" in raw:
        raise ImportFileError(
            "binary", _("This file is not a text (CSV) file nor an Excel workbook.")
        )
    if raw.startswith(codecs.BOM_UTF8):
        candidates = [("utf-8-sig", raw)]
    else:
        candidates = [("utf-8", raw), ("cp1252", raw)]
    for encoding, data in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise ImportFileError(
                "binary", _("This file is not a text (CSV) file nor an Excel workbook.")
            )
        return text, encoding
    raise ImportFileError(
        "encoding",
        _("The file's characters could not be read: save it as CSV UTF-8."),
    )


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def _detect_delimiter(header_line: str) -> str:
    """The delimiter that splits the header into the most known columns (``;`` or ``,``)."""

    def score(delimiter: str) -> tuple[int, int]:
        cells = _split(header_line, delimiter)
        known = sum(1 for cell in cells if fold(cell) in _KEY_BY_FOLDED)
        return known, header_line.count(delimiter)

    return max(DELIMITERS, key=score)


def _read_csv(text: str) -> tuple[list[str], Iterator[tuple[int, list[str]]], str]:
    lines = text.splitlines()
    # A cheap count before parsing: blank lines and lines of bare separators do not count.
    filled = sum(1 for line in lines if line.strip(" \t;,\"'"))
    if filled - 1 > conf.max_rows():
        raise _too_many_rows()
    header_line = next((line for line in lines if line.strip(" \t;,")), "")
    delimiter = _detect_delimiter(header_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header: list[str] = []
    for cells in reader:
        if any(cell.strip() for cell in cells):
            header = cells
            break

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for cells in reader:
                yield reader.line_num, cells
        except csv.Error as error:
            raise ImportFileError(
                "unreadable",
                _("The CSV file could not be read near line %(line)s.") % {"line": reader.line_num},
            ) from error

    return header, rows(), delimiter


# XLSX ------------------------------------------------------------------------------------


def _read_workbook(raw: bytes) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The first sheet of a workbook, opened read-only with computed values."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        names = set(archive.namelist())
        infos = archive.infolist()
        mimetype = archive.read("mimetype")[:200] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError) as error:
        raise ImportFileError(
            "not_a_workbook", _("This file is a damaged zip archive, not an Excel workbook.")
        ) from error
    if mimetype.startswith(ODS_MIMETYPE):
        raise ImportFileError(
            "ods",
            _("OpenDocument spreadsheets (.ods) are not read: save the file as .xlsx or CSV."),
        )
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise ImportFileError(
            "not_a_workbook",
            _("This file is a zip archive, not an Excel workbook (.xlsx)."),
        )
    if sum(info.file_size for info in infos) > conf.max_unzipped_bytes():
        raise ImportFileError("too_large", _("The workbook is too large once uncompressed."))

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a broken workbook
        raise ImportFileError(
            "unreadable", _("The Excel workbook could not be read; is it damaged?")
        ) from error
    try:
        if not workbook.worksheets:
            raise ImportFileError("empty", _("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        rows = _sheet_rows(sheet.iter_rows(values_only=True))
        header: list[str] = []
        for _number, cells in rows:
            if any(cell for cell in cells):
                header = cells
                break
        # Read the data rows now: a read-only workbook must be closed afterwards.
        data = list(_limited(rows))
    except ImportFileError:
        raise
    except Exception as error:
        raise ImportFileError(
            "unreadable", _("The Excel workbook could not be read; is it damaged?")
        ) from error
    finally:
        workbook.close()
    return header, iter(data)


def _limited(rows: Iterable[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    """Stop reading as soon as there are too many filled rows."""
    filled = 0
    limit = conf.max_rows()
    for number, cells in rows:
        if any(cells):
            filled += 1
            if filled > limit:
                raise _too_many_rows()
        yield number, cells


def _sheet_rows(values: Iterable[tuple]) -> Iterator[tuple[int, list[str]]]:
    for number, row in enumerate(values, start=1):
        yield number, [_cell_text(value) for value in row]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


# Headers and rows ------------------------------------------------------------------------


def _columns(header: list[str]) -> list[str | None]:
    """The row key of each column (``None`` for a column without header). Raises
    :class:`ImportFileError` naming unknown, duplicated and missing columns."""
    keys: list[str | None] = []
    unknown: list[str] = []
    duplicated: list[str] = []
    for cell in header:
        label = (cell or "").strip()
        if not label:
            keys.append(None)
            continue
        key = _KEY_BY_FOLDED.get(fold(label))
        if key is None:
            unknown.append(label)
        elif key in keys:
            duplicated.append(label)
        keys.append(key)
    missing = [column for column in REQUIRED_COLUMNS if COLUMNS[column] not in keys]
    if unknown or duplicated or missing:
        problems = []
        if missing:
            problems.append(
                ngettext(
                    "Missing required column: %(columns)s.",
                    "Missing required columns: %(columns)s.",
                    len(missing),
                )
                % {"columns": _quoted(missing)}
            )
        if unknown:
            problems.append(
                ngettext(
                    "Unknown column: %(columns)s.", "Unknown columns: %(columns)s.", len(unknown)
                )
                % {"columns": _quoted(unknown)}
            )
        if duplicated:
            problems.append(
                ngettext(
                    "Column given twice: %(columns)s.",
                    "Columns given twice: %(columns)s.",
                    len(duplicated),
                )
                % {"columns": _quoted(duplicated)}
            )
        problems.append(
            _("Expected columns: %(columns)s (only “courriel” is required).")
            % {"columns": ", ".join(COLUMNS)}
        )
        raise ImportFileError(
            "columns",
            " ".join(problems),
            details={"missing": missing, "unknown": unknown, "duplicated": duplicated},
        )
    return keys


def _quoted(names: list[str]) -> str:
    return ", ".join(f"« {name} »" for name in names)


def _rows(keys: list[str | None], rows: Iterable[tuple[int, list[str]]]) -> Iterator[RawRow]:
    filled = 0
    limit = conf.max_rows()
    for line, cells in rows:
        values = {key: "" for key in keys if key}
        for key, cell in zip(keys, cells, strict=False):
            if key:
                values[key] = (cell or "").strip()
        if not any(values.values()):
            continue
        filled += 1
        if filled > limit:
            raise _too_many_rows()
        yield RawRow(line=line, values=values)
