"""The shapes the demo content is written in, and helpers to write lesson bodies as data.

The content modules (:mod:`lms.demo.content`) only build these frozen dataclasses; the seed
service (:mod:`lms.demo.services`) turns them into pages, mirror pairs and accounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

BlockValue = tuple[str, Any]
"""One block of a lesson body, as Wagtail accepts it: ``(block_name, value)``."""


@dataclass(frozen=True)
class LessonSpec:
    """A lesson page: its body is a tuple of ``(block_name, value)`` pairs."""

    slug: str
    title: str
    summary: str
    estimated_minutes: int
    body: tuple[BlockValue, ...]


@dataclass(frozen=True)
class ModuleSpec:
    """A module page and its lessons; ``prerequisites`` are slugs of earlier sibling modules."""

    slug: str
    title: str
    summary: str
    objectives: str
    duration_hours: Decimal
    target_audience: str
    lessons: tuple[LessonSpec, ...]
    prerequisites: tuple[str, ...] = ()


@dataclass(frozen=True)
class CurriculumSpec:
    """A curriculum page for one audience (a value of :class:`curriculum.models.Audience`)."""

    slug: str
    title: str
    audience: str
    introduction: str
    learning_outcomes: str
    modules: tuple[ModuleSpec, ...]


@dataclass(frozen=True)
class MirrorSpec:
    """Two modules that mirror each other, named by their slugs (unique across the demo)."""

    association_module: str
    civil_servant_module: str


@dataclass(frozen=True)
class AccountSpec:
    """A demo account: ``role`` is the name of its group, ``label`` says who it stands for."""

    email: str
    first_name: str
    last_name: str
    role: str
    label: str | Promise


def paragraph(*texts: str) -> BlockValue:
    """A rich-text block; each text becomes a ``<p>`` unless it already is HTML (a list...)."""
    html = "".join(text if text.startswith("<") else f"<p>{text}</p>" for text in texts)
    return ("paragraph", html)


def heading(text: str, level: str = "h2") -> BlockValue:
    """A section (``h2``) or sub-section (``h3``) heading."""
    return ("heading", {"text": text, "level": level})


def callout(title: str, *texts: str) -> BlockValue:
    """A highlighted paragraph with a title."""
    return ("callout", {"title": title, "text": paragraph(*texts)[1]})


def key_points(*points: str, title: str = "À retenir") -> BlockValue:
    """The « À retenir » box that closes a lesson."""
    return ("key_points", {"title": title, "points": list(points)})
