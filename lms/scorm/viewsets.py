"""Admin views of SCORM packages (« Paquets SCORM »): list, upload, detail, new version; and
the chooser used by the SCORM lesson's ``package`` field.

Who may do what (Django model permissions, given to roles):

- ``scorm.view_scormpackage`` (or add/change): list packages and see their details;
- ``scorm.add_scormpackage``: upload a new package;
- ``scorm.change_scormpackage``: upload a new version of a package.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.chooser import ChooserViewSet

from lms.scorm.errors import ScormImportError
from lms.scorm.forms import ScormPackageUploadForm, ScormVersionUploadForm
from lms.scorm.importer import scorm_package_import
from lms.scorm.models import ScormPackage, ScormVersion

VIEW_PERMISSIONS = (
    "scorm.view_scormpackage",
    "scorm.add_scormpackage",
    "scorm.change_scormpackage",
)
ADD_PERMISSION = "scorm.add_scormpackage"
CHANGE_PERMISSION = "scorm.change_scormpackage"


def user_can_view_packages(user) -> bool:
    """May ``user`` list SCORM packages and see their details?"""
    return bool(user and user.is_active and any(user.has_perm(p) for p in VIEW_PERMISSIONS))


def user_can_add_package(user) -> bool:
    return bool(user and user.is_active and user.has_perm(ADD_PERMISSION))


def user_can_add_version(user) -> bool:
    return bool(user and user.is_active and user.has_perm(CHANGE_PERMISSION))


class _PackageView(View):
    """Base of the package views: a permission test and the viewset's URL names."""

    viewset = None  # set by ScormPackageViewSet
    permission_test = staticmethod(user_can_view_packages)

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_test(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def url(self, name: str, *args) -> str:
        return reverse(self.viewset.get_url_name(name), args=args)

    def render(self, template: str, context: dict):
        context.setdefault("header_icon", "upload")
        context["can_add"] = user_can_add_package(self.request.user)
        context["can_add_version"] = user_can_add_version(self.request.user)
        context["index_url"] = self.url("index")
        context["max_upload"] = settings.LMS_SCORM_MAX_UPLOAD_BYTES
        return TemplateResponse(self.request, f"scorm/admin/{template}", context)

    def refused(self, form, error: ScormImportError) -> None:
        form.add_error("file", error.message)


class PackageIndexView(_PackageView):
    def get(self, request):
        packages = ScormPackage.objects.annotate(
            version_count=Count("versions", distinct=True),
            last_number=Max("versions__number"),
            lesson_count=Count("lessons", distinct=True),
        ).order_by("title", "pk")
        rows = []
        for package in packages:
            current = package.current_version
            rows.append(
                {
                    "package": package,
                    "current": current,
                    "url": self.url("detail", package.pk),
                }
            )
        return self.render(
            "index.html",
            {"page_title": _("SCORM packages"), "rows": rows, "add_url": self.url("add")},
        )


class PackageAddView(_PackageView):
    permission_test = staticmethod(user_can_add_package)

    def get(self, request):
        return self._page(ScormPackageUploadForm())

    def post(self, request):
        form = ScormPackageUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                version = scorm_package_import(
                    upload=upload,
                    filename=upload.name,
                    user=request.user,
                    title=form.cleaned_data["title"],
                )
            except ScormImportError as error:
                self.refused(form, error)
            else:
                return self._done(version)
        return self._page(form, status=400 if request.method == "POST" else 200)

    def _page(self, form, status=200):
        response = self.render(
            "upload.html",
            {"page_title": _("Upload a SCORM package"), "form": form, "package": None},
        )
        response.status_code = status
        return response

    def _done(self, version):
        messages.success(
            self.request,
            _("« %(title)s » imported: SCORM %(version)s, %(items)s items.")
            % {
                "title": version.package.title,
                "version": version.get_scorm_version_display(),
                "items": version.items.count(),
            },
        )
        for warning in version.warnings:
            messages.warning(self.request, warning["message"])
        return redirect(self.url("detail", version.package_id))


class PackageVersionAddView(PackageAddView):
    permission_test = staticmethod(user_can_add_version)

    def get(self, request, pk):
        package = get_object_or_404(ScormPackage, pk=pk)
        return self._version_page(ScormVersionUploadForm(), package)

    def post(self, request, pk):
        package = get_object_or_404(ScormPackage, pk=pk)
        form = ScormVersionUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                version = scorm_package_import(
                    upload=upload, filename=upload.name, user=request.user, package=package
                )
            except ScormImportError as error:
                self.refused(form, error)
            else:
                return self._done(version)
        response = self._version_page(form, package)
        response.status_code = 400
        return response

    def _version_page(self, form, package):
        return self.render(
            "upload.html",
            {
                "page_title": _("New version of « %(title)s »") % {"title": package.title},
                "form": form,
                "package": package,
                "detail_url": self.url("detail", package.pk),
            },
        )


class PackageDetailView(_PackageView):
    def get(self, request, pk):
        package = get_object_or_404(ScormPackage.objects.select_related("created_by"), pk=pk)
        versions = list(package.versions.select_related("uploaded_by").order_by("-number"))
        selected = versions[0] if versions else None
        wanted = request.GET.get("version")
        if wanted:
            selected = next((v for v in versions if str(v.number) == wanted), None)
            if selected is None:
                raise Http404
        items = list(selected.items.order_by("position")) if selected else []
        for item in items:
            item.indent = item.depth * 1.5
            item.global_targets = sorted(
                {
                    info["target"]
                    for objective in item.objectives
                    for info in objective.get("map_info", [])
                    if info.get("target")
                }
            )
        lessons = [lesson.specific for lesson in package.lessons.order_by("path")]
        return self.render(
            "detail.html",
            {
                "page_title": package.title,
                "package": package,
                "versions": versions,
                "selected": selected,
                "items": items,
                "lessons": lessons,
                "is_ims_cp": selected is not None and selected.scorm_version == ScormVersion.IMS_CP,
                "add_version_url": self.url("add_version", package.pk),
                "detail_url": self.url("detail", package.pk),
            },
        )


class _PackagesMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return user_can_view_packages(request.user)


class ScormPackageViewSet(ViewSet):
    """The « Paquets SCORM » admin section."""

    name = "scorm_packages"
    url_prefix = "paquets-scorm"
    icon = "upload"
    menu_label = gettext_lazy("SCORM packages")
    menu_name = "scorm-packages"
    menu_order = 265
    add_to_admin_menu = True
    menu_item_class = _PackagesMenuItem

    def _view(self, view_class):
        return view_class.as_view(viewset=self)

    def get_urlpatterns(self):
        return [
            path("", self._view(PackageIndexView), name="index"),
            path("ajouter/", self._view(PackageAddView), name="add"),
            path("<int:pk>/", self._view(PackageDetailView), name="detail"),
            path(
                "<int:pk>/nouvelle-version/",
                self._view(PackageVersionAddView),
                name="add_version",
            ),
        ]


class _ChooserCreateView(chooser_views.CreateView):
    """The chooser has no creation form (packages are uploaded in their own section): its
    ``create/`` URL, which Wagtail always registers, answers 404 instead of failing."""

    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ScormPackageChooserViewSet(ChooserViewSet):
    """The chooser of the SCORM lesson's ``package`` field (search by title)."""

    model = ScormPackage
    create_view_class = _ChooserCreateView
    icon = "upload"
    choose_one_text = gettext_lazy("Choose a SCORM package")
    choose_another_text = gettext_lazy("Choose another SCORM package")
    url_filter_parameters = []


scorm_package_viewset = ScormPackageViewSet()
scorm_package_chooser_viewset = ScormPackageChooserViewSet("scorm_package_chooser")
