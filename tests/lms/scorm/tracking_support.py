"""Builders of the tracking tests: a module with a SCORM lesson on a package whose items
are written directly (the importer has its own tests), an enrolled learner, commit bodies
as scorm-again 3.4.3 sends them, and a client on the site origin posting them."""

from __future__ import annotations

import json
import uuid
from types import SimpleNamespace

from django.test import Client
from django.urls import reverse

from lms.enrolment.services import enrolment_create
from lms.scorm.models import ScormItem, ScormPackage, ScormPackageVersion
from lms.scorm.pages import ScormLessonPage
from lms.scorm.tokens import attempt_token_make
from tests.factories import ModulePageFactory

CONTENT_ORIGIN = "http://localhost"
SITE_HOST = "127.0.0.1"


def version_make(package=None, *, scorm_version="2004 4th", number=None, scos=("sco-1",), **item):
    """A package version (no files) whose organization holds ``scos`` in tree order."""
    package = package or ScormPackage.objects.create(title="Paquet de test")
    number = number or (package.versions.count() + 1)
    version = ScormPackageVersion.objects.create(
        package=package,
        number=number,
        scorm_version=scorm_version,
        title=package.title,
        storage_prefix=f"scorm/test/{uuid.uuid4().hex}/",
        archive_sha256="0" * 64,
        archive_bytes=1,
        file_count=1,
        uncompressed_bytes=1,
        manifest={"organization_identifier": "org", "organization_title": package.title},
    )
    for position, identifier in enumerate(scos):
        ScormItem.objects.create(
            version=version,
            identifier=identifier,
            title=f"Activité {identifier}",
            position=position,
            kind=ScormItem.Kind.SCO,
            href=f"{identifier}/index.html",
            **item,
        )
    return version


def lesson_make(module, package, *, title="Leçon SCORM") -> ScormLessonPage:
    lesson = ScormLessonPage(title=title, package=package)
    module.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def course_make(parent, *, scorm_version="2004 4th", scos=("sco-1",), **item):
    """A module with one SCORM lesson on a fresh package."""
    version = version_make(scorm_version=scorm_version, scos=scos, **item)
    module = ModulePageFactory(parent=parent)
    lesson = lesson_make(module, version.package)
    return SimpleNamespace(module=module, lesson=lesson, version=version, package=version.package)


def enrol(learner, module):
    enrolment_create(learner=learner, module=module)
    return learner


def body_2004(sequence=None, *, session=None, attempt=None, terminate=False, **cmi):
    """A SCORM 2004 commit (``renderCommonCommitFields`` on), ``cmi`` values as given."""
    body = {
        "completionStatus": "unknown",
        "successStatus": "unknown",
        "totalTimeSeconds": 0,
        "runtimeData": {"cmi": cmi},
    }
    if sequence is not None:
        body["commitSequence"] = sequence
    if session is not None:
        body["scoId"] = f"attempt-{attempt.pk}-session-{session}"
    if terminate:
        body["terminateCommit"] = True
    return body


def body_12(sequence=None, *, session=None, attempt=None, terminate=False, core=None, **cmi):
    """A SCORM 1.2 commit as scorm-again renders it by default: ``{"cmi": {"core": ...}}``."""
    body = {"cmi": {"core": core or {}, **cmi}}
    if sequence is not None:
        body["commitSequence"] = sequence
    if session is not None:
        body["scoId"] = f"attempt-{attempt.pk}-session-{session}"
    if terminate:
        body["terminateCommit"] = True
    return body


def interactions(count, *, start=0, result="correct"):
    """``count`` SCORM 2004 interactions with distinct ids, keyed by index as scorm-again
    renders arrays."""
    return {
        str(n): {
            "id": f"q{start + n}",
            "type": "choice",
            "objectives": {},
            "timestamp": "2026-01-05T09:00:00",
            "weighting": "1",
            "learner_response": "a",
            "result": result,
            "latency": "PT5S",
            "description": f"Question {start + n}",
            "correct_responses": {"0": {"pattern": "a"}},
        }
        for n in range(count)
    }


def commit_url(attempt) -> str:
    return reverse("scorm:commit", args=[attempt_token_make(attempt.pk)])


def post_commit(
    client: Client, attempt, body, *, content_type="application/json", origin=None, url=None
):
    """POST a commit on the site origin with the content origin's ``Origin`` header."""
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(
        url or commit_url(attempt),
        data=data,
        content_type=content_type,
        HTTP_HOST=SITE_HOST,
        HTTP_ORIGIN=CONTENT_ORIGIN if origin is None else origin,
    )
