"""Mirror pairs: one module of each curriculum, each module in one pair at most."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from curriculum.models import Audience, CurriculumPage, MirrorPair, ModulePage
from curriculum.services import mirror_pair_create, mirror_pair_delete, mirror_pair_update
from curriculum.signals import mirror_pair_deleted, mirror_pair_saved
from tests.curriculum.admin_forms import form_data
from tests.factories import ModulePageFactory

pytestmark = pytest.mark.django_db

MIRROR_VIEW = "/parcours/miroir/"


def refusal(excinfo) -> str:
    """All messages of a refused mirror pair, as one string."""
    return " ".join(excinfo.value.messages)


# Services -------------------------------------------------------------------------------


def test_a_pair_joins_a_module_of_each_audience(association_modules, civil_servant_modules):
    association, civil_servant = association_modules[0], civil_servant_modules[0]

    created = mirror_pair_create(first=association, second=civil_servant)

    pair = MirrorPair.objects.get()
    assert pair == created
    assert pair.association_module_id == association.pk
    assert pair.civil_servant_module_id == civil_servant.pk
    assert str(pair) == f"{association.title} ↔ {civil_servant.title}"


def test_the_pair_is_oriented_whatever_the_argument_order(
    association_modules, civil_servant_modules
):
    association, civil_servant = association_modules[0], civil_servant_modules[0]

    mirror_pair_create(first=civil_servant, second=association)

    pair = MirrorPair.objects.get()
    assert pair.association_module_id == association.pk
    assert pair.civil_servant_module_id == civil_servant.pk


def test_two_modules_of_the_same_curriculum_are_refused(association_modules):
    first, second = association_modules[:2]

    with pytest.raises(ValidationError) as excinfo:
        mirror_pair_create(first=first, second=second)

    assert first.title in refusal(excinfo) and second.title in refusal(excinfo)
    assert not MirrorPair.objects.exists()


def test_two_curricula_for_the_same_audience_are_refused(
    association_modules, second_association_curriculum
):
    other = ModulePageFactory(
        parent=second_association_curriculum, title="Conduire le changement", slug="changement"
    )

    with pytest.raises(ValidationError) as excinfo:
        mirror_pair_create(first=association_modules[0], second=other)

    assert "Conduire le changement" in refusal(excinfo)
    assert not MirrorPair.objects.exists()


def test_a_module_cannot_mirror_itself(association_modules):
    with pytest.raises(ValidationError):
        mirror_pair_create(first=association_modules[0], second=association_modules[0])
    assert not MirrorPair.objects.exists()


@pytest.mark.parametrize("taken_side", ["association", "civil_servant"])
def test_a_module_already_in_a_pair_is_refused_on_either_side(
    association_modules, civil_servant_modules, taken_side
):
    mirror_pair_create(first=association_modules[0], second=civil_servant_modules[0])
    if taken_side == "association":
        taken, first, second = (
            association_modules[0],
            association_modules[0],
            civil_servant_modules[1],
        )
    else:
        taken, first, second = (
            civil_servant_modules[0],
            association_modules[1],
            civil_servant_modules[0],
        )

    with pytest.raises(ValidationError) as excinfo:
        mirror_pair_create(first=second, second=first)

    assert taken.title in refusal(excinfo)
    assert MirrorPair.objects.count() == 1


def test_the_database_keeps_each_module_in_one_pair_per_side(
    association_modules, civil_servant_modules
):
    mirror_pair_create(first=association_modules[0], second=civil_servant_modules[0])

    with pytest.raises(IntegrityError), transaction.atomic():
        MirrorPair.objects.create(
            association_module=association_modules[0], civil_servant_module=civil_servant_modules[1]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        MirrorPair.objects.create(
            association_module=association_modules[1], civil_servant_module=civil_servant_modules[0]
        )
    assert MirrorPair.objects.count() == 1


def test_the_database_refuses_a_module_paired_with_itself(association_modules):
    with pytest.raises(IntegrityError), transaction.atomic():
        MirrorPair.objects.create(
            association_module=association_modules[0], civil_servant_module=association_modules[0]
        )
    assert not MirrorPair.objects.exists()


def test_deleting_a_module_deletes_its_pair(association_modules, civil_servant_modules):
    mirror_pair_create(first=association_modules[0], second=civil_servant_modules[0])

    ModulePage.objects.get(pk=civil_servant_modules[0].pk).delete()

    assert not MirrorPair.objects.exists()
    assert ModulePage.objects.filter(pk=association_modules[0].pk).exists()


def test_a_pair_changes_sides_under_the_same_rules(association_modules, civil_servant_modules):
    pair = mirror_pair_create(first=association_modules[0], second=civil_servant_modules[0])
    mirror_pair_create(first=association_modules[1], second=civil_servant_modules[1])

    mirror_pair_update(
        pair=pair,
        association_module=association_modules[0],
        civil_servant_module=civil_servant_modules[2],
    )
    pair.refresh_from_db()
    assert pair.civil_servant_module_id == civil_servant_modules[2].pk

    with pytest.raises(ValidationError) as excinfo:
        mirror_pair_update(
            pair=pair,
            association_module=association_modules[0],
            civil_servant_module=civil_servant_modules[1],
        )
    assert civil_servant_modules[1].title in refusal(excinfo)

    with pytest.raises(ValidationError) as excinfo:
        mirror_pair_update(
            pair=MirrorPair.objects.get(pk=pair.pk),
            association_module=civil_servant_modules[2],
            civil_servant_module=association_modules[0],
        )
    assert civil_servant_modules[2].title in refusal(excinfo)

    pair.refresh_from_db()
    assert (pair.association_module_id, pair.civil_servant_module_id) == (
        association_modules[0].pk,
        civil_servant_modules[2].pk,
    )


def test_a_deleted_pair_frees_both_modules(association_modules, civil_servant_modules):
    pair = mirror_pair_create(first=association_modules[0], second=civil_servant_modules[0])

    mirror_pair_delete(pair=pair)

    assert not MirrorPair.objects.exists()
    assert (
        ModulePage.objects.filter(
            pk__in=[association_modules[0].pk, civil_servant_modules[0].pk]
        ).count()
        == 2
    )
    mirror_pair_create(first=association_modules[0], second=civil_servant_modules[1])
    assert MirrorPair.objects.get().civil_servant_module_id == civil_servant_modules[1].pk


def test_a_paired_curriculum_keeps_its_audience(
    association_curriculum, association_modules, civil_servant_modules
):
    """Changing sides would leave its pairs joining two modules of one audience."""
    association_curriculum.audience = Audience.CIVIL_SERVANTS
    association_curriculum.full_clean()  # no pair yet: accepted

    mirror_pair_create(first=association_modules[0], second=civil_servant_modules[0])

    with pytest.raises(ValidationError) as excinfo:
        association_curriculum.save_revision()
    assert "audience" in excinfo.value.message_dict
    assert CurriculumPage.objects.get(pk=association_curriculum.pk).audience == (
        Audience.ASSOCIATION_LEADERS
    )


@pytest.fixture
def received():
    """The mirror signals received, in order, as ``(signal name, keyword arguments)``."""
    calls = []

    def on_saved(sender, **kwargs):
        calls.append(("saved", kwargs))

    def on_deleted(sender, **kwargs):
        calls.append(("deleted", kwargs))

    mirror_pair_saved.connect(on_saved, weak=False)
    mirror_pair_deleted.connect(on_deleted, weak=False)
    yield calls
    mirror_pair_saved.disconnect(on_saved)
    mirror_pair_deleted.disconnect(on_deleted)


def test_signals_are_sent_only_once_the_change_is_committed(
    association_modules, civil_servant_modules, received, django_capture_on_commit_callbacks
):
    association, civil_servant = association_modules[0], civil_servant_modules[0]

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pair = mirror_pair_create(first=association, second=civil_servant)
    assert received == []
    for callback in callbacks:
        callback()
    assert [(name, kwargs["created"], kwargs["pair"]) for name, kwargs in received] == [
        ("saved", True, pair)
    ]

    with django_capture_on_commit_callbacks(execute=True):
        mirror_pair_update(
            pair=pair, association_module=association, civil_servant_module=civil_servant_modules[1]
        )
    assert received[-1][0] == "saved" and received[-1][1]["created"] is False

    with django_capture_on_commit_callbacks(execute=True):
        mirror_pair_delete(pair=pair)
    name, kwargs = received[-1]
    assert name == "deleted"
    assert (kwargs["association_module_id"], kwargs["civil_servant_module_id"]) == (
        association.pk,
        civil_servant_modules[1].pk,
    )


def test_a_refused_pair_sends_no_signal(
    association_modules, received, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        mirror_pair_create(first=association_modules[0], second=association_modules[1])
    assert received == []


# The admin view and the public mirror view ------------------------------------------------


def mirror_rows(client) -> dict[str, list[list[str | None]]]:
    """The mirror view's rows by kind ("pair" or "gap"): the module title in each cell."""
    response = client.get(MIRROR_VIEW)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")

    def titles(row) -> list[str | None]:
        return [cell.a.get_text(strip=True) if cell.a else None for cell in row.find_all("td")]

    return {
        kind: [titles(row) for row in soup.select(f"tr.mirror-row--{kind}")]
        for kind in ("pair", "gap")
    }


