"""Certificate codes: random, printed in Crockford base32 with a mod-37 check symbol.

A code is 19 random base32 symbols (95 bits from :mod:`secrets`) followed by Crockford's
check symbol (the value modulo 37), 20 characters printed in five groups of four:
``7K3M-Q9ZD-X2VB-N8TR-4HW*``. The check symbol catches every single-character typo and
every transposition of two adjacent symbols; reading is forgiving (case, I/L for 1, O for
0, hyphens and spaces are ignored).
"""

from __future__ import annotations

import re
import secrets

from django.utils.translation import gettext as _

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#: Check symbols: the 32 symbols, then ``*~$=U`` for the values 32 to 36.
CHECK_ALPHABET = ALPHABET + "*~$=U"
DATA_LENGTH = 19
CODE_LENGTH = DATA_LENGTH + 1
GROUP = 4

_DECODE = {symbol: value for value, symbol in enumerate(ALPHABET)}
_CHECK_DECODE = {symbol: value for value, symbol in enumerate(CHECK_ALPHABET)}
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.]+")
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


class CodeError(ValueError):
    """A typed code cannot be a certificate code; ``code`` is ``format`` or ``check``."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _value(data: str) -> int:
    value = 0
    for symbol in data:
        value = value * 32 + _DECODE[symbol]
    return value


def check_symbol(data: str) -> str:
    """Crockford's check symbol of the base32 string ``data`` (its value modulo 37)."""
    return CHECK_ALPHABET[_value(data) % 37]


def code_generate() -> str:
    """A new code, normalised (20 characters, no separators)."""
    data = "".join(secrets.choice(ALPHABET) for _ in range(DATA_LENGTH))
    return data + check_symbol(data)


def code_format(code: str) -> str:
    """The normalised ``code`` in groups of four joined by hyphens."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def code_normalise(typed: str) -> str:
    """The normalised form of a typed code, checked.

    Raises :class:`CodeError` with ``format`` (wrong length or symbols) or ``check`` (the
    check symbol does not match: a typo).
    """
    text = _SEPARATORS.sub("", (typed or "").strip().upper()).translate(_READ_AS)
    if len(text) != CODE_LENGTH:
        raise CodeError(
            "format",
            _(
                "A certificate code has 20 characters, in five groups of four "
                "(for example 7K3M-Q9ZD-X2VB-N8TR-4HWA)."
            ),
        )
    data, check = text[:DATA_LENGTH], text[DATA_LENGTH]
    if any(symbol not in _DECODE for symbol in data) or check not in _CHECK_DECODE:
        raise CodeError(
            "format",
            _("This code contains characters that certificate codes do not use."),
        )
    if check_symbol(data) != check:
        raise CodeError(
            "check",
            _(
                "This code is not valid: a character was probably mistyped or two were "
                "swapped. Check it against the certificate."
            ),
        )
    return text
