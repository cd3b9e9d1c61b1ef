"""Archive inspection and extraction without the importer: paths, limits on declared and
inflated bytes, clean-up of saved files."""

from __future__ import annotations

import io
import random
import stat
import warnings
import zipfile

import pytest
from django.core.files.storage import InMemoryStorage

from lms.scorm.archive import (
    ArchiveLimits,
    Extraction,
    archive_extract,
    archive_open,
    is_ignored,
    safe_path,
)
from lms.scorm.errors import ScormImportError
from tests.lms.scorm.zips import (
    Entry,
    build_zip,
    minimal_manifest_12,
    patch_declared_size,
    stored_files,
)

LIMITS = ArchiveLimits(max_entries=100, max_uncompressed_bytes=10 * 1024 * 1024, max_ratio=200)


def package(**files) -> dict:
    return {"imsmanifest.xml": minimal_manifest_12(), "index.html": "ok", **files}


def open_zip(data: bytes, limits: ArchiveLimits = LIMITS):
    return archive_open(io.BytesIO(data), limits=limits)


def code_of(data: bytes, limits: ArchiveLimits = LIMITS) -> str:
    with pytest.raises(ScormImportError) as caught:
        open_zip(data, limits)
    return caught.value.code


@pytest.mark.parametrize(
    "name",
    ["../x", "a/../../x", "/abs", "C:/x", "c:x", "a\\b", "\\\\server\\x", "a/\x07b", ".."],
)
def test_safe_path_refuses(name):
    with pytest.raises(ScormImportError) as caught:
        safe_path(name)
    assert caught.value.code == "archive_unsafe_path"


def test_safe_path_normalises():
    assert safe_path("./a//b/./c.html") == "a/b/c.html"
    assert safe_path("dossier/") == "dossier/"
    assert safe_path("é/ü.html") == "é/ü.html"


def test_ignored_names():
    assert is_ignored("__MACOSX/._a")
    assert is_ignored("img/.DS_Store")
    assert not is_ignored("MACOSX/a")


def test_inspection_lists_files_only():
    archive = open_zip(build_zip(package(**{"css/a.css": "x"}), directories=("css",)))
    assert sorted(archive.entries) == ["css/a.css", "imsmanifest.xml", "index.html"]
    assert archive.directories == {"css"}


def test_unix_modes_regular_or_symlink():
    assert open_zip(build_zip(package(run=Entry("x", mode=stat.S_IFREG | 0o755))))
    assert code_of(build_zip(package(lien=Entry("../../etc", symlink=True)))) == "archive_symlink"


def test_duplicate_names_and_file_folder_clash():
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")
        for name, content in package().items():
            archive.writestr(name, content)
        archive.writestr("index.html", "second copy")
    assert code_of(buffer.getvalue()) == "archive_duplicate_entry"
    clash = build_zip(package(**{"a": "file", "a/b": "file under a file"}))
    assert code_of(clash) == "archive_duplicate_entry"


def test_declared_ratio_and_total():
    assert code_of(build_zip(package(z=b"\0" * 2_000_000))) == "archive_compression_ratio"
    small = ArchiveLimits(max_entries=100, max_uncompressed_bytes=1000, max_ratio=200)
    assert code_of(build_zip(package(big=bytes(range(256)) * 8)), small) == (
        "archive_too_large_uncompressed"
    )
    few = ArchiveLimits(max_entries=2, max_uncompressed_bytes=10**9, max_ratio=200)
    assert code_of(build_zip(package(extra="x")), few) == "archive_too_many_entries"


def test_inflated_bytes_are_counted_when_the_header_lies():
    data = patch_declared_size(build_zip(package(z=b"\0" * 3_000_000)), "z", 500)
    archive = open_zip(data)  # the headers look harmless
    storage = InMemoryStorage()
    extraction = Extraction(storage=storage)
    with pytest.raises(ScormImportError) as caught:
        try:
            archive_extract(archive, storage=storage, prefix="scorm/t/", extraction=extraction)
        except ScormImportError:
            extraction.delete_all()
            raise
    assert caught.value.code in {"archive_size_mismatch", "archive_corrupt"}
    assert stored_files(storage) == []


def test_extract_streams_into_the_storage_and_cleans_up():
    payload = random.Random(4).randbytes(1024 * 1024)  # 1 MiB, several chunks
    archive = open_zip(build_zip(package(**{"media/clip.bin": payload, "é t/é.txt": "é"})))
    storage = InMemoryStorage()
    extraction = Extraction(storage=storage)
    archive_extract(archive, storage=storage, prefix="scorm/1/abc/", extraction=extraction)
    assert stored_files(storage) == sorted(
        [
            "scorm/1/abc/imsmanifest.xml",
            "scorm/1/abc/index.html",
            "scorm/1/abc/media/clip.bin",
            "scorm/1/abc/é t/é.txt",
        ]
    )
    assert storage.open("scorm/1/abc/media/clip.bin").read() == payload
    assert extraction.inflated_bytes == archive.uncompressed_bytes
    extraction.delete_all()
    assert stored_files(storage) == []


def test_not_a_zip_and_truncated_zip():
    assert code_of(b"hello") == "archive_not_zip"
    data = build_zip(package())
    assert code_of(data[: len(data) // 2]) == "archive_not_zip"


def test_no_manifest_or_wrong_case():
    assert code_of(build_zip({"index.html": "x"})) == "archive_no_manifest"
    error_code = code_of(build_zip({"IMSManifest.xml": minimal_manifest_12(), "index.html": "x"}))
    assert error_code == "archive_no_manifest"
    deep = build_zip({"a/b/imsmanifest.xml": "x", "z/imsmanifest.xml": "x"})
    with pytest.raises(ScormImportError) as caught:
        open_zip(deep)
    assert caught.value.code == "archive_manifest_in_subfolder"
    assert "« z »" in caught.value.message


def test_entry_count_is_checked_even_when_the_end_record_lies():
    data = bytearray(build_zip(package(**{f"f{n}.txt": "x" for n in range(20)})))
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = (3).to_bytes(2, "little") * 2  # "3 entries"
    few = ArchiveLimits(max_entries=10, max_uncompressed_bytes=10**9, max_ratio=200)
    assert code_of(bytes(data), few) in {"archive_too_many_entries", "archive_not_zip"}


def test_root_folder_entry_is_skipped():
    archive = open_zip(build_zip(package(), directories=("./",)))
    assert sorted(archive.entries) == ["imsmanifest.xml", "index.html"]
