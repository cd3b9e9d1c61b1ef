"""Public URLs of certificates: verification (no login) and the learner's downloads."""

from django.urls import path

from lms.certificates import views

app_name = "certificates"

urlpatterns = [
    path("verifier/", views.verify_form, name="verify"),
    path("verifier/<str:code>.json", views.verify_json, name="verify_json"),
    path("verifier/<str:code>/", views.verify_code, name="verify_code"),
    path("<int:pk>/telecharger/", views.learner_download, name="download"),
]
