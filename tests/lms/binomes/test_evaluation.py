"""Shared evaluation: members then the trainer on the same grid, answers hidden from the
partner until both members have submitted, frozen once submitted."""

import pytest
from django.urls import reverse

from lms.binomes.errors import BinomeError
from lms.binomes.models import Evaluation, EvaluationAnswer
from lms.binomes.selectors import evaluation_list_visible
from lms.binomes.services import evaluation_submit, project_complete, project_update
from tests.lms.binomes.conftest import answers_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(binome, civil_servant, trainer, criteria):
    project_update(
        binome=binome, by=civil_servant, title="Tiers-lieu", problem="", territory="", partners=""
    )
    return project_complete(binome=binome, by=trainer)


def test_the_evaluation_opens_once_the_project_is_complete(binome, civil_servant, criteria):
    with pytest.raises(BinomeError) as error:
        evaluation_submit(binome=binome, by=civil_servant, answers=answers_for(criteria))
    assert error.value.code == "not_completed"


def test_every_criterion_needs_a_score_from_1_to_4(completed, civil_servant, criteria):
    answers = answers_for(criteria)
    answers[criteria[1].pk] = (5, "")
    with pytest.raises(BinomeError) as error:
        evaluation_submit(binome=completed, by=civil_servant, answers=answers)
    assert error.value.code == "incomplete"
    del answers[criteria[1].pk]
    with pytest.raises(BinomeError):
        evaluation_submit(binome=completed, by=civil_servant, answers=answers)
    assert not Evaluation.objects.exists()


def test_answers_stay_hidden_from_the_partner_until_both_have_submitted(
    completed, civil_servant, association_leader, trainer, criteria
):
    mine = evaluation_submit(binome=completed, by=civil_servant, answers=answers_for(criteria, 4))

    assert evaluation_list_visible(binome=completed, viewer=civil_servant) == [mine]
    assert evaluation_list_visible(binome=completed, viewer=association_leader) == []
    # Staff follow the evaluation as it comes.
    assert evaluation_list_visible(binome=completed, viewer=trainer) == [mine]

    theirs = evaluation_submit(
        binome=completed, by=association_leader, answers=answers_for(criteria, 2)
    )
    assert evaluation_list_visible(binome=completed, viewer=civil_servant) == [mine, theirs]
    assert evaluation_list_visible(binome=completed, viewer=association_leader) == [mine, theirs]


def test_the_partner_page_does_not_show_answers_before_both_submitted(
    client, completed, civil_servant, association_leader, criteria
):
    evaluation_submit(
        binome=completed,
        by=civil_servant,
        answers={c.pk: (4, "Commentaire secret de Claire") for c in criteria},
    )
    client.force_login(association_leader)
    page = client.get(reverse("binomes:evaluation", args=(completed.pk,))).content.decode()
    assert "Commentaire secret de Claire" not in page

    evaluation_submit(binome=completed, by=association_leader, answers=answers_for(criteria))
    page = client.get(reverse("binomes:evaluation", args=(completed.pk,))).content.decode()
    assert "Commentaire secret de Claire" in page


def test_the_trainer_evaluates_after_both_members(
    completed, civil_servant, association_leader, trainer, criteria
):
    with pytest.raises(BinomeError) as error:
        evaluation_submit(binome=completed, by=trainer, answers=answers_for(criteria))
    assert error.value.code == "members_first"

    evaluation_submit(binome=completed, by=civil_servant, answers=answers_for(criteria))
    evaluation_submit(binome=completed, by=association_leader, answers=answers_for(criteria))
    evaluation = evaluation_submit(binome=completed, by=trainer, answers=answers_for(criteria))
    assert evaluation.role == Evaluation.Role.TRAINER


def test_a_submitted_evaluation_is_frozen(completed, civil_servant, criteria):
    evaluation_submit(binome=completed, by=civil_servant, answers=answers_for(criteria, 2))
    with pytest.raises(BinomeError) as error:
        evaluation_submit(binome=completed, by=civil_servant, answers=answers_for(criteria, 4))
    assert error.value.code == "frozen"
    assert set(EvaluationAnswer.objects.values_list("score", flat=True)) == {2}


def test_people_outside_the_binome_cannot_evaluate(
    completed, other_learner, other_trainer, criteria
):
    for person in (other_learner, other_trainer):
        with pytest.raises(BinomeError) as error:
            evaluation_submit(binome=completed, by=person, answers=answers_for(criteria))
        assert error.value.code == "forbidden"


def test_a_member_submits_the_form_by_post(client, completed, civil_servant, criteria):
    client.force_login(civil_servant)
    data = {f"score_{c.pk}": "3" for c in criteria}
    data[f"comment_{criteria[0].pk}"] = "Solution concrète"
    response = client.post(reverse("binomes:evaluation", args=(completed.pk,)), data)
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(evaluator=civil_servant)
    assert evaluation.answers.get(criterion=criteria[0]).comment == "Solution concrète"
    # No form once submitted.
    page = client.get(reverse("binomes:evaluation", args=(completed.pk,)))
    assert page.context["form"] is None
