"""SCORM 2004 sequencing: choice availability, pre-condition rules, objectives, flow.

Trees are written directly in the database as the importer stores them (see the brief's
contract for ``ScormItem.sequencing`` and ``objectives``); the real package 14 is imported.
"""

import pytest
from django.utils import translation

from lms.scorm.sequencing import control_mode, item_navigate, item_states
from tests.conftest import skip_or_fail
from tests.lms.scorm.seq_factories import (
    attempt_make,
    cluster_make,
    global_objectives_set,
    item_make,
    lesson_make,
    states_by_id,
    version_make,
)
from tests.lms.scorm.zips import SAMPLES

PREFIX = "com.example.seq."


def _rule(action, *conditions, combination="all"):
    return {"action": action, "condition_combination": combination, "conditions": list(conditions)}


def _cond(condition, *, operator="noOp", objective="", threshold=None):
    return {
        "condition": condition,
        "operator": operator,
        "referenced_objective": objective,
        "measure_threshold": threshold,
    }


def _objective(identifier, *, primary=False, target=None, read=True, write=False, **extra):
    map_info = []
    if target:
        map_info.append(
            {
                "target": target,
                "read_satisfied": read,
                "read_measure": read,
                "write_satisfied": write,
                "write_measure": write,
            }
        )
    return {
        "id": identifier,
        "primary": primary,
        "satisfied_by_measure": extra.get("satisfied_by_measure", False),
        "min_normalized_measure": extra.get("min_normalized_measure"),
        "map_info": map_info,
    }


# Package 14's pattern: each SCO writes its primary objective to a global one; the next SCO
# reads it through "previous_sco_satisfied" and is disabled until it is satisfied.
FORCED_ORDER_RULE = _rule(
    "disabled",
    _cond("satisfied", operator="not", objective="previous_sco_satisfied"),
    _cond("objectiveStatusKnown", operator="not", objective="previous_sco_satisfied"),
    combination="any",
)


@pytest.fixture
def module(association_curriculum, module_factory):
    return module_factory(parent=association_curriculum, title="Module SCORM 2004")


def _states(version, learner, lesson, **kwargs):
    return item_states(version=version, learner=learner, lesson=lesson, **kwargs)


@pytest.fixture
def forced_order(module):
    """Three SCOs in forced sequential order (choice and flow allowed by the organization)."""
    version = version_make(organization_sequencing={"control_mode": {"choice": True, "flow": True}})
    names = ["first", "second", "third"]
    items = {}
    for index, name in enumerate(names):
        objectives = [
            _objective(f"{name}_satisfied", primary=True, target=PREFIX + name, write=True)
        ]
        sequencing = {"delivery_controls": {"completion_set_by_content": True}}
        if index:
            previous = names[index - 1]
            objectives.append(_objective("previous_sco_satisfied", target=PREFIX + previous))
            sequencing["pre_condition_rules"] = [FORCED_ORDER_RULE]
        items[name] = item_make(
            version,
            name,
            title=f"Partie {index + 1}",
            objectives=objectives,
            sequencing=sequencing,
        )
    return version, items, lesson_make(module, version.package)


def test_control_mode_applies_the_ims_defaults():
    assert control_mode({}) == {
        "choice": True,
        "choice_exit": True,
        "flow": False,
        "forward_only": False,
        "use_current_attempt_objective_info": True,
        "use_current_attempt_progress_info": True,
    }
    assert control_mode({"control_mode": {"flow": True, "choice": False}})["flow"] is True


def test_forced_order_only_the_first_sco_is_available_at_first(learner, forced_order):
    version, _, lesson = forced_order

    with translation.override("en"):
        states = _states(version, learner, lesson)

    assert [(s.identifier, s.available, s.disabled) for s in states] == [
        ("first", True, False),
        ("second", False, True),
        ("third", False, True),
    ]
    by_id = states_by_id(states)
    assert by_id["second"].reason == "Available once you have completed: “Partie 1”."
    assert by_id["third"].reason == "Available once you have completed: “Partie 2”."
    assert not by_id["second"].hidden


