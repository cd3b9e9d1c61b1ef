"""Benchmark of the SCORM import of a ~100 MB package.

- ``scorm_import_100mb_s``: wall time of ``scorm_package_import`` (checks, manifest,
  extraction into a ``FileSystemStorage`` on disk, item rows), median of 3 runs;
  ``baseline`` = ``unzip -q`` of the same file into a folder on the same disk (median of 3,
  the runs taking turns).
- ``scorm_import_100mb_peak_mib``: peak memory increase of the importing process, measured
  in a fresh subprocess (this file run as a script) after a warm-up import: growth of the
  process's peak resident set size (``VmHWM`` from ``/proc/self/status``, reset through
  ``/proc/self/clear_refs`` before the import; ``ru_maxrss`` when Linux does not allow it).
  The ``tracemalloc`` peak of Python allocations during a second import is printed as a
  note (``bench:`` line on stderr).

The package is realistic: a SCORM 1.2 manifest with 40 SCOs in 4 clusters, ~2,400 text
files (HTML, JS, CSS, JSON: compressible) and ~180 media files of random bytes
(incompressible), so that the zip itself weighs about 100 MB.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.db import connection

# The test database, made by pytest-django (never the development one); the figures are
# measured in a module fixture, outside the tests' transactions.
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
MIB = 1024 * 1024
TARGET_ZIP_BYTES = 100 * MIB
RUNS = 3
SCOS = 40


def _manifest(scos: int) -> str:
    items = []
    resources = []
    for cluster in range(4):
        children = []
        for number in range(cluster * scos // 4, (cluster + 1) * scos // 4):
            children.append(
                f'<item identifier="sco_{number}" identifierref="res_{number}">'
                f"<title>Séquence {number + 1}</title>"
                "<adlcp:masteryscore>80</adlcp:masteryscore></item>"
            )
            resources.append(
                f'<resource identifier="res_{number}" type="webcontent" adlcp:scormtype="sco" '
                f'href="sco{number:02d}/index.html"><file href="sco{number:02d}/index.html"/>'
                '<dependency identifierref="commun"/></resource>'
            )
        items.append(
            f'<item identifier="chap_{cluster}"><title>Chapitre {cluster + 1}</title>'
            + "".join(children)
            + "</item>"
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="bench.100mb" version="1"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org">
    <title>Formation de référence (100 Mo)</title>{"".join(items)}
  </organization></organizations>
  <resources>{"".join(resources)}
    <resource identifier="commun" type="webcontent" adlcp:scormtype="asset">
      <file href="commun/runtime.js"/></resource>
  </resources>
</manifest>"""


