"""Receivers of the enrolment and progress signals: each enqueues one e-mail task.

The signals are sent after their transaction has committed, so the tasks are enqueued at
once, with primary keys.
"""

from __future__ import annotations

from lms.notifications.tasks import send_enrolment_confirmation, send_module_completed


def enrolment_created_email(sender, enrolment, reactivated, by=None, **kwargs) -> None:
    """A new or reactivated enrolment: confirm it to the learner."""
    send_enrolment_confirmation.enqueue(enrolment.pk)


def module_completed_email(sender, progress, **kwargs) -> None:
    """A completed module: tell the learner."""
    send_module_completed.enqueue(progress.pk)