def test_forced_order_satisfying_a_sco_opens_the_next_one_only(learner, forced_order):
    version, items, lesson = forced_order
    attempt_make(
        learner=learner,
        lesson=lesson,
        item=items["first"],
        completion="completed",
        success="passed",
        ended=True,
    )

    by_id = states_by_id(_states(version, learner, lesson))

    assert by_id["first"].available and by_id["first"].success_status == "passed"
    assert by_id["second"].available and by_id["second"].reason == ""
    assert not by_id["third"].available


def test_forced_order_a_completed_but_unsatisfied_sco_keeps_the_next_one_closed(
    learner, forced_order
):
    version, items, lesson = forced_order
    attempt_make(learner=learner, lesson=lesson, item=items["first"], completion="completed")

    assert not states_by_id(_states(version, learner, lesson))["second"].available

    attempt_make(learner=learner, lesson=lesson, item=items["first"], success="failed")

    assert not states_by_id(_states(version, learner, lesson))["second"].available


def test_forced_order_reads_the_global_objectives_of_the_registration(learner, forced_order):
    version, _, lesson = forced_order
    # Tracking recorded the global objectives (e.g. written by another lesson's attempt).
    global_objectives_set(
        learner=learner,
        lesson=lesson,
        objectives={PREFIX + "first": {"satisfied": True}, PREFIX + "second": {"satisfied": False}},
    )

    by_id = states_by_id(_states(version, learner, lesson))

    assert by_id["second"].available
    assert not by_id["third"].available


def test_forced_order_navigation_honours_disabled(learner, forced_order):
    version, items, lesson = forced_order
    states = _states(version, learner, lesson)

    assert item_navigate(states=states, current_identifier=None, request="continue") == "first"
    assert item_navigate(states=states, current_identifier="first", request="continue") is None
    assert (
        item_navigate(states=states, current_identifier="first", request="{target=second}choice")
        is None
    )

    attempt_make(
        learner=learner,
        lesson=lesson,
        item=items["first"],
        completion="completed",
        success="passed",
        ended=True,
    )
    states = _states(version, learner, lesson)

    assert item_navigate(states=states, current_identifier="first", request="continue") == "second"
    assert (
        item_navigate(states=states, current_identifier="first", request="choice.{target=second}")
        == "second"
    )
    assert item_navigate(states=states, current_identifier="second", request="previous") == "first"
    assert item_navigate(states=states, current_identifier="second", request="continue") is None


@pytest.mark.parametrize("request_", ["exit", "exitAll", "suspendAll", "abandonAll", "_none_"])
def test_exit_like_requests_lead_nowhere(learner, forced_order, request_):
    version, _, lesson = forced_order
    states = _states(version, learner, lesson)

    assert item_navigate(states=states, current_identifier="first", request=request_) is None


def test_unknown_targets_and_requests_lead_nowhere(learner, forced_order):
    version, _, lesson = forced_order
    states = _states(version, learner, lesson)

    assert (
        item_navigate(states=states, current_identifier="first", request="{target=ghost}choice")
        is None
    )
    assert item_navigate(states=states, current_identifier="first", request="teleport") is None
    assert item_navigate(states=states, current_identifier=None, request="previous") is None


# -- control modes -----------------------------------------------------------------------


def _linear(module, control, count=3, **item_fields):
    version = version_make(organization_sequencing={"control_mode": control})
    items = [item_make(version, f"sco{i}", **item_fields) for i in range(1, count + 1)]
    return version, items, lesson_make(module, version.package)


def test_flow_only_offers_the_next_activity_in_flow_order(learner, module):
    version, items, lesson = _linear(module, {"choice": False, "flow": True})

    with translation.override("en"):
        states = _states(version, learner, lesson)
    assert [s.available for s in states] == [True, False, False]
    assert states[1].reason == "Opens in the order of the course."
    assert item_navigate(states=states, current_identifier=None, request="continue") == "sco1"
    assert (
        item_navigate(states=states, current_identifier=None, request="{target=sco2}choice") is None
    )

    # On sco1, its attempt unfinished: sco1 (to resume) and sco2 (continue) are offered.
    attempt_make(learner=learner, lesson=lesson, item=items[0])
    states = _states(version, learner, lesson, current_identifier="sco1")
    assert [s.available for s in states] == [True, True, False]

    # sco1 ended: only sco2 now.
    items[0].attempts.update(ended_at="2026-01-01T00:00:00Z")
    states = _states(version, learner, lesson, current_identifier="sco1")
    assert [s.available for s in states] == [False, True, False]
    assert item_navigate(states=states, current_identifier="sco1", request="continue") == "sco2"
    assert item_navigate(states=states, current_identifier="sco2", request="previous") == "sco1"


