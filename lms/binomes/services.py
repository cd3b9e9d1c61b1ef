"""Business actions on binômes: pairing, projects, deliverables, comments, evaluation.

Each action checks who acts, runs in one transaction, raises :class:`BinomeError` with a
French message on refusal, writes an audit entry for each learner a pairing change
concerns, and enqueues its e-mails once the transaction has committed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from curriculum.models import Audience
from lms.audit.services import audit_record
from lms.binomes import conf
from lms.binomes.errors import BinomeError
from lms.binomes.files import extension_of, sniff_kind
from lms.binomes.models import (
    SCORE_MAX,
    SCORE_MIN,
    Binome,
    BinomeMember,
    Comment,
    CurriculumBinomeRequirement,
    Deliverable,
    Evaluation,
    EvaluationAnswer,
    EvaluationCriterion,
    Milestone,
    PairingThemes,
    Project,
)
from lms.binomes.permissions import (
    can_edit_project,
    can_manage_binomes,
    can_manage_criteria,
    is_member,
)
from lms.binomes.rules import module_requires_binome_project
from lms.binomes.selectors import unpaired_candidates
from lms.enrolment.models import Enrolment
from lms.people.models import LearnerProfile, Promotion, PromotionMembership

logger = logging.getLogger(__name__)


def _in_platform_language():
    """Audit messages are stored in French, whoever's interface made the change."""
    return translation.override(settings.LANGUAGE_CODE)


