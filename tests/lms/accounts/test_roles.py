"""Roles: groups, permissions and workflow from the data migration, checked by real admin POSTs.

Formateurs author the curricula and nothing else; Relecteurs publish; Administrateurs run
users and settings; Apprenants never land in the admin.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from curriculum.models import CurriculumIndexPage, LessonPage, ModulePage
from lms.accounts import roles
from lms.accounts.models import User
from lms.portal.models import HomePage, LegalPage, PlatformSettings
from tests.curriculum.admin_forms import (
    add_page_url,
    edit_page_url,
    form_data,
    lesson_body,
    new_lesson_data,
    new_module_data,
    page_edit_data,
)

pytestmark = pytest.mark.django_db

ADMIN_HOME = "/admin/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_refused(response) -> None:
    """Wagtail answers a forbidden admin request by sending the user back to the dashboard."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] == ADMIN_HOME


def page_permissions(group_name: str) -> set[tuple[str, str]]:
    """``(page title, permission codename)`` granted to a group."""
    return set(
        GroupPagePermission.objects.filter(group__name=group_name).values_list(
            "page__title", "permission__codename"
        )
    )


def model_permissions(group_name: str) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=group_name).permissions.select_related("content_type")
    }


@pytest.fixture
def module(association_curriculum, module_factory) -> ModulePage:
    return module_factory(parent=association_curriculum, title="Financer l'action publique")


@pytest.fixture
def lesson(module, lesson_factory) -> LessonPage:
    return lesson_factory(
        parent=module,
        title="Le budget de l'État",
        slug="budget",
        body=[("paragraph", "<p>La loi de finances.</p>")],
    )


# What the data migration creates ---------------------------------------------------------


def test_the_migration_creates_the_four_groups_and_removes_wagtails():
    names = set(Group.objects.values_list("name", flat=True))
    assert {
        roles.LEARNERS,
        roles.TRAINERS,
        roles.REVIEWERS,
        roles.ADMINISTRATORS,
    } <= names
    assert not names & {"Editors", "Moderators"}


def test_trainers_may_add_and_edit_pages_under_the_curricula_only():
    index = CurriculumIndexPage.objects.get()
    assert page_permissions(roles.TRAINERS) == {
        (index.title, "add_page"),
        (index.title, "change_page"),
    }
    assert model_permissions(roles.TRAINERS) == {
        "wagtailadmin.access_admin",
        "curriculum.add_mirrorpair",
        "curriculum.change_mirrorpair",
        "curriculum.delete_mirrorpair",
        "curriculum.view_mirrorpair",
        "people.view_promotion",
        "people.view_learnerprofile",
        "enrolment.view_enrolment",
        "enrolment.view_modulesettings",
        # SCORM packages: upload, new versions, learners' attempts.
        "scorm.add_scormpackage",
        "scorm.change_scormpackage",
        "scorm.view_scormpackage",
        "scorm.view_scormpackageversion",
        "scorm.view_scormattempt",
        # Binômes of the promotions they follow (the binôme pages check the promotion).
        "binomes.add_binome",
        "binomes.change_binome",
        "binomes.view_binome",
        "binomes.view_project",
        "binomes.add_comment",
        "binomes.view_evaluation",
    }
    assert set(
        GroupCollectionPermission.objects.filter(group__name=roles.TRAINERS).values_list(
            "permission__codename", flat=True
        )
    ) == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }


def test_reviewers_may_publish_under_the_curricula():
    index = CurriculumIndexPage.objects.get()
    granted = page_permissions(roles.REVIEWERS)
    assert (index.title, "publish_page") in granted
    assert {page for page, _ in granted} == {index.title}


def test_administrators_run_the_whole_tree_users_and_settings():
    root = Page.objects.get(depth=1)
    assert {
        (root.title, "add_page"),
        (root.title, "change_page"),
        (root.title, "publish_page"),
    } <= page_permissions(roles.ADMINISTRATORS)
    assert {
        "wagtailadmin.access_admin",
        "accounts.add_user",
        "accounts.change_user",
        "portal.change_platformsettings",
    } <= model_permissions(roles.ADMINISTRATORS)


def test_learners_have_no_permission():
    assert model_permissions(roles.LEARNERS) == set()
    assert page_permissions(roles.LEARNERS) == set()


def test_the_review_workflow_is_a_reviewers_task_on_the_curricula(
    association_curriculum, module_factory, lesson_factory
):
    workflow = Workflow.objects.get(name=roles.WORKFLOW_NAME)
    assert workflow.active
    task = GroupApprovalTask.objects.get(workflow_tasks__workflow=workflow)
    assert task.name == roles.REVIEW_TASK_NAME
    assert list(task.groups.values_list("name", flat=True)) == [roles.REVIEWERS]
    assert WorkflowPage.objects.get(workflow=workflow).page.specific_class is CurriculumIndexPage

    lesson = lesson_factory(parent=module_factory(parent=association_curriculum))
    assert lesson.get_workflow() == workflow
    assert HomePage.objects.get().get_workflow() is None


