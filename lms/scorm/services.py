"""Attempts of SCORM lessons: launch or resume, run-time state, commits, extra attempts.

The one way in for tracking data. Rules (issue « SCORM », section Tracking):

- One attempt per learner × lesson × SCO identifier × number (a database constraint): a
  double click on launch gives one attempt. Launches and commits of a learner's lesson are
  serialised by a lock on their :class:`~lms.scorm.models.ScormRegistration` row, then on
  the attempt row.
- The latest attempt of a SCO is resumed unless it ended (1.2: completed or passed; 2004:
  completed, or terminated with an exit other than ``suspend``). An ended attempt is
  relaunched for review (mode ``review``, no credit); a new attempt only on request, up to
  ``LMS_SCORM_MAX_ATTEMPTS`` (0 = unlimited) plus the attempts trainers granted. An attempt
  that never received a commit is reused instead of starting another one. Attempts finish
  on their package version; a new attempt uses the current version (items matched by
  identifier).
- **Sessions.** Every page load of the runtime is a session (scorm-again restarts its
  ``session_time`` and its commit sequence at each load). A launch starts a new session
  number only when the previous one reported something (a relaunch before any commit
  keeps its number, so it is counted once). The session number reaches the runtime in the
  ``scoId`` setting, which scorm-again echoes in each commit (``autoPopulateCommitMetadata``).
  The time of a session is folded into ``previous_sessions_seconds`` when the next session
  first reports, so each session is counted once, with its latest ``session_time``; a
  session's late commits (e.g. its ``pagehide`` beacon arriving after the reload) still
  apply until the next session reports.
- **Commits.** In a session, the highest ``commitSequence`` wins for plain values (location,
  suspend data, exit, scores, time); lower or late commits are acknowledged and only raise
  completion and success and merge interactions and objectives by id. Completion and
  success are evaluated by the server (:mod:`lms.scorm.cmi`) and never go down, also after
  Terminate/LMSFinish. Lesson progress follows through
  :func:`lms.progress.services.lesson_progress_record`.
- **Lesson progress.** In progress from the first commit; completed when every launchable
  SCO (kind ``sco``) of the attempt's version, or of the package's current version, has an
  attempt that is passed, or completed and not failed (the same rule for 1.2 and 2004,
  after the server's evaluation; any version's attempt counts, matched by identifier).
  Score: per SCO the best of ``scaled × 100`` or ``raw / max × 100`` over its attempts,
  averaged over the SCOs that have one. Time: the sum of all the attempts' totals.
- Global objectives (2004): objectives mapped with ``writeSatisfiedStatus`` /
  ``writeNormalizedMeasure`` (the primary one falling back to the SCO's own success and
  scaled score) are written to the registration; a satisfied objective stays satisfied.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit.services import audit_record
from lms.progress.errors import ProgressError
from lms.progress.models import ProgressStatus
from lms.progress.services import lesson_progress_record
from lms.scorm import cmi as cmi_data
from lms.scorm.errors import ScormError
from lms.scorm.models import (
    CompletionStatus,
    ScormAttempt,
    ScormItem,
    ScormRegistration,
    SuccessStatus,
)
from lms.scorm.pages import ScormLessonPage

# Bookkeeping inside ``ScormAttempt.cmi``: the session whose time and sequence
# ``session_seconds`` and ``last_sequence`` hold (0 = no session reported yet).
REPORTING_SESSION = "_reporting_session"
# ... and the attempt's total time when it last reached the lesson progress: the progress
# service is called when statuses or scores change, at the first and the termination
# commits, and otherwise when the time grew by ``PROGRESS_TIME_STEP`` seconds (commits
# arrive every 30 s or more often; each one need not rewrite the lesson, module and
# curriculum summaries).
RECORDED_SECONDS = "_recorded_seconds"
PROGRESS_TIME_STEP = 60
EXTRA_KEYS = (
    "comments",
    "student_preference",
    "comments_from_learner",
    "learner_preference",
)


def max_attempts() -> int:
    """Attempts a learner may start per SCO (0 = unlimited), before trainers' grants."""
    return int(getattr(settings, "LMS_SCORM_MAX_ATTEMPTS", 3))


