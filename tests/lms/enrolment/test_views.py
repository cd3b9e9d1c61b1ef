"""Learners' enrolment actions over HTTP: POST with CSRF, own enrolments only, French messages."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.enrolment.models import Enrolment
from lms.enrolment.services import enrolment_create
from tests.lms.enrolment.support import module_settings, page_text, signed_in

pytestmark = pytest.mark.django_db


def enrol_url(module) -> str:
    return reverse("enrolment:module_enrol", args=[module.pk])


def test_enrolment_is_a_post(learner, module):
    response = signed_in(learner).get(enrol_url(module))

    assert response.status_code == 405
    assert not Enrolment.objects.exists()


def test_enrolment_needs_a_login(client, module):
    response = client.post(enrol_url(module))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Enrolment.objects.exists()


def test_enrolment_needs_the_csrf_token(learner, module):
    client = signed_in(learner, enforce_csrf_checks=True)

    response = client.post(enrol_url(module))

    assert response.status_code == 403
    assert not Enrolment.objects.exists()


def test_enrolment_with_the_form_token_from_the_module_page(learner, module):
    client = signed_in(learner, enforce_csrf_checks=True)
    page = client.get(module.url)
    token = page.context["csrf_token"]

    response = client.post(enrol_url(module), {"csrfmiddlewaretoken": token}, follow=True)

    assert response.redirect_chain[-1][0] == module.url
    assert Enrolment.objects.get(learner=learner, module=module).status == "active"
    assert f"Vous êtes inscrit à « {module.title} »." in page_text(response)


def test_a_full_module_says_so_in_french(learner, module, make_learner):
    module_settings(module, capacity=1)
    enrolment_create(learner=make_learner(), module=module)

    response = signed_in(learner).post(enrol_url(module), follow=True)

    assert response.redirect_chain == [(module.url, 302)]
    assert "Ce module est complet." in page_text(response)
    assert not Enrolment.objects.filter(learner=learner).exists()


def test_a_closed_module_says_so_in_french(learner, module):
    module_settings(module, closes_at=timezone.now() - timedelta(days=1))

    response = signed_in(learner).post(enrol_url(module), follow=True)

    assert "Les inscriptions ont été closes le" in page_text(response)
    assert not Enrolment.objects.filter(learner=learner).exists()


def test_an_unpublished_module_is_not_found(learner, module):
    module.unpublish()

    assert signed_in(learner).post(enrol_url(module)).status_code == 404
    assert not Enrolment.objects.exists()


def test_a_learner_withdraws_from_their_module(learner, module):
    enrolment = enrolment_create(learner=learner, module=module)

    response = signed_in(learner).post(
        reverse("enrolment:withdraw", args=[enrolment.pk]), follow=True
    )

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.WITHDRAWN
    assert response.redirect_chain[-1][0] == module.url
    assert (
        f"Vous n'êtes plus inscrit à « {module.title} ». Votre progression est conservée."
        in page_text(response)
    )


def test_withdrawal_is_a_post_with_csrf(learner, module):
    enrolment = enrolment_create(learner=learner, module=module)
    url = reverse("enrolment:withdraw", args=[enrolment.pk])

    assert signed_in(learner).get(url).status_code == 405
    assert signed_in(learner, enforce_csrf_checks=True).post(url).status_code == 403
    assert Client().post(url).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACTIVE


def test_a_learner_cannot_withdraw_someone_else(learner, module, make_learner):
    other = enrolment_create(learner=make_learner(), module=module)

    response = signed_in(learner).post(reverse("enrolment:withdraw", args=[other.pk]))

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == Enrolment.Status.ACTIVE
    assert other.withdrawn_at is None


def test_curriculum_enrolment_lists_refusals_in_french(
    learner, association_curriculum, module_factory
):
    open_module = module_factory(parent=association_curriculum, title="Décider et financer")
    full = module_factory(parent=association_curriculum, title="Évaluer une politique")
    module_settings(full, capacity=0)

    response = signed_in(learner).post(
        reverse("enrolment:curriculum_enrol", args=[association_curriculum.pk]), follow=True
    )

    text = page_text(response)
    assert response.redirect_chain[-1][0] == association_curriculum.url
    assert "Aucune inscription n'a été faite" in text
    assert "Évaluer une politique : Ce module est complet." in text
    assert not Enrolment.objects.filter(module=open_module).exists()


def test_curriculum_enrolment_over_http(learner, association_curriculum, module_factory):
    modules = [module_factory(parent=association_curriculum) for _ in range(2)]
    url = reverse("enrolment:curriculum_enrol", args=[association_curriculum.pk])

    assert signed_in(learner).get(url).status_code == 405
    assert signed_in(learner, enforce_csrf_checks=True).post(url).status_code == 403
    response = signed_in(learner).post(url)

    assert response.status_code == 302
    assert set(
        Enrolment.objects.filter(learner=learner, status="active").values_list(
            "module_id", flat=True
        )
    ) == {m.pk for m in modules}


def test_the_module_page_says_why_enrolment_is_not_possible(learner, module, make_learner):
    module_settings(module, capacity=1)
    client = signed_in(learner)
    assert "M'inscrire à ce module" in page_text(client.get(module.url))

    enrolment_create(learner=make_learner(), module=module)

    page = client.get(module.url)
    assert "Ce module est complet." in page_text(page)
    assert "M'inscrire à ce module" not in page_text(page)
    assert enrol_url(module) not in page.content.decode()