def _validation_message(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


# Pairing -----------------------------------------------------------------------------------


def _audience(learner) -> str:
    profile = LearnerProfile.objects.filter(user=learner).first()
    return profile.audience if profile is not None else ""


def _roles_of(first, second) -> tuple[object, object]:
    """``(civil servant, association leader)`` from the two learners' audiences."""
    audiences = {first.pk: _audience(first), second.pk: _audience(second)}
    missing = [person for person in (first, second) if not audiences[person.pk]]
    if missing:
        raise BinomeError(
            "no_audience",
            _("The audience of %(names)s is not set: set it in their profile first.")
            % {"names": ", ".join(person.get_full_name() or person.email for person in missing)},
        )
    if audiences[first.pk] == audiences[second.pk]:
        raise BinomeError(
            "same_audience",
            _(
                "A binôme pairs a senior civil servant and an association leader: "
                "these two learners have the same audience."
            ),
        )
    if audiences[first.pk] == Audience.CIVIL_SERVANTS:
        return first, second
    return second, first


def _check_pair(*, promotion: Promotion, first, second) -> tuple[object, object]:
    if first.pk == second.pk:
        raise BinomeError("same_person", _("Choose two different learners."))
    members = set(
        PromotionMembership.objects.filter(
            promotion=promotion, learner__in=[first.pk, second.pk]
        ).values_list("learner_id", flat=True)
    )
    outsiders = [person for person in (first, second) if person.pk not in members]
    if outsiders:
        raise BinomeError(
            "not_member",
            _("Not members of the promotion %(promotion)s: %(names)s.")
            % {
                "names": ", ".join(p.get_full_name() or p.email for p in outsiders),
                "promotion": promotion,
            },
        )
    paired = list(
        BinomeMember.objects.filter(promotion=promotion, learner__in=[first.pk, second.pk])
        .select_related("learner")
        .order_by("learner_id")
    )
    if paired:
        raise BinomeError(
            "already_paired",
            _("Already in a binôme of this promotion: %(names)s.")
            % {"names": ", ".join(m.learner.get_full_name() or m.learner.email for m in paired)},
        )
    return _roles_of(first, second)


def _audit_pairing(*, binome: Binome, by, formed: bool) -> None:
    for learner in (binome.civil_servant, binome.association_leader):
        partner = binome.partner_of(learner)
        with _in_platform_language():
            if formed:
                message = _("Paired with %(partner)s in the promotion %(promotion)s.")
            else:
                message = _("Binôme with %(partner)s dissolved (promotion %(promotion)s).")
            message = message % {
                "partner": partner.get_full_name() or partner.email,
                "promotion": binome.promotion,
            }
        audit_record(
            learner=learner,
            actor=by,
            action="binome.formed" if formed else "binome.dissolved",
            message=message,
            target=binome,
            data={"promotion_id": binome.promotion_id, "partner_id": partner.pk},
        )


def _create_one(*, promotion: Promotion, first, second, by) -> Binome:
    civil_servant, association_leader = _check_pair(promotion=promotion, first=first, second=second)
    binome = Binome(
        promotion=promotion,
        civil_servant=civil_servant,
        association_leader=association_leader,
        created_by=by,
    )
    binome.full_clean()
    binome.save()
    try:
        # A savepoint, so a refused membership leaves the outer transaction usable.
        with transaction.atomic():
            BinomeMember.objects.bulk_create(
                [
                    BinomeMember(binome=binome, promotion=promotion, learner=civil_servant),
                    BinomeMember(binome=binome, promotion=promotion, learner=association_leader),
                ]
            )
    except IntegrityError as error:
        # Another request paired one of them between the check and the insert.
        raise BinomeError(
            "already_paired", _("One of these learners is already in a binôme of this promotion.")
        ) from error
    Project.objects.create(binome=binome)
    _audit_pairing(binome=binome, by=by, formed=True)
    transaction.on_commit(lambda: _send_paired_emails(binome.pk))
    return binome


def _send_paired_emails(binome_id: int) -> None:
    from lms.binomes.tasks import send_binome_paired

    binome = Binome.objects.filter(pk=binome_id).first()
    if binome is None:
        return
    for learner_id in binome.member_ids:
        send_binome_paired.enqueue(binome_id, learner_id)


def _require_manager(by, promotion: Promotion) -> None:
    if not can_manage_binomes(by, promotion):
        raise BinomeError(
            "forbidden",
            _("Only administrators and the trainers following the promotion may do this."),
        )


def binome_create(*, promotion: Promotion, first, second, by) -> Binome:
    """Pair two learners of ``promotion`` (one of each audience, in any order).

    ``by`` is an administrator or a trainer following the promotion. Refused when the two
    learners have the same audience (or none), are not members of the promotion, or one
    of them is already in a binôme of it. Creates the empty project, writes a
    ``binome.formed`` audit entry for each member and e-mails them after commit.
    """
    _require_manager(by, promotion)
    with transaction.atomic():
        return _create_one(promotion=promotion, first=first, second=second, by=by)


def binome_create_many(*, promotion: Promotion, pairs: Iterable[tuple], by) -> list[Binome]:
    """Form several binômes at once (a confirmed pairing suggestion), all or none.

    Same rules as :func:`binome_create`; the first refused pair aborts the whole batch
    and its message names the pair.
    """
    _require_manager(by, promotion)
    pairs = list(pairs)
    if not pairs:
        raise BinomeError("empty", _("No binôme to form."))
    created = []
    with transaction.atomic():
        for first, second in pairs:
            try:
                created.append(_create_one(promotion=promotion, first=first, second=second, by=by))
            except BinomeError as error:
                raise BinomeError(
                    error.code,
                    _("%(first)s and %(second)s: %(reason)s")
                    % {
                        "first": first.get_full_name() or first.email,
                        "second": second.get_full_name() or second.email,
                        "reason": error.message,
                    },
                ) from error
    return created


def binome_dissolve(*, binome: Binome, by) -> None:
    """Undo a pairing (administrators and the promotion's trainers); refused once the
    project is completed or an evaluation was submitted. Audited for both members."""
    _require_manager(by, binome.promotion)
    with transaction.atomic():
        binome = Binome.objects.select_for_update().get(pk=binome.pk)
        if binome.status == Binome.Status.COMPLETED or binome.evaluations.exists():
            raise BinomeError(
                "frozen",
                _("This binôme's project is completed or evaluated: it cannot be dissolved."),
            )
        _audit_pairing(binome=binome, by=by, formed=False)
        for deliverable in Deliverable.objects.filter(project__binome=binome):
            name = deliverable.file.name
            transaction.on_commit(lambda name=name: default_storage.delete(name))
        binome.delete()


def pairing_themes_set(*, promotion: Promotion, learner, themes: str, by=None) -> PairingThemes:
    """Record the themes a member of ``promotion`` would like to work on.

    The learner declares their own (``by`` omitted or the learner); administrators and
    the trainers following the promotion may set them for any member (e.g. from an
    interview) before pairing.
    """
    if by is not None and by.pk != learner.pk:
        _require_manager(by, promotion)
    if not PromotionMembership.objects.filter(promotion=promotion, learner=learner).exists():
        if by is not None and by.pk != learner.pk:
            raise BinomeError(
                "not_member",
                _("%(name)s is not a member of this promotion.")
                % {"name": learner.get_full_name() or learner.email},
            )
        raise BinomeError("not_member", _("You are not a member of this promotion."))
    row, _created = PairingThemes.objects.get_or_create(promotion=promotion, learner=learner)
    row.themes = ", ".join(part.strip() for part in (themes or "").split(",") if part.strip())[:500]
    row.full_clean(validate_unique=False, validate_constraints=False)
    row.save(update_fields=["themes"])
    return row


@dataclass(frozen=True)
class PairingProposal:
    """A suggested binôme: ``score`` counts the shared territory and themes; ``reasons``
    are short French phrases saying why."""

    civil_servant: object
    association_leader: object
    score: int
    reasons: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PairingSuggestion:
    """The proposals and the learners left without a partner."""

    proposals: list[PairingProposal]
    unpaired: list


def _pair_score(first, second, themes: dict) -> tuple[int, tuple[str, ...]] | None:
    """``None`` when the two may not be proposed together (same organisation)."""
    a = getattr(first, "learner_profile", None)
    b = getattr(second, "learner_profile", None)
    if a is None or b is None:
        return 0, ()
    if a.organisation.strip() and a.organisation.strip().lower() == b.organisation.strip().lower():
        return None
    score, reasons = 0, []
    if a.departement and a.departement == b.departement:
        score += 3
        reasons.append(_("same département"))
    elif a.region and a.region == b.region:
        score += 2
        reasons.append(_("same région"))
    shared = sorted(themes.get(first.pk, frozenset()) & themes.get(second.pk, frozenset()))
    if shared:
        score += len(shared)
        reasons.append(_("shared themes: %(themes)s") % {"themes": ", ".join(shared)})
    return score, tuple(reasons)


def pairing_suggest(*, promotion: Promotion) -> PairingSuggestion:
    """Suggest binômes among the promotion's unpaired learners (nothing is written).

    Deterministic: civil servants are taken by name; each gets the free association leader
    with the best score (same département 3, same région 2, one per shared declared
    theme), ties going to the first by name; a leader of the same organisation is never
    proposed. People choose, adjust and confirm with :func:`binome_create_many`.
    """
    civil_servants, leaders = unpaired_candidates(promotion=promotion)
    themes = {
        row.learner_id: row.theme_set for row in PairingThemes.objects.filter(promotion=promotion)
    }
    free = list(leaders)
    proposals = []
    unpaired = []
    for civil_servant in civil_servants:
        best = None
        for leader in free:
            scored = _pair_score(civil_servant, leader, themes)
            if scored is None:
                continue
            if best is None or scored[0] > best[1]:
                best = (leader, scored[0], scored[1])
        if best is None:
            unpaired.append(civil_servant)
            continue
        free.remove(best[0])
        proposals.append(
            PairingProposal(
                civil_servant=civil_servant,
                association_leader=best[0],
                score=best[1],
                reasons=best[2],
            )
        )
    return PairingSuggestion(proposals=proposals, unpaired=unpaired + free)


# Projects ----------------------------------------------------------------------------------


def _current_status(binome: Binome) -> str:
    """The status as stored (the instance given may be older than the last change)."""
    return Binome.objects.filter(pk=binome.pk).values_list("status", flat=True).first()


def _require_editor(by, binome: Binome) -> None:
    binome.status = _current_status(binome)
    if binome.status == Binome.Status.COMPLETED:
        raise BinomeError("completed", _("This project is completed: it can no longer change."))
    if not can_edit_project(by, binome):
        raise BinomeError("forbidden", _("You may not change this project."))


def project_update(
    *, binome: Binome, by, title: str, problem: str, territory: str, partners: str
) -> Project:
    """The members (or the promotion's staff) change the project's description; the
    binôme is then « project in progress »."""
    _require_editor(by, binome)
    with transaction.atomic():
        project = Project.objects.select_for_update().get(binome=binome)
        project.title = (title or "").strip()
        project.problem = (problem or "").strip()
        project.territory = territory or ""
        project.partners = (partners or "").strip()
        try:
            project.full_clean()
        except ValidationError as error:
            raise BinomeError("invalid", _validation_message(error)) from error
        project.save()
        if binome.status == Binome.Status.FORMING and project.title:
            Binome.objects.filter(pk=binome.pk).update(status=Binome.Status.ACTIVE)
            binome.status = Binome.Status.ACTIVE
    return project


def milestone_add(*, binome: Binome, by, title: str, due_on: date) -> Milestone:
    """Add a milestone with its due date to the project."""
    _require_editor(by, binome)
    milestone = Milestone(project=binome.project, title=(title or "").strip(), due_on=due_on)
    try:
        milestone.full_clean()
    except ValidationError as error:
        raise BinomeError("invalid", _validation_message(error)) from error
    milestone.save()
    return milestone


def milestone_set_done(*, milestone: Milestone, by, done: bool) -> Milestone:
    """Mark a milestone done (or not done again)."""
    _require_editor(by, milestone.project.binome)
    milestone.done = done
    milestone.save(update_fields=["done"])
    return milestone


def milestone_delete(*, milestone: Milestone, by) -> None:
    """Remove a milestone from the project."""
    _require_editor(by, milestone.project.binome)
    milestone.delete()


def _check_upload(upload) -> str:
    """The upload's kind; raises :class:`BinomeError` for a file too large, of a type not
    allowed, or whose content does not match its name."""
    limit = conf.deliverable_max_bytes()
    if upload.size > limit:
        raise BinomeError(
            "too_large",
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {
                "size": f"{upload.size / 1024 / 1024:.1f}",
                "limit": f"{limit / 1024 / 1024:.0f}",
            },
        )
    if upload.size == 0:
        raise BinomeError("empty_file", _("The file is empty."))
    allowed = conf.deliverable_types()
    extension = extension_of(upload.name)
    if extension not in allowed:
        raise BinomeError(
            "type_not_allowed",
            _("This type of file is not accepted. Accepted types: %(types)s.")
            % {"types": ", ".join(allowed)},
        )
    kind = sniff_kind(upload)
    if kind != extension:
        raise BinomeError(
            "content_mismatch",
            _(
                "The content of this file does not match its name (.%(extension)s): "
                "it may be damaged or of another type."
            )
            % {"extension": extension},
        )
    return kind


def deliverable_add(*, binome: Binome, by, upload) -> Deliverable:
    """Store an uploaded document with the project.

    The file is checked first (size, allowed type, content matching the name). If writing
    the row fails the stored file is deleted, so storage and database never disagree.
    """
    _require_editor(by, binome)
    kind = _check_upload(upload)
    original = upload.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:255]
    deliverable = Deliverable(
        project=binome.project, name=original, kind=kind, size=upload.size, uploaded_by=by
    )
    stored_name = None
    try:
        with transaction.atomic():
            safe = get_valid_filename(original) or f"document.{kind}"
            deliverable.file.save(safe, upload, save=False)
            stored_name = deliverable.file.name
            deliverable.save()
    except Exception:
        if stored_name:
            default_storage.delete(stored_name)
        raise
    return deliverable


