"""SCORM 1.2 prerequisites: the AICC script parser, and availability in a learner's tree."""

import logging

import pytest
from django.utils import translation

from lms.scorm.prerequisites import (
    AtLeast,
    Comparison,
    Identifier,
    Not,
    Or,
    PrerequisiteSyntaxError,
    prerequisite_evaluate,
    prerequisite_identifiers,
    prerequisite_parse,
)
from lms.scorm.sequencing import item_navigate, item_states
from tests.conftest import skip_or_fail
from tests.lms.scorm.seq_factories import (
    attempt_make,
    cluster_make,
    item_make,
    lesson_make,
    states_by_id,
    version_make,
)
from tests.lms.scorm.zips import SAMPLES


def _evaluate(script: str, **statuses: str) -> bool:
    return prerequisite_evaluate(
        prerequisite_parse(script), status_of=lambda name: statuses.get(name, "not attempted")
    )


# -- parser ------------------------------------------------------------------------------


def test_blank_scripts_mean_no_prerequisite():
    assert prerequisite_parse("") is None
    assert prerequisite_parse("   ") is None
    assert prerequisite_evaluate(None, status_of=lambda name: "not attempted")


def test_words_and_symbols_build_the_same_tree():
    assert prerequisite_parse("(module1 AND module2) OR module3") == prerequisite_parse(
        "(module1 & module2) | module3"
    )
    assert prerequisite_parse("a and not b") == prerequisite_parse("a&~b")


def test_and_binds_tighter_than_or_and_not_tighter_than_and():
    node = prerequisite_parse("a | b & ~c")

    assert isinstance(node, Or)
    assert node.operands[0] == Identifier("a")
    (b, not_c) = node.operands[1].operands
    assert b == Identifier("b") and not_c == Not(Identifier("c"))


def test_comparisons_accept_quoted_bare_and_abbreviated_statuses():
    assert prerequisite_parse('sco1="passed"') == Comparison("sco1", "passed", equal=True)
    assert prerequisite_parse("sco1 <> failed") == Comparison("sco1", "failed", equal=False)
    assert prerequisite_parse('sco1="P"') == Comparison("sco1", "passed", equal=True)
    assert prerequisite_parse('sco1="Not   Attempted"') == Comparison(
        "sco1", "not attempted", equal=True
    )


def test_sets_count_their_true_members():
    node = prerequisite_parse("2*{a,b,c}")

    assert node == AtLeast(2, (Identifier("a"), Identifier("b"), Identifier("c")))
    assert not _evaluate("2*{a,b,c}", a="passed")
    assert _evaluate("2*{a,b,c}", a="passed", c="completed")
    assert _evaluate("2*{a, b, c} & d", a="passed", b="passed", d="completed")


@pytest.mark.parametrize(
    "script",
    [
        "a &",
        "(a | b",
        "a b",
        "a | | b",
        "x*{a,b}",
        "2*{a,b",
        'a="excellent"',
        "a = ",
        "a > b",
        ")",
        "AND",
    ],
)
def test_malformed_scripts_raise_a_syntax_error(script):
    with pytest.raises(PrerequisiteSyntaxError):
        prerequisite_parse(script)


def test_identifiers_lists_every_reference():
    node = prerequisite_parse('(m1 AND m2) OR 1*{m3, m4="passed"}')

    assert list(prerequisite_identifiers(node)) == ["m1", "m2", "m3", "m4"]


# -- evaluation --------------------------------------------------------------------------


def test_an_identifier_is_met_when_passed_or_completed_only():
    assert _evaluate("a", a="passed")
    assert _evaluate("a", a="completed")
    for status in ("failed", "incomplete", "browsed", "not attempted"):
        assert not _evaluate("a", a=status), status


def test_operators_evaluate_as_boolean_logic():
    assert not _evaluate("module1 AND module2", module1="passed")
    assert _evaluate("module1 AND module2", module1="passed", module2="completed")
    assert _evaluate("(module1 AND module2) OR module3", module3="completed")
    assert not _evaluate("(module1 AND module2) OR module3", module1="passed")
    assert _evaluate("~a", a="incomplete")
    assert not _evaluate("NOT a", a="passed")
    assert _evaluate('a="failed"', a="failed")
    assert not _evaluate('a="failed"', a="passed")
    assert _evaluate('a<>"failed"', a="incomplete")


def test_a_reference_to_an_unknown_item_does_not_lock_learners_out():
    node = prerequisite_parse("ghost & a")

    statuses = {"a": "passed"}
    assert prerequisite_evaluate(node, status_of=statuses.get)


# -- availability in a package -----------------------------------------------------------


@pytest.fixture
def module(association_curriculum, module_factory):
    return module_factory(parent=association_curriculum, title="Module SCORM")


