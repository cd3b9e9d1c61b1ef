"""Forms of the binôme pages: project, milestones, deliverables, comments, pairing, grid."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from lms.accounts.forms import DsfrFormMixin
from lms.binomes.models import SCORE_MAX, SCORE_MIN, Project
from lms.people.territories import departement_choices


class ProjectForm(DsfrFormMixin, forms.Form):
    """The project's description, changed by the members."""

    title = forms.CharField(label=_("Title"), max_length=200)
    problem = forms.CharField(
        label=_("Public problem addressed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    territory = forms.ChoiceField(
        label=_("Territory (département)"),
        choices=[("", _("Not set"))],
        required=False,
    )
    partners = forms.CharField(
        label=_("Partners"),
        help_text=_("E.g. a local authority, a public operator."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].choices = [("", _("Not set")), *departement_choices()]

    @classmethod
    def initial_for(cls, project: Project) -> dict:
        """The form's initial values from the stored project."""
        return {
            "title": project.title,
            "problem": project.problem,
            "territory": project.territory,
            "partners": project.partners,
        }


class MilestoneForm(DsfrFormMixin, forms.Form):
    """A new milestone."""

    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class DeliverableForm(DsfrFormMixin, forms.Form):
    """A document to upload."""

    file = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, OpenDocument, Office, PNG or JPEG documents."),
    )


class CommentForm(DsfrFormMixin, forms.Form):
    """A trainer's comment."""

    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class ThemesForm(DsfrFormMixin, forms.Form):
    """The themes a learner would like to work on, used to suggest a pairing."""

    themes = forms.CharField(
        label=_("Themes I would like to work on"),
        help_text=_("Separated by commas, e.g. « insertion, logement, mobilité »."),
        max_length=500,
        required=False,
    )


class PairForm(DsfrFormMixin, forms.Form):
    """Two unpaired learners of the promotion, paired by hand."""

    first = forms.ModelChoiceField(label=_("Senior civil servant"), queryset=None)
    second = forms.ModelChoiceField(label=_("Association leader"), queryset=None)

    def __init__(self, *args, civil_servants, association_leaders, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.fields["first"].queryset = User.objects.filter(
            pk__in=[person.pk for person in civil_servants]
        ).order_by("last_name", "first_name")
        self.fields["second"].queryset = User.objects.filter(
            pk__in=[person.pk for person in association_leaders]
        ).order_by("last_name", "first_name")


class CriterionForm(DsfrFormMixin, forms.Form):
    """A criterion of the evaluation grid."""

    label = forms.CharField(label=_("Criterion"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


def score_choices() -> list[tuple[str, str]]:
    """The scores of the grid, 1 to 4."""
    return [(str(score), str(score)) for score in range(SCORE_MIN, SCORE_MAX + 1)]


class EvaluationForm(DsfrFormMixin, forms.Form):
    """One score (and an optional comment) per criterion of the promotion's grid."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.label,
                help_text=criterion.description,
                choices=score_choices(),
                coerce=int,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment (optional)"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def answers(self) -> dict[int, tuple[int, str]]:
        """The answers as :func:`~lms.binomes.services.evaluation_submit` takes them."""
        return {
            criterion.pk: (
                self.cleaned_data[f"score_{criterion.pk}"],
                self.cleaned_data.get(f"comment_{criterion.pk}", ""),
            )
            for criterion in self.criteria
        }
