"""Every setting documented in ``.env.example`` is read from the environment: each numeric
``LMS_...`` variable (or 0/1 switch), given another value, reaches ``django.conf.settings``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
VARIABLE = re.compile(r"^#?\s*(LMS_[A-Z0-9_]+)=(\d+)\s*$", re.MULTILINE)


def documented_numbers() -> dict[str, int]:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    return {name: int(value) for name, value in VARIABLE.findall(text)}


def test_every_numeric_lms_variable_of_env_example_reaches_the_settings(tmp_path):
    documented = documented_numbers()
    assert len(documented) >= 15, documented
    # Another value than the documented default, so a setting ignoring it shows (a 0/1
    # switch flipped).
    wanted = {
        name: 1 - value if value in (0, 1) else value + 7 for name, value in documented.items()
    }
    script = (
        "import json, os, django\n"
        "from django.conf import settings\n"
        "django.setup()\n"
        f"names = {sorted(wanted)!r}\n"
        "print(json.dumps({n: getattr(settings, n, None) for n in names}))\n"
    )
    env = {
        **os.environ,
        **{name: str(value) for name, value in wanted.items()},
        "DJANGO_SETTINGS_MODULE": "lms.settings.base",
        "DEBUG": "1",
        "LMS_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    completed = subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    read = json.loads(completed.stdout.strip().splitlines()[-1])

    ignored = {
        name: read[name]
        for name, value in wanted.items()
        if read[name] is None or int(read[name]) != value
    }
    assert ignored == {}, f"documented in .env.example but not read: {ignored}"