def roles_state() -> dict:
    """Everything ``roles_sync`` writes, as comparable values."""
    return {
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "model_permissions": sorted(
            Group.permissions.through.objects.values_list("group__name", "permission__codename")
        ),
        "page_permissions": sorted(
            GroupPagePermission.objects.values_list(
                "group__name", "page_id", "permission__codename"
            )
        ),
        "collection_permissions": sorted(
            GroupCollectionPermission.objects.values_list(
                "group__name", "collection_id", "permission__codename"
            )
        ),
        "permissions": Permission.objects.count(),
        "workflows": sorted(Workflow.objects.values_list("name", "active")),
        "workflow_tasks": sorted(
            WorkflowTask.objects.values_list("workflow__name", "task__name", "sort_order")
        ),
        "workflow_pages": sorted(WorkflowPage.objects.values_list("workflow__name", "page_id")),
        "task_groups": sorted(
            GroupApprovalTask.groups.through.objects.values_list(
                "groupapprovaltask_id", "group__name"
            )
        ),
    }


def test_roles_sync_is_idempotent():
    migrated = roles_state()

    call_command("roles_sync")
    once = roles_state()
    call_command("roles_sync")
    twice = roles_state()

    assert once == migrated
    assert twice == once
    assert len(migrated["page_permissions"]) == GroupPagePermission.objects.count() > 0


def test_roles_sync_restores_a_removed_permission():
    migrated = roles_state()
    GroupPagePermission.objects.filter(
        group__name=roles.REVIEWERS, permission__codename="publish_page"
    ).delete()
    Group.objects.get(name=roles.TRAINERS).permissions.clear()

    call_command("roles_sync")

    assert roles_state() == migrated


# Trainers (Formateurs) in the admin ------------------------------------------------------


def test_a_trainer_reaches_the_admin(trainer):
    assert signed_in(trainer).get(ADMIN_HOME).status_code == 200


def test_a_trainer_creates_a_module_as_a_draft(trainer, association_curriculum):
    client = signed_in(trainer)

    response = client.post(
        add_page_url(ModulePage, association_curriculum),
        new_module_data("Innovation publique"),
    )

    module = ModulePage.objects.get(title="Innovation publique")
    assert response.status_code == 302
    assert response["Location"] == edit_page_url(module)
    assert module.get_parent().pk == association_curriculum.pk
    assert not module.live
    assert module.get_latest_revision().user == trainer


def test_a_trainer_creates_a_lesson_as_a_draft(trainer, module):
    client = signed_in(trainer)

    response = client.post(
        add_page_url(LessonPage, module),
        new_lesson_data("Les dotations", "<p>Dotations de l'État aux collectivités.</p>"),
    )

    assert response.status_code == 302
    lesson = LessonPage.objects.get(title="Les dotations")
    assert lesson.get_parent().pk == module.pk
    assert not lesson.live
    assert "Dotations de l'État aux collectivités." in str(lesson.body)


def test_a_trainer_edits_a_lesson_as_a_draft(trainer, lesson):
    client = signed_in(trainer)

    response = client.post(
        edit_page_url(lesson),
        page_edit_data(
            client,
            lesson,
            {
                "title": "Le budget de l'État, pas à pas",
                **lesson_body("<p>Le cycle budgétaire.</p>"),
            },
        ),
    )

    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.live and lesson.title == "Le budget de l'État"
    assert lesson.has_unpublished_changes
    draft = lesson.get_latest_revision_as_object()
    assert draft.title == "Le budget de l'État, pas à pas"
    assert "Le cycle budgétaire." in str(draft.body)


def test_a_trainer_cannot_publish_an_edit(trainer, lesson):
    client = signed_in(trainer)
    data = page_edit_data(
        client, lesson, {"title": "Publié sans relecture", **lesson_body("<p>Non relu.</p>")}
    )
    data["action-publish"] = "action-publish"

    client.post(edit_page_url(lesson), data)

    lesson.refresh_from_db()
    assert lesson.title == "Le budget de l'État"
    assert "Non relu." not in str(lesson.body)
    assert lesson.get_latest_revision_as_object().title == "Publié sans relecture"


def test_a_trainer_cannot_publish_a_new_page(trainer, module):
    client = signed_in(trainer)
    data = new_lesson_data("Publiée d'emblée")
    data["action-publish"] = "action-publish"

    client.post(add_page_url(LessonPage, module), data)

    assert not LessonPage.objects.get(title="Publiée d'emblée").live


