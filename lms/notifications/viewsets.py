"""Admin viewset of the e-mail templates (« Modèles d'e-mails »), for administrators."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from lms.notifications.models import EmailTemplate


class EmailTemplateViewSet(ModelViewSet):
    """Edit the subject and body of each e-mail; placeholders are checked on save.

    Access follows the ``notifications.*_emailtemplate`` model permissions, which only the
    administrators' role should hold.
    """

    model = EmailTemplate
    form_fields = ["key", "subject", "body"]
    list_display = ["__str__", "subject", "updated_at"]
    icon = "mail"
    menu_label = _("E-mail templates")
    menu_order = 900
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    name = "notifications_emailtemplate"
    url_prefix = "modeles-emails"


email_template_viewset = EmailTemplateViewSet()
