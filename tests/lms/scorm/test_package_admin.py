"""The « Paquets SCORM » admin: Formateurs upload packages and versions (POST with CSRF),
see a package's tree and the lessons using it; learners cannot reach it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lms.accounts import roles
from lms.scorm.models import ScormItem, ScormPackage, ScormPackageVersion
from lms.scorm.pages import ScormLessonPage
from tests.factories import UserFactory
from tests.lms.scorm.zips import (
    build_zip,
    minimal_manifest_12,
    minimal_package_12,
    sample_path,
    stored_files,
    use_memory_storage,
)

pytestmark = pytest.mark.django_db

PACKAGE_PERMISSIONS = ("add_scormpackage", "change_scormpackage", "view_scormpackage")


@pytest.fixture
def storage(settings):
    return use_memory_storage(settings)


@pytest.fixture
def trainers_may_manage_packages(trainer):
    """The Formateurs role with the package permissions (as roles_sync gives them)."""
    group = Group.objects.get(name=roles.TRAINERS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="scorm", codename__in=PACKAGE_PERMISSIONS
        )
    )
    return trainer


@pytest.fixture
def trainer_client(trainers_may_manage_packages):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainers_may_manage_packages)
    return client


def _not_zip_message():
    from django.utils.translation import gettext

    return gettext("The file is not a valid zip archive.")


def csrf_post(client, url, data):
    """GET the form, then POST it with its CSRF token (as a browser does)."""
    response = client.get(url)
    assert response.status_code == 200
    token = response.cookies["csrftoken"].value if "csrftoken" in response.cookies else None
    token = token or client.cookies["csrftoken"].value
    return client.post(url, {**data, "csrfmiddlewaretoken": token})


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/zip")


def test_trainer_uploads_a_package_and_sees_its_tree(trainer_client, storage, trainer):
    url = reverse("scorm_packages:add")
    with sample_path("03").open("rb") as handle:
        response = csrf_post(
            trainer_client, url, {"file": upload("golf.zip", handle.read()), "title": ""}
        )
    package = ScormPackage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("scorm_packages:detail", args=[package.pk])
    assert package.title == "Golf Explained - Minimum Run-time Calls"
    assert package.created_by == trainer
    assert package.current_version.items.count() == 22

    page = trainer_client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "shared/assessmenttemplate.html?questions=Playing" in html
    assert "Playing the Game" in html and "How to Play" in html
    assert "No lesson uses this package yet." in html or "Aucune leçon" in html

    listing = trainer_client.get(reverse("scorm_packages:index"))
    assert package.title in listing.content.decode()


def test_upload_without_csrf_is_refused(trainer_client, storage):
    response = trainer_client.post(
        reverse("scorm_packages:add"), {"file": upload("a.zip", minimal_package_12())}
    )
    assert response.status_code == 403
    assert ScormPackage.objects.count() == 0


def test_refusal_is_shown_on_the_form(trainer_client, storage):
    data = build_zip({"cours/imsmanifest.xml": minimal_manifest_12(), "cours/index.html": "x"})
    response = csrf_post(
        trainer_client, reverse("scorm_packages:add"), {"file": upload("cours.zip", data)}
    )
    assert response.status_code == 400
    assert "« cours »" in response.content.decode()
    assert ScormPackage.objects.count() == 0
    assert ScormPackageVersion.objects.count() == 0
    assert ScormItem.objects.count() == 0
    assert stored_files(storage) == []


def test_not_a_zip_is_refused_on_the_form(trainer_client, storage):
    response = csrf_post(
        trainer_client,
        reverse("scorm_packages:add"),
        {"file": upload("notes.zip", b"pas un zip" * 100)},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [_not_zip_message()]
    assert ScormPackage.objects.count() == 0


def test_new_version_and_lessons_using_it(
    trainer_client, storage, association_curriculum, module_factory
):
    first = csrf_post(
        trainer_client,
        reverse("scorm_packages:add"),
        {"file": upload("v1.zip", minimal_package_12()), "title": "Mon paquet"},
    )
    package = ScormPackage.objects.get()
    assert first.status_code == 302 and package.title == "Mon paquet"
    module = module_factory(parent=association_curriculum, title="Module SCORM")
    lesson = module.add_child(
        instance=ScormLessonPage(
            title="Leçon interactive", slug="lecon-interactive", package=package
        )
    )

    response = csrf_post(
        trainer_client,
        reverse("scorm_packages:add_version", args=[package.pk]),
        {"file": upload("v2.zip", minimal_package_12(minimal_manifest_12(title="Deuxième")))},
    )
    assert response.status_code == 302
    assert list(package.versions.values_list("number", "title")) == [
        (2, "Deuxième"),
        (1, "Cours de test"),
    ]
    detail = trainer_client.get(reverse("scorm_packages:detail", args=[package.pk]))
    html = detail.content.decode()
    assert "Leçon interactive" in html
    assert reverse("wagtailadmin_pages:edit", args=[lesson.pk]) in html
    old = trainer_client.get(reverse("scorm_packages:detail", args=[package.pk]) + "?version=1")
    assert "Cours de test" in old.content.decode()


def admin_user_with(*codenames):
    """A user without role who may enter the admin, with these scorm/wagtail permissions."""
    user = UserFactory(email=f"sans-role-{len(codenames)}@exemple.fr")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=codenames),
    )
    return user


def test_menu_item_shown_to_those_with_package_permissions(trainer_client, client):
    dashboard = trainer_client.get(reverse("wagtailadmin_home"))
    assert reverse("scorm_packages:index") in dashboard.content.decode()
    client.force_login(admin_user_with())
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert reverse("scorm_packages:index") not in response.content.decode()
    assert client.get(reverse("scorm_packages:index")).status_code in (302, 403)


def test_learner_cannot_reach_the_packages(client, learner, storage):
    client.force_login(learner)
    for url in (reverse("scorm_packages:index"), reverse("scorm_packages:add")):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "scorm" not in response.get("Location", "/admin/login")
    response = client.post(
        reverse("scorm_packages:add"), {"file": upload("a.zip", minimal_package_12())}
    )
    assert response.status_code in (302, 403)
    assert ScormPackage.objects.count() == 0


def test_view_permission_alone_cannot_upload(client, storage):
    client.force_login(admin_user_with("view_scormpackage"))
    assert client.get(reverse("scorm_packages:index")).status_code == 200
    assert client.get(reverse("scorm_packages:add")).status_code in (302, 403)


def test_roles_give_the_package_permissions(trainer, administrator, learner):
    for user in (trainer, administrator):
        assert all(user.has_perm(f"scorm.{codename}") for codename in PACKAGE_PERMISSIONS)
    assert not any(learner.has_perm(f"scorm.{codename}") for codename in PACKAGE_PERMISSIONS)


def test_lesson_page_form_offers_the_package(
    client, administrator, storage, association_curriculum, module_factory
):
    import io

    from lms.scorm.importer import scorm_package_import

    version = scorm_package_import(
        upload=io.BytesIO(minimal_package_12()), filename="a.zip", title="Paquet choisi"
    )
    module = module_factory(parent=association_curriculum, title="Module")
    client.force_login(administrator)
    url = reverse("wagtailadmin_pages:add", args=["scorm", "scormlessonpage", module.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert reverse("scorm_package_chooser:choose") in response.content.decode()
    chooser = client.get(reverse("scorm_package_chooser:choose"))
    assert chooser.status_code == 200
    assert "Paquet choisi" in chooser.content.decode()
    assert version.package.pk
