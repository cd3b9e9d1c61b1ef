"""Page tree rules of the curricula: which page goes where, who may read it."""

from urllib.parse import quote

from django.core import checks
from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from curriculum.checks import check_page_tree_rules
from curriculum.models import (
    Audience,
    CurriculumIndexPage,
    CurriculumPage,
    LessonPage,
    ModulePage,
)
from lms.accounts import roles
from lms.enrolment.services import enrolment_create
from lms.portal.models import AccessibilityPage, HomePage, LegalPage
from tests.curriculum.admin_forms import add_page_url
from tests.factories import (
    CurriculumPageFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
)

CURRICULUM_PAGE_TYPES = (CurriculumIndexPage, CurriculumPage, ModulePage, LessonPage)


class PageTreeRulesTests(WagtailPageTestCase):
    """index (one, under home) → curriculum → module → lesson (a leaf)."""

    def test_the_index_goes_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(CurriculumIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, CurriculumIndexPage)
        for parent in (Page, *CURRICULUM_PAGE_TYPES, LegalPage):
            self.assertCanNotCreateAt(parent, CurriculumIndexPage)

    def test_the_home_page_holds_the_index_and_the_legal_pages(self):
        self.assertAllowedSubpageTypes(
            HomePage, {CurriculumIndexPage, LegalPage, AccessibilityPage}
        )

    def test_curricula_go_under_the_index_only(self):
        self.assertAllowedSubpageTypes(CurriculumIndexPage, {CurriculumPage})
        self.assertAllowedParentPageTypes(CurriculumPage, {CurriculumIndexPage})
        self.assertCanNotCreateAt(HomePage, CurriculumPage)

    def test_modules_go_under_a_curriculum_only(self):
        self.assertAllowedSubpageTypes(CurriculumPage, {ModulePage})
        self.assertAllowedParentPageTypes(ModulePage, {CurriculumPage})
        self.assertCanNotCreateAt(CurriculumIndexPage, ModulePage)
        self.assertCanNotCreateAt(ModulePage, ModulePage)

    def test_lessons_go_under_a_module_only_and_have_no_children(self):
        from lms.scorm.pages import ScormLessonPage

        # Content lessons, and the lesson types other apps register (SCORM activities).
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage, ScormLessonPage})
        self.assertAllowedParentPageTypes(ScormLessonPage, {ModulePage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertCanNotCreateAt(CurriculumPage, LessonPage)
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_curriculum_pages_are_not_allowed_at_the_top_of_the_tree(self):
        for model in CURRICULUM_PAGE_TYPES:
            self.assertCanNotCreateAt(Page, model)

    def test_the_page_tree_check_finds_nothing_to_align(self):
        self.assertEqual(
            [m for m in checks.run_checks() if m.id == "curriculum.W001"],
            [],
        )


class PageTreeCheckTests(WagtailPageTestCase):
    def test_the_check_warns_when_a_child_type_refuses_its_parent(self):
        """``curriculum.W001`` fires when ``subpage_types`` and ``parent_page_types`` disagree."""
        original = ModulePage.subpage_types
        ModulePage.subpage_types = ["curriculum.LessonPage", "curriculum.ModulePage"]
        ModulePage._clean_subpage_models = None
        try:
            warnings = check_page_tree_rules()
        finally:
            ModulePage.subpage_types = original
            ModulePage._clean_subpage_models = None
        self.assertEqual([w.id for w in warnings], ["curriculum.W001"])
        self.assertIs(warnings[0].obj, ModulePage)
        self.assertEqual(check_page_tree_rules(), [])


class PageTreeInTheAdminTests(WagtailPageTestCase):
    """The admin enforces the same rules on real requests."""

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.index = CurriculumIndexPage.objects.get()
        cls.curriculum = CurriculumPageFactory(parent=cls.index, slug="parcours-test")
        cls.module = ModulePageFactory(parent=cls.curriculum, slug="module-test")
        cls.administrator = UserFactory(roles=[roles.ADMINISTRATORS])

    def setUp(self):
        self.client.force_login(self.administrator)

    def assertRefused(self, response):
        """Wagtail answers a forbidden admin request with a redirect to the dashboard."""
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)

    def test_a_second_index_cannot_be_created(self):
        self.assertFalse(CurriculumIndexPage.can_create_at(self.home))
        url = add_page_url(CurriculumIndexPage, self.home)
        self.assertRefused(self.client.get(url))
        self.assertRefused(self.client.post(url, {"title": "Autres parcours", "slug": "autres"}))
        self.assertEqual(CurriculumIndexPage.objects.count(), 1)

    def test_a_lesson_cannot_be_added_to_a_curriculum(self):
        url = add_page_url(LessonPage, self.curriculum)
        self.assertRefused(self.client.get(url))
        self.assertRefused(self.client.post(url, {"title": "Leçon égarée", "slug": "egaree"}))
        self.assertFalse(LessonPage.objects.exists())

    def test_a_lesson_can_be_added_to_a_module(self):
        response = self.client.get(add_page_url(LessonPage, self.module))
        self.assertEqual(response.status_code, 200)

    def test_a_module_offers_only_lessons_as_children(self):
        from lms.scorm.pages import ScormLessonPage

        response = self.client.get(reverse("wagtailadmin_pages:add_subpage", args=[self.module.pk]))
        # The two lesson types, nothing else.
        self.assertContains(response, add_page_url(LessonPage, self.module))
        self.assertContains(response, add_page_url(ScormLessonPage, self.module))
        self.assertNotContains(response, add_page_url(ModulePage, self.module))


class PublicPagesTests(WagtailPageTestCase):
    """Curricula, modules and the mirror view are public; lessons need a login."""

    @classmethod
    def setUpTestData(cls):
        cls.index = CurriculumIndexPage.objects.get()
        cls.association = CurriculumPageFactory(
            parent=cls.index,
            title="Politiques publiques et service public",
            slug="politiques-publiques",
            audience=Audience.ASSOCIATION_LEADERS,
        )
        cls.civil_servants = CurriculumPageFactory(
            parent=cls.index,
            title="ESS et innovation sociale",
            slug="ess-innovation-sociale",
            audience=Audience.CIVIL_SERVANTS,
        )
        cls.module = ModulePageFactory(
            parent=cls.association, title="Le cycle de la décision publique", slug="cycle"
        )
        cls.draft_module = ModulePageFactory(
            parent=cls.association, title="Un module en brouillon", slug="brouillon", live=False
        )
        cls.lesson = LessonPageFactory(
            parent=cls.module,
            title="Mise à l'agenda",
            slug="mise-a-l-agenda",
            body=[("paragraph", "<p>Comment un problème devient public.</p>")],
        )
        cls.learner = UserFactory(roles=[roles.LEARNERS])

    def test_the_pages_live_at_their_french_addresses(self):
        self.assertEqual(self.index.url, "/parcours/")
        self.assertEqual(self.module.url, "/parcours/politiques-publiques/cycle/")

    def test_a_curriculum_is_public_and_lists_its_live_modules(self):
        self.assertPageIsRenderable(self.association)
        response = self.client.get(self.association.url)
        self.assertContains(response, "Politiques publiques et service public")
        self.assertContains(response, "Le cycle de la décision publique")
        self.assertNotContains(response, "Un module en brouillon")

    def test_a_module_is_public_and_lists_its_lessons_by_title(self):
        self.assertPageIsRenderable(self.module)
        response = self.client.get(self.module.url)
        self.assertContains(response, "Le cycle de la décision publique")
        self.assertContains(response, "Mise à l&#x27;agenda")
        self.assertNotContains(response, "Comment un problème devient public.")

    def test_the_mirror_view_is_public_and_shows_both_curricula(self):
        self.assertPageIsRenderable(self.index, route_path="miroir/")
        response = self.client.get("/parcours/miroir/")
        self.assertEqual(response.status_code, 200)
        heading = self.get_soup(response.content).find("table").find("thead")
        self.assertIn("Politiques publiques et service public", heading.get_text())
        self.assertIn("ESS et innovation sociale", heading.get_text())

    def test_the_pages_are_served_in_french(self):
        response = self.client.get(self.association.url)
        self.assertEqual(response["Content-Language"], "fr")
        self.assertEqual(self.get_soup(response.content).html["lang"], "fr")

    def test_a_draft_module_is_not_served(self):
        self.assertEqual(Client().get("/parcours/politiques-publiques/brouillon/").status_code, 404)

    def test_an_anonymous_visitor_of_a_lesson_is_sent_to_the_login_page(self):
        url = "/parcours/politiques-publiques/cycle/mise-a-l-agenda/"
        self.assertEqual(self.lesson.url, url)
        response = self.client.get(url)
        self.assertRedirects(
            response, f"/comptes/connexion/?next={quote(url)}", fetch_redirect_response=False
        )

    def test_an_enrolled_learner_reads_a_lesson(self):
        enrolment_create(learner=self.learner, module=self.module)
        self.assertPageIsRenderable(self.lesson, user=self.learner)
        self.client.force_login(self.learner)
        response = self.client.get(self.lesson.url)
        self.assertContains(response, "Mise à l&#x27;agenda")
        self.assertContains(response, "Comment un problème devient public.")
