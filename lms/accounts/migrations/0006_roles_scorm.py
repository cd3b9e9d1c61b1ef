"""Let trainers upload SCORM packages and follow attempts; administrators manage them."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from lms.accounts.roles import roles_sync

    roles_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_roles_imports_jobs"),
        ("scorm", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
