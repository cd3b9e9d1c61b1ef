"""Which items of a package a learner may open, and where navigation requests lead.

:func:`item_states` gives one :class:`ItemState` per item of a package version, in tree
order; :func:`item_navigate` resolves a navigation request ("continue", "previous",
"choice.{target=ID}", ...) against those states. Both read the learner's attempts and the
registration's global objectives and write nothing.

SCORM 1.2: an item is available when its AICC prerequisites and those of its ancestors
are met (:mod:`lms.scorm.prerequisites`: an identifier counts as met when that item is
"passed" or "completed"; a malformed script is logged and ignored).

SCORM 2004: the part of IMS Simple Sequencing that decides choice and flow:

- control modes of the parent (``choice``, ``flow``, ``forward_only``; the organization's
  for top-level items), with the IMS SS defaults (choice true, flow false, forward only
  false). Under a parent that forbids choice, only the next activity in flow order (and the
  current one while it can be resumed) is offered; under a forward-only parent, activities
  before the current one cannot be chosen.
- pre-condition rules with the actions ``disabled``, ``hiddenFromChoice`` and ``skip``,
  conditions ``satisfied``, ``objectiveStatusKnown``, ``objectiveMeasureKnown``,
  ``objectiveMeasureGreaterThan``, ``objectiveMeasureLessThan``, ``completed``,
  ``activityProgressKnown``, ``attempted``, ``attemptLimitExceeded``, ``always``, the
  ``not`` operator and the ``all``/``any`` combinations, in the three-valued logic of the
  specification (a condition on an unknown status is unknown, and ``not unknown`` too: a
  rule fires only when its combination is true).
- objectives: a rule's referenced objective (the primary one when blank) reads its global
  objective through ``map_info`` (``read_satisfied`` / ``read_measure``) from
  :attr:`ScormRegistration.global_objectives`, else the activity's own status (latest
  attempt: success_status and score.scaled for the primary objective, the attempt's
  ``objectives`` for the others). A global objective not recorded yet is derived from the
  attempts of the items that write it, so availability never lags behind a commit.
- limit conditions: ``attempt_limit`` (once reached and the last attempt ended).

Not supported (treated as never true / ignored): time limits and time-range conditions,
``stopForwardTraversal``, constrained choice (``prevent_activation``,
``constrain_choice``), ``choice_exit``, post- and exit-condition rules (the SCO's own
navigation request and the player decide what follows), rollup rules beyond the default
(a section is complete or passed when all its children are), objective completion status
read from global objectives (4th edition ``readCompletionStatus``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from lms.scorm.models import (
    CompletionStatus,
    ScormAttempt,
    ScormItem,
    ScormPackageVersion,
    ScormRegistration,
    SuccessStatus,
)
from lms.scorm.prerequisites import (
    PrerequisiteSyntaxError,
    prerequisite_evaluate,
    prerequisite_identifiers,
    prerequisite_parse,
)

logger = logging.getLogger(__name__)

CONTROL_MODE_DEFAULTS = {
    "choice": True,
    "choice_exit": True,
    "flow": False,
    "forward_only": False,
    "use_current_attempt_objective_info": True,
    "use_current_attempt_progress_info": True,
}
EXIT_REQUESTS = frozenset(
    {"exit", "exitall", "suspendall", "abandon", "abandonall", "_none_", "none", ""}
)
_TARGET_REQUEST = re.compile(
    r"^(?:(?P<prefix>choice|jump)\.\{target=(?P<target1>[^}]*)\}"
    r"|\{target=(?P<target2>[^}]*)\}(?P<suffix>choice|jump))$"
)
_KNOWN_PROGRESS = {CompletionStatus.COMPLETED, CompletionStatus.INCOMPLETE}


@dataclass
class ItemState:
    """Where a learner stands on one item, and whether they may open it now.

    ``available``: the learner may open it from the table of contents (a choice request);
    when false, ``reason`` says why in French. ``hidden``: not to be listed (``isvisible``
    false, or hidden from choice by a rule). ``deliverable``: not disabled nor over its
    attempt limit, itself or through a section above it (what flow navigation checks).
    ``skipped``: passed over by flow navigation. ``completion_status`` /
    ``success_status`` (values of :class:`CompletionStatus` / :class:`SuccessStatus`) come
    from the latest attempt, or from an earlier one for what the latest has not reported
    yet; a section's roll up from its children. ``attempt`` is the latest attempt.
    """

    item: ScormItem
    available: bool = True
    hidden: bool = False
    reason: str = ""
    completion_status: str = CompletionStatus.NOT_ATTEMPTED
    success_status: str = SuccessStatus.UNKNOWN
    attempt: ScormAttempt | None = None
    depth: int = 0
    attempt_count: int = 0
    measure: float | None = None
    deliverable: bool = True
    disabled: bool = False
    hidden_from_choice: bool = False
    skipped: bool = False
    limit_exceeded: bool = False
    current: bool = False
    is_2004: bool = False
    parent_identifier: str = ""
    children: list[str] = field(default_factory=list)
    # Control modes (IMS SS defaults applied): this item's (governing its children) and its
    # parent's (the organization's for a top-level item).
    control: dict[str, bool] = field(default_factory=dict)
    parent_control: dict[str, bool] = field(default_factory=dict)

    @property
    def identifier(self) -> str:
        return self.item.identifier

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def launchable(self) -> bool:
        return bool(self.item.href)

    @property
    def is_cluster(self) -> bool:
        return bool(self.children) or self.item.kind == ScormItem.Kind.CLUSTER

    @property
    def resumable(self) -> bool:
        """The latest attempt can be resumed (started and not ended)."""
        return self.attempt is not None and self.attempt.ended_at is None


def control_mode(sequencing: dict | None) -> dict[str, bool]:
    """The control mode of a sequencing dict (as the importer stores it), defaults applied."""
    declared = ((sequencing or {}).get("control_mode")) or {}
    return {key: bool(declared.get(key, default)) for key, default in CONTROL_MODE_DEFAULTS.items()}


def item_states(
    *, version: ScormPackageVersion, learner, lesson, current_identifier: str | None = None
) -> list[ItemState]:
    """The states of every item of ``version`` for ``learner`` in ``lesson``, in tree order.

    ``current_identifier`` is the activity the learner is on (by default the registration's
    last SCO); 2004 forward-only and flow-only rules are relative to it.
    """
    items = list(version.items.order_by("position"))
    registration = None
    attempts: list[ScormAttempt] = []
    if learner is not None and getattr(learner, "pk", None) is not None:
        registration = ScormRegistration.objects.filter(learner=learner, lesson=lesson).first()
        attempts = list(
            ScormAttempt.objects.filter(learner=learner, lesson=lesson).order_by(
                "sco_identifier", "-number"
            )
        )
    if current_identifier is None and registration is not None:
        current_identifier = (
            registration.sequencing_state.get("current")
            if isinstance(registration.sequencing_state, dict)
            else None
        ) or registration.last_item_identifier
    return _Evaluator(
        version=version,
        items=items,
        attempts=attempts,
        global_objectives=(registration.global_objectives if registration else None) or {},
        current_identifier=current_identifier or "",
    ).run()


def item_navigate(
    *, states: list[ItemState], current_identifier: str | None, request: str
) -> str | None:
    """The identifier of the item a navigation request leads to, or ``None``.

    ``request`` is a SCORM 2004 ``adl.nav.request`` value or a player button:
    "continue", "previous", "start", "resumeAll", "retry", "choice.{target=ID}",
    "{target=ID}choice", "jump.{target=ID}", "{target=ID}jump". Exit-like requests
    ("exit", "exitAll", "suspendAll", "abandon", "abandonAll", "_none_") and requests that
    the rules refuse give ``None``. Choice honours availability (a section leads to its
    first available activity); flow honours control modes, ``skip`` and ``disabled``. When
    a 2004 parent allows choice but not flow, "continue"/"previous" move to the next /
    previous activity the learner could choose anyway (a convenience for the player's
    buttons). SCORM 1.2 flow is tree order over available launchable items.
    """
    by_id = {state.identifier: state for state in states}
    raw = (request or "").strip()
    lowered = raw.lower()
    if lowered in EXIT_REQUESTS:
        return None
    match = _TARGET_REQUEST.match(raw)
    if match:
        kind = match.group("prefix") or match.group("suffix")
        target = by_id.get(match.group("target1") or match.group("target2") or "")
        if target is None:
            return None
        return _choose(states, target) if kind == "choice" else _jump(states, target)
    current = by_id.get(current_identifier or "")
    if lowered == "continue":
        return _identifier(_step(states, current, forward=True))
    if lowered == "previous":
        return None if current is None else _identifier(_step(states, current, forward=False))
    if lowered == "start":
        return _identifier(_step(states, None, forward=True))
    if lowered in {"resumeall", "retry"}:
        return current.identifier if current and current.deliverable else None
    return None


# ---------------------------------------------------------------------------------------
# Navigation helpers (pure functions over the states)


def _identifier(state: ItemState | None) -> str | None:
    return state.identifier if state is not None else None


def _descendants(states: list[ItemState], state: ItemState) -> list[ItemState]:
    start = states.index(state)
    found = []
    for other in states[start + 1 :]:
        if other.depth <= state.depth:
            break
        found.append(other)
    return found


def _choose(states: list[ItemState], target: ItemState) -> str | None:
    if not target.available:
        return None
    if target.launchable and not target.children:
        return target.identifier
    for descendant in _descendants(states, target):
        if descendant.available and descendant.launchable and not descendant.children:
            return descendant.identifier
    return None


def _jump(states: list[ItemState], target: ItemState) -> str | None:
    if not target.deliverable:
        return None
    if target.launchable and not target.children:
        return target.identifier
    for descendant in _descendants(states, target):
        if descendant.deliverable and descendant.launchable and not descendant.children:
            return descendant.identifier
    return None


def _step(states: list[ItemState], current: ItemState | None, *, forward: bool):
    """The activity a continue (``forward``) / previous request from ``current`` reaches."""
    if not states:
        return None
    if not states[0].is_2004:
        # SCORM 1.2 has no flow rules: tree order, invisible items included.
        return _tree_order_step(states, current, forward=forward, include_hidden=True)
    control = current.parent_control if current is not None else states[0].parent_control
    if not control["flow"]:
        if not control["choice"] or (not forward and control["forward_only"]):
            return None
        return _tree_order_step(states, current, forward=forward, include_hidden=False)
    if not forward and control["forward_only"]:
        return None
    return _flow(states, current, forward=forward)


def _tree_order_step(states, current, *, forward: bool, include_hidden: bool):
    """The next (previous) available launchable item after (before) ``current``."""
    ordered = states if forward else list(reversed(states))
    if current is not None:
        ordered = ordered[ordered.index(current) + 1 :]
    for state in ordered:
        if state.launchable and not state.children and state.available:
            if include_hidden or not state.hidden:
                return state
    return None


def _flow(states: list[ItemState], current: ItemState | None, *, forward: bool):
    """IMS SS flow tree traversal from ``current`` (``None``: the start of the course)."""
    by_id = {state.identifier: state for state in states}
    roots = [state for state in states if not state.parent_identifier]

    def siblings(state: ItemState) -> list[ItemState]:
        if state.parent_identifier:
            return [by_id[i] for i in by_id[state.parent_identifier].children]
        return roots

    def next_activity(state: ItemState) -> ItemState | None:
        # The next activity in the tree after ``state`` and its subtree (or before it).
        while True:
            row = siblings(state)
            index = row.index(state) + (1 if forward else -1)
            if 0 <= index < len(row):
                return row[index]
            if not state.parent_identifier:
                return None
            state = by_id[state.parent_identifier]

    def enter(state: ItemState) -> ItemState | None:
        # Flow activity traversal: skip, check, then descend into a section.
        guard = 0
        while state is not None and guard <= len(states):
            guard += 1
            if not state.parent_control["flow"]:
                return None
            if state.skipped:
                state = next_activity(state)
                continue
            if not state.deliverable:
                return None
            if not state.children:
                return state if state.launchable else None
            if not state.control["flow"]:
                return None
            children = [by_id[i] for i in state.children]
            # Entering a forward-only section backward starts at its first child.
            state = children[0] if forward or state.control["forward_only"] else children[-1]
        return None

    if current is None:
        if not roots:
            return None
        return enter(roots[0])
    following = next_activity(current)
    return enter(following) if following is not None else None


# ---------------------------------------------------------------------------------------
# Evaluation


def _as_float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _titles(titles: list[str]) -> str:
    return ", ".join(_("“%(title)s”") % {"title": title} for title in titles)


class _Evaluator:
    def __init__(self, *, version, items, attempts, global_objectives, current_identifier):
        self.version = version
        self.is_2004 = version.is_2004
        self.global_objectives = global_objectives if isinstance(global_objectives, dict) else {}
        self.current_identifier = current_identifier
        self._global_cache: dict[str, tuple[bool | None, float | None]] = {}
        org_control = control_mode((version.manifest or {}).get("organization_sequencing"))
        by_pk = {item.pk: item for item in items}
        self.states: list[ItemState] = []
        self.by_id: dict[str, ItemState] = {}
        attempts_by_sco: dict[str, list[ScormAttempt]] = {}
        for attempt in attempts:
            attempts_by_sco.setdefault(attempt.sco_identifier, []).append(attempt)
        self.attempts_by_sco = attempts_by_sco
        for item in items:
            parent = by_pk.get(item.parent_id)
            state = ItemState(
                item=item,
                depth=item.depth,
                is_2004=self.is_2004,
                parent_identifier=parent.identifier if parent else "",
                control=control_mode(item.sequencing),
                parent_control=control_mode(parent.sequencing) if parent else org_control,
                current=item.identifier == current_identifier,
            )
            self.states.append(state)
            self.by_id[item.identifier] = state
        for state in self.states:
            if state.parent_identifier in self.by_id:
                self.by_id[state.parent_identifier].children.append(state.identifier)
        self.root_control = org_control

    # -- statuses --------------------------------------------------------------------

    def _leaf_status(self, state: ItemState) -> None:
        attempts = self.attempts_by_sco.get(state.identifier, [])
        state.attempt_count = len(attempts)
        state.attempt = attempts[0] if attempts else None
        for attempt in attempts:
            if attempt.completion_status in _KNOWN_PROGRESS:
                state.completion_status = attempt.completion_status
                break
        for attempt in attempts:
            if attempt.success_status in {SuccessStatus.PASSED, SuccessStatus.FAILED}:
                state.success_status = attempt.success_status
                break
        for attempt in attempts:
            if attempt.score_scaled is not None:
                state.measure = float(attempt.score_scaled)
                break
        if attempts and state.completion_status == CompletionStatus.NOT_ATTEMPTED:
            reported = attempts[0].completion_status
            state.completion_status = reported or CompletionStatus.NOT_ATTEMPTED

    def _rollup(self, state: ItemState) -> None:
        children = [self.by_id[i] for i in state.children]
        tracked = [
            child
            for child in children
            if (child.item.sequencing.get("delivery_controls") or {}).get("tracked", True)
        ] or children
        completions = [c.completion_status for c in tracked]
        successes = [c.success_status for c in tracked]
        if all(c == CompletionStatus.COMPLETED for c in completions):
            state.completion_status = CompletionStatus.COMPLETED
        elif any(c in _KNOWN_PROGRESS for c in completions):
            state.completion_status = CompletionStatus.INCOMPLETE
        if any(s == SuccessStatus.FAILED for s in successes):
            state.success_status = SuccessStatus.FAILED
        elif all(s == SuccessStatus.PASSED for s in successes):
            state.success_status = SuccessStatus.PASSED
        # A section counts as attempted once one of its activities is.
        state.attempt_count = 1 if any(child.attempt_count for child in tracked) else 0

    def statuses(self) -> None:
        for state in reversed(self.states):
            if state.children:
                self._rollup(state)
            else:
                self._leaf_status(state)

    # -- SCORM 1.2 -------------------------------------------------------------------

    def _aicc_status(self, identifier: str) -> str | None:
        state = self.by_id.get(identifier)
        if state is None:
            return None
        if state.children:
            # A block: completed when each of its items is passed or completed.
            statuses = [self._aicc_status(child) for child in state.children]
            if all(status in {"passed", "completed"} for status in statuses):
                return "completed"
            if "failed" in statuses:
                return "failed"
            if any(status != "not attempted" for status in statuses):
                return "incomplete"
            return "not attempted"
        if state.success_status == SuccessStatus.PASSED:
            return "passed"
        if state.success_status == SuccessStatus.FAILED:
            return "failed"
        if state.completion_status == CompletionStatus.COMPLETED:
            return "completed"
        if state.attempt is not None and state.attempt.lesson_status == "browsed":
            return "browsed"
        if state.completion_status == CompletionStatus.INCOMPLETE:
            return "incomplete"
        return "not attempted"

    def _prerequisites_reason(self, state: ItemState) -> str:
        script = state.item.prerequisites
        try:
            node = prerequisite_parse(script)
        except PrerequisiteSyntaxError as error:
            logger.warning(
                "SCORM item %s of version %s: prerequisites %r ignored (%s)",
                state.identifier,
                self.version.pk,
                script,
                error,
            )
            return ""
        # The item itself or a block containing it can never be complete before the item
        # is opened: such a reference is a manifest mistake and counts as met.
        own = {state.identifier, *(a.identifier for a in self._ancestors(state))}

        def status_of(identifier: str) -> str | None:
            return None if identifier in own else self._aicc_status(identifier)

        if prerequisite_evaluate(node, status_of=status_of):
            return ""
        missing = []
        for identifier in prerequisite_identifiers(node):
            other = self.by_id.get(identifier)
            if other is None or identifier in own or other.title in missing:
                continue
            if self._aicc_status(identifier) not in {"passed", "completed"}:
                missing.append(other.title)
        if not missing:
            return _("Not available yet: its prerequisites are not met.")
        return _("Available once you have completed: %(titles)s.") % {"titles": _titles(missing)}

    def evaluate_12(self) -> None:
        for state in self.states:
            parent = self.by_id.get(state.parent_identifier)
            state.hidden = not state.item.is_visible
            if parent is not None and not parent.deliverable:
                state.deliverable = False
                state.reason = parent.reason
            else:
                state.reason = self._prerequisites_reason(state)
                state.deliverable = not state.reason
            state.disabled = not state.deliverable
            state.available = state.deliverable

    # -- SCORM 2004 ------------------------------------------------------------------

    def _global(self, target: str) -> tuple[bool | None, float | None]:
        if target not in self._global_cache:
            self._global_cache[target] = self._global_read(target)
        return self._global_cache[target]

    def _global_read(self, target: str) -> tuple[bool | None, float | None]:
        record = self.global_objectives.get(target)
        record = record if isinstance(record, dict) else {}
        satisfied = record.get("satisfied")
        satisfied = satisfied if isinstance(satisfied, bool) else None
        measure = _as_float(record.get("measure"))
        if satisfied is None or measure is None:
            # Not recorded (yet): what the activities writing it say.
            for state in self.states:
                for objective in state.item.objectives or []:
                    for info in objective.get("map_info") or []:
                        if info.get("target") != target:
                            continue
                        local_satisfied, local_measure = self._local(state, objective)
                        if satisfied is None and info.get("write_satisfied"):
                            satisfied = local_satisfied
                        if measure is None and info.get("write_measure"):
                            measure = local_measure
        return satisfied, measure

    def _attempt_objective(self, state: ItemState, objective_id: str) -> dict | None:
        for attempt in self.attempts_by_sco.get(state.identifier, []):
            data = attempt.objectives
            entries = data.values() if isinstance(data, dict) else data or []
            if isinstance(data, dict) and isinstance(data.get(objective_id), dict):
                return data[objective_id]
            for entry in entries:
                if isinstance(entry, dict) and entry.get("id") == objective_id:
                    return entry
        return None

    def _local(self, state: ItemState, objective: dict | None) -> tuple[bool | None, float | None]:
        """The activity's own status for one of its objectives (``None``: the primary)."""
        if objective is None or objective.get("primary"):
            satisfied = {SuccessStatus.PASSED: True, SuccessStatus.FAILED: False}.get(
                state.success_status
            )
            measure = state.measure
        else:
            entry = self._attempt_objective(state, objective.get("id", "")) or {}
            success = entry.get("success_status") or entry.get("status")
            satisfied = {"passed": True, "failed": False}.get(success)
            score = entry.get("score") if isinstance(entry.get("score"), dict) else {}
            measure = _as_float(entry.get("score_scaled", entry.get("scaled", score.get("scaled"))))
        if objective and objective.get("satisfied_by_measure") and measure is not None:
            threshold = _as_float(objective.get("min_normalized_measure"))
            satisfied = measure >= (threshold if threshold is not None else 1.0)
        return satisfied, measure

    def _objective(self, state: ItemState, reference: str) -> tuple[bool | None, float | None]:
        objectives = state.item.objectives or []
        objective = None
        if reference:
            objective = next((o for o in objectives if o.get("id") == reference), None)
        if objective is None:
            objective = next((o for o in objectives if o.get("primary")), None)
        satisfied, measure = self._local(state, objective)
        for info in (objective or {}).get("map_info") or []:
            global_satisfied, global_measure = self._global(info.get("target", ""))
            if info.get("read_satisfied", True) and global_satisfied is not None:
                satisfied = global_satisfied
            if info.get("read_measure", True) and global_measure is not None:
                measure = global_measure
        return satisfied, measure

    def _limit(self, state: ItemState) -> int:
        limits = state.item.sequencing.get("limit_conditions") or {}
        try:
            return int(limits.get("attempt_limit") or 0)
        except (TypeError, ValueError):
            return 0

    def _condition(self, state: ItemState, condition: dict) -> bool | None:
        name = condition.get("condition", "")
        value: bool | None
        if name == "always":
            value = True
        elif name in {
            "satisfied",
            "objectiveStatusKnown",
            "objectiveMeasureKnown",
            "objectiveMeasureGreaterThan",
            "objectiveMeasureLessThan",
        }:
            satisfied, measure = self._objective(state, condition.get("referenced_objective", ""))
            threshold = _as_float(condition.get("measure_threshold")) or 0.0
            value = {
                "satisfied": satisfied,
                "objectiveStatusKnown": satisfied is not None,
                "objectiveMeasureKnown": measure is not None,
                "objectiveMeasureGreaterThan": None if measure is None else measure > threshold,
                "objectiveMeasureLessThan": None if measure is None else measure < threshold,
            }[name]
        elif name == "completed":
            value = {
                CompletionStatus.COMPLETED: True,
                CompletionStatus.INCOMPLETE: False,
            }.get(state.completion_status)
        elif name == "activityProgressKnown":
            value = state.completion_status in _KNOWN_PROGRESS
        elif name == "attempted":
            value = state.attempt_count > 0
        elif name == "attemptLimitExceeded":
            limit = self._limit(state)
            value = bool(limit) and state.attempt_count >= limit
        else:
            # timeLimitExceeded, outsideAvailableTimeRange: not tracked.
            value = False
        if condition.get("operator") == "not" and value is not None:
            value = not value
        return value

    def _fires(self, state: ItemState, rule: dict) -> bool:
        values = [self._condition(state, c) for c in rule.get("conditions") or []]
        if not values:
            return False
        if rule.get("condition_combination") == "any":
            return any(v is True for v in values)
        return all(v is True for v in values)

    def _fired(self, state: ItemState, action: str) -> dict | None:
        for rule in state.item.sequencing.get("pre_condition_rules") or []:
            if rule.get("action") == action and self._fires(state, rule):
                return rule
        return None

    def _disabled_reason(self, state: ItemState, rule: dict) -> str:
        """Name the activities whose objectives the rule waits for."""
        missing: list[str] = []
        for condition in rule.get("conditions") or []:
            reference = condition.get("referenced_objective", "")
            objective = next(
                (o for o in state.item.objectives or [] if reference and o.get("id") == reference),
                None,
            )
            for info in (objective or {}).get("map_info") or []:
                target = info.get("target")
                if self._global(target)[0] is True:
                    continue
                for other in self.states:
                    if other is state or other.title in missing:
                        continue
                    if any(
                        i.get("target") == target and i.get("write_satisfied")
                        for o in other.item.objectives or []
                        for i in o.get("map_info") or []
                    ):
                        missing.append(other.title)
        if not missing:
            return _("Not available yet.")
        return _("Available once you have completed: %(titles)s.") % {"titles": _titles(missing)}

    def evaluate_2004(self) -> None:
        for state in self.states:
            parent = self.by_id.get(state.parent_identifier)
            disabled_rule = self._fired(state, "disabled")
            limit = self._limit(state)
            state.disabled = disabled_rule is not None
            state.limit_exceeded = (
                bool(limit) and state.attempt_count >= limit and not state.resumable
            )
            state.skipped = self._fired(state, "skip") is not None
            state.hidden_from_choice = self._fired(state, "hiddenFromChoice") is not None or (
                parent is not None and parent.hidden_from_choice
            )
            state.hidden = (
                not state.item.is_visible
                or state.hidden_from_choice
                or (parent is not None and parent.hidden)
            )
            if parent is not None and not parent.deliverable:
                state.deliverable = False
                state.reason = parent.reason
            elif state.disabled:
                state.deliverable = False
                state.reason = self._disabled_reason(state, disabled_rule)
            elif state.limit_exceeded:
                state.deliverable = False
                state.reason = _("No attempt left: the limit of this activity is reached.")
            state.available = state.deliverable and not state.hidden_from_choice
            if state.deliverable and state.hidden_from_choice:
                state.reason = _("Not offered in the table of contents.")
        self._choice_constraints()

    def _ancestors(self, state: ItemState) -> list[ItemState]:
        chain = []
        while state.parent_identifier:
            state = self.by_id[state.parent_identifier]
            chain.append(state)
        return chain

    def _choice_constraints(self) -> None:
        current = self.by_id.get(self.current_identifier)
        offered: set[str] = set()
        if any(not s.parent_control["choice"] for s in self.states):
            flow_next = _flow(self.states, current, forward=True)
            candidates = [flow_next, current if current and current.resumable else None]
            if not any(state is not None and state.deliverable for state in candidates):
                # Nothing follows in flow order: rather than lock the learner out, offer
                # the current activity again, or else the first one that can be delivered.
                fallback = current if current is not None and current.deliverable else None
                if fallback is None:
                    fallback = next(
                        (s for s in self.states if s.deliverable and s.launchable), None
                    )
                candidates = [fallback]
            for state in candidates:
                if state is not None and state.deliverable:
                    offered.add(state.identifier)
                    offered.update(a.identifier for a in self._ancestors(state))
        for state in self.states:
            if not state.available:
                continue
            if not state.parent_control["choice"] and state.identifier not in offered:
                state.available = False
                state.reason = _("Opens in the order of the course.")
            elif current is not None and self._backward_forbidden(state, current):
                state.available = False
                state.reason = _(
                    "This course only moves forward: earlier activities cannot be reopened."
                )
            parent = self.by_id.get(state.parent_identifier)
            if state.available and parent is not None and not parent.available:
                state.available = False
                state.reason = parent.reason

    def _backward_forbidden(self, state: ItemState, current: ItemState) -> bool:
        if state is current or state.item.position >= current.item.position:
            return False
        current_chain = [current, *self._ancestors(current)]
        if state in current_chain:
            return False
        state_chain = {s.identifier for s in [state, *self._ancestors(state)]}
        common = next((s for s in current_chain if s.identifier in state_chain), None)
        control = common.control if common is not None else self.root_control
        return control["forward_only"]

    def run(self) -> list[ItemState]:
        self.statuses()
        if self.is_2004:
            self.evaluate_2004()
        else:
            self.evaluate_12()
        for state in self.states:
            if state.available:
                state.reason = ""
        return self.states
