"""Pure functions on the SCORM run-time data model (no database).

- Time: SCORM 1.2 ``CMITimespan`` (``HHHH:MM:SS.SS``) and SCORM 2004 ``timeinterval``
  (ISO 8601 durations such as ``PT1H2M3.5S``), read to seconds and written back.
- Commit bodies as scorm-again 3.4.3 sends them, normalised into :class:`CommitData`:
  ``{"cmi": {...}, "commitSequence": n}`` (``renderCommonCommitFields`` off) or
  ``{"runtimeData": {"cmi": {...}}, "completionStatus": ..., "scoId": ..., "commitSequence":
  n}`` (on), nested JSON or flattened keys (``"cmi.core.lesson_status"``). SCORM 1.2 data
  sits under ``cmi.core`` (``lesson_status``, ``lesson_location``, ``score``...), SCORM 2004
  data directly under ``cmi``. Arrays come as objects keyed ``"0"``, ``"1"``... (or lists).
- Status evaluation by the server (never trusting the raw status alone) and ranks, so that
  completion and success only move up.
- Merges of interactions and objectives by id.

Decisions (documented here, relied upon by :mod:`lms.scorm.services`):

- Completion ranks ``unknown`` < ``not attempted`` < ``incomplete`` < ``completed``.
  Success ranks ``unknown`` < ``failed`` < ``passed``: a failure can become a pass on a
  later commit (or a resumed attempt), a pass never goes back to a failure.
- SCORM 1.2 ``lesson_status`` maps to (completion, success): passed → (completed, passed),
  completed → (completed, unknown), failed → (completed, failed), incomplete and browsed →
  (incomplete, unknown), not attempted → (not attempted, unknown). With a mastery score,
  credit and a raw score, a status the SCO gave as finished (completed, passed, failed), or
  any status at a termination commit that does not suspend, becomes passed (raw ≥ mastery)
  or failed: an intermediate score reported while the SCO is still incomplete (or
  suspended) is not judged yet.
- SCORM 2004: with a completion threshold and a progress measure, completion is completed
  when progress ≥ threshold, else incomplete; with a threshold and no progress measure, the
  SCO's own completion status is kept. With a scaled passing score, success is passed when
  ``score.scaled`` ≥ it, failed below it, and unknown without a scaled score (RTE 4.2.22).
- Interactions and objectives are stored by id. A newer commit overwrites the fields it
  carries (non-empty); an older (late) one only fills fields still empty and adds ids not
  seen yet. Objective statuses only move up, like the attempt's.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

SUSPEND_DATA_MAX_CHARS = 64_000
LOCATION_MAX_CHARS = 1000
NAV_REQUEST_MAX_CHARS = 255
IDENTIFIER_MAX_CHARS = 4000
# A field of the body that scorm-again adds at the termination commit (setting
# ``terminateCommitPayloadField``), and the commit metadata field carrying the session.
TERMINATE_FIELD = "terminateCommit"
SEQUENCE_FIELD = "commitSequence"
SESSION_FIELD = "scoId"
SESSION_MARKER = re.compile(r"^attempt-(\d+)-session-(\d+)$")

COMPLETION_RANK = {"unknown": 0, "not attempted": 1, "incomplete": 2, "completed": 3}
SUCCESS_RANK = {"unknown": 0, "failed": 1, "passed": 2}
LESSON_STATUSES_12 = {"passed", "completed", "failed", "incomplete", "browsed", "not attempted"}
EXITS_12 = {"", "time-out", "suspend", "logout"}
EXITS_2004 = {"", "time-out", "suspend", "logout", "normal"}
FINISHED_12 = {"passed", "completed", "failed"}

_TIME_12 = re.compile(r"^(\d{1,4}):([0-5]?\d):([0-5]?\d)(?:\.(\d{1,2}))?$")
_DURATION_2004 = re.compile(
    r"^P(?!$)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?"
    r"(?:(\d+(?:\.\d+)?)D)?(?:T(?=\d)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?"
    r"(?:(\d+(?:\.\d+)?)S)?)?$"
)
# Seconds per ISO designator, as scorm-again counts them (a year of 365 days, a month of
# 30 days).
_DURATION_UNITS = (365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1)
_MAX_HOURS_12 = 9999
_DECIMAL_MAX = Decimal("99999999.9999")
_INTERACTION_TEXT = frozenset(
    {
        "id",
        "type",
        "time",
        "timestamp",
        "weighting",
        "student_response",
        "learner_response",
        "result",
        "latency",
        "description",
    }
)


class CmiError(ValueError):
    """A commit body that cannot be read: ``code`` is stable, ``message`` is French."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = str(message)