def add_pair_in_admin(user, association: ModulePage, civil_servant: ModulePage):
    """Add a pair through the Wagtail admin, CSRF checks on, as a browser would."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    add_url = reverse("curriculum_mirrorpair:add")
    form = browser.get(add_url)
    data = form_data(form, "w-editor-form")
    data["csrfmiddlewaretoken"] = browser.cookies["csrftoken"].value
    data["association_module"] = str(association.pk)
    data["civil_servant_module"] = str(civil_servant.pk)
    return browser.post(add_url, data)


@pytest.mark.parametrize("role", ["trainer", "administrator"])
def test_a_pair_added_in_the_admin_shows_in_the_mirror_view(
    request, role, association_modules, civil_servant_modules
):
    user = request.getfixturevalue(role)
    association, civil_servant = association_modules[1], civil_servant_modules[1]

    response = add_pair_in_admin(user, association, civil_servant)

    assert response.status_code == 302
    assert response["Location"] == reverse("curriculum_mirrorpair:index")
    pair = MirrorPair.objects.get()
    assert (pair.association_module_id, pair.civil_servant_module_id) == (
        association.pk,
        civil_servant.pk,
    )
    rows = mirror_rows(Client())
    assert rows["pair"] == [[association.title, civil_servant.title]]


def test_unpublishing_a_side_hides_the_pair_and_keeps_it(
    trainer, association_modules, civil_servant_modules
):
    association, civil_servant = association_modules[0], civil_servant_modules[0]
    add_pair_in_admin(trainer, association, civil_servant)
    visitor = Client()
    assert [association.title, civil_servant.title] in mirror_rows(visitor)["pair"]

    civil_servant.unpublish()

    rows = mirror_rows(visitor)
    assert rows["pair"] == []
    assert [association.title, None] in rows["gap"]
    assert civil_servant.title not in str(rows)
    assert MirrorPair.objects.filter(
        association_module=association, civil_servant_module=civil_servant
    ).exists()

    civil_servant.get_latest_revision().publish()

    assert mirror_rows(visitor)["pair"] == [[association.title, civil_servant.title]]


def test_modules_without_a_mirror_show_as_gaps(association_modules, civil_servant_modules):
    mirror_pair_create(first=association_modules[0], second=civil_servant_modules[0])

    rows = mirror_rows(Client())

    assert rows["pair"] == [[association_modules[0].title, civil_servant_modules[0].title]]
    assert rows["gap"] == [
        [association_modules[1].title, None],
        [association_modules[2].title, None],
        [None, civil_servant_modules[1].title],
        [None, civil_servant_modules[2].title],
    ]


def test_the_admin_refuses_a_module_already_in_a_pair(
    trainer, association_modules, civil_servant_modules
):
    mirror_pair_create(first=association_modules[0], second=civil_servant_modules[0])

    response = add_pair_in_admin(trainer, association_modules[0], civil_servant_modules[1])

    assert response.status_code == 200
    assert response.context["form"].errors
    assert association_modules[0].title in " ".join(response.context["form"].non_field_errors())
    assert MirrorPair.objects.count() == 1


def test_the_admin_offers_each_side_only_the_modules_of_its_audience(
    trainer, association_modules, civil_servant_modules
):
    client = Client()
    client.force_login(trainer)
    form = client.get(reverse("curriculum_mirrorpair:add")).context["form"]

    assert set(form.fields["association_module"].queryset) == set(association_modules)
    assert set(form.fields["civil_servant_module"].queryset) == set(civil_servant_modules)

    response = add_pair_in_admin(trainer, civil_servant_modules[0], association_modules[0])
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"association_module", "civil_servant_module"}
    assert not MirrorPair.objects.exists()


def test_a_pair_deleted_in_the_admin_is_gone(
    trainer,
    association_modules,
    civil_servant_modules,
    received,
    django_capture_on_commit_callbacks,
):
    pair = mirror_pair_create(first=association_modules[0], second=civil_servant_modules[0])
    client = Client()
    client.force_login(trainer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("curriculum_mirrorpair:delete", args=[pair.pk]))

    assert response.status_code == 302
    assert not MirrorPair.objects.exists()
    assert [name for name, _ in received] == ["deleted"]
    assert mirror_rows(Client())["pair"] == []
