"""Peak memory of one report export, measured in a fresh process.

Run by ``test_reports.py`` as ``python -m tests.benchmarks.export_memory DATABASE USER_PK
URL``: connects to the benchmark's database, signs ``USER_PK`` in, warms up (URLs,
imports, the same export with no row), then downloads ``URL`` through the whole Django
stack while ``tracemalloc`` records the peak of Python allocations. Prints one JSON object
on stdout, read by the parent (not a figure of the run): ``peak_bytes`` (the figure),
``rss_growth_bytes`` (growth of the process's peak resident size during the download, a
cross-check that also counts memory outside Python's allocator, e.g. the database
library's), ``bytes`` and ``rows`` (line breaks: CSV lines, meaningless for XLSX) of the download,
``seconds``.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

STATUS = Path("/proc/self/status")


def _consume(response) -> tuple[int, int]:
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    response.close()
    return size, lines


def _peak_rss_reset() -> int:
    """Reset the kernel's peak-RSS mark to the current RSS when Linux allows it; return
    the peak-RSS mark in bytes."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    return _peak_rss()


def _peak_rss() -> int:
    try:
        for line in STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main(database: str, user_pk: int, url: str) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = database
    django.setup()

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    # As under pytest: the test client's host allowed, DEBUG off (no query log).
    setup_test_environment(debug=False)
    client = Client()
    client.force_login(get_user_model().objects.get(pk=user_pk))
    # Warm-up: the same export for a région without learners (no row).
    separator = "&" if "?" in url else "?"
    warm = client.get(f"{url}{separator}region=94")
    assert warm.status_code == 200, warm.status_code
    _consume(warm)

    rss_before = _peak_rss_reset()
    tracemalloc.start()
    start = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    size, lines = _consume(response)
    seconds = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "peak_bytes": peak,
        "rss_growth_bytes": max(0, _peak_rss() - rss_before),
        "bytes": size,
        "rows": lines,
        "seconds": round(seconds, 2),
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]), sys.argv[3])))
