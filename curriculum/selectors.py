"""Reads of the curricula for pages and admin views."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail.models import Page

from curriculum.models import (
    Audience,
    CurriculumIndexPage,
    CurriculumPage,
    MirrorPair,
    ModulePage,
)


def curriculum_list_live(*, index: CurriculumIndexPage) -> QuerySet[CurriculumPage]:
    """Live, public curricula under the index, in tree order."""
    return CurriculumPage.objects.child_of(index).live().public().order_by("path")


def module_list_live(*, curriculum: CurriculumPage) -> QuerySet[ModulePage]:
    """Live, public modules of a curriculum, in tree order."""
    return ModulePage.objects.child_of(curriculum).live().public().order_by("path")


def lesson_list_live(*, module: ModulePage) -> QuerySet[Page]:
    """Live, public lessons of a module (of every lesson type), specific, in tree order."""
    return Page.objects.child_of(module).live().public().order_by("path").specific()


def lesson_neighbours(*, lesson: Page) -> tuple[Page | None, Page | None]:
    """The previous and next live lessons of the same module (of every lesson type)."""
    siblings = Page.objects.sibling_of(lesson).live().public()
    previous = siblings.filter(path__lt=lesson.path).order_by("-path").first()
    following = siblings.filter(path__gt=lesson.path).order_by("path").first()
    return previous, following


def mirror_pair_for_module(*, module: ModulePage) -> MirrorPair | None:
    """The pair a module is on, whichever side, live or not."""
    from curriculum.rules import either_side_q

    return (
        MirrorPair.objects.filter(either_side_q(module.pk))
        .select_related("association_module", "civil_servant_module")
        .first()
    )


def module_mirror_live(*, module: ModulePage) -> ModulePage | None:
    """The mirror of a module, when the pair exists and both pages are live."""
    pair = mirror_pair_for_module(module=module)
    if pair is None:
        return None
    mirror = (
        pair.civil_servant_module
        if pair.association_module_id == module.pk
        else pair.association_module
    )
    # Same visibility as the mirror view: both sides live and public.
    visible = ModulePage.objects.live().public().filter(pk__in=[module.pk, mirror.pk]).count()
    return mirror if visible == 2 else None


@dataclass(frozen=True)
class MirrorRow:
    """One line of the mirror view: a module for each audience, either side may be missing."""

    association_module: ModulePage | None
    civil_servant_module: ModulePage | None

    @property
    def is_pair(self) -> bool:
        return self.association_module is not None and self.civil_servant_module is not None


@dataclass(frozen=True)
class MirrorTable:
    """The mirror view: the curricula of each audience and the rows that join their modules."""

    association_curricula: list[CurriculumPage]
    civil_servant_curricula: list[CurriculumPage]
    rows: list[MirrorRow]

    @property
    def pair_count(self) -> int:
        return sum(1 for row in self.rows if row.is_pair)

    @property
    def gap_count(self) -> int:
        return sum(1 for row in self.rows if not row.is_pair)


def mirror_table(*, index: CurriculumIndexPage) -> MirrorTable:
    """Lay the curricula side by side, module by module.

    A pair shows only when both modules are live (and public); a live module whose pair is
    missing or hidden shows alone, as a gap. Rows follow the order of the association
    leaders' curriculum, then the unmatched modules of the other side. Three queries.
    """
    curricula = list(curriculum_list_live(index=index))
    by_audience = {
        audience: [c for c in curricula if c.audience == audience] for audience in Audience.values
    }
    modules = list(ModulePage.objects.live().public().descendant_of(index).order_by("path"))
    curriculum_paths = {c.path: c.audience for c in curricula}

    def audience_of(module: ModulePage) -> str | None:
        return curriculum_paths.get(module.path[: -ModulePage.steplen])

    modules = [m for m in modules if audience_of(m) is not None]
    live_ids = {m.pk: m for m in modules}
    pairs = MirrorPair.objects.filter(
        association_module_id__in=live_ids, civil_servant_module_id__in=live_ids
    ).values_list("association_module_id", "civil_servant_module_id")
    mirror_of = dict(pairs)

    rows: list[MirrorRow] = []
    matched: set[int] = set()
    for module in modules:
        if audience_of(module) != Audience.ASSOCIATION_LEADERS:
            continue
        partner_id = mirror_of.get(module.pk)
        partner = live_ids.get(partner_id) if partner_id else None
        if partner is not None:
            matched.add(partner.pk)
        rows.append(MirrorRow(association_module=module, civil_servant_module=partner))
    for module in modules:
        if audience_of(module) == Audience.CIVIL_SERVANTS and module.pk not in matched:
            rows.append(MirrorRow(association_module=None, civil_servant_module=module))
    return MirrorTable(
        association_curricula=by_audience[Audience.ASSOCIATION_LEADERS],
        civil_servant_curricula=by_audience[Audience.CIVIL_SERVANTS],
        rows=rows,
    )