# Time ----------------------------------------------------------------------------------


def time_12_to_seconds(value: str) -> float:
    """Seconds in a SCORM 1.2 ``CMITimespan`` (``HHHH:MM:SS.SS``); ``ValueError`` if
    malformed."""
    match = _TIME_12.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"not a SCORM 1.2 time span: {value!r}")
    hours, minutes, seconds, fraction = match.groups()
    total = int(hours) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (int(fraction) / 10 ** len(fraction) if fraction else 0)


def time_2004_to_seconds(value: str) -> float:
    """Seconds in a SCORM 2004 ``timeinterval`` (ISO 8601 duration such as ``PT1H2M3.5S``);
    ``ValueError`` if malformed."""
    match = _DURATION_2004.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"not an ISO 8601 duration: {value!r}")
    return sum(
        float(part) * unit
        for part, unit in zip(match.groups(), _DURATION_UNITS, strict=True)
        if part
    )


def seconds_to_time_12(seconds: float) -> str:
    """``HHHH:MM:SS.SS`` (hours on at least two digits, at most 9999:59:59.99)."""
    centis = max(0, round(float(seconds) * 100))
    centis = min(centis, (_MAX_HOURS_12 * 3600 + 3599) * 100 + 99)
    whole, fraction = divmod(centis, 100)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return f"{text}.{fraction:02d}" if fraction else text


def seconds_to_time_2004(seconds: float) -> str:
    """An ISO 8601 duration (``PT1H2M3.5S``; ``PT0S`` for nothing)."""
    centis = max(0, round(float(seconds) * 100))
    whole, fraction = divmod(centis, 100)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if secs or fraction or text == "PT":
        text += f"{secs}.{fraction:02d}".rstrip("0").rstrip(".") + "S"
    return text


def duration_to_seconds(value: str, *, is_2004: bool) -> float:
    """Seconds in a time span of either version (``ValueError`` if malformed)."""
    return time_2004_to_seconds(value) if is_2004 else time_12_to_seconds(value)


def seconds_to_duration(seconds: float, *, is_2004: bool) -> str:
    return seconds_to_time_2004(seconds) if is_2004 else seconds_to_time_12(seconds)


# Status --------------------------------------------------------------------------------


def completion_max(stored: str, new: str) -> str:
    """The higher of two completion statuses (completion only moves up)."""
    if new not in COMPLETION_RANK:
        return stored
    return new if COMPLETION_RANK[new] > COMPLETION_RANK.get(stored, 0) else stored


def success_max(stored: str, new: str) -> str:
    """The higher of two success statuses (failed may become passed, never the reverse)."""
    if new not in SUCCESS_RANK:
        return stored
    return new if SUCCESS_RANK[new] > SUCCESS_RANK.get(stored, 0) else stored


def status_12_split(lesson_status: str) -> tuple[str, str]:
    """(completion, success) of a SCORM 1.2 ``lesson_status``."""
    return {
        "passed": ("completed", "passed"),
        "completed": ("completed", "unknown"),
        "failed": ("completed", "failed"),
        "incomplete": ("incomplete", "unknown"),
        "browsed": ("incomplete", "unknown"),
        "not attempted": ("not attempted", "unknown"),
    }.get(lesson_status or "", ("unknown", "unknown"))


def status_12_join(completion: str, success: str) -> str:
    """The SCORM 1.2 ``lesson_status`` for a (completion, success) pair."""
    if success in ("passed", "failed"):
        return success
    if completion in ("completed", "incomplete"):
        return completion
    return "not attempted"


