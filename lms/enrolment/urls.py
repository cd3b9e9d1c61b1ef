"""URLs of learners' enrolment actions."""

from django.urls import path

from lms.enrolment import views

app_name = "enrolment"

urlpatterns = [
    path("module/<int:module_id>/", views.module_enrol, name="module_enrol"),
    path("parcours/<int:curriculum_id>/", views.curriculum_enrol_view, name="curriculum_enrol"),
    path("<int:enrolment_id>/retrait/", views.enrolment_withdraw_view, name="withdraw"),
]
