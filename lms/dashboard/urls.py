"""URLs of the learner dashboard."""

from django.urls import path

from lms.dashboard import views

app_name = "dashboard"

urlpatterns = [path("", views.dashboard_home, name="home")]
