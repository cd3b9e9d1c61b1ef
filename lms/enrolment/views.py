"""Learners' enrolment actions (POST with CSRF): enrol in a module or a curriculum, withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from curriculum.models import CurriculumPage, ModulePage
from lms.enrolment.errors import EnrolmentError
from lms.enrolment.models import Enrolment
from lms.enrolment.services import curriculum_enrol, enrolment_create, enrolment_withdraw


@login_required
@require_POST
def module_enrol(request, module_id: int):
    module = get_object_or_404(ModulePage.objects.live().public(), pk=module_id)
    try:
        enrolment_create(learner=request.user, module=module, source=Enrolment.Source.SELF)
    except EnrolmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You are enrolled in “%(module)s”.") % {"module": module.title})
    return redirect(module.url)


@login_required
@require_POST
def curriculum_enrol_view(request, curriculum_id: int):
    curriculum = get_object_or_404(CurriculumPage.objects.live().public(), pk=curriculum_id)
    try:
        enrolments = curriculum_enrol(learner=request.user, curriculum=curriculum)
    except EnrolmentError as error:
        messages.error(request, error.message)
        for title, reason in error.details:
            messages.error(request, f"{title} : {reason}")
    else:
        messages.success(
            request,
            _("You are enrolled in %(count)d modules of “%(curriculum)s”.")
            % {"count": len(enrolments), "curriculum": curriculum.title},
        )
    return redirect(curriculum.url)


@login_required
@require_POST
def enrolment_withdraw_view(request, enrolment_id: int):
    # Only the learner's own active enrolment: anything else is a 404, not a 403, so
    # enrolment ids of others are not revealed.
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("module"),
        pk=enrolment_id,
        learner=request.user,
        status=Enrolment.Status.ACTIVE,
    )
    enrolment_withdraw(enrolment=enrolment, by=request.user)
    messages.success(
        request,
        _("You are no longer enrolled in “%(module)s”. Your progress is kept.")
        % {"module": enrolment.module.title},
    )
    return redirect(enrolment.module.url)
