"""LMS-side URLs of the SCORM runtime (on the site's origin)."""

from django.urls import path

from lms.scorm import views

app_name = "scorm"

urlpatterns = [
    path("commit/<str:token>/", views.commit, name="commit"),
]