def build_package(path: Path, *, target_bytes: int = TARGET_ZIP_BYTES, seed: int = 2026) -> None:
    """Write a realistic SCORM 1.2 zip of about ``target_bytes`` at ``path``."""
    rng = random.Random(seed)
    words = (
        "service public engagement citoyen territoire association politique action "
        "évaluation projet financement partenariat solidarité transition numérique"
    ).split()

    def text(size: int) -> bytes:
        chunk = " ".join(rng.choice(words) for _ in range(size // 7 + 1))
        return chunk.encode("utf-8")[:size]

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr("imsmanifest.xml", _manifest(SCOS))
        zf.writestr("commun/runtime.js", b"/* runtime */\n" + text(200_000))
        for sco in range(SCOS):
            folder = f"sco{sco:02d}"
            zf.writestr(f"{folder}/index.html", b"<!doctype html><title>x</title>" + text(8000))
            for page in range(40):
                zf.writestr(f"{folder}/pages/page{page:02d}.html", text(rng.randint(4000, 30000)))
            for name in ("style.css", "data.json", "quiz.js"):
                zf.writestr(f"{folder}/{name}", text(rng.randint(2000, 60000)))
        media = 0
        while True:
            zf.writestr(
                zipfile.ZipInfo(f"media/clip{media:03d}.mp4", date_time=(2026, 1, 1, 0, 0, 0)),
                rng.randbytes(550_000),
                compress_type=zipfile.ZIP_STORED,
            )
            media += 1
            if zf.fp.tell() >= target_bytes - 600_000:
                break


def _unzip_seconds(archive: Path, target: Path) -> float:
    start = time.perf_counter()
    subprocess.run(["unzip", "-q", str(archive), "-d", str(target)], check=True)  # noqa: S603,S607
    return time.perf_counter() - start


# The peak-memory subprocess ----------------------------------------------------------------

STATUS = Path("/proc/self/status")


def _peak_rss() -> int:
    try:
        for line in STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _current_rss() -> int:
    for line in STATUS.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _peak_rss_reset() -> tuple[int, str]:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _peak_rss(), "VmHWM reset by clear_refs"
    except OSError:
        return _peak_rss(), "ru_maxrss (no reset)"


def measure_in_subprocess(database: str, archive: str, media_root: str, small: str) -> dict:
    """Run in a fresh process: warm up with ``small``, import ``archive`` and report the
    growth of the peak RSS, then import it again under tracemalloc; clean up after."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = database
    settings.MEDIA_ROOT = media_root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    django.setup()
    import tracemalloc

    from lms.scorm.importer import scorm_package_import
    from lms.scorm.models import ScormPackage

    created = []
    try:
        with open(small, "rb") as upload:
            created.append(scorm_package_import(upload=upload, filename="warm.zip").package)
        rss_before, method = _peak_rss_reset()
        start = time.perf_counter()
        with open(archive, "rb") as upload:
            created.append(scorm_package_import(upload=upload, filename="big.zip").package)
        seconds = time.perf_counter() - start
        rss_growth = max(0, _peak_rss() - rss_before)
        tracemalloc.start()
        with open(archive, "rb") as upload:
            created.append(scorm_package_import(upload=upload, filename="big.zip").package)
        _current, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        for package in created:
            ScormPackage.objects.filter(pk=package.pk).delete()
        shutil.rmtree(Path(media_root) / "scorm", ignore_errors=True)
    return {
        "rss_growth_bytes": rss_growth,
        "rss_method": method,
        "tracemalloc_peak_bytes": traced_peak,
        "seconds": round(seconds, 2),
    }


# The benchmark ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def import_figures(django_db_setup, django_db_blocker, tmp_path_factory):
    """Build the package, measure the subprocess's memory then the timings; the rows are
    committed (outside any test transaction, so that the subprocess can write too) and
    removed at the end."""
    from django.test import override_settings

    from lms.scorm.importer import scorm_package_import
    from lms.scorm.models import ScormPackage
    from tests.benchmarks.support import note
    from tests.lms.scorm.zips import minimal_package_12

    tmp_path = tmp_path_factory.mktemp("scorm-bench")
    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
    assert name.endswith("bench.sqlite3") or name.startswith("test_"), name
    archive = tmp_path / "package-100mb.zip"
    build_package(archive)
    small = tmp_path / "small.zip"
    small.write_bytes(minimal_package_12())
    with zipfile.ZipFile(archive) as zf:
        entries = len(zf.infolist())
        inflated = sum(info.file_size for info in zf.infolist())
    note(
        f"SCORM package: {archive.stat().st_size / MIB:.1f} MiB zip, {entries} entries, "
        f"{inflated / MIB:.1f} MiB unpacked"
    )

    completed = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "tests.benchmarks.test_scorm_import",
            name,
            str(archive),
            str(tmp_path / "media-sub"),
            str(small),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    memory = json.loads(completed.stdout.strip().splitlines()[-1])

    media = tmp_path / "media"
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    imports, unzips = [], []
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media), STORAGES=storages):
        try:
            with small.open("rb") as upload:
                scorm_package_import(upload=upload, filename="warm.zip")  # warm-up
            for run in range(RUNS):
                target = tmp_path / f"unzip-{run}"
                unzips.append(_unzip_seconds(archive, target))
                shutil.rmtree(target)
                start = time.perf_counter()
                with archive.open("rb") as upload:
                    version = scorm_package_import(upload=upload, filename=archive.name)
                imports.append(time.perf_counter() - start)
                assert version.file_count == entries
                assert version.items.count() == SCOS + 4
                shutil.rmtree(media / "scorm")
        finally:
            ScormPackage.objects.all().delete()
    shutil.rmtree(tmp_path, ignore_errors=True)
    return {
        "import_s": round(statistics.median(imports), 2),
        "unzip_s": round(statistics.median(unzips), 2),
        "memory": memory,
    }


def test_scorm_import_100mb_s(import_figures):
    from tests.benchmarks.support import emit

    emit(
        "scorm_import_100mb_s",
        import_figures["import_s"],
        "s",
        baseline=import_figures["unzip_s"],
    )


def test_scorm_import_100mb_peak_mib(import_figures):
    from tests.benchmarks.support import emit, note

    memory = import_figures["memory"]
    emit("scorm_import_100mb_peak_mib", round(memory["rss_growth_bytes"] / MIB, 1), "MiB")
    note(
        f"peak memory: RSS growth {memory['rss_growth_bytes'] / MIB:.1f} MiB "
        f"({memory['rss_method']}), tracemalloc peak "
        f"{memory['tracemalloc_peak_bytes'] / MIB:.1f} MiB; import in the subprocess "
        f"{memory['seconds']} s"
    )


if __name__ == "__main__":
    print(json.dumps(measure_in_subprocess(*sys.argv[1:5])))
