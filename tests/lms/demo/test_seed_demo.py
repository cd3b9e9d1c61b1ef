"""Tests of the demo seed: content, mirror pairs, prerequisites, accounts, idempotence, command.

Seeding builds 39 pages with revisions, so the checks on seeded data share one seed per class
(``setUpTestData``; each test's changes are rolled back); command tests run on their own.
"""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import TestCase
from wagtail.models import Page, PageLogEntry, Revision

from curriculum.models import (
    Audience,
    CurriculumIndexPage,
    LessonPage,
    MirrorPair,
    ModulePage,
)
from curriculum.rules import prerequisite_errors
from curriculum.selectors import (
    curriculum_list_live,
    lesson_list_live,
    mirror_pair_for_module,
    mirror_table,
    module_list_live,
)
from curriculum.services import mirror_pair_create, mirror_pair_delete
from lms.accounts import roles
from lms.accounts.models import User
from lms.demo import services
from lms.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from lms.demo.services import DemoSeedError, demo_seed

TEXT_BLOCKS = {"paragraph", "heading", "callout", "key_points"}
EXPECTED_PAIRS = {
    ("cycle-de-la-decision-publique", "gouvernance-associative"),
    ("financer-l-action-publique", "modeles-economiques-de-l-ess"),
    ("evaluer-une-politique-publique", "mesurer-l-impact-social"),
    ("action-publique-territoriale", "ancrage-territorial-de-l-ess"),
    ("innovation-publique", "changement-d-echelle-des-innovations-sociales"),
}
UNMIRRORED = "cooperer-avec-l-administration"


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "page_log_entries": PageLogEntry.objects.count(),
        "users": User.objects.count(),
        "mirror_pairs": MirrorPair.objects.count(),
        "prerequisites": ModulePage.prerequisites.through.objects.count(),
    }


def _module(slug: str) -> ModulePage:
    return ModulePage.objects.get(slug=slug)


