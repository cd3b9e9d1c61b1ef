"""Admin URLs of the reports, mounted under ``/admin/rapports/`` by ``wagtail_hooks``."""

from django.urls import path, re_path

from lms.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.MatrixView.as_view(), name="matrix"),
    re_path(
        r"^completion\.(?P<extension>csv|xlsx)$",
        views.MatrixExportView.as_view(),
        name="matrix_export",
    ),
    path("apprenants/", views.LearnersView.as_view(), name="learners"),
    re_path(
        r"^apprenants\.(?P<extension>csv|xlsx)$",
        views.LearnersExportView.as_view(),
        name="learners_export",
    ),
    path("apprenants/<int:pk>/", views.LearnerDetailView.as_view(), name="learner"),
]
