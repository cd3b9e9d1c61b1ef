"""Columns and cells of the reports, shared by the screens and the exports so that an export
has the same columns and rows as the screen it comes from.

Each report has a header (column labels) and, per row, a list of raw values: numbers,
texts, aware datetimes or ``None``. :class:`CellText` turns a value into the text the
screen and the CSV show; the XLSX keeps numbers and dates as such. Labels and formats are
read when these objects are made (during the request), not while an export streams.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from curriculum.models import Audience
from lms.people.territories import REGION_NAMES
from lms.progress.models import ProgressStatus
from lms.reports.selectors import LearnerRow, MatrixRow

DATETIME_FORMAT = "%Y-%m-%d %H:%M"


def matrix_header() -> list[str]:
    """Column labels of the completion matrix."""
    return [
        _("Promotion"),
        _("Curriculum"),
        _("Module"),
        _("Enrolled learners"),
        _("Learners in progress"),
        _("Learners who completed"),
        _("Completion rate (%)"),
        _("Median days to completion"),
    ]


def matrix_values(row: MatrixRow) -> list:
    """Raw values of one matrix row, in the order of :func:`matrix_header`."""
    return [
        str(row.promotion),
        row.curriculum_title,
        row.module_title,
        row.enrolled,
        row.in_progress,
        row.completed,
        row.percent_completed,
        row.median_days,
    ]


def learner_header() -> list[str]:
    """Column labels of the learners report (one row per learner × module)."""
    return [
        _("Last name"),
        _("First name"),
        _("E-mail address"),
        _("Organisation"),
        _("Audience"),
        _("Territory"),
        _("Promotion"),
        _("Curriculum"),
        _("Module"),
        _("Status"),
        _("Enrolled on"),
        _("Completed on"),
        _("Time spent (minutes)"),
    ]


class LearnerValues:
    """Raw values of a learner row, in the order of :func:`learner_header` (labels of
    audiences and statuses resolved once, in the request's language)."""

    def __init__(self) -> None:
        self.audiences = {value: str(label) for value, label in Audience.choices}
        self.statuses = {value: str(label) for value, label in ProgressStatus.choices}

    def __call__(self, row: LearnerRow) -> list:
        return [
            row.last_name,
            row.first_name,
            row.email,
            row.organisation,
            self.audiences.get(row.audience, row.audience),
            REGION_NAMES.get(row.region, row.region),
            row.promotion_name,
            row.curriculum_title,
            row.module_title,
            self.statuses.get(row.status, row.status),
            row.enrolled_at,
            row.completed_at,
            round(row.time_spent_seconds / 60),
        ]


class CellText:
    """The text of a value as the screen and the CSV show it: decimals with the
    language's separator, dates in the current time zone, nothing for ``None``."""

    def __init__(self) -> None:
        self.zone = timezone.get_current_timezone()
        self.decimal_separator = get_format("DECIMAL_SEPARATOR")

    def __call__(self, value) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            return f"{value:.1f}".replace(".", self.decimal_separator)
        if isinstance(value, datetime):
            return timezone.localtime(value, self.zone).strftime(DATETIME_FORMAT)
        return str(value)

    def row(self, values: list) -> list[str]:
        return [self(value) for value in values]


def naive_local(value: datetime, zone) -> datetime:
    """A spreadsheet date: local time without time zone (Excel has none)."""
    return timezone.localtime(value, zone).replace(tzinfo=None)