def test_flow_only_never_locks_the_learner_out(learner, module):
    version, items, lesson = _linear(module, {"choice": False, "flow": True}, count=2)
    attempt_make(learner=learner, lesson=lesson, item=items[1], ended=True)

    # On the last activity, ended: nothing follows, so it stays open (a new attempt).
    states = _states(version, learner, lesson, current_identifier="sco2")

    assert [s.available for s in states] == [False, True]
    assert item_navigate(states=states, current_identifier="sco2", request="continue") is None


def test_the_current_activity_defaults_to_the_registration_last_sco(learner, module):
    version, items, lesson = _linear(module, {"choice": False, "flow": True})
    attempt = attempt_make(learner=learner, lesson=lesson, item=items[1], ended=True)
    attempt.registration.last_item_identifier = "sco2"
    attempt.registration.save()

    states = _states(version, learner, lesson)

    assert [s.available for s in states] == [False, False, True]
    assert states[1].current


def test_forward_only_forbids_choosing_earlier_activities(learner, module):
    version, _, lesson = _linear(module, {"choice": True, "flow": True, "forward_only": True})

    with translation.override("en"):
        states = _states(version, learner, lesson, current_identifier="sco2")

    assert [s.available for s in states] == [False, True, True]
    assert "only moves forward" in states[0].reason
    assert item_navigate(states=states, current_identifier="sco2", request="previous") is None
    assert item_navigate(states=states, current_identifier="sco2", request="continue") == "sco3"


def test_without_flow_continue_moves_to_the_next_activity_one_could_choose(learner, module):
    # No organization sequencing: choice true, flow false (IMS defaults).
    version = version_make()
    item_make(version, "a")
    item_make(version, "b", is_visible=False)
    item_make(version, "c")
    lesson = lesson_make(module, version.package)
    states = _states(version, learner, lesson)

    assert item_navigate(states=states, current_identifier=None, request="continue") == "a"
    assert item_navigate(states=states, current_identifier="a", request="continue") == "c"
    assert item_navigate(states=states, current_identifier="c", request="previous") == "a"
    assert states_by_id(states)["b"].hidden


def test_a_parent_forbidding_flow_stops_continue_when_choice_is_off_too(learner, module):
    version, _, lesson = _linear(module, {"choice": False, "flow": False})
    states = _states(version, learner, lesson)

    assert item_navigate(states=states, current_identifier="sco1", request="continue") is None


# -- rules ---------------------------------------------------------------------------------


def test_skip_is_passed_over_by_flow_but_still_available_by_choice(learner, module):
    version = version_make(organization_sequencing={"control_mode": {"flow": True}})
    item_make(version, "a")
    item_make(version, "b", sequencing={"pre_condition_rules": [_rule("skip", _cond("always"))]})
    item_make(version, "c")
    lesson = lesson_make(module, version.package)
    states = _states(version, learner, lesson)
    by_id = states_by_id(states)

    assert by_id["b"].skipped and by_id["b"].available
    assert item_navigate(states=states, current_identifier="a", request="continue") == "c"
    assert item_navigate(states=states, current_identifier="c", request="previous") == "a"
    assert item_navigate(states=states, current_identifier="a", request="{target=b}choice") == "b"


def test_hidden_from_choice_is_hidden_and_not_choosable_but_reached_by_flow(learner, module):
    version = version_make(organization_sequencing={"control_mode": {"flow": True}})
    item_make(version, "a")
    item_make(
        version,
        "b",
        sequencing={
            "pre_condition_rules": [_rule("hiddenFromChoice", _cond("attempted", operator="not"))]
        },
    )
    lesson = lesson_make(module, version.package)
    states = _states(version, learner, lesson)
    b = states_by_id(states)["b"]

    assert b.hidden and not b.available and b.reason
    assert item_navigate(states=states, current_identifier="a", request="{target=b}choice") is None
    assert item_navigate(states=states, current_identifier="a", request="continue") == "b"


