"""Job kinds: what each ``Job.kind`` runs for an item and when it finishes.

An app registers its kinds in ``AppConfig.ready()`` so that web processes and workers
know them::

    job_kind_register(
        "import",
        label=_("File import"),
        run_item=import_job_run_item,
        finish=import_job_finish,
        result_url=import_job_result_url,
    )
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lms.jobs.models import Job, JobItem


class JobItemError(Exception):
    """Raised by a runner: the item failed for a reason people can read (``message``)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = str(message)


class JobItemSkipped(JobItemError):
    """Raised by a runner: the item had nothing to do (``message`` says why)."""


class JobAborted(Exception):
    """Raised by a runner: the whole job cannot go on (e.g. its target was deleted)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = str(message)


@dataclass(frozen=True)
class JobKind:
    """How to run one kind of job.

    - ``run_item(job, item)`` does the item's work inside the item's transaction and
      returns a dict merged into ``item.data`` (or ``None``). It must be idempotent: the
      transaction is rolled back when the worker dies, and the item is retried later.
      It raises :class:`JobItemError`, :class:`JobItemSkipped` or :class:`JobAborted`.
    - ``finish(job)`` (optional) runs once all items are processed and returns the job's
      ``result`` (a JSON-serialisable dict).
    - ``result_url(job)`` (optional) is the admin page showing the outcome.
    """

    name: str
    label: Any
    run_item: Callable[[Job, JobItem], dict | None]
    finish: Callable[[Job], dict] | None = None
    result_url: Callable[[Job], str] | None = None


_KINDS: dict[str, JobKind] = {}


def job_kind_register(
    name: str,
    *,
    label,
    run_item: Callable[[Job, JobItem], dict | None],
    finish: Callable[[Job], dict] | None = None,
    result_url: Callable[[Job], str] | None = None,
) -> JobKind:
    """Register (or replace) the kind ``name``; returns it."""
    kind = JobKind(name=name, label=label, run_item=run_item, finish=finish, result_url=result_url)
    _KINDS[name] = kind
    return kind


def job_kind_get(name: str) -> JobKind:
    """The registered kind; raises :class:`LookupError` for an unknown one."""
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"No job kind {name!r} is registered.") from None


def job_kind_unregister(name: str) -> None:
    """Forget a kind (tests register throw-away kinds)."""
    _KINDS.pop(name, None)
