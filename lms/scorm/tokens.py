"""Signed tokens of the SCORM player.

- A **content token** opens a package version's files on the content origin for one
  learner: it is the first path segment (``/<token>/<relative path>``), so the package's
  relative links keep working. Valid for ``LMS_SCORM_CONTENT_TOKEN_MAX_AGE`` seconds (a
  working day by default); the player asks for a fresh one when it reloads.
- An **attempt token** authorises the commits of one attempt (and nothing else): it stands
  in for the CSRF token on the commit endpoint, which the runtime wrapper on the content
  origin calls without cookies (``sendBeacon`` cannot send headers).

Both are URL-safe (``django.core.signing``, distinct salts, compact form) and carry no
secret: only integrity and expiry.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

CONTENT_SALT = "lms.scorm.content"
ATTEMPT_SALT = "lms.scorm.attempt"


def content_token_max_age() -> int:
    return int(getattr(settings, "LMS_SCORM_CONTENT_TOKEN_MAX_AGE", 10 * 60 * 60))


def attempt_token_max_age() -> int:
    return int(getattr(settings, "LMS_SCORM_ATTEMPT_TOKEN_MAX_AGE", 10 * 60 * 60))


@dataclass(frozen=True)
class ContentGrant:
    learner_id: int
    version_id: int
    lesson_id: int


def content_token_make(*, learner_id: int, version_id: int, lesson_id: int) -> str:
    """A token opening ``version_id``'s files to ``learner_id`` (playing ``lesson_id``)."""
    return signing.dumps(
        [learner_id, version_id, lesson_id], salt=CONTENT_SALT, compress=False
    ).replace(":", ".")


def content_token_read(token: str) -> ContentGrant | None:
    """The grant in ``token``, or ``None`` if it is forged, damaged or expired."""
    try:
        learner_id, version_id, lesson_id = signing.loads(
            token.replace(".", ":"), salt=CONTENT_SALT, max_age=content_token_max_age()
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return ContentGrant(int(learner_id), int(version_id), int(lesson_id))


def attempt_token_make(attempt_id: int) -> str:
    """A token authorising commits to attempt ``attempt_id`` only."""
    return signing.dumps(attempt_id, salt=ATTEMPT_SALT).replace(":", ".")


def attempt_token_read(token: str) -> int | None:
    """The attempt id in ``token``, or ``None`` if it is forged, damaged or expired."""
    try:
        value = signing.loads(
            token.replace(".", ":"), salt=ATTEMPT_SALT, max_age=attempt_token_max_age()
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return value if isinstance(value, int) else None
