"""The demo SCORM lessons: two small packages the project writes itself, and their lessons.

The package sources live in ``lms/demo/scorm/`` (plain HTML, CSS and JavaScript, in French):
``principes-service-public`` (SCORM 1.2, one SCO with a quiz and a mastery score of 70) and
``mesurer-impact-social`` (SCORM 2004 4th edition, two SCOs in forced sequential order);
``commun/`` holds the style sheet both include. :func:`demo_scorm_zip` builds a package's zip
in memory; :func:`demo_scorm_seed` imports the missing packages through the importer and adds
one :class:`~lms.scorm.pages.ScormLessonPage` per package to a demo module, published like the
seed's other lessons. Like the rest of the demo seed it only creates what is missing: a
package is looked up by its title, a lesson by its slug under its module.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.db import transaction
from django.utils.translation import gettext as _

from curriculum.models import ModulePage
from lms.accounts import roles
from lms.accounts.models import User
from lms.demo.accounts import DEMO_ACCOUNTS
from lms.demo.services import DemoSeedError
from lms.scorm.errors import ScormImportError
from lms.scorm.importer import scorm_package_import
from lms.scorm.models import ScormPackage
from lms.scorm.pages import ScormLessonPage

SOURCES = Path(__file__).resolve().parent / "scorm"
COMMON_FOLDER = "commun"
# A fixed date for every zip entry, so that the same sources give the same zip (and hash).
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class DemoScormSpec:
    """A demo package (``folder`` under ``lms/demo/scorm/``) and the lesson that plays it."""

    folder: str
    package_title: str
    module_slug: str
    lesson_slug: str
    lesson_title: str
    summary: str
    estimated_minutes: int
    required: bool


DEMO_SCORM = (
    DemoScormSpec(
        folder="principes-service-public",
        package_title="Les principes du service public",
        module_slug="cycle-de-la-decision-publique",
        lesson_slug="principes-du-service-public",
        lesson_title="Les principes du service public (module interactif)",
        summary=(
            "Continuité, égalité, adaptabilité : les « lois de Rolland » en quatre pages et un "
            "quiz de quatre questions (70 % pour valider). Pour aller plus loin."
        ),
        estimated_minutes=15,
        required=False,
    ),
    DemoScormSpec(
        folder="mesurer-impact-social",
        package_title="Mesurer l'impact social",
        module_slug="mesurer-l-impact-social",
        lesson_slug="mesurer-l-impact-social-module-interactif",
        lesson_title="Mesurer l'impact social (module interactif)",
        summary=(
            "Deux parties à suivre dans l'ordre : comprendre l'impact social, puis choisir une "
            "méthode d'évaluation. La seconde s'ouvre quand la première est réussie."
        ),
        estimated_minutes=20,
        required=True,
    ),
)


@dataclass
class DemoScormReport:
    """What one run of :func:`demo_scorm_seed` did (counts, and sentences for people)."""

    packages_created: int = 0
    packages_present: int = 0
    lessons_created: int = 0
    lessons_present: int = 0
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        """Translated lines for the ``seed_demo`` report."""
        return [
            _("SCORM packages: %(created)d created, %(present)d already present.")
            % {"created": self.packages_created, "present": self.packages_present},
            _("SCORM lessons: %(created)d created, %(present)d already present.")
            % {"created": self.lessons_created, "present": self.lessons_present},
            *self.skipped,
        ]


def _source_files(folder: str) -> list[tuple[str, Path]]:
    """``(path in the zip, file)`` for a package: its folder's files, then the common ones."""
    files = []
    for root, prefix in ((SOURCES / folder, ""), (SOURCES / COMMON_FOLDER, f"{COMMON_FOLDER}/")):
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files.append((prefix + path.relative_to(root).as_posix(), path))
    return files


def demo_scorm_zip(folder: str) -> bytes:
    """The zip of the demo package in ``lms/demo/scorm/<folder>/``, built in memory."""
    if not (SOURCES / folder / "imsmanifest.xml").is_file():
        raise FileNotFoundError(f"no demo SCORM package in {SOURCES / folder}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, path in _source_files(folder):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def _demo_user(role: str) -> User | None:
    emails = [spec.email for spec in DEMO_ACCOUNTS if spec.role == role]
    return User.objects.filter(email__in=emails).order_by("pk").first()


def _say(stdout: TextIO | None, message: str) -> None:
    if stdout is not None:
        stdout.write(f"{message}\n")


def _package_seed(spec: DemoScormSpec, *, author, report, stdout) -> ScormPackage:
    package = ScormPackage.objects.filter(title=spec.package_title).order_by("pk").first()
    if package is not None:
        report.packages_present += 1
        return package
    try:
        version = scorm_package_import(
            upload=io.BytesIO(demo_scorm_zip(spec.folder)),
            filename=f"{spec.folder}.zip",
            user=author,
            title=spec.package_title,
        )
    except ScormImportError as error:
        raise DemoSeedError(
            _("The demo SCORM package “%(title)s” was refused: %(error)s")
            % {"title": spec.package_title, "error": error.message}
        ) from error
    report.packages_created += 1
    _say(stdout, _("Imported SCORM package “%(title)s”.") % {"title": spec.package_title})
    return version.package


def _lesson_seed(spec: DemoScormSpec, package, *, author, publisher, report, stdout) -> None:
    module = ModulePage.objects.filter(slug=spec.module_slug).order_by("path").first()
    if module is None:
        report.skipped.append(
            _("The SCORM lesson “%(title)s” was not added: its module (%(slug)s) is missing.")
            % {"title": spec.lesson_title, "slug": spec.module_slug}
        )
        return
    existing = module.get_children().filter(slug=spec.lesson_slug).first()
    if existing is not None:
        report.lessons_present += 1
        return
    lesson = ScormLessonPage(
        title=spec.lesson_title,
        slug=spec.lesson_slug,
        summary=spec.summary,
        estimated_minutes=spec.estimated_minutes,
        required=spec.required,
        package=package,
        owner=author,
    )
    # As the admin does: added, revised by the author, published by the reviewer.
    module.add_child(instance=lesson)
    lesson.save_revision(user=author, log_action=True).publish(user=publisher)
    report.lessons_created += 1
    _say(stdout, _("Created SCORM lesson “%(title)s”.") % {"title": spec.lesson_title})


def demo_scorm_seed(*, stdout: TextIO | None = None) -> DemoScormReport:
    """Import the missing demo SCORM packages and add their missing lessons.

    Runs after :func:`lms.demo.services.demo_seed` (it needs the demo modules; a missing
    module is reported in ``skipped``). Packages are imported with
    :func:`lms.scorm.importer.scorm_package_import` as uploaded by the demo trainer; lessons
    are written by the demo trainer and published by the demo reviewer. Raises
    :class:`lms.demo.services.DemoSeedError` when a package is refused.
    """
    report = DemoScormReport()
    author = _demo_user(roles.TRAINERS)
    publisher = _demo_user(roles.REVIEWERS)
    with transaction.atomic():
        for spec in DEMO_SCORM:
            package = _package_seed(spec, author=author, report=report, stdout=stdout)
            _lesson_seed(
                spec, package, author=author, publisher=publisher, report=report, stdout=stdout
            )
    return report