def test_a_disabled_section_disables_its_activities(learner, module):
    version = version_make(organization_sequencing={"control_mode": {"flow": True}})
    intro = item_make(version, "intro", title="Introduction")
    section = cluster_make(
        version,
        "section",
        sequencing={
            "control_mode": {"flow": True},
            "pre_condition_rules": [
                _rule(
                    "disabled",
                    _cond("satisfied", operator="not", objective="intro_done"),
                    _cond("objectiveStatusKnown", operator="not", objective="intro_done"),
                    combination="any",
                )
            ],
        },
        objectives=[_objective("intro_done", target=PREFIX + "intro")],
    )
    item_make(version, "inside", parent=section)
    item_make(version, "inside2", parent=section)
    intro.objectives = [_objective("p", primary=True, target=PREFIX + "intro", write=True)]
    intro.save()
    lesson = lesson_make(module, version.package)

    states = _states(version, learner, lesson)
    by_id = states_by_id(states)
    assert not by_id["section"].available and not by_id["inside"].available
    assert "Introduction" in by_id["inside"].reason
    assert item_navigate(states=states, current_identifier="intro", request="continue") is None

    attempt_make(learner=learner, lesson=lesson, item=intro, success="passed")
    states = _states(version, learner, lesson)
    assert states_by_id(states)["inside"].available
    # Flow descends into the section, and a choice of the section starts its first activity.
    assert item_navigate(states=states, current_identifier="intro", request="continue") == "inside"
    assert (
        item_navigate(states=states, current_identifier="inside", request="continue") == "inside2"
    )
    assert item_navigate(states=states, current_identifier="inside2", request="continue") is None
    assert (
        item_navigate(states=states, current_identifier="intro", request="{target=section}choice")
        == "inside"
    )
    assert item_navigate(states=states, current_identifier="inside", request="previous") == "intro"


def test_the_not_operator_keeps_unknown_unknown(learner, module):
    # "not satisfied" alone does not fire while the objective status is unknown.
    version = version_make()
    gate = item_make(version, "gate", objectives=[_objective("p", primary=True)])
    item_make(
        version,
        "after",
        objectives=[_objective("gate_done", target=PREFIX + "gate")],
        sequencing={
            "pre_condition_rules": [
                _rule("disabled", _cond("satisfied", operator="not", objective="gate_done"))
            ]
        },
    )
    gate.objectives = [_objective("p", primary=True, target=PREFIX + "gate", write=True)]
    gate.save()
    lesson = lesson_make(module, version.package)

    assert states_by_id(_states(version, learner, lesson))["after"].available

    attempt_make(learner=learner, lesson=lesson, item=gate, success="failed")

    assert not states_by_id(_states(version, learner, lesson))["after"].available


@pytest.mark.parametrize(
    ("condition", "measure", "disabled"),
    [
        (_cond("objectiveMeasureGreaterThan", objective="shared", threshold=0.5), 0.6, True),
        (_cond("objectiveMeasureGreaterThan", objective="shared", threshold=0.5), 0.5, False),
        (_cond("objectiveMeasureLessThan", objective="shared", threshold=0.5), 0.4, True),
        (_cond("objectiveMeasureLessThan", objective="shared", threshold=0.5), None, False),
        (_cond("objectiveMeasureKnown", objective="shared"), 0.1, True),
        (_cond("objectiveMeasureKnown", objective="shared", operator="not"), None, True),
    ],
)
def test_measure_conditions_read_the_global_measure(learner, module, condition, measure, disabled):
    version = version_make()
    item_make(
        version,
        "a",
        objectives=[_objective("shared", target=PREFIX + "score")],
        sequencing={"pre_condition_rules": [_rule("disabled", condition)]},
    )
    lesson = lesson_make(module, version.package)
    if measure is not None:
        global_objectives_set(
            learner=learner, lesson=lesson, objectives={PREFIX + "score": {"measure": measure}}
        )

    assert states_by_id(_states(version, learner, lesson))["a"].disabled is disabled