@pytest.fixture
def prerequisites_course(module):
    """Package 06's tree, written directly."""
    version = version_make(scorm_version="1.2", title="Prerequisites Test Course")
    items = {
        "module1": item_make(version, "module1", title="Module 1: Introduction"),
        "module2": item_make(
            version, "module2", title="Module 2: Basic Concepts", prerequisites="module1"
        ),
        "module3": item_make(
            version,
            "module3",
            title="Module 3: Advanced Topics",
            prerequisites="module1 AND module2",
        ),
        "module4": item_make(
            version,
            "module4",
            title="Module 4: Assessment",
            prerequisites="(module1 AND module2) OR module3",
        ),
    }
    return version, items, lesson_make(module, version.package)


def test_a_new_learner_may_open_only_the_items_without_prerequisites(learner, prerequisites_course):
    version, _, lesson = prerequisites_course

    states = item_states(version=version, learner=learner, lesson=lesson)

    assert [(s.identifier, s.available) for s in states] == [
        ("module1", True),
        ("module2", False),
        ("module3", False),
        ("module4", False),
    ]
    by_id = states_by_id(states)
    assert by_id["module1"].reason == ""
    with translation.override("en"):
        by_id = states_by_id(item_states(version=version, learner=learner, lesson=lesson))
    assert by_id["module2"].reason == "Available once you have completed: “Module 1: Introduction”."
    assert "“Module 1: Introduction”, “Module 2: Basic Concepts”" in by_id["module3"].reason
    assert "Module 3: Advanced Topics" in by_id["module4"].reason


def test_completing_items_unlocks_and_and_or_prerequisites(learner, prerequisites_course):
    version, items, lesson = prerequisites_course
    attempt_make(
        learner=learner,
        lesson=lesson,
        item=items["module1"],
        completion="completed",
        success="passed",
        ended=True,
    )

    by_id = states_by_id(item_states(version=version, learner=learner, lesson=lesson))
    assert by_id["module2"].available
    assert not by_id["module3"].available
    assert "Module 2: Basic Concepts" in by_id["module3"].reason
    assert "Module 1" not in by_id["module3"].reason

    attempt_make(learner=learner, lesson=lesson, item=items["module2"], completion="completed")

    by_id = states_by_id(item_states(version=version, learner=learner, lesson=lesson))
    assert by_id["module3"].available
    assert by_id["module4"].available
    assert by_id["module2"].completion_status == "completed"


def test_a_failed_item_does_not_satisfy_a_prerequisite(learner, prerequisites_course):
    version, items, lesson = prerequisites_course
    # A 1.2 "failed" may be recorded as complete: it still does not count.
    attempt_make(
        learner=learner,
        lesson=lesson,
        item=items["module1"],
        completion="completed",
        success="failed",
        ended=True,
    )

    by_id = states_by_id(item_states(version=version, learner=learner, lesson=lesson))

    assert not by_id["module2"].available
    assert by_id["module1"].success_status == "failed"


def test_another_learner_does_not_unlock_items_for_me(learner, prerequisites_course, trainer):
    version, items, lesson = prerequisites_course
    attempt_make(learner=trainer, lesson=lesson, item=items["module1"], completion="completed")

    by_id = states_by_id(item_states(version=version, learner=learner, lesson=lesson))

    assert not by_id["module2"].available


def test_a_malformed_script_is_ignored_with_a_warning(learner, module, caplog):
    version = version_make(scorm_version="1.2")
    item_make(version, "a")
    item_make(version, "b", prerequisites="a AND (")
    lesson = lesson_make(module, version.package)

    with caplog.at_level(logging.WARNING, logger="lms.scorm.sequencing"):
        by_id = states_by_id(item_states(version=version, learner=learner, lesson=lesson))

    assert by_id["b"].available
    assert "prerequisites 'a AND (' ignored" in caplog.text


def test_a_block_counts_as_completed_when_all_its_items_are(learner, module):
    version = version_make(scorm_version="1.2")
    block = cluster_make(version, "block", title="Bloc 1")
    first = item_make(version, "first", parent=block)
    second = item_make(version, "second", parent=block)
    item_make(version, "after", prerequisites="block")
    lesson = lesson_make(module, version.package)
    attempt_make(learner=learner, lesson=lesson, item=first, completion="completed")

    assert not states_by_id(item_states(version=version, learner=learner, lesson=lesson))[
        "after"
    ].available

    attempt_make(learner=learner, lesson=lesson, item=second, success="passed")

    assert states_by_id(item_states(version=version, learner=learner, lesson=lesson))[
        "after"
    ].available


