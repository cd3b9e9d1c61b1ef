"""Reads of binômes: lists, the evaluation a viewer may read, mirrored modules, the report."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from curriculum.models import Audience
from curriculum.selectors import module_mirror_live
from lms.binomes.models import (
    Binome,
    BinomeMember,
    Evaluation,
    EvaluationAnswer,
    EvaluationCriterion,
    PairingThemes,
)
from lms.binomes.permissions import can_manage_binomes, is_member
from lms.enrolment.selectors import enrolment_list_for_learner
from lms.people.models import PromotionMembership


def binome_list_for_promotion(*, promotion) -> QuerySet[Binome]:
    """A promotion's binômes with their members and project."""
    return (
        Binome.objects.filter(promotion=promotion)
        .select_related("civil_servant", "association_leader", "project")
        .order_by("civil_servant__last_name", "civil_servant__first_name", "pk")
    )


def unpaired_candidates(*, promotion) -> tuple[list, list]:
    """The promotion's active members not in a binôme yet, by name: ``(senior civil
    servants, association leaders)``; members without an audience are in neither."""
    paired = BinomeMember.objects.filter(promotion=promotion).values("learner_id")
    memberships = (
        PromotionMembership.objects.filter(promotion=promotion, learner__is_active=True)
        .exclude(learner_id__in=paired)
        .select_related("learner", "learner__learner_profile")
        .order_by("learner__last_name", "learner__first_name", "learner_id")
    )
    civil_servants, leaders = [], []
    for membership in memberships:
        profile = getattr(membership.learner, "learner_profile", None)
        audience = profile.audience if profile is not None else ""
        if audience == Audience.CIVIL_SERVANTS:
            civil_servants.append(membership.learner)
        elif audience == Audience.ASSOCIATION_LEADERS:
            leaders.append(membership.learner)
    return civil_servants, leaders


def criterion_list_for_promotion(*, promotion) -> QuerySet[EvaluationCriterion]:
    """A promotion's grid in order, each criterion with ``answered``: whether a submitted
    evaluation answered it (it can then move but not change or go)."""
    answered = EvaluationAnswer.objects.filter(criterion=OuterRef("pk"))
    return EvaluationCriterion.objects.filter(promotion=promotion).annotate(
        answered=Exists(answered)
    )


@dataclass(frozen=True)
class DeclaredThemes:
    """A member of a promotion, the themes they declared, and their binôme if paired."""

    learner: object
    audience: str
    themes: str
    binome_id: int | None


def declared_themes_for_promotion(*, promotion) -> list[DeclaredThemes]:
    """Every active member of the promotion by name, with their declared themes."""
    themes = dict(
        PairingThemes.objects.filter(promotion=promotion).values_list("learner_id", "themes")
    )
    paired = dict(
        BinomeMember.objects.filter(promotion=promotion).values_list("learner_id", "binome_id")
    )
    memberships = (
        PromotionMembership.objects.filter(promotion=promotion, learner__is_active=True)
        .select_related("learner", "learner__learner_profile")
        .order_by("learner__last_name", "learner__first_name", "learner_id")
    )
    rows = []
    for membership in memberships:
        learner = membership.learner
        profile = getattr(learner, "learner_profile", None)
        rows.append(
            DeclaredThemes(
                learner=learner,
                audience=profile.get_audience_display() if profile is not None else "",
                themes=themes.get(learner.pk, ""),
                binome_id=paired.get(learner.pk),
            )
        )
    return rows


def binome_list_for_learner(*, learner) -> QuerySet[Binome]:
    """The binômes ``learner`` is a member of (any promotion), newest promotion first."""
    return (
        Binome.objects.filter(memberships__learner=learner)
        .select_related("promotion", "civil_servant", "association_leader", "project")
        .order_by("-promotion__year", "promotion__name", "pk")
    )


def binome_detail(*, pk: int) -> Binome | None:
    """One binôme with what its page shows, or ``None``."""
    return (
        Binome.objects.select_related("promotion", "civil_servant", "association_leader", "project")
        .filter(pk=pk)
        .first()
    )


def members_have_both_submitted(*, binome: Binome) -> bool:
    """Whether both members have submitted their evaluation."""
    return Evaluation.objects.filter(binome=binome, role=Evaluation.Role.MEMBER).count() >= 2


