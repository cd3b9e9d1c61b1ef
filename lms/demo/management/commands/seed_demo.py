"""``manage.py seed_demo``: demo curricula, mirror pairs, accounts, SCORM lessons, binômes."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lms.demo.binomes_seed import demo_binomes_seed
from lms.demo.scorm_seed import DemoScormReport, demo_scorm_seed
from lms.demo.services import (
    ACCOUNTS_KIND,
    CURRICULA_KIND,
    KINDS,
    LESSONS_KIND,
    MIRRORS_KIND,
    MODULES_KIND,
    PREREQUISITES_KIND,
    DemoReport,
    DemoSeedError,
    demo_seed,
)


class Command(BaseCommand):
    """Create the missing demo content and print the demo accounts with their passwords.

    Safe to run again: what exists is left as it is. Refuses to run when ``DEBUG`` is off
    unless ``--force`` is given, since the demo passwords are public. ``-v 2`` lists every
    item created.
    """

    @property
    def help(self) -> str:
        return _(
            "Create the demo curricula, mirror pairs and one account per role (only what is "
            "missing), then print the demo accounts and their passwords."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Run even when DEBUG is off (never on a production platform)."),
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _(
                    "The demo content comes with accounts whose passwords are public, so it is "
                    "only loaded when DEBUG is on. Use --force to load it anyway, never on a "
                    "production platform."
                )
            )
        verbosity = options["verbosity"]
        started = time.monotonic()
        try:
            report = demo_seed(stdout=self.stdout if verbosity >= 2 else None)
            scorm_report = demo_scorm_seed(stdout=self.stdout if verbosity >= 2 else None)
            demo_binomes_seed(stdout=self.stdout if verbosity >= 2 else None)
        except DemoSeedError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            self._write_report(report, scorm_report, seconds=time.monotonic() - started)

    def _write_report(
        self, report: DemoReport, scorm_report: DemoScormReport, *, seconds: float
    ) -> None:
        labels = {
            CURRICULA_KIND: _("Curricula"),
            MODULES_KIND: _("Modules"),
            LESSONS_KIND: _("Lessons"),
            PREREQUISITES_KIND: _("Prerequisite links"),
            MIRRORS_KIND: _("Mirror pairs"),
            ACCOUNTS_KIND: _("Accounts"),
        }
        for kind in KINDS:
            self.stdout.write(
                _("%(label)s: %(created)d created, %(present)d already present.")
                % {
                    "label": labels[kind],
                    "created": report.created[kind],
                    "present": report.present[kind],
                }
            )
        for line in scorm_report.summary():
            self.stdout.write(line)
        for message in report.skipped:
            self.stdout.write(self.style.WARNING(message))

        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo accounts")))
        for account in report.accounts:
            status = _("created") if account.created else _("already present, left unchanged")
            self.stdout.write(
                _("%(label)s — %(email)s / %(password)s (group %(group)s; %(status)s)")
                % {
                    "label": account.spec.label,
                    "email": account.spec.email,
                    "password": account.password,
                    "group": account.spec.role,
                    "status": status,
                }
            )
        if any(not account.created for account in report.accounts):
            self.stdout.write(
                _(
                    "Accounts already present were left unchanged: if their password was "
                    "changed since, the one shown no longer applies."
                )
            )
        self.stdout.write(
            self.style.SUCCESS(_("Demo seeded in %(seconds).1f s.") % {"seconds": seconds})
        )