def autocommit_seconds() -> int:
    return int(getattr(settings, "LMS_SCORM_AUTOCOMMIT_SECONDS", 30))


# Ended attempts ------------------------------------------------------------------------


def attempt_has_ended(attempt: ScormAttempt) -> bool:
    """Whether ``attempt`` may no longer be resumed (see the module notes)."""
    return attempt.ended_at is not None


def _ends(attempt: ScormAttempt, *, is_2004: bool, terminated: bool) -> bool:
    if is_2004:
        return attempt.completion_status == CompletionStatus.COMPLETED or (
            terminated and attempt.exit_value != "suspend"
        )
    return cmi_data.status_12_join(attempt.completion_status, attempt.success_status) in (
        "completed",
        "passed",
    )


# Launch --------------------------------------------------------------------------------


def _registration_locked(*, learner, lesson) -> ScormRegistration:
    registration, _created = ScormRegistration.objects.get_or_create(
        learner=learner, lesson_id=lesson.pk
    )
    return ScormRegistration.objects.select_for_update().get(pk=registration.pk)


def _launchable_item(version, identifier: str) -> ScormItem | None:
    if version is None:
        return None
    return version.items.filter(identifier=identifier).exclude(href="").first()


def _default_identifier(*, registration, current_version) -> str:
    """The SCO to open when none is asked for: the last one used, else the first
    launchable item of the current version."""
    last = registration.last_item_identifier
    if last and (
        _launchable_item(current_version, last) is not None
        or ScormAttempt.objects.filter(
            registration=registration, sco_identifier=last, ended_at__isnull=True
        ).exists()
    ):
        return last
    first = current_version.launchable_items().first() if current_version else None
    if first is None:
        raise ScormError("not_launchable", _("This package has nothing to launch."))
    return first.identifier


def _session_start(attempt: ScormAttempt) -> None:
    """A new page load of ``attempt``: a new session number, unless the current one has
    not reported anything yet (a reload, a double launch: counted once)."""
    reporting = int((attempt.cmi or {}).get(REPORTING_SESSION, 0))
    if attempt.session_count == 0 or reporting >= attempt.session_count:
        attempt.session_count += 1
        attempt.save(update_fields=["session_count"])


def attempt_session_start(attempt: ScormAttempt) -> ScormAttempt:
    """The runtime of ``attempt`` loads (a page load of the wrapper): start a new session
    unless the current one has reported nothing yet. Idempotent until a commit arrives, so
    calling it both at launch and when the wrapper loads counts one session."""
    with transaction.atomic():
        locked = ScormAttempt.objects.select_for_update().get(pk=attempt.pk)
        _session_start(locked)
    attempt.session_count = locked.session_count
    return attempt


def attempt_launch(*, learner, lesson, item_identifier=None, new_attempt=False) -> ScormAttempt:
    """The attempt to play for ``learner`` on a SCO of ``lesson`` (a ScormLessonPage).

    Resumes the latest attempt of that SCO unless it ended (an ended one is returned for
    review unless ``new_attempt``); creates attempt 1, or the next one when asked. Raises
    :class:`~lms.scorm.errors.ScormError` ``not_launchable`` or ``max_attempts``. Safe
    under double clicks: one attempt per learner × lesson × SCO × number.
    """
    lesson = getattr(lesson, "specific", lesson)
    package = lesson.package
    current_version = package.current_version
    with transaction.atomic():
        registration = _registration_locked(learner=learner, lesson=lesson)
        identifier = item_identifier or _default_identifier(
            registration=registration, current_version=current_version
        )
        latest = (
            ScormAttempt.objects.filter(
                learner=learner, lesson_id=lesson.pk, sco_identifier=identifier
            )
            .select_related("item", "version")
            .order_by("-number")
            .first()
        )
        # An attempt that never received a commit is reused, even for a new attempt.
        unused = latest is not None and latest.commit_count == 0 and latest.ended_at is None
        if latest is not None and (unused or not new_attempt):
            attempt = latest
        else:
            attempt = _attempt_create(
                registration=registration,
                learner=learner,
                lesson=lesson,
                version=current_version,
                identifier=identifier,
                number=(latest.number + 1) if latest else 1,
            )
        _session_start(attempt)
        if registration.last_item_identifier != identifier:
            registration.last_item_identifier = identifier
            registration.save(update_fields=["last_item_identifier", "updated_at"])
    return attempt


