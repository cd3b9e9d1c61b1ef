"""The importer on the real sample packages and on built ones: the tree it stores, the
files it saves, and what it refuses (leaving no rows and no files)."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.audit.models import AuditEntry
from lms.scorm.errors import ScormImportError
from lms.scorm.importer import scorm_package_import
from lms.scorm.models import ScormItem, ScormPackage, ScormPackageVersion
from tests.lms.scorm.zips import (
    Entry,
    Item,
    build_zip,
    many_entries_zip,
    minimal_manifest_12,
    minimal_manifest_2004,
    minimal_package_12,
    patch_declared_size,
    sample_path,
    stored_files,
    use_memory_storage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def storage(settings):
    return use_memory_storage(settings)


def import_bytes(data: bytes, name: str = "paquet.zip", **kwargs) -> ScormPackageVersion:
    return scorm_package_import(upload=io.BytesIO(data), filename=name, **kwargs)


def import_sample(number: str, **kwargs) -> ScormPackageVersion:
    path = sample_path(number)
    with path.open("rb") as upload:
        return scorm_package_import(upload=upload, filename=path.name, **kwargs)


def assert_nothing_stored(storage) -> None:
    assert ScormPackage.objects.count() == 0
    assert ScormPackageVersion.objects.count() == 0
    assert ScormItem.objects.count() == 0
    assert stored_files(storage) == []


def refused(data: bytes, storage, **kwargs) -> ScormImportError:
    with pytest.raises(ScormImportError) as caught:
        import_bytes(data, **kwargs)
    assert_nothing_stored(storage)
    assert caught.value.message
    return caught.value


def tree(version) -> list[tuple]:
    return [
        (
            item.depth,
            item.kind,
            item.title,
            item.href,
            item.parent.identifier if item.parent else None,
        )
        for item in version.items.order_by("position").select_related("parent")
    ]


# The sample packages ----------------------------------------------------------------------


def test_01_single_sco_12(storage):
    version = import_sample("01")

    assert version.scorm_version == "1.2"
    assert version.title == "Golf Explained - Run-time Basic Calls"
    assert version.package.title == "Golf Explained - Run-time Basic Calls"
    assert version.number == 1
    assert tree(version) == [(0, "sco", "Golf Explained", "shared/launchpage.html", None)]
    item = version.items.get()
    assert item.mastery_score is None
    with zipfile.ZipFile(sample_path("01")) as archive:
        assert len(archive.infolist()) == 51  # 46 files and 5 folders
        files_in_zip = [info.filename for info in archive.infolist() if not info.is_dir()]
    assert version.file_count == len(files_in_zip) == 46
    assert version.uncompressed_bytes == 494_822
    assert version.archive_bytes == sample_path("01").stat().st_size
    assert len(version.archive_sha256) == 64
    files = stored_files(storage)
    assert files == sorted(version.storage_prefix + name for name in files_in_zip)
    assert f"{version.storage_prefix}shared/launchpage.html" in files
    assert storage.open(f"{version.storage_prefix}shared/launchpage.html").read().startswith(b"<")


def test_03_multi_sco_tree_with_parameters(storage):
    version = import_sample("03")

    assert version.scorm_version == "1.2"
    assert version.title == "Golf Explained - Minimum Run-time Calls"
    items = list(version.items.order_by("position"))
    assert len(items) == 22
    assert [item.position for item in items] == list(range(22))
    clusters = [item for item in items if item.kind == "cluster"]
    scos = [item for item in items if item.kind == "sco"]
    assert len(clusters) == 4 and len(scos) == 18
    assert all(not item.href and item.depth == 0 and item.parent is None for item in clusters)
    assert all(item.href and item.depth == 1 and item.parent.kind == "cluster" for item in scos)
    hrefs = [item.href for item in scos]
    assert hrefs[:6] == [
        "Playing/Playing.html",
        "Playing/Par.html",
        "Playing/Scoring.html",
        "Playing/OtherScoring.html",
        "Playing/RulesOfGolf.html",
        "shared/assessmenttemplate.html?questions=Playing",
    ]
    assert "shared/assessmenttemplate.html?questions=Etiquette" in hrefs
    assert "shared/assessmenttemplate.html?questions=Handicapping" in hrefs
    assert version.manifest["resources"] == 19
    assert version.manifest["dependencies"] == 18
    playing = version.items.get(identifier="playing_item")
    assert [child.title for child in playing.children.order_by("position")] == [
        "How to Play",
        "Par?",
        "Keeping Score",
        "Other Scoring Systems",
        "The Rules of Golf",
        "Playing Golf Quiz",
    ]


def test_06_mastery_and_prerequisites_12(storage):
    version = import_sample("06")

    assert version.title == "Prerequisites Test Course"
    items = {item.identifier: item for item in version.items.all()}
    assert [items[name].href for name in ("module1", "module2", "module3", "module4")] == [
        "module1.html",
        "module2.html",
        "module3.html",
        "module4.html",
    ]
    assert items["module1"].mastery_score == Decimal("80")
    assert items["module1"].max_time_allowed == "02:30:00"
    assert items["module1"].prerequisites == ""
    assert items["module2"].prerequisites == "module1"
    assert items["module2"].data_from_lms == "custom_data_for_module2"
    assert items["module3"].prerequisites == "module1 AND module2"
    assert items["module3"].time_limit_action == "exit,message"
    assert items["module4"].mastery_score == Decimal("90")
    assert items["module4"].prerequisites == "(module1 AND module2) OR module3"
    assert all(item.kind == "sco" for item in items.values())


def test_09_cam_13_is_2004_2nd(storage):
    version = import_sample("09")

    assert version.scorm_version == "2004 2nd"
    assert version.manifest["schemaversion"] == "CAM 1.3"
    assert version.title == "Golf Explained - CP Single SCO"
    assert [item.href for item in version.items.all()] == ["shared/launchpage.html"]


def test_10_2004_3rd_basic_sequencing(storage):
    version = import_sample("10")

    assert version.scorm_version == "2004 3rd"
    assert version.title == "Golf Explained - Run-time Basic Calls"
    item = version.items.get()
    assert item.href == "shared/launchpage.html"
    assert item.completion_threshold is None
    assert item.scaled_passing_score is None
    assert item.sequencing["delivery_controls"] == {
        "completion_set_by_content": True,
        "objective_set_by_content": True,
    }
    assert version.manifest["organization_sequencing"]["control_mode"] == {
        "choice": True,
        "flow": True,
    }


def test_12_scaled_passing_score_and_objectives(storage):
    version = import_sample("12")

    assert version.title == "Golf Explained - Run-time Advanced Calls"
    item = version.items.get()
    assert item.scaled_passing_score == Decimal("0.8")
    primary = [objective for objective in item.objectives if objective["primary"]]
    assert len(primary) == 1
    assert primary[0]["satisfied_by_measure"] is True
    assert primary[0]["min_normalized_measure"] == 0.8
    others = [objective["id"] for objective in item.objectives if not objective["primary"]]
    assert len(others) == 4
    assert "obj_etiquette" in others


def test_14_sequencing_collection_and_global_objectives(storage):
    version = import_sample("14")

    assert version.scorm_version == "2004 3rd"
    assert version.title == "Golf Explained - Sequencing Forced Order"
    items = list(version.items.order_by("position"))
    assert [item.href for item in items] == [
        "shared/launchpage.html?content=playing",
        "shared/launchpage.html?content=etiquette",
        "shared/launchpage.html?content=handicapping",
        "shared/launchpage.html?content=havingfun",
        "shared/launchpage.html?content=assessment",
    ]
    assert all(item.kind == "sco" for item in items)
    first, second = items[0], items[1]
    # From the collection (IDRef="common_seq_rules"): delivery controls and rollup.
    for item in items:
        assert item.sequencing["delivery_controls"] == {
            "completion_set_by_content": True,
            "objective_set_by_content": True,
        }
        assert item.sequencing["rollup"] == {"objective_measure_weight": 0.0}
    assert "pre_condition_rules" not in first.sequencing
    assert second.sequencing["pre_condition_rules"] == [
        {
            "action": "disabled",
            "condition_combination": "any",
            "conditions": [
                {
                    "condition": "satisfied",
                    "operator": "not",
                    "referenced_objective": "previous_sco_satisfied",
                    "measure_threshold": None,
                },
                {
                    "condition": "objectiveStatusKnown",
                    "operator": "not",
                    "referenced_objective": "previous_sco_satisfied",
                    "measure_threshold": None,
                },
            ],
        }
    ]
    prefix = "com.scorm.golfsamples.sequencing.forcedsequential."
    assert first.objectives == [
        {
            "id": "playing_satisfied",
            "primary": True,
            "satisfied_by_measure": False,
            "min_normalized_measure": None,
            "map_info": [
                {
                    "target": prefix + "playing_satisfied",
                    "read_satisfied": True,
                    "read_measure": True,
                    "write_satisfied": True,
                    "write_measure": False,
                }
            ],
        }
    ]
    previous = next(o for o in second.objectives if o["id"] == "previous_sco_satisfied")
    assert previous["map_info"][0]["target"] == prefix + "playing_satisfied"
    assert previous["map_info"][0]["write_satisfied"] is False
    assert items[4].objectives[0] == {
        "id": "assessment_satisfied",
        "primary": True,
        "satisfied_by_measure": False,
        "min_normalized_measure": None,
        "map_info": [],
    }
    assert version.manifest["resources"] == 6
    assert version.manifest["dependencies"] == 5
    assert version.manifest["organization_sequencing"] == {
        "control_mode": {"choice": True, "flow": True}
    }


def test_28_no_manifest_is_refused(storage):
    with pytest.raises(ScormImportError) as caught:
        import_sample("28")
    assert caught.value.code == "archive_no_manifest"
    assert "imsmanifest.xml" in caught.value.message
    assert_nothing_stored(storage)


def test_32_malformed_xml_is_refused_with_the_parser_line(storage):
    with pytest.raises(ScormImportError) as caught:
        import_sample("32")
    assert caught.value.code == "manifest_malformed"
    assert "27" in caught.value.message
    assert "mismatched tag" in caught.value.message
    assert_nothing_stored(storage)


# Versions, audit, uploads -----------------------------------------------------------------


def test_new_version_keeps_the_previous_one(storage, trainer):
    first = import_sample("01", user=trainer, title="Golf")
    second = import_sample("10", user=trainer, package=first.package)

    assert first.package.title == "Golf"
    assert second.package == first.package
    assert (first.number, second.number) == (1, 2)
    assert first.package.current_version == second
    assert first.storage_prefix != second.storage_prefix
    assert ScormItem.objects.filter(version=first).count() == 1
    assert second.uploaded_by == trainer
    entry = AuditEntry.objects.filter(action="scorm.package_imported").first()
    assert entry.actor == trainer
    assert entry.object_id == str(second.pk)


def test_uploaded_file_and_unseekable_stream(storage):
    data = minimal_package_12()
    upload = SimpleUploadedFile("cours.zip", data, content_type="application/zip")
    version = scorm_package_import(upload=upload, filename=upload.name)
    assert version.original_filename == "cours.zip"

    class Stream(io.RawIOBase):
        def __init__(self, payload):
            self._inner = io.BytesIO(payload)

        def readable(self):
            return True

        def seekable(self):
            return False

        def readinto(self, buffer):
            chunk = self._inner.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    version = scorm_package_import(upload=io.BufferedReader(Stream(data)), filename="b.zip")
    assert version.archive_bytes == len(data)
    assert version.items.get().href == "index.html"


def test_rows_and_files_go_when_the_transaction_fails(storage, monkeypatch):
    import lms.scorm.importer as importer

    def broken(version, manifest):
        raise RuntimeError("database gone")

    monkeypatch.setattr(importer, "_items_create", broken)
    with pytest.raises(RuntimeError):
        import_bytes(minimal_package_12())
    assert_nothing_stored(storage)


@pytest.mark.django_db(transaction=True)
def test_files_go_when_the_commit_fails(storage, monkeypatch):
    """A failure at COMMIT (deferred constraint, lost connection) still leaves no files."""
    from django.db import DatabaseError, connection

    wrapper_class = type(connection._connections[connection._alias])
    real_commit = wrapper_class.commit
    failures = []

    def failing_commit(self):
        if not failures:
            failures.append(1)
            raise DatabaseError("could not commit")
        return real_commit(self)

    monkeypatch.setattr(wrapper_class, "commit", failing_commit)
    with pytest.raises(DatabaseError):
        import_bytes(minimal_package_12())
    assert failures
    assert_nothing_stored(storage)


def test_empty_and_oversized_uploads(storage, settings):
    assert refused(b"", storage).code == "upload_empty"
    settings.LMS_SCORM_MAX_UPLOAD_BYTES = 100
    assert refused(minimal_package_12(), storage).code == "upload_too_large"


def test_not_a_zip(storage):
    error = refused(b"%PDF-1.4 not a zip at all" * 10, storage)
    assert error.code == "archive_not_zip"


# Hostile archives -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../evil.html",
        "a/../../evil.html",
        "/etc/evil.html",
        "C:/evil.html",
        "c:evil.html",
        "a\\..\\..\\evil.html",
        "..\\evil.html",
        "bad\x1bname.html",
    ],
)
def test_unsafe_paths_are_refused(storage, name):
    data = build_zip({"imsmanifest.xml": minimal_manifest_12(), "index.html": "ok", name: "pwned"})
    assert refused(data, storage).code == "archive_unsafe_path"


def test_symlink_entry_is_refused(storage):
    data = build_zip(
        {
            "imsmanifest.xml": minimal_manifest_12(),
            "index.html": "ok",
            "link": Entry("/etc/passwd", symlink=True),
        }
    )
    assert refused(data, storage).code == "archive_symlink"


def test_zip_bomb_by_declared_ratio(storage):
    data = build_zip(
        {
            "imsmanifest.xml": minimal_manifest_12(),
            "index.html": "ok",
            "zeros.bin": b"\0" * (20 * 1024 * 1024),
        }
    )
    assert refused(data, storage).code == "archive_compression_ratio"


def test_zip_bomb_with_a_lying_header(storage):
    """The headers say 1,000 bytes (ratio < 1): only inflating tells the truth."""
    data = build_zip(
        {
            "imsmanifest.xml": minimal_manifest_12(),
            "index.html": "ok",
            "zeros.bin": b"\0" * (20 * 1024 * 1024),
        }
    )
    lying = patch_declared_size(data, "zeros.bin", 1000)
    info = zipfile.ZipFile(io.BytesIO(lying)).getinfo("zeros.bin")
    assert info.file_size == 1000 and info.compress_size > 1000
    error = refused(lying, storage)
    assert error.code in {"archive_size_mismatch", "archive_corrupt"}


def test_header_declaring_more_than_the_data(storage):
    data = build_zip(
        {
            "imsmanifest.xml": minimal_manifest_12(),
            "index.html": "ok",
            "a.txt": bytes(range(256)) * 20,
        }
    )
    lying = patch_declared_size(data, "a.txt", 6000)  # 5,120 in fact
    assert refused(lying, storage).code in {"archive_size_mismatch", "archive_corrupt"}


def test_total_uncompressed_limit(storage, settings):
    settings.LMS_SCORM_MAX_UNCOMPRESSED_BYTES = 10_000
    data = build_zip(
        {
            "imsmanifest.xml": minimal_manifest_12(),
            "index.html": "ok",
            "big.bin": bytes(range(256)) * 50,
        }
    )
    assert refused(data, storage).code == "archive_too_large_uncompressed"


def test_sixty_thousand_entries_refused_fast(storage):
    import time

    data = many_entries_zip(60_000)
    start = time.perf_counter()
    error = refused(data, storage)
    assert error.code == "archive_too_many_entries"
    assert time.perf_counter() - start < 1.0
    assert "10000" in error.message.replace("\u202f", "").replace(",", "").replace(" ", "")


def test_too_many_entries_setting(storage, settings):
    settings.LMS_SCORM_MAX_ENTRIES = 5
    assert refused(many_entries_zip(4), storage).code == "archive_too_many_entries"
    settings.LMS_SCORM_MAX_ENTRIES = 6
    assert import_bytes(many_entries_zip(4)).file_count == 6


def test_dtd_and_entities_are_refused(storage):
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE manifest [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    manifest = minimal_manifest_12(title="&b;", prolog=bomb)
    assert refused(minimal_package_12(manifest), storage).code == "manifest_dtd"
    external = '<?xml version="1.0"?>\n<!DOCTYPE manifest SYSTEM "http://example.com/x.dtd">'
    manifest = minimal_manifest_12(prolog=external)
    assert refused(minimal_package_12(manifest), storage).code == "manifest_dtd"


def test_missing_launch_file(storage):
    manifest = minimal_manifest_12(items=[Item("i1", "Un", href="absent/page.html")])
    error = refused(minimal_package_12(manifest), storage)
    assert error.code == "manifest_missing_launch_file"
    assert "absent/page.html" in error.message


def test_item_pointing_at_a_missing_resource(storage):
    manifest = minimal_manifest_12(
        items=[
            Item("i1", "Un", href="index.html"),
            Item("i2", "Deux", resource="res_nowhere"),
        ]
    )
    error = refused(minimal_package_12(manifest), storage)
    assert error.code == "manifest_missing_resource"
    assert "res_nowhere" in error.message


def test_manifest_in_a_subfolder(storage):
    data = build_zip({"cours/imsmanifest.xml": minimal_manifest_12(), "cours/index.html": "ok"})
    error = refused(data, storage)
    assert error.code == "archive_manifest_in_subfolder"
    assert "« cours »" in error.message


def test_href_leaving_the_package(storage):
    manifest = minimal_manifest_12(items=[Item("i1", "Un", href="../../etc/passwd")])
    assert refused(minimal_package_12(manifest), storage).code == "manifest_href_outside"


def test_duplicate_item_identifiers(storage):
    manifest = minimal_manifest_12(
        items=[Item("i1", "Un", href="index.html"), Item("i1", "Deux", resource="res_i1")]
    )
    assert refused(minimal_package_12(manifest), storage).code == "manifest_invalid"


def test_missing_sequencing_idref(storage):
    manifest = minimal_manifest_2004(
        items=[Item("i1", "Un", href="index.html", extra='<imsss:sequencing IDRef="nowhere"/>')]
    )
    data = build_zip({"imsmanifest.xml": manifest, "index.html": "ok"})
    assert refused(data, storage).code == "manifest_sequencing_idref"


# Odd but valid packages -------------------------------------------------------------------


def test_plain_ims_content_package_is_assets_with_a_warning(storage):
    manifest = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="cp" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1">
  <metadata><schema>IMS Content</schema><schemaversion>1.1.4</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>Fiches</title>
    <item identifier="i1" identifierref="r1"><title>Fiche 1</title></item>
  </organization></organizations>
  <resources><resource identifier="r1" type="webcontent" href="fiche.html">
    <file href="fiche.html"/></resource></resources>
</manifest>"""
    version = import_bytes(build_zip({"imsmanifest.xml": manifest, "fiche.html": "ok"}))
    assert version.scorm_version == "ims-cp"
    assert [(item.kind, item.href) for item in version.items.all()] == [("asset", "fiche.html")]
    assert [warning["code"] for warning in version.warnings] == ["ims_cp_assets_only"]


