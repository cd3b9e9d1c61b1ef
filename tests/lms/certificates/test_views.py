"""Verification pages and JSON (public, rate-limited), learners' downloads, admin screens."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from lms.certificates.codes import code_format, code_generate
from lms.certificates.models import Certificate, CertificateTemplate
from lms.certificates.services import certificate_issue, certificate_reissue, certificate_revoke
from tests.factories import UserFactory
from tests.lms.certificates.support import pdf_text
from tests.lms.enrolment.support import page_text, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


@pytest.fixture
def issued(graduate, module, module_template, administrator, renderer) -> Certificate:
    return certificate_issue(
        learner=graduate, target=module, issued_by=administrator, renderer=renderer
    )


def verify_url(certificate) -> str:
    return f"/attestations/verifier/{certificate.display_code}/"


def json_url(code: str) -> str:
    return f"/attestations/verifier/{code}.json"


# Public verification -----------------------------------------------------------------------


def test_a_valid_certificate_shows_its_facts_without_login(client, issued):
    response = client.get(verify_url(issued))
    text = page_text(response)

    assert response.status_code == 200
    assert "Éloïse d'Aubigné" in text
    assert "Financer l'action publique" in text
    assert "CHESP 2026" in text
    assert "12 mars 2026" in text
    assert issued.sha256 in text
    assert "Cette attestation est valide" in text or "This certificate is valid" in text


def test_a_typed_code_is_normalised_and_redirected(client, issued):
    typed = issued.display_code.lower().replace("-", " ")

    response = client.get("/attestations/verifier/", {"code": typed})

    assert response.status_code == 302
    assert response["Location"] == verify_url(issued)


def test_a_typo_is_caught_by_the_check_symbol(client, issued):
    code = issued.code
    swapped = code[1] + code[0] + code[2:] if code[0] != code[1] else "1" + code[1:]
    if swapped == code:  # pragma: no cover - vanishingly rare
        swapped = ("0" if code[0] != "0" else "1") + code[1:]

    response = client.get("/attestations/verifier/", {"code": code_format(swapped)})

    assert response.status_code == 400
    error = response.context["form"].errors.as_data()["code"][0]
    assert error.code == "check"
    assert error.message in page_text(response)


def test_an_unknown_code_is_404(client):
    response = client.get(f"/attestations/verifier/{code_format(code_generate())}/")

    assert response.status_code == 404


def test_the_json_view_answers_200_410_404(client, issued, administrator, renderer):
    response = client.get(json_url(issued.display_code))
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "valid"
    assert data["holder"] == "Éloïse d'Aubigné"
    assert data["sha256"] == issued.sha256
    assert data["superseded_by"] is None

    new = certificate_reissue(certificate=issued, issued_by=administrator, renderer=renderer)
    response = client.get(json_url(issued.display_code))
    assert response.status_code == 410
    assert response.json()["status"] == "superseded"
    assert response.json()["superseded_by"]["code"] == new.display_code

    certificate_revoke(certificate=new, by=administrator, reason="Fraude")
    response = client.get(json_url(new.code.lower()))
    assert response.status_code == 410
    assert response.json()["status"] == "revoked"

    assert client.get(json_url(code_format(code_generate()))).status_code == 404
    assert client.get(json_url("pas-un-code")).status_code == 404


def test_revoked_and_superseded_pages_say_so(client, issued, administrator, renderer):
    new = certificate_reissue(certificate=issued, issued_by=administrator, renderer=renderer)
    response = client.get(verify_url(issued))
    assert response.status_code == 200
    assert new.get_absolute_url() in response.content.decode()
    assert "replaced" in page_text(response) or "remplacée" in page_text(response)

    certificate_revoke(certificate=new, by=administrator, reason="Fraude")
    text = page_text(client.get(verify_url(new)))
    assert "revoked" in text or "révoquée" in text


def test_verification_is_rate_limited_per_client(client, issued, settings):
    settings.LMS_CERTIFICATE_VERIFY_RATE = "5/minute"
    for _ in range(5):
        assert client.get(json_url(issued.display_code)).status_code == 200

    response = client.get(json_url(issued.display_code))
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert client.get(verify_url(issued)).status_code == 429
    # Another client address still gets through.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.get(json_url(issued.display_code)).status_code == 200


def test_the_counts_live_in_the_database_cache_shared_by_every_process(client, issued):
    """Without Redis, the counters are rows of the database cache table (not one process's
    memory), so all gunicorn workers share them."""
    from django.db import connection

    client.get(json_url(issued.display_code))
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM lms_shared_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert any("ratelimit" in key for key in keys)


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(client, issued, settings):
    settings.LMS_CERTIFICATE_VERIFY_RATE = "2/minute"
    settings.LMS_TRUSTED_PROXY_COUNT = 1
    first = {"HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    for _ in range(2):
        assert client.get(json_url(issued.display_code), **first).status_code == 200
    assert client.get(json_url(issued.display_code), **first).status_code == 429
    second = {"HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert client.get(json_url(issued.display_code), **second).status_code == 200


# Learners ----------------------------------------------------------------------------------


def test_the_learner_downloads_their_certificate_from_the_dashboard(issued, graduate):
    client = signed_in(graduate)
    dashboard = client.get("/mon-parcours/")
    url = reverse("certificates:download", args=[issued.pk])

    assert url in dashboard.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert issued.display_code in pdf_text(b"".join(response.streaming_content))


def test_another_learner_gets_404(issued):
    other = UserFactory()
    url = reverse("certificates:download", args=[issued.pk])

    assert signed_in(other).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page


# Administrators ----------------------------------------------------------------------------


def test_only_administrators_reach_the_certificate_screens(issued, trainer, graduate):
    urls = [
        reverse("certificates_admin_index"),
        reverse("certificates_admin_issue"),
        reverse("certificates_admin_detail", args=[issued.pk]),
        reverse("certificates_admin_pdf", args=[issued.pk]),
    ]
    for user in (trainer, graduate):
        client = signed_in(user)
        for url in urls:
            assert client.get(url).status_code in (302, 403), (user, url)
        response = client.post(
            reverse("certificates_admin_revoke", args=[issued.pk]), {"reason": "x"}
        )
        assert response.status_code in (302, 403)
    issued.refresh_from_db()
    assert issued.status == Certificate.Status.VALID


def test_the_administrator_checks_eligibility_then_issues(
    administrator, graduate, module, module_template, learner
):
    client = signed_in(administrator)
    url = reverse("certificates_admin_issue")
    assert client.get(url).status_code == 200

    form = {"email": graduate.email, "target": str(module.pk), "language": "", "template": ""}
    response = client.post(url, {**form, "action": "check"})
    assert response.status_code == 200
    assert not Certificate.objects.exists()

    response = client.post(url, {**form, "action": "issue"})
    certificate = Certificate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates_admin_detail", args=[certificate.pk])

    # Already certified: the reason is shown, nothing issued.
    response = client.post(url, {**form, "action": "issue"})
    assert response.status_code == 200
    assert certificate.display_code in page_text(response)
    assert Certificate.objects.count() == 1


def test_the_administrator_sees_why_a_learner_is_not_eligible(
    administrator, module, module_template
):
    other = UserFactory(email="pas-fini@exemple.fr")
    response = signed_in(administrator).post(
        reverse("certificates_admin_issue"),
        {"email": other.email, "target": str(module.pk), "action": "issue"},
    )

    assert response.status_code == 200
    assert not Certificate.objects.exists()
    text = page_text(response)
    assert "not complete" in text or "pas terminé" in text or "n'est pas" in text


def test_revoke_needs_a_post_with_a_reason(administrator, issued):
    client = signed_in(administrator)
    url = reverse("certificates_admin_revoke", args=[issued.pk])

    assert client.get(url).status_code == 405
    client.post(url, {"reason": ""})
    issued.refresh_from_db()
    assert issued.status == Certificate.Status.VALID

    client.post(url, {"reason": "Erreur d'attribution"})
    issued.refresh_from_db()
    assert issued.status == Certificate.Status.REVOKED
    assert issued.revoked_reason == "Erreur d'attribution"


def test_revoke_is_csrf_protected(administrator, issued):
    client = Client(enforce_csrf_checks=True)
    client.force_login(administrator)

    response = client.post(reverse("certificates_admin_revoke", args=[issued.pk]), {"reason": "x"})

    assert response.status_code == 403
    issued.refresh_from_db()
    assert issued.status == Certificate.Status.VALID


def test_reissue_from_the_admin(administrator, issued):
    response = signed_in(administrator).post(
        reverse("certificates_admin_reissue", args=[issued.pk]), {"language": "en"}
    )

    new = Certificate.objects.get(status="valid")
    assert response.status_code == 302
    assert new.language == "en"
    issued.refresh_from_db()
    assert issued.superseded_by == new


def test_the_list_and_detail_pages(administrator, issued):
    client = signed_in(administrator)

    listing = client.get(reverse("certificates_admin_index"), {"q": issued.display_code[:9]})
    assert issued.display_code in page_text(listing)
    detail = client.get(reverse("certificates_admin_detail", args=[issued.pk]))
    assert issued.sha256 in page_text(detail)
    menu = client.get("/admin/").content.decode()
    assert reverse("certificates_admin_index") in menu
    assert reverse("certificates_templates:list") in menu


# Templates ---------------------------------------------------------------------------------


def template_form(**changes) -> dict:
    form = {
        "name": "Modèle de test",
        "kind": "module",
        "target": "",
        "is_active": "on",
        "title_fr": "Attestation",
        "title_en": "Certificate",
        "body_fr": "{nom_complet} a suivi {module}.",
        "body_en": "{nom_complet} followed {module}.",
        "signatory_name": "Jeanne Martin",
        "signatory_role_fr": "Directrice",
        "signatory_role_en": "Director",
        "primary_colour": "#000091",
        "accent_colour": "#E1000F",
    }
    form.update(changes)
    return form


def test_administrators_create_templates_which_get_a_version(administrator):
    client = signed_in(administrator)
    add_url = reverse("certificates_templates:add")

    assert client.get(add_url).status_code == 200
    response = client.post(add_url, template_form())

    assert response.status_code == 302
    template = CertificateTemplate.objects.get()
    assert template.version == 1
    assert template.versions.get().data["body_fr"] == "{nom_complet} a suivi {module}."

    edit_url = reverse("certificates_templates:edit", args=[template.pk])
    client.post(edit_url, template_form(body_fr="{nom_complet} a terminé {module}."))
    template.refresh_from_db()
    assert template.version == 2


def test_a_broken_template_is_refused_with_clear_messages(administrator):
    response = signed_in(administrator).post(
        reverse("certificates_templates:add"),
        template_form(body_fr="<p>{prenom} {inconnu}", title_en="Certificate {x}"),
    )

    assert response.status_code == 200
    assert not CertificateTemplate.objects.exists()
    text = page_text(response)
    assert "{x}" in text
    assert "<p>" in text


def test_trainers_cannot_manage_templates(trainer, module_template):
    client = signed_in(trainer)

    assert client.get(reverse("certificates_templates:add")).status_code in (302, 403)
    response = client.get(reverse("certificates_admin_template_preview", args=[module_template.pk]))
    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/pdf"


def test_the_template_preview_is_a_pdf_with_sample_data(administrator, module_template):
    response = signed_in(administrator).get(
        reverse("certificates_admin_template_preview", args=[module_template.pk]), {"lang": "en"}
    )

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Certificate of training" in text
    assert "Camille Dupont-Lefèvre" in text


def test_the_live_preview_renders_the_unsaved_form(administrator, module_template):
    client = signed_in(administrator)
    url = reverse("certificates_templates:preview_on_edit", args=[module_template.pk])

    response = client.post(url, template_form(title_fr="Titre en cours d'écriture"))
    assert response.status_code == 200
    assert response.json()["is_valid"] is True
    preview = client.get(url, {"mode": "fr"})
    assert preview["Content-Type"] == "application/pdf"
    assert preview.get("X-Frame-Options", "SAMEORIGIN") == "SAMEORIGIN"  # shown in the panel
    assert "Titre en cours d'écriture" in pdf_text(preview.content)

    response = client.post(url, template_form(body_fr="{inconnu}"))
    assert response.json()["is_valid"] is False


def test_a_template_that_cannot_render_shows_why_in_the_preview(administrator, module_template):
    from lms.certificates.admin_views import template_preview_response

    module_template.body_fr = "<p>{nom_complet}"
    response = template_preview_response(template=module_template, language="fr")

    assert response["Content-Type"].startswith("text/html")
    assert "<p>" in page_text(response)
    assert "never closed" in page_text(response) or "jamais fermée" in page_text(response)


def test_the_deploy_check_warns_about_a_local_verification_address(settings):
    from lms.certificates.checks import check_site_origin

    settings.LMS_SITE_ORIGIN = ""
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    assert [warning.id for warning in check_site_origin(None)] == ["certificates.W001"]
    settings.LMS_SITE_ORIGIN = "https://formation.exemple.gouv.fr"
    assert check_site_origin(None) == []


@pytest.mark.parametrize("check", ["*", "~", "$", "=", "U"])
def test_codes_ending_with_a_symbol_check_verify_by_url(client, issued, check):
    from lms.certificates.codes import ALPHABET, check_symbol

    data = issued.code[:17]
    code = next(
        data + a + b + check
        for a in ALPHABET
        for b in ALPHABET
        if check_symbol(data + a + b) == check
    )
    Certificate.objects.filter(pk=issued.pk).update(code=code)
    issued.refresh_from_db()

    assert client.get(issued.get_absolute_url()).status_code == 200
    assert client.get(json_url(issued.display_code)).status_code == 200
    assert (
        client.get(json_url(issued.display_code).replace(check, f"%{ord(check):02X}")).status_code
        == 200
    )


def test_the_live_preview_of_a_new_template(administrator):
    client = signed_in(administrator)
    url = reverse("certificates_templates:preview_on_add")

    assert client.post(url, template_form(title_fr="Nouveau modèle")).json()["is_valid"] is True
    preview = client.get(url, {"mode": "fr"})
    assert preview["Content-Type"] == "application/pdf"
    assert "Nouveau modèle" in pdf_text(preview.content)