def test_a_locked_block_locks_its_items(learner, module):
    version = version_make(scorm_version="1.2")
    item_make(version, "intro", title="Introduction")
    block = cluster_make(version, "block", prerequisites="intro")
    item_make(version, "inside", parent=block)
    lesson = lesson_make(module, version.package)

    by_id = states_by_id(item_states(version=version, learner=learner, lesson=lesson))

    assert not by_id["inside"].available
    assert "Introduction" in by_id["inside"].reason


def test_continue_and_previous_follow_tree_order_over_available_items(
    learner, prerequisites_course
):
    version, items, lesson = prerequisites_course
    states = item_states(version=version, learner=learner, lesson=lesson)

    assert item_navigate(states=states, current_identifier=None, request="continue") == "module1"
    # module2..4 are locked: nothing follows module1 yet.
    assert item_navigate(states=states, current_identifier="module1", request="continue") is None
    assert item_navigate(states=states, current_identifier="module1", request="previous") is None

    attempt_make(learner=learner, lesson=lesson, item=items["module1"], completion="completed")
    states = item_states(version=version, learner=learner, lesson=lesson)

    assert item_navigate(states=states, current_identifier="module1", request="continue") == (
        "module2"
    )
    assert item_navigate(states=states, current_identifier="module2", request="previous") == (
        "module1"
    )
    assert item_navigate(states=states, current_identifier="module1", request="exit") is None


def test_continue_reaches_invisible_items_in_scorm_12(learner, module):
    version = version_make(scorm_version="1.2")
    item_make(version, "a")
    item_make(version, "b", is_visible=False)
    lesson = lesson_make(module, version.package)
    states = item_states(version=version, learner=learner, lesson=lesson)

    assert states_by_id(states)["b"].hidden
    assert item_navigate(states=states, current_identifier="a", request="continue") == "b"


# -- the real package 06 -----------------------------------------------------------------


def _import_sample(name: str):
    from lms.scorm.importer import scorm_package_import

    path = SAMPLES / name
    if not path.exists():
        skip_or_fail(f"sample package {path} is missing (set SCORM_SAMPLES_DIR)")
    with path.open("rb") as upload:
        return scorm_package_import(upload=upload, filename=name)


@pytest.mark.django_db
def test_sample_06_prerequisites_are_evaluated(learner, module):
    version = _import_sample("06-emp-prerequisites-mastery-12.zip")
    lesson = lesson_make(module, version.package)
    items = {item.identifier: item for item in version.items.all()}

    states = item_states(version=version, learner=learner, lesson=lesson)
    assert [(s.identifier, s.available) for s in states] == [
        ("module1", True),
        ("module2", False),
        ("module3", False),
        ("module4", False),
    ]

    attempt_make(
        learner=learner,
        lesson=lesson,
        item=items["module1"],
        completion="completed",
        success="passed",
        ended=True,
    )
    attempt_make(learner=learner, lesson=lesson, item=items["module3"], completion="completed")
    # module3 completed (say, through an earlier version's attempt) opens module4 on its own.
    by_id = states_by_id(item_states(version=version, learner=learner, lesson=lesson))

    assert by_id["module2"].available
    assert by_id["module4"].available
    assert not by_id["module3"].available  # module2 still missing
    assert "Module 2: Basic Concepts" in by_id["module3"].reason


@pytest.mark.django_db
def test_sample_03_every_sco_is_available_and_continue_walks_the_tree(learner, module):
    version = _import_sample("03-golf12-runtime-minimum-multisco.zip")
    lesson = lesson_make(module, version.package)

    states = item_states(version=version, learner=learner, lesson=lesson)

    assert len(states) == 22
    assert all(state.available for state in states)
    launchable = [state.identifier for state in states if state.launchable]
    assert len(launchable) == 18
    assert (
        item_navigate(states=states, current_identifier=None, request="continue") == (launchable[0])
    )
    # Continue crosses from the last SCO of a section to the first of the next one.
    sections = [state for state in states if state.children]
    last_of_first = sections[0].children[-1]
    first_of_second = sections[1].children[0]
    assert item_navigate(states=states, current_identifier=last_of_first, request="continue") == (
        first_of_second
    )
    assert (
        item_navigate(states=states, current_identifier=launchable[-1], request="continue") is None
    )


def test_references_to_the_item_itself_or_its_block_count_as_met(learner, module):
    version = version_make(scorm_version="1.2")
    block = cluster_make(version, "block")
    item_make(version, "inside", parent=block, prerequisites="inside & block")
    item_make(version, "other", parent=block, prerequisites="inside")
    lesson = lesson_make(module, version.package)

    by_id = states_by_id(item_states(version=version, learner=learner, lesson=lesson))

    assert by_id["inside"].available
    assert not by_id["other"].available
