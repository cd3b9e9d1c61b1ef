"""Admin viewset of binômes: which modules require a completed binôme project."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from lms.binomes.models import ModuleBinomeRequirement


class ModuleBinomeRequirementViewSet(ModelViewSet):
    """« Modules requiring a binôme project »: such a module completes only once the
    learner's binôme project is marked complete."""

    model = ModuleBinomeRequirement
    form_fields = ["module"]
    list_display = ["module"]
    icon = "group"
    menu_label = _("Binôme requirements")
    menu_order = 265
    add_to_admin_menu = True
    edit_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False
    name = "binomes_requirement"
    url_prefix = "binomes-exigences"


module_binome_requirement_viewset = ModuleBinomeRequirementViewSet()
