"""Enrolling a whole promotion from the admin: its members at that moment, counts on screen,
capacity refusals, administrators only, POST with CSRF."""

import pytest
from django.core import mail
from django.urls import reverse

from lms.enrolment.models import Enrolment, ModuleSettings
from lms.enrolment.services import enrolment_create
from lms.people.models import PromotionMembership
from tests.lms.admin_actions.conftest import signed_in

pytestmark = pytest.mark.django_db

URL = "/admin/inscrire-promotion/"


def members(promotion):
    return [m.learner for m in PromotionMembership.objects.filter(promotion=promotion)]


def form_data(promotion, module, **extra) -> dict:
    return {"promotion": promotion.pk, "module": module.pk, **extra}


def test_the_url_is_registered():
    assert reverse("enrolment_enrol_promotion") == URL


def test_administrators_see_the_form_with_every_promotion(
    administrator, promotion, other_promotion, module
):
    response = signed_in(administrator).get(URL)

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields["promotion"].queryset) == {promotion, other_promotion}
    assert module in form.fields["module"].queryset
    assert response.context["result"] is None


def test_a_promotion_is_enrolled_and_the_screen_counts_it(
    administrator, promotion, module, make_learner
):
    first, *others = members(promotion)
    enrolment_create(learner=first, module=module)

    response = signed_in(administrator).post(URL, form_data(promotion, module))

    assert response.status_code == 200
    result = response.context["result"]
    assert (result.added, result.already_enrolled, result.refused) == (2, 1, [])
    assert response.context["member_count"] == 3
    html = response.content.decode()
    assert '<dd data-count="added">2</dd>' in html
    assert '<dd data-count="already-enrolled">1</dd>' in html
    enrolments = Enrolment.objects.filter(module=module, status="active")
    assert {e.learner for e in enrolments} == {first, *others}
    assert {e.source for e in enrolments if e.learner in others} == {"promotion"}
    assert {e.enrolled_by for e in enrolments if e.learner in others} == {administrator}


def test_only_the_members_at_that_moment_are_enrolled(
    administrator, promotion, module, make_learner
):
    signed_in(administrator).post(URL, form_data(promotion, module))
    late = make_learner()
    PromotionMembership.objects.create(promotion=promotion, learner=late)

    assert not Enrolment.objects.filter(learner=late).exists()
    assert Enrolment.objects.filter(module=module).count() == 3


def test_inactive_members_are_left_out(administrator, promotion, module):
    sleeping = members(promotion)[0]
    sleeping.is_active = False
    sleeping.save()

    response = signed_in(administrator).post(URL, form_data(promotion, module))

    assert response.context["result"].added == 2
    assert not Enrolment.objects.filter(learner=sleeping).exists()


def test_capacity_refuses_the_learners_over_it(administrator, promotion, module):
    ModuleSettings.objects.create(module=module, capacity=2)

    response = signed_in(administrator).post(URL, form_data(promotion, module))

    result = response.context["result"]
    assert (result.added, result.already_enrolled, len(result.refused)) == (2, 0, 1)
    refused_names = {name for name, _reason in result.refused}
    enrolled = set(Enrolment.objects.filter(module=module).values_list("learner", flat=True))
    assert len(enrolled) == 2
    assert refused_names == {str(m) for m in members(promotion) if m.pk not in enrolled}
    assert response.content.decode().count("<li>") >= 1
    assert "data-refusals" in response.content.decode()


def test_administrators_may_go_over_capacity(administrator, promotion, module):
    ModuleSettings.objects.create(module=module, capacity=2)

    response = signed_in(administrator).post(
        URL, form_data(promotion, module, override_capacity="on")
    )

    result = response.context["result"]
    assert (result.added, result.refused) == (3, [])
    assert Enrolment.objects.filter(module=module, status="active").count() == 3


def test_each_learner_added_gets_a_confirmation(
    administrator, promotion, module, django_capture_on_commit_callbacks
):
    enrolment_create(learner=members(promotion)[0], module=module)

    with django_capture_on_commit_callbacks(execute=True):
        signed_in(administrator).post(URL, form_data(promotion, module))

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        m.email for m in members(promotion)[1:]
    )


def test_trainers_cannot_enrol_a_promotion(trainer, promotion, module):
    client = signed_in(trainer)

    for response in (client.get(URL), client.post(URL, form_data(promotion, module))):
        # Wagtail answers a forbidden admin request by sending the user to the dashboard.
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not Enrolment.objects.exists()


def test_learners_never_reach_the_screen(learner, promotion, module):
    response = signed_in(learner).post(URL, form_data(promotion, module))

    assert (response.status_code, response["Location"]) == (302, "/")
    assert not Enrolment.objects.exists()


def test_the_csrf_token_is_required(administrator, promotion, module):
    client = signed_in(administrator, enforce_csrf_checks=True)

    refused = client.post(URL, form_data(promotion, module))
    assert refused.status_code == 403
    assert not Enrolment.objects.exists()

    token = client.get(URL).context["csrf_token"]
    accepted = client.post(URL, form_data(promotion, module, csrfmiddlewaretoken=token))
    assert accepted.status_code == 200
    assert accepted.context["result"].added == 3


def test_the_menu_offers_the_screen_to_administrators_only(administrator, trainer):
    assert URL in signed_in(administrator).get("/admin/").content.decode()
    assert URL not in signed_in(trainer).get("/admin/").content.decode()
