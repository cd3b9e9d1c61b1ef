"""Administrators choose in the Wagtail admin which modules require a binôme project."""

import pytest

from lms.binomes.models import ModuleBinomeRequirement

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/binomes-exigences/"


def test_an_administrator_adds_a_requirement(
    client, administrator, civil_servant_curriculum, module_factory
):
    module = module_factory(parent=civil_servant_curriculum)
    client.force_login(administrator)
    assert client.get(LIST_URL).status_code == 200
    response = client.post(f"{LIST_URL}new/", {"module": module.pk})
    assert response.status_code == 302
    assert ModuleBinomeRequirement.objects.get().module == module


def test_a_trainer_cannot_change_requirements(client, trainer):
    client.force_login(trainer)
    response = client.get(f"{LIST_URL}new/")
    assert response.status_code in (302, 403)
    assert not ModuleBinomeRequirement.objects.exists()


def test_staff_have_a_menu_link_to_the_binomes(client, trainer, learner):
    client.force_login(trainer)
    assert "/binomes/" in client.get("/admin/").content.decode()
    client.force_login(learner)
    assert client.get("/binomes/").status_code == 200
