"""URLs of learners' progress actions."""

from django.urls import path

from lms.progress import views

app_name = "progress"

urlpatterns = [
    path("lecons/<int:lesson_id>/terminee/", views.lesson_done, name="lesson_done"),
    path("lecons/<int:lesson_id>/activite/", views.lesson_activity, name="lesson_activity"),
]