def test_conditions_on_the_activity_itself(learner, module):
    version = version_make()
    rules = {
        "completed": _rule("disabled", _cond("completed")),
        "attempted": _rule("disabled", _cond("attempted")),
        "progress": _rule(
            "disabled", _cond("activityProgressKnown"), _cond("satisfied", operator="not")
        ),
        "own_measure": _rule("disabled", _cond("objectiveMeasureGreaterThan", threshold=0.8)),
    }
    items = {
        name: item_make(
            version,
            name,
            objectives=[_objective("p", primary=True)],
            sequencing={"pre_condition_rules": [rule]},
        )
        for name, rule in rules.items()
    }
    lesson = lesson_make(module, version.package)
    assert not any(s.disabled for s in _states(version, learner, lesson))

    attempt_make(learner=learner, lesson=lesson, item=items["completed"], completion="incomplete")
    attempt_make(
        learner=learner, lesson=lesson, item=items["attempted"], completion="not attempted"
    )
    attempt_make(
        learner=learner,
        lesson=lesson,
        item=items["progress"],
        completion="incomplete",
        success="failed",
    )
    attempt_make(learner=learner, lesson=lesson, item=items["own_measure"], score_scaled="0.9")
    by_id = states_by_id(_states(version, learner, lesson))

    assert not by_id["completed"].disabled
    assert by_id["attempted"].disabled
    assert by_id["progress"].disabled
    assert by_id["own_measure"].disabled

    attempt_make(learner=learner, lesson=lesson, item=items["completed"], completion="completed")
    assert states_by_id(_states(version, learner, lesson))["completed"].disabled


def test_a_local_objective_without_map_reads_the_attempt_objectives(learner, module):
    version = version_make()
    quiz = item_make(
        version,
        "quiz",
        objectives=[_objective("p", primary=True), _objective("obj_etiquette")],
        sequencing={
            "pre_condition_rules": [
                _rule("hiddenFromChoice", _cond("satisfied", objective="obj_etiquette"))
            ]
        },
    )
    lesson = lesson_make(module, version.package)
    assert not states_by_id(_states(version, learner, lesson))["quiz"].hidden

    # As tracking stores cmi.objectives: by index, each with its id.
    attempt_make(
        learner=learner,
        lesson=lesson,
        item=quiz,
        objectives={
            "0": {"id": "obj_etiquette", "success_status": "passed", "score": {"scaled": "0.9"}}
        },
    )

    assert states_by_id(_states(version, learner, lesson))["quiz"].hidden


def test_satisfied_by_measure_compares_the_score_with_the_minimum(learner, module):
    version = version_make()
    gate = item_make(
        version,
        "gate",
        objectives=[
            _objective(
                "p",
                primary=True,
                target=PREFIX + "gate",
                write=True,
                satisfied_by_measure=True,
                min_normalized_measure=0.7,
            )
        ],
    )
    item_make(
        version,
        "after",
        objectives=[_objective("prev", target=PREFIX + "gate")],
        sequencing={
            "pre_condition_rules": [
                FORCED_ORDER_RULE
                | {
                    "conditions": [
                        _cond("satisfied", operator="not", objective="prev"),
                        _cond("objectiveStatusKnown", operator="not", objective="prev"),
                    ]
                }
            ]
        },
    )
    lesson = lesson_make(module, version.package)
    attempt_make(learner=learner, lesson=lesson, item=gate, score_scaled="0.65")

    assert not states_by_id(_states(version, learner, lesson))["after"].available

    attempt_make(learner=learner, lesson=lesson, item=gate, score_scaled="0.75")

    assert states_by_id(_states(version, learner, lesson))["after"].available


