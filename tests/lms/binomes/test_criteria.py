"""Administrators reword, reorder and delete the criteria of a promotion's grid; a
criterion answered in a submitted evaluation can still move, but neither changes wording
nor goes (submitted evaluations are frozen and the report needs them)."""

import pytest
from django.urls import reverse

from lms.binomes.errors import BinomeError
from lms.binomes.models import EvaluationCriterion
from lms.binomes.services import (
    criterion_delete,
    criterion_move,
    criterion_update,
    evaluation_submit,
    project_complete,
    project_update,
)
from tests.lms.binomes.conftest import answers_for

pytestmark = pytest.mark.django_db


def _labels(promotion) -> list[str]:
    return list(
        EvaluationCriterion.objects.filter(promotion=promotion).values_list("label", flat=True)
    )


def _positions(promotion) -> list[int]:
    return list(
        EvaluationCriterion.objects.filter(promotion=promotion).values_list("position", flat=True)
    )


@pytest.fixture
def answered(binome, civil_servant, trainer, criteria):
    """The grid answered by one member's submitted evaluation."""
    project_update(
        binome=binome, by=civil_servant, title="Tiers-lieu", problem="", territory="", partners=""
    )
    project_complete(binome=binome, by=trainer)
    evaluation_submit(binome=binome, by=civil_servant, answers=answers_for(criteria, 3))
    return criteria


def test_an_administrator_rewords_a_criterion(administrator, criteria):
    criterion_update(
        criterion=criteria[0],
        by=administrator,
        label="  Pragmatisme et faisabilité ",
        description="Coût, délais, moyens.",
    )
    criteria[0].refresh_from_db()
    assert (criteria[0].label, criteria[0].description) == (
        "Pragmatisme et faisabilité",
        "Coût, délais, moyens.",
    )


def test_a_trainer_cannot_change_the_grid(trainer, criteria):
    for action in (
        lambda: criterion_update(criterion=criteria[0], by=trainer, label="Autre"),
        lambda: criterion_move(criterion=criteria[0], by=trainer, offset=1),
        lambda: criterion_delete(criterion=criteria[0], by=trainer),
    ):
        with pytest.raises(BinomeError) as error:
            action()
        assert error.value.code == "forbidden"
    assert _labels(criteria[0].promotion)[0] == "Pragmatisme de la solution"


def test_an_empty_label_is_refused_and_nothing_changes(administrator, criteria):
    with pytest.raises(BinomeError) as error:
        criterion_update(criterion=criteria[0], by=administrator, label="   ")
    assert error.value.code == "invalid"
    criteria[0].refresh_from_db()
    assert criteria[0].label == "Pragmatisme de la solution"


def test_criteria_move_up_and_down_and_are_renumbered(administrator, promotion, criteria):
    pragmatism, fit, understanding = criteria
    understanding.position = 9  # gaps are closed by the first move
    understanding.save()
    criterion_move(criterion=understanding, by=administrator, offset=-1)
    assert _labels(promotion) == [
        "Pragmatisme de la solution",
        "Compréhension mutuelle",
        "Adéquation aux besoins du terrain",
    ]
    assert _positions(promotion) == [1, 2, 3]
    criterion_move(criterion=pragmatism, by=administrator, offset=1)
    # At either end, nothing moves.
    criterion_move(criterion=fit, by=administrator, offset=1)
    criterion_move(criterion=understanding, by=administrator, offset=-1)
    assert _labels(promotion) == [
        "Compréhension mutuelle",
        "Pragmatisme de la solution",
        "Adéquation aux besoins du terrain",
    ]
    assert _positions(promotion) == [1, 2, 3]


def test_an_answered_criterion_moves_but_keeps_its_wording_and_stays(
    administrator, promotion, answered
):
    criterion_move(criterion=answered[2], by=administrator, offset=-1)
    assert _labels(promotion)[1] == "Compréhension mutuelle"

    with pytest.raises(BinomeError) as error:
        criterion_update(criterion=answered[0], by=administrator, label="Autre chose")
    assert error.value.code == "answered"
    assert "Pragmatisme de la solution" in error.value.message

    with pytest.raises(BinomeError) as error:
        criterion_delete(criterion=answered[0], by=administrator)
    assert error.value.code == "answered"
    assert "Pragmatisme de la solution" in error.value.message
    assert EvaluationCriterion.objects.filter(pk=answered[0].pk).exists()


def test_an_unanswered_criterion_is_deleted(administrator, promotion, criteria):
    criterion_delete(criterion=criteria[1], by=administrator)
    assert _labels(promotion) == ["Pragmatisme de la solution", "Compréhension mutuelle"]


# Pages -------------------------------------------------------------------------------------


def test_the_grid_page_offers_moves_and_edits(client, administrator, promotion, answered):
    client.force_login(administrator)
    response = client.get(reverse("binomes:criteria", args=(promotion.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    for criterion in answered:
        assert f'data-criterion="{criterion.pk}" data-answered="1"' in html
        assert reverse("binomes:criterion_move", args=(criterion.pk,)) in html
        # Answered: no edit link, no delete button.
        assert f'href="{reverse("binomes:criterion_edit", args=(criterion.pk,))}"' not in html
        assert reverse("binomes:criterion_delete", args=(criterion.pk,)) not in html


def test_an_administrator_edits_a_criterion_through_its_page(client, administrator, criteria):
    client.force_login(administrator)
    url = reverse("binomes:criterion_edit", args=(criteria[0].pk,))
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"].initial["label"] == "Pragmatisme de la solution"
    response = client.post(url, {"label": "Faisabilité", "description": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("binomes:criteria", args=(criteria[0].promotion_id,))
    criteria[0].refresh_from_db()
    assert criteria[0].label == "Faisabilité"


def test_editing_an_answered_criterion_shows_why_and_keeps_it(client, administrator, answered):
    client.force_login(administrator)
    url = reverse("binomes:criterion_edit", args=(answered[0].pk,))
    assert client.get(url).context["answered"] is True
    response = client.post(url, {"label": "Autre", "description": ""})
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    answered[0].refresh_from_db()
    assert answered[0].label == "Pragmatisme de la solution"


def test_moving_and_deleting_through_the_pages(client, administrator, promotion, criteria):
    client.force_login(administrator)
    move = reverse("binomes:criterion_move", args=(criteria[2].pk,))
    assert client.post(move, {"direction": "up"}).status_code == 302
    assert _labels(promotion)[1] == "Compréhension mutuelle"
    assert client.get(move).status_code == 405
    delete = reverse("binomes:criterion_delete", args=(criteria[0].pk,))
    assert client.post(delete).status_code == 302
    assert len(_labels(promotion)) == 2


def test_deleting_an_answered_criterion_through_its_page_is_refused(
    client, administrator, answered
):
    client.force_login(administrator)
    response = client.post(reverse("binomes:criterion_delete", args=(answered[0].pk,)), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert EvaluationCriterion.objects.filter(pk=answered[0].pk).exists()


@pytest.mark.parametrize("name", ["binomes:criterion_edit", "binomes:criterion_move"])
def test_the_grid_pages_are_404_for_trainers_and_learners(
    client, trainer, civil_servant, criteria, name
):
    for person in (trainer, civil_servant):
        client.force_login(person)
        url = reverse(name, args=(criteria[0].pk,))
        response = client.post(url, {"label": "X", "direction": "up"})
        assert response.status_code == 404
    assert _labels(criteria[0].promotion)[0] == "Pragmatisme de la solution"
