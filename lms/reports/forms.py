"""Filter forms of the reports (read from the query string)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from curriculum.models import Audience, CurriculumPage, ModulePage
from lms.people.territories import region_choices
from lms.reports.permissions import report_promotions


class ReportFilterForm(forms.Form):
    """Promotion, audience, territory (région) and curriculum; only the promotions the
    user sees are offered."""

    promotion = forms.ModelChoiceField(
        label=_("Promotion"), queryset=None, required=False, empty_label=_("All promotions")
    )
    audience = forms.ChoiceField(label=_("Audience"), required=False)
    region = forms.ChoiceField(label=_("Territory (région)"), required=False)
    curriculum = forms.ModelChoiceField(
        label=_("Curriculum"),
        queryset=CurriculumPage.objects.order_by("path"),
        required=False,
        empty_label=_("All curricula"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["promotion"].queryset = report_promotions(user).order_by("-year", "name")
        self.fields["audience"].choices = [("", _("All audiences")), *Audience.choices]
        self.fields["region"].choices = [("", _("All territories")), *region_choices()]

    def selector_kwargs(self) -> dict:
        """The filters as keyword arguments of the report selectors (call when valid)."""
        data = self.cleaned_data
        promotion = data.get("promotion")
        curriculum = data.get("curriculum")
        kwargs = {
            "promotion_ids": [promotion.pk] if promotion else None,
            "audience": data.get("audience") or None,
            "region": data.get("region") or None,
            "curriculum_id": curriculum.pk if curriculum else None,
        }
        if "module" in self.fields:
            module = data.get("module")
            kwargs["module_id"] = module.pk if module else None
        return kwargs


class LearnerReportFilterForm(ReportFilterForm):
    """The matrix filters, plus one module (to drill into a row of the matrix)."""

    module = forms.ModelChoiceField(
        label=_("Module"),
        queryset=ModulePage.objects.order_by("path"),
        required=False,
        empty_label=_("All modules"),
    )
