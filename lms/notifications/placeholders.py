"""The placeholders each e-mail may use, and rendering with ``str.format_map``.

Editors write plain text with ``{prenom}``-style placeholders; no template language reaches
them. A placeholder is a bare name from the fixed list of its e-mail: attribute access,
indexes, conversions and format specs are refused, so a template can neither reach into
Python objects nor blow up in size.
"""

from __future__ import annotations

from string import Formatter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ENROLMENT_CONFIRMATION = "enrolment_confirmation"
INVITATION = "invitation"
MODULE_COMPLETED = "module_completed"
BINOME_PAIRED = "binome_paired"
BINOME_EVALUATION_DUE = "binome_evaluation_due"
CERTIFICATE_ISSUED = "certificate_issued"

#: Placeholders every e-mail may use, with what they hold.
COMMON_PLACEHOLDERS = {
    "prenom": gettext_lazy("the recipient's first name"),
    "nom": gettext_lazy("the recipient's last name"),
    "plateforme": gettext_lazy("the platform's name"),
    "operateur": gettext_lazy("the operator's name (platform settings)"),
    "contact": gettext_lazy("the contact e-mail address (platform settings)"),
}

#: Placeholders of each e-mail, beyond the common ones.
KEY_PLACEHOLDERS = {
    ENROLMENT_CONFIRMATION: {
        "module": gettext_lazy("the module's title"),
        "lien": gettext_lazy("the link to the module"),
    },
    INVITATION: {
        "courriel": gettext_lazy("the recipient's e-mail address (their login)"),
        "lien": gettext_lazy("the link to choose a password"),
    },
    MODULE_COMPLETED: {
        "module": gettext_lazy("the module's title"),
        "date": gettext_lazy("the completion date"),
        "lien": gettext_lazy("the link to “My learning”"),
    },
    BINOME_PAIRED: {
        "partenaire": gettext_lazy("the partner's name"),
        "promotion": gettext_lazy("the promotion's name"),
        "lien": gettext_lazy("the link to the binôme's project"),
    },
    BINOME_EVALUATION_DUE: {
        "partenaire": gettext_lazy("the partner's name"),
        "projet": gettext_lazy("the project's title"),
        "lien": gettext_lazy("the link to the evaluation form"),
    },
    CERTIFICATE_ISSUED: {
        "intitule": gettext_lazy("what the certificate attests (module or curriculum title)"),
        "code": gettext_lazy("the certificate's verification code"),
        "lien": gettext_lazy("the link to “My learning”, where it is downloaded"),
        "lien_verification": gettext_lazy("the certificate's public verification link"),
    },
}


def allowed_placeholders(key: str) -> tuple[str, ...]:
    """The placeholder names the e-mail ``key`` may use, common ones first."""
    return (*COMMON_PLACEHOLDERS, *KEY_PLACEHOLDERS.get(key, {}))


class PlaceholderError(ValueError):
    """A template uses a placeholder its e-mail does not offer, or a malformed one.

    ``code`` is stable (``unknown``, ``malformed``, ``braces``); ``message`` a translated
    sentence for the editor.
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _unknown(name: str, allowed: tuple[str, ...]) -> PlaceholderError:
    return PlaceholderError(
        "unknown",
        _("Unknown placeholder {%(name)s}. Allowed placeholders: %(allowed)s.")
        % {"name": name, "allowed": ", ".join(f"{{{n}}}" for n in allowed)},
    )


def placeholders_check(text: str, *, key: str) -> list[str]:
    """The placeholder names used in ``text``; raises :class:`PlaceholderError` for an
    unknown or malformed one, or unbalanced braces."""
    allowed = allowed_placeholders(key)
    try:
        parsed = list(Formatter().parse(text))
    except ValueError as error:
        raise PlaceholderError(
            "braces",
            _("A brace is not closed. Write {{ and }} for a brace in the text."),
        ) from error
    names = []
    for _literal, field, format_spec, conversion in parsed:
        if field is None:
            continue
        if format_spec or conversion is not None or not field.isidentifier():
            written = field + (f"!{conversion}" if conversion else "")
            written += f":{format_spec}" if format_spec else ""
            raise PlaceholderError(
                "malformed",
                _("Write a placeholder as a name between braces, such as {prenom}: {%(field)s}")
                % {"field": written},
            )
        if field not in allowed:
            raise _unknown(field, allowed)
        names.append(field)
    return names


class _Values(dict):
    """The values of one e-mail; a missing one is a clear error, not a ``KeyError``."""

    def __init__(self, values: dict[str, str], allowed: tuple[str, ...]):
        super().__init__(values)
        self.allowed = allowed

    def __missing__(self, name: str) -> str:
        if name in self.allowed:
            raise PlaceholderError(
                "missing", _("No value was given for the placeholder {%(name)s}.") % {"name": name}
            )
        raise _unknown(name, self.allowed)


def placeholders_render(text: str, *, key: str, values: dict[str, object]) -> str:
    """``text`` with its placeholders replaced by ``values`` (``str.format_map``).

    Raises :class:`PlaceholderError` for an unknown or malformed placeholder, or for an
    allowed one without a value.
    """
    placeholders_check(text, key=key)
    allowed = allowed_placeholders(key)
    strings = {name: str(value) for name, value in values.items() if name in allowed}
    return text.format_map(_Values(strings, allowed))
