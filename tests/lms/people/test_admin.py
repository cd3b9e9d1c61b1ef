"""Admin screens of promotions and learner profiles, through real requests.

Administrators run promotions and profiles; trainers see the promotions they follow and
their members, nothing else; learners never enter the admin.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from curriculum.models import Audience
from lms.accounts import roles
from lms.audit.models import AuditEntry
from lms.people.models import LearnerProfile, Promotion, PromotionMembership
from tests.factories import UserFactory
from tests.lms.people.helpers import french, page_text, signed_in

pytestmark = pytest.mark.django_db

PROMOTIONS = "/admin/promotions/"
PROFILES = "/admin/apprenants/"


def inspect_url(promotion) -> str:
    return f"{PROMOTIONS}inspect/{promotion.pk}/"


def assert_refused(response) -> None:
    """Wagtail answers a forbidden admin request by sending the user back to the dashboard."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] == "/admin/"


def promotion_form(**values) -> dict:
    data = {"name": "", "year": "2026", "starts_on": "", "ends_on": "", "region": ""}
    data.update(values)
    return data


# Listing and detail ----------------------------------------------------------------------


def test_administrators_see_every_promotion(administrator, followed_promotion, other_promotion):
    response = signed_in(administrator).get(PROMOTIONS)

    assert response.status_code == 200
    text = page_text(response)
    assert "CHESP 2026" in text
    assert "Lauréats La France s'engage 2026" in text


def test_trainers_see_only_the_promotions_they_follow(trainer, followed_promotion, other_promotion):
    client = signed_in(trainer)

    response = client.get(PROMOTIONS)

    assert response.status_code == 200
    text = page_text(response)
    assert "CHESP 2026" in text
    assert "Lauréats La France s'engage" not in text
    # The results fragment used by search and filters is scoped the same way.
    results = client.get(f"{PROMOTIONS}results/?q=2026")
    assert "Lauréats La France s'engage" not in page_text(results)
    assert "CHESP 2026" in page_text(results)


def test_a_trainer_cannot_open_another_promotion(trainer, other_promotion):
    client = signed_in(trainer)

    assert client.get(inspect_url(other_promotion)).status_code == 404
    assert_refused(client.get(f"{PROMOTIONS}history/{other_promotion.pk}/"))
    assert_refused(client.get(f"{PROMOTIONS}edit/{other_promotion.pk}/"))


def test_the_detail_lists_members_with_audience_organisation_and_territory(
    trainer, followed_promotion, civil_servant, association_leader
):
    PromotionMembership.objects.create(promotion=followed_promotion, learner=civil_servant)
    PromotionMembership.objects.create(promotion=followed_promotion, learner=association_leader)

    response = signed_in(trainer).get(inspect_url(followed_promotion))

    assert response.status_code == 200
    text = page_text(response)
    for expected in (
        "Claire Martin",
        "Préfecture du Rhône",
        "Auvergne-Rhône-Alpes – Rhône",
        french("Senior civil servants"),
        "Karim Benali",
        "Les Restos du Cœur",
        "Hauts-de-France – Nord",
        french("Association leaders"),
    ):
        assert expected in text
    # Trainers only look: no form to add or remove members.
    html = response.content.decode()
    assert 'name="emails"' not in html
    assert 'name="learner"' not in html


def test_trainers_cannot_create_change_or_delete_promotions(trainer, followed_promotion):
    client = signed_in(trainer)

    assert_refused(client.get(f"{PROMOTIONS}new/"))
    assert_refused(client.post(f"{PROMOTIONS}new/", promotion_form(name="Pirate")))
    assert_refused(client.get(f"{PROMOTIONS}edit/{followed_promotion.pk}/"))
    assert_refused(
        client.post(f"{PROMOTIONS}edit/{followed_promotion.pk}/", promotion_form(name="Renamed"))
    )
    assert_refused(client.post(f"{PROMOTIONS}delete/{followed_promotion.pk}/"))
    assert list(Promotion.objects.values_list("name", flat=True)) == ["CHESP 2026"]


def test_trainers_cannot_add_or_remove_members(trainer, followed_promotion, civil_servant):
    client = signed_in(trainer)
    PromotionMembership.objects.create(promotion=followed_promotion, learner=civil_servant)
    other = UserFactory(email="nouvelle@exemple.fr")

    assert_refused(client.post(inspect_url(followed_promotion), {"emails": other.email}))
    assert_refused(
        client.post(
            f"{PROMOTIONS}members/{followed_promotion.pk}/remove/", {"learner": civil_servant.pk}
        )
    )
    assert list(followed_promotion.members.all()) == [civil_servant]


def test_learners_never_enter_the_admin(learner, followed_promotion):
    client = signed_in(learner)

    for url in (PROMOTIONS, inspect_url(followed_promotion), PROFILES):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/"


def test_trainers_without_the_view_permission_see_nothing(trainer, followed_promotion):
    trainers = Group.objects.get(name=roles.TRAINERS)
    trainers.permissions.remove(*trainers.permissions.filter(content_type__app_label="people"))

    client = signed_in(trainer)
    assert_refused(client.get(PROMOTIONS))
    assert_refused(client.get(inspect_url(followed_promotion)))