def evaluate_12(
    *,
    lesson_status: str | None,
    credit: str = "credit",
    mastery_score: Decimal | None = None,
    score_raw: Decimal | None = None,
    terminated: bool = False,
) -> tuple[str, str]:
    """(completion, success) the LMS records for a SCORM 1.2 commit (see module notes)."""
    status = lesson_status or ""
    judged = status in FINISHED_12 or terminated
    if credit == "credit" and mastery_score is not None and score_raw is not None and judged:
        status = "passed" if score_raw >= mastery_score else "failed"
    return status_12_split(status)


def evaluate_2004(
    *,
    completion_status: str | None,
    success_status: str | None,
    progress_measure: Decimal | None = None,
    completion_threshold: Decimal | None = None,
    score_scaled: Decimal | None = None,
    scaled_passing_score: Decimal | None = None,
) -> tuple[str, str]:
    """(completion, success) the LMS records for a SCORM 2004 commit (RTE 4.2.4, 4.2.22)."""
    completion = completion_status or "unknown"
    if completion_threshold is not None and progress_measure is not None:
        completion = "completed" if progress_measure >= completion_threshold else "incomplete"
    success = success_status or "unknown"
    if scaled_passing_score is not None:
        if score_scaled is None:
            success = "unknown"
        else:
            success = "passed" if score_scaled >= scaled_passing_score else "failed"
    return completion, success


def is_satisfied(completion: str, success: str) -> bool:
    """Whether a SCO counts as done for the lesson: passed, or completed and not failed."""
    return success == "passed" or (completion == "completed" and success != "failed")


# Commit bodies -------------------------------------------------------------------------


@dataclass
class Score:
    scaled: Decimal | None = None
    raw: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None


@dataclass
class CommitData:
    """What one commit says, version-independent. ``None`` = not in the body."""

    is_2004: bool
    session: int | None = None
    session_attempt: int | None = None
    lesson_status: str | None = None  # 1.2 raw status
    completion_status: str | None = None  # 2004
    success_status: str | None = None  # 2004
    score: Score = field(default_factory=Score)
    score_present: bool = False
    progress_measure: Decimal | None = None
    location: str | None = None
    suspend_data: str | None = None
    exit: str | None = None
    session_seconds: float | None = None
    credit: str | None = None
    nav_request: str | None = None
    interactions: list[dict] = field(default_factory=list)
    objectives: list[dict] = field(default_factory=list)
    # Other runtime values kept for the next session (comments, preferences).
    extra: dict = field(default_factory=dict)


def _bad(message: str, code: str = "bad_payload") -> CmiError:
    return CmiError(code, message)


def unflatten(flat: dict) -> dict:
    """``{"cmi.core.lesson_status": "x"}`` → ``{"cmi": {"core": {"lesson_status": "x"}}}``."""
    tree: dict = {}
    for key, value in flat.items():
        parts = key.split(".")
        node = tree
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise _bad(_("The commit data is not valid."))
            node = child
        if isinstance(node.get(parts[-1]), dict):
            raise _bad(_("The commit data is not valid."))
        node[parts[-1]] = value
    return tree


