"""Admin forms of SCORM packages: upload a zip as a new package or as a new version."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ScormVersionUploadForm(forms.Form):
    """Upload a SCORM zip as the next version of a package."""

    file = forms.FileField(
        label=_("SCORM package (zip)"),
        help_text=_(
            "A SCORM 1.2 or 2004 zip exported by the authoring tool, with imsmanifest.xml at "
            "its root."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.LMS_SCORM_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                gettext("The file is larger than the %(max)s allowed.")
                % {"max": filesizeformat(limit)},
                code="upload_too_large",
            )
        return upload


class ScormPackageUploadForm(ScormVersionUploadForm):
    """Upload a SCORM zip as a new package."""

    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        required=False,
        help_text=_("Leave empty to use the title given by the package's manifest."),
    )

    field_order = ["file", "title"]
