"""Admin URLs of the trainers' SCORM tracking, mounted under ``/admin/suivi-scorm/``."""

from django.urls import path

from lms.scorm import trainer_views

app_name = "scorm_tracking"

urlpatterns = [
    path("", trainer_views.LessonsView.as_view(), name="lessons"),
    path("lecons/<int:lesson_id>/", trainer_views.LessonView.as_view(), name="lesson"),
    path("tentatives/<int:pk>/", trainer_views.AttemptView.as_view(), name="attempt"),
    path(
        "lecons/<int:lesson_id>/apprenants/<int:learner_id>/nouvelle-tentative/",
        trainer_views.GrantView.as_view(),
        name="grant",
    ),
]