@pytest.mark.parametrize("page_type", [LegalPage, HomePage])
def test_a_trainer_cannot_edit_pages_outside_the_curricula(trainer, page_type):
    page = page_type.objects.order_by("path").first()
    title, revisions = page.title, page.revisions.count()
    client = signed_in(trainer)
    data = {"title": "Modifié par un formateur", "slug": page.slug, "action-publish": "1"}

    assert_refused(client.get(edit_page_url(page)))
    assert_refused(client.post(edit_page_url(page), data))

    page.refresh_from_db()
    assert page.title == title
    assert page.revisions.count() == revisions


def test_a_trainer_cannot_add_pages_outside_the_curricula(trainer, home):
    client = signed_in(trainer)
    pages = Page.objects.count()

    assert_refused(client.get(add_page_url(LegalPage, home)))
    assert_refused(
        client.post(
            add_page_url(LegalPage, home),
            {"title": "Conditions", "slug": "conditions", "kind": "terms", "body": "{}"},
        )
    )

    assert Page.objects.count() == pages


def test_a_trainer_cannot_edit_a_user(trainer, learner, administrator):
    url = reverse("wagtailusers_users:edit", args=[learner.pk])
    # The administrator's own form, posted by the trainer: every field is valid.
    data = form_data(signed_in(administrator).get(url), "w-editor-form")
    data["first_name"] = "Piraté"
    data.setlist("groups", [str(Group.objects.get(name=roles.ADMINISTRATORS).pk)])
    client = signed_in(trainer)

    assert_refused(client.get(url))
    assert_refused(client.post(url, data))

    learner.refresh_from_db()
    assert learner.first_name != "Piraté"
    assert list(learner.groups.values_list("name", flat=True)) == [roles.LEARNERS]


def test_a_trainer_cannot_create_a_user(trainer):
    users = User.objects.count()
    client = signed_in(trainer)
    data = {
        "email": "intrus@exemple.fr",
        "first_name": "In",
        "last_name": "Trus",
        "password1": "un-mot-de-passe-solide-2026",
        "password2": "un-mot-de-passe-solide-2026",
        "is_active": "on",
    }

    assert_refused(client.get(reverse("wagtailusers_users:add")))
    assert_refused(client.post(reverse("wagtailusers_users:add"), data))

    assert User.objects.count() == users


def settings_url() -> str:
    return reverse(
        "wagtailsettings:edit", args=["portal", "platformsettings", PlatformSettings.load().pk]
    )


def test_a_trainer_cannot_edit_the_platform_settings(trainer):
    operator = PlatformSettings.load().operator_name
    client = signed_in(trainer)

    assert_refused(client.get(settings_url()))
    assert_refused(
        client.post(settings_url(), {"operator_name": "Un formateur", "footer_description": ""})
    )

    assert PlatformSettings.load().operator_name == operator


# Reviewers and administrators ------------------------------------------------------------


def test_a_reviewer_publishes_an_edit(reviewer, lesson):
    client = signed_in(reviewer)
    data = page_edit_data(
        client, lesson, {"title": "Le budget de l'État, relu", **lesson_body("<p>Relu.</p>")}
    )
    data["action-publish"] = "action-publish"

    response = client.post(edit_page_url(lesson), data)

    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.live and not lesson.has_unpublished_changes
    assert lesson.title == "Le budget de l'État, relu"
    assert "Relu." in str(lesson.body)


def test_an_administrator_edits_a_user(administrator, learner):
    client = signed_in(administrator)
    url = reverse("wagtailusers_users:edit", args=[learner.pk])
    data = form_data(client.get(url), "w-editor-form")
    data["first_name"] = "Camille"

    response = client.post(url, data)

    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.first_name == "Camille"
    assert learner.is_active
    assert list(learner.groups.values_list("name", flat=True)) == [roles.LEARNERS]


def test_an_administrator_edits_the_platform_settings(administrator):
    client = signed_in(administrator)
    data = form_data(client.get(settings_url()), "w-editor-form")
    data["operator_name"] = "Institut national du service public (INSP)"

    response = client.post(settings_url(), data)

    assert response.status_code == 302
    assert PlatformSettings.load().operator_name == "Institut national du service public (INSP)"


# Learners ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [ADMIN_HOME, "/admin/pages/", "/admin/users/"])
def test_a_learner_never_lands_in_the_admin(learner, path):
    response = signed_in(learner).get(path)

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_an_anonymous_visitor_of_the_admin_is_asked_to_sign_in():
    response = Client().get(ADMIN_HOME)

    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/connexion/?next=")
