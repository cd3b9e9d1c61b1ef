"""Recognising what people type in a file: audiences, territories and promotions.

Comparisons ignore accents, case, punctuation and surrounding spaces (:func:`fold`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.utils import translation

from curriculum.models import Audience
from lms.people.territories import DEPARTEMENT_REGION, DEPARTEMENTS, REGIONS

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """``"  Île-de-France "`` → ``"ile de france"``: no accents, lower case, words only."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_ALNUM.sub(" ", bare.casefold()).strip()


# Audiences -------------------------------------------------------------------------------

_AUDIENCE_WORDS: dict[str, tuple[str, ...]] = {
    Audience.ASSOCIATION_LEADERS: (
        "association_leaders",
        "association leader",
        "association leaders",
        "dirigeant associatif",
        "dirigeante associative",
        "dirigeants associatifs",
        "dirigeantes associatives",
        "dirigeant e associatif ve",
        "responsable associatif",
        "responsable associative",
        "responsables associatifs",
        "associatif",
        "associative",
        "laureat",
        "laureate",
        "laureats",
        "laureat la france s engage",
        "laureate la france s engage",
        "laureats la france s engage",
        "ess",
    ),
    Audience.CIVIL_SERVANTS: (
        "civil_servants",
        "civil servant",
        "civil servants",
        "senior civil servant",
        "senior civil servants",
        "haut fonctionnaire",
        "haute fonctionnaire",
        "hauts fonctionnaires",
        "hautes fonctionnaires",
        "fonctionnaire",
        "fonctionnaires",
        "agent public",
        "agente publique",
        "agents publics",
        "chesp",
    ),
}


@lru_cache(maxsize=1)
def _audience_index() -> dict[str, str]:
    index = {fold(word): value for value, words in _AUDIENCE_WORDS.items() for word in words}
    # The labels people see in the interface, in each language, are accepted too.
    for value, label in Audience.choices:
        for language in ("fr", "en"):
            with translation.override(language):
                index.setdefault(fold(str(label)), value)
    return index


def audience_match(text: str) -> str | None:
    """The :class:`~curriculum.models.Audience` value for ``text`` (``""`` when empty),
    or ``None`` when it is not recognised."""
    folded = fold(text)
    if not folded:
        return ""
    return _audience_index().get(folded)


# Territories -----------------------------------------------------------------------------

_REGION_BY_NAME = {fold(name): code for code, name in REGIONS}
_DEPARTEMENT_BY_NAME = {fold(name): code for code, name, _region in DEPARTEMENTS}
_DEPARTEMENT_CODES = {code.upper() for code, _name, _region in DEPARTEMENTS}
_REGION_CODES = {code for code, _name in REGIONS}
# "Île-de-France – Paris", "Île-de-France / Paris", "75 - Paris", "Paris, Île-de-France"
_TERRITORY_SEPARATORS = re.compile(r"\s*(?:[–—/,;|]|\s-\s)\s*")
_REGION_CODE = re.compile(r"^(?:r|region)\s*(\d{2})$")


@dataclass(frozen=True)
class Territory:
    """A région and a département code (either may be empty)."""

    region: str = ""
    departement: str = ""


class TerritoryError(ValueError):
    """The text names no known territory, or a département outside the région named."""


def _territory_part(part: str) -> tuple[str, str]:
    """``("region", code)`` or ``("departement", code)`` for one part of the text."""
    stripped = part.strip()
    code = stripped.upper()
    if code.isdigit() and len(code) == 1:
        code = f"0{code}"
    # A bare code is a département's: that is the code people know ("75", "2A", "971").
    if code in _DEPARTEMENT_CODES:
        return "departement", code
    folded = fold(stripped)
    if folded in _DEPARTEMENT_BY_NAME:
        return "departement", _DEPARTEMENT_BY_NAME[folded]
    if folded in _REGION_BY_NAME:
        return "region", _REGION_BY_NAME[folded]
    region_code = _REGION_CODE.match(folded)
    if region_code and region_code.group(1) in _REGION_CODES:
        return "region", region_code.group(1)
    raise TerritoryError(stripped)


def territory_match(text: str) -> Territory:
    """The région and département named by ``text``: a département (code or name), a
    région (name, or ``R11``), or both (``"Île-de-France – Paris"``). Raises
    :class:`TerritoryError` when a part is unknown or they do not match."""
    text = (text or "").strip()
    if not text:
        return Territory()
    region = departement = ""
    # Names with a département of the same name ("La Réunion") resolve as a whole first.
    parts = [text] if fold(text) in _DEPARTEMENT_BY_NAME else _TERRITORY_SEPARATORS.split(text)
    for part in (part for part in parts if part.strip()):
        kind, code = _territory_part(part)
        if kind == "departement":
            if departement and departement != code:
                raise TerritoryError(text)
            departement = code
        else:
            if region and region != code:
                raise TerritoryError(text)
            region = code
    if departement:
        expected = DEPARTEMENT_REGION[departement]
        if region and region != expected:
            raise TerritoryError(text)
        region = expected
    return Territory(region=region, departement=departement)


# Promotions ------------------------------------------------------------------------------

_NAME_AND_YEAR = re.compile(r"^(?P<name>.*?)\s*\((?P<year>\d{4})\)\s*$")


class PromotionLookup:
    """Finds promotions by name, ``"name (year)"`` or their displayed name; built once per
    file from a list of promotions."""

    def __init__(self, promotions):
        self._by_name: dict[str, list] = {}
        self._by_label: dict[str, list] = {}
        for promotion in promotions:
            self._by_name.setdefault(fold(promotion.name), []).append(promotion)
            self._by_label.setdefault(fold(str(promotion)), []).append(promotion)

    def find(self, text: str):
        """``(promotion, None)``, or ``(None, "unknown" | "ambiguous")``; ``(None, None)``
        for an empty text."""
        text = (text or "").strip()
        if not text:
            return None, None
        with_year = _NAME_AND_YEAR.match(text)
        if with_year:
            year = int(with_year.group("year"))
            found = [
                promotion
                for promotion in self._by_name.get(fold(with_year.group("name")), [])
                if promotion.year == year
            ]
        else:
            found = self._by_label.get(fold(text)) or self._by_name.get(fold(text), [])
        if len(found) == 1:
            return found[0], None
        return None, ("ambiguous" if found else "unknown")
