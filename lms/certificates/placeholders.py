"""The placeholders of certificate texts, and turning a body into safe HTML.

Administrators write a certificate's title and body as plain text, or with a few tags:
``<p>``, ``<br>``, ``<strong>``, ``<em>``, ``<b>``, ``<i>``, without attributes. A blank line
starts a new paragraph. Placeholders are bare names between braces from a fixed list
(:data:`PLACEHOLDERS`); ``{{`` and ``}}`` write a brace. No template language reaches the
editor: the body is parsed here, refused with a French message when it uses another tag,
an attribute, broken markup or an unknown placeholder, and rebuilt tag by tag with every
text run and every value escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from string import Formatter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MODULE = "module"
CURRICULUM = "curriculum"

#: Every placeholder, with what it holds (shown to editors).
PLACEHOLDERS = {
    "prenom": gettext_lazy("the learner's first name"),
    "nom": gettext_lazy("the learner's last name"),
    "nom_complet": gettext_lazy("the learner's full name, as printed"),
    "module": gettext_lazy("the module's title (module certificates only)"),
    "curriculum": gettext_lazy("the curriculum's title"),
    "intitule": gettext_lazy("the title of what is certified (module or curriculum)"),
    "promotion": gettext_lazy("the learner's promotion"),
    "date_fin": gettext_lazy("the completion date"),
    "heures": gettext_lazy("the hours of training (a curriculum: the sum of its modules)"),
    "date_emission": gettext_lazy("the date the certificate is issued"),
    "code": gettext_lazy("the certificate's verification code"),
    "lien_verification": gettext_lazy("the verification address"),
}
#: Placeholders a curriculum certificate cannot use.
MODULE_ONLY = frozenset({"module"})

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "b", "i"})
VOID_TAGS = frozenset({"br"})
INLINE_TAGS = ALLOWED_TAGS - {"p"}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def placeholder_help() -> str:
    """The list of placeholders as editors read it in help texts."""
    return "; ".join(f"{{{name}}}: {label}" for name, label in PLACEHOLDERS.items())


def allowed_placeholders(kind: str) -> tuple[str, ...]:
    """The placeholder names a certificate of ``kind`` (module or curriculum) may use."""
    return tuple(name for name in PLACEHOLDERS if kind == MODULE or name not in MODULE_ONLY)


class TemplateTextError(ValueError):
    """A title or body cannot be used; ``message`` says why, in French, for the editor."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _placeholders_split(text: str, *, kind: str) -> list[tuple[str, str | None]]:
    """``text`` as (literal, placeholder name or None) pairs, checked."""
    allowed = allowed_placeholders(kind)
    try:
        parsed = list(Formatter().parse(text))
    except ValueError as error:
        raise TemplateTextError(
            "braces",
            _("A brace is not closed. Write {{ and }} for a brace in the text."),
        ) from error
    parts = []
    for literal, name, format_spec, conversion in parsed:
        if name is not None:
            if format_spec or conversion is not None or not name.isidentifier():
                raise TemplateTextError(
                    "malformed",
                    _("Write a placeholder as a name between braces, such as {nom}: {%(field)s}")
                    % {"field": name + (f":{format_spec}" if format_spec else "")},
                )
            if name not in allowed:
                if name in PLACEHOLDERS:
                    message = _(
                        "The placeholder {%(name)s} cannot be used in a curriculum certificate."
                    ) % {"name": name}
                else:
                    message = _(
                        "Unknown placeholder {%(name)s}. Allowed placeholders: %(allowed)s."
                    ) % {"name": name, "allowed": ", ".join(f"{{{n}}}" for n in allowed)}
                raise TemplateTextError("unknown", message)
        parts.append((literal, name))
    return parts


def text_render(text: str, *, kind: str, values: dict[str, str]) -> str:
    """Plain ``text`` (a title) with its placeholders replaced; not escaped."""
    return "".join(
        literal + (str(values.get(name, "")) if name else "")
        for literal, name in _placeholders_split(text, kind=kind)
    )


def text_check(text: str, *, kind: str) -> None:
    """Raise :class:`TemplateTextError` if a title uses a bad placeholder or any tag."""
    if "<" in text and re.search(r"<\s*/?\s*[a-zA-Z!?]", text):
        raise TemplateTextError("markup", _("A title is plain text: remove the tags."))
    _placeholders_split(text, kind=kind)


def _tag_refused(tag: str, line: int) -> TemplateTextError:
    return TemplateTextError(
        "tag",
        _("Line %(line)s: the tag <%(tag)s> is not allowed. Allowed tags: %(allowed)s.")
        % {
            "line": line,
            "tag": tag,
            "allowed": ", ".join(f"<{t}>" for t in sorted(ALLOWED_TAGS)),
        },
    )


