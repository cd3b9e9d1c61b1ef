"""Business actions on learners' profiles and promotions.

Every change runs in one transaction, is validated with ``full_clean()`` first and writes
an audit entry for each learner it concerns (:func:`lms.audit.services.audit_record`).
Refusals raise :class:`~django.core.exceptions.ValidationError` with a message for people.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lms.accounts.roles import TRAINERS
from lms.audit.services import audit_record
from lms.people.models import LearnerProfile, Promotion, PromotionMembership

PROFILE_FIELDS = ("audience", "organisation", "region", "departement", "preferred_language")
NAME_FIELDS = ("first_name", "last_name")


def _in_platform_language():
    """Audit messages are stored in French, whoever's interface made the change."""
    return translation.override(settings.LANGUAGE_CODE)


def _full_name(first_name: str, last_name: str) -> str:
    return f"{first_name} {last_name}".strip()


# Learner profiles --------------------------------------------------------------------------


def learner_profile_get_or_create(*, user) -> LearnerProfile:
    """Return the user's profile, creating it with the defaults when missing.

    Creating the default profile is not recorded in the audit trail: nothing the learner
    or an administrator chose has changed yet.
    """
    profile = LearnerProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    profile = LearnerProfile(user=user)
    # The one-profile-per-user rule is left to the database, which also settles a race.
    profile.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError:
        return LearnerProfile.objects.get(user=user)
    return profile


def learner_profile_update(
    *,
    user,
    actor=None,
    first_name: str | None = None,
    last_name: str | None = None,
    organisation: str | None = None,
    preferred_language: str | None = None,
    audience: str | None = None,
    region: str | None = None,
    departement: str | None = None,
) -> LearnerProfile:
    """Change a learner's name (on the account) and profile; ``None`` leaves a value as is.

    Learners change their name, organisation and preferred language; administrators also
    set the audience and the territory. A name change writes ``profile.name_changed``
    with the old and new names; other changes write ``profile.updated`` with each field's
    old and new values. Raises :class:`ValidationError` (nothing saved) when a value is
    refused, e.g. a département outside the région.
    """
    User = get_user_model()
    names = {"first_name": first_name, "last_name": last_name}
    values = {
        "audience": audience,
        "organisation": organisation,
        "region": region,
        "departement": departement,
        "preferred_language": preferred_language,
    }
    with transaction.atomic():
        account = User.objects.select_for_update().get(pk=user.pk)
        profile = LearnerProfile.objects.select_for_update().get(
            pk=learner_profile_get_or_create(user=account).pk
        )
        old_names = {field: getattr(account, field) for field in NAME_FIELDS}
        for field, value in names.items():
            if value is not None:
                setattr(account, field, value.strip())
        new_names = {field: getattr(account, field) for field in NAME_FIELDS}

        old_values = {field: getattr(profile, field) for field in PROFILE_FIELDS}
        for field, value in values.items():
            if value is not None:
                setattr(profile, field, value.strip())

        errors: dict[str, list] = {}
        for instance, exclude in ((account, ["password"]), (profile, None)):
            try:
                instance.full_clean(exclude=exclude)
            except ValidationError as error:
                for field, messages in error.update_error_dict({}).items():
                    errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)

        # full_clean() may have filled the région from the département.
        changes = {
            field: {"old": old_values[field], "new": getattr(profile, field)}
            for field in PROFILE_FIELDS
            if getattr(profile, field) != old_values[field]
        }
        if new_names != old_names:
            account.save(update_fields=list(NAME_FIELDS))
            with _in_platform_language():
                message = _("Name changed from “%(old)s” to “%(new)s”.") % {
                    "old": _full_name(**old_names),
                    "new": _full_name(**new_names),
                }
            audit_record(
                learner=account,
                action="profile.name_changed",
                message=message,
                actor=actor,
                target=account,
                data={"old": old_names, "new": new_names},
            )
        if changes:
            profile.save()
            with _in_platform_language():
                message = _("Profile updated: %(fields)s.") % {
                    "fields": ", ".join(
                        str(LearnerProfile._meta.get_field(field).verbose_name) for field in changes
                    )
                }
            audit_record(
                learner=account,
                action="profile.updated",
                message=message,
                actor=actor,
                target=profile,
                data={"changes": changes},
            )
            log(instance=profile, action="wagtail.edit", user=actor, content_changed=True)

    # The caller's objects (e.g. ``request.user``) now show what was saved.
    for field in NAME_FIELDS:
        setattr(user, field, new_names[field])
    return profile


# Promotions --------------------------------------------------------------------------------


def _check_trainers(trainers: list) -> None:
    not_trainers = [
        person
        for person in trainers
        if not person.is_active or not person.groups.filter(name=TRAINERS).exists()
    ]
    if not_trainers:
        raise ValidationError(
            {
                "trainers": _("These people are not trainers: %(names)s.")
                % {"names": ", ".join(str(person) for person in not_trainers)}
            }
        )