def evaluation_list_visible(*, binome: Binome, viewer) -> list[Evaluation]:
    """The submitted evaluations ``viewer`` may read, with their answers.

    Staff of the promotion read them all. A member reads their own; the partner's and the
    trainer's only once both members have submitted.
    """
    evaluations = list(
        Evaluation.objects.filter(binome=binome)
        .select_related("evaluator")
        .prefetch_related("answers__criterion")
    )
    if can_manage_binomes(viewer, binome.promotion):
        return evaluations
    if not is_member(viewer, binome):
        return []
    if members_have_both_submitted(binome=binome):
        return evaluations
    return [evaluation for evaluation in evaluations if evaluation.evaluator_id == viewer.pk]


def evaluation_of(*, binome: Binome, evaluator) -> Evaluation | None:
    """``evaluator``'s evaluation of the binôme, if submitted."""
    if not evaluator.is_authenticated:
        return None
    return Evaluation.objects.filter(binome=binome, evaluator=evaluator).first()


@dataclass(frozen=True)
class MirrorRow:
    """One line of the side-by-side view: a module each member follows, or its mirror."""

    civil_servant_module: object | None
    civil_servant_follows: bool
    association_module: object | None
    association_follows: bool


def mirrored_modules(*, binome: Binome) -> list[MirrorRow]:
    """The modules each member follows, each next to its mirror, so each sees what the
    other is learning (a mirror the partner does not follow is shown as such)."""
    cs_modules = [e.module for e in enrolment_list_for_learner(learner=binome.civil_servant)]
    al_modules = [e.module for e in enrolment_list_for_learner(learner=binome.association_leader)]
    al_ids = {module.pk for module in al_modules}
    shown: set[int] = set()
    rows = []
    for module in cs_modules:
        mirror = module_mirror_live(module=module)
        rows.append(
            MirrorRow(
                civil_servant_module=module,
                civil_servant_follows=True,
                association_module=mirror,
                association_follows=mirror is not None and mirror.pk in al_ids,
            )
        )
        if mirror is not None:
            shown.add(mirror.pk)
    for module in al_modules:
        if module.pk in shown:
            continue
        rows.append(
            MirrorRow(
                civil_servant_module=module_mirror_live(module=module),
                civil_servant_follows=False,
                association_module=module,
                association_follows=True,
            )
        )
    return rows


@dataclass
class ReportRow:
    """A binôme's line in the report: the mean score per criterion (``None`` when nobody
    answered yet) and the overall mean."""

    label: str
    project: str
    status: str
    evaluations: int
    means: list[float | None]
    overall: float | None


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def evaluation_report(*, promotion) -> tuple[list[EvaluationCriterion], list[ReportRow]]:
    """The grid results of a promotion: one row per binôme, then the row of all binômes
    (means of every submitted evaluation, members' and trainer's)."""
    criteria = list(EvaluationCriterion.objects.filter(promotion=promotion))
    binomes = list(
        binome_list_for_promotion(promotion=promotion).prefetch_related("evaluations__answers")
    )
    rows = []
    everyone: dict[int, list[int]] = {criterion.pk: [] for criterion in criteria}
    for binome in binomes:
        scores: dict[int, list[int]] = {criterion.pk: [] for criterion in criteria}
        evaluations = list(binome.evaluations.all())
        for evaluation in evaluations:
            for answer in evaluation.answers.all():
                if answer.criterion_id in scores:
                    scores[answer.criterion_id].append(answer.score)
                    everyone[answer.criterion_id].append(answer.score)
        rows.append(
            ReportRow(
                label=str(binome),
                project=binome.project.title,
                status=binome.get_status_display(),
                evaluations=len(evaluations),
                means=[_mean(scores[criterion.pk]) for criterion in criteria],
                overall=_mean([score for values in scores.values() for score in values]),
            )
        )
    return criteria, rows + [
        ReportRow(
            label=_("All binômes"),
            project="",
            status="",
            evaluations=sum(row.evaluations for row in rows),
            means=[_mean(everyone[criterion.pk]) for criterion in criteria],
            overall=_mean([score for values in everyone.values() for score in values]),
        )
    ]
