"""Who may see and change promotions and learners: the rules, and the Wagtail policies using them.

Roles come from groups (:mod:`lms.accounts.roles`): *Administrateurs* see and run everything;
*Formateurs* see the promotions they follow and their members; a learner sees themself.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from lms.accounts.roles import ADMINISTRATORS, TRAINERS
from lms.people.models import LearnerProfile, Promotion, PromotionMembership

WRITE_ACTIONS = frozenset({"add", "change", "delete"})


def _group_names(user) -> frozenset[str]:
    """The user's group names, read once per user object (as Django caches permissions)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_people_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._people_group_names = cached
    return cached


def user_is_administrator(user) -> bool:
    """An active member of *Administrateurs*, or a superuser."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or ADMINISTRATORS in _group_names(user)


def user_is_trainer(user) -> bool:
    """An active member of *Formateurs*."""
    return TRAINERS in _group_names(user)


def promotions_visible_to(user) -> QuerySet[Promotion]:
    """Administrators: every promotion; trainers: the ones they follow; anyone else: none."""
    if user_is_administrator(user):
        return Promotion.objects.all()
    if user_is_trainer(user):
        return Promotion.objects.filter(trainers=user)
    return Promotion.objects.none()


def learners_visible_to(user) -> QuerySet:
    """Users whose learning a person may follow: all for administrators, the members of
    their promotions for trainers, only themself for anyone else."""
    User = get_user_model()
    if user_is_administrator(user):
        return User.objects.all()
    if user is None or not user.is_authenticated:
        return User.objects.none()
    condition = Q(pk=user.pk)
    if user_is_trainer(user):
        condition |= Q(pk__in=_members_followed_by(user))
    return User.objects.filter(condition)


def learner_profiles_visible_to(user) -> QuerySet[LearnerProfile]:
    """Profiles listed in the admin: all for administrators, the members of their
    promotions for trainers, none for anyone else."""
    if user_is_administrator(user):
        return LearnerProfile.objects.all()
    if user_is_trainer(user):
        return LearnerProfile.objects.filter(user_id__in=_members_followed_by(user))
    return LearnerProfile.objects.none()


def can_view_learner(user, learner) -> bool:
    """Administrators; trainers following one of the learner's promotions; the learner."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.pk == learner.pk or user_is_administrator(user):
        return True
    return (
        user_is_trainer(user)
        and PromotionMembership.objects.filter(learner=learner, promotion__trainers=user).exists()
    )


def _members_followed_by(trainer) -> QuerySet:
    return PromotionMembership.objects.filter(promotion__trainers=trainer).values("learner_id")


def _administrators_filter() -> Q:
    return Q(is_superuser=True) | Q(groups__name=ADMINISTRATORS)


class _ScopedPolicy(ModelPermissionPolicy):
    """Django model permissions (granted by the roles), writes reserved to administrators,
    and each instance limited to what :meth:`visible_to` returns."""

    #: Actions nobody performs through the admin.
    refused_actions: frozenset[str] = frozenset()

    def visible_to(self, user) -> QuerySet:
        raise NotImplementedError

    def user_has_permission(self, user, action: str) -> bool:
        if action in self.refused_actions:
            return False
        if action in WRITE_ACTIONS and not user_is_administrator(user):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        return (
            self.user_has_permission(user, action)
            and self.visible_to(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions: Iterable[str]) -> QuerySet:
        if self.user_has_any_permission(user, actions):
            return self.visible_to(user)
        return self.model._default_manager.none()

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet:
        actions = [action for action in actions if action not in self.refused_actions]
        reads = [action for action in actions if action not in WRITE_ACTIONS]
        writes = [action for action in actions if action in WRITE_ACTIONS]
        User = get_user_model()
        condition = Q(pk__in=[])
        if reads:
            condition |= Q(pk__in=super().users_with_any_permission(reads).values("pk"))
        if writes:
            administrators = (
                super()
                .users_with_any_permission(writes)
                .filter(_administrators_filter())
                .values("pk")
            )
            condition |= Q(pk__in=administrators)
        return User.objects.filter(condition)


class PromotionPermissionPolicy(_ScopedPolicy):
    """Promotions: administrators create, change and delete them; trainers with the view
    permission see the promotions they follow."""

    def visible_to(self, user) -> QuerySet[Promotion]:
        return promotions_visible_to(user)


class LearnerProfilePermissionPolicy(_ScopedPolicy):
    """Learner profiles: created with the account and removed with it, never in the admin;
    administrators change them; trainers see the members of their promotions."""

    refused_actions = frozenset({"add", "delete"})

    def visible_to(self, user) -> QuerySet[LearnerProfile]:
        return learner_profiles_visible_to(user)
