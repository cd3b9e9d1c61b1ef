"""Signing in, out, changing and resetting a password, and keeping learners out of /admin/."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.factories import DEFAULT_PASSWORD


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def _csrf_token(client, url):
    client.get(url)
    return client.cookies["csrftoken"].value


@pytest.mark.django_db
def test_login_page_is_in_french_and_uses_the_state_design_system(client):
    response = client.get("/comptes/connexion/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr"' in html
    assert "fr-header" in html and "fr-footer" in html and "fr-skiplinks" in html
    assert "Adresse électronique" in html
    assert "Se connecter" in html


@pytest.mark.django_db
def test_login_with_email_in_any_case(csrf_client, learner):
    token = _csrf_token(csrf_client, "/comptes/connexion/")
    response = csrf_client.post(
        "/comptes/connexion/",
        {
            "username": learner.email.upper(),
            "password": DEFAULT_PASSWORD,
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert csrf_client.session["_auth_user_id"] == str(learner.pk)


@pytest.mark.django_db
def test_login_without_csrf_token_is_refused(csrf_client, learner):
    response = csrf_client.post(
        "/comptes/connexion/", {"username": learner.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in csrf_client.session


@pytest.mark.django_db
def test_wrong_password_gives_a_french_message(client, learner):
    response = client.post(
        "/comptes/connexion/", {"username": learner.email, "password": "pas-le-bon"}
    )
    assert response.status_code == 200
    assert "Adresse électronique ou mot de passe incorrect" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_learner_is_never_sent_into_the_admin(client, learner):
    response = client.post(
        "/comptes/connexion/?next=/admin/",
        {"username": learner.email, "password": DEFAULT_PASSWORD, "next": "/admin/"},
    )
    assert response["Location"] == "/"
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_trainer_reaches_the_admin_after_login(client, trainer):
    response = client.post(
        "/comptes/connexion/",
        {"username": trainer.email, "password": DEFAULT_PASSWORD, "next": "/admin/"},
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_admin_login_for_anonymous_goes_to_the_site_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/connexion/?next=/admin/")


@pytest.mark.django_db
def test_login_ignores_an_external_next(client, learner):
    response = client.post(
        "/comptes/connexion/",
        {"username": learner.email, "password": DEFAULT_PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_logout_needs_post(client, learner):
    client.force_login(learner)
    assert client.get("/comptes/deconnexion/").status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post("/comptes/deconnexion/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_change(client, learner):
    client.force_login(learner)
    new_password = "un-nouveau-mot-de-passe-2026"
    response = client.post(
        "/comptes/mot-de-passe/",
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
        },
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password(new_password)


@pytest.mark.django_db
def test_password_change_requires_login(client):
    response = client.get("/comptes/mot-de-passe/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/connexion/")


@pytest.mark.django_db
def test_password_reset_by_email_in_french(client, learner):
    response = client.post("/comptes/mot-de-passe/oubli/", {"email": learner.email.upper()})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [learner.email]
    assert "mot de passe" in message.subject.lower()
    link = re.search(
        r"http://testserver(/comptes/mot-de-passe/reinitialisation/\S+/)", message.body
    )
    assert link, message.body

    response = client.get(link.group(1), follow=True)
    assert response.status_code == 200
    new_password = "encore-un-mot-de-passe-2026"
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password(new_password)


@pytest.mark.django_db
def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post("/comptes/mot-de-passe/oubli/", {"email": "inconnu@exemple.fr"})
    assert response.status_code == 302
    assert mail.outbox == []
