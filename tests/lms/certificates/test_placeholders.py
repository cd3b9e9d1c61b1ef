"""Placeholders and the sanitised body: values escaped, tags limited, clear French errors."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from lms.certificates.models import CertificateTemplate
from lms.certificates.placeholders import (
    PLACEHOLDERS,
    TemplateTextError,
    body_check,
    body_render,
    text_check,
    text_render,
)

VALUES = {"prenom": "Zoé", "nom": "<script>alert('x')</script>", "module": "A & B"}


def test_values_are_inserted_escaped():
    html = body_render("Bravo {prenom} {nom} pour « {module} ».", kind="module", values=VALUES)

    assert html == ("<p>Bravo Zoé &lt;script&gt;alert('x')&lt;/script&gt; pour « A &amp; B ».</p>")


def test_plain_text_becomes_paragraphs_and_line_breaks():
    html = body_render("Un\ndeux\n\n\ntrois", kind="module", values={})

    assert html == "<p>Un<br>deux</p>\n<p>trois</p>"


def test_the_allowed_tags_are_kept_without_attributes():
    html = body_render(
        "<p>Le <strong>module</strong> et <em>{module}</em><br/>fin</p>",
        kind="module",
        values=VALUES,
    )

    assert html == "<p>Le <strong>module</strong> et <em>A &amp; B</em><br>fin</p>"


def test_inline_tags_across_a_blank_line_stay_well_formed():
    html = body_render("<strong>un\n\ndeux</strong>", kind="module", values={})

    assert html == "<p><strong>un</strong></p>\n<p><strong>deux</strong></p>"


def test_doubled_braces_write_a_brace():
    assert body_render("{{prenom}}", kind="module", values=VALUES) == "<p>{prenom}</p>"


@pytest.mark.parametrize(
    ("body", "code", "fragment"),
    [
        ("Bonjour {inconnu}", "unknown", "{inconnu}"),
        ("Bonjour {nom", "braces", "accolade"),
        ("{nom.__class__}", "malformed", "{nom.__class__}"),
        ("{nom!r}", "malformed", ""),
        ("<p>jamais fermé", "broken", "<p>"),
        ("</em>", "broken", "</em>"),
        ("<strong><em>x</strong></em>", "broken", "</strong>"),
        ("<p>un <p>deux</p></p>", "nesting", "<p>"),
        ('<p style="color:red">x</p>', "attribute", "<p"),
        ('<img src="file:///etc/passwd">', "tag", "<img>"),
        ("<script>alert(1)</script>", "tag", "<script>"),
        ("<a href='https://exemple.fr'>lien</a>", "tag", "<a>"),
        ("<!-- commentaire -->", "markup", ""),
        ("texte <strong", "broken", "»"),
    ],
)
def test_a_bad_body_is_refused_with_a_french_message(body, code, fragment):
    with translation.override("fr"), pytest.raises(TemplateTextError) as error:
        body_check(body, kind="module")

    assert error.value.code == code
    assert fragment.replace("»", "") in error.value.message


def test_an_unknown_placeholder_is_named_in_french():
    with translation.override("fr"), pytest.raises(TemplateTextError) as error:
        body_check("Bravo {inconu}", kind="module")

    assert "{inconu}" in error.value.message
    assert "{prenom}" in error.value.message  # the allowed list is given


def test_module_is_not_a_placeholder_of_curriculum_certificates():
    body_check("{module}", kind="module")
    with pytest.raises(TemplateTextError):
        body_check("{module}", kind="curriculum")


def test_every_documented_placeholder_is_accepted_in_module_certificates():
    body_check(" ".join(f"{{{name}}}" for name in PLACEHOLDERS), kind="module")


def test_titles_are_plain_text_with_placeholders():
    assert text_render("Attestation – {module}", kind="module", values=VALUES) == (
        "Attestation – A & B"
    )
    with pytest.raises(TemplateTextError):
        text_check("<b>Titre</b>", kind="module")
    with pytest.raises(TemplateTextError):
        text_check("Titre {x}", kind="module")


@pytest.mark.django_db
def test_a_template_with_errors_does_not_validate():
    template = CertificateTemplate(
        name="Cassé",
        kind="module",
        title_fr="Attestation {inconnu}",
        title_en="Certificate",
        body_fr="<p>Ouvert",
        body_en="<div>x</div>",
        signatory_name="J. M.",
        signatory_role_fr="Directrice",
        signatory_role_en="Director",
        primary_colour="red; background: url(file:///etc/passwd)",
    )
    with pytest.raises(ValidationError) as error:
        template.full_clean()

    assert set(error.value.message_dict) >= {"title_fr", "body_fr", "body_en", "primary_colour"}
