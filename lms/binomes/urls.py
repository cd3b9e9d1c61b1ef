"""URLs of binômes, included under ``/binomes/``."""

from django.urls import path

from lms.binomes import views

app_name = "binomes"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.project_detail, name="project"),
    path("<int:pk>/projet/", views.project_update, name="project_update"),
    path("<int:pk>/jalons/", views.milestone_add, name="milestone_add"),
    path("jalons/<int:pk>/fait/", views.milestone_toggle, name="milestone_toggle"),
    path("jalons/<int:pk>/supprimer/", views.milestone_delete, name="milestone_delete"),
    path("<int:pk>/livrables/", views.deliverable_add, name="deliverable_add"),
    path("livrables/<int:pk>/", views.deliverable_download, name="deliverable_download"),
    path("livrables/<int:pk>/supprimer/", views.deliverable_remove, name="deliverable_remove"),
    path("<int:pk>/commentaires/", views.comment_add, name="comment_add"),
    path("<int:pk>/terminer/", views.project_complete, name="project_complete"),
    path("<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("<int:pk>/dissoudre/", views.binome_dissolve, name="dissolve"),
    path("promotion/<int:pk>/", views.promotion_binomes, name="promotion"),
    path("promotion/<int:pk>/themes/", views.themes_update, name="themes"),
    path("promotion/<int:pk>/themes/equipe/", views.themes_manage, name="themes_manage"),
    path("promotion/<int:pk>/former/", views.pairing, name="pairing"),
    path("promotion/<int:pk>/former/binome/", views.pair_create, name="pair_create"),
    path("promotion/<int:pk>/former/confirmer/", views.pairing_confirm, name="pairing_confirm"),
    path("promotion/<int:pk>/grille/", views.criteria, name="criteria"),
    path("grille/<int:pk>/", views.criterion_edit, name="criterion_edit"),
    path("grille/<int:pk>/deplacer/", views.criterion_move, name="criterion_move"),
    path("grille/<int:pk>/supprimer/", views.criterion_delete, name="criterion_delete"),
    path("promotion/<int:pk>/rapport/", views.report, name="report"),
    path(
        "promotion/<int:pk>/rapport/export.<str:extension>",
        views.report_export,
        name="report_export",
    ),
]
