"""Forms of the profile page and of the admin screens for promotions and learners."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.accounts.forms import DsfrFormMixin
from lms.accounts.models import normalize_email_address
from lms.people.models import LearnerProfile, Promotion
from lms.people.selectors import trainer_candidates, users_by_email

EMAIL_SEPARATORS = re.compile(r"[\s,;]+")


def language_choices() -> list[tuple[str, str]]:
    """The platform's languages, each named in itself (« Français », « English »)."""
    return [
        (code, get_language_info(code)["name_local"].capitalize())
        for code, _name in settings.LANGUAGES
    ]


class ProfileForm(DsfrFormMixin, forms.Form):
    """What learners change themselves; audience and territory are set by administrators."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=255,
        required=False,
        help_text=_("Your administration or association."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        help_text=_("The language of the platform's interface and of its e-mails."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].choices = language_choices()


class PromotionForm(WagtailAdminModelForm):
    """A promotion's details and the trainers (members of *Formateurs*) who follow it;
    the rules live in the model's constraints and in the services."""

    trainers = forms.ModelMultipleChoiceField(
        label=_("Trainers following it"),
        queryset=trainer_candidates(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only members of the Formateurs group are listed."),
    )

    class Meta:
        model = Promotion
        fields = ["name", "year", "starts_on", "ends_on", "region", "trainers"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Evaluated per form so new trainers show up without a restart.
        self.fields["trainers"].queryset = trainer_candidates()


class LearnerProfileAdminForm(WagtailAdminModelForm):
    """What administrators set on a learner's profile."""

    class Meta:
        model = LearnerProfile
        fields = ["audience", "organisation", "region", "departement", "preferred_language"]


class PromotionMembersForm(forms.Form):
    """Add learners to a promotion by e-mail address: all of them or none."""

    emails = forms.CharField(
        label=_("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One or several addresses, separated by commas or new lines."),
    )

    def clean_emails(self) -> list:
        addresses = []
        for raw in EMAIL_SEPARATORS.split(self.cleaned_data["emails"]):
            address = normalize_email_address(raw)
            if address and address not in addresses:
                addresses.append(address)
        if not addresses:
            raise ValidationError(_("Enter at least one e-mail address."))

        invalid = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                invalid.append(address)
        if invalid:
            raise ValidationError(
                _("These e-mail addresses are not valid: %(emails)s. No learner was added."),
                params={"emails": ", ".join(invalid)},
            )

        users = users_by_email(emails=addresses)
        unknown = [address for address in addresses if address not in users]
        if unknown:
            raise ValidationError(
                _("No account uses these e-mail addresses: %(emails)s. No learner was added."),
                params={"emails": ", ".join(unknown)},
            )
        return [users[address] for address in addresses]
