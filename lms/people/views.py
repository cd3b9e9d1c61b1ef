"""The learner's « Mon profil » page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import FormView

from lms.people.forms import ProfileForm
from lms.people.selectors import learner_profile_for_user, promotion_list_for_learner
from lms.people.services import learner_profile_update


def set_language_cookie(response: HttpResponse, language: str) -> None:
    """Switch the interface language the way Django's ``set_language`` view does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class ProfileView(LoginRequiredMixin, FormView):
    """Learners change their name, organisation and preferred language; they see their
    audience and territory, which administrators set."""

    template_name = "people/profile.html"
    form_class = ProfileForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.profile = (
            learner_profile_for_user(user=request.user) if request.user.is_authenticated else None
        )

    def get_initial(self) -> dict:
        user = self.request.user
        return {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "organisation": self.profile.organisation,
            "preferred_language": self.profile.preferred_language,
        }

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["profile"] = self.profile
        context["promotions"] = (
            promotion_list_for_learner(learner=self.request.user) if self.profile.pk else []
        )
        context["breadcrumb_data"] = {"links": [], "current": _("My profile")}
        return context

    def form_valid(self, form: ProfileForm) -> HttpResponse:
        previous_language = self.profile.preferred_language
        try:
            profile = learner_profile_update(
                user=self.request.user, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for field, errors in error.update_error_dict({}).items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)

        response = redirect("people:profile")
        language = profile.preferred_language
        if language != previous_language:
            set_language_cookie(response, language)
        # The message is read on the next page, in the language chosen.
        with translation.override(language):
            messages.success(self.request, _("Your profile has been saved."))
        return response

    def form_invalid(self, form: ProfileForm) -> HttpResponse:
        messages.error(
            self.request,
            _("Your profile was not saved: please correct the fields marked below."),
        )
        return super().form_invalid(form)
