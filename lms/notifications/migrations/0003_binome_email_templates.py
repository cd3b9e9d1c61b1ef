"""The binôme e-mails (paired, evaluation due) with their French default text."""

from django.db import migrations, models

BINOME_KEYS = ("binome_paired", "binome_evaluation_due")


def create_binome_defaults(apps, schema_editor):
    from lms.notifications.defaults import DEFAULT_TEMPLATES

    EmailTemplate = apps.get_model("notifications", "EmailTemplate")
    for key in BINOME_KEYS:
        subject, body = DEFAULT_TEMPLATES[key]
        EmailTemplate.objects.get_or_create(key=key, defaults={"subject": subject, "body": body})


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_default_email_templates"),
    ]

    operations = [
        migrations.AlterField(
            model_name="emailtemplate",
            name="body",
            field=models.TextField(
                help_text="Plain text. Placeholders between braces are replaced when the e-mail is sent. Every e-mail: {prenom}, {nom}, {plateforme}, {operateur}, {contact}. Enrolment confirmation: {module}, {lien} (the module). Invitation: {courriel}, {lien} (choosing a password). Module completed: {module}, {date}, {lien} (“My learning”). Binôme formed: {partenaire}, {promotion}, {lien} (the project). Binôme evaluation due: {partenaire}, {projet}, {lien} (the evaluation). Write {{ and }} for a brace in the text.",
                verbose_name="body",
            ),
        ),
        migrations.AlterField(
            model_name="emailtemplate",
            name="key",
            field=models.CharField(
                choices=[
                    ("enrolment_confirmation", "Enrolment confirmation"),
                    ("invitation", "Invitation to set a password"),
                    ("module_completed", "Module completed"),
                    ("binome_paired", "Binôme formed"),
                    ("binome_evaluation_due", "Binôme evaluation due"),
                ],
                max_length=32,
                unique=True,
                verbose_name="e-mail",
            ),
        ),
        migrations.RunPython(create_binome_defaults, migrations.RunPython.noop),
    ]
