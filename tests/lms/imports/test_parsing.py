"""Reading learner files: CSV and XLSX variants, and the files refused before parsing."""

import io
import os
import zipfile

import openpyxl
import pytest
from django.core.files import File

from lms.imports import parsing
from lms.imports.parsing import ImportFileError, parse_bytes, parse_upload
from tests.lms.imports.support import HEADER, csv_bytes, upload, xlsx_bytes

ROW = ["Hélène.Dupont@Exemple.fr", "Hélène", "Dupont", "haut fonctionnaire", "DGFiP", "75", "CHESP"]


def refusal(content: bytes, name: str = "apprenants.csv") -> ImportFileError:
    with pytest.raises(ImportFileError) as caught:
        parse_upload(upload(content, name))
    return caught.value


# CSV variants ----------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ","])
def test_the_delimiter_is_detected(delimiter):
    parsed = parse_bytes(csv_bytes([ROW, ["b@exemple.fr", "Jean, dit Jo"]], delimiter=delimiter))

    assert parsed.delimiter == delimiter
    assert parsed.rows[0].values == {
        "email": "Hélène.Dupont@Exemple.fr",
        "first_name": "Hélène",
        "last_name": "Dupont",
        "audience": "haut fonctionnaire",
        "organisation": "DGFiP",
        "territory": "75",
        "promotion": "CHESP",
    }
    assert parsed.rows[1].values["first_name"] == "Jean, dit Jo"
    assert [row.line for row in parsed.rows] == [2, 3]


def test_utf8_with_a_bom():
    parsed = parse_bytes(csv_bytes([ROW], bom=True))

    assert parsed.encoding == "utf-8-sig"
    assert parsed.columns[0] == "email"  # the BOM is not part of the first header
    assert parsed.rows[0].values["first_name"] == "Hélène"


def test_windows_1252_is_the_fallback():
    parsed = parse_bytes(csv_bytes([ROW, ["b@exemple.fr", "François", "Œuvre"]], encoding="cp1252"))

    assert parsed.encoding == "cp1252"
    assert parsed.rows[0].values["first_name"] == "Hélène"
    assert parsed.rows[1].values["last_name"] == "Œuvre"


def test_headers_ignore_accents_case_and_spaces_and_come_in_any_order():
    parsed = parse_bytes(
        csv_bytes(
            [["Dupont", "a@exemple.fr", "Hélène"]],
            header=["  NOM ", "Courriel", "PRENOM"],
        )
    )

    assert parsed.columns == ["last_name", "email", "first_name"]
    assert parsed.rows[0].values == {
        "last_name": "Dupont",
        "email": "a@exemple.fr",
        "first_name": "Hélène",
    }


def test_blank_lines_and_columns_without_header_are_ignored():
    content = "courriel;nom;\r\n\r\na@exemple.fr;Dupont;\r\n;;\r\nb@exemple.fr;Durand;x\r\n"

    parsed = parse_bytes(content.encode())

    assert [(row.line, row.values["email"]) for row in parsed.rows] == [
        (3, "a@exemple.fr"),
        (5, "b@exemple.fr"),
    ]


def test_the_file_hash_identifies_the_content():
    first = parse_bytes(csv_bytes([ROW]), name="a.csv")
    again = parse_bytes(csv_bytes([ROW]), name="b.csv")
    other = parse_bytes(csv_bytes([ROW, ROW]), name="a.csv")

    assert first.sha256 == again.sha256 != other.sha256
    assert len(first.sha256) == 64


# XLSX ------------------------------------------------------------------------------------


def test_a_workbook_is_read_in_read_only_mode_with_values(monkeypatch):
    calls = []
    real_load = openpyxl.load_workbook

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    content = xlsx_bytes([[" A@Exemple.fr ", "Hélène", "Dupont", None, None, 75, None], [None] * 7])

    parsed = parse_bytes(content, name="apprenants.xlsx")

    assert calls == [{"read_only": True, "data_only": True}]
    assert parsed.format == "xlsx"
    assert [row.values["email"] for row in parsed.rows] == ["A@Exemple.fr"]
    assert parsed.rows[0].values["territory"] == "75"  # a number cell, as text
    assert parsed.rows[0].line == 2


def test_a_workbook_is_recognised_by_its_content_not_its_name():
    parsed = parse_bytes(xlsx_bytes([ROW]), name="apprenants.csv")

    assert parsed.format == "xlsx"
    assert parsed.rows[0].values["last_name"] == "Dupont"


def test_workbook_headers_are_matched_like_csv_ones():
    parsed = parse_bytes(xlsx_bytes([["a@exemple.fr", "Breton"]], header=["COURRIEL", "Prénom "]))

    assert parsed.columns == ["email", "first_name"]


# Columns ---------------------------------------------------------------------------------


def test_missing_required_column_is_named():
    error = refusal(csv_bytes([["Hélène", "Dupont"]], header=["prénom", "nom"]))

    assert error.code == "columns"
    assert error.details["missing"] == ["courriel"]
    assert "courriel" in error.message


