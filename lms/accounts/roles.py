"""The platform's roles: groups, their permissions and the « relecture pédagogique » workflow.

Roles are data, created by a migration and re-applied with ``manage.py roles_sync``:

- *Apprenants* follow modules; they never enter the admin.
- *Formateurs* author the curricula (add and edit pages under the curricula index, images,
  documents, mirror pairs) and submit them for review; they cannot publish, nor touch
  users, settings or other parts of the tree.
- *Relecteurs* review: they approve the workflow's task, which publishes, and may publish
  pages of the curricula themselves.
- *Administrateurs* run the platform: the whole page tree, users, settings, workflows.

:func:`roles_sync` works on a migration's historical app registry as well as on the live
one, so it uses ``apps.get_model`` only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps as global_apps

LEARNERS = "Apprenants"
TRAINERS = "Formateurs"
REVIEWERS = "Relecteurs"
ADMINISTRATORS = "Administrateurs"
WORKFLOW_NAME = "Relecture pédagogique"
REVIEW_TASK_NAME = "Relecture pédagogique par un relecteur"

# Wagtail's own starter groups and workflow, replaced by the roles above.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

AUTHORING_COLLECTION_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
PROMOTION_VIEW_PERMISSIONS = (
    "people.view_promotion",
    "people.view_learnerprofile",
    "enrolment.view_enrolment",
    "enrolment.view_modulesettings",
)
# Trainers upload SCORM packages (and new versions) and follow learners' attempts.
SCORM_TRAINER_PERMISSIONS = (
    "scorm.add_scormpackage",
    "scorm.change_scormpackage",
    "scorm.view_scormpackage",
    "scorm.view_scormpackageversion",
    "scorm.view_scormattempt",
)
# Administrators issue, revoke and list certificates and manage their templates (templates
# are deactivated, never deleted: issued certificates keep their versions).
CERTIFICATE_ADMINISTRATOR_PERMISSIONS = (
    "certificates.add_certificate",
    "certificates.change_certificate",
    "certificates.view_certificate",
    "certificates.add_certificatetemplate",
    "certificates.change_certificatetemplate",
    "certificates.view_certificatetemplate",
)
# Trainers form binômes in the promotions they follow, comment on and complete projects
# (the binôme pages check the promotion too); administrators also define evaluation grids
# and which modules require a completed binôme project.
BINOME_TRAINER_PERMISSIONS = (
    "binomes.add_binome",
    "binomes.change_binome",
    "binomes.view_binome",
    "binomes.view_project",
    "binomes.add_comment",
    "binomes.view_evaluation",
)
BINOME_ADMINISTRATOR_PERMISSIONS = (
    *BINOME_TRAINER_PERMISSIONS,
    "binomes.delete_binome",
    "binomes.add_evaluationcriterion",
    "binomes.change_evaluationcriterion",
    "binomes.delete_evaluationcriterion",
    "binomes.view_evaluationcriterion",
    "binomes.add_modulebinomerequirement",
    "binomes.delete_modulebinomerequirement",
    "binomes.view_modulebinomerequirement",
)
MIRROR_PERMISSIONS = (
    "curriculum.add_mirrorpair",
    "curriculum.change_mirrorpair",
    "curriculum.delete_mirrorpair",
    "curriculum.view_mirrorpair",
)


@dataclass(frozen=True)
class Role:
    """A group and what it may do.

    ``page_permissions`` maps an anchor (``"curricula"``: the curricula index page;
    ``"root"``: the whole tree) to Wagtail page permission codenames.
    """

    name: str
    model_permissions: tuple[str, ...] = ()
    page_permissions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    collection_permissions: tuple[str, ...] = ()


ROLES: tuple[Role, ...] = (
    Role(name=LEARNERS),
    Role(
        name=TRAINERS,
        model_permissions=(
            "wagtailadmin.access_admin",
            *MIRROR_PERMISSIONS,
            *PROMOTION_VIEW_PERMISSIONS,
            *SCORM_TRAINER_PERMISSIONS,
            *BINOME_TRAINER_PERMISSIONS,
        ),
        page_permissions={"curricula": ("add_page", "change_page")},
        collection_permissions=AUTHORING_COLLECTION_PERMISSIONS,
    ),
    Role(
        name=REVIEWERS,
        model_permissions=(
            "wagtailadmin.access_admin",
            *MIRROR_PERMISSIONS,
            *SCORM_TRAINER_PERMISSIONS,
        ),
        page_permissions={
            "curricula": ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
        },
        collection_permissions=AUTHORING_COLLECTION_PERMISSIONS,
    ),
    Role(
        name=ADMINISTRATORS,
        model_permissions=(
            "wagtailadmin.access_admin",
            *MIRROR_PERMISSIONS,
            "accounts.add_user",
            "accounts.change_user",
            "accounts.delete_user",
            "accounts.view_user",
            "portal.change_platformsettings",
            "people.add_promotion",
            "people.change_promotion",
            "people.delete_promotion",
            "people.view_promotion",
            "people.change_learnerprofile",
            "people.view_learnerprofile",
            "enrolment.add_enrolment",
            "enrolment.change_enrolment",
            "enrolment.view_enrolment",
            "enrolment.add_modulesettings",
            "enrolment.change_modulesettings",
            "enrolment.delete_modulesettings",
            "enrolment.view_modulesettings",
            "audit.view_auditentry",
            "notifications.add_emailtemplate",
            "notifications.change_emailtemplate",
            "notifications.delete_emailtemplate",
            "notifications.view_emailtemplate",
            "imports.add_importbatch",
            "jobs.view_job",
            *SCORM_TRAINER_PERMISSIONS,
            "scorm.delete_scormpackage",
            "scorm.change_scormregistration",
            *CERTIFICATE_ADMINISTRATOR_PERMISSIONS,
            *BINOME_ADMINISTRATOR_PERMISSIONS,
            "wagtailcore.add_workflow",
            "wagtailcore.change_workflow",
            "wagtailcore.delete_workflow",
            "wagtailcore.add_task",
            "wagtailcore.change_task",
            "wagtailcore.delete_task",
            "wagtailcore.add_collection",
            "wagtailcore.change_collection",
            "wagtailcore.delete_collection",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
        ),
        page_permissions={
            "root": (
                "add_page",
                "change_page",
                "publish_page",
                "bulk_delete_page",
                "lock_page",
                "unlock_page",
            )
        },
        collection_permissions=(
            *AUTHORING_COLLECTION_PERMISSIONS,
            "wagtailimages.delete_image",
            "wagtaildocs.delete_document",
        ),
    ),
)


def _permission(apps, dotted: str):
    """Get or create the permission ``app_label.codename`` (migrations run before
    ``post_migrate`` creates permissions, so they may not exist yet)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".", 1)
    # Model names have no underscore: "bulk_delete_page" → page, "access_admin" → admin.
    model = codename.rsplit("_", 1)[1]
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return permission


