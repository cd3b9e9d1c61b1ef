"""Business actions on the curricula: creating, changing and removing mirror pairs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from curriculum.models import Audience, MirrorPair, ModulePage
from curriculum.rules import module_curriculum
from curriculum.signals import mirror_pair_deleted, mirror_pair_saved


def mirror_pair_orient(*, first: ModulePage, second: ModulePage) -> tuple[ModulePage, ModulePage]:
    """Return ``(association_module, civil_servant_module)`` from two modules in any order.

    Raises :class:`ValidationError` when the two modules are not one of each audience.
    """
    if first.pk == second.pk:
        raise ValidationError(_("A module cannot mirror itself."))
    curricula = {}
    for module in (first, second):
        curriculum = module_curriculum(module)
        if curriculum is None:
            raise ValidationError(_("Both modules must belong to a curriculum."))
        curricula[module.pk] = curriculum
    if curricula[first.pk].pk == curricula[second.pk].pk:
        raise ValidationError(
            _("“%(a)s” and “%(b)s” belong to the same curriculum; a mirror joins two curricula.")
            % {"a": first.title, "b": second.title}
        )
    audiences = {pk: curriculum.audience for pk, curriculum in curricula.items()}
    if audiences[first.pk] == audiences[second.pk]:
        raise ValidationError(
            _(
                "A mirror joins a module for association leaders and a module for senior civil "
                "servants; “%(a)s” and “%(b)s” are for the same audience."
            )
            % {"a": first.title, "b": second.title}
        )
    if audiences[first.pk] == Audience.ASSOCIATION_LEADERS:
        return first, second
    return second, first


def mirror_pair_create(*, first: ModulePage, second: ModulePage, user=None) -> MirrorPair:
    """Record that two modules (in any order) mirror each other.

    Raises :class:`ValidationError` with a French message when a rule is broken: same
    curriculum or audience, a module already on a pair.
    """
    association_module, civil_servant_module = mirror_pair_orient(first=first, second=second)
    pair = MirrorPair(
        association_module=association_module, civil_servant_module=civil_servant_module
    )
    with transaction.atomic():
        pair.full_clean()
        pair.save()
        log(instance=pair, action="wagtail.create", user=user, content_changed=True)
        transaction.on_commit(
            lambda: mirror_pair_saved.send(sender=MirrorPair, pair=pair, created=True, user=user)
        )
    return pair


def mirror_pair_update(
    *,
    pair: MirrorPair,
    association_module: ModulePage,
    civil_servant_module: ModulePage,
    user=None,
) -> MirrorPair:
    """Change one or both sides of an existing pair (same rules as creation)."""
    pair.association_module = association_module
    pair.civil_servant_module = civil_servant_module
    try:
        pair.full_clean()
    except ValidationError:
        pair.refresh_from_db()  # leave the caller's object as stored
        raise
    with transaction.atomic():
        pair.save()
        log(instance=pair, action="wagtail.edit", user=user, content_changed=True)
        transaction.on_commit(
            lambda: mirror_pair_saved.send(sender=MirrorPair, pair=pair, created=False, user=user)
        )
    return pair


def mirror_pair_delete(*, pair: MirrorPair, user=None) -> None:
    """Remove a mirror pair; both modules stay and may be paired again."""
    association_module_id = pair.association_module_id
    civil_servant_module_id = pair.civil_servant_module_id
    with transaction.atomic():
        log(instance=pair, action="wagtail.delete", user=user)
        pair.delete()
        transaction.on_commit(
            lambda: mirror_pair_deleted.send(
                sender=MirrorPair,
                association_module_id=association_module_id,
                civil_servant_module_id=civil_servant_module_id,
                user=user,
            )
        )