def deliverable_remove(*, deliverable: Deliverable, by) -> None:
    """Remove a document: the row now, the stored file once the removal has committed."""
    _require_editor(by, deliverable.project.binome)
    with transaction.atomic():
        name = deliverable.file.name
        deliverable.delete()
        transaction.on_commit(lambda: default_storage.delete(name))


def comment_add(*, binome: Binome, by, body: str) -> Comment:
    """A trainer following the promotion (or an administrator) comments on the project."""
    _require_manager(by, binome.promotion)
    body = (body or "").strip()
    if not body:
        raise BinomeError("empty", _("Write a comment first."))
    return Comment.objects.create(project=binome.project, author=by, body=body)


def _refresh_required_modules(*, learner, at) -> None:
    from lms.progress.services import module_progress_refresh

    modules = (
        Enrolment.objects.filter(
            learner=learner,
            status=Enrolment.Status.ACTIVE,
            module__binome_requirement__isnull=False,
        )
        .select_related("module")
        .order_by("module__path")
    )
    for enrolment in modules:
        if module_requires_binome_project(enrolment.module):
            module_progress_refresh(learner=learner, module=enrolment.module, at=at)


def _refresh_required_curricula(*, learner, at) -> None:
    """Recompute the learner's curricula that require a completed binôme project (those
    in which they follow a module)."""
    from lms.progress.services import curriculum_progress_refresh

    modules = Enrolment.objects.filter(learner=learner, status=Enrolment.Status.ACTIVE).values(
        "module__path"
    )
    paths = {row["module__path"] for row in modules}
    requirements = CurriculumBinomeRequirement.objects.select_related("curriculum").order_by(
        "curriculum__path"
    )
    for requirement in requirements:
        curriculum = requirement.curriculum
        if any(path.startswith(curriculum.path) for path in paths):
            curriculum_progress_refresh(learner=learner, curriculum=curriculum, at=at)