def _anchor_pages(apps) -> dict[str, object | None]:
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    index_type = ContentType.objects.filter(
        app_label="curriculum", model="curriculumindexpage"
    ).first()
    return {
        "root": Page.objects.filter(depth=1).first(),
        "curricula": (
            Page.objects.filter(content_type=index_type).order_by("path").first()
            if index_type
            else None
        ),
    }


def roles_sync(apps=global_apps) -> None:
    """Create or update the groups, their permissions and the review workflow (idempotent)."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")

    anchors = _anchor_pages(apps)
    root_collection = Collection.objects.filter(depth=1).first()
    groups = {}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        groups[role.name] = group
        group.permissions.set([_permission(apps, p) for p in role.model_permissions])

        GroupPagePermission.objects.filter(group=group).delete()
        for anchor, codenames in role.page_permissions.items():
            page = anchors.get(anchor)
            if page is None:
                continue
            for codename in codenames:
                GroupPagePermission.objects.create(
                    group=group, page=page, permission=_permission(apps, f"wagtailcore.{codename}")
                )

        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_collection is not None:
            for dotted in role.collection_permissions:
                GroupCollectionPermission.objects.create(
                    group=group, collection=root_collection, permission=_permission(apps, dotted)
                )

    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()
    _workflow_sync(apps, reviewers=groups[REVIEWERS], curricula=anchors["curricula"])


def _workflow_sync(apps, *, reviewers, curricula) -> None:
    """« Relecture pédagogique »: one group approval task for Relecteurs, on the curricula."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    default = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).first()
    if default is not None:
        WorkflowPage.objects.filter(workflow=default).delete()
        Workflow.objects.filter(pk=default.pk).update(active=False)

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=REVIEW_TASK_NAME, content_type=task_type, active=True
        )
    task.groups.set([reviewers])

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        Workflow.objects.filter(pk=workflow.pk).update(active=True)
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if curricula is not None:
        WorkflowPage.objects.update_or_create(page=curricula, defaults={"workflow": workflow})