@dataclass
class _Token:
    kind: str  # "start", "end" or "text"
    value: str
    line: int = 0


class _Tokenizer(HTMLParser):
    """Splits a body into tags and text; refuses attributes, comments and declarations."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[_Token] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            raise _tag_refused(tag, self.getpos()[0])
        if attrs:
            raise TemplateTextError(
                "attribute",
                _("Line %(line)s: tags take no attributes here (<%(tag)s ...>).")
                % {"line": self.getpos()[0], "tag": tag},
            )
        self.tokens.append(_Token("start", tag, self.getpos()[0]))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.tokens.append(_Token("end", tag, self.getpos()[0]))

    def handle_endtag(self, tag):
        self.tokens.append(_Token("end", tag, self.getpos()[0]))

    def handle_data(self, data):
        self.tokens.append(_Token("text", data, self.getpos()[0]))

    def _refuse(self, *args):
        raise TemplateTextError(
            "markup",
            _("Line %(line)s: comments and declarations are not allowed.")
            % {"line": self.getpos()[0]},
        )

    handle_comment = handle_decl = handle_pi = unknown_decl = _refuse


def _tokens(body: str) -> list[_Token]:
    tokenizer = _Tokenizer()
    tokenizer.feed(body)
    tokenizer.close()
    return tokenizer.tokens


def _check_structure(tokens: list[_Token]) -> None:
    stack: list[_Token] = []
    for token in tokens:
        if token.kind == "text":
            continue
        if token.value not in ALLOWED_TAGS:
            raise _tag_refused(token.value, token.line)
        if token.kind == "start":
            if token.value in VOID_TAGS:
                continue
            if token.value == "p" and stack:
                raise TemplateTextError(
                    "nesting",
                    _("Line %(line)s: a paragraph <p> cannot be inside <%(parent)s>.")
                    % {"line": token.line, "parent": stack[-1].value},
                )
            stack.append(token)
        else:
            if token.value in VOID_TAGS:
                continue
            if not stack or stack[-1].value != token.value:
                raise TemplateTextError(
                    "broken",
                    _("Line %(line)s: </%(tag)s> closes a tag that is not open.")
                    % {"line": token.line, "tag": token.value},
                )
            stack.pop()
    if stack:
        raise TemplateTextError(
            "broken",
            _("Line %(line)s: <%(tag)s> is never closed.")
            % {"line": stack[-1].line, "tag": stack[-1].value},
        )


def _parse(body: str, *, kind: str) -> list[_Token]:
    if re.search(r"<[a-zA-Z/][^>]*$", body):
        raise TemplateTextError(
            "broken", _("A tag is not finished: a “>” is missing at the end of the text.")
        )
    tokens = _tokens(body)
    _check_structure(tokens)
    for token in tokens:
        if token.kind == "text":
            _placeholders_split(token.value, kind=kind)
    return tokens


def body_check(body: str, *, kind: str) -> None:
    """Raise :class:`TemplateTextError` if ``body`` cannot be used (see the module doc)."""
    _parse(body or "", kind=kind)


def _text_html(text: str, *, kind: str, values: dict[str, str]) -> str:
    return "".join(
        escape(literal, quote=False)
        + (escape(str(values.get(name, "")), quote=False) if name else "")
        for literal, name in _placeholders_split(text, kind=kind)
    )


def body_render(body: str, *, kind: str, values: dict[str, str]) -> str:
    """``body`` as sanitised HTML paragraphs, placeholders replaced by escaped ``values``.

    Outside ``<p>`` a blank line starts a paragraph and a line break is kept.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    open_inline: list[str] = []

    def flush():
        # Close the inline tags still open; the next paragraph opens them again.
        html = "".join(current) + "".join(f"</{tag}>" for tag in reversed(open_inline))
        current.clear()
        current.extend(f"<{tag}>" for tag in open_inline)
        if re.sub(r"<[^>]*>|\s", "", html):
            paragraphs.append(f"<p>{html.strip()}</p>")

    in_paragraph = False
    for token in _parse(body or "", kind=kind):
        if token.value == "p" and token.kind != "text":
            flush()
            in_paragraph = token.kind == "start"
        elif token.kind == "start":
            current.append(f"<{token.value}>")
            if token.value not in VOID_TAGS:
                open_inline.append(token.value)
        elif token.kind == "end":
            current.append(f"</{token.value}>")
            if token.value not in VOID_TAGS:
                open_inline.pop()
        elif in_paragraph:
            current.append(_text_html(token.value, kind=kind, values=values))
        else:
            for index, chunk in enumerate(_PARAGRAPH_BREAK.split(token.value)):
                if index:
                    flush()
                html = _text_html(chunk, kind=kind, values=values)
                current.append(html.strip("\n").replace("\n", "<br>"))
    flush()
    return "\n".join(paragraphs)