def _attempt_create(*, registration, learner, lesson, version, identifier, number) -> ScormAttempt:
    item = _launchable_item(version, identifier)
    if item is None:
        raise ScormError("not_launchable", _("This part of the package cannot be launched."))
    limit = max_attempts()
    if limit and number > limit + registration.extra_attempts:
        raise ScormError(
            "max_attempts",
            _(
                "You have used all your attempts (%(count)s) for this activity. Ask your "
                "trainer for a new attempt."
            )
            % {"count": limit + registration.extra_attempts},
        )
    try:
        with transaction.atomic():
            return ScormAttempt.objects.create(
                registration=registration,
                learner=learner,
                lesson_id=lesson.pk,
                version=version,
                item=item,
                sco_identifier=identifier,
                number=number,
            )
    except IntegrityError:
        # Another request created it first (databases without the registration lock).
        return ScormAttempt.objects.select_related("item", "version").get(
            learner=learner, lesson_id=lesson.pk, sco_identifier=identifier, number=number
        )


# Run-time state ------------------------------------------------------------------------


def _number(value) -> str:
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text


def _entry(attempt: ScormAttempt) -> str:
    if attempt.commit_count == 0:
        return "ab-initio"
    return "resume" if attempt.exit_value == "suspend" else ""


def _learner_names(learner) -> tuple[str, str]:
    """(SCORM 1.2 « Nom, Prénom », SCORM 2004 « Prénom Nom »), the e-mail as fallback."""
    first, last = (learner.first_name or "").strip(), (learner.last_name or "").strip()
    if first and last:
        return f"{last}, {first}", f"{first} {last}"
    name = last or first or learner.email
    return name, name


def _valid_duration(value: str, *, is_2004: bool) -> str:
    try:
        cmi_data.duration_to_seconds(value, is_2004=is_2004)
    except ValueError:
        return ""
    return value


def _score_json(attempt: ScormAttempt, *, is_2004: bool) -> dict:
    score = {
        "raw": _number(attempt.score_raw),
        "min": _number(attempt.score_min),
        "max": _number(attempt.score_max),
    }
    if is_2004:
        score = {"scaled": _number(attempt.score_scaled), **score}
    return {key: value for key, value in score.items() if value != ""}


def _interactions_json(attempt: ScormAttempt) -> list[dict]:
    """Stored interactions in a field order scorm-again accepts (id and type first)."""
    first = ("id", "type", "timestamp", "weighting")
    out = []
    for record in cmi_data.ordered(attempt.interactions or {}):
        if not record.get("id"):
            continue
        entry = {key: record[key] for key in first if key in record}
        if record.get("objectives"):
            entry["objectives"] = [{"id": value} for value in record["objectives"]]
        for key in ("learner_response", "result", "latency", "description"):
            if key in record:
                entry[key] = record[key]
        if record.get("correct_responses"):
            entry["correct_responses"] = [
                {"pattern": value} for value in record["correct_responses"]
            ]
        out.append(entry)
    return out


