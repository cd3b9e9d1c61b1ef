"""A whole curriculum may require a completed binôme project (not only through one of its
modules): administrators choose which in the Wagtail admin; such a curriculum completes
once its modules are completed and the learner's project is marked complete."""

import pytest
from wagtail.models import Page

from lms.binomes.models import CurriculumBinomeRequirement
from lms.binomes.rules import binome_project_curriculum_requirement_met
from lms.binomes.services import project_complete, project_update
from lms.enrolment.models import Enrolment
from lms.enrolment.services import enrolment_create
from lms.progress.models import CurriculumProgress, ModuleProgress, ProgressStatus
from lms.progress.services import lesson_mark_done, lesson_open

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/binomes-exigences-parcours/"


@pytest.fixture
def module(civil_servant_curriculum, module_factory, lesson_factory):
    module = module_factory(parent=civil_servant_curriculum, title="Financer l'action publique")
    lesson_factory(parent=module, title="Les budgets")
    return module


def _finish(learner, module):
    enrolment_create(learner=learner, module=module, source=Enrolment.Source.PROMOTION)
    for lesson in Page.objects.child_of(module).live().specific():
        lesson_open(learner=learner, lesson=lesson)
        lesson_mark_done(learner=learner, lesson=lesson)


def _curriculum_status(learner, curriculum):
    return CurriculumProgress.objects.get(learner=learner, curriculum=curriculum).status


def _complete_project(binome, member, trainer):
    project_update(
        binome=binome, by=member, title="Tiers-lieu", problem="", territory="", partners=""
    )
    project_complete(binome=binome, by=trainer)


def test_an_administrator_adds_a_curriculum_requirement(
    client, administrator, civil_servant_curriculum
):
    client.force_login(administrator)
    assert client.get(LIST_URL).status_code == 200
    response = client.post(f"{LIST_URL}new/", {"curriculum": civil_servant_curriculum.pk})
    assert response.status_code == 302
    assert CurriculumBinomeRequirement.objects.get().curriculum == civil_servant_curriculum
    # Once per curriculum.
    response = client.post(f"{LIST_URL}new/", {"curriculum": civil_servant_curriculum.pk})
    assert response.status_code == 200
    assert CurriculumBinomeRequirement.objects.count() == 1


def test_an_administrator_removes_a_curriculum_requirement(
    client, administrator, civil_servant_curriculum
):
    requirement = CurriculumBinomeRequirement.objects.create(curriculum=civil_servant_curriculum)
    client.force_login(administrator)
    response = client.post(f"{LIST_URL}delete/{requirement.pk}/")
    assert response.status_code == 302
    assert not CurriculumBinomeRequirement.objects.exists()


@pytest.mark.parametrize("who", ["trainer", "learner"])
def test_others_cannot_change_curriculum_requirements(
    client, trainer, learner, civil_servant_curriculum, who
):
    client.force_login({"trainer": trainer, "learner": learner}[who])
    assert client.get(LIST_URL).status_code in (302, 403)
    response = client.post(f"{LIST_URL}new/", {"curriculum": civil_servant_curriculum.pk})
    assert response.status_code in (302, 403)
    assert not CurriculumBinomeRequirement.objects.exists()


def test_the_rule_is_met_without_a_requirement_or_with_a_completed_project(
    binome, civil_servant, other_learner, trainer, civil_servant_curriculum
):
    met = binome_project_curriculum_requirement_met
    assert met(learner=civil_servant, curriculum=civil_servant_curriculum)
    CurriculumBinomeRequirement.objects.create(curriculum=civil_servant_curriculum)
    assert not met(learner=civil_servant, curriculum=civil_servant_curriculum)
    _complete_project(binome, civil_servant, trainer)
    assert met(learner=civil_servant, curriculum=civil_servant_curriculum)
    assert not met(learner=other_learner, curriculum=civil_servant_curriculum)


def test_the_curriculum_waits_for_the_project_then_completes(
    binome, civil_servant, trainer, module, civil_servant_curriculum
):
    CurriculumBinomeRequirement.objects.create(curriculum=civil_servant_curriculum)
    _finish(civil_servant, module)
    # The module completes with its lessons; the curriculum waits for the project.
    assert (
        ModuleProgress.objects.get(learner=civil_servant, module=module).status
        == ProgressStatus.COMPLETED
    )
    assert _curriculum_status(civil_servant, civil_servant_curriculum) == (
        ProgressStatus.IN_PROGRESS
    )
    _complete_project(binome, civil_servant, trainer)
    assert _curriculum_status(civil_servant, civil_servant_curriculum) == (ProgressStatus.COMPLETED)


def test_a_curriculum_without_the_requirement_completes_with_its_modules(
    civil_servant, module, civil_servant_curriculum
):
    _finish(civil_servant, module)
    assert _curriculum_status(civil_servant, civil_servant_curriculum) == (ProgressStatus.COMPLETED)


def test_a_project_completed_first_lets_the_curriculum_complete_with_its_modules(
    binome, civil_servant, trainer, module, civil_servant_curriculum
):
    CurriculumBinomeRequirement.objects.create(curriculum=civil_servant_curriculum)
    enrolment_create(learner=civil_servant, module=module, source=Enrolment.Source.PROMOTION)
    _complete_project(binome, civil_servant, trainer)
    assert _curriculum_status(civil_servant, civil_servant_curriculum) != (ProgressStatus.COMPLETED)
    for lesson in Page.objects.child_of(module).live().specific():
        lesson_open(learner=civil_servant, lesson=lesson)
        lesson_mark_done(learner=civil_servant, lesson=lesson)
    assert _curriculum_status(civil_servant, civil_servant_curriculum) == (ProgressStatus.COMPLETED)
