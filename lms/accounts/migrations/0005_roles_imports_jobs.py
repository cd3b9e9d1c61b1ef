"""Let administrators import learners and follow background jobs."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from lms.accounts.roles import roles_sync

    roles_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_roles_email_templates"),
        ("imports", "0001_initial"),
        ("jobs", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
