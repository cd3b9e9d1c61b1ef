"""The demo SCORM packages (``lms/demo/scorm/``) and their seed (``lms.demo.scorm_seed``)."""

import io
import re
import zipfile
from decimal import Decimal
from html.parser import HTMLParser
from io import StringIO
from posixpath import dirname, normpath

import pytest
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import PageLogEntry

from lms.accounts import roles
from lms.accounts.models import User
from lms.demo.scorm_seed import DEMO_SCORM, demo_scorm_seed, demo_scorm_zip
from lms.demo.services import demo_seed
from lms.scorm.importer import scorm_package_import
from lms.scorm.models import ScormPackage
from lms.scorm.pages import ScormLessonPage
from lms.scorm.sequencing import item_states
from tests.lms.scorm.seq_factories import attempt_make, lesson_make, states_by_id

FOLDERS = [spec.folder for spec in DEMO_SCORM]


class _Links(HTMLParser):
    """Collects local links, the lang attribute and radio buttons outside labels."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.lang = None
        self.labels = 0
        self.unlabelled_inputs = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "label":
            self.labels += 1
        if tag == "input" and not self.labels:
            self.unlabelled_inputs += 1
        for name in ("href", "src"):
            value = attrs.get(name)
            if value and not value.startswith(("#", "http:", "https:", "data:")):
                self.links.append(value)

    def handle_endtag(self, tag):
        if tag == "label":
            self.labels -= 1


def _import(folder: str, **kwargs):
    return scorm_package_import(
        upload=io.BytesIO(demo_scorm_zip(folder)), filename=f"{folder}.zip", **kwargs
    )


@pytest.mark.parametrize("folder", FOLDERS)
def test_the_zips_hold_every_file_their_pages_use_and_are_reproducible(folder):
    data = demo_scorm_zip(folder)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        manifest = archive.read("imsmanifest.xml").decode()
        pages = [name for name in names if name.endswith(".html")]
        assert "commun/style.css" in names
        for href in re.findall(r'<file href="([^"]+)"', manifest):
            assert href in names, href
        for page in pages:
            parser = _Links()
            parser.feed(archive.read(page).decode())
            assert parser.lang == "fr", page
            assert parser.unlabelled_inputs == 0, page
            for link in parser.links:
                assert normpath(f"{dirname(page)}/{link}".lstrip("/")) in names, (page, link)
    assert demo_scorm_zip(folder) == data


@pytest.mark.parametrize("folder", FOLDERS)
def test_the_scos_find_the_api_through_the_parent_windows_and_work_without_it(folder):
    with zipfile.ZipFile(io.BytesIO(demo_scorm_zip(folder))) as archive:
        scripts = [archive.read(n).decode() for n in archive.namelist() if n.endswith(".js")]
    (script,) = scripts
    assert "fenetre.parent" in script and "window.opener" in script
    assert 'getElementById("sans-suivi").hidden = false' in script


@pytest.mark.django_db
def test_the_scorm_12_package_imports_as_one_sco_with_a_mastery_score():
    version = _import("principes-service-public", title="Les principes du service public")

    assert version.scorm_version == "1.2"
    assert version.warnings == []
    assert version.package.title == "Les principes du service public"
    (item,) = version.items.all()
    assert (item.identifier, item.kind, item.href) == ("principes", "sco", "index.html")
    assert item.mastery_score == Decimal("70")
    assert item.prerequisites == ""


@pytest.mark.django_db
def test_the_scorm_2004_package_imports_two_scos_in_forced_order():
    version = _import("mesurer-impact-social")

    assert version.scorm_version == "2004 4th"
    assert version.warnings == []
    assert version.title == "Mesurer l'impact social"
    control = version.manifest["organization_sequencing"]["control_mode"]
    assert control["choice"] is True and control["flow"] is True
    first, second = version.items.order_by("position")
    assert [(i.identifier, i.kind, i.href) for i in (first, second)] == [
        ("partie1", "sco", "partie1/index.html"),
        ("partie2", "sco", "partie2/index.html"),
    ]
    for item in (first, second):
        assert item.scaled_passing_score == Decimal("0.7")
        assert item.completion_threshold == Decimal("1")
        assert item.sequencing["delivery_controls"]["objective_set_by_content"] is True
    (rule,) = second.sequencing["pre_condition_rules"]
    assert rule["action"] == "disabled"
    assert rule["condition_combination"] == "any"
    previous = next(o for o in second.objectives if o["id"] == "partie-precedente")
    (mapping,) = previous["map_info"]
    assert mapping["target"] == "fr.fpse.demo.impact.partie1-reussie"
    assert mapping["read_satisfied"] and not mapping["write_satisfied"]


@pytest.mark.django_db
def test_the_second_part_opens_once_the_first_is_passed(
    learner, association_curriculum, module_factory
):
    version = _import("mesurer-impact-social")
    lesson = lesson_make(module_factory(parent=association_curriculum), version.package)
    first = version.items.get(identifier="partie1")

    by_id = states_by_id(item_states(version=version, learner=learner, lesson=lesson))
    assert by_id["partie1"].available and not by_id["partie2"].available
    assert "Partie 1 : comprendre l'impact social" in by_id["partie2"].reason

    # Scaled score 0.5 < 0.7: failed, the second part stays closed.
    attempt_make(
        learner=learner,
        lesson=lesson,
        item=first,
        completion="completed",
        success="failed",
        score_scaled="0.5",
        ended=True,
    )
    assert not states_by_id(item_states(version=version, learner=learner, lesson=lesson))[
        "partie2"
    ].available

    attempt_make(
        learner=learner,
        lesson=lesson,
        item=first,
        completion="completed",
        success="passed",
        score_scaled="1",
        ended=True,
    )
    assert states_by_id(item_states(version=version, learner=learner, lesson=lesson))[
        "partie2"
    ].available


class DemoScormSeedTests(TestCase):
    """One demo seed with its SCORM lessons; then what running it again does."""

    @classmethod
    def setUpTestData(cls):
        demo_seed()
        cls.report = demo_scorm_seed()

    def test_the_packages_are_imported_by_the_demo_trainer(self):
        trainer = User.objects.get(groups__name=roles.TRAINERS)

        assert (self.report.packages_created, self.report.lessons_created) == (2, 2)
        packages = ScormPackage.objects.order_by("title")
        assert [p.title for p in packages] == [
            "Les principes du service public",
            "Mesurer l'impact social",
        ]
        assert [p.current_version.scorm_version for p in packages] == ["1.2", "2004 4th"]
        assert all(p.current_version.uploaded_by == trainer for p in packages)

    def test_one_published_scorm_lesson_in_a_module_of_each_curriculum(self):
        trainer = User.objects.get(groups__name=roles.TRAINERS)
        reviewer = User.objects.get(groups__name=roles.REVIEWERS)
        lessons = ScormLessonPage.objects.order_by("path")

        assert {(lesson.get_parent().slug, lesson.package.title) for lesson in lessons} == {
            ("cycle-de-la-decision-publique", "Les principes du service public"),
            ("mesurer-l-impact-social", "Mesurer l'impact social"),
        }
        curricula = {lesson.get_parent().get_parent().pk for lesson in lessons}
        assert len(curricula) == 2
        for lesson in lessons:
            assert lesson.live and not lesson.has_unpublished_changes
            assert lesson.owner == trainer and lesson.live_revision.user == trainer
            assert PageLogEntry.objects.get(page=lesson, action="wagtail.publish").user == reviewer
            assert lesson.summary and lesson.estimated_minutes > 0

    def test_seeding_again_creates_nothing(self):
        report = demo_scorm_seed()

        assert (report.packages_created, report.lessons_created) == (0, 0)
        assert (report.packages_present, report.lessons_present) == (2, 2)
        assert ScormPackage.objects.count() == 2
        assert ScormLessonPage.objects.count() == 2

    def test_a_deleted_lesson_is_added_again_on_the_existing_package(self):
        ScormLessonPage.objects.get(slug="principes-du-service-public").delete()

        report = demo_scorm_seed()

        assert (report.packages_created, report.lessons_created) == (0, 1)
        assert ScormPackage.objects.count() == 2
        assert ScormLessonPage.objects.get(slug="principes-du-service-public").live

    def test_the_command_reports_the_scorm_lessons(self):
        out = StringIO()

        with self.settings(DEBUG=True):
            call_command("seed_demo", stdout=out)

        assert "SCORM" in out.getvalue()
        assert ScormLessonPage.objects.count() == 2