def _objectives_json(attempt: ScormAttempt, *, is_2004: bool) -> list[dict]:
    stored = {
        entry["id"]: entry
        for entry in cmi_data.ordered(attempt.objectives or {})
        if entry.get("id")
    }
    out: list[dict] = []
    if is_2004:
        global_objectives = attempt.registration.global_objectives or {}
        for declared in attempt.item.objectives or []:
            identifier = declared.get("id")
            if not identifier or identifier in stored:
                continue
            entry: dict = {"id": identifier}
            for mapping in declared.get("map_info") or []:
                known = global_objectives.get(mapping.get("target")) or {}
                if mapping.get("read_satisfied", True) and known.get("satisfied") is not None:
                    entry["success_status"] = "passed" if known["satisfied"] else "failed"
                if mapping.get("read_measure", True) and known.get("measure") is not None:
                    entry["score"] = {"scaled": _number(known["measure"])}
            out.append(entry)
    for identifier, entry in stored.items():
        record = {"id": identifier}
        record.update({k: v for k, v in entry.items() if k not in ("id", "score")})
        if entry.get("score"):
            record["score"] = entry["score"]
        out.append(record)
    return out


def attempt_runtime_state(attempt: ScormAttempt) -> dict:
    """What the runtime wrapper loads into scorm-again before the SCO starts.

    ``{"version": "1.2"|"2004", "cmi": <for scorm-again's loadFromJSON, without the
    "cmi" key: {"core": {...}} for 1.2>, "settings": <scorm-again settings>}``. The player
    adds ``lmsCommitUrl`` (the commit endpoint with this attempt's token) to the settings.
    """
    item, version = attempt.item, attempt.version
    is_2004 = version.is_2004
    ended = attempt_has_ended(attempt)
    credit, mode = ("no-credit", "review") if ended else ("credit", "normal")
    name_12, name_2004 = _learner_names(attempt.learner)
    extra = {key: attempt.cmi[key] for key in EXTRA_KEYS if key in (attempt.cmi or {})}
    # Every session reported so far (the latest is folded when the new one reports).
    total = attempt.total_seconds
    if is_2004:
        data: dict = {
            "learner_id": str(attempt.learner_id),
            "learner_name": name_2004,
            "entry": _entry(attempt),
            "credit": credit,
            "mode": mode,
            "location": attempt.location,
            "suspend_data": attempt.suspend_data,
            "total_time": cmi_data.seconds_to_time_2004(total),
            "launch_data": item.data_from_lms,
        }
        if item.completion_threshold is not None:
            data["completion_threshold"] = _number(item.completion_threshold)
        if item.scaled_passing_score is not None:
            data["scaled_passing_score"] = _number(item.scaled_passing_score)
        limit = (
            (item.sequencing or {})
            .get("limit_conditions", {})
            .get("attempt_absolute_duration_limit")
        )
        if limit and _valid_duration(limit, is_2004=True):
            data["max_time_allowed"] = limit
        if item.time_limit_action in (
            "exit,message",
            "exit,no message",
            "continue,message",
            "continue,no message",
        ):
            data["time_limit_action"] = item.time_limit_action
        if attempt.commit_count:
            if attempt.completion_status != CompletionStatus.NOT_ATTEMPTED:
                data["completion_status"] = attempt.completion_status
            data["success_status"] = attempt.success_status
            if attempt.progress_measure is not None:
                data["progress_measure"] = _number(attempt.progress_measure)
            if score := _score_json(attempt, is_2004=True):
                data["score"] = score
            data["interactions"] = _interactions_json(attempt)
        if "learner_preference" in extra:
            data["learner_preference"] = extra["learner_preference"]
        if "comments_from_learner" in extra:
            data["comments_from_learner"] = extra["comments_from_learner"]
        data["objectives"] = _objectives_json(attempt, is_2004=True)
    else:
        core = {
            "student_id": str(attempt.learner_id),
            "student_name": name_12,
            "lesson_location": attempt.location,
            "credit": credit,
            "entry": _entry(attempt),
            "total_time": cmi_data.seconds_to_time_12(total),
            "lesson_mode": mode,
        }
        if attempt.commit_count:
            core["lesson_status"] = cmi_data.status_12_join(
                attempt.completion_status, attempt.success_status
            )
            if score := _score_json(attempt, is_2004=False):
                core["score"] = score
        student_data = {}
        if item.mastery_score is not None:
            student_data["mastery_score"] = _number(item.mastery_score)
        if item.max_time_allowed and _valid_duration(item.max_time_allowed, is_2004=False):
            student_data["max_time_allowed"] = item.max_time_allowed
        if item.time_limit_action in (
            "exit,message",
            "exit,no message",
            "continue,message",
            "continue,no message",
        ):
            student_data["time_limit_action"] = item.time_limit_action
        data = {
            "core": core,
            "suspend_data": attempt.suspend_data,
            "launch_data": item.data_from_lms,
            "student_data": student_data,
            "objectives": _objectives_json(attempt, is_2004=False),
        }
        if "comments" in extra:
            data["comments"] = extra["comments"]
        if "student_preference" in extra:
            data["student_preference"] = extra["student_preference"]
    return {
        "version": "2004" if is_2004 else "1.2",
        "cmi": data,
        "settings": {
            "autocommit": True,
            "autocommitSeconds": autocommit_seconds(),
            "includeCommitSequence": True,
            "dataCommitFormat": "json",
            "sendFullCommit": True,
            "renderCommonCommitFields": True,
            "autoPopulateCommitMetadata": True,
            "scoId": cmi_data.session_marker(
                attempt_id=attempt.pk, session=max(attempt.session_count, 1)
            ),
            "terminateCommitPayloadField": cmi_data.TERMINATE_FIELD,
            "xhrWithCredentials": False,
            "autoCompleteLessonStatus": False,
            "mastery_override": False,
        },
    }


