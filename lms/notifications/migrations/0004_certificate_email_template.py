"""The « certificate ready » e-mail, with its French default text."""

from django.db import migrations, models


def create_certificate_default(apps, schema_editor):
    from lms.notifications.defaults import DEFAULT_TEMPLATES

    EmailTemplate = apps.get_model("notifications", "EmailTemplate")
    subject, body = DEFAULT_TEMPLATES["certificate_issued"]
    EmailTemplate.objects.get_or_create(
        key="certificate_issued", defaults={"subject": subject, "body": body}
    )


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0003_binome_email_templates'),
    ]

    operations = [
        migrations.AlterField(
            model_name='emailtemplate',
            name='body',
            field=models.TextField(help_text='Plain text. Placeholders between braces are replaced when the e-mail is sent. Every e-mail: {prenom}, {nom}, {plateforme}, {operateur}, {contact}. Enrolment confirmation: {module}, {lien} (the module). Invitation: {courriel}, {lien} (choosing a password). Module completed: {module}, {date}, {lien} (“My learning”). Binôme formed: {partenaire}, {promotion}, {lien} (the project). Binôme evaluation due: {partenaire}, {projet}, {lien} (the evaluation). Certificate ready: {intitule}, {code}, {lien} (“My learning”), {lien_verification}. Write {{ and }} for a brace in the text.', verbose_name='body'),
        ),
        migrations.AlterField(
            model_name='emailtemplate',
            name='key',
            field=models.CharField(choices=[('enrolment_confirmation', 'Enrolment confirmation'), ('invitation', 'Invitation to set a password'), ('module_completed', 'Module completed'), ('binome_paired', 'Binôme formed'), ('binome_evaluation_due', 'Binôme evaluation due'), ('certificate_issued', 'Certificate ready')], max_length=32, unique=True, verbose_name='e-mail'),
        ),
        migrations.RunPython(create_certificate_default, migrations.RunPython.noop),
    ]
