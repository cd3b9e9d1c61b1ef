"""Give the roles the permissions of promotions, learner profiles and enrolment."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from lms.accounts.roles import roles_sync

    roles_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("people", "0001_initial"),
        ("enrolment", "0001_initial"),
        ("audit", "0001_initial"),
        ("progress", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
