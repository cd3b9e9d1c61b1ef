"""Admin views of enrolment: enrol a learner by e-mail (administrators)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from lms.enrolment.errors import EnrolmentError
from lms.enrolment.forms import AdministratorEnrolmentForm
from lms.enrolment.models import Enrolment
from lms.enrolment.services import enrolment_create


def enrol_learner(request):
    """GET shows the form; POST (with CSRF) enrols the learner through the service."""
    if not request.user.has_perm("enrolment.add_enrolment"):
        raise PermissionDenied
    form = AdministratorEnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enrolment_create(
                learner=data["learner"],
                module=data["module"],
                source=Enrolment.Source.ADMINISTRATOR,
                by=request.user,
                override_capacity=data["override_capacity"],
            )
        except EnrolmentError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(learner)s is enrolled in “%(module)s”.")
                % {"learner": data["learner"], "module": data["module"].title},
            )
            return redirect("enrolment_enrolment:index")
    return TemplateResponse(
        request,
        "enrolment/admin/enrol_learner.html",
        {"form": form, "page_title": _("Enrol a learner")},
    )
