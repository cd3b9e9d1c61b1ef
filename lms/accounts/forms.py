"""Sign-in form: e-mail and password, with French messages."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import normalize_email_address


class EmailAuthenticationForm(AuthenticationForm):
    """Django's authentication form, labelled for an e-mail login."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        "invalid_login": _(
            "Incorrect e-mail address or password. Both fields may be case-sensitive for the "
            "password only."
        ),
        "inactive": _("This account is deactivated."),
    }

    def clean_username(self) -> str:
        return normalize_email_address(self.cleaned_data["username"])
