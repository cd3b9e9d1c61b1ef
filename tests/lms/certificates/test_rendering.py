"""Rendering: a one-page A4 landscape PDF/UA with metadata, real text, embedded fonts, a QR
code that decodes to the verification address, and a fetcher that refuses outside files."""

from __future__ import annotations

import copy

import pytest
from django.test import override_settings

from lms.certificates.fetcher import RestrictedURLFetcher
from lms.certificates.rendering import CertificateRenderError
from lms.certificates.services import sample_snapshot
from tests.lms.certificates.conftest import MODULE_BODY_EN, MODULE_BODY_FR
from tests.lms.certificates.support import pdf_reader, pdf_text, qr_codes

DATA = {
    "kind": "module",
    "title_fr": "Attestation de formation",
    "title_en": "Certificate of training",
    "body_fr": MODULE_BODY_FR,
    "body_en": MODULE_BODY_EN,
    "signatory_name": "Jeanne Martin",
    "signatory_role_fr": "Directrice de la formation",
    "signatory_role_en": "Head of training",
    "primary_colour": "#000091",
    "accent_colour": "#E1000F",
    "images": {},
}


def snapshot(**changes) -> dict:
    result = sample_snapshot(kind="module", language=changes.pop("language", "fr"))
    for key, value in changes.items():
        result[key] = value
        if key == "holder":
            result["values"]["nom_complet"] = value
    return result


@pytest.fixture(scope="module")
def sample(renderer):
    shot = snapshot()
    return shot, renderer.render(data=DATA, snapshot=shot)


def test_one_a4_landscape_page(sample):
    _shot, pdf = sample
    reader = pdf_reader(pdf)

    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert round(float(box.width) * 25.4 / 72) == 297
    assert round(float(box.height) * 25.4 / 72) == 210


def test_name_code_and_texts_are_real_text(sample):
    shot, pdf = sample
    text = pdf_text(pdf)

    assert shot["holder"] in text
    assert shot["display_code"] in text
    assert "Attestation de formation" in text
    assert "Jeanne Martin" in text
    assert "CHESP 2026" in text


def test_metadata_title_author_subject(sample):
    shot, pdf = sample
    metadata = pdf_reader(pdf).metadata

    assert metadata.title == f"Attestation de formation – {shot['holder']}"
    assert metadata.author == "Jeanne Martin"
    assert shot["target_title"] in metadata.subject
    assert shot["holder"] in metadata.subject


def test_the_pdf_is_tagged_and_declares_pdf_ua(sample):
    _shot, pdf = sample
    reader = pdf_reader(pdf)
    catalog = reader.trailer["/Root"]

    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "fr"
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()


def test_fonts_are_embedded_with_marianne(sample):
    _shot, pdf = sample
    fonts = pdf_reader(pdf).pages[0]["/Resources"]["/Font"]
    names = set()
    for font in fonts.values():
        font = font.get_object()
        names.add(str(font["/BaseFont"]))
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert any("Marianne" in name for name in names)


def test_the_qr_code_decodes_to_the_verification_url(sample):
    shot, pdf = sample

    assert qr_codes(pdf) == [shot["verification_url"]]
    assert shot["verification_url"] in pdf_text(pdf).replace(" ", "")


def test_the_english_version(renderer):
    shot = snapshot(language="en")
    text = pdf_text(renderer.render(data=DATA, snapshot=shot))

    assert "Certificate of training" in text
    assert "Head of training" in text
    assert pdf_reader(renderer.render(data=DATA, snapshot=shot)).trailer["/Root"]["/Lang"] == "en"


@pytest.mark.parametrize(
    "holder",
    [
        "Éloïse d'Aubigné-Lefèvre",
        "Ἀλέξανδρος Παπαδόπουλος",
        "Анна Ахматова",
        "محمد عبد الله",
        "Jean-Baptiste " + "Grandnom-Delacroix " * 12 + "Fin",
    ],
)
def test_names_in_every_script_render_with_no_missing_glyph(renderer, holder):
    pdf = renderer.render(data=DATA, snapshot=snapshot(holder=holder))
    reader = pdf_reader(pdf)
    text = pdf_text(pdf)

    assert len(reader.pages) == 1
    # Every word of the name comes back from the PDF's text (no .notdef boxes).
    for word in holder.split():
        assert word in text, word
    assert "\ufffd" not in text


def test_values_cannot_inject_markup(renderer):
    shot = snapshot(holder="<img src='file:///etc/passwd'>")
    pdf = renderer.render(data=DATA, snapshot=shot)

    assert "<img src='file:///etc/passwd'>" in pdf_text(pdf)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://example.org/logo.png",
        "http://testserver.evil.example/static/x.png",
        "ftp://example.org/x.png",
        "http://testserver/static/../../../etc/passwd",
        "http://testserver/media/../secret_key",
        "http://testserver/static/certificates/does-not-exist.css",
        "data:text/html,<h1>x</h1>",
    ],
)
def test_the_fetcher_refuses_what_is_not_the_platforms_own(url):
    fetcher = RestrictedURLFetcher(base_url="http://testserver/")

    with pytest.raises(ValueError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_fetcher_serves_static_media_and_small_data_images(tmp_path, settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save("certificates/test/logo.svg", ContentFile(b"<svg/>"))
    fetcher = RestrictedURLFetcher(base_url="http://testserver/")

    assert fetcher.fetch("http://testserver/static/certificates/certificate.css").read()
    assert fetcher.fetch(f"http://testserver/media/{name}").read() == b"<svg/>"
    assert fetcher.fetch("data:image/svg+xml,%3Csvg%2F%3E").read() == b"<svg/>"
    with pytest.raises(ValueError):
        fetcher.fetch("data:image/png;base64," + "A" * 200_000)


@pytest.mark.parametrize("url", ["file:///etc/hostname", "https://example.org/logo.png"])
def test_a_template_pointing_outside_is_refused(renderer, url):
    data = copy.deepcopy(DATA)
    data["images"] = {"logo_1": {"name": "x.png", "alt": "Logo"}}
    original = renderer.media_url
    renderer.media_url = lambda name: url
    try:
        with pytest.raises(CertificateRenderError) as error:
            renderer.render(data=data, snapshot=snapshot())
    finally:
        renderer.media_url = original

    assert error.value.code == "resource"
    assert url in error.value.message


@override_settings(LMS_SITE_ORIGIN="https://formation.exemple.gouv.fr")
def test_the_verification_url_uses_the_site_origin():
    shot = sample_snapshot(kind="module", language="fr")

    assert shot["verification_url"].startswith(
        "https://formation.exemple.gouv.fr/attestations/verifier/"
    )
    assert shot["verification_url"].endswith(shot["display_code"] + "/")