# Commits -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitResult:
    """The outcome of a commit: ``applied`` is false for a late or lower one (its plain
    values were ignored)."""

    attempt: ScormAttempt
    applied: bool
    session: int


def _decimal_or_none(value):
    return None if value is None else Decimal(value)


def attempt_commit(*, attempt: ScormAttempt, body, sequence, final: bool) -> CommitResult:
    """Store a commit of ``attempt`` (see the module notes). ``body`` is the JSON object
    scorm-again sent, ``sequence`` its ``commitSequence`` (``None``: treated as the latest),
    ``final`` whether it is the termination commit. Raises :class:`ScormError`
    ``bad_payload`` / ``too_long`` (French message) for a body that cannot be read."""
    is_2004 = attempt.version.is_2004
    try:
        data = cmi_data.commit_normalise(body, is_2004=is_2004)
    except cmi_data.CmiError as error:
        raise ScormError(error.code, error.message) from None
    now = timezone.now()
    with transaction.atomic():
        # One query locks the attempt and its registration (launches and the commits of
        # the learner's other SCOs wait on the registration).
        attempt = (
            ScormAttempt.objects.select_for_update(of=("self", "registration"))
            .select_related("registration", "item", "version", "learner")
            .get(pk=attempt.pk)
        )
        registration = attempt.registration
        before = _progress_figures(attempt)
        applied, session = _apply(attempt, data, sequence=sequence, final=final, now=now)
        recorded = int(attempt.cmi.get(RECORDED_SECONDS, -PROGRESS_TIME_STEP))
        record = (
            attempt.commit_count == 1
            or final
            or _progress_figures(attempt) != before
            or attempt.total_seconds - recorded >= PROGRESS_TIME_STEP
        )
        if record:
            attempt.cmi[RECORDED_SECONDS] = attempt.total_seconds
        attempt.save()
        if is_2004:
            _global_objectives_write(registration, attempt)
        if record:
            lesson = ScormLessonPage.objects.select_related("package").get(pk=attempt.lesson_id)
            _progress_record(registration=registration, attempt=attempt, lesson=lesson, now=now)
    return CommitResult(attempt=attempt, applied=applied, session=session)


def _progress_figures(attempt: ScormAttempt) -> tuple:
    """What of an attempt can change the lesson's progress, time aside."""
    return (
        attempt.completion_status,
        attempt.success_status,
        attempt.score_scaled,
        attempt.score_raw,
        attempt.score_max,
    )


