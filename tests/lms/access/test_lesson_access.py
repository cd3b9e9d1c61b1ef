"""Lessons need a login; the rest of the curricula is public."""

from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from lms.enrolment.services import enrolment_create


@pytest.fixture
def lesson(association_curriculum, module_factory, lesson_factory):
    module = module_factory(parent=association_curriculum, title="Le cycle de la décision publique")
    return lesson_factory(parent=module, title="Mise à l'agenda")


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login_then_back(client, lesson):
    response = client.get(lesson.url)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/comptes/connexion/"
    assert parse_qs(location.query)["next"] == [lesson.url]


@pytest.mark.django_db
def test_enrolled_learner_reads_the_lesson(client, learner, lesson):
    enrolment_create(learner=learner, module=lesson.get_parent().specific)
    client.force_login(learner)
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert "Mise à l'agenda" in unescape(response.content.decode())
    assert "le cycle de la décision publique" in response.content.decode()


@pytest.mark.django_db
def test_module_page_is_public_and_lists_lessons_by_title(client, lesson):
    module = lesson.get_parent()
    response = client.get(module.url)
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Mise à l'agenda" in html
    assert "Contenu de la leçon" not in html
    assert "Connectez-vous pour suivre les leçons." in html


@pytest.mark.django_db
def test_draft_lesson_is_not_served(
    client, learner, association_curriculum, module_factory, lesson_factory
):
    module = module_factory(parent=association_curriculum)
    draft = lesson_factory(parent=module, title="Brouillon", live=False)
    enrolment_create(learner=learner, module=module)
    client.force_login(learner)
    assert client.get(f"{module.url}{draft.slug}/").status_code == 404


@pytest.mark.django_db
def test_serving_a_lesson_decides_access_once(client, learner, lesson, monkeypatch):
    from lms.access import rules

    decided = []
    original = rules.lesson_access

    def counting(**kwargs):
        decided.append(kwargs["lesson"].pk)
        return original(**kwargs)

    monkeypatch.setattr(rules, "lesson_access", counting)
    enrolment_create(learner=learner, module=lesson.get_parent().specific)
    client.force_login(learner)

    response = client.get(lesson.url)

    assert response.status_code == 200
    # The serving hook and the progress panel both needed it.
    assert 'id="lesson-progress"' in response.content.decode()
    assert decided == [lesson.pk]
