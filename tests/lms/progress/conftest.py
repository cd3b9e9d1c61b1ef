"""Fixtures of the progress tests: a module with required and optional lessons."""

from types import SimpleNamespace

import pytest

from lms.accounts import roles
from lms.enrolment.services import enrolment_create
from tests.factories import UserFactory


@pytest.fixture
def course(association_curriculum, module_factory, lesson_factory):
    """A module with two required lessons and an optional one, in that order."""
    module = module_factory(parent=association_curriculum, title="Financer l'action publique")
    return SimpleNamespace(
        module=module,
        first=lesson_factory(parent=module, title="Le budget de l'État"),
        second=lesson_factory(parent=module, title="Les subventions"),
        optional=lesson_factory(parent=module, title="Pour aller plus loin", required=False),
    )


@pytest.fixture
def enrolled(learner, course):
    """``learner``, enrolled in the course's module."""
    enrolment_create(learner=learner, module=course.module)
    return learner


@pytest.fixture
def make_learner(db):
    def make(**kwargs):
        return UserFactory(roles=[roles.LEARNERS], **kwargs)

    return make


@pytest.fixture
def signals_received():
    """Every progress signal sent, as ``(name, progress pk)``, in order."""
    from lms.progress import signals

    calls = []
    receivers = []
    for name in (
        "lesson_progressed",
        "lesson_completed",
        "module_completed",
        "curriculum_completed",
        "completion_revoked",
    ):

        def receiver(sender, progress, _name=name, **kwargs):
            calls.append((_name, progress.pk))

        getattr(signals, name).connect(receiver)
        receivers.append((getattr(signals, name), receiver))
    yield calls
    for signal, receiver in receivers:
        signal.disconnect(receiver)
