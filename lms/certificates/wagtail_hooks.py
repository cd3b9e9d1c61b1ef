"""Admin wiring of certificates: templates (snippet viewset), certificate pages, menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from lms.certificates.permissions import user_can_view_certificates
from lms.certificates.viewsets import certificate_template_viewset

register_snippet(certificate_template_viewset)


@hooks.register("register_admin_urls")
def register_certificate_urls():
    from lms.certificates import admin_views

    return [
        path("attestations/", admin_views.certificate_index, name="certificates_admin_index"),
        path(
            "attestations/emettre/",
            admin_views.certificate_issue_view,
            name="certificates_admin_issue",
        ),
        path(
            "attestations/emettre-en-masse/",
            admin_views.certificate_bulk_view,
            name="certificates_admin_bulk",
        ),
        path(
            "attestations/emettre-en-masse/<int:job_id>/",
            admin_views.certificate_bulk_result,
            name="certificates_admin_bulk_result",
        ),
        path(
            "attestations/<int:pk>/",
            admin_views.certificate_detail,
            name="certificates_admin_detail",
        ),
        path(
            "attestations/<int:pk>/pdf/", admin_views.certificate_pdf, name="certificates_admin_pdf"
        ),
        path(
            "attestations/<int:pk>/revoquer/",
            admin_views.certificate_revoke_view,
            name="certificates_admin_revoke",
        ),
        path(
            "attestations/<int:pk>/reemettre/",
            admin_views.certificate_reissue_view,
            name="certificates_admin_reissue",
        ),
        path(
            "attestations/modele/<int:pk>/apercu/",
            admin_views.template_preview,
            name="certificates_admin_template_preview",
        ),
    ]


class _CertificatesMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return user_can_view_certificates(request.user)


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return _CertificatesMenuItem(
        _("Certificates"), reverse("certificates_admin_index"), icon_name="doc-full", order=290
    )
