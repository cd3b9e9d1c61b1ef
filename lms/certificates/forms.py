"""Forms of certificates: verification, issuing, revoking, re-issuing."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from curriculum.models import CurriculumPage, ModulePage
from lms.accounts.models import normalize_email_address
from lms.certificates.codes import CodeError, code_normalise
from lms.certificates.models import CertificateTemplate
from lms.people.models import Promotion


class VerifyForm(forms.Form):
    """A code typed by someone checking a certificate."""

    code = forms.CharField(
        label=_("Certificate code"),
        max_length=60,
        help_text=_("20 characters, as printed on the certificate, e.g. 7K3M-Q9ZD-X2VB-N8TR-4HWA."),
    )

    def clean_code(self) -> str:
        try:
            return code_normalise(self.cleaned_data["code"])
        except CodeError as error:
            raise forms.ValidationError(error.message, code=error.code) from error


def _target_choices() -> list:
    curricula = list(CurriculumPage.objects.order_by("path").only("pk", "title"))
    modules = list(ModulePage.objects.order_by("path").only("pk", "title"))
    return [
        ("", "---------"),
        (_("Curricula"), [(str(page.pk), page.title) for page in curricula]),
        (_("Modules"), [(str(page.pk), page.title) for page in modules]),
    ]


class IssueForm(forms.Form):
    """Issue a certificate to one learner, found by e-mail (administrators)."""

    email = forms.EmailField(label=_("Learner's e-mail address"))
    target = forms.ChoiceField(label=_("Module or curriculum"))
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        help_text=_("Empty: the learner's preferred language."),
    )
    template = forms.ModelChoiceField(
        label=_("Template"),
        queryset=CertificateTemplate.objects.none(),
        required=False,
        help_text=_("Empty: the module's (or curriculum's) own template, else the general one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = _target_choices()
        self.fields["language"].choices = [("", _("Learner's preference")), *settings.LANGUAGES]
        self.fields["template"].queryset = CertificateTemplate.objects.filter(is_active=True)

    def clean_email(self):
        email = normalize_email_address(self.cleaned_data["email"])
        learner = get_user_model().objects.filter(email=email).first()
        if learner is None:
            raise forms.ValidationError(_("No account uses this e-mail address."))
        self.cleaned_data["learner"] = learner
        return email

    def clean_target(self):
        value = self.cleaned_data["target"]
        page = (
            CurriculumPage.objects.filter(pk=value).first()
            or ModulePage.objects.filter(pk=value).first()
        )
        if page is None:
            raise forms.ValidationError(_("Choose a module or a curriculum."))
        return page


class RevokeForm(forms.Form):
    """The reason for a revocation (required)."""

    reason = forms.CharField(
        label=_("Reason for the revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class ReissueForm(forms.Form):
    """Re-issue a certificate (after a name correction, for instance)."""

    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Same as before")), *settings.LANGUAGES]


class BulkIssueForm(forms.Form):
    """Issue certificates to the eligible members of a promotion (administrators)."""

    promotion = forms.ModelChoiceField(label=_("Promotion"), queryset=Promotion.objects.none())
    target = forms.ChoiceField(label=_("Module or curriculum"))
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        help_text=_("Empty: each learner's preferred language."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["promotion"].queryset = Promotion.objects.order_by("-year", "name")
        self.fields["target"].choices = _target_choices()
        self.fields["language"].choices = [("", _("Learner's preference")), *settings.LANGUAGES]

    clean_target = IssueForm.clean_target
