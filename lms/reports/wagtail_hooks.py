"""Admin wiring of the reports: URLs under ``/admin/rapports/`` and entries in Wagtail's
« Reports » menu, shown to users the ``reports`` access rule lets in."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.reports.permissions import user_can_view_reports


class ReportMenuItem(MenuItem):
    """A menu entry shown to administrators and trainers only."""

    def is_shown(self, request) -> bool:
        return user_can_view_reports(request.user)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("rapports/", include("lms.reports.urls", namespace="reports"))]


@hooks.register("register_reports_menu_item")
def register_completion_menu_item():
    return ReportMenuItem(
        _("Module completion"),
        reverse_lazy("reports:matrix"),
        name="module-completion",
        icon_name="table",
        order=100,
    )


@hooks.register("register_reports_menu_item")
def register_learners_menu_item():
    return ReportMenuItem(
        _("Learners' progress"),
        reverse_lazy("reports:learners"),
        name="learners-progress",
        icon_name="user",
        order=101,
    )
