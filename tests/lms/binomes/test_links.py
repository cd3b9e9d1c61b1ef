"""Finding one's binôme: a panel on « Mon parcours » (through the dashboard's
``dashboard_panels`` hook) and a note on the pages of modules whose completion needs a
binôme project (through ``curriculum_module_panels``)."""

import pytest
from django.urls import reverse

from lms.binomes.models import CurriculumBinomeRequirement, ModuleBinomeRequirement
from lms.binomes.services import project_update

pytestmark = pytest.mark.django_db

DASHBOARD = "/mon-parcours/"


def test_members_find_their_binome_on_their_dashboard(client, binome, civil_servant):
    project_update(
        binome=binome, by=civil_servant, title="Tiers-lieu", problem="", territory="", partners=""
    )
    client.force_login(civil_servant)
    html = client.get(DASHBOARD).content.decode()
    assert 'id="dashboard-binomes"' in html
    assert f'href="{reverse("binomes:project", args=(binome.pk,))}"' in html
    assert "Tiers-lieu" in html
    assert "Karim Benali" in html  # the partner


def test_an_unpaired_member_is_invited_to_declare_themes(client, promotion, other_learner):
    client.force_login(other_learner)
    html = client.get(DASHBOARD).content.decode()
    assert f'data-promotion="{promotion.pk}"' in html
    assert f'href="{reverse("binomes:promotion", args=(promotion.pk,))}"' in html


def test_no_panel_for_someone_in_no_promotion(client, learner):
    client.force_login(learner)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert 'id="dashboard-binomes"' not in response.content.decode()


def test_the_panel_shows_only_the_learners_own_binomes(client, binome, other_learner):
    client.force_login(other_learner)
    html = client.get(DASHBOARD).content.decode()
    assert reverse("binomes:project", args=(binome.pk,)) not in html


@pytest.fixture
def module(civil_servant_curriculum, module_factory):
    return module_factory(parent=civil_servant_curriculum, title="Projet en binôme")


def test_a_module_requiring_a_project_says_so_and_links_the_binome(
    client, binome, civil_servant, module
):
    ModuleBinomeRequirement.objects.create(module=module)
    client.force_login(civil_servant)
    html = client.get(module.url).content.decode()
    assert 'id="module-binome-requirement"' in html
    assert f'href="{reverse("binomes:project", args=(binome.pk,))}"' in html


def test_a_module_of_a_curriculum_requiring_a_project_says_so(
    client, binome, civil_servant, module, civil_servant_curriculum
):
    CurriculumBinomeRequirement.objects.create(curriculum=civil_servant_curriculum)
    client.force_login(civil_servant)
    html = client.get(module.url).content.decode()
    assert 'id="module-binome-requirement"' in html
    assert f'href="{reverse("binomes:project", args=(binome.pk,))}"' in html


def test_anonymous_visitors_read_the_requirement_without_links(client, binome, module):
    ModuleBinomeRequirement.objects.create(module=module)
    html = client.get(module.url).content.decode()
    assert 'id="module-binome-requirement"' in html
    assert reverse("binomes:project", args=(binome.pk,)) not in html


def test_other_modules_say_nothing_of_binomes(client, binome, civil_servant, module):
    client.force_login(civil_servant)
    assert 'id="module-binome-requirement"' not in client.get(module.url).content.decode()


def test_the_binomes_index_lists_the_learners_own_binomes(client, binome, civil_servant):
    client.force_login(civil_servant)
    response = client.get(reverse("binomes:index"))
    assert list(response.context["my_binomes"]) == [binome]
    assert f'href="{reverse("binomes:project", args=(binome.pk,))}"' in response.content.decode()
