"""Admin viewsets of binômes: which modules, and which curricula, require a completed
binôme project."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from lms.binomes.models import CurriculumBinomeRequirement, ModuleBinomeRequirement


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


class CurriculumBinomeRequirementViewSet(ModelViewSet):
    """« Curricula requiring a binôme project »: such a curriculum completes only once
    its modules are completed and the learner's binôme project is marked complete.

    Both kinds of requirement are one responsibility: this screen is governed by the
    module requirement's permissions (administrators, see ``wagtail_hooks``), so no new
    role permission is needed.
    """

    model = CurriculumBinomeRequirement
    form_fields = ["curriculum"]
    list_display = ["curriculum"]
    icon = "group"
    menu_label = _("Binôme requirements (curricula)")
    menu_order = 266
    add_to_admin_menu = True
    edit_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False
    name = "binomes_curriculum_requirement"
    url_prefix = "binomes-exigences-parcours"


module_binome_requirement_viewset = ModuleBinomeRequirementViewSet()
curriculum_binome_requirement_viewset = CurriculumBinomeRequirementViewSet()
