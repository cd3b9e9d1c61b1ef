"""Builders for the sequencing tests: package versions, item trees, lessons and attempts.

Rows are written directly (the importer and tracking services have their own tests), so each
test states exactly the manifest data and learner history it evaluates.
"""

from __future__ import annotations

import uuid

from django.utils import timezone

from lms.scorm.models import (
    ScormAttempt,
    ScormItem,
    ScormPackage,
    ScormPackageVersion,
    ScormRegistration,
)
from lms.scorm.pages import ScormLessonPage


def version_make(*, scorm_version: str = "2004 3rd", organization_sequencing=None, title="Paquet"):
    """A package with one version (no files) whose organization has this sequencing."""
    package = ScormPackage.objects.create(title=title)
    manifest = {"organization_identifier": "org", "organization_title": title}
    if organization_sequencing is not None:
        manifest["organization_sequencing"] = organization_sequencing
    return ScormPackageVersion.objects.create(
        package=package,
        number=1,
        scorm_version=scorm_version,
        title=title,
        storage_prefix=f"scorm/test/{uuid.uuid4().hex}/",
        archive_sha256="0" * 64,
        archive_bytes=1,
        file_count=1,
        uncompressed_bytes=1,
        manifest=manifest,
    )


def item_make(version, identifier: str, *, parent: ScormItem | None = None, **fields):
    """Append an item to the version's tree (a SCO with a launch path unless told)."""
    fields.setdefault("title", identifier.replace("_", " ").capitalize())
    fields.setdefault("kind", ScormItem.Kind.SCO)
    if fields["kind"] != ScormItem.Kind.CLUSTER:
        fields.setdefault("href", f"{identifier}.html")
    return ScormItem.objects.create(
        version=version,
        identifier=identifier,
        parent=parent,
        position=version.items.count(),
        depth=parent.depth + 1 if parent else 0,
        **fields,
    )


def cluster_make(version, identifier: str, *, parent=None, **fields):
    return item_make(version, identifier, parent=parent, kind=ScormItem.Kind.CLUSTER, **fields)


def lesson_make(module, package, *, title="Leçon SCORM"):
    lesson = ScormLessonPage(title=title, package=package)
    module.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def attempt_make(
    *,
    learner,
    lesson,
    item: ScormItem,
    completion: str = "incomplete",
    success: str = "unknown",
    number: int | None = None,
    ended: bool = False,
    score_scaled=None,
    lesson_status: str = "",
    objectives=None,
):
    """An attempt as tracking would leave it (registration created when missing)."""
    registration, _ = ScormRegistration.objects.get_or_create(learner=learner, lesson=lesson)
    if number is None:
        number = (
            ScormAttempt.objects.filter(
                learner=learner, lesson=lesson, sco_identifier=item.identifier
            ).count()
            + 1
        )
    return ScormAttempt.objects.create(
        registration=registration,
        learner=learner,
        lesson=lesson,
        version=item.version,
        item=item,
        sco_identifier=item.identifier,
        number=number,
        completion_status=completion,
        success_status=success,
        score_scaled=score_scaled,
        lesson_status=lesson_status,
        objectives=objectives or {},
        ended_at=timezone.now() if ended else None,
    )


def global_objectives_set(*, learner, lesson, objectives: dict):
    """Record global objectives on the registration: ``{id: {"satisfied": True, ...}}``."""
    registration, _ = ScormRegistration.objects.get_or_create(learner=learner, lesson=lesson)
    registration.global_objectives.update(objectives)
    registration.save(update_fields=["global_objectives"])
    return registration


def states_by_id(states):
    return {state.identifier: state for state in states}