def _object(value, name: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _bad(_("The field “%(name)s” must be an object.") % {"name": name})
    return value


def _string(value, name: str, *, max_chars: int | None = None) -> str | None:
    """A text value (numbers accepted, as JSON may carry them); ``None`` when absent."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _bad(_("The field “%(name)s” must be text.") % {"name": name})
    if isinstance(value, float) and not math.isfinite(value):
        raise _bad(_("The field “%(name)s” must be text.") % {"name": name})
    text = value if isinstance(value, str) else str(value)
    if "\x00" in text:
        raise _bad(_("The field “%(name)s” must be text.") % {"name": name})
    if max_chars is not None and len(text) > max_chars:
        raise _bad(
            _("The field “%(name)s” is longer than %(max)s characters.")
            % {"name": name, "max": f"{max_chars:,}".replace(",", "\u202f")},
            code="too_long",
        )
    return text


def _decimal(
    value, name: str, *, low: Decimal | None = None, high: Decimal | None = None
) -> Decimal | None:
    """A decimal (string or number); ``None`` when absent or empty."""
    text = _string(value, name)
    if text is None or text.strip() == "":
        return None
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        number = None
    # Stored with 4 decimal places in 12 digits: anything larger would not fit once rounded.
    if number is None or not number.is_finite() or abs(number) > _DECIMAL_MAX:
        raise _bad(_("The field “%(name)s” must be a number.") % {"name": name})
    number = number.quantize(Decimal("0.00001"))
    if (low is not None and number < low) or (high is not None and number > high):
        raise _bad(_("The field “%(name)s” is out of range.") % {"name": name})
    return number


def _choice(value, name: str, allowed) -> str | None:
    text = _string(value, name)
    if text is None:
        return None
    if text not in allowed:
        raise _bad(_("The value of “%(name)s” is not allowed.") % {"name": name})
    return text


def _array(value, name: str) -> list:
    """A CMI array, sent as a list or an object keyed by index (in index order)."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        try:
            keys = sorted(value, key=int)
        except ValueError:
            raise _bad(_("The field “%(name)s” must be a list.") % {"name": name}) from None
        return [value[key] for key in keys]
    raise _bad(_("The field “%(name)s” must be a list.") % {"name": name})


def _score(value, name: str, *, is_2004: bool) -> tuple[Score, bool]:
    data = _object(value, name)
    score = Score(
        raw=_decimal(data.get("raw"), f"{name}.raw"),
        min=_decimal(data.get("min"), f"{name}.min"),
        max=_decimal(data.get("max"), f"{name}.max"),
    )
    if is_2004:
        score.scaled = _decimal(
            data.get("scaled"), f"{name}.scaled", low=Decimal(-1), high=Decimal(1)
        )
    present = any(v is not None for v in (score.raw, score.min, score.max, score.scaled))
    return score, present


def _score_dict(score: Score) -> dict:
    return {
        key: format(getattr(score, key).normalize(), "f")
        for key in ("scaled", "raw", "min", "max")
        if getattr(score, key) is not None
    }


def _interaction(value, index: int, *, is_2004: bool) -> dict:
    name = f"cmi.interactions.{index}"
    data = _object(value, name)
    record: dict = {}
    for key, item in data.items():
        if key in ("objectives", "correct_responses"):
            entries = []
            for number, entry in enumerate(_array(item, f"{name}.{key}")):
                inner = "id" if key == "objectives" else "pattern"
                entry = _object(entry, f"{name}.{key}.{number}")
                text = _string(entry.get(inner), f"{name}.{key}.{number}.{inner}")
                if text:
                    entries.append(text)
            if entries:
                record[key] = entries
        elif isinstance(item, dict | list) and key not in _INTERACTION_TEXT:
            continue  # nothing else is nested in an interaction
        else:
            text = _string(item, f"{name}.{key}", max_chars=IDENTIFIER_MAX_CHARS)
            if text:
                record[key] = text
    return record


def _objective(value, index: int, *, is_2004: bool) -> dict:
    name = f"cmi.objectives.{index}"
    data = _object(value, name)
    record: dict = {}
    identifier = _string(data.get("id"), f"{name}.id", max_chars=IDENTIFIER_MAX_CHARS)
    if identifier:
        record["id"] = identifier
    if is_2004:
        success = _choice(data.get("success_status"), f"{name}.success_status", SUCCESS_RANK)
        completion = _choice(
            data.get("completion_status"), f"{name}.completion_status", COMPLETION_RANK
        )
        progress = _decimal(
            data.get("progress_measure"),
            f"{name}.progress_measure",
            low=Decimal(0),
            high=Decimal(1),
        )
        description = _string(data.get("description"), f"{name}.description", max_chars=4000)
        if success:
            record["success_status"] = success
        if completion:
            record["completion_status"] = completion
        if progress is not None:
            record["progress_measure"] = format(progress.normalize(), "f")
        if description:
            record["description"] = description
    else:
        status = _choice(data.get("status"), f"{name}.status", LESSON_STATUSES_12)
        if status:
            record["status"] = status
    score, present = _score(data.get("score"), f"{name}.score", is_2004=is_2004)
    if present:
        record["score"] = _score_dict(score)
    return record


def session_marker(*, attempt_id: int, session: int) -> str:
    """The value of scorm-again's ``scoId`` setting that tells the session of a commit."""
    return f"attempt-{attempt_id}-session-{session}"


def commit_normalise(body, *, is_2004: bool) -> CommitData:
    """Read a commit body of either version; :class:`CmiError` (French message) if it is
    not a valid one. Values absent from the body stay ``None`` (they change nothing)."""
    if not isinstance(body, dict):
        raise _bad(_("The commit data must be a JSON object."))
    envelope = body.get("runtimeData", body)
    if not isinstance(envelope, dict):
        raise _bad(_("The field “%(name)s” must be an object.") % {"name": "runtimeData"})
    if any(isinstance(key, str) and key.startswith(("cmi.", "adl.")) for key in envelope):
        envelope = {**envelope, **unflatten({k: v for k, v in envelope.items() if "." in k})}
    if not isinstance(envelope.get("cmi"), dict):
        raise _bad(_("The commit data holds no “cmi” object."))
    cmi = envelope["cmi"]
    data = CommitData(is_2004=is_2004)

    marker = body.get(SESSION_FIELD)
    if isinstance(marker, str) and (match := SESSION_MARKER.match(marker)):
        data.session_attempt, data.session = int(match.group(1)), int(match.group(2))

    if is_2004:
        _read_2004(cmi, data)
        adl = _object(envelope.get("adl"), "adl")
        nav = _object(adl.get("nav"), "adl.nav")
        data.nav_request = _string(
            nav.get("request"), "adl.nav.request", max_chars=NAV_REQUEST_MAX_CHARS
        )
    else:
        _read_12(cmi, data)
    data.suspend_data = _string(
        cmi.get("suspend_data"), "cmi.suspend_data", max_chars=SUSPEND_DATA_MAX_CHARS
    )
    data.interactions = [
        _interaction(value, index, is_2004=is_2004)
        for index, value in enumerate(_array(cmi.get("interactions"), "cmi.interactions"))
    ]
    data.objectives = [
        _objective(value, index, is_2004=is_2004)
        for index, value in enumerate(_array(cmi.get("objectives"), "cmi.objectives"))
    ]
    return data


def _session_seconds(value, name: str, *, is_2004: bool) -> float | None:
    text = _string(value, name)
    if text is None or text == "":
        return None
    try:
        return duration_to_seconds(text, is_2004=is_2004)
    except ValueError:
        raise _bad(_("The field “%(name)s” is not a valid duration.") % {"name": name}) from None


def _read_12(cmi: dict, data: CommitData) -> None:
    core = _object(cmi.get("core"), "cmi.core")
    data.lesson_status = _choice(
        core.get("lesson_status"), "cmi.core.lesson_status", LESSON_STATUSES_12 | {""}
    )
    data.location = _string(
        core.get("lesson_location"), "cmi.core.lesson_location", max_chars=LOCATION_MAX_CHARS
    )
    data.exit = _choice(core.get("exit"), "cmi.core.exit", EXITS_12)
    data.credit = _choice(core.get("credit"), "cmi.core.credit", {"credit", "no-credit", ""})
    data.session_seconds = _session_seconds(
        core.get("session_time"), "cmi.core.session_time", is_2004=False
    )
    data.score, data.score_present = _score(core.get("score"), "cmi.core.score", is_2004=False)
    comments = _string(cmi.get("comments"), "cmi.comments", max_chars=SUSPEND_DATA_MAX_CHARS)
    if comments is not None:
        data.extra["comments"] = comments
    preference = _object(cmi.get("student_preference"), "cmi.student_preference")
    if preference:
        data.extra["student_preference"] = {
            key: _string(value, f"cmi.student_preference.{key}", max_chars=255)
            for key, value in preference.items()
            if key in ("audio", "language", "speed", "text") and value not in (None, "")
        }


def _read_2004(cmi: dict, data: CommitData) -> None:
    data.completion_status = _choice(
        cmi.get("completion_status"), "cmi.completion_status", COMPLETION_RANK
    )
    data.success_status = _choice(cmi.get("success_status"), "cmi.success_status", SUCCESS_RANK)
    data.location = _string(cmi.get("location"), "cmi.location", max_chars=LOCATION_MAX_CHARS)
    data.exit = _choice(cmi.get("exit"), "cmi.exit", EXITS_2004)
    data.credit = _choice(cmi.get("credit"), "cmi.credit", {"credit", "no-credit", ""})
    data.session_seconds = _session_seconds(
        cmi.get("session_time"), "cmi.session_time", is_2004=True
    )
    data.progress_measure = _decimal(
        cmi.get("progress_measure"), "cmi.progress_measure", low=Decimal(0), high=Decimal(1)
    )
    data.score, data.score_present = _score(cmi.get("score"), "cmi.score", is_2004=True)
    comments = []
    for index, value in enumerate(
        _array(cmi.get("comments_from_learner"), "cmi.comments_from_learner")
    ):
        entry = _object(value, f"cmi.comments_from_learner.{index}")
        comment = {
            key: _string(entry.get(key), f"cmi.comments_from_learner.{index}.{key}", max_chars=4000)
            for key in ("comment", "location", "timestamp")
            if entry.get(key) not in (None, "")
        }
        if comment:
            comments.append(comment)
    if comments:
        data.extra["comments_from_learner"] = comments
    preference = _object(cmi.get("learner_preference"), "cmi.learner_preference")
    if preference:
        data.extra["learner_preference"] = {
            key: _string(value, f"cmi.learner_preference.{key}", max_chars=255)
            for key, value in preference.items()
            if key in ("audio_level", "language", "delivery_speed", "audio_captioning")
            and value not in (None, "")
        }


# Merges --------------------------------------------------------------------------------


def _merge_fields(stored: dict, incoming: dict, *, newer: bool) -> dict:
    merged = dict(stored)
    for key, value in incoming.items():
        if newer or key not in merged or merged[key] in ("", None, [], {}):
            merged[key] = value
    return merged


def interactions_merge(stored: dict, incoming: list[dict], *, newer: bool) -> dict:
    """Interactions by id (``{id: {..., "order": n}}``): new ids appended in the order
    they come, known ids merged field by field (see module notes)."""
    merged = dict(stored)
    order = max((entry.get("order", 0) for entry in merged.values()), default=-1) + 1
    for index, record in enumerate(incoming):
        key = record.get("id") or f"#{index}"
        if key in merged:
            keep = merged[key].get("order", 0)
            merged[key] = {**_merge_fields(merged[key], record, newer=newer), "order": keep}
        else:
            merged[key] = {**record, "order": order}
            order += 1
    return merged


def objectives_merge(stored: dict, incoming: list[dict], *, newer: bool) -> dict:
    """Objectives by id, merged like interactions; their statuses only move up."""
    merged = dict(stored)
    order = max((entry.get("order", 0) for entry in merged.values()), default=-1) + 1
    for index, record in enumerate(incoming):
        key = record.get("id") or f"#{index}"
        before = merged.get(key)
        if before is None:
            merged[key] = {**record, "order": order}
            order += 1
            continue
        entry = {**_merge_fields(before, record, newer=newer), "order": before.get("order", 0)}
        for name, ranks in (
            ("success_status", SUCCESS_RANK),
            ("completion_status", COMPLETION_RANK),
        ):
            old, new = before.get(name), record.get(name)
            if old and new:
                entry[name] = new if ranks[new] > ranks.get(old, 0) else old
        old, new = before.get("status"), record.get("status")
        if old and new:
            entry["status"] = status_12_join(
                completion_max(status_12_split(old)[0], status_12_split(new)[0]),
                success_max(status_12_split(old)[1], status_12_split(new)[1]),
            )
        merged[key] = entry
    return merged


def ordered(records: dict) -> list[dict]:
    """Stored interactions or objectives in the order they first came, without ``order``."""
    entries = sorted(records.values(), key=lambda entry: entry.get("order", 0))
    return [{k: v for k, v in entry.items() if k != "order"} for entry in entries]


def score_percent(
    *, scaled: Decimal | None, raw: Decimal | None, maximum: Decimal | None
) -> Decimal | None:
    """A score out of 100: ``scaled × 100``, else ``raw / max × 100``, else ``None``."""
    if scaled is not None:
        value = scaled * 100
    elif raw is not None and maximum:
        value = raw / maximum * 100
    else:
        return None
    return min(Decimal(100), max(Decimal(0), value)).quantize(Decimal("0.01"))
