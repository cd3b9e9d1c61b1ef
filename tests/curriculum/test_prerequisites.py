"""Prerequisite modules: same curriculum only, and never a cycle."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from curriculum.models import ModulePage
from tests.curriculum.admin_forms import edit_page_url, page_edit_data

pytestmark = pytest.mark.django_db


def set_prerequisites(module: ModulePage, *prerequisites: ModulePage) -> None:
    """Give ``module`` these prerequisites and publish it (the way the editor does)."""
    module.prerequisites.set(prerequisites)
    module.save_revision().publish()


def stored_prerequisites(module: ModulePage) -> set[int]:
    """The prerequisites of the live page, from the database."""
    return set(
        ModulePage.prerequisites.through.objects.filter(from_modulepage=module).values_list(
            "to_modulepage_id", flat=True
        )
    )


def fresh(module: ModulePage) -> ModulePage:
    return ModulePage.objects.get(pk=module.pk)


# Saving programmatically -----------------------------------------------------------------


def test_prerequisites_of_the_same_curriculum_are_accepted(association_modules):
    first, second, third = association_modules

    set_prerequisites(third, first, second)

    assert stored_prerequisites(third) == {first.pk, second.pk}
    page = Client().get(third.url)
    assert page.status_code == 200
    assert first.title in page.content.decode().replace("&#x27;", "'")


def test_a_prerequisite_from_another_curriculum_is_refused(
    association_modules, civil_servant_modules
):
    module, foreign = association_modules[0], civil_servant_modules[0]
    revisions = module.revisions.count()
    module.prerequisites.set([foreign])

    with pytest.raises(ValidationError) as excinfo:
        module.full_clean()
    assert foreign.title in " ".join(excinfo.value.message_dict["prerequisites"])

    with pytest.raises(ValidationError):
        module.save_revision()
    assert module.revisions.count() == revisions
    assert stored_prerequisites(module) == set()


def test_a_module_cannot_require_itself(association_modules):
    module = association_modules[0]
    module.prerequisites.set([module])

    with pytest.raises(ValidationError) as excinfo:
        module.save_revision()

    assert "prerequisites" in excinfo.value.message_dict
    assert stored_prerequisites(module) == set()


def test_a_two_module_cycle_is_refused_on_save(association_modules):
    first, second, _ = association_modules
    set_prerequisites(first, second)
    second = fresh(second)
    second.prerequisites.set([first])

    with pytest.raises(ValidationError) as excinfo:
        second.save_revision()

    assert first.title in " ".join(excinfo.value.message_dict["prerequisites"])
    assert stored_prerequisites(second) == set()


def test_a_three_module_cycle_is_refused_on_save(association_modules):
    first, second, third = association_modules
    set_prerequisites(first, second)
    set_prerequisites(second, third)
    third = fresh(third)
    third.prerequisites.set([first])

    with pytest.raises(ValidationError) as excinfo:
        third.full_clean()

    assert first.title in " ".join(excinfo.value.message_dict["prerequisites"])
    assert stored_prerequisites(third) == set()


def test_a_chain_without_a_cycle_is_accepted(association_modules):
    first, second, third = association_modules
    set_prerequisites(first, second)
    set_prerequisites(second, third)

    set_prerequisites(fresh(first), second, third)

    assert stored_prerequisites(first) == {second.pk, third.pk}


def test_a_cycle_through_an_unpublished_draft_is_refused(association_modules):
    """A draft's prerequisites count: publishing both drafts would close the cycle."""
    first, second, _ = association_modules
    first.prerequisites.set([second])
    first.save_revision()  # a draft, not published
    second = fresh(second)
    second.prerequisites.set([first])

    with pytest.raises(ValidationError):
        second.save_revision()


# Saving through the Wagtail page editor --------------------------------------------------


@pytest.fixture
def editor(trainer) -> Client:
    """A Formateur signed in to the admin."""
    client = Client()
    client.force_login(trainer)
    return client


def test_the_editor_saves_prerequisites_of_the_same_curriculum(editor, association_modules):
    first, second, third = association_modules

    response = editor.post(
        edit_page_url(third), page_edit_data(editor, third, {"prerequisites": [first.pk]})
    )

    assert response.status_code == 302
    draft = fresh(third).get_latest_revision_as_object()
    assert [m.pk for m in draft.prerequisites.all()] == [first.pk]


def test_the_editor_offers_only_the_other_modules_of_the_curriculum(
    editor, association_modules, civil_servant_modules
):
    first, second, third = association_modules
    form = editor.get(edit_page_url(first)).context["form"]

    assert list(form.fields["prerequisites"].queryset) == [second, third]

    response = editor.post(
        edit_page_url(first),
        page_edit_data(editor, first, {"prerequisites": [civil_servant_modules[0].pk]}),
    )
    assert response.status_code == 200
    assert "prerequisites" in response.context["form"].errors
    assert fresh(first).latest_revision_id == first.latest_revision_id


def assert_cycle_refused_in_editor(editor, module: ModulePage, prerequisite: ModulePage):
    before = fresh(module)

    response = editor.post(
        edit_page_url(module), page_edit_data(editor, module, {"prerequisites": [prerequisite.pk]})
    )

    assert response.status_code == 200
    errors = response.context["form"].errors.get("prerequisites", [])
    assert any(prerequisite.title in error for error in errors), errors
    after = fresh(module)
    assert after.latest_revision_id == before.latest_revision_id
    assert stored_prerequisites(after) == set()


def test_the_editor_refuses_a_two_module_cycle(editor, association_modules):
    first, second, _ = association_modules
    set_prerequisites(first, second)

    assert_cycle_refused_in_editor(editor, fresh(second), first)


def test_the_editor_refuses_a_three_module_cycle(editor, association_modules):
    first, second, third = association_modules
    set_prerequisites(first, second)
    set_prerequisites(second, third)

    assert_cycle_refused_in_editor(editor, fresh(third), first)
