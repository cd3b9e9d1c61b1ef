"""« Mon profil »: the learner changes their name, organisation and preferred language."""

import pytest
from django.conf import settings
from django.test import Client

from curriculum.models import Audience
from lms.audit.models import AuditEntry
from lms.people.models import LearnerProfile
from tests.lms.people.helpers import french, page_text, signed_in

pytestmark = pytest.mark.django_db

PROFILE = "/mon-profil/"


def profile_data(user, **changes) -> dict:
    """The form as the page shows it to ``user``, with ``changes``."""
    profile = LearnerProfile.objects.filter(user=user).first() or LearnerProfile(user=user)
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "organisation": profile.organisation,
        "preferred_language": profile.preferred_language,
    }
    data.update(changes)
    return data


def test_the_profile_page_requires_signing_in(client):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"] == "/comptes/connexion/?next=/mon-profil/"

    response = client.post(PROFILE, {"first_name": "Intrus"})
    assert response.status_code == 302
    assert not AuditEntry.objects.exists()


def test_the_page_shows_the_form_and_what_administrators_set(civil_servant):
    response = signed_in(civil_servant).get(PROFILE)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html and "fr-header" in html
    assert 'name="csrfmiddlewaretoken"' in html
    for name in ("first_name", "last_name", "organisation", "preferred_language"):
        assert f'name="{name}"' in html
    for read_only in ("audience", "region", "departement"):
        assert f'name="{read_only}"' not in html
    text = page_text(response)
    assert "Auvergne-Rhône-Alpes – Rhône" in text
    assert french("Senior civil servants") in text
    assert 'value="Préfecture du Rhône"' in html


def test_viewing_the_page_creates_nothing(learner):
    assert signed_in(learner).get(PROFILE).status_code == 200
    assert not LearnerProfile.objects.filter(user=learner).exists()


def test_a_name_change_is_saved_and_logged(civil_servant):
    client = signed_in(civil_servant)

    response = client.post(
        PROFILE,
        profile_data(civil_servant, last_name="Martin-Roux", organisation="Préfecture du Nord"),
    )

    assert response.status_code == 302
    assert response["Location"] == PROFILE
    civil_servant.refresh_from_db()
    assert civil_servant.last_name == "Martin-Roux"
    entry = AuditEntry.objects.get(learner=civil_servant, action="profile.name_changed")
    assert entry.actor == civil_servant
    assert entry.data["old"] == {"first_name": "Claire", "last_name": "Martin"}
    assert entry.data["new"] == {"first_name": "Claire", "last_name": "Martin-Roux"}
    assert LearnerProfile.objects.get(user=civil_servant).organisation == "Préfecture du Nord"

    page = client.get(PROFILE)
    assert french("Your profile has been saved.") in page_text(page)


def test_the_audience_and_territory_cannot_be_changed_by_the_learner(civil_servant):
    response = signed_in(civil_servant).post(
        PROFILE,
        profile_data(
            civil_servant,
            audience=Audience.ASSOCIATION_LEADERS,
            region="11",
            departement="75",
        ),
    )

    assert response.status_code == 302
    profile = LearnerProfile.objects.get(user=civil_servant)
    assert (profile.audience, profile.region, profile.departement) == (
        Audience.CIVIL_SERVANTS,
        "84",
        "69",
    )
    assert not AuditEntry.objects.exists()


def test_bad_input_gets_a_french_message_and_changes_nothing(civil_servant):
    response = signed_in(civil_servant).post(
        PROFILE, profile_data(civil_servant, last_name="", preferred_language="de")
    )

    assert response.status_code == 200
    text = page_text(response)
    assert french("Your profile was not saved: please correct the fields marked below.") in text
    assert french("This field is required.") in text
    assert "Sélectionnez un choix valide." in text  # Django's own French
    civil_servant.refresh_from_db()
    assert civil_servant.last_name == "Martin"
    assert LearnerProfile.objects.get(user=civil_servant).preferred_language == "fr"
    assert not AuditEntry.objects.exists()


def test_changing_the_preferred_language_switches_the_interface(civil_servant):
    client = signed_in(civil_servant)

    response = client.post(PROFILE, profile_data(civil_servant, preferred_language="en"))

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert LearnerProfile.objects.get(user=civil_servant).preferred_language == "en"
    page = client.get(PROFILE)
    assert '<html lang="en"' in page.content.decode()

    # Saving again without changing the language leaves the cookie alone.
    response = client.post(PROFILE, profile_data(civil_servant, preferred_language="en"))
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_a_post_without_csrf_token_is_refused(civil_servant):
    client = signed_in(civil_servant, enforce_csrf_checks=True)

    response = client.post(PROFILE, profile_data(civil_servant, last_name="Sans-Jeton"))

    assert response.status_code == 403
    civil_servant.refresh_from_db()
    assert civil_servant.last_name == "Martin"


def test_a_post_with_the_csrf_token_is_accepted(civil_servant):
    client = signed_in(civil_servant, enforce_csrf_checks=True)
    client.get(PROFILE)
    token = client.cookies["csrftoken"].value

    response = client.post(
        PROFILE,
        {**profile_data(civil_servant, last_name="Avec-Jeton"), "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    civil_servant.refresh_from_db()
    assert civil_servant.last_name == "Avec-Jeton"


def test_trainers_have_a_profile_page_too(trainer):
    client = Client()
    client.force_login(trainer)
    assert client.get(PROFILE).status_code == 200
