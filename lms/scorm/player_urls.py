"""Site-side endpoints of the SCORM player (mounted at ``scorm/lecteur/``)."""

from django.urls import path

from lms.scorm import player_views

app_name = "scorm_player"

urlpatterns = [
    path("<int:lesson_id>/lancer/", player_views.launch, name="launch"),
    path("<int:lesson_id>/naviguer/", player_views.navigate, name="navigate"),
    path("<int:lesson_id>/sommaire/", player_views.toc, name="toc"),
]
