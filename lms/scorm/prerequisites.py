"""SCORM 1.2 prerequisites: a small parser and evaluator for the AICC script language.

``adlcp:prerequisites`` (type ``aicc_script``) holds an expression over item identifiers::

    module1
    module1 & module2            module1 AND module2
    module1 | ~module3           module1 OR NOT module3
    (module1 & module2) | module3
    sco1="passed"                sco1<>"failed"        (also unquoted: sco1=passed)
    2*{sco1,sco2,sco3}           (at least 2 of the set)

Precedence, loosest first: ``|`` (``OR``), ``&`` (``AND``), ``~`` (``NOT``), then a
comparison or a parenthesised group. The words AND / OR / NOT are case-insensitive.

An identifier alone is true when that item is *satisfied*: its status is "passed" or
"completed" (AICC: a "failed" item is not satisfied, even when the SCO also reported it
complete). A comparison compares the item's status ("passed", "completed", "failed",
"incomplete", "browsed", "not attempted"; the first letter is accepted as an abbreviation).

The expression is parsed by recursive descent, never evaluated as code. A malformed
expression raises :class:`PrerequisiteSyntaxError`; callers treat it as "no prerequisite"
so that a broken manifest never locks learners out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

STATUS_VALUES = ("passed", "completed", "failed", "incomplete", "browsed", "not attempted")
_STATUS_ABBREVIATIONS = {value[0]: value for value in STATUS_VALUES}
_WORD_OPERATORS = {"AND": "&", "OR": "|", "NOT": "~"}
_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>"[^"]*")
      | (?P<op><>|[&|~()={},*])
      | (?P<word>[^\s&|~()=<>{},*"]+)
    )""",
    re.VERBOSE,
)


class PrerequisiteSyntaxError(ValueError):
    """The prerequisite script cannot be parsed (the message says where)."""


@dataclass(frozen=True)
class Identifier:
    """An item identifier: true when the item is satisfied (passed or completed)."""

    name: str


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class And:
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Comparison:
    """``name="status"`` (``equal``) or ``name<>"status"``."""

    name: str
    status: str
    equal: bool


@dataclass(frozen=True)
class AtLeast:
    """``N*{a,b,c}``: true when at least ``count`` members are true."""

    count: int
    members: tuple[Node, ...]


Node = Identifier | Not | And | Or | Comparison | AtLeast


def _tokens(script: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    script = script.rstrip()
    while position < len(script):
        match = _TOKEN.match(script, position)
        if match is None or match.end() == position:
            raise PrerequisiteSyntaxError(f"unexpected character at {position}: {script!r}")
        position = match.end()
        if match.group("string") is not None:
            tokens.append(("string", match.group("string")[1:-1]))
        elif match.group("op") is not None:
            tokens.append(("op", match.group("op")))
        else:
            word = match.group("word")
            operator = _WORD_OPERATORS.get(word.upper())
            tokens.append(("op", operator) if operator else ("word", word))
    return tokens


class _Parser:
    def __init__(self, script: str):
        self.script = script
        self.tokens = _tokens(script)
        self.index = 0

    def _peek(self, offset: int = 0) -> tuple[str, str] | None:
        index = self.index + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def _accept(self, operator: str) -> bool:
        if self._peek() == ("op", operator):
            self.index += 1
            return True
        return False

    def _expect(self, operator: str) -> None:
        if not self._accept(operator):
            raise PrerequisiteSyntaxError(f"expected {operator!r} in {self.script!r}")

    def parse(self) -> Node:
        if not self.tokens:
            raise PrerequisiteSyntaxError("empty expression")
        node = self._or()
        if self._peek() is not None:
            raise PrerequisiteSyntaxError(f"unexpected {self._peek()[1]!r} in {self.script!r}")
        return node

    def _or(self) -> Node:
        operands = [self._and()]
        while self._accept("|"):
            operands.append(self._and())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def _and(self) -> Node:
        operands = [self._not()]
        while self._accept("&"):
            operands.append(self._not())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def _not(self) -> Node:
        if self._accept("~"):
            return Not(self._not())
        return self._primary()

    def _primary(self) -> Node:
        token = self._peek()
        if token is None:
            raise PrerequisiteSyntaxError(f"unexpected end of {self.script!r}")
        if token == ("op", "("):
            self.index += 1
            node = self._or()
            self._expect(")")
            return node
        kind, value = token
        if kind != "word":
            raise PrerequisiteSyntaxError(f"unexpected {value!r} in {self.script!r}")
        self.index += 1
        if self._peek() == ("op", "*"):
            return self._set(value)
        if self._accept("="):
            return Comparison(value, self._status(), equal=True)
        if self._accept("<>"):
            return Comparison(value, self._status(), equal=False)
        return Identifier(value)

    def _set(self, count: str) -> Node:
        if not count.isdigit():
            raise PrerequisiteSyntaxError(f"{count!r} is not a count in {self.script!r}")
        self._expect("*")
        self._expect("{")
        members = [self._or()]
        while self._accept(","):
            members.append(self._or())
        self._expect("}")
        return AtLeast(int(count), tuple(members))

    def _status(self) -> str:
        token = self._peek()
        if token is None or token[0] not in {"string", "word"}:
            raise PrerequisiteSyntaxError(f"expected a status in {self.script!r}")
        self.index += 1
        status = " ".join(token[1].lower().split())
        status = _STATUS_ABBREVIATIONS.get(status, status)
        if status not in STATUS_VALUES:
            raise PrerequisiteSyntaxError(f"unknown status {token[1]!r} in {self.script!r}")
        return status


@lru_cache(maxsize=512)
def prerequisite_parse(script: str) -> Node | None:
    """Parse an AICC prerequisite script; ``None`` when blank.

    Raises :class:`PrerequisiteSyntaxError` when malformed. Results are cached (nodes are
    immutable).
    """
    if not script or not script.strip():
        return None
    return _Parser(script).parse()


def prerequisite_identifiers(node: Node | None) -> Iterator[str]:
    """Every item identifier the expression mentions, in order (may repeat)."""
    if node is None:
        return
    if isinstance(node, Identifier | Comparison):
        yield node.name
    elif isinstance(node, Not):
        yield from prerequisite_identifiers(node.operand)
    else:
        for operand in node.operands if isinstance(node, And | Or) else node.members:
            yield from prerequisite_identifiers(operand)


def prerequisite_evaluate(node: Node | None, *, status_of: Callable[[str], str | None]) -> bool:
    """Evaluate a parsed expression; ``status_of(identifier)`` gives an item's AICC status.

    ``status_of`` returns one of :data:`STATUS_VALUES`, or ``None`` for an identifier that
    names no item of the package: such a reference counts as met (a manifest mistake must
    not lock learners out). A blank expression (``None``) is met.
    """
    if node is None:
        return True
    if isinstance(node, Identifier):
        status = status_of(node.name)
        return status is None or status in {"passed", "completed"}
    if isinstance(node, Comparison):
        status = status_of(node.name)
        if status is None:
            return True
        return (status == node.status) == node.equal
    if isinstance(node, Not):
        return not prerequisite_evaluate(node.operand, status_of=status_of)
    if isinstance(node, And):
        return all(prerequisite_evaluate(op, status_of=status_of) for op in node.operands)
    if isinstance(node, Or):
        return any(prerequisite_evaluate(op, status_of=status_of) for op in node.operands)
    met = sum(prerequisite_evaluate(member, status_of=status_of) for member in node.members)
    return met >= node.count
