"""E-mail templates: French defaults from the migration, placeholders checked on save and
on rendering, edited by administrators in the admin."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from lms.notifications.defaults import DEFAULT_TEMPLATES
from lms.notifications.models import EmailKey, EmailTemplate
from lms.notifications.placeholders import (
    PlaceholderError,
    allowed_placeholders,
    placeholders_check,
    placeholders_render,
)
from lms.notifications.services import email_render

pytestmark = pytest.mark.django_db

VALUES = {
    "prenom": "Claire",
    "nom": "Martin",
    "plateforme": "La fonction publique s'engage",
    "operateur": "INSP",
    "contact": "contact@insp.gouv.fr",
    "module": "Financer l'action publique",
    "lien": "http://testserver/m/",
    "courriel": "claire.martin@interieur.gouv.fr",
    "date": "12 mars 2026",
    "partenaire": "Karim Benali",
    "promotion": "CHESP 2026",
    "projet": "Tiers-lieu rural",
    "intitule": "Financer l'action publique",
    "code": "7K3Q-9XZ2-M4TB-8HRW-P6NC",
    "lien_verification": "http://testserver/attestations/verifier/7K3Q-9XZ2-M4TB-8HRW-P6NC/",
}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_migration_creates_the_three_french_defaults():
    rows = {row.key: row for row in EmailTemplate.objects.all()}

    assert set(rows) == set(EmailKey.values)
    for key, (subject, body) in DEFAULT_TEMPLATES.items():
        assert (rows[key].subject, rows[key].body) == (subject, body)
        assert body.rstrip().endswith("L'équipe La fonction publique s'engage")
        # Every default uses only its own placeholders, and renders.
        placeholders_check(subject, key=key)
        assert set(placeholders_check(body, key=key)) <= set(allowed_placeholders(key))
        assert "{" not in placeholders_render(body, key=key, values=VALUES)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bonjour {prenon},", "unknown"),
        ("Votre lien : {date}", "unknown"),  # {date} belongs to « module completed »
        ("{prenom.__class__}", "malformed"),
        ("{prenom!r}", "malformed"),
        ("{prenom:>999999999}", "malformed"),
        ("{0}", "malformed"),
        ("{}", "malformed"),
        ("Bonjour {prenom", "braces"),
        ("Bonjour prenom}", "braces"),
    ],
)
def test_a_template_with_a_bad_placeholder_is_refused(text, code):
    template = EmailTemplate.objects.get(key=EmailKey.ENROLMENT_CONFIRMATION)
    template.body = text

    with pytest.raises(ValidationError) as caught:
        template.full_clean()

    assert [error.code for error in caught.value.error_dict["body"]] == [f"placeholder_{code}"]


def test_a_bad_placeholder_in_the_subject_is_refused_too():
    template = EmailTemplate.objects.get(key=EmailKey.INVITATION)
    template.subject = "Bienvenue {module}"  # no module in an invitation

    with pytest.raises(ValidationError) as caught:
        template.full_clean()

    assert set(caught.value.error_dict) == {"subject"}


def test_the_unknown_placeholder_message_names_it_and_the_allowed_ones():
    with pytest.raises(PlaceholderError) as caught:
        placeholders_check("Bonjour {prenon}", key=EmailKey.INVITATION)

    assert "{prenon}" in caught.value.message
    for name in allowed_placeholders(EmailKey.INVITATION):
        assert f"{{{name}}}" in caught.value.message


def test_braces_can_be_doubled_for_literal_braces():
    text = placeholders_render("{{ {prenom} }}", key=EmailKey.INVITATION, values=VALUES)

    assert text == "{ Claire }"


def test_rendering_refuses_an_unknown_placeholder_and_a_missing_value():
    with pytest.raises(PlaceholderError) as unknown:
        placeholders_render("{mot_de_passe}", key=EmailKey.INVITATION, values=VALUES)
    with pytest.raises(PlaceholderError) as missing:
        placeholders_render("{lien}", key=EmailKey.INVITATION, values={"prenom": "Claire"})

    assert unknown.value.code == "unknown"
    assert missing.value.code == "missing"


def test_values_outside_the_list_never_reach_the_text():
    # A context value that is not a placeholder of this e-mail is not usable.
    with pytest.raises(PlaceholderError):
        placeholders_render("{date}", key=EmailKey.INVITATION, values={**VALUES, "date": "secret"})


def test_a_deleted_template_falls_back_to_the_default_text():
    EmailTemplate.objects.filter(key=EmailKey.MODULE_COMPLETED).delete()

    subject, body = email_render(key=EmailKey.MODULE_COMPLETED, values=VALUES)

    default_subject, default_body = DEFAULT_TEMPLATES[EmailKey.MODULE_COMPLETED]
    assert subject == default_subject.format(**VALUES)
    assert body == default_body.format(**VALUES)


def test_a_stored_template_that_no_longer_renders_falls_back_to_the_default_text():
    # Saved around the form's validation (e.g. a placeholder removed from the list later).
    EmailTemplate.objects.filter(key=EmailKey.INVITATION).update(body="{inconnu}")

    _subject, body = email_render(key=EmailKey.INVITATION, values=VALUES)

    assert body == DEFAULT_TEMPLATES[EmailKey.INVITATION][1].format(**VALUES)


def test_the_subject_stays_on_one_line():
    EmailTemplate.objects.filter(key=EmailKey.ENROLMENT_CONFIRMATION).update(
        subject="Inscription : {module}"
    )

    subject, _body = email_render(
        key=EmailKey.ENROLMENT_CONFIRMATION, values={**VALUES, "module": "Un\nmodule"}
    )

    assert subject == "Inscription : Un module"


# Admin -------------------------------------------------------------------------------------


def edit_url(template) -> str:
    return reverse("notifications_emailtemplate:edit", args=[template.pk])


def test_administrators_edit_a_template(administrator, email_template_permissions):
    template = EmailTemplate.objects.get(key=EmailKey.ENROLMENT_CONFIRMATION)
    client = signed_in(administrator)

    assert client.get(reverse("notifications_emailtemplate:index")).status_code == 200
    response = client.post(
        edit_url(template),
        {"key": template.key, "subject": "Inscrit : {module}", "body": "Bonjour {prenom}."},
    )

    assert response.status_code == 302
    template.refresh_from_db()
    assert (template.subject, template.body) == ("Inscrit : {module}", "Bonjour {prenom}.")


def test_the_admin_form_refuses_an_unknown_placeholder(administrator, email_template_permissions):
    template = EmailTemplate.objects.get(key=EmailKey.ENROLMENT_CONFIRMATION)
    before = template.body

    response = signed_in(administrator).post(
        edit_url(template),
        {"key": template.key, "subject": template.subject, "body": "Bonjour {prenon}."},
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("body", code="placeholder_unknown")
    template.refresh_from_db()
    assert template.body == before


def test_trainers_cannot_edit_templates(trainer, email_template_permissions):
    template = EmailTemplate.objects.get(key=EmailKey.ENROLMENT_CONFIRMATION)
    client = signed_in(trainer)

    response = client.post(edit_url(template), {"key": template.key, "subject": "x", "body": "y"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(reverse("notifications_emailtemplate:index"))["Location"] == "/admin/"
    template.refresh_from_db()
    assert template.subject != "x"