# Creating and changing ----------------------------------------------------------------------


def test_an_administrator_creates_a_promotion_with_trainers(administrator, trainer, learner):
    client = signed_in(administrator)

    form = client.get(f"{PROMOTIONS}new/")
    assert form.status_code == 200
    html = form.content.decode()
    assert f'value="{trainer.pk}"' in html  # trainers are offered...
    assert f'value="{learner.pk}"' not in html  # ...learners are not

    response = client.post(
        f"{PROMOTIONS}new/",
        promotion_form(
            name="CHESP 2026",
            starts_on="2026-01-12",
            ends_on="2026-12-18",
            region="11",
            trainers=[trainer.pk],
        ),
    )

    assert response.status_code == 302
    promotion = Promotion.objects.get(name="CHESP 2026")
    assert promotion.region == "11"
    assert list(promotion.trainers.all()) == [trainer]


def test_a_duplicate_name_in_the_same_year_is_refused_in_the_form(
    administrator, followed_promotion
):
    response = signed_in(administrator).post(f"{PROMOTIONS}new/", promotion_form(name="CHESP 2026"))

    assert response.status_code == 200
    assert french("A promotion with this name already exists this year.") in page_text(response)
    assert Promotion.objects.count() == 1


def test_dates_in_the_wrong_order_are_refused_in_the_form(administrator):
    response = signed_in(administrator).post(
        f"{PROMOTIONS}new/",
        promotion_form(name="CHESP 2026", starts_on="2026-06-01", ends_on="2026-05-01"),
    )

    assert response.status_code == 200
    assert french("The end date must follow the start date.") in page_text(response)
    assert not Promotion.objects.exists()


def test_an_administrator_edits_a_promotion(
    administrator, trainer, other_trainer, followed_promotion
):
    response = signed_in(administrator).post(
        f"{PROMOTIONS}edit/{followed_promotion.pk}/",
        promotion_form(name="CHESP 2026 bis", region="84", trainers=[other_trainer.pk]),
    )

    assert response.status_code == 302
    followed_promotion.refresh_from_db()
    assert followed_promotion.name == "CHESP 2026 bis"
    assert list(followed_promotion.trainers.all()) == [other_trainer]


# Members by e-mail ---------------------------------------------------------------------------


def test_add_members_by_email_counts_and_is_idempotent(administrator, followed_promotion):
    client = signed_in(administrator)
    first = UserFactory(email="anne@exemple.fr")
    second = UserFactory(email="bruno@exemple.fr")
    third = UserFactory(email="chloe@exemple.fr")

    response = client.post(
        inspect_url(followed_promotion), {"emails": "ANNE@exemple.fr, bruno@exemple.fr\n"}
    )

    assert response.status_code == 302
    assert set(followed_promotion.members.all()) == {first, second}
    page = client.get(response["Location"])
    message = french(
        "Learners added to %(promotion)s: %(added)d. Already members: %(present)d.",
        promotion=followed_promotion,
        added=2,
        present=0,
    )
    assert message in page_text(page)

    response = client.post(
        inspect_url(followed_promotion),
        {"emails": "bruno@exemple.fr;\r\nchloe@exemple.fr anne@exemple.fr"},
    )
    assert response.status_code == 302
    assert set(followed_promotion.members.all()) == {first, second, third}
    message = french(
        "Learners added to %(promotion)s: %(added)d. Already members: %(present)d.",
        promotion=followed_promotion,
        added=1,
        present=2,
    )
    assert message in page_text(client.get(response["Location"]))
    assert AuditEntry.objects.filter(action="promotion.member_added").count() == 3


def test_one_unknown_email_refuses_them_all(administrator, followed_promotion):
    known = UserFactory(email="anne@exemple.fr")

    response = signed_in(administrator).post(
        inspect_url(followed_promotion),
        {"emails": "anne@exemple.fr\ninconnu@exemple.fr, Personne@Nulle-Part.fr"},
    )

    assert response.status_code == 200
    text = page_text(response)
    assert (
        french(
            "No account uses these e-mail addresses: %(emails)s. No learner was added.",
            emails="inconnu@exemple.fr, personne@nulle-part.fr",
        )
        in text
    )
    assert "anne@exemple.fr" in response.content.decode()  # the text typed is kept
    assert not followed_promotion.members.filter(pk=known.pk).exists()
    assert not PromotionMembership.objects.exists()
    assert not AuditEntry.objects.exists()


def test_malformed_addresses_are_refused(administrator, followed_promotion):
    UserFactory(email="anne@exemple.fr")

    response = signed_in(administrator).post(
        inspect_url(followed_promotion), {"emails": "anne@exemple.fr, pas-une-adresse"}
    )

    assert response.status_code == 200
    assert "pas-une-adresse" in page_text(response)
    assert not PromotionMembership.objects.exists()


