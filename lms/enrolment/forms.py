"""Admin forms of enrolment."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from curriculum.models import ModulePage
from lms.accounts.models import normalize_email_address


class AdministratorEnrolmentForm(forms.Form):
    """Enrol one learner, found by e-mail, in a module (administrators)."""

    email = forms.EmailField(label=_("Learner's e-mail address"))
    module = forms.ModelChoiceField(
        label=_("Module"), queryset=ModulePage.objects.none(), empty_label=None
    )
    override_capacity = forms.BooleanField(
        label=_("Enrol even if the module is full"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = ModulePage.objects.order_by("path")

    def clean_email(self):
        email = normalize_email_address(self.cleaned_data["email"])
        learner = get_user_model().objects.filter(email=email, is_active=True).first()
        if learner is None:
            raise forms.ValidationError(_("No active account uses this e-mail address."))
        self.cleaned_data["learner"] = learner
        return email