def project_complete(*, binome: Binome, by) -> Binome:
    """The promotion's trainer (or an administrator) marks the project complete.

    The members' modules requiring a completed binôme project are recomputed (they may
    complete now, and their curricula with them); the members are asked by e-mail to
    submit their evaluation.
    """
    _require_manager(by, binome.promotion)
    at = timezone.now()
    given = binome
    with transaction.atomic():
        binome = Binome.objects.select_for_update().get(pk=binome.pk)
        if binome.status == Binome.Status.COMPLETED:
            raise BinomeError("completed", _("This project is already completed."))
        project = binome.project
        if not project.title:
            raise BinomeError("untitled", _("Give the project a title before completing it."))
        project.completed_at = at
        project.completed_by = by
        project.save(update_fields=["completed_at", "completed_by"])
        binome.status = Binome.Status.COMPLETED
        binome.save(update_fields=["status"])
        for learner in (binome.civil_servant, binome.association_leader):
            with _in_platform_language():
                message = _("Binôme project “%(project)s” completed.") % {"project": project.title}
            audit_record(
                learner=learner,
                actor=by,
                action="binome.project_completed",
                message=message,
                target=project,
                data={"binome_id": binome.pk},
            )
            _refresh_required_modules(learner=learner, at=at)
            _refresh_required_curricula(learner=learner, at=at)
        binome_id = binome.pk
        transaction.on_commit(lambda: _send_evaluation_due_emails(binome_id))
    given.status = binome.status
    return binome


