"""Admin wiring of binômes: the requirement viewset and a menu link to the binôme pages."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.binomes.viewsets import module_binome_requirement_viewset
from lms.people.permissions import user_is_administrator, user_is_trainer


@hooks.register("register_admin_viewset")
def register_requirement_viewset():
    return module_binome_requirement_viewset


class _StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_administrator(request.user) or user_is_trainer(request.user)


@hooks.register("register_admin_menu_item")
def register_binomes_menu_item():
    return _StaffMenuItem(_("Binômes"), reverse("binomes:index"), icon_name="group", order=266)
