"""``manage.py roles_sync``: re-apply the roles, permissions and review workflow."""

from django.core.management.base import BaseCommand
from django.db import transaction

from lms.accounts.roles import roles_sync


class Command(BaseCommand):
    help = (
        "Create or update the groups, their permissions and the « relecture pédagogique » workflow."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            roles_sync()
        self.stdout.write(self.style.SUCCESS("Roles and workflow are up to date."))
