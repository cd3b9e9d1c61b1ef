"""The demo content as data: the two curricula, in seeding order, and their mirror pairs.

The module « Coopérer avec l'administration » has no mirror on purpose, so the mirror view
shows a gap.
"""

from lms.demo.content import public_policy as pp
from lms.demo.content import social_economy as se
from lms.demo.specs import CurriculumSpec, MirrorSpec

CURRICULA: tuple[CurriculumSpec, ...] = (
    pp.PUBLIC_POLICY_CURRICULUM,
    se.SOCIAL_ECONOMY_CURRICULUM,
)

MIRRORS: tuple[MirrorSpec, ...] = (
    MirrorSpec(pp.DECISION_CYCLE.slug, se.GOVERNANCE.slug),
    MirrorSpec(pp.FINANCING.slug, se.ECONOMIC_MODELS.slug),
    MirrorSpec(pp.EVALUATION.slug, se.SOCIAL_IMPACT.slug),
    MirrorSpec(pp.TERRITORIES.slug, se.TERRITORIAL_ROOTS.slug),
    MirrorSpec(pp.PUBLIC_INNOVATION.slug, se.SCALING.slug),
)

__all__ = ["CURRICULA", "MIRRORS"]