def _send_evaluation_due_emails(binome_id: int) -> None:
    from lms.binomes.tasks import send_evaluation_due

    binome = Binome.objects.filter(pk=binome_id).first()
    if binome is None:
        return
    for learner_id in binome.member_ids:
        send_evaluation_due.enqueue(binome_id, learner_id)


# Evaluation --------------------------------------------------------------------------------


def criterion_add(
    *, promotion: Promotion, by, label: str, description: str = "", position: int | None = None
) -> EvaluationCriterion:
    """An administrator adds a criterion to the promotion's evaluation grid."""
    if not can_manage_criteria(by, promotion):
        raise BinomeError("forbidden", _("Only administrators define the evaluation grid."))
    if position is None:
        position = EvaluationCriterion.objects.filter(promotion=promotion).count() + 1
    criterion = EvaluationCriterion(
        promotion=promotion,
        label=(label or "").strip(),
        description=(description or "").strip(),
        position=position,
    )
    try:
        criterion.full_clean()
    except ValidationError as error:
        raise BinomeError("invalid", _validation_message(error)) from error
    criterion.save()
    return criterion


def _require_grid_manager(by, promotion: Promotion) -> None:
    if not can_manage_criteria(by, promotion):
        raise BinomeError("forbidden", _("Only administrators define the evaluation grid."))


def _refuse_if_answered(criterion: EvaluationCriterion, message: str) -> None:
    if criterion.answers.exists():
        raise BinomeError("answered", message)


def criterion_update(
    *, criterion: EvaluationCriterion, by, label: str, description: str = ""
) -> EvaluationCriterion:
    """An administrator rewords a criterion of the grid.

    Refused once a submitted evaluation answered it: evaluations are frozen, so the
    question their scores answer must stay the one the evaluators read. Such a criterion
    can still be moved.
    """
    _require_grid_manager(by, criterion.promotion)
    with transaction.atomic():
        criterion = EvaluationCriterion.objects.select_for_update().get(pk=criterion.pk)
        _refuse_if_answered(
            criterion,
            _(
                "“%(criterion)s” has already been answered in a submitted evaluation: "
                "its wording can no longer change (you may still move it)."
            )
            % {"criterion": criterion.label},
        )
        criterion.label = (label or "").strip()
        criterion.description = (description or "").strip()
        try:
            criterion.full_clean()
        except ValidationError as error:
            raise BinomeError("invalid", _validation_message(error)) from error
        criterion.save(update_fields=["label", "description"])
    return criterion


