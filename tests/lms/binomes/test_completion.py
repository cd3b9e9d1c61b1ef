"""A module may require a completed binôme project; completing the project recomputes the
members' progress (module and curriculum)."""

import pytest

from lms.binomes.models import ModuleBinomeRequirement
from lms.binomes.services import project_complete, project_update
from lms.enrolment.models import Enrolment
from lms.enrolment.services import enrolment_create
from lms.progress.models import CurriculumProgress, ModuleProgress, ProgressStatus
from lms.progress.services import lesson_mark_done, lesson_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(civil_servant_curriculum, module_factory, lesson_factory):
    module = module_factory(parent=civil_servant_curriculum, title="Projet en binôme")
    lesson_factory(parent=module, title="Cadrer le projet")
    return module


def _finish_lessons(learner, module):
    from wagtail.models import Page

    for lesson in Page.objects.child_of(module).live().specific():
        lesson_open(learner=learner, lesson=lesson)
        lesson_mark_done(learner=learner, lesson=lesson)


def _status(learner, module):
    return ModuleProgress.objects.get(learner=learner, module=module).status


def test_a_module_without_the_requirement_completes_with_its_lessons(civil_servant, module):
    enrolment_create(learner=civil_servant, module=module, source=Enrolment.Source.PROMOTION)
    _finish_lessons(civil_servant, module)
    assert _status(civil_servant, module) == ProgressStatus.COMPLETED


def test_a_module_requiring_a_project_waits_for_it_then_completes_with_its_curriculum(
    binome, civil_servant, trainer, module, civil_servant_curriculum
):
    ModuleBinomeRequirement.objects.create(module=module)
    enrolment_create(learner=civil_servant, module=module, source=Enrolment.Source.PROMOTION)
    _finish_lessons(civil_servant, module)
    assert _status(civil_servant, module) == ProgressStatus.IN_PROGRESS

    project_update(
        binome=binome, by=civil_servant, title="Tiers-lieu", problem="", territory="", partners=""
    )
    project_complete(binome=binome, by=trainer)

    assert _status(civil_servant, module) == ProgressStatus.COMPLETED
    curriculum = CurriculumProgress.objects.get(
        learner=civil_servant, curriculum=civil_servant_curriculum
    )
    assert curriculum.status == ProgressStatus.COMPLETED


def test_the_module_stays_open_when_the_lessons_are_not_done(
    binome, civil_servant, trainer, module
):
    ModuleBinomeRequirement.objects.create(module=module)
    enrolment_create(learner=civil_servant, module=module, source=Enrolment.Source.PROMOTION)
    project_update(
        binome=binome, by=civil_servant, title="Tiers-lieu", problem="", territory="", partners=""
    )
    project_complete(binome=binome, by=trainer)
    assert _status(civil_servant, module) != ProgressStatus.COMPLETED


def test_lessons_done_after_the_project_complete_the_module(binome, civil_servant, trainer, module):
    ModuleBinomeRequirement.objects.create(module=module)
    enrolment_create(learner=civil_servant, module=module, source=Enrolment.Source.PROMOTION)
    project_update(
        binome=binome, by=civil_servant, title="Tiers-lieu", problem="", territory="", partners=""
    )
    project_complete(binome=binome, by=trainer)
    _finish_lessons(civil_servant, module)
    assert _status(civil_servant, module) == ProgressStatus.COMPLETED


def test_only_staff_complete_a_project_and_it_needs_a_title(binome, civil_servant, trainer):
    from lms.binomes.errors import BinomeError

    with pytest.raises(BinomeError) as error:
        project_complete(binome=binome, by=trainer)
    assert error.value.code == "untitled"
    project_update(
        binome=binome, by=civil_servant, title="Tiers-lieu", problem="", territory="", partners=""
    )
    with pytest.raises(BinomeError) as error:
        project_complete(binome=binome, by=civil_servant)
    assert error.value.code == "forbidden"