def test_unknown_columns_are_named():
    error = refusal(csv_bytes([["a@exemple.fr", "0601"]], header=["courriel", "Téléphone"]))

    assert error.code == "columns"
    assert error.details["unknown"] == ["Téléphone"]
    assert "Téléphone" in error.message


def test_a_column_given_twice_is_refused():
    error = refusal(csv_bytes([["a@exemple.fr", "b@exemple.fr"]], header=["courriel", "Courriel"]))

    assert error.details["duplicated"] == ["Courriel"]


def test_headers_without_rows_are_refused():
    assert refusal(csv_bytes([])).code == "empty"


def test_an_empty_file_is_refused():
    assert refusal(b"").code == "empty"


# Refused before parsing --------------------------------------------------------------------


class Unreadable(io.BytesIO):
    """A 50 MB upload that fails the test if anything reads it."""

    name = "enorme.csv"
    size = 50 * 1024 * 1024

    def read(self, *args):
        raise AssertionError("the file was read")


def test_a_50_mb_file_is_refused_by_size_without_being_read():
    with pytest.raises(ImportFileError) as caught:
        parse_upload(Unreadable())

    assert caught.value.code == "too_large"


def test_a_real_50_mb_file_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "enorme.csv"
    with path.open("wb") as handle:
        handle.write(csv_bytes([ROW]))
        handle.truncate(50 * 1024 * 1024)
    monkeypatch.setattr(parsing, "parse_bytes", lambda *a, **k: pytest.fail("parsed"))

    with path.open("rb") as handle, pytest.raises(ImportFileError) as caught:
        parse_upload(File(handle, name="enorme.csv"))

    assert caught.value.code == "too_large"
    assert os.path.getsize(path) == 50 * 1024 * 1024


def test_the_size_limit_is_a_setting(settings):
    content = csv_bytes([ROW] * 20)
    settings.LMS_IMPORT_MAX_BYTES = len(content) - 1

    assert refusal(content).code == "too_large"

    settings.LMS_IMPORT_MAX_BYTES = len(content)
    assert len(parse_upload(upload(content)).rows) == 20


def test_too_many_rows_are_refused(settings):
    settings.LMS_IMPORT_MAX_ROWS = 10
    rows = [[f"p{index}@exemple.fr"] for index in range(11)]

    assert refusal(csv_bytes(rows, header=["courriel"])).code == "too_many_rows"
    assert refusal(xlsx_bytes(rows, header=["courriel"]), "a.xlsx").code == "too_many_rows"
    assert len(parse_bytes(csv_bytes(rows[:10], header=["courriel"])).rows) == 10


def test_too_many_rows_are_refused_before_the_csv_is_parsed(settings, monkeypatch):
    settings.LMS_IMPORT_MAX_ROWS = 10
    monkeypatch.setattr(parsing.csv, "reader", lambda *a, **k: pytest.fail("parsed"))
    rows = [[f"p{index}@exemple.fr"] for index in range(11)]

    assert refusal(csv_bytes(rows, header=["courriel"])).code == "too_many_rows"


def test_a_binary_file_is_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20

    assert refusal(png, "photo.csv").code == "binary"


def test_a_binary_file_without_zero_bytes_is_refused():
    noise = bytes(value for value in range(1, 32) if value not in (9, 10, 12, 13)) * 200

    assert refusal(noise).code == "binary"


def test_a_zip_renamed_xlsx_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("notes.txt", "courriel\na@exemple.fr\n")

    error = refusal(archive.getvalue(), "apprenants.xlsx")

    assert error.code == "not_a_workbook"


def test_a_damaged_zip_is_refused():
    assert refusal(b"PK\x03\x04" + b"garbage" * 100, "apprenants.xlsx").code == "not_a_workbook"


def test_a_damaged_workbook_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("[Content_Types].xml", "<Types/>")
        handle.writestr("xl/workbook.xml", "not xml")

    assert refusal(archive.getvalue(), "apprenants.xlsx").code == "unreadable"


def test_a_text_file_named_xlsx_is_refused():
    assert refusal(csv_bytes([ROW]), "apprenants.xlsx").code == "not_a_workbook"


def test_an_old_xls_file_is_refused():
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512

    assert refusal(ole2, "apprenants.xls").code == "old_excel"


def test_an_opendocument_spreadsheet_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        handle.writestr("content.xml", "<office:document-content/>")

    assert refusal(archive.getvalue(), "apprenants.ods").code == "ods"


def test_a_zip_bomb_is_refused_before_opening(settings, monkeypatch):
    settings.LMS_IMPORT_MAX_BYTES = 100_000
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as handle:
        handle.writestr("[Content_Types].xml", "<Types/>")
        handle.writestr("xl/worksheets/sheet1.xml", "0" * 3_000_000)
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened"))

    assert refusal(archive.getvalue(), "a.xlsx").code == "too_large"


def test_standard_header_is_the_documented_one():
    assert list(parsing.COLUMNS) == HEADER
