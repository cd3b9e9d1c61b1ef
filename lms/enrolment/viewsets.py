"""Admin viewsets of enrolment: module settings and the list of enrolments."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from lms.enrolment.models import Enrolment, ModuleSettings


class ModuleSettingsViewSet(ModelViewSet):
    """« Réglages des modules »: self-enrolment, window, capacity, completion rules."""

    model = ModuleSettings
    form_fields = [
        "module",
        "self_enrolment",
        "opens_at",
        "closes_at",
        "capacity",
        "complete_lessons_on_open",
        "requires_signoff",
    ]
    list_display = ["module", "self_enrolment", "opens_at", "closes_at", "capacity"]
    icon = "cogs"
    menu_label = _("Module settings")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    name = "enrolment_modulesettings"
    url_prefix = "reglages-modules"


class EnrolmentViewSet(ModelViewSet):
    """« Inscriptions »: who is enrolled where; enrolments are made through the services."""

    model = Enrolment
    form_fields = ["status"]
    list_display = [
        Column("learner", label=_("learner")),
        Column("module", label=_("module")),
        "status",
        "source",
        "enrolled_at",
    ]
    list_filter = ["status", "source", "module"]
    search_fields = ["learner__email", "learner__last_name"]
    icon = "group"
    menu_label = _("Enrolments")
    menu_order = 270
    add_to_admin_menu = True
    add_view_enabled = False
    edit_view_enabled = False
    delete_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    name = "enrolment_enrolment"
    url_prefix = "inscriptions"


module_settings_viewset = ModuleSettingsViewSet()
enrolment_viewset = EnrolmentViewSet()