def test_adding_members_needs_the_csrf_token(administrator, followed_promotion):
    UserFactory(email="anne@exemple.fr")
    client = signed_in(administrator, enforce_csrf_checks=True)

    response = client.post(inspect_url(followed_promotion), {"emails": "anne@exemple.fr"})

    assert response.status_code == 403
    assert not PromotionMembership.objects.exists()

    client.get(inspect_url(followed_promotion))
    token = client.cookies["csrftoken"].value
    response = client.post(
        inspect_url(followed_promotion),
        {"emails": "anne@exemple.fr", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert PromotionMembership.objects.count() == 1


def test_an_administrator_removes_a_member(administrator, followed_promotion, civil_servant):
    PromotionMembership.objects.create(promotion=followed_promotion, learner=civil_servant)
    client = signed_in(administrator)
    assert 'name="learner"' in client.get(inspect_url(followed_promotion)).content.decode()

    response = client.post(
        f"{PROMOTIONS}members/{followed_promotion.pk}/remove/", {"learner": civil_servant.pk}
    )

    assert response.status_code == 302
    assert response["Location"] == inspect_url(followed_promotion)
    assert not followed_promotion.members.exists()
    assert AuditEntry.objects.get(learner=civil_servant).action == "promotion.member_removed"
    assert client.get(f"{PROMOTIONS}members/{followed_promotion.pk}/remove/").status_code == 405


# Learner profiles ------------------------------------------------------------------------------


def test_administrators_filter_profiles_by_audience_and_region(
    administrator, civil_servant, association_leader
):
    client = signed_in(administrator)

    everyone = page_text(client.get(PROFILES))
    assert "Claire Martin" in everyone and "Karim Benali" in everyone

    civil_servants = page_text(client.get(PROFILES, {"audience": Audience.CIVIL_SERVANTS}))
    assert "Claire Martin" in civil_servants and "Karim Benali" not in civil_servants

    north = page_text(client.get(PROFILES, {"region": "32"}))
    assert "Karim Benali" in north and "Claire Martin" not in north


def test_trainers_see_only_the_profiles_of_their_learners(
    trainer, followed_promotion, civil_servant, association_leader
):
    PromotionMembership.objects.create(promotion=followed_promotion, learner=civil_servant)
    client = signed_in(trainer)

    text = page_text(client.get(PROFILES))

    assert "Claire Martin" in text and "Karim Benali" not in text
    own = LearnerProfile.objects.get(user=civil_servant)
    other = LearnerProfile.objects.get(user=association_leader)
    assert client.get(f"{PROFILES}inspect/{own.pk}/").status_code == 200
    assert client.get(f"{PROFILES}inspect/{other.pk}/").status_code == 404
    assert_refused(client.get(f"{PROFILES}edit/{own.pk}/"))


def profile_form(profile, **values) -> dict:
    data = {
        "audience": profile.audience,
        "organisation": profile.organisation,
        "region": profile.region,
        "departement": profile.departement,
        "preferred_language": profile.preferred_language,
    }
    data.update(values)
    return data


def test_an_administrator_sets_a_learners_territory(administrator, civil_servant):
    profile = LearnerProfile.objects.get(user=civil_servant)

    response = signed_in(administrator).post(
        f"{PROFILES}edit/{profile.pk}/", profile_form(profile, region="11", departement="75")
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.region, profile.departement) == ("11", "75")
    entry = AuditEntry.objects.get(learner=civil_servant, action="profile.updated")
    assert entry.actor == administrator
    assert entry.data["changes"]["departement"] == {"old": "69", "new": "75"}


def test_a_departement_outside_the_region_is_refused_with_a_message(administrator, civil_servant):
    profile = LearnerProfile.objects.get(user=civil_servant)

    response = signed_in(administrator).post(
        f"{PROFILES}edit/{profile.pk}/", profile_form(profile, region="11", departement="13")
    )

    assert response.status_code == 200
    expected = french(
        "%(departement)s is not in the région %(region)s.",
        departement="Bouches-du-Rhône",
        region="Île-de-France",
    )
    assert expected in page_text(response)
    profile.refresh_from_db()
    assert (profile.region, profile.departement) == ("84", "69")
    assert not AuditEntry.objects.exists()


def test_nobody_adds_or_deletes_profiles_in_the_admin(administrator, civil_servant):
    client = signed_in(administrator)
    profile = LearnerProfile.objects.get(user=civil_servant)

    assert_refused(client.get(f"{PROFILES}new/"))
    assert_refused(client.post(f"{PROFILES}delete/{profile.pk}/"))
    assert LearnerProfile.objects.filter(pk=profile.pk).exists()


def test_the_admin_menu_shows_promotions_to_trainers(trainer):
    response = signed_in(trainer).get("/admin/")
    assert response.status_code == 200
    assert PROMOTIONS in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(followed_promotion):
    response = Client().get(inspect_url(followed_promotion))
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/connexion/")


def test_the_detail_shows_dates_or_a_dash(administrator, followed_promotion):
    client = signed_in(administrator)
    assert "None" not in page_text(client.get(inspect_url(followed_promotion)))

    followed_promotion.starts_on = datetime.date(2026, 1, 12)
    followed_promotion.save()
    text = page_text(client.get(inspect_url(followed_promotion)))
    assert "12 janvier 2026" in text
