"""Admin wiring of binômes (requirement viewsets, a menu link to the binôme pages) and
the panels other pages show: « Mon parcours » (``dashboard_panels``) and module pages
(``curriculum_module_panels``, see :mod:`curriculum.extensions`)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from lms.binomes.models import CurriculumBinomeRequirement, ModuleBinomeRequirement
from lms.binomes.viewsets import (
    curriculum_binome_requirement_viewset,
    module_binome_requirement_viewset,
)
from lms.people.permissions import user_is_administrator, user_is_trainer

# Curriculum requirements are governed by the module requirements' permissions.
register_permission_policy(
    CurriculumBinomeRequirement,
    ModelPermissionPolicy(CurriculumBinomeRequirement, auth_model=ModuleBinomeRequirement),
    exact_class=True,
)


@hooks.register("register_admin_viewset")
def register_requirement_viewset():
    return module_binome_requirement_viewset


@hooks.register("register_admin_viewset")
def register_curriculum_requirement_viewset():
    return curriculum_binome_requirement_viewset


class _StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_administrator(request.user) or user_is_trainer(request.user)


@hooks.register("register_admin_menu_item")
def register_binomes_menu_item():
    return _StaffMenuItem(_("Binômes"), reverse("binomes:index"), icon_name="group", order=266)


@hooks.register("dashboard_panels")
def dashboard_binomes_panel(request):
    """« Mon binôme » on the learner's dashboard: their binômes (partner, project,
    status), and the promotions where they are not paired yet (to declare themes)."""
    from lms.binomes.selectors import binome_list_for_learner
    from lms.people.selectors import promotion_list_for_learner

    user = request.user
    if not user.is_authenticated:
        return ""
    binomes = list(binome_list_for_learner(learner=user))
    paired = {binome.promotion_id for binome in binomes}
    waiting = [
        promotion
        for promotion in promotion_list_for_learner(learner=user)
        if promotion.pk not in paired
    ]
    if not binomes and not waiting:
        return ""
    rows = [(binome, binome.partner_of(user)) for binome in binomes]
    return render_to_string(
        "binomes/dashboard_panel.html",
        {"rows": rows, "waiting": waiting},
        request=request,
    )


@hooks.register("curriculum_module_panels")
def module_binome_panel(request, module):
    """On a module (or a module of a curriculum) requiring a completed binôme project:
    say so, and link a signed-in learner to their binôme."""
    from curriculum.models import CurriculumPage
    from lms.binomes.rules import curriculum_requires_binome_project, module_requires_binome_project
    from lms.binomes.selectors import binome_list_for_learner

    curriculum = CurriculumPage.objects.parent_of(module).first()
    for_module = module_requires_binome_project(module)
    for_curriculum = curriculum is not None and curriculum_requires_binome_project(curriculum)
    if not (for_module or for_curriculum):
        return ""
    user = request.user
    binomes = list(binome_list_for_learner(learner=user)) if user.is_authenticated else []
    return render_to_string(
        "binomes/module_panel.html",
        {
            "for_module": for_module,
            "for_curriculum": for_curriculum,
            "curriculum": curriculum,
            "binomes": binomes,
        },
        request=request,
    )