def _apply(attempt: ScormAttempt, data, *, sequence, final: bool, now) -> tuple[bool, int]:
    is_2004 = data.is_2004
    attempt.cmi = dict(attempt.cmi or {})
    launched = max(attempt.session_count, 1)
    session = data.session if data.session and data.session_attempt == attempt.pk else launched
    session = min(session, launched)
    reporting = int(attempt.cmi.get(REPORTING_SESSION, 0))
    if session > reporting:
        # The first report of a new session: fold the previous session's time once.
        attempt.previous_sessions_seconds += attempt.session_seconds
        attempt.session_seconds = 0
        attempt.last_sequence = -1
        attempt.cmi[REPORTING_SESSION] = reporting = session
        attempt.session_count = max(attempt.session_count, session)
    if sequence is None:
        sequence = attempt.last_sequence + 1
    newer = session == reporting and sequence > attempt.last_sequence

    if newer:
        attempt.last_sequence = sequence
        if data.location is not None:
            attempt.location = data.location
        if data.suspend_data is not None:
            attempt.suspend_data = data.suspend_data
        if data.exit is not None:
            attempt.exit_value = data.exit
        if data.lesson_status is not None:
            attempt.lesson_status = data.lesson_status
        if data.score_present:
            attempt.score_raw = data.score.raw
            attempt.score_min = data.score.min
            attempt.score_max = data.score.max
            if is_2004:
                attempt.score_scaled = data.score.scaled
        if data.progress_measure is not None:
            attempt.progress_measure = data.progress_measure
        if data.session_seconds is not None:
            attempt.session_seconds = min(int(data.session_seconds), 2**31 - 1)
        if data.nav_request is not None:
            attempt.nav_request = data.nav_request
        attempt.cmi.update(data.extra)

    item = attempt.item
    if is_2004:
        if newer:
            scaled = _decimal_or_none(attempt.score_scaled)
            progress = _decimal_or_none(attempt.progress_measure)
        else:
            scaled, progress = data.score.scaled, data.progress_measure
        completion, success = cmi_data.evaluate_2004(
            completion_status=data.completion_status,
            success_status=data.success_status,
            progress_measure=progress,
            completion_threshold=_decimal_or_none(item.completion_threshold),
            score_scaled=scaled,
            scaled_passing_score=_decimal_or_none(item.scaled_passing_score),
        )
    else:
        raw = _decimal_or_none(attempt.score_raw) if newer else data.score.raw
        credit = data.credit or ("no-credit" if attempt_has_ended(attempt) else "credit")
        completion, success = cmi_data.evaluate_12(
            lesson_status=data.lesson_status,
            credit=credit,
            mastery_score=_decimal_or_none(item.mastery_score),
            score_raw=raw,
            # A suspended SCO is not finished: its score is not judged yet.
            terminated=final and attempt.exit_value != "suspend",
        )
    attempt.completion_status = cmi_data.completion_max(attempt.completion_status, completion)
    attempt.success_status = cmi_data.success_max(attempt.success_status, success)
    attempt.interactions = cmi_data.interactions_merge(
        attempt.interactions or {}, data.interactions, newer=newer
    )
    attempt.objectives = cmi_data.objectives_merge(
        attempt.objectives or {}, data.objectives, newer=newer
    )
    attempt.commit_count += 1
    attempt.last_commit_at = now
    if final and session == reporting:
        attempt.terminated_at = attempt.terminated_at or now
    if attempt.ended_at is None and _ends(
        attempt, is_2004=is_2004, terminated=final and session == reporting
    ):
        attempt.ended_at = now
    return newer, session


