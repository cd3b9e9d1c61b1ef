"""Who sees what: the project page, the evaluation page, a promotion's binômes and the
staff pages answer 404 to everyone but members, following trainers and administrators."""

import pytest
from django.urls import reverse

from lms.binomes.models import Binome, Comment, Milestone
from lms.binomes.services import project_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(civil_servant, association_leader, other_learner, trainer, other_trainer, administrator):
    return {
        "member": civil_servant,
        "partner": association_leader,
        "other_learner": other_learner,
        "trainer_following": trainer,
        "trainer_not_following": other_trainer,
        "administrator": administrator,
    }


BINOME_VISIBLE = {
    "member": True,
    "partner": True,
    "other_learner": False,
    "trainer_following": True,
    "trainer_not_following": False,
    "administrator": True,
}


@pytest.mark.parametrize("who", sorted(BINOME_VISIBLE))
@pytest.mark.parametrize("name", ["binomes:project", "binomes:evaluation"])
def test_a_binome_is_seen_by_its_members_and_its_staff_only(client, binome, people, who, name):
    client.force_login(people[who])
    response = client.get(reverse(name, args=(binome.pk,)))
    assert response.status_code == (200 if BINOME_VISIBLE[who] else 404)


@pytest.mark.parametrize("name", ["binomes:project", "binomes:evaluation", "binomes:promotion"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, binome, name):
    pk = binome.promotion_id if name == "binomes:promotion" else binome.pk
    response = client.get(reverse(name, args=(pk,)))
    assert response.status_code == 302
    assert "/connexion/" in response["Location"] or "login" in response["Location"]


def test_a_binome_that_does_not_exist_is_a_404_even_for_an_administrator(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("binomes:project", args=(999,))).status_code == 404


PROMOTION_VISIBLE = {**BINOME_VISIBLE, "other_learner": True}


@pytest.mark.parametrize("who", sorted(PROMOTION_VISIBLE))
def test_the_promotion_page_is_for_its_members_and_staff(client, binome, people, who):
    client.force_login(people[who])
    response = client.get(reverse("binomes:promotion", args=(binome.promotion_id,)))
    assert response.status_code == (200 if PROMOTION_VISIBLE[who] else 404)


def test_a_learner_of_another_promotion_does_not_see_the_promotion_page(client, binome):
    from curriculum.models import Audience
    from tests.lms.binomes.conftest import make_learner

    client.force_login(make_learner(audience=Audience.CIVIL_SERVANTS))
    response = client.get(reverse("binomes:promotion", args=(binome.promotion_id,)))
    assert response.status_code == 404


STAFF_VISIBLE = {
    "member": False,
    "partner": False,
    "other_learner": False,
    "trainer_following": True,
    "trainer_not_following": False,
    "administrator": True,
}


@pytest.mark.parametrize("who", sorted(STAFF_VISIBLE))
@pytest.mark.parametrize("name", ["binomes:pairing", "binomes:report"])
def test_staff_pages_are_for_following_trainers_and_administrators(
    client, binome, people, who, name
):
    client.force_login(people[who])
    response = client.get(reverse(name, args=(binome.promotion_id,)))
    assert response.status_code == (200 if STAFF_VISIBLE[who] else 404)


def test_the_grid_is_for_administrators_only(client, binome, trainer, administrator):
    url = reverse("binomes:criteria", args=(binome.promotion_id,))
    client.force_login(trainer)
    assert client.get(url).status_code == 404
    client.force_login(administrator)
    assert client.get(url).status_code == 200
    response = client.post(url, {"label": "Compréhension mutuelle", "description": ""})
    assert response.status_code == 302
    assert binome.promotion.evaluation_criteria.get().label == "Compréhension mutuelle"


def test_both_members_edit_the_project_by_post(client, binome, civil_servant, association_leader):
    client.force_login(civil_servant)
    response = client.post(
        reverse("binomes:project_update", args=(binome.pk,)),
        {
            "title": "Tiers-lieu rural",
            "problem": "Accès aux droits",
            "territory": "67",
            "partners": "Communauté de communes",
        },
    )
    assert response.status_code == 302
    binome.refresh_from_db()
    assert binome.project.title == "Tiers-lieu rural"
    assert binome.status == Binome.Status.ACTIVE

    client.force_login(association_leader)
    client.post(
        reverse("binomes:milestone_add", args=(binome.pk,)),
        {"title": "Diagnostic", "due_on": "2026-03-01"},
    )
    milestone = Milestone.objects.get()
    client.post(reverse("binomes:milestone_toggle", args=(milestone.pk,)))
    milestone.refresh_from_db()
    assert milestone.done


def test_changes_by_get_are_refused(client, binome, civil_servant):
    client.force_login(civil_servant)
    response = client.get(reverse("binomes:project_update", args=(binome.pk,)))
    assert response.status_code == 405


def test_changes_need_the_csrf_token(binome, civil_servant):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(civil_servant)
    response = client.post(
        reverse("binomes:project_update", args=(binome.pk,)), {"title": "Sans jeton"}
    )
    assert response.status_code == 403


def test_another_learner_cannot_change_the_project(client, binome, other_learner):
    client.force_login(other_learner)
    response = client.post(
        reverse("binomes:project_update", args=(binome.pk,)), {"title": "Intrusion"}
    )
    assert response.status_code == 404
    binome.project.refresh_from_db()
    assert binome.project.title == ""


def test_only_the_trainer_comments(client, binome, civil_servant, trainer):
    url = reverse("binomes:comment_add", args=(binome.pk,))
    client.force_login(civil_servant)
    client.post(url, {"body": "Je me commente"})
    assert not Comment.objects.exists()

    client.force_login(trainer)
    client.post(url, {"body": "Pensez à associer la mairie."})
    assert Comment.objects.get().author == trainer
    page = client.get(reverse("binomes:project", args=(binome.pk,)))
    assert "Pensez à associer la mairie." in page.content.decode()


def test_the_project_page_shows_each_members_modules_side_by_side(
    client,
    binome,
    civil_servant,
    association_leader,
    association_curriculum,
    civil_servant_curriculum,
    module_factory,
    lesson_factory,
):
    from curriculum.services import mirror_pair_create
    from lms.enrolment.models import Enrolment
    from lms.enrolment.services import enrolment_create

    financing = module_factory(
        parent=civil_servant_curriculum, title="Modèles économiques de l'ESS"
    )
    public_money = module_factory(parent=association_curriculum, title="Financer l'action publique")
    mirror_pair_create(first=public_money, second=financing)
    enrolment_create(learner=civil_servant, module=financing, source=Enrolment.Source.PROMOTION)

    client.force_login(association_leader)
    content = client.get(reverse("binomes:project", args=(binome.pk,))).content.decode()

    assert "Modèles économiques de l&#x27;ESS" in content
    assert "Financer l&#x27;action publique" in content


def test_the_project_page_of_a_completed_project_is_read_only(
    client, binome, civil_servant, trainer
):
    project_update(
        binome=binome, by=civil_servant, title="Projet", problem="", territory="", partners=""
    )
    from lms.binomes.services import project_complete

    project_complete(binome=binome, by=trainer)
    client.force_login(civil_servant)
    response = client.post(
        reverse("binomes:project_update", args=(binome.pk,)), {"title": "Changé"}
    )
    assert response.status_code == 302
    binome.project.refresh_from_db()
    assert binome.project.title == "Projet"
