"""« Mon parcours »: the signed-in learner's modules, progress and certificates.

Other apps add panels (e.g. binômes) with the Wagtail hook ``dashboard_panels``: a function
taking the request and returning safe HTML, or ``""`` when it has nothing to show.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail import hooks

from lms.certificates.selectors import certificate_list_for_learner
from lms.dashboard.selectors import dashboard_for_learner


@login_required
def dashboard_home(request):
    return render(
        request,
        "dashboard/home.html",
        {
            "dashboard": dashboard_for_learner(learner=request.user),
            "certificates": certificate_list_for_learner(learner=request.user),
            "extra_panels": [
                html for hook in hooks.get_hooks("dashboard_panels") if (html := hook(request))
            ],
            "breadcrumb_data": {"links": [], "current": _("My learning")},
        },
    )
