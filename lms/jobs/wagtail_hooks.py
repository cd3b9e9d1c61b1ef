"""Admin wiring of background jobs: URLs of the progress page, its JSON status, the list."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.jobs.permissions import user_sees_all_jobs


@hooks.register("register_admin_urls")
def register_job_urls():
    from lms.jobs import views

    return [
        path("jobs/", views.job_list, name="jobs_job_list"),
        path("jobs/<int:job_id>/", views.job_detail, name="jobs_job_detail"),
        path("jobs/<int:job_id>/status/", views.job_status, name="jobs_job_status"),
    ]


class _JobsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return user_sees_all_jobs(request.user)


@hooks.register("register_settings_menu_item")
def register_jobs_menu_item():
    return _JobsMenuItem(
        _("Background jobs"), reverse("jobs_job_list"), icon_name="cogs", order=900
    )
