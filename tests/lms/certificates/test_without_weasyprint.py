"""Without WeasyPrint (a machine without Pango), the site still starts and serves
everything but certificates: rendering one fails with a clear French message, and
``manage.py check`` warns (certificates.W002). Run in a fresh interpreter where importing
WeasyPrint fails as it does when Pango is missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = r"""
import json
import os
import sys


class NoPango:
    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0'")
        return None


sys.meta_path.insert(0, NoPango())
os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.test"
import django

django.setup()
from django.core import checks
from django.urls import reverse
from django.utils import translation

import lms.certificates.services  # noqa: F401
import lms.certificates.bulk  # noqa: F401
import lms.urls  # noqa: F401
from lms.certificates.rendering import CertificateRenderer, CertificateRenderError
from lms.certificates.services import sample_snapshot

result = {"verify_url": reverse("certificates:verify")}
translation.activate("fr")
try:
    CertificateRenderer().render(
        data={}, snapshot=sample_snapshot(kind="module", language="fr")
    )
except CertificateRenderError as error:
    result["error"] = [error.code, error.message]
result["checks"] = [message.id for message in checks.run_checks()]
result["loaded"] = "weasyprint" in sys.modules
print(json.dumps(result))
"""


def test_the_site_starts_and_certificates_fail_clearly_without_weasyprint():
    completed = subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    result = json.loads(completed.stdout.strip().splitlines()[-1])

    assert result["verify_url"].startswith("/attestations/")
    assert result["error"][0] == "unavailable"
    assert "WeasyPrint" in result["error"][1] and "Pango" in result["error"][1]
    assert "certificates.W002" in result["checks"]
    assert result["loaded"] is False
