"""Enrolment panels on curriculum and module pages (see curriculum.extensions)."""

from django.template.loader import render_to_string
from django.urls import path
from django.utils import timezone
from wagtail import hooks

from lms.enrolment.models import Enrolment
from lms.enrolment.rules import active_enrolment_count, module_settings_for, self_enrolment_refusal
from lms.enrolment.selectors import enrolment_active
from lms.enrolment.viewsets import enrolment_viewset, module_settings_viewset


@hooks.register("register_admin_viewset")
def register_module_settings_viewset():
    return module_settings_viewset


@hooks.register("register_admin_viewset")
def register_enrolment_viewset():
    return enrolment_viewset


@hooks.register("register_admin_urls")
def register_enrol_learner_url():
    from lms.enrolment.admin_views import enrol_learner

    return [path("inscrire/", enrol_learner, name="enrolment_enrol_learner")]


@hooks.register("curriculum_module_panels")
def module_enrolment_panel(request, module):
    """Enrol button, or the enrolment status, or why enrolment is not possible."""
    user = request.user
    context = {"module": module, "request": request}
    if user.is_authenticated and not user.has_perm("wagtailadmin.access_admin"):
        enrolment = enrolment_active(learner=user, module=module)
        context["enrolment"] = enrolment
        if enrolment is None:
            settings = module_settings_for(module)
            context["refusal"] = self_enrolment_refusal(
                module=module,
                settings=settings,
                at=timezone.now(),
                taken=active_enrolment_count(module) if settings.capacity is not None else 0,
            )
    context["is_staff"] = user.is_authenticated and user.has_perm("wagtailadmin.access_admin")
    if context["is_staff"]:
        context["active_count"] = Enrolment.objects.filter(
            module=module, status=Enrolment.Status.ACTIVE
        ).count()
    return render_to_string("enrolment/module_panel.html", context, request=request)


@hooks.register("curriculum_curriculum_panels")
def curriculum_enrolment_panel(request, curriculum):
    """« Enrol in the whole curriculum » for signed-in learners."""
    user = request.user
    if not user.is_authenticated or user.has_perm("wagtailadmin.access_admin"):
        return ""
    return render_to_string(
        "enrolment/curriculum_panel.html", {"curriculum": curriculum}, request=request
    )
