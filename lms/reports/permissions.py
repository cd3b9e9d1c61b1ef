"""Who may read the reports, and on which promotions and learners.

The ``reports`` access rule: administrators and trainers (roles of :mod:`lms.accounts.roles`)
read the reports; administrators on every promotion, trainers on the promotions they follow
(:func:`lms.people.permissions.promotions_visible_to`). Learners and reviewers never do.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lms.people.models import Promotion
from lms.people.permissions import (
    can_view_learner,
    promotions_visible_to,
    user_is_administrator,
    user_is_trainer,
)


def user_can_view_reports(user) -> bool:
    """The ``reports`` access rule: active administrators and trainers."""
    return user_is_administrator(user) or user_is_trainer(user)


def check_reports_access(user) -> None:
    """Raise :class:`PermissionDenied` unless ``user`` may read the reports."""
    if not user_can_view_reports(user):
        raise PermissionDenied


def report_promotions(user) -> QuerySet[Promotion]:
    """The promotions whose rows ``user`` sees in the reports (none without access)."""
    if not user_can_view_reports(user):
        return Promotion.objects.none()
    return promotions_visible_to(user)


def check_learner_visible(user, learner) -> None:
    """Raise :class:`Http404` unless ``user`` may follow ``learner`` in the reports: as if
    the learners of other promotions did not exist."""
    if not user_can_view_reports(user) or not can_view_learner(user, learner):
        raise Http404
