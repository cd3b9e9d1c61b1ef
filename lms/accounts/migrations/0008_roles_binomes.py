"""Let trainers form binômes and comment on projects; administrators also define the
evaluation grids and the modules requiring a binôme project."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from lms.accounts.roles import roles_sync

    roles_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_roles_certificates"),
        ("binomes", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
