"""Root URL configuration: accounts, health check, Wagtail admin and pages."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.portal import views as portal_views

urlpatterns = [
    path("healthz", portal_views.healthz, name="healthz"),
    path("comptes/", include("lms.accounts.urls")),
    path("mon-profil/", include("lms.people.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("inscriptions/", include("lms.enrolment.urls")),
    path("suivi/", include("lms.progress.urls")),
    path("mon-parcours/", include("lms.dashboard.urls")),
    path("attestations/", include("lms.certificates.urls")),
    path("binomes/", include("lms.binomes.urls")),
    path("scorm/", include("lms.scorm.urls")),
    path("scorm/lecteur/", include("lms.scorm.player_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler403 = "lms.portal.views.permission_denied"
handler404 = "lms.portal.views.page_not_found"
handler500 = "lms.portal.views.server_error"
