"""Helpers of the imports tests: files as bytes, uploads, signed-in clients, invitations."""

from __future__ import annotations

import csv
import io

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

HEADER = ["courriel", "prénom", "nom", "public", "organisation", "territoire", "promotion"]
INVITATION_PATH = "/comptes/mot-de-passe/reinitialisation/"


def csv_bytes(
    rows: list[list[str]],
    *,
    header: list[str] | None = None,
    delimiter: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
) -> bytes:
    """A CSV file: ``header`` (the standard one by default) then ``rows``."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER if header is None else header)
    writer.writerows(rows)
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows: list[list], *, header: list[str] | None = None) -> bytes:
    """An Excel workbook whose first sheet holds ``header`` then ``rows``."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER if header is None else header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(content: bytes, name: str = "apprenants.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def invitations_sent() -> list:
    """The invitation e-mails sent so far: those carrying a link to choose a password."""
    return [message for message in mail.outbox if INVITATION_PATH in message.body]


def invited_addresses() -> list[str]:
    return sorted(address for message in invitations_sent() for address in message.to)
