"""Deliverables: size and type limits checked on the content, clear French messages,
nothing half-written in storage or in the database."""

import io
import zipfile
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from lms.binomes.errors import BinomeError
from lms.binomes.models import Deliverable
from lms.binomes.services import deliverable_add, deliverable_remove

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


def _files():
    return (
        sorted(
            name
            for directory in default_storage.listdir("binomes")[0]
            for name in default_storage.listdir(f"binomes/{directory}")[1]
        )
        if default_storage.exists("binomes")
        else []
    )


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("note.pdf", PDF, "pdf"),
        ("carte.png", PNG, "png"),
        ("cr.docx", DOCX, "docx"),
        ("cr.odt", ODT, "odt"),
    ],
)
def test_accepted_files_are_stored_with_their_kind(binome, civil_servant, name, content, kind):
    deliverable = deliverable_add(
        binome=binome, by=civil_servant, upload=SimpleUploadedFile(name, content)
    )
    assert deliverable.kind == kind
    assert deliverable.size == len(content)
    assert deliverable.file.name.startswith(f"binomes/{binome.project.pk}/")
    assert default_storage.open(deliverable.file.name).read() == content


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("script.exe", b"MZ\x90\x00", "type_not_allowed"),
        ("faux.pdf", b"<html>not a pdf</html>", "content_mismatch"),
        ("image.pdf", PNG, "content_mismatch"),
        ("archive.docx", _zip({"readme.txt": b"hello"}), "content_mismatch"),
        ("tableau.xlsx", DOCX, "content_mismatch"),
        ("vide.pdf", b"", "empty_file"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(binome, civil_servant, name, content, code):
    with pytest.raises(BinomeError) as error:
        deliverable_add(binome=binome, by=civil_servant, upload=SimpleUploadedFile(name, content))
    assert error.value.code == code
    assert not Deliverable.objects.exists()
    assert _files() == []


def test_a_file_over_the_limit_is_refused(binome, civil_servant, settings):
    settings.LMS_BINOME_DELIVERABLE_MAX_BYTES = 20
    with pytest.raises(BinomeError) as error:
        deliverable_add(binome=binome, by=civil_servant, upload=SimpleUploadedFile("n.pdf", PDF))
    assert error.value.code == "too_large"
    assert _files() == []


def test_no_file_is_left_when_the_database_write_fails(binome, civil_servant):
    with (
        mock.patch.object(Deliverable, "save", side_effect=RuntimeError("database down")),
        pytest.raises(RuntimeError),
    ):
        deliverable_add(binome=binome, by=civil_servant, upload=SimpleUploadedFile("n.pdf", PDF))
    assert _files() == []


def test_removing_a_deliverable_removes_its_file(
    binome, civil_servant, django_capture_on_commit_callbacks
):
    deliverable = deliverable_add(
        binome=binome, by=civil_servant, upload=SimpleUploadedFile("n.pdf", PDF)
    )
    with django_capture_on_commit_callbacks(execute=True):
        deliverable_remove(deliverable=deliverable, by=civil_servant)
    assert not Deliverable.objects.exists()
    assert _files() == []


def test_the_upload_page_shows_a_clear_message(client, binome, civil_servant):
    client.force_login(civil_servant)
    with translation.override("fr"):
        response = client.post(
            reverse("binomes:deliverable_add", args=(binome.pk,)),
            {"file": SimpleUploadedFile("faux.pdf", b"<html></html>")},
            follow=True,
        )
    messages = [str(message) for message in response.context["messages"]]
    assert any(".pdf" in message for message in messages)
    assert not Deliverable.objects.exists()


def test_deliverables_download_for_the_binome_only(
    client, binome, civil_servant, association_leader, other_learner
):
    deliverable = deliverable_add(
        binome=binome, by=civil_servant, upload=SimpleUploadedFile("note.pdf", PDF)
    )
    url = reverse("binomes:deliverable_download", args=(deliverable.pk,))
    client.force_login(association_leader)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    client.force_login(other_learner)
    assert client.get(url).status_code == 404
