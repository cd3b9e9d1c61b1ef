"""The load test's final check finds a lost commit (and only a lost one).

The commits are the load test's own bodies, stored through the real service; the check
then compares the database with what the simulated learner had acknowledged.
"""

from __future__ import annotations

import io
import time

import pytest
from django.utils import timezone

from lms.accounts.models import User
from lms.demo.scorm_seed import demo_scorm_zip
from lms.enrolment.models import Enrolment
from lms.scorm.importer import scorm_package_import
from lms.scorm.models import ScormAttempt
from lms.scorm.pages import ScormLessonPage
from lms.scorm.services import attempt_commit, attempt_launch
from tests.benchmarks.support import curriculum_with_modules
from tests.load.loadtest import SCORM_FOLDER, Learner, Stats, commits_check, percentile


@pytest.fixture
def playing():
    """A learner playing the demo SCORM 1.2 package, as the load test's learners do."""
    _curriculum, (module,), _lessons = curriculum_with_modules(
        slug="controle", modules=1, lessons=0
    )
    version = scorm_package_import(
        upload=io.BytesIO(demo_scorm_zip(SCORM_FOLDER)), filename="p.zip", title="Paquet"
    )
    lesson = module.add_child(
        instance=ScormLessonPage(title="Module interactif", package=version.package)
    )
    user = User.objects.create(email="controle@example.org", first_name="A", last_name="B")
    Enrolment.objects.create(
        learner=user,
        module=module,
        status=Enrolment.Status.ACTIVE,
        source=Enrolment.Source.IMPORT,
        enrolled_at=timezone.now(),
    )
    attempt = attempt_launch(learner=user, lesson=lesson)
    learner = Learner(0, user.email, site=None, server=None, stats=Stats())
    learner.attempt_id, learner.session = attempt.pk, attempt.session_count
    learner.session_started = time.monotonic()
    return learner, attempt, lesson


def _store(learner: Learner, attempt) -> None:
    """The next commit of ``learner``, stored by the server and acknowledged."""
    body, sent = learner._commit_body()
    attempt_commit(
        attempt=ScormAttempt.objects.get(pk=attempt.pk),
        body=body,
        sequence=sent.sequence,
        final=False,
    )
    sent.acknowledged = True


@pytest.mark.django_db
def test_acknowledged_commits_in_the_database_pass(playing):
    learner, attempt, lesson = playing
    for _ in range(3):
        _store(learner, attempt)
    assert commits_check([learner], scorm_lesson_id=lesson.pk) == (0, [])


@pytest.mark.django_db
def test_an_acknowledged_commit_missing_from_the_database_is_lost(playing):
    learner, attempt, lesson = playing
    _store(learner, attempt)
    _body, sent = learner._commit_body()  # acknowledged, never stored
    sent.acknowledged = True
    lost, problems = commits_check([learner], scorm_lesson_id=lesson.pk)
    assert lost == 1
    assert "location" in problems[0]
    assert "interactions of acknowledged commits missing" in problems[0]


@pytest.mark.django_db
def test_a_stored_field_that_differs_is_lost(playing):
    learner, attempt, lesson = playing
    _store(learner, attempt)
    ScormAttempt.objects.filter(pk=attempt.pk).update(suspend_data="autre chose")
    lost, problems = commits_check([learner], scorm_lesson_id=lesson.pk)
    assert lost == 1
    assert "suspend_data" in problems[0]


@pytest.mark.django_db
def test_an_unanswered_commit_that_reached_the_server_is_no_loss(playing):
    """A timeout (an error already) after which the server stored the commit anyway."""
    learner, attempt, lesson = playing
    _store(learner, attempt)
    _store(learner, attempt)
    learner.sent[-1].acknowledged = False
    assert commits_check([learner], scorm_lesson_id=lesson.pk) == (0, [])


def test_percentile_is_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 99), percentile([], 50)) == (
        50.0,
        99.0,
        0.0,
    )
