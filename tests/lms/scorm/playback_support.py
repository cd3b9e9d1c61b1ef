"""Helpers of the playback tests: import a sample, put it in a lesson, enrol a learner."""

from __future__ import annotations

import json
import re

from lms.enrolment.services import enrolment_create
from lms.scorm.importer import scorm_package_import
from lms.scorm.pages import ScormLessonPage
from tests.lms.scorm.zips import sample_path

SANDBOX = (
    "allow-scripts allow-same-origin allow-forms allow-popups "
    "allow-popups-to-escape-sandbox allow-downloads allow-modals"
)


def sample_import(name: str, *, user=None):
    """Import the sample package ``name`` (e.g. "01") and return its version."""
    path = sample_path(name)
    with path.open("rb") as upload:
        return scorm_package_import(upload=upload, filename=path.name, user=user)


def scorm_lesson(module, version, *, title="Activité SCORM", **fields) -> ScormLessonPage:
    lesson = ScormLessonPage(title=title, package=version.package, **fields)
    module.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def enrol(learner, module):
    return enrolment_create(learner=learner, module=module)


def json_script(html: str, element_id: str) -> dict:
    match = re.search(
        rf'<script id="{re.escape(element_id)}" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert match, f"no json_script #{element_id}"
    return json.loads(match.group(1))


def frame_src(html: str) -> str:
    match = re.search(r'<iframe id="scorm-frame"[^>]*\ssrc="([^"]+)"', html, re.S)
    assert match, "no player frame"
    return match.group(1).replace("&amp;", "&")