def test_xml_base_resolution_and_parameters(storage):
    extra = """
    <resource identifier="r_base" type="webcontent" adlcp:scormtype="sco"
              xml:base="module/" href="page.html#debut"><file href="page.html"/></resource>
    <resource identifier="r_query" type="webcontent" adlcp:scormtype="SCO"
              href="quiz.html?lang=fr"><file href="quiz.html"/></resource>"""
    manifest = minimal_manifest_12(
        manifest_base="contenu/",
        resources_base="cours/",
        items=[
            Item("i1", "Base", resource="r_base", parameters="?mode=revision"),
            Item("i2", "Requête", resource="r_query", parameters="&niveau=2"),
            Item("i3", "Ancre", resource="r_query", parameters="#partie-2"),
        ],
        extra_resources=extra,
    )
    data = build_zip(
        {
            "imsmanifest.xml": manifest,
            "contenu/cours/module/page.html": "ok",
            "contenu/cours/quiz.html": "ok",
        }
    )
    version = import_bytes(data)
    assert [item.href for item in version.items.order_by("position")] == [
        "contenu/cours/module/page.html?mode=revision#debut",
        "contenu/cours/quiz.html?lang=fr&niveau=2",
        "contenu/cours/quiz.html?lang=fr#partie-2",
    ]
    assert all(item.kind == "sco" for item in version.items.all())


