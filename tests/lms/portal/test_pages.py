"""The public pages: home, legal pages and the footer that links them, in French."""

from html import unescape

import pytest

from curriculum.services import mirror_pair_create
from lms.portal.models import AccessibilityPage, ConformityStatus


@pytest.fixture
def programme(association_curriculum, civil_servant_curriculum, module_factory):
    financing = module_factory(parent=association_curriculum, title="Financer l'action publique")
    models = module_factory(parent=civil_servant_curriculum, title="Modèles économiques de l'ESS")
    mirror_pair_create(first=financing, second=models)
    return financing, models


@pytest.mark.django_db
def test_home_presents_both_curricula_and_the_mirror_view(client, programme):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr"' in html
    assert 'href="/parcours/politiques-publiques/"' in html
    assert 'href="/parcours/ess-innovation-sociale/"' in html
    assert 'href="/parcours/miroir/"' in html
    assert "Voir la vue miroir" in html
    assert "Responsables d'association" in unescape(html)
    assert "Haute fonction publique" in html


@pytest.mark.django_db
def test_main_menu_lists_curricula_and_mirror_view(client, programme):
    html = client.get("/parcours/politiques-publiques/").content.decode()
    assert 'aria-current="page"' in html
    assert "Politiques publiques et service public" in html
    assert "ESS et innovation sociale" in html
    assert "Vue miroir" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/accessibilite/", "Déclaration d'accessibilité"),
        ("/mentions-legales/", "Mentions légales"),
        ("/donnees-personnelles/", "Données personnelles"),
    ],
)
def test_legal_pages_exist_and_are_linked_from_the_footer(client, url, title):
    page = client.get(url)
    assert page.status_code == 200
    assert title in unescape(page.content.decode())
    footer = client.get("/").content.decode().split('id="footer"', 1)[1]
    assert f'href="{url}"' in footer


@pytest.mark.django_db
def test_footer_states_the_accessibility_conformity(client):
    footer = client.get("/").content.decode().split('id="footer"', 1)[1]
    assert "Accessibilité : non conforme" in footer
    page = AccessibilityPage.objects.get()
    page.conformity_status = ConformityStatus.PARTIAL
    page.save_revision().publish()
    footer = client.get("/").content.decode().split('id="footer"', 1)[1]
    assert "Accessibilité : partiellement conforme" in footer


@pytest.mark.django_db
def test_unpublished_legal_page_leaves_the_footer(client):
    from lms.portal.models import LegalPage

    LegalPage.objects.get(slug="mentions-legales").unpublish()
    footer = client.get("/").content.decode().split('id="footer"', 1)[1]
    assert 'href="/mentions-legales/"' not in footer


@pytest.mark.django_db
def test_unknown_page_gets_the_french_404(client, settings):
    settings.DEBUG = False
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page non trouvée" in response.content.decode()


@pytest.mark.django_db
def test_french_first_whatever_the_browser_asks(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="fr"' in response.content.decode()
    assert "Se connecter" in response.content.decode()


@pytest.mark.django_db
def test_english_is_available_from_the_language_selector(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Sign in" in html


@pytest.mark.django_db
def test_a_learner_gets_the_language_of_their_profile_after_signing_in(client, learner):
    from lms.people.services import learner_profile_update

    learner_profile_update(user=learner, actor=learner, preferred_language="en")
    client.force_login(learner)
    response = client.get("/")
    assert '<html lang="en"' in response.content.decode()
    assert response.cookies["django_language"].value == "en"
