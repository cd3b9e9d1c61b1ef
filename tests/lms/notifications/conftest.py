"""Fixtures of the notification tests: a module with lessons, e-mail template permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

from lms.accounts import roles

#: What the administrators' role needs for « Modèles d'e-mails » (not granted by the roles yet).
EMAIL_TEMPLATE_PERMISSIONS = (
    "add_emailtemplate",
    "change_emailtemplate",
    "delete_emailtemplate",
    "view_emailtemplate",
)


@pytest.fixture
def email_template_permissions(db):
    Group.objects.get(name=roles.ADMINISTRATORS).permissions.add(
        *Permission.objects.filter(
            content_type__app_label="notifications", codename__in=EMAIL_TEMPLATE_PERMISSIONS
        )
    )


@pytest.fixture
def module(association_curriculum, module_factory, lesson_factory):
    """« Financer l'action publique », with two lessons."""
    module = module_factory(parent=association_curriculum, title="Financer l'action publique")
    lesson_factory(parent=module, title="Le budget de l'État")
    lesson_factory(parent=module, title="Les subventions")
    return module


@pytest.fixture(autouse=True)
def tasks_succeed():
    """Every task run must succeed: the immediate backend records a failure without raising,
    which would let a test expecting « no e-mail » pass for the wrong reason."""
    finished = []

    def record(sender, task_result, **kwargs):
        finished.append(task_result)

    task_finished.connect(record)
    yield finished
    task_finished.disconnect(record)
    failed = [r for r in finished if r.status != TaskResultStatus.SUCCESSFUL]
    assert not failed, [error.traceback for r in failed for error in r.errors]
