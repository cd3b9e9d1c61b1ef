"""What the SCORM lesson page shows: the table of contents, the current SCO's frame on the
content origin, the attempt's state and the navigation forms.

A tracked learner plays through an attempt (:func:`lms.scorm.services.attempt_launch`:
resume the latest unended attempt, else start one); the frame loads the runtime wrapper of
that attempt on the content origin. Staff (trainers, reviewers, administrators) see an
untracked preview. Navigation (a choice in the table of contents, the previous/next
buttons, the SCO's own navigation request at Terminate) goes through the POST endpoints of
:mod:`lms.scorm.player_views`, then back to the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.access.rules import lesson_access_for_request
from lms.scorm.content_views import PREVIEW_SEGMENT, RUNTIME_SEGMENT
from lms.scorm.errors import ScormError
from lms.scorm.models import CompletionStatus, ScormAttempt, ScormItem, SuccessStatus
from lms.scorm.origins import content_origin
from lms.scorm.tokens import attempt_token_make, content_token_make

SANDBOX = (
    "allow-scripts allow-same-origin allow-forms allow-popups "
    "allow-popups-to-escape-sandbox allow-downloads allow-modals"
)
NAVIGATION_REQUESTS = ("continue", "previous")


@dataclass
class TocEntry:
    """One line of the table of contents."""

    identifier: str
    title: str
    depth: int
    is_cluster: bool
    launchable: bool
    available: bool
    reason: str
    status: str
    status_label: str
    current: bool
    item_id: int | None = None
    children: list[TocEntry] = field(default_factory=list)


def status_of(completion: str, success: str) -> tuple[str, str]:
    """A short status code and its French label from completion and success."""
    if success == SuccessStatus.PASSED:
        return "passed", _("Passed")
    if success == SuccessStatus.FAILED:
        return "failed", _("Failed")
    if completion == CompletionStatus.COMPLETED:
        return "completed", _("Completed")
    if completion == CompletionStatus.INCOMPLETE:
        return "incomplete", _("In progress")
    return "not_attempted", _("Not started")


def attempts_left(attempt: ScormAttempt) -> int | None:
    """How many more attempts the learner may start on this SCO (``None``: no limit)."""
    maximum = int(getattr(settings, "LMS_SCORM_MAX_ATTEMPTS", 0) or 0)
    if maximum <= 0:
        return None
    extra = attempt.registration.extra_attempts if attempt.registration_id else 0
    return max(0, maximum + extra - attempt.number)


def _toc_from_states(states, current_identifier: str) -> list[TocEntry]:
    entries = []
    for state in states:
        if state.hidden:
            continue
        code, label = status_of(state.completion_status, state.success_status)
        entries.append(
            TocEntry(
                identifier=state.identifier,
                title=state.title,
                depth=state.depth,
                is_cluster=state.is_cluster,
                launchable=state.launchable,
                available=bool(state.available and state.launchable),
                reason=state.reason,
                status=code,
                status_label=label,
                current=state.identifier == current_identifier,
                item_id=state.item.pk,
            )
        )
    return entries


def _navigation_targets(states, current_identifier: str) -> dict[str, str | None]:
    from lms.scorm.sequencing import item_navigate

    return {
        request: item_navigate(
            states=states, current_identifier=current_identifier, request=request
        )
        for request in NAVIGATION_REQUESTS
    }


def launch_url(request, *, attempt: ScormAttempt) -> str:
    """The runtime wrapper of ``attempt`` on the content origin (fresh tokens)."""
    token = content_token_make(
        learner_id=attempt.learner_id, version_id=attempt.version_id, lesson_id=attempt.lesson_id
    )
    return f"{content_origin(request)}/{token}/{RUNTIME_SEGMENT}/{attempt_token_make(attempt.pk)}/"


def preview_url(request, *, user, lesson, item: ScormItem) -> str:
    token = content_token_make(learner_id=user.pk, version_id=item.version_id, lesson_id=lesson.pk)
    return f"{content_origin(request)}/{token}/{PREVIEW_SEGMENT}/{item.pk}/"


def _endpoints(lesson) -> dict[str, str]:
    return {
        "launch": reverse("scorm_player:launch", args=[lesson.pk]),
        "navigate": reverse("scorm_player:navigate", args=[lesson.pk]),
        "toc": reverse("scorm_player:toc", args=[lesson.pk]),
    }


def tracked_context(request, *, lesson, launch: bool = True) -> dict:
    """The player of a tracked learner; with ``launch``, resumes or starts the attempt."""
    from lms.scorm.sequencing import item_states
    from lms.scorm.services import attempt_launch

    user = request.user
    attempt = None
    error = ""
    if launch:
        try:
            attempt = attempt_launch(learner=user, lesson=lesson)
        except ScormError as exc:
            error = exc.message
    else:
        attempt = current_attempt(learner=user, lesson=lesson)
    version = attempt.version if attempt is not None else lesson.package.current_version
    if version is None:
        return {"mode": "empty", "error": _("This activity has no package to play yet.")}
    current = attempt.sco_identifier if attempt is not None else ""
    states = item_states(
        version=version, learner=user, lesson=lesson, current_identifier=current or None
    )
    toc = _toc_from_states(states, current)
    launchable = [entry for entry in toc if entry.launchable]
    ended = attempt is not None and attempt.ended_at is not None
    left = attempts_left(attempt) if attempt is not None else None
    status_code, status_label = (
        status_of(attempt.completion_status, attempt.success_status)
        if attempt is not None
        else ("not_attempted", _("Not started"))
    )
    targets = _navigation_targets(states, current) if len(launchable) > 1 else {}
    endpoints = _endpoints(lesson)
    # An ended attempt plays again for review (no credit: the runtime state says so).
    frame_url = launch_url(request, attempt=attempt) if attempt is not None else ""
    return {
        "mode": "tracked",
        "error": error,
        "version": version,
        "attempt": attempt,
        "attempt_ended": ended,
        "attempts_left": left,
        "can_retry": ended and (left is None or left > 0),
        "status": status_code,
        "status_label": status_label,
        "current": current,
        "current_title": attempt.item.title if attempt is not None else "",
        "toc": toc,
        "multi": len(launchable) > 1,
        "next_target": targets.get("continue"),
        "previous_target": targets.get("previous"),
        "frame_url": frame_url,
        "sandbox": SANDBOX,
        "endpoints": endpoints,
        "config": {
            "contentOrigin": content_origin(request),
            "tocUrl": endpoints["toc"],
            "current": current,
            "tracked": True,
            "terminatedText": _("The activity has ended; your progress is recorded."),
        },
    }


def preview_context(request, *, lesson) -> dict:
    """The untracked player of staff: any launchable item, chosen with ``?sco=<id>``."""
    version = lesson.package.current_version
    if version is None:
        return {"mode": "empty", "error": _("This activity has no package to play yet.")}
    items = list(version.items.order_by("position"))
    launchable = [item for item in items if item.href]
    chosen = None
    wanted = request.GET.get("sco", "")
    if wanted.isdigit():
        chosen = next((item for item in launchable if item.pk == int(wanted)), None)
    if chosen is None and launchable:
        chosen = launchable[0]
    toc = [
        TocEntry(
            identifier=item.identifier,
            title=item.title,
            depth=item.depth,
            is_cluster=item.kind == ScormItem.Kind.CLUSTER or not item.href,
            launchable=bool(item.href),
            available=bool(item.href),
            reason="",
            status="not_attempted",
            status_label="",
            current=chosen is not None and item.pk == chosen.pk,
            item_id=item.pk,
        )
        for item in items
        if item.is_visible
    ]
    return {
        "mode": "preview",
        "error": "" if chosen else _("This package has nothing to play."),
        "version": version,
        "toc": toc,
        "multi": len(launchable) > 1,
        "current": chosen.identifier if chosen else "",
        "current_title": chosen.title if chosen else "",
        "frame_url": preview_url(request, user=request.user, lesson=lesson, item=chosen)
        if chosen
        else "",
        "sandbox": SANDBOX,
        "config": {
            "contentOrigin": content_origin(request),
            "tocUrl": "",
            "current": chosen.identifier if chosen else "",
            "tracked": False,
        },
    }


def current_attempt(*, learner, lesson) -> ScormAttempt | None:
    """The attempt the learner is on: the registration's last SCO's latest attempt, else
    their latest attempt in the lesson."""
    from lms.scorm.models import ScormRegistration

    attempts = ScormAttempt.objects.filter(learner=learner, lesson=lesson).select_related(
        "item", "version", "registration"
    )
    registration = ScormRegistration.objects.filter(learner=learner, lesson=lesson).first()
    if registration is not None and registration.last_item_identifier:
        found = (
            attempts.filter(sco_identifier=registration.last_item_identifier)
            .order_by("-number")
            .first()
        )
        if found is not None:
            return found
    return attempts.order_by("-started_at", "-pk").first()


def player_context(*, request, lesson) -> dict:
    """Context of the SCORM lesson page under the key ``scorm``."""
    user = request.user
    if not user.is_authenticated:
        return {"scorm": {"mode": "empty", "error": ""}}
    access = lesson_access_for_request(request=request, lesson=lesson)
    if access.tracked:
        return {"scorm": tracked_context(request, lesson=lesson)}
    if access.allowed:
        return {"scorm": preview_context(request, lesson=lesson)}
    return {"scorm": {"mode": "empty", "error": access.message}}
