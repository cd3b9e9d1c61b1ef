"""Declared themes: each member declares theirs on the promotion's binômes page until
paired; the promotion's staff read and set everyone's on « Thèmes déclarés »; the
suggested pairing uses them."""

import pytest
from django.urls import reverse

from curriculum.models import Audience
from lms.binomes.errors import BinomeError
from lms.binomes.models import PairingThemes
from lms.binomes.services import pairing_suggest, pairing_themes_set
from tests.factories import UserFactory
from tests.lms.binomes.conftest import make_learner

pytestmark = pytest.mark.django_db


def _themes(promotion, learner) -> str:
    row = PairingThemes.objects.filter(promotion=promotion, learner=learner).first()
    return row.themes if row else ""


def test_a_learner_declares_themes_until_paired(client, promotion, civil_servant, trainer):
    client.force_login(civil_servant)
    page = reverse("binomes:promotion", args=(promotion.pk,))
    response = client.get(page)
    assert response.context["themes_form"] is not None
    assert 'id="themes-form"' in response.content.decode()
    response = client.post(
        reverse("binomes:themes", args=(promotion.pk,)), {"themes": " logement ,, insertion "}
    )
    assert response.status_code == 302
    assert _themes(promotion, civil_servant) == "logement, insertion"
    assert client.get(page).context["themes_form"].initial["themes"] == "logement, insertion"


def test_once_paired_the_form_is_gone(client, binome, civil_servant):
    client.force_login(civil_servant)
    response = client.get(reverse("binomes:promotion", args=(binome.promotion_id,)))
    assert response.context["themes_form"] is None
    assert 'id="themes-form"' not in response.content.decode()


def test_staff_do_not_get_the_learner_form_but_a_link_to_the_themes(client, promotion, trainer):
    client.force_login(trainer)
    response = client.get(reverse("binomes:promotion", args=(promotion.pk,)))
    assert response.context["themes_form"] is None
    assert reverse("binomes:themes_manage", args=(promotion.pk,)) in response.content.decode()


def test_staff_read_every_members_themes(
    client, promotion, civil_servant, association_leader, trainer
):
    pairing_themes_set(promotion=promotion, learner=civil_servant, themes="mobilité")
    client.force_login(trainer)
    response = client.get(reverse("binomes:themes_manage", args=(promotion.pk,)))
    assert response.status_code == 200
    rows = {row.learner: row for row in response.context["rows"]}
    assert rows[civil_servant].themes == "mobilité"
    assert rows[association_leader].themes == ""
    html = response.content.decode()
    assert f'data-learner="{civil_servant.pk}"' in html
    assert 'value="mobilité"' in html


@pytest.mark.parametrize("who", ["trainer", "administrator"])
def test_staff_set_a_members_themes(
    client, promotion, association_leader, trainer, administrator, who
):
    client.force_login({"trainer": trainer, "administrator": administrator}[who])
    url = reverse("binomes:themes_manage", args=(promotion.pk,))
    response = client.post(url, {"learner": association_leader.pk, "themes": "logement"})
    assert response.status_code == 302
    assert _themes(promotion, association_leader) == "logement"


def test_staff_cannot_set_themes_of_someone_outside_the_promotion(client, promotion, trainer):
    outsider = make_learner(audience=Audience.CIVIL_SERVANTS)
    client.force_login(trainer)
    url = reverse("binomes:themes_manage", args=(promotion.pk,))
    response = client.post(url, {"learner": outsider.pk, "themes": "logement"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    response = client.post(url, {"learner": "abc", "themes": "logement"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not PairingThemes.objects.exists()


def test_a_learner_cannot_set_someone_elses_themes(promotion, civil_servant, association_leader):
    with pytest.raises(BinomeError) as error:
        pairing_themes_set(
            promotion=promotion, learner=association_leader, themes="x", by=civil_servant
        )
    assert error.value.code == "forbidden"
    assert not PairingThemes.objects.exists()


@pytest.mark.parametrize("who", ["civil_servant", "other_trainer", "anonymous"])
def test_the_staff_themes_page_is_for_the_promotions_staff_only(
    client, promotion, civil_servant, other_trainer, association_leader, who
):
    if who != "anonymous":
        client.force_login({"civil_servant": civil_servant, "other_trainer": other_trainer}[who])
    url = reverse("binomes:themes_manage", args=(promotion.pk,))
    get = client.get(url)
    post = client.post(url, {"learner": association_leader.pk, "themes": "logement"})
    if who == "anonymous":
        assert get.status_code == post.status_code == 302
    else:
        assert get.status_code == post.status_code == 404
    assert not PairingThemes.objects.exists()


def test_themes_set_by_staff_steer_the_suggestion(promotion, trainer):
    claire = make_learner(
        audience=Audience.CIVIL_SERVANTS, promotion=promotion, first_name="A", last_name="A"
    )
    first = make_learner(
        audience=Audience.ASSOCIATION_LEADERS, promotion=promotion, first_name="B", last_name="B"
    )
    second = make_learner(
        audience=Audience.ASSOCIATION_LEADERS, promotion=promotion, first_name="C", last_name="C"
    )
    assert pairing_suggest(promotion=promotion).proposals[0].association_leader == first
    pairing_themes_set(promotion=promotion, learner=claire, themes="logement", by=trainer)
    pairing_themes_set(promotion=promotion, learner=second, themes="Logement", by=trainer)
    proposal = pairing_suggest(promotion=promotion).proposals[0]
    assert (proposal.civil_servant, proposal.association_leader) == (claire, second)


def test_someone_outside_the_promotion_cannot_declare_themes_in_it(client, promotion):
    stranger = UserFactory()
    client.force_login(stranger)
    response = client.post(reverse("binomes:themes", args=(promotion.pk,)), {"themes": "x"})
    assert response.status_code == 404
