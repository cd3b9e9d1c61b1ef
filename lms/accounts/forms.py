"""Account forms (sign-in, password change and reset) rendered with the DSFR."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBoundField, DsfrDjangoTemplates
from dsfr.utils import dsfr_input_class_attr

from lms.accounts.models import normalize_email_address


class DsfrFormMixin:
    """Render a Django form with the State design system's field markup."""

    template_name = "dsfr/form_snippet.html"
    bound_field_class = DsfrBoundField

    @property
    def default_renderer(self):
        return DsfrDjangoTemplates

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for visible in self.visible_fields():
            dsfr_input_class_attr(visible)


class EmailAuthenticationForm(DsfrFormMixin, auth_forms.AuthenticationForm):
    """Django's authentication form, labelled for an e-mail login (any case)."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        "invalid_login": _(
            "Incorrect e-mail address or password. Note that the password is case-sensitive."
        ),
        "inactive": _("This account is deactivated."),
    }

    def clean_username(self) -> str:
        return normalize_email_address(self.cleaned_data["username"])


class PasswordChangeForm(DsfrFormMixin, auth_forms.PasswordChangeForm):
    """Change one's password, knowing the current one."""


class PasswordResetForm(DsfrFormMixin, auth_forms.PasswordResetForm):
    """Ask for a reset link by e-mail (the answer is the same whether the account exists)."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self) -> str:
        return normalize_email_address(self.cleaned_data["email"])


class SetPasswordForm(DsfrFormMixin, auth_forms.SetPasswordForm):
    """Choose a new password from a reset link."""
