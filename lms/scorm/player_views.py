"""Site-side endpoints of the SCORM player: launch a chosen SCO or a new attempt, follow a
navigation request, refresh the table of contents. Learners only (staff preview needs
none); every state-changing request is a POST with the CSRF token."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from lms.access.rules import lesson_access
from lms.scorm.errors import ScormError
from lms.scorm.pages import ScormLessonPage
from lms.scorm.player import current_attempt, tracked_context

PLAYER_ANCHOR = "#scorm-player"
MAX_REQUEST_LENGTH = 300


def _tracked_lesson(request, lesson_id: int) -> ScormLessonPage:
    """The live SCORM lesson, if the user is a learner tracked on it (else 404)."""
    lesson = get_object_or_404(ScormLessonPage.objects.live(), pk=lesson_id)
    if not lesson_access(user=request.user, lesson=lesson).tracked:
        raise Http404("not a tracked learner of this lesson")
    return lesson


def _back_to(request, lesson) -> HttpResponseRedirect:
    return HttpResponseRedirect(lesson.get_url(request) + PLAYER_ANCHOR)


@login_required
@require_POST
def launch(request, lesson_id: int):
    """Open the chosen SCO (``sco``) or start a new attempt of it (``new_attempt=1``)."""
    from lms.scorm.services import attempt_launch

    lesson = _tracked_lesson(request, lesson_id)
    identifier = (request.POST.get("sco") or "").strip()[:255] or None
    new_attempt = request.POST.get("new_attempt") == "1"
    if identifier is not None and not new_attempt:
        from lms.scorm.sequencing import item_states

        attempt = current_attempt(learner=request.user, lesson=lesson)
        version = attempt.version if attempt else lesson.package.current_version
        states = item_states(version=version, learner=request.user, lesson=lesson)
        chosen = next((state for state in states if state.identifier == identifier), None)
        if chosen is None or not chosen.available or chosen.hidden:
            messages.warning(
                request,
                (chosen.reason if chosen is not None and chosen.reason else "")
                or _("This activity is not available now."),
            )
            return _back_to(request, lesson)
    try:
        attempt_launch(
            learner=request.user,
            lesson=lesson,
            item_identifier=identifier,
            new_attempt=new_attempt,
        )
    except ScormError as exc:
        messages.warning(request, exc.message)
    return _back_to(request, lesson)


@login_required
@require_POST
def navigate(request, lesson_id: int):
    """Follow a navigation request (``request``: continue, previous, choice.{target=ID}...)
    from the SCO ``current``; stay on the page when it leads nowhere."""
    from lms.scorm.sequencing import item_navigate, item_states
    from lms.scorm.services import attempt_launch

    lesson = _tracked_lesson(request, lesson_id)
    nav_request = (request.POST.get("request") or "").strip()[:MAX_REQUEST_LENGTH]
    current = (request.POST.get("current") or "").strip()[:255] or None
    attempt = current_attempt(learner=request.user, lesson=lesson)
    version = attempt.version if attempt else lesson.package.current_version
    if version is None:
        return _back_to(request, lesson)
    states = item_states(
        version=version, learner=request.user, lesson=lesson, current_identifier=current
    )
    target = item_navigate(states=states, current_identifier=current, request=nav_request)
    if target is None:
        if nav_request.lower() in {"continue", "previous"}:
            messages.info(request, _("There is no other activity to open in this direction."))
        return _back_to(request, lesson)
    try:
        attempt_launch(learner=request.user, lesson=lesson, item_identifier=target)
    except ScormError as exc:
        messages.warning(request, exc.message)
    return _back_to(request, lesson)


@login_required
@require_GET
@never_cache
def toc(request, lesson_id: int):
    """The attempt summary with the table of contents, and the previous/next buttons, as
    HTML fragments in JSON (``status``, ``nav``): the page refreshes them after a commit or
    when the SCO terminated."""
    lesson = _tracked_lesson(request, lesson_id)
    context = {"scorm": tracked_context(request, lesson=lesson, launch=False), "page": lesson}
    return JsonResponse(
        {
            "status": render_to_string(
                "scorm/includes/player_status.html", context, request=request
            ),
            "nav": render_to_string("scorm/includes/player_nav.html", context, request=request),
        }
    )
