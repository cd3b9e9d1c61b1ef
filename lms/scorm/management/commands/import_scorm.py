"""``manage.py import_scorm PATH [PATH ...] [--json] [--package-id N]``: import SCORM zips.

Each PATH is imported as a new package (or, with ``--package-id``, as the next versions of
that package), exactly as an upload in the admin. With ``--json``, stdout holds one JSON
array with one object per PATH, in order::

    {"ok": true, "version": "1.2", "title": "...", "items": 22, "scos": 18, "assets": 0,
     "launchable": [{"title": "...", "href": "..."}, ...]}
    {"ok": false, "error": {"code": "archive_no_manifest", "message": "..."}}

Human-readable lines go to stderr. The exit status is 1 when any package was refused.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lms.scorm.errors import ScormImportError
from lms.scorm.importer import scorm_package_import
from lms.scorm.models import ScormItem, ScormPackage

logger = logging.getLogger(__name__)


def version_report(version) -> dict:
    """The JSON object of an imported version (counts on the default organization)."""
    items = list(version.items.order_by("position"))
    return {
        "ok": True,
        "version": version.scorm_version,
        "title": version.title,
        "items": len(items),
        "scos": sum(1 for item in items if item.kind == ScormItem.Kind.SCO),
        "assets": sum(1 for item in items if item.kind == ScormItem.Kind.ASSET),
        "launchable": [{"title": item.title, "href": item.href} for item in items if item.href],
    }


def error_report(code: str, message: str) -> dict:
    return {"ok": False, "error": {"code": code, "message": str(message)}}


class Command(BaseCommand):
    help = "Import SCORM 1.2 / 2004 packages (zip files) as the admin's upload does."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="SCORM zip files")
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print one JSON array (one object per PATH) on stdout.",
        )
        parser.add_argument(
            "--package-id",
            type=int,
            default=None,
            help="Add the zips as new versions of this package instead of new packages.",
        )

    def handle(self, *args, **options):
        package = None
        results: list[dict] = []
        if options["package_id"] is not None:
            package = ScormPackage.objects.filter(pk=options["package_id"]).first()
            if package is None:
                message = _("No SCORM package has the id %(id)s.") % {"id": options["package_id"]}
                results = [error_report("package_not_found", message) for _path in options["paths"]]
                return self._finish(results, options)
        for raw_path in options["paths"]:
            results.append(self._import_one(Path(raw_path), package, options["verbosity"]))
        return self._finish(results, options)

    def _import_one(self, path: Path, package, verbosity: int) -> dict:
        try:
            with path.open("rb") as upload:
                version = scorm_package_import(upload=upload, filename=path.name, package=package)
        except ScormImportError as error:
            self.stderr.write(
                _("Refused %(path)s: %(message)s") % {"path": path, "message": error.message}
            )
            return error_report(error.code, error.message)
        except OSError as error:
            message = _("The file cannot be read (%(error)s).") % {"error": error.strerror or error}
            self.stderr.write(
                _("Refused %(path)s: %(message)s") % {"path": path, "message": message}
            )
            return error_report("file_unreadable", message)
        except Exception as error:  # noqa: BLE001 - reported per file, the others go on
            if verbosity > 1:
                logger.exception("SCORM import of %s failed", path)
            message = _("Unexpected error during the import (%(error)s).") % {
                "error": type(error).__name__
            }
            self.stderr.write(
                _("Refused %(path)s: %(message)s") % {"path": path, "message": message}
            )
            return error_report("internal_error", message)
        report = version_report(version)
        self.stderr.write(
            _(
                "Imported %(path)s: « %(title)s », SCORM %(version)s, package %(package)s "
                "version %(number)s: %(items)s items, %(scos)s SCOs, %(assets)s assets, "
                "%(launchable)s launchable."
            )
            % {
                "path": path,
                "title": version.title,
                "version": version.scorm_version,
                "package": version.package_id,
                "number": version.number,
                "items": report["items"],
                "scos": report["scos"],
                "assets": report["assets"],
                "launchable": len(report["launchable"]),
            }
        )
        for warning in version.warnings:
            self.stderr.write(_("  Warning: %(message)s") % {"message": warning["message"]})
        return report

    def _finish(self, results: list[dict], options) -> None:
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False))
        refused = sum(1 for result in results if not result["ok"])
        if refused:
            raise CommandError(
                _("%(refused)s of %(total)s package(s) refused.")
                % {"refused": refused, "total": len(results)},
                returncode=1,
            )
