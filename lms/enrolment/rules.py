"""Rules of enrolment: when a module is open, why a learner cannot enrol."""

from __future__ import annotations

from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from curriculum.models import ModulePage
from lms.enrolment.errors import EnrolmentError
from lms.enrolment.models import Enrolment, ModuleSettings


def module_settings_for(module: ModulePage) -> ModuleSettings:
    """The module's settings, or unsaved defaults when it has none."""
    try:
        return module.lms_settings
    except ModuleSettings.DoesNotExist:
        return ModuleSettings(module=module)


def active_enrolment_count(module: ModulePage) -> int:
    return Enrolment.objects.filter(module=module, status=Enrolment.Status.ACTIVE).count()


def _date(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def self_enrolment_refusal(
    *, module: ModulePage, settings: ModuleSettings, at: datetime, taken: int
) -> EnrolmentError | None:
    """Why a learner may not enrol themselves now (``None`` when the module is open).

    ``taken`` is the number of active enrolments (read under a lock by the service).
    """
    if not module.live:
        return EnrolmentError("unpublished", _("This module is not published."))
    if not settings.self_enrolment:
        return EnrolmentError(
            "no_self_enrolment",
            _("Enrolment in this module is made by the programme's administrators."),
        )
    if settings.opens_at and at < settings.opens_at:
        return EnrolmentError(
            "not_open_yet",
            _("Enrolment opens on %(date)s.") % {"date": _date(settings.opens_at)},
        )
    if settings.closes_at and at >= settings.closes_at:
        return EnrolmentError(
            "closed", _("Enrolment closed on %(date)s.") % {"date": _date(settings.closes_at)}
        )
    if settings.capacity is not None and taken >= settings.capacity:
        return EnrolmentError("full", _("This module is full."))
    return None
