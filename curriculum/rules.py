"""Validation rules of the curricula: mirror pairs and prerequisites.

Each function returns a list of French messages (empty when the rule holds), so that model
``clean()`` methods, admin forms and services share one definition of each rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from curriculum.models import CurriculumPage, ModulePage


def module_curriculum(module: ModulePage) -> CurriculumPage | None:
    """The curriculum of a module already placed in the tree, else ``None``."""
    from curriculum.models import CurriculumPage

    if not module.path or not module.depth:
        return None
    parent = module.get_parent()
    if parent is None:
        return None
    parent = parent.specific
    return parent if isinstance(parent, CurriculumPage) else None


def mirror_pair_errors(
    *,
    association_module: ModulePage,
    civil_servant_module: ModulePage,
    exclude_pk: int | None = None,
) -> list[str]:
    """Why these two modules cannot form a mirror pair (empty list if they can)."""
    from curriculum.models import Audience, MirrorPair

    errors: list[str] = []
    if association_module.pk == civil_servant_module.pk:
        return [_("A module cannot mirror itself.")]
    association_curriculum = module_curriculum(association_module)
    civil_servant_curriculum = module_curriculum(civil_servant_module)
    if association_curriculum is None or civil_servant_curriculum is None:
        return [_("Both modules must belong to a curriculum.")]
    if association_curriculum.pk == civil_servant_curriculum.pk:
        return [
            _("“%(a)s” and “%(b)s” belong to the same curriculum; a mirror joins two curricula.")
            % {"a": association_module.title, "b": civil_servant_module.title}
        ]
    if association_curriculum.audience != Audience.ASSOCIATION_LEADERS:
        errors.append(
            _("“%(module)s” is not in a curriculum for association leaders.")
            % {"module": association_module.title}
        )
    if civil_servant_curriculum.audience != Audience.CIVIL_SERVANTS:
        errors.append(
            _("“%(module)s” is not in a curriculum for senior civil servants.")
            % {"module": civil_servant_module.title}
        )
    for module in (association_module, civil_servant_module):
        taken = MirrorPair.objects.filter(
            either_side_q(module.pk),
        )
        if exclude_pk is not None:
            taken = taken.exclude(pk=exclude_pk)
        existing = taken.select_related("association_module", "civil_servant_module").first()
        if existing is not None:
            errors.append(
                _("“%(module)s” already mirrors another module (%(pair)s); remove that pair first.")
                % {"module": module.title, "pair": str(existing)}
            )
    return errors


def either_side_q(module_pk: int):
    """A filter matching the pair a module is on, whichever side."""
    from django.db.models import Q

    return Q(association_module_id=module_pk) | Q(civil_servant_module_id=module_pk)


def prerequisite_errors(
    *,
    module: ModulePage,
    prerequisites: list[ModulePage],
    curriculum: CurriculumPage | None = None,
) -> list[str]:
    """Why these prerequisites cannot be set on ``module`` (empty list if they can).

    Prerequisites must be other modules of the same curriculum and must not form a cycle.
    ``curriculum`` is the module's curriculum when the module is not yet in the tree.
    """
    from curriculum.models import ModulePage

    errors: list[str] = []
    curriculum = curriculum or module_curriculum(module)
    for prerequisite in prerequisites:
        if module.pk is not None and prerequisite.pk == module.pk:
            errors.append(_("A module cannot be its own prerequisite."))
            continue
        if curriculum is not None and not prerequisite.path.startswith(curriculum.path):
            errors.append(
                _("“%(module)s” is not in this curriculum; prerequisites stay in the curriculum.")
                % {"module": prerequisite.title}
            )
    if errors or module.pk is None:
        return errors

    # Search the stored graph, with this module's edges replaced by the ones being saved.
    # Edges of saved drafts count as well as the live ones: publishing any mix of live
    # pages and drafts must not close a cycle (publishing does not validate again).
    from wagtail.models import Revision

    through = ModulePage.prerequisites.through
    graph: dict[int, set[int]] = {}
    for from_id, to_id in through.objects.values_list("from_modulepage_id", "to_modulepage_id"):
        graph.setdefault(from_id, set()).add(to_id)
    drafts = ModulePage.objects.filter(has_unpublished_changes=True).values("latest_revision_id")
    for revision in Revision.objects.filter(pk__in=drafts).only("object_id", "content"):
        graph.setdefault(int(revision.object_id), set()).update(
            revision.content.get("prerequisites") or []
        )
    graph[module.pk] = {p.pk for p in prerequisites}
    culprits = sorted(p.title for p in prerequisites if _reaches(graph, p.pk, module.pk))
    if culprits:
        errors.append(
            _("These prerequisites would make the module require itself: %(modules)s.")
            % {"modules": ", ".join(culprits)}
        )
    return errors


def _reaches(graph: dict[int, set[int]], start: int, target: int) -> bool:
    stack, seen = [start], set()
    while stack:
        current = stack.pop()
        if current == target:
            return True
        if current not in seen:
            seen.add(current)
            stack.extend(graph.get(current, ()))
    return False


def curriculum_audience_errors(*, curriculum: CurriculumPage) -> list[str]:
    """Refuse changing a curriculum's audience while its modules are on mirror pairs."""
    from curriculum.models import Audience, CurriculumPage, MirrorPair

    if curriculum.pk is None:
        return []
    stored = (
        CurriculumPage.objects.filter(pk=curriculum.pk).values_list("audience", flat=True).first()
    )
    if stored is None or stored == curriculum.audience:
        return []
    side = (
        "association_module__path__startswith"
        if stored == Audience.ASSOCIATION_LEADERS
        else "civil_servant_module__path__startswith"
    )
    if MirrorPair.objects.filter(**{side: curriculum.path}).exists():
        return [
            _(
                "The audience cannot change while modules of this curriculum have mirrors; "
                "remove the mirror pairs first."
            )
        ]
    return []
