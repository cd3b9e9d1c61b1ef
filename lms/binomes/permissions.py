"""Who may see and change binômes, projects and evaluations.

Only the two members, the trainers following the promotion and administrators see a
binôme; a promotion's page of binômes is open to its members as well. Views answer 404 to
everyone else.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from lms.binomes.models import Binome
from lms.people.models import Promotion, PromotionMembership
from lms.people.permissions import user_is_administrator, user_is_trainer


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def can_manage_binomes(user, promotion: Promotion) -> bool:
    """Form and dissolve binômes, comment, complete projects: administrators and the
    trainers following the promotion."""
    if not _signed_in(user):
        return False
    if user_is_administrator(user):
        return True
    return user_is_trainer(user) and promotion.trainers.filter(pk=user.pk).exists()


def can_manage_criteria(user, promotion: Promotion) -> bool:
    """Define a promotion's evaluation grid: administrators."""
    return user_is_administrator(user)


def can_view_promotion_binomes(user, promotion: Promotion) -> bool:
    """See the list of a promotion's binômes and projects: its members and its staff."""
    if can_manage_binomes(user, promotion):
        return True
    return (
        _signed_in(user)
        and PromotionMembership.objects.filter(promotion=promotion, learner=user).exists()
    )


def is_member(user, binome: Binome) -> bool:
    """One of the binôme's two learners."""
    return _signed_in(user) and user.pk in binome.member_ids


def can_view_binome(user, binome: Binome) -> bool:
    """See a binôme's project and evaluations: members and staff of its promotion."""
    return is_member(user, binome) or can_manage_binomes(user, binome.promotion)


def can_edit_project(user, binome: Binome) -> bool:
    """Change the project, its milestones and deliverables: the members, and the staff of
    the promotion; nobody once the project is completed."""
    if binome.status == Binome.Status.COMPLETED:
        return False
    return can_view_binome(user, binome)


def binomes_visible_to(user) -> QuerySet[Binome]:
    """The binômes ``user`` may open."""
    if not _signed_in(user):
        return Binome.objects.none()
    if user_is_administrator(user):
        return Binome.objects.all()
    condition = Q(memberships__learner=user)
    if user_is_trainer(user):
        condition |= Q(promotion__trainers=user)
    return Binome.objects.filter(condition).distinct()
