"""Admin actions on a learner's module: a trainer's sign-off, an administrator's revocation.

Who may do what is decided here (:func:`can_sign_off`, :func:`can_revoke`); the changes and
their audit entries are made by the progress services.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from curriculum.models import ModulePage
from lms.audit.models import AuditEntry
from lms.enrolment.models import Enrolment
from lms.enrolment.rules import module_settings_for
from lms.people.models import PromotionMembership
from lms.people.permissions import user_is_administrator, user_is_trainer
from lms.progress.errors import ProgressError
from lms.progress.models import ModuleProgress, ProgressStatus
from lms.progress.services import module_completion_revoke as completion_revoke
from lms.progress.services import module_signoff as signoff


def can_sign_off(user, learner) -> bool:
    """Administrators, and trainers following one of the learner's promotions; never the
    learner themself."""
    if user is None or not user.is_authenticated or user.pk == learner.pk:
        return False
    if user_is_administrator(user):
        return True
    return (
        user_is_trainer(user)
        and PromotionMembership.objects.filter(learner=learner, promotion__trainers=user).exists()
    )


def can_revoke(user, learner) -> bool:
    """Only administrators revoke a completion (never their own)."""
    return user is not None and user.pk != learner.pk and user_is_administrator(user)


class RevocationForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the revocation"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Kept in the learner's audit trail."),
    )


def _subjects(request, learner_id: int, module_id: int):
    learner = get_object_or_404(get_user_model(), pk=learner_id)
    module = get_object_or_404(ModulePage, pk=module_id)
    if not (can_sign_off(request.user, learner) or can_revoke(request.user, learner)):
        raise PermissionDenied
    return learner, module


def _page(request, learner, module, *, revocation_form=None, status=200):
    progress = ModuleProgress.objects.filter(learner=learner, module=module).first()
    enrolment = (
        Enrolment.objects.filter(learner=learner, module=module).order_by("-enrolled_at").first()
    )
    completed = progress is not None and progress.status == ProgressStatus.COMPLETED
    signed_off = progress is not None and progress.signed_off_at is not None
    entries = AuditEntry.objects.filter(learner=learner).filter(
        Q(data__module=module.pk)
        | Q(object_type="progress.moduleprogress", object_id=str(progress.pk if progress else ""))
    )
    show_revoke = completed and can_revoke(request.user, learner)
    context = {
        "page_title": _("%(learner)s – %(module)s") % {"learner": learner, "module": module.title},
        "learner": learner,
        "module": module,
        "progress": progress,
        "enrolment": enrolment,
        "requires_signoff": module_settings_for(module).requires_signoff,
        "show_signoff": not signed_off and not completed and can_sign_off(request.user, learner),
        "show_revoke": show_revoke,
        "revocation_form": (revocation_form or RevocationForm()) if show_revoke else None,
        "audit_entries": entries.select_related("actor")[:50],
    }
    return TemplateResponse(request, "progress/admin/learner_module.html", context, status=status)


def learner_module_progress(request, learner_id: int, module_id: int):
    """A learner's status in a module, with the sign-off and revocation forms as allowed."""
    learner, module = _subjects(request, learner_id, module_id)
    return _page(request, learner, module)


@require_POST
def module_signoff(request, learner_id: int, module_id: int):
    """Sign the learner's module off (POST with CSRF); it completes if its lessons are done."""
    learner, module = _subjects(request, learner_id, module_id)
    if not can_sign_off(request.user, learner):
        raise PermissionDenied
    if not Enrolment.objects.filter(
        learner=learner, module=module, status=Enrolment.Status.ACTIVE
    ).exists():
        messages.error(request, _("The learner is not enrolled in this module."))
    else:
        progress = signoff(learner=learner, module=module, by=request.user)
        if progress.status == ProgressStatus.COMPLETED:
            messages.success(request, _("Module signed off: it is now completed."))
        else:
            messages.success(
                request,
                _("Module signed off: it will be completed once the lessons are done."),
            )
    return redirect("progress_learner_module", learner_id=learner.pk, module_id=module.pk)


@require_POST
def module_completion_revoke(request, learner_id: int, module_id: int):
    """Revoke the learner's completion of the module, with a reason (administrators)."""
    learner, module = _subjects(request, learner_id, module_id)
    if not can_revoke(request.user, learner):
        raise PermissionDenied
    form = RevocationForm(request.POST)
    if not form.is_valid():
        return _page(request, learner, module, revocation_form=form, status=400)
    progress = ModuleProgress.objects.filter(learner=learner, module=module).first()
    try:
        if progress is None:
            raise ProgressError("not_completed", _("This module is not completed."))
        completion_revoke(progress=progress, by=request.user, reason=form.cleaned_data["reason"])
    except ProgressError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The completion was revoked."))
    return redirect("progress_learner_module", learner_id=learner.pk, module_id=module.pk)
