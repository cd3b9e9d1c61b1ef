"""``manage.py purge_import_previews``: delete the learner-file previews never confirmed
within ``LMS_IMPORT_PREVIEW_HOURS`` (also done after each upload; for a daily cron)."""

from django.core.management.base import BaseCommand

from lms.imports.services import import_previews_purge


class Command(BaseCommand):
    help = "Delete the learner-file previews never confirmed in time (LMS_IMPORT_PREVIEW_HOURS)."

    def handle(self, *args, **options):
        deleted = import_previews_purge()
        self.stdout.write(f"{deleted} unconfirmed import preview(s) deleted.")