def _global_objectives_write(registration: ScormRegistration, attempt: ScormAttempt) -> None:
    """Write the SCO's objectives to the registration's global objectives where the
    manifest maps them with ``writeSatisfiedStatus`` / ``writeNormalizedMeasure``."""
    stored = {entry.get("id"): entry for entry in (attempt.objectives or {}).values()}
    changed = False
    global_objectives = dict(registration.global_objectives or {})
    for declared in attempt.item.objectives or []:
        local = stored.get(declared.get("id")) or {}
        success = local.get("success_status")
        scaled = (local.get("score") or {}).get("scaled")
        if declared.get("primary"):
            success = success if success not in (None, "unknown") else attempt.success_status
            if scaled is None and attempt.score_scaled is not None:
                scaled = str(attempt.score_scaled)
        for mapping in declared.get("map_info") or []:
            target = mapping.get("target")
            if not target:
                continue
            entry = dict(global_objectives.get(target) or {})
            if mapping.get("write_satisfied") and success in ("passed", "failed"):
                satisfied = success == "passed"
                # Like the attempt's own success: a satisfied objective stays satisfied.
                if entry.get("satisfied") is not True and entry.get("satisfied") != satisfied:
                    entry["satisfied"] = satisfied
            if mapping.get("write_measure") and scaled not in (None, ""):
                entry["measure"] = float(scaled)
            if entry != (global_objectives.get(target) or {}):
                global_objectives[target] = entry
                changed = True
    if changed:
        registration.global_objectives = global_objectives
        registration.save(update_fields=["global_objectives", "updated_at"])


def _lesson_figures(registration: ScormRegistration, attempt: ScormAttempt, lesson):
    """(completed, score, total seconds) of the learner's lesson from all their attempts."""
    attempts = list(
        ScormAttempt.objects.filter(registration=registration).only(
            "sco_identifier",
            "completion_status",
            "success_status",
            "score_scaled",
            "score_raw",
            "score_max",
            "previous_sessions_seconds",
            "session_seconds",
        )
    )
    satisfied = {
        row.sco_identifier
        for row in attempts
        if cmi_data.is_satisfied(row.completion_status, row.success_status)
    }
    versions = {attempt.version_id}
    current = lesson.package.current_version
    if current is not None:
        versions.add(current.pk)
    completed = False
    for version_id in versions:
        scos = set(
            ScormItem.objects.filter(version_id=version_id, kind=ScormItem.Kind.SCO)
            .exclude(href="")
            .values_list("identifier", flat=True)
        )
        if scos and scos <= satisfied:
            completed = True
    best: dict[str, Decimal] = {}
    for row in attempts:
        percent = cmi_data.score_percent(
            scaled=row.score_scaled, raw=row.score_raw, maximum=row.score_max
        )
        if percent is not None and percent > best.get(row.sco_identifier, Decimal(-1)):
            best[row.sco_identifier] = percent
    score = (sum(best.values()) / len(best)).quantize(Decimal("0.01")) if best else None
    total = sum(row.previous_sessions_seconds + row.session_seconds for row in attempts)
    return completed, score, total


def _progress_record(*, registration, attempt: ScormAttempt, lesson, now) -> None:
    completed, score, total = _lesson_figures(registration, attempt, lesson)
    try:
        lesson_progress_record(
            learner=attempt.learner,
            lesson=lesson,
            status=ProgressStatus.COMPLETED if completed else ProgressStatus.IN_PROGRESS,
            score=score,
            total_seconds=total,
            at=now,
        )
    except ProgressError:
        pass  # not a tracked learner of this lesson (staff trying the package)


# Grants --------------------------------------------------------------------------------


def attempt_grant(*, learner, lesson, granted_by) -> ScormRegistration:
    """Allow ``learner`` one more attempt per SCO of ``lesson`` (audited)."""
    with transaction.atomic():
        registration = _registration_locked(learner=learner, lesson=lesson)
        registration.extra_attempts += 1
        registration.save(update_fields=["extra_attempts", "updated_at"])
        audit_record(
            learner=learner,
            actor=granted_by,
            action="scorm.attempt_granted",
            message=_("A new attempt was granted for the lesson “%(lesson)s”.")
            % {"lesson": lesson.title},
            target=registration,
            data={"lesson": lesson.pk, "extra_attempts": registration.extra_attempts},
        )
    return registration


__all__ = [
    "CommitResult",
    "SuccessStatus",
    "attempt_commit",
    "attempt_grant",
    "attempt_has_ended",
    "attempt_launch",
    "attempt_runtime_state",
    "attempt_session_start",
]