class SeededDemoTests(TestCase):
    """What one run of the seed creates, and what a second run leaves alone."""

    @classmethod
    def setUpTestData(cls):
        cls.index = CurriculumIndexPage.objects.get()
        cls.report = demo_seed()

    def test_two_curricula_one_per_audience_with_introduction_and_outcomes(self):
        curricula = list(curriculum_list_live(index=self.index))

        assert {(c.title, c.audience) for c in curricula} == {
            ("Politiques publiques et service public", Audience.ASSOCIATION_LEADERS),
            ("ESS et innovation sociale", Audience.CIVIL_SERVANTS),
        }
        for curriculum in curricula:
            assert "<p>" in curriculum.introduction
            assert "<li>" in curriculum.learning_outcomes

    def test_each_curriculum_has_five_modules_or_more_with_two_or_three_live_lessons(self):
        module_counts = []
        for curriculum in curriculum_list_live(index=self.index):
            modules = list(module_list_live(curriculum=curriculum))
            module_counts.append(len(modules))
            for module in modules:
                assert module.summary and module.target_audience
                assert "<li>" in module.objectives
                assert module.duration_hours > 0
                assert 2 <= lesson_list_live(module=module).count() <= 3, module.title

        assert sorted(module_counts) == [5, 6]

    def test_lessons_are_several_paragraphs_with_headings_callouts_and_key_points(self):
        lessons = LessonPage.objects.descendant_of(self.index)

        assert lessons.count() == 26
        for lesson in lessons:
            block_types = [block.block_type for block in lesson.body]
            assert set(block_types) == TEXT_BLOCKS, lesson.title
            paragraphs = sum(
                str(block.value).count("<p>")
                for block in lesson.body
                if block.block_type == "paragraph"
            )
            assert paragraphs >= 3, lesson.title
            closing = lesson.body[-1]
            assert closing.block_type == "key_points"
            assert closing.value["title"] == "À retenir"
            assert len(closing.value["points"]) >= 3
            assert "lorem" not in str(lesson.body).lower()

    def test_mirror_view_shows_the_five_pairs_and_one_module_without_mirror(self):
        table = mirror_table(index=self.index)

        assert table.pair_count == 5
        assert table.gap_count == 1
        pairs = {
            (row.association_module.slug, row.civil_servant_module.slug)
            for row in table.rows
            if row.is_pair
        }
        assert pairs == EXPECTED_PAIRS
        (gap,) = [row for row in table.rows if not row.is_pair]
        assert gap.association_module.slug == UNMIRRORED
        assert gap.civil_servant_module is None

    def test_prerequisites_link_modules_of_the_same_curriculum_without_cycles(self):
        evaluation = _module("evaluer-une-politique-publique")
        assert list(evaluation.prerequisites.values_list("slug", flat=True)) == [
            "cycle-de-la-decision-publique"
        ]
        assert ModulePage.prerequisites.through.objects.count() == 5
        for module in ModulePage.objects.descendant_of(self.index):
            prerequisites = list(module.prerequisites.all())
            assert prerequisite_errors(module=module, prerequisites=prerequisites) == []

    def test_pages_are_written_by_the_trainer_and_published_by_the_reviewer(self):
        trainer = User.objects.get(groups__name=roles.TRAINERS)
        reviewer = User.objects.get(groups__name=roles.REVIEWERS)
        pages = Page.objects.descendant_of(self.index)

        assert pages.count() == 2 + 11 + 26
        for page in pages:
            assert page.live and not page.has_unpublished_changes, page.title
            assert page.live_revision_id == page.latest_revision_id is not None
            assert page.owner == trainer
            assert page.live_revision.user == trainer
            publication = PageLogEntry.objects.get(page=page, action="wagtail.publish")
            assert publication.user == reviewer

    def test_one_account_per_role_in_its_group_with_a_usable_demo_password(self):
        assert sorted(spec.role for spec in DEMO_ACCOUNTS) == sorted(
            [roles.LEARNERS, roles.LEARNERS, roles.TRAINERS, roles.REVIEWERS, roles.ADMINISTRATORS]
        )
        for spec in DEMO_ACCOUNTS:
            user = User.objects.get(email=spec.email)
            assert list(user.groups.values_list("name", flat=True)) == [spec.role]
            assert not user.is_superuser and not user.is_staff
            assert self.client.login(username=spec.email, password=DEMO_PASSWORD), spec.email
            self.client.logout()

        administrator = User.objects.get(groups__name=roles.ADMINISTRATORS)
        assert administrator.has_perm("wagtailadmin.access_admin")
        assert administrator.has_perm("accounts.change_user")

    def test_the_report_counts_what_was_created(self):
        assert self.report.created == {
            "curricula": 2,
            "modules": 11,
            "lessons": 26,
            "prerequisites": 5,
            "mirror_pairs": 5,
            "accounts": 5,
        }
        assert not self.report.present
        assert all(account.created for account in self.report.accounts)

    def test_seeding_again_creates_and_changes_nothing(self):
        before = _counts()
        modified = dict(Page.objects.values_list("pk", "last_published_at"))

        report = demo_seed()

        assert _counts() == before
        assert dict(Page.objects.values_list("pk", "last_published_at")) == modified
        assert report.created_total == 0
        assert report.present["modules"] == 11
        assert report.present["mirror_pairs"] == 5
        assert not any(account.created for account in report.accounts)

    def test_seeding_again_keeps_what_editors_changed(self):
        trainer = User.objects.get(groups__name=roles.TRAINERS)
        reviewer = User.objects.get(groups__name=roles.REVIEWERS)
        module = _module("financer-l-action-publique")
        module.summary = "Résumé revu par la formatrice."
        module.save_revision(user=trainer).publish(user=reviewer)
        learner = User.objects.get(email=DEMO_ACCOUNTS[0].email)
        learner.set_password("un-autre-mot-de-passe")
        learner.save()

        demo_seed()

        assert _module("financer-l-action-publique").summary == "Résumé revu par la formatrice."
        assert self.client.login(username=learner.email, password="un-autre-mot-de-passe")

    def test_seeding_again_recreates_only_a_deleted_lesson(self):
        LessonPage.objects.get(slug="budget-de-l-etat-et-lolf").delete()

        report = demo_seed()

        assert report.created == {"lessons": 1}
        assert LessonPage.objects.get(slug="budget-de-l-etat-et-lolf").live

    def test_seeding_again_respects_a_mirror_an_editor_changed(self):
        financing = _module("financer-l-action-publique")
        models = _module("modeles-economiques-de-l-ess")
        mirror_pair_delete(pair=mirror_pair_for_module(module=financing))
        mirror_pair_create(first=_module(UNMIRRORED), second=models)

        report = demo_seed()

        assert report.created_total == 0
        assert len(report.skipped) == 1
        assert mirror_pair_for_module(module=financing) is None
        (gap,) = [row for row in mirror_table(index=self.index).rows if not row.is_pair]
        assert gap.association_module == financing


@pytest.mark.django_db
def test_command_refuses_to_run_when_debug_is_off(settings, curricula_index):
    settings.DEBUG = False
    pages = Page.objects.count()

    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", stdout=StringIO())

    assert Page.objects.count() == pages
    assert not User.objects.exists()


@pytest.mark.django_db
def test_command_with_force_seeds_and_prints_the_accounts(settings, curricula_index):
    settings.DEBUG = False
    out = StringIO()

    call_command("seed_demo", "--force", stdout=out)

    assert ModulePage.objects.count() == 11
    assert MirrorPair.objects.count() == 5
    printed = out.getvalue()
    for spec in DEMO_ACCOUNTS:
        assert spec.email in printed
    assert DEMO_PASSWORD in printed


@pytest.mark.django_db
def test_seed_refuses_without_the_role_groups(settings, curricula_index):
    settings.DEBUG = True
    Group.objects.filter(name=roles.REVIEWERS).delete()

    with pytest.raises(DemoSeedError, match=roles.REVIEWERS):
        demo_seed()
    with pytest.raises(CommandError, match="roles_sync"):
        call_command("seed_demo", stdout=StringIO())

    assert not User.objects.exists()


@pytest.mark.django_db
def test_seed_is_all_or_nothing(curricula_index, monkeypatch):
    before = _counts()

    def failing_lesson_seed(*args, **kwargs):
        raise DemoSeedError("broken lesson")

    monkeypatch.setattr(services, "_lesson_seed", failing_lesson_seed)
    with pytest.raises(DemoSeedError):
        demo_seed()

    assert _counts() == before
