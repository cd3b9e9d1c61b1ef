"""Admin viewset of certificate templates: a snippet with a live PDF preview, saved
through :func:`~lms.certificates.services.certificate_template_save` (a new version)."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.log_actions import log
from wagtail.snippets.views import chooser as snippet_chooser_views
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.certificates.errors import CertificateError
from lms.certificates.models import CertificateTemplate
from lms.certificates.placeholders import placeholder_help
from lms.certificates.services import certificate_template_save

TEMPLATE_VIEW_PERMISSION = "certificates.view_certificatetemplate"


class _VersionedSaveMixin:
    """Save through the service, which freezes a new version of the template."""

    log_action_name = ""

    def save_instance(self):
        self.new_revision = None
        instance = self.form.save(commit=False)
        try:
            certificate_template_save(template=instance, by=self.request.user)
        except CertificateError as error:
            raise ValidationError(error.message) from error
        log(instance=instance, action=self.log_action_name, user=self.request.user)
        return instance


class TemplateCreateView(_VersionedSaveMixin, snippet_views.CreateView):
    log_action_name = "wagtail.create"


class TemplateEditView(_VersionedSaveMixin, snippet_views.EditView):
    log_action_name = "wagtail.edit"


class _ChooserCreateView(snippet_chooser_views.SnippetCreateView):
    """Templates are not created from the chooser (no creation form): its ``create/`` URL,
    which Wagtail always registers, answers 404 instead of failing."""

    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class _TemplateChooserViewSet(snippet_chooser_views.SnippetChooserViewSet):
    """Wagtail's chooser of the snippet, for those who may see templates only (Wagtail's
    choosers check no permission: trainers and reviewers would list them there)."""

    create_view_class = _ChooserCreateView

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)

        @wraps(view)
        def checked(request, *args, **kwargs):
            if not request.user.has_perm(TEMPLATE_VIEW_PERMISSION):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return checked


class CertificateTemplateViewSet(SnippetViewSet):
    """« Modèles d'attestation »: what certificates say and look like."""

    model = CertificateTemplate
    add_view_class = TemplateCreateView
    edit_view_class = TemplateEditView
    chooser_viewset_class = _TemplateChooserViewSet
    icon = "doc-full"
    menu_label = _("Certificate templates")
    menu_order = 291
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["name", "kind", "target", "is_active", "version", "updated_at"]
    list_filter = ["kind", "is_active"]
    url_prefix = "attestations/modeles"
    admin_url_namespace = "certificates_templates"

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("kind"), FieldPanel("target"), FieldPanel("is_active")],
            heading=_("What it certifies"),
        ),
        HelpPanel(
            content=format_lazy(
                "{} {}",
                _("Placeholders you may use in titles and texts:"),
                lazy(placeholder_help, str)(),
            )
        ),
        MultiFieldPanel(
            [FieldPanel("title_fr"), FieldPanel("body_fr"), FieldPanel("signatory_role_fr")],
            heading=_("French version"),
        ),
        MultiFieldPanel(
            [FieldPanel("title_en"), FieldPanel("body_en"), FieldPanel("signatory_role_en")],
            heading=_("English version"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signature_image"),
                FieldPanel("logo_1"),
                FieldPanel("logo_2"),
                FieldPanel("logo_3"),
                FieldPanel("primary_colour"),
                FieldPanel("accent_colour"),
            ],
            heading=_("Signatory and look"),
        ),
    ]


certificate_template_viewset = CertificateTemplateViewSet()