def test_utf8_names_and_titles(storage):
    manifest = minimal_manifest_12(
        title="Égalité femmes–hommes : l’essentiel",
        items=[Item("i1", "Leçon « un » — été", href="leçons/été 2026.html")],
    )
    # The resource href is written percent-encoded in some manifests; both must work.
    manifest = manifest.replace(
        'href="leçons/été 2026.html"/>', 'href="le%C3%A7ons/%C3%A9t%C3%A9%202026.html"/>'
    )
    data = build_zip(
        {
            "imsmanifest.xml": manifest,
            "leçons/été 2026.html": "ok",
            "médias/vidéo.txt": Entry("ok", utf8_flag=False),
        }
    )
    version = import_bytes(data)
    assert version.title == "Égalité femmes–hommes : l’essentiel"
    item = version.items.get()
    assert item.title == "Leçon « un » — été"
    assert item.href == "leçons/été 2026.html"
    files = stored_files(storage)
    assert f"{version.storage_prefix}leçons/été 2026.html" in files
    assert f"{version.storage_prefix}médias/vidéo.txt" in files


def test_hidden_items_and_nested_clusters(storage):
    manifest = minimal_manifest_12(
        items=[
            Item(
                "partie",
                "Partie 1",
                children=(
                    Item("cachee", "Page cachée", href="cachee.html", visible=False),
                    Item(
                        "sous",
                        "Sous-partie",
                        children=(Item("feuille", "Feuille", href="index.html"),),
                    ),
                ),
            ),
        ]
    )
    version = import_bytes(
        build_zip({"imsmanifest.xml": manifest, "index.html": "ok", "cachee.html": "ok"})
    )
    assert tree(version) == [
        (0, "cluster", "Partie 1", "", None),
        (1, "sco", "Page cachée", "cachee.html", "partie"),
        (1, "cluster", "Sous-partie", "", "partie"),
        (2, "sco", "Feuille", "index.html", "sous"),
    ]
    assert version.items.get(identifier="cachee").is_visible is False


