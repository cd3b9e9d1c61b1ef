"""Admin view of enrolment: enrol a whole promotion in a module (administrators)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from curriculum.models import ModulePage
from lms.enrolment.models import Enrolment
from lms.enrolment.services import enrolment_create_many
from lms.people.permissions import promotions_visible_to
from lms.people.selectors import promotion_members

PERMISSION = "enrolment.add_enrolment"


class PromotionEnrolmentForm(forms.Form):
    """A promotion (among those the user may see), a module, and whether to go over its
    capacity."""

    promotion = forms.ModelChoiceField(
        label=gettext_lazy("Promotion"), queryset=None, empty_label=None
    )
    module = forms.ModelChoiceField(
        label=gettext_lazy("Module"), queryset=ModulePage.objects.none(), empty_label=None
    )
    override_capacity = forms.BooleanField(
        label=gettext_lazy("Enrol even if the module is full"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["promotion"].queryset = promotions_visible_to(user)
        self.fields["module"].queryset = ModulePage.objects.order_by("path")


def enrol_promotion(request):
    """GET shows the form; POST (with CSRF) enrols the promotion's active members at that
    moment and shows how many were added, already enrolled or refused (and why)."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = PromotionEnrolmentForm(request.POST or None, user=request.user)
    context = {"form": form, "page_title": _("Enrol a promotion"), "result": None}
    if request.method == "POST" and form.is_valid():
        promotion = form.cleaned_data["promotion"]
        module = form.cleaned_data["module"]
        learners = [
            membership.learner
            for membership in promotion_members(promotion=promotion)
            if membership.learner.is_active
        ]
        result = enrolment_create_many(
            learners=learners,
            module=module,
            source=Enrolment.Source.PROMOTION,
            by=request.user,
            override_capacity=form.cleaned_data["override_capacity"],
        )
        context.update(
            result=result,
            promotion=promotion,
            module=module,
            member_count=len(learners),
            form=PromotionEnrolmentForm(user=request.user),
        )
    return TemplateResponse(request, "enrolment/admin/enrol_promotion.html", context)
