"""Admin views of promotions and learners' profiles: Wagtail model viewsets whose writes go
through the services and whose listings show only what the user may see."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet

from lms.people.forms import LearnerProfileAdminForm, PromotionForm, PromotionMembersForm
from lms.people.models import LearnerProfile, Promotion
from lms.people.permissions import learner_profiles_visible_to, promotions_visible_to
from lms.people.selectors import (
    learner_profile_list_for_user,
    promotion_list_for_learner,
    promotion_list_for_user,
    promotion_members,
)
from lms.people.services import (
    learner_profile_update,
    promotion_add_members,
    promotion_create,
    promotion_delete,
    promotion_remove_member,
    promotion_update,
)


def add_service_errors(form, error: ValidationError) -> None:
    """Show a refusal from a service on the form, on its field when the form has it."""
    for field, errors in error.update_error_dict({}).items():
        form.add_error(field if field in form.fields else None, errors)


class ServiceFormMixin:
    """Turn a service's refusal into form errors (the transaction is already rolled back)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


# Promotions --------------------------------------------------------------------------------


def trainer_names(promotion: Promotion) -> str:
    return ", ".join(str(trainer) for trainer in promotion.trainers.all()) or "—"


class PromotionScopeMixin:
    """Promotions the user may not see answer 404, as if they did not exist."""

    def get_queryset(self):
        return promotions_visible_to(self.request.user)


class PromotionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return promotion_list_for_user(user=self.request.user)


class PromotionCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return promotion_create(
            name=data["name"],
            year=data["year"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            region=data["region"],
            trainers=data["trainers"],
            by=self.request.user,
        )


class PromotionEditView(ServiceFormMixin, PromotionScopeMixin, generic.EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return promotion_update(
            promotion=self.object,
            name=data["name"],
            year=data["year"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            region=data["region"],
            trainers=data["trainers"],
            by=self.request.user,
        )


class PromotionDeleteView(PromotionScopeMixin, generic.DeleteView):
    def delete_action(self):
        promotion_delete(promotion=self.object, by=self.request.user)


class PromotionInspectView(generic.InspectView):
    """A promotion's details and members; administrators add members by e-mail and remove
    them from here."""

    template_name = "people/admin/promotion_inspect.html"
    remove_member_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(promotions_visible_to(self.request.user), pk=self.pk)

    def get_starts_on_display_value(self):
        return self._date_or_dash(self.object.starts_on)

    def get_ends_on_display_value(self):
        return self._date_or_dash(self.object.ends_on)

    @staticmethod
    def _date_or_dash(value):
        return date_format(value) if value else "—"

    @cached_property
    def can_manage_members(self) -> bool:
        return self.user_has_permission_for_instance("change", self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = promotion_members(promotion=self.object)
        context["can_manage_members"] = self.can_manage_members
        if self.can_manage_members:
            context.setdefault("members_form", PromotionMembersForm())
            context["remove_member_url"] = reverse(
                self.remove_member_url_name, args=(quote(self.object.pk),)
            )
        return context

    def post(self, request, *args, **kwargs) -> HttpResponse:
        if not self.can_manage_members:
            raise PermissionDenied
        form = PromotionMembersForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("No learner was added: see the error below."))
            return self.render_to_response(self.get_context_data(members_form=form))
        learners = form.cleaned_data["emails"]
        added = promotion_add_members(promotion=self.object, learners=learners, by=request.user)
        messages.success(
            request,
            _("Learners added to %(promotion)s: %(added)d. Already members: %(present)d.")
            % {"promotion": self.object, "added": added, "present": len(learners) - added},
        )
        return redirect(request.path)


class PromotionRemoveMemberView(PermissionCheckedMixin, View):
    """POST only: take one learner out of a promotion (administrators)."""

    model = Promotion
    permission_required = "change"
    inspect_url_name = None
    http_method_names = ["post"]

    def post(self, request, pk) -> HttpResponse:
        promotion = get_object_or_404(promotions_visible_to(request.user), pk=pk)
        if not self.user_has_permission_for_instance("change", promotion):
            raise PermissionDenied
        learner = get_object_or_404(get_user_model(), pk=request.POST.get("learner") or 0)
        if promotion_remove_member(promotion=promotion, learner=learner, by=request.user):
            messages.success(
                request,
                _("%(learner)s was removed from %(promotion)s.")
                % {"learner": learner, "promotion": promotion},
            )
        return redirect(reverse(self.inspect_url_name, args=(quote(promotion.pk),)))


class PromotionViewSet(ModelViewSet):
    """« Promotions »: administrators run them; trainers see the ones they follow."""

    model = Promotion
    index_view_class = PromotionIndexView
    add_view_class = PromotionCreateView
    edit_view_class = PromotionEditView
    delete_view_class = PromotionDeleteView
    inspect_view_class = PromotionInspectView
    icon = "group"
    menu_label = gettext_lazy("Promotions")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["name", "year", "starts_on", "ends_on", "region", "trainers"]
    list_display = [
        "name",
        "year",
        "starts_on",
        "ends_on",
        "region",
        Column("trainers", label=gettext_lazy("Trainers"), accessor=trainer_names),
        Column("member_count", label=gettext_lazy("Learners"), sort_key="member_count"),
    ]
    list_filter = ["year", "region"]
    search_fields = ["name"]
    name = "people_promotion"
    url_prefix = "promotions"

    def get_form_class(self, for_update=False):
        return PromotionForm

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            remove_member_url_name=self.get_url_name("remove_member"), **kwargs
        )

    @property
    def remove_member_view(self):
        return self.construct_view(
            PromotionRemoveMemberView, inspect_url_name=self.get_url_name("inspect")
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("members/<int:pk>/remove/", self.remove_member_view, name="remove_member"),
        ]


# Learner profiles --------------------------------------------------------------------------


class LearnerProfileScopeMixin:
    def get_queryset(self):
        return learner_profiles_visible_to(self.request.user).select_related("user")


class LearnerProfileIndexView(generic.IndexView):
    def get_base_queryset(self):
        return learner_profile_list_for_user(user=self.request.user)

    @cached_property
    def columns(self):
        columns = super().columns
        # The title column (linking to the profile) is derived from the « user » field.
        columns[0].label = gettext_lazy("Learner")
        return columns


class LearnerProfileEditView(ServiceFormMixin, LearnerProfileScopeMixin, generic.EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return learner_profile_update(
            user=self.object.user,
            actor=self.request.user,
            audience=data["audience"],
            organisation=data["organisation"],
            region=data["region"],
            departement=data["departement"],
            preferred_language=data["preferred_language"],
        )


class LearnerProfileInspectView(generic.InspectView):
    template_name = "people/admin/learnerprofile_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            learner_profiles_visible_to(self.request.user).select_related("user"), pk=self.pk
        )

    def get_user_display_value(self):
        return f"{self.object.user} <{self.object.user.email}>"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["promotions"] = promotion_list_for_learner(learner=self.object.user)
        return context


class LearnerProfileViewSet(ModelViewSet):
    """« Learner profiles »: administrators set audience, organisation and territory;
    trainers see the members of their promotions."""

    model = LearnerProfile
    index_view_class = LearnerProfileIndexView
    edit_view_class = LearnerProfileEditView
    inspect_view_class = LearnerProfileInspectView
    icon = "user"
    menu_label = gettext_lazy("Learner profiles")
    menu_order = 270
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "user",
        "audience",
        "organisation",
        "region",
        "departement",
        "preferred_language",
        "updated_at",
    ]
    list_display = [
        "user",
        Column("email", label=gettext_lazy("E-mail address"), accessor="user.email"),
        "audience",
        "organisation",
        Column("territory", label=gettext_lazy("Territory"), accessor="territory_label"),
        "preferred_language",
    ]
    list_filter = ["audience", "region"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation"]
    ordering = ["user__last_name", "user__first_name", "user__email"]
    name = "people_learnerprofile"
    url_prefix = "apprenants"

    def get_form_class(self, for_update=False):
        return LearnerProfileAdminForm


promotion_viewset = PromotionViewSet()
learner_profile_viewset = LearnerProfileViewSet()