def test_macos_entries_are_ignored(storage):
    data = build_zip(
        {
            "imsmanifest.xml": minimal_manifest_12(),
            "index.html": "ok",
            "__MACOSX/._index.html": "resource fork",
            "__MACOSX/sub/._x": "x",
            ".DS_Store": "junk",
            "images/.DS_Store": "junk",
        }
    )
    version = import_bytes(data)
    assert version.file_count == 2
    assert sorted(stored_files(storage)) == sorted(
        f"{version.storage_prefix}{name}" for name in ("imsmanifest.xml", "index.html")
    )
    assert "ignored_entries" in [warning["code"] for warning in version.warnings]


def test_2004_values_and_threshold_forms(storage):
    items = [
        Item(
            "a",
            "A",
            href="index.html",
            extra=(
                '<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.75"/>'
                "<adlcp:dataFromLMS>donnees=1</adlcp:dataFromLMS>"
                '<imsss:sequencing><imsss:limitConditions attemptLimit="2"/>'
                "<imsss:objectives>"
                '<imsss:primaryObjective objectiveID="p" satisfiedByMeasure="true">'
                "<imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure>"
                "</imsss:primaryObjective></imsss:objectives></imsss:sequencing>"
            ),
        ),
        Item(
            "b",
            "B",
            href="index.html",
            extra="<adlcp:completionThreshold>0.5</adlcp:completionThreshold>",
        ),
    ]
    manifest = minimal_manifest_2004(items=items)
    version = import_bytes(build_zip({"imsmanifest.xml": manifest, "index.html": "ok"}))
    assert version.scorm_version == "2004 4th"
    a, b = version.items.order_by("position")
    assert a.completion_threshold == Decimal("0.75")
    assert a.data_from_lms == "donnees=1"
    assert a.scaled_passing_score == Decimal("0.6")
    assert a.sequencing == {
        "limit_conditions": {"attempt_limit": 2, "attempt_absolute_duration_limit": None}
    }
    assert b.completion_threshold == Decimal("0.5")
    assert b.scaled_passing_score is None


def test_version_from_namespaces_when_schemaversion_is_missing(storage):
    version = import_bytes(minimal_package_12(minimal_manifest_12(schemaversion=None)))
    assert version.scorm_version == "1.2"
    manifest = minimal_manifest_2004(schemaversion=None)
    version = import_bytes(build_zip({"imsmanifest.xml": manifest, "index.html": "ok"}))
    assert version.scorm_version == "2004"
