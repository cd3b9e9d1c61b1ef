"""Admin views of the reports: completion matrix, learners, a learner's detail, exports.

Every view first applies the ``reports`` access rule (:mod:`lms.reports.permissions`); the
selectors then keep each user to the promotions they may see. Exports take the same query
string as the screen they come from, so they hold the same rows and columns.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.reports.exports import csv_response, xlsx_response
from lms.reports.forms import LearnerReportFilterForm, ReportFilterForm
from lms.reports.permissions import check_reports_access
from lms.reports.selectors import (
    completion_matrix,
    learner_detail,
    learner_for_report,
    learner_rows,
)
from lms.reports.tables import (
    CellText,
    LearnerValues,
    learner_header,
    matrix_header,
    matrix_values,
)

LEARNERS_PER_PAGE = 100
AUDIT_ENTRIES_PER_PAGE = 50
EXPORT_FORMATS = ("csv", "xlsx")


class ReportAccessMixin:
    """The ``reports`` access rule, before anything else."""

    def dispatch(self, request, *args, **kwargs):
        check_reports_access(request.user)
        return super().dispatch(request, *args, **kwargs)


class ReportPageView(ReportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("reports:matrix"), "label": gettext_lazy("Module completion")},
            *self.extra_breadcrumbs_items(),
        ]

    def extra_breadcrumbs_items(self) -> list[dict]:
        return []


def _filters(form, **changes) -> dict:
    """The filters of a valid form as query parameters (empty ones left out)."""
    values = {name: form.data.get(name) for name in form.fields}
    values.update(changes)
    return {name: value for name, value in values.items() if value}


def _query_string(form, **changes) -> str:
    return urlencode(_filters(form, **changes))


def _filename(stem: str, extension: str) -> str:
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"


class MatrixView(ReportPageView):
    """Completion per promotion × module, filtered by the query string."""

    template_name = "reports/admin/matrix.html"
    page_title = gettext_lazy("Module completion")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ReportFilterForm(self.request.GET, user=self.request.user)
        rows = []
        query = ""
        if form.is_valid():
            matrix = completion_matrix(user=self.request.user, **form.selector_kwargs())
            query = _query_string(form)
            text = CellText()
            learners_url = reverse("reports:learners")
            for row in matrix.rows:
                drill = _query_string(form, promotion=row.promotion.pk, module=row.module_id)
                rows.append(
                    {
                        "cells": text.row(matrix_values(row)),
                        "learners_url": f"{learners_url}?{drill}",
                    }
                )
        context.update(
            form=form,
            header=matrix_header(),
            rows=rows,
            export_urls={
                extension: f"{reverse('reports:matrix_export', args=(extension,))}?{query}"
                for extension in EXPORT_FORMATS
            },
            learners_url=f"{reverse('reports:learners')}?{query}",
        )
        return context


class LearnersView(ReportPageView):
    """The rows under the matrix: one per learner × module, paginated, each linking to
    the learner's detail."""

    template_name = "reports/admin/learners.html"
    page_title = gettext_lazy("Learners' progress")

    def extra_breadcrumbs_items(self):
        return [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = LearnerReportFilterForm(self.request.GET, user=self.request.user)
        page = None
        rows = []
        query = ""
        if form.is_valid():
            report = learner_rows(user=self.request.user, **form.selector_kwargs())
            query = _query_string(form)
            page = Paginator(report.queryset, LEARNERS_PER_PAGE).get_page(self.request.GET.get("p"))
            values = LearnerValues()
            text = CellText()
            for raw in page.object_list:
                row = report.wrap(raw)
                rows.append(
                    {
                        "cells": text.row(values(row)),
                        "detail_url": reverse("reports:learner", args=(row.learner_id,)),
                    }
                )
        context.update(
            form=form,
            header=learner_header(),
            rows=rows,
            page=page,
            query=query,
            export_urls={
                extension: f"{reverse('reports:learners_export', args=(extension,))}?{query}"
                for extension in EXPORT_FORMATS
            },
        )
        return context


class LearnerDetailView(ReportPageView):
    """A learner's profile, promotions, progress per module and audit trail."""

    template_name = "reports/admin/learner_detail.html"

    def get(self, request, *args, **kwargs):
        self.learner = learner_for_report(user=request.user, pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.learner)

    def extra_breadcrumbs_items(self):
        return [
            {"url": reverse("reports:learners"), "label": gettext_lazy("Learners' progress")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        detail = learner_detail(user=self.request.user, learner=self.learner)
        context.update(
            detail=detail,
            audit_page=Paginator(detail.audit, AUDIT_ENTRIES_PER_PAGE).get_page(
                self.request.GET.get("p")
            ),
        )
        return context


class MatrixExportView(ReportAccessMixin, View):
    """The matrix as on screen, in CSV (streamed) or XLSX."""

    def get(self, request, extension: str) -> HttpResponse:
        form = ReportFilterForm(request.GET, user=request.user)
        if not form.is_valid():
            return HttpResponseBadRequest(_("The report filters are not valid."))
        matrix = completion_matrix(user=request.user, **form.selector_kwargs())
        rows = (matrix_values(row) for row in matrix.rows)
        if extension == "csv":
            return csv_response(
                filename=_filename("completion", "csv"), header=matrix_header(), rows=rows
            )
        return xlsx_response(
            filename=_filename("completion", "xlsx"),
            sheet_title=_("Completion"),
            header=matrix_header(),
            rows=rows,
        )


class LearnersExportView(ReportAccessMixin, View):
    """The learners report (one row per learner × module) in CSV (streamed) or XLSX, read
    from the database in chunks."""

    def get(self, request, extension: str) -> HttpResponse:
        form = LearnerReportFilterForm(request.GET, user=request.user)
        if not form.is_valid():
            return HttpResponseBadRequest(_("The report filters are not valid."))
        report = learner_rows(user=request.user, **form.selector_kwargs())
        values = LearnerValues()
        rows = (values(row) for row in report.rows())
        if extension == "csv":
            return csv_response(
                filename=_filename("apprenants", "csv"), header=learner_header(), rows=rows
            )
        return xlsx_response(
            filename=_filename("apprenants", "xlsx"),
            sheet_title=_("Learners"),
            header=learner_header(),
            rows=rows,
        )
