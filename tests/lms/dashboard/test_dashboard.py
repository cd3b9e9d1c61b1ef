"""« Mon parcours »: modules in progress, locked and completed, in a fixed number of queries."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from lms.enrolment.services import enrolment_create
from lms.progress.services import lesson_mark_done, lesson_open
from tests.lms.enrolment.support import page_text, signed_in

pytestmark = pytest.mark.django_db

URL = "/mon-parcours/"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def section(response, heading: str):
    """The list or table that follows the ``<h2>`` titled ``heading``."""
    title = soup(response).find("h2", string=lambda text: text and text.strip() == heading)
    assert title is not None, f"no section « {heading} »"
    return title.find_next_sibling()


@pytest.fixture
def curriculum(association_curriculum, module_factory, lesson_factory):
    """Three modules of two lessons; the third needs the first."""
    modules = []
    for title in ("L'État et ses services", "Décider et financer", "Évaluer une politique"):
        module = module_factory(parent=association_curriculum, title=title)
        module.lessons = [
            lesson_factory(parent=module, title=f"{title} – leçon {n}") for n in (1, 2)
        ]
        modules.append(module)
    modules[2].prerequisites.set([modules[0]])
    modules[2].save_revision().publish()
    return modules


def test_the_dashboard_needs_a_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_dashboard_url(learner):
    assert reverse("dashboard:home") == URL
    assert signed_in(learner).get(URL).status_code == 200


def test_a_learner_without_enrolment_is_invited_to_discover(learner, curriculum):
    response = signed_in(learner).get(URL)

    assert response.status_code == 200
    assert soup(response).find("progress") is None
    assert curriculum[0].title not in page_text(response)


def test_modules_in_progress_show_their_bar_and_the_lesson_to_resume(learner, curriculum):
    first, second, _third = curriculum
    enrolment_create(learner=learner, module=first)
    enrolment_create(learner=learner, module=second)
    lesson_mark_done(learner=learner, lesson=first.lessons[0])

    response = signed_in(learner).get(URL)

    started = soup(response).find("progress", id=f"progress-{first.pk}")
    assert started["value"] == "50"
    assert started["max"] == "100"
    card = started.find_parent("li")
    assert card.find("a", href=first.url).get_text(strip=True) == first.title
    assert "Politiques publiques et service public" in card.get_text(" ")
    assert card.find("a", href=first.lessons[1].url) is not None  # resume at lesson 2
    assert card.find("a", href=first.lessons[0].url) is None

    untouched = soup(response).find("progress", id=f"progress-{second.pk}")
    assert untouched["value"] == "0"
    assert untouched.find_parent("li").find("a", href=second.lessons[0].url) is not None


def test_locked_modules_show_the_missing_prerequisite(learner, curriculum):
    first, _second, third = curriculum
    enrolment_create(learner=learner, module=first)
    enrolment_create(learner=learner, module=third)

    response = signed_in(learner).get(URL)

    locked = section(response, "Modules verrouillés")
    entry = locked.find("a", href=third.url).find_parent("li")
    assert entry.find("a", href=first.url).get_text(strip=True) == first.title
    assert soup(response).find("progress", id=f"progress-{third.pk}") is None


def test_completed_modules_show_their_date_and_unlock_the_next(learner, curriculum):
    first, _second, third = curriculum
    enrolment_create(learner=learner, module=first)
    enrolment_create(learner=learner, module=third)
    when = timezone.now() - timedelta(days=3)
    for lesson in first.lessons:
        lesson_mark_done(learner=learner, lesson=lesson, at=when)

    response = signed_in(learner).get(URL)

    with translation.override("fr"):
        date = formats.date_format(timezone.localtime(when), "DATE_FORMAT")
    done = section(response, "Modules terminés").find("a", href=first.url).find_parent("tr")
    assert date in done.get_text(" ")
    assert soup(response).find("progress", id=f"progress-{first.pk}") is None
    assert soup(response).find("progress", id=f"progress-{third.pk}")["value"] == "0"
    assert "Modules verrouillés" not in page_text(response)


def test_withdrawn_modules_are_not_shown(learner, curriculum):
    from lms.enrolment.services import enrolment_withdraw

    enrolment_withdraw(enrolment=enrolment_create(learner=learner, module=curriculum[1]))

    response = signed_in(learner).get(URL)

    assert soup(response).find("progress", id=f"progress-{curriculum[1].pk}") is None


# Queries do not grow with the number of modules ----------------------------------------------


def learner_with_modules(count, *, make_learner, parent, module_factory, lesson_factory):
    """A learner enrolled in ``count`` modules of two lessons each, in turn: in progress,
    locked (needs the previous one), completed, not started."""
    learner = make_learner()
    modules = []
    for n in range(count):
        module = module_factory(parent=parent, title=f"Module {count}-{n}")
        lessons = [lesson_factory(parent=module) for _ in range(2)]
        enrolment_create(learner=learner, module=module)
        kind = n % 4
        if kind == 0:
            lesson_open(learner=learner, lesson=lessons[0])
        elif kind == 1:
            module.prerequisites.set([modules[-1]])
            module.save_revision().publish()
        elif kind == 2:
            for lesson in lessons:
                lesson_mark_done(learner=learner, lesson=lesson)
        modules.append(module)
    return learner


def dashboard_queries(learner) -> int:
    client = signed_in(learner)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def test_the_dashboard_query_count_does_not_grow_with_modules(
    make_learner, association_curriculum, civil_servant_curriculum, module_factory, lesson_factory
):
    few = learner_with_modules(
        2,
        make_learner=make_learner,
        parent=association_curriculum,
        module_factory=module_factory,
        lesson_factory=lesson_factory,
    )
    many = learner_with_modules(
        8,
        make_learner=make_learner,
        parent=civil_servant_curriculum,
        module_factory=module_factory,
        lesson_factory=lesson_factory,
    )
    dashboard_queries(make_learner())  # warm the per-process caches (site root paths)

    assert dashboard_queries(many) == dashboard_queries(few)
    page = signed_in(many).get(URL)
    assert len(soup(page).find_all("progress")) == 4  # 2 in progress, 2 not started
    assert len(section(page, "Modules verrouillés").find_all("li")) == 2
    assert len(section(page, "Modules terminés").find_all("tr")) == 3  # header + 2
