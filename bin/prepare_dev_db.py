#!/usr/bin/env python
"""Apply the migrations, then create or update the demo content, in one process.

Used by ``make run``: the same as ``manage.py migrate`` followed by ``manage.py seed_demo``,
with one Django start-up instead of two (Wagtail takes a few seconds to import), so a
second ``make run`` serves sooner. Development only: DEBUG must be on (``make run`` sets it).
"""

import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(BASE_DIR))
    os.chdir(BASE_DIR)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.base")

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=1)
    call_command("seed_demo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