def criterion_move(*, criterion: EvaluationCriterion, by, offset: int) -> list[EvaluationCriterion]:
    """Move a criterion up (``offset`` −1) or down (+1) in its grid; positions are
    renumbered 1, 2, 3… Answered criteria may move: only the display order changes."""
    _require_grid_manager(by, criterion.promotion)
    if offset not in (-1, 1):
        raise BinomeError("invalid", _("A criterion moves one place up or down."))
    with transaction.atomic():
        grid = list(
            EvaluationCriterion.objects.select_for_update()
            .filter(promotion_id=criterion.promotion_id)
            .order_by("position", "pk")
        )
        index = next(i for i, item in enumerate(grid) if item.pk == criterion.pk)
        target = index + offset
        if 0 <= target < len(grid):
            grid[index], grid[target] = grid[target], grid[index]
        for position, item in enumerate(grid, start=1):
            item.position = position
        EvaluationCriterion.objects.bulk_update(grid, ["position"])
    return grid


def criterion_delete(*, criterion: EvaluationCriterion, by) -> None:
    """Remove a criterion nobody has answered yet: one answered in a submitted evaluation
    is kept (the evaluation is frozen and the report needs it), with a clear message."""
    _require_grid_manager(by, criterion.promotion)
    with transaction.atomic():
        criterion = EvaluationCriterion.objects.select_for_update().get(pk=criterion.pk)
        _refuse_if_answered(
            criterion,
            _(
                "“%(criterion)s” has already been answered in a submitted evaluation: "
                "it cannot be deleted, so that the evaluation and the report stay whole."
            )
            % {"criterion": criterion.label},
        )
        criterion.delete()


def _evaluator_role(by, binome: Binome) -> str:
    if is_member(by, binome):
        return Evaluation.Role.MEMBER
    if can_manage_binomes(by, binome.promotion):
        submitted = Evaluation.objects.filter(binome=binome, role=Evaluation.Role.MEMBER).count()
        if submitted < 2:
            raise BinomeError(
                "members_first",
                _("The trainer evaluates once both members have submitted their evaluation."),
            )
        return Evaluation.Role.TRAINER
    raise BinomeError("forbidden", _("You may not evaluate this binôme."))


def evaluation_submit(*, binome: Binome, by, answers: dict[int, tuple[int, str]]) -> Evaluation:
    """Submit ``by``'s evaluation: ``answers`` maps each criterion id of the promotion's
    grid to ``(score, comment)``.

    Each member evaluates once the project is completed, then a trainer of the promotion
    (or an administrator). Every criterion needs a score between 1 and 4. Once submitted
    an evaluation is frozen: a second submission is refused.
    """
    if _current_status(binome) != Binome.Status.COMPLETED:
        raise BinomeError(
            "not_completed", _("The evaluation opens once the project is marked complete.")
        )
    role = _evaluator_role(by, binome)
    criteria = list(EvaluationCriterion.objects.filter(promotion=binome.promotion))
    if not criteria:
        raise BinomeError("no_grid", _("The evaluation grid of this promotion is not defined yet."))
    rows = []
    for criterion in criteria:
        score, comment = answers.get(criterion.pk, (None, ""))
        if score is None or not SCORE_MIN <= int(score) <= SCORE_MAX:
            raise BinomeError(
                "incomplete",
                _("Give a score from %(min)d to %(max)d for “%(criterion)s”.")
                % {"min": SCORE_MIN, "max": SCORE_MAX, "criterion": criterion.label},
            )
        rows.append((criterion, int(score), (comment or "").strip()))
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                binome=binome, evaluator=by, role=role, submitted_at=timezone.now()
            )
            EvaluationAnswer.objects.bulk_create(
                [
                    EvaluationAnswer(
                        evaluation=evaluation, criterion=criterion, score=score, comment=comment
                    )
                    for criterion, score, comment in rows
                ]
            )
    except IntegrityError as error:
        raise BinomeError(
            "frozen", _("This evaluation has already been submitted: it can no longer change.")
        ) from error
    return evaluation
