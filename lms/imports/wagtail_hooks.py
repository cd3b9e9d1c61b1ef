"""Admin wiring of imports: URLs and the menu item (for those who may import)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.imports.permissions import user_can_import


@hooks.register("register_admin_urls")
def register_import_urls():
    from lms.imports import views

    return [
        path("imports/", views.import_upload, name="imports_upload"),
        path("imports/<int:batch_id>/", views.import_batch, name="imports_batch"),
        path(
            "imports/<int:batch_id>/confirm/",
            views.import_batch_confirm_view,
            name="imports_batch_confirm",
        ),
    ]


class _ImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return user_can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return _ImportMenuItem(
        _("Import learners"), reverse("imports_upload"), icon_name="upload", order=260
    )
