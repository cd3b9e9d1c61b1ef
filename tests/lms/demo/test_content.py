"""Consistency of the demo content as data (no database): slugs, prerequisites, mirrors, blocks."""

from curriculum.blocks import LessonBodyBlock
from curriculum.models import Audience, LessonPage, ModulePage
from lms.accounts import roles
from lms.demo.accounts import DEMO_ACCOUNTS
from lms.demo.content import CURRICULA, MIRRORS


def _modules_by_slug():
    return {
        module.slug: (curriculum, module)
        for curriculum in CURRICULA
        for module in curriculum.modules
    }


def test_module_slugs_are_unique_across_the_demo():
    slugs = [module.slug for curriculum in CURRICULA for module in curriculum.modules]

    assert len(slugs) == len(set(slugs)) == 11


def test_prerequisites_name_earlier_modules_of_the_same_curriculum():
    for curriculum in CURRICULA:
        earlier: set[str] = set()
        for module in curriculum.modules:
            assert set(module.prerequisites) <= earlier, module.slug
            earlier.add(module.slug)


def test_mirrors_join_one_module_of_each_audience_and_leave_one_module_alone():
    modules = _modules_by_slug()
    paired = []
    for mirror in MIRRORS:
        assert modules[mirror.association_module][0].audience == Audience.ASSOCIATION_LEADERS
        assert modules[mirror.civil_servant_module][0].audience == Audience.CIVIL_SERVANTS
        paired += [mirror.association_module, mirror.civil_servant_module]

    assert len(paired) == len(set(paired)) == 10
    assert set(modules) - set(paired) == {"cooperer-avec-l-administration"}


def test_every_lesson_body_is_valid_and_fits_the_page_fields():
    block = LessonBodyBlock()
    summary_length = LessonPage._meta.get_field("summary").max_length
    for curriculum in CURRICULA:
        for module in curriculum.modules:
            assert len(module.summary) <= ModulePage._meta.get_field("summary").max_length
            assert 2 <= len(module.lessons) <= 3
            slugs = [lesson.slug for lesson in module.lessons]
            assert len(slugs) == len(set(slugs))
            for lesson in module.lessons:
                assert len(lesson.summary) <= summary_length
                block.clean(block.to_python([{"type": t, "value": v} for t, v in lesson.body]))


def test_there_is_one_demo_account_per_role_and_two_learners():
    by_role = {}
    for spec in DEMO_ACCOUNTS:
        by_role.setdefault(spec.role, []).append(spec.email)

    assert {role: len(emails) for role, emails in by_role.items()} == {
        roles.LEARNERS: 2,
        roles.TRAINERS: 1,
        roles.REVIEWERS: 1,
        roles.ADMINISTRATORS: 1,
    }
