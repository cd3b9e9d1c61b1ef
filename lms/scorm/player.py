"""Context of the SCORM lesson page (filled by the playback work)."""


def player_context(*, request, lesson) -> dict:
    return {}
