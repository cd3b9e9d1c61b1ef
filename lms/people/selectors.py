"""Reading learners' profiles and promotions."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import Lower

from lms.accounts.models import normalize_email_address
from lms.accounts.roles import TRAINERS
from lms.people.models import LearnerProfile, Promotion, PromotionMembership
from lms.people.permissions import learner_profiles_visible_to, promotions_visible_to

PEOPLE_ORDER = ("last_name", "first_name", "email")


def learner_profile_for_user(*, user) -> LearnerProfile:
    """The user's profile, or an unsaved one with the defaults when they have none yet
    (reading a profile never writes it)."""
    profile = LearnerProfile.objects.filter(user=user).first()
    return profile if profile is not None else LearnerProfile(user=user)


def learner_profile_list_for_user(*, user) -> QuerySet[LearnerProfile]:
    """The profiles ``user`` may see (see :func:`learner_profiles_visible_to`)."""
    return learner_profiles_visible_to(user).select_related("user")


def promotion_list_for_user(*, user) -> QuerySet[Promotion]:
    """The promotions ``user`` may see, with ``member_count`` and their trainers."""
    return (
        promotions_visible_to(user)
        .annotate(member_count=Count("memberships", distinct=True))
        .prefetch_related(
            Prefetch("trainers", queryset=get_user_model().objects.order_by(*PEOPLE_ORDER))
        )
    )


def promotion_members(*, promotion: Promotion) -> QuerySet[PromotionMembership]:
    """A promotion's memberships by name, with each learner and their profile."""
    return (
        PromotionMembership.objects.filter(promotion=promotion)
        .select_related("learner", "learner__learner_profile")
        .order_by(*(f"learner__{field}" for field in PEOPLE_ORDER))
    )


def promotion_list_for_learner(*, learner) -> QuerySet[Promotion]:
    """The promotions a learner belongs to."""
    return Promotion.objects.filter(memberships__learner=learner)


def trainer_candidates() -> QuerySet:
    """Active members of *Formateurs*, who may follow a promotion."""
    return (
        get_user_model()
        .objects.filter(groups__name=TRAINERS, is_active=True)
        .order_by(*PEOPLE_ORDER)
    )


def users_by_email(*, emails: Iterable[str]) -> dict[str, object]:
    """Accounts for these addresses (any case), keyed by the normalised address."""
    wanted = {normalize_email_address(email) for email in emails if email}
    if not wanted:
        return {}
    # Lower() matches the case-insensitive unique index on the address.
    users = get_user_model().objects.annotate(email_lower=Lower("email"))
    return {user.email_lower: user for user in users.filter(email_lower__in=wanted)}
