"""The three e-mail templates with their French default text."""

from django.db import migrations


def create_defaults(apps, schema_editor):
    from lms.notifications.defaults import DEFAULT_TEMPLATES

    EmailTemplate = apps.get_model("notifications", "EmailTemplate")
    for key, (subject, body) in DEFAULT_TEMPLATES.items():
        EmailTemplate.objects.get_or_create(key=key, defaults={"subject": subject, "body": body})


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