def _save_promotion(promotion: Promotion) -> None:
    promotion.full_clean()
    try:
        with transaction.atomic():
            promotion.save()
    except IntegrityError as error:
        # Another request took the same name and year between the check and the save.
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("A promotion with this name already exists this year.")]}
        ) from error


def promotion_create(
    *,
    name: str,
    year: int,
    starts_on: date | None = None,
    ends_on: date | None = None,
    region: str = "",
    trainers: Iterable = (),
    by=None,
) -> Promotion:
    """Create a promotion followed by ``trainers`` (members of *Formateurs*).

    Raises :class:`ValidationError` for a name already used that year, an end date
    before the start date, or a trainer who is not one.
    """
    trainers = list(trainers)
    promotion = Promotion(
        name=name.strip(), year=year, starts_on=starts_on, ends_on=ends_on, region=region
    )
    _check_trainers(trainers)
    with transaction.atomic():
        _save_promotion(promotion)
        promotion.trainers.set(trainers)
        log(instance=promotion, action="wagtail.create", user=by, content_changed=True)
    return promotion


def promotion_update(
    *,
    promotion: Promotion,
    name: str,
    year: int,
    starts_on: date | None,
    ends_on: date | None,
    region: str,
    trainers: Iterable,
    by=None,
) -> Promotion:
    """Change a promotion's details and trainers (same rules as :func:`promotion_create`);
    on refusal ``promotion`` is left as stored."""
    trainers = list(trainers)
    promotion.name = name.strip()
    promotion.year = year
    promotion.starts_on = starts_on
    promotion.ends_on = ends_on
    promotion.region = region
    try:
        _check_trainers(trainers)
        with transaction.atomic():
            _save_promotion(promotion)
            promotion.trainers.set(trainers)
            log(instance=promotion, action="wagtail.edit", user=by, content_changed=True)
    except ValidationError:
        promotion.refresh_from_db()
        raise
    return promotion


def promotion_delete(*, promotion: Promotion, by=None) -> None:
    """Delete a promotion; each member's audit trail records that they left it."""
    with transaction.atomic():
        members = [membership.learner for membership in promotion.memberships.all()]
        for learner in members:
            _audit_membership(
                promotion=promotion, learner=learner, by=by, added=False, reason="deleted"
            )
        log(instance=promotion, action="wagtail.delete", user=by)
        promotion.delete()


def _audit_membership(*, promotion, learner, by, added: bool, reason: str = "") -> None:
    with _in_platform_language():
        if added:
            message = _("Added to the promotion %(promotion)s.")
        elif reason == "deleted":
            message = _("Removed from the promotion %(promotion)s, which was deleted.")
        else:
            message = _("Removed from the promotion %(promotion)s.")
        message = message % {"promotion": promotion}
    data = {"promotion_id": promotion.pk, "promotion": str(promotion)}
    if reason:
        data["reason"] = reason
    audit_record(
        learner=learner,
        action="promotion.member_added" if added else "promotion.member_removed",
        message=message,
        actor=by,
        target=promotion,
        data=data,
    )


def promotion_add_members(*, promotion: Promotion, learners: Iterable, by=None) -> int:
    """Add learners to a promotion and return how many were added.

    Idempotent: learners already members are left as they are and not counted. Each
    added learner gets a ``promotion.member_added`` audit entry and, when missing, a
    default profile (so administrators can set their audience and territory).
    """
    unique = list({learner.pk: learner for learner in learners}.values())
    if not unique:
        return 0
    with transaction.atomic():
        # Concurrent additions to the same promotion wait for each other, so the count
        # below is exact; the unique constraint remains the last word.
        Promotion.objects.select_for_update().filter(pk=promotion.pk).first()
        present = set(
            PromotionMembership.objects.filter(
                promotion=promotion, learner__in=[learner.pk for learner in unique]
            ).values_list("learner_id", flat=True)
        )
        added = [learner for learner in unique if learner.pk not in present]
        memberships = [
            PromotionMembership(promotion=promotion, learner=learner) for learner in added
        ]
        for membership in memberships:
            # Uniqueness was checked above for all learners in one query.
            membership.full_clean(validate_unique=False, validate_constraints=False)
        PromotionMembership.objects.bulk_create(memberships)

        with_profile = set(
            LearnerProfile.objects.filter(user__in=[learner.pk for learner in added]).values_list(
                "user_id", flat=True
            )
        )
        LearnerProfile.objects.bulk_create(
            [LearnerProfile(user=learner) for learner in added if learner.pk not in with_profile],
            ignore_conflicts=True,
        )
        for learner in added:
            _audit_membership(promotion=promotion, learner=learner, by=by, added=True)
    return len(added)


def promotion_remove_member(*, promotion: Promotion, learner, by=None) -> bool:
    """Remove a learner from a promotion; return whether they were a member.

    Writes ``promotion.member_removed`` when they were.
    """
    with transaction.atomic():
        deleted, _rows = PromotionMembership.objects.filter(
            promotion=promotion, learner=learner
        ).delete()
        if deleted:
            _audit_membership(promotion=promotion, learner=learner, by=by, added=False)
    return bool(deleted)
