"""Admin form of imports: the file and where to enrol its learners."""

from django import forms
from django.utils.translation import gettext_lazy as _

from curriculum.models import ModulePage
from lms.people.models import Promotion


class ImportUploadForm(forms.Form):
    """Upload a CSV or XLSX file of learners to enrol in a module."""

    file = forms.FileField(
        label=_("File of learners"),
        help_text=_(
            "CSV (separated by semicolons or commas; UTF-8 or Windows-1252) or Excel "
            "workbook (.xlsx). First row: courriel, prénom, nom, public, organisation, "
            "territoire, promotion (only courriel is required)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    module = forms.ModelChoiceField(
        label=_("Module to enrol them in"), queryset=ModulePage.objects.none()
    )
    promotion = forms.ModelChoiceField(
        label=_("Also add them to the promotion"),
        queryset=Promotion.objects.none(),
        required=False,
        help_text=_("Optional; the “promotion” column of the file applies as well."),
    )
    override_capacity = forms.BooleanField(
        label=_("Enrol even if the module is full"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = ModulePage.objects.order_by("path")
        self.fields["promotion"].queryset = Promotion.objects.all()
