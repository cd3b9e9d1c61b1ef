"""Both curricula with three modules each, built once per test module.

The tree is created in a transaction opened before the module's first test and rolled back
after its last one; each test runs in a savepoint inside it (pytest-django's ``db``), so a
test's changes vanish after it. The function fixtures below hand each test fresh instances,
so no test sees another's in-memory changes.
"""

import pytest
from django.db import transaction

from curriculum.models import Audience, CurriculumIndexPage, CurriculumPage, ModulePage
from tests.factories import CurriculumPageFactory, ModulePageFactory

ASSOCIATION_TITLES = (
    "Le cycle de la décision publique",
    "Financer l'action publique",
    "Évaluer une politique publique",
)
CIVIL_SERVANT_TITLES = (
    "Gouvernance associative",
    "Modèles économiques de l'ESS",
    "Mesurer l'impact social",
)


def _build_tree() -> dict:
    index = CurriculumIndexPage.objects.get()
    tree = {}
    for key, title, slug, audience, module_titles in (
        (
            "association",
            "Politiques publiques et service public",
            "politiques-publiques",
            Audience.ASSOCIATION_LEADERS,
            ASSOCIATION_TITLES,
        ),
        (
            "civil_servant",
            "ESS et innovation sociale",
            "ess-innovation-sociale",
            Audience.CIVIL_SERVANTS,
            CIVIL_SERVANT_TITLES,
        ),
    ):
        curriculum = CurriculumPageFactory(parent=index, title=title, slug=slug, audience=audience)
        modules = [
            ModulePageFactory(parent=curriculum, title=module_title, slug=f"{slug}-{n}")
            for n, module_title in enumerate(module_titles, start=1)
        ]
        tree[key] = (curriculum.pk, [m.pk for m in modules])
    return tree


@pytest.fixture(scope="module")
def curriculum_tree(django_db_setup, django_db_blocker):
    """Primary keys of the curricula and modules, by audience (built once per module)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        tree = _build_tree()
    yield tree
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _modules(pks: list[int]) -> list[ModulePage]:
    by_pk = ModulePage.objects.in_bulk(pks)
    return [by_pk[pk] for pk in pks]


@pytest.fixture
def association_curriculum(db, curriculum_tree) -> CurriculumPage:
    """« Politiques publiques et service public », for association leaders."""
    return CurriculumPage.objects.get(pk=curriculum_tree["association"][0])


@pytest.fixture
def civil_servant_curriculum(db, curriculum_tree) -> CurriculumPage:
    """« ESS et innovation sociale », for senior civil servants."""
    return CurriculumPage.objects.get(pk=curriculum_tree["civil_servant"][0])


@pytest.fixture
def association_modules(db, curriculum_tree) -> list[ModulePage]:
    """Three live modules of the curriculum for association leaders, in tree order."""
    return _modules(curriculum_tree["association"][1])


@pytest.fixture
def civil_servant_modules(db, curriculum_tree) -> list[ModulePage]:
    """Three live modules of the curriculum for senior civil servants, in tree order."""
    return _modules(curriculum_tree["civil_servant"][1])


@pytest.fixture
def second_association_curriculum(curricula_index) -> CurriculumPage:
    """Another curriculum for the same audience as ``association_curriculum``."""
    return CurriculumPageFactory(
        parent=curricula_index,
        title="Piloter un projet associatif",
        slug="piloter-un-projet",
        audience=Audience.ASSOCIATION_LEADERS,
    )
