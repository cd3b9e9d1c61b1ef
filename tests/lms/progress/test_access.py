"""Serving lessons: login, enrolment, prerequisites, staff; the mark-done and heartbeat views."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from lms.enrolment.models import Enrolment
from lms.enrolment.services import enrolment_create, enrolment_withdraw
from lms.progress.models import LessonProgress, ModuleProgress
from lms.progress.services import lesson_mark_done
from tests.lms.enrolment.support import module_settings, page_text, signed_in

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_login(client, course):
    response = client.get(course.first.url)

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("accounts:login")
    assert not LessonProgress.objects.exists()


def test_a_learner_not_enrolled_is_sent_to_the_module_with_the_reason(learner, course):
    response = signed_in(learner).get(course.first.url, follow=True)

    assert response.redirect_chain == [(course.module.url, 302)]
    assert "Inscrivez-vous à ce module pour suivre ses leçons." in page_text(response)
    assert not LessonProgress.objects.exists()


@pytest.fixture
def second_module(association_curriculum, module_factory, lesson_factory, course):
    """« Évaluer une politique », which needs the course's module first."""
    module = module_factory(parent=association_curriculum, title="Évaluer une politique")
    module.prerequisites.set([course.module])
    module.save_revision().publish()
    module.lesson = lesson_factory(parent=module, title="Les indicateurs")
    return module


def test_a_locked_module_names_its_missing_prerequisite(enrolled, course, second_module):
    enrolment_create(learner=enrolled, module=second_module)

    response = signed_in(enrolled).get(second_module.lesson.url, follow=True)

    assert response.redirect_chain == [(second_module.url, 302)]
    expected = f"Ce module s'ouvrira quand vous aurez terminé : « {course.module.title} »."
    assert expected in page_text(response)
    assert not LessonProgress.objects.filter(lesson_id=second_module.lesson.pk).exists()


def test_the_module_opens_once_the_prerequisite_is_complete(enrolled, course, second_module):
    enrolment_create(learner=enrolled, module=second_module)
    lesson_mark_done(learner=enrolled, lesson=course.first)
    lesson_mark_done(learner=enrolled, lesson=course.second)
    assert ModuleProgress.objects.get(module=course.module).status == "completed"

    response = signed_in(enrolled).get(second_module.lesson.url)

    assert response.status_code == 200
    assert "Les indicateurs" in page_text(response)
    assert LessonProgress.objects.get(lesson_id=second_module.lesson.pk).status == "in_progress"


def test_a_locked_learner_cannot_mark_a_lesson_done(enrolled, course, second_module):
    enrolment_create(learner=enrolled, module=second_module)

    response = signed_in(enrolled).post(
        reverse("progress:lesson_done", args=[second_module.lesson.pk])
    )

    assert response.status_code == 403
    assert not LessonProgress.objects.filter(lesson_id=second_module.lesson.pk).exists()


def test_a_withdrawn_learner_is_sent_back_to_the_module(enrolled, course):
    enrolment_withdraw(enrolment=Enrolment.objects.get(learner=enrolled))

    response = signed_in(enrolled).get(course.first.url)

    assert response.status_code == 302
    assert response["Location"] == course.module.url
    assert not LessonProgress.objects.exists()


def test_an_enrolled_learner_opening_a_lesson_starts_it(enrolled, course):
    response = signed_in(enrolled).get(course.first.url)

    assert response.status_code == 200
    progress = LessonProgress.objects.get(learner=enrolled)
    assert (progress.lesson_id, progress.status) == (course.first.pk, "in_progress")


def test_opening_completes_the_lesson_when_the_module_says_so(enrolled, course):
    module_settings(course.module, complete_lessons_on_open=True)
    client = signed_in(enrolled)

    assert client.get(course.first.url).status_code == 200
    assert client.get(course.second.url).status_code == 200

    assert set(LessonProgress.objects.values_list("status", flat=True)) == {"completed"}
    assert ModuleProgress.objects.get(learner=enrolled).status == "completed"


@pytest.mark.parametrize("staff", ["trainer", "administrator", "reviewer"])
def test_staff_read_without_enrolment_and_are_not_tracked(request, staff, course):
    user = request.getfixturevalue(staff)
    client = signed_in(user)

    response = client.get(course.first.url)

    assert response.status_code == 200
    assert "Le budget de l'État" in page_text(response)
    assert reverse("progress:lesson_done", args=[course.first.pk]) not in response.content.decode()
    assert client.post(reverse("progress:lesson_done", args=[course.first.pk])).status_code == 403
    assert not LessonProgress.objects.exists()
    assert not ModuleProgress.objects.exists()


# Mark as done ---------------------------------------------------------------------------------


def test_mark_done_records_completion(enrolled, course):
    client = signed_in(enrolled, enforce_csrf_checks=True)
    page = client.get(course.first.url)
    assert reverse("progress:lesson_done", args=[course.first.pk]) in page.content.decode()

    response = client.post(
        reverse("progress:lesson_done", args=[course.first.pk]),
        {"csrfmiddlewaretoken": page.context["csrf_token"], "next": course.second.url},
    )

    assert response.status_code == 302
    assert response["Location"] == course.second.url
    assert LessonProgress.objects.get(lesson_id=course.first.pk).status == "completed"


def test_mark_done_ignores_an_outside_next(enrolled, course):
    response = signed_in(enrolled).post(
        reverse("progress:lesson_done", args=[course.first.pk]),
        {"next": "//evil.example/"},
    )

    assert response["Location"] == course.first.url


def test_mark_done_is_refused_to_learners_not_enrolled(learner, course):
    response = signed_in(learner).post(reverse("progress:lesson_done", args=[course.first.pk]))

    assert response.status_code == 403
    assert not LessonProgress.objects.exists()


def test_mark_done_is_a_post_with_csrf_by_a_signed_in_user(enrolled, course):
    url = reverse("progress:lesson_done", args=[course.first.pk])

    assert signed_in(enrolled).get(url).status_code == 405
    assert signed_in(enrolled, enforce_csrf_checks=True).post(url).status_code == 403
    assert Client().post(url).status_code == 302
    assert not LessonProgress.objects.filter(status="completed").exists()


def test_mark_done_on_a_page_that_is_not_a_lesson(enrolled, course):
    url = reverse("progress:lesson_done", args=[course.module.pk])

    assert signed_in(enrolled).post(url).status_code == 403


# Heartbeat ------------------------------------------------------------------------------------


def test_heartbeat_answers_in_json(enrolled, course, settings):
    settings.LMS_HEARTBEAT_MAX_SECONDS = 60
    url = reverse("progress:lesson_activity", args=[course.first.pk])
    client = signed_in(enrolled)

    response = client.post(url, {"seconds": "30"})

    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
    assert response.json()["max_seconds"] == 60
    assert client.post(url, {"seconds": "trente"}).status_code == 400


def test_heartbeat_is_refused_to_learners_not_enrolled(learner, course):
    response = signed_in(learner).post(
        reverse("progress:lesson_activity", args=[course.first.pk]), {"seconds": "30"}
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_tracked"
    assert not LessonProgress.objects.exists()
