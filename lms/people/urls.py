"""URLs of the learner's pages, included under ``/mon-profil/``."""

from django.urls import path

from lms.people import views

app_name = "people"

urlpatterns = [
    path("", views.ProfileView.as_view(), name="profile"),
]
