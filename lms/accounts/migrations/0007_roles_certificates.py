"""Let administrators issue, revoke and list certificates and manage their templates."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from lms.accounts.roles import roles_sync

    roles_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_roles_scorm"),
        ("certificates", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
