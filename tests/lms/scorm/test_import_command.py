"""``manage.py import_scorm``: the JSON contract on stdout, human text on stderr, the exit
status, and real imports."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lms.scorm.models import ScormItem, ScormPackage, ScormPackageVersion
from tests.lms.scorm.zips import sample_path, stored_files, use_memory_storage

pytestmark = pytest.mark.django_db


@pytest.fixture
def storage(settings):
    return use_memory_storage(settings)


def run(*args) -> tuple[list, str, int]:
    stdout, stderr = StringIO(), StringIO()
    status = 0
    try:
        call_command("import_scorm", *args, stdout=stdout, stderr=stderr)
    except CommandError as error:
        status = error.returncode
        stderr.write(str(error))
    text = stdout.getvalue()
    return (json.loads(text) if text.strip() else None), stderr.getvalue(), status, text


def test_json_for_good_and_refused_packages(storage):
    result, stderr, status, raw = run(
        str(sample_path("03")), str(sample_path("28")), str(sample_path("14")), "--json"
    )
    assert status == 1
    # Exactly one JSON array on stdout, nothing else.
    assert raw.strip().startswith("[") and raw.count("\n") <= 1
    assert isinstance(result, list) and len(result) == 3
    golf, missing, sequencing = result
    assert set(golf) == {"ok", "version", "title", "items", "scos", "assets", "launchable"}
    assert golf["ok"] is True
    assert golf["version"] == "1.2"
    assert golf["title"] == "Golf Explained - Minimum Run-time Calls"
    assert (golf["items"], golf["scos"], golf["assets"]) == (22, 18, 0)
    assert len(golf["launchable"]) == 18
    assert golf["launchable"][0] == {"title": "How to Play", "href": "Playing/Playing.html"}
    assert {
        "title": "Playing Golf Quiz",
        "href": "shared/assessmenttemplate.html?questions=Playing",
    } in golf["launchable"]
    assert missing == {
        "ok": False,
        "error": {"code": "archive_no_manifest", "message": missing["error"]["message"]},
    }
    assert "imsmanifest.xml" in missing["error"]["message"]
    assert sequencing["version"] == "2004 3rd"
    assert (sequencing["items"], sequencing["scos"], sequencing["assets"]) == (5, 5, 0)
    assert sequencing["launchable"][1]["href"] == "shared/launchpage.html?content=etiquette"
    assert "Traceback" not in stderr
    assert "28-moodle-invalid-nomanifest.zip" in stderr
    # It really imported the two good ones.
    assert ScormPackage.objects.count() == 2
    assert ScormItem.objects.count() == 27
    assert stored_files(storage)


def test_every_sample_in_json(storage):
    paths = sorted(str(path) for path in sample_path("01").parent.glob("*.zip"))
    result, _stderr, status, _raw = run(*paths, "--json")
    summary = {
        Path(path).name[:2]: (
            item["version"],
            item["items"],
            item["scos"],
            item["assets"],
            len(item["launchable"]),
        )
        if item["ok"]
        else item["error"]["code"]
        for path, item in zip(paths, result, strict=True)
    }
    assert summary == {
        "01": ("1.2", 1, 1, 0, 1),
        "03": ("1.2", 22, 18, 0, 18),
        "06": ("1.2", 4, 4, 0, 4),
        "09": ("2004 2nd", 1, 1, 0, 1),
        "10": ("2004 3rd", 1, 1, 0, 1),
        "12": ("2004 3rd", 1, 1, 0, 1),
        "14": ("2004 3rd", 5, 5, 0, 5),
        "28": "archive_no_manifest",
        "32": "manifest_malformed",
    }
    assert status == 1


def test_all_good_exits_zero_and_package_id_adds_versions(storage):
    result, stderr, status, _raw = run(str(sample_path("01")), "--json")
    assert status == 0 and result[0]["ok"]
    package = ScormPackage.objects.get()
    result, _stderr, status, _raw = run(
        str(sample_path("10")), str(sample_path("09")), "--json", "--package-id", str(package.pk)
    )
    assert status == 0
    assert list(package.versions.order_by("number").values_list("number", "scorm_version")) == [
        (1, "1.2"),
        (2, "2004 3rd"),
        (3, "2004 2nd"),
    ]
    assert ScormPackage.objects.count() == 1


def test_unknown_package_and_missing_file(storage, tmp_path):
    result, _stderr, status, _raw = run(str(sample_path("01")), "--json", "--package-id", "999")
    assert status == 1
    assert result == [{"ok": False, "error": result[0]["error"]}]
    assert result[0]["error"]["code"] == "package_not_found"
    result, _stderr, status, _raw = run(str(tmp_path / "absent.zip"), "--json")
    assert status == 1
    assert result[0]["error"]["code"] == "file_unreadable"
    assert ScormPackageVersion.objects.count() == 0


def test_without_json_stdout_is_empty(storage):
    result, stderr, status, raw = run(str(sample_path("06")))
    assert raw == "" and status == 0
    assert "Prerequisites Test Course" in stderr