def test_attempt_limit_closes_an_activity_once_its_last_attempt_ended(learner, module):
    version = version_make()
    sco = item_make(version, "sco", sequencing={"limit_conditions": {"attempt_limit": 1}})
    lesson = lesson_make(module, version.package)
    attempt = attempt_make(learner=learner, lesson=lesson, item=sco)

    state = states_by_id(_states(version, learner, lesson))["sco"]
    assert state.available and state.resumable

    attempt.ended_at = attempt.started_at
    attempt.save()
    state = states_by_id(_states(version, learner, lesson))["sco"]

    assert not state.available and state.limit_exceeded and state.reason
    assert (
        item_navigate(states=[state], current_identifier=None, request="{target=sco}jump") is None
    )


def test_jump_ignores_choice_but_not_disabled(learner, forced_order):
    version, items, lesson = forced_order
    version.manifest["organization_sequencing"] = {"control_mode": {"choice": False, "flow": True}}
    version.save()
    states = _states(version, learner, lesson)

    # Choice is off: only the first activity is offered by flow.
    assert [s.available for s in states] == [True, False, False]
    assert (
        item_navigate(states=states, current_identifier=None, request="jump.{target=first}")
        == "first"
    )
    assert (
        item_navigate(states=states, current_identifier=None, request="{target=second}jump") is None
    )


def test_statuses_come_from_the_latest_attempt_then_earlier_ones(learner, module):
    version = version_make()
    sco = item_make(version, "sco")
    lesson = lesson_make(module, version.package)
    attempt_make(
        learner=learner,
        lesson=lesson,
        item=sco,
        completion="completed",
        success="passed",
        ended=True,
    )
    latest = attempt_make(learner=learner, lesson=lesson, item=sco, completion="not attempted")

    state = states_by_id(_states(version, learner, lesson))["sco"]

    assert state.attempt == latest and state.attempt_count == 2
    assert state.completion_status == "completed" and state.success_status == "passed"


# -- the real package 14 -------------------------------------------------------------------


def _import_sample(name: str):
    from lms.scorm.importer import scorm_package_import

    path = SAMPLES / name
    if not path.exists():
        skip_or_fail(f"sample package {path} is missing (set SCORM_SAMPLES_DIR)")
    with path.open("rb") as upload:
        return scorm_package_import(upload=upload, filename=name)


def test_sample_14_sco_2_stays_unavailable_until_sco_1_is_satisfied(learner, module):
    version = _import_sample("14-golf2004-3rd-seq-forcedsequential.zip")
    lesson = lesson_make(module, version.package)
    items = {item.identifier: item for item in version.items.all()}

    states = _states(version, learner, lesson)
    assert [(s.identifier, s.available) for s in states] == [
        ("playing_item", True),
        ("etuqiette_item", False),
        ("handicapping_item", False),
        ("havingfun_item", False),
        ("assessment_item", False),
    ]
    assert "Playing the Game" in states[1].reason
    assert (
        item_navigate(states=states, current_identifier="playing_item", request="continue") is None
    )

    # Visiting SCO 1 without finishing it opens nothing.
    attempt_make(
        learner=learner, lesson=lesson, item=items["playing_item"], completion="incomplete"
    )
    assert not _states(version, learner, lesson)[1].available

    attempt_make(
        learner=learner,
        lesson=lesson,
        item=items["playing_item"],
        completion="completed",
        success="passed",
        ended=True,
    )
    states = _states(version, learner, lesson)

    assert [s.available for s in states] == [True, True, False, False, False]
    assert item_navigate(states=states, current_identifier="playing_item", request="continue") == (
        "etuqiette_item"
    )
    assert (
        item_navigate(
            states=states,
            current_identifier="etuqiette_item",
            request="{target=playing_item}choice",
        )
        == "playing_item"
    )


def test_sample_14_reads_the_global_objectives_tracking_writes(learner, module):
    version = _import_sample("14-golf2004-3rd-seq-forcedsequential.zip")
    lesson = lesson_make(module, version.package)
    prefix = "com.scorm.golfsamples.sequencing.forcedsequential."
    global_objectives_set(
        learner=learner,
        lesson=lesson,
        objectives={
            prefix + "playing_satisfied": {"satisfied": True},
            prefix + "etiquette_satisfied": {"satisfied": True},
        },
    )

    states = _states(version, learner, lesson)

    assert [s.available for s in states] == [True, True, True, False, False]
