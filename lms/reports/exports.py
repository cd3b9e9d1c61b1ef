"""Spreadsheet exports: CSV streamed for French Excel, XLSX written in write-only mode.

Both neutralise cells that a spreadsheet would read as a formula (CSV/formula injection):
a text starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, as OWASP
advises) gets a leading ``'``. Memory stays flat whatever the number of rows: CSV rows are
written as they are read; the XLSX worksheet is written to a temporary file row by row,
then the workbook to a spooled temporary file that the response streams.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import datetime
from tempfile import SpooledTemporaryFile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from lms.reports.tables import CellText, naive_local

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"
CSV_ROWS_PER_CHUNK = 500
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Above this size the XLSX being sent moves from memory to a file on disk.
XLSX_MEMORY_BYTES = 4 * 1024 * 1024


def neutralise(value):
    """``value`` with a leading ``'`` when it is a text a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose ``write`` returns what it is given (for csv.writer)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[list], text: CellText) -> Iterator[str]:
    """The CSV text, in chunks: a UTF-8 BOM (so that Excel reads UTF-8), the header, then
    the rows as ``text`` shows them, ``;``-separated."""
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER, lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([neutralise(label) for label in header])
    chunk = []
    for values in rows:
        chunk.append(writer.writerow([neutralise(cell) for cell in text.row(values)]))
        if len(chunk) >= CSV_ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def csv_response(
    *, filename: str, header: list[str], rows: Iterable[list]
) -> StreamingHttpResponse:
    """A streamed CSV download (``rows`` is consumed while the response is sent; numbers
    and dates are formatted as in the request, which has ended by then)."""
    response = StreamingHttpResponse(
        csv_lines(header, rows, CellText()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_cell(value, zone):
    """A value as the XLSX stores it: numbers and dates as such, texts neutralised and
    without the control characters XML refuses."""
    if isinstance(value, datetime):
        return naive_local(value, zone)
    if isinstance(value, str):
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def xlsx_response(
    *, filename: str, sheet_title: str, header: list[str], rows: Iterable[list]
) -> FileResponse:
    """An XLSX download, written with a write-only workbook then streamed from a spooled
    temporary file."""
    zone = timezone.get_current_timezone()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([xlsx_cell(label, zone) for label in header])
    for values in rows:
        sheet.append([xlsx_cell(value, zone) for value in values])
    # Closed by the response once sent.
    output = SpooledTemporaryFile(max_size=XLSX_MEMORY_BYTES)
    workbook.save(output)
    output.seek(0)
    return FileResponse(
        output, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )
