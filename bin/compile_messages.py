#!/usr/bin/env python
"""Compile the project's translations (``locale/*/LC_MESSAGES/*.po``) to ``.mo`` files.

Pure Python (polib), so a machine without GNU gettext's ``msgfmt`` can set the project
up. A ``.mo`` is rewritten only when its ``.po`` is newer (or with ``--force``). Fuzzy and
untranslated entries are left out of the ``.mo``, as ``msgfmt`` does. Any ``.po`` that
cannot be parsed makes the command fail, naming the file and the line.

Usage: python bin/compile_messages.py [--force] [--quiet]
"""

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent

# One quoted string: no bare double quote inside, escapes allowed; nothing after it.
_STRING = r'"(?:[^"\\]|\\.)*"'
_KEYWORD_LINE = re.compile(
    rf"^\s*(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+{_STRING}\s*$"
)
_CONTINUATION_LINE = re.compile(rf"^\s*{_STRING}\s*$")
# Which keyword may follow which, within one entry (None: between entries).
_NEXT = {
    None: {"msgctxt", "msgid"},
    "msgctxt": {"msgid"},
    "msgid": {"msgid_plural", "msgstr"},
    "msgid_plural": {"msgstr[n]"},
    "msgstr[n]": {"msgstr[n]", "msgctxt", "msgid"},
    "msgstr": {"msgctxt", "msgid"},
}
_ENTRY_MAY_END = {None, "msgstr", "msgstr[n]"}


def check_syntax(po_path: Path) -> None:
    """Raise ``ValueError`` at the first line that is not PO syntax.

    polib alone accepts some broken files (an unterminated string, a keyword without its
    opening quote, a msgid without msgstr), which msgfmt refuses: check the lines and the
    order of the keywords first, as msgfmt does.
    """
    text = po_path.read_text(encoding="utf-8")
    previous = None
    number = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _KEYWORD_LINE.match(line)
        if match:
            keyword = "msgstr[n]" if match.group(1).startswith("msgstr[") else match.group(1)
            if keyword not in _NEXT[previous]:
                raise ValueError(f"line {number}: unexpected {match.group(1)!r}")
            previous = keyword
        elif not (_CONTINUATION_LINE.match(line) and previous is not None):
            raise ValueError(f"line {number}: not valid PO syntax: {stripped[:60]!r}")
    if previous not in _ENTRY_MAY_END:
        raise ValueError(f"line {number}: the last entry has no msgstr")


def compile_po(po_path: Path, mo_path: Path) -> None:
    """Compile ``po_path`` to ``mo_path`` (``OSError``/``ValueError`` on a syntax error)."""
    check_syntax(po_path)
    catalog = polib.pofile(str(po_path), check_for_duplicates=True, wrapwidth=0)
    # Write next to the target then rename, so a running server never reads half a file.
    fd, tmp_name = tempfile.mkstemp(dir=mo_path.parent, prefix=".", suffix=".mo.tmp")
    os.close(fd)
    try:
        catalog.save_as_mofile(tmp_name)
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, mo_path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="recompile every .po file")
    parser.add_argument("--quiet", action="store_true", help="print errors only")
    args = parser.parse_args(argv)

    po_files = sorted((BASE_DIR / "locale").glob("*/LC_MESSAGES/*.po"))
    if not po_files and not args.quiet:
        print("compile_messages: no .po file under locale/, nothing to compile.")

    failures = 0
    for po_path in po_files:
        mo_path = po_path.with_suffix(".mo")
        relative = po_path.relative_to(BASE_DIR)
        if (
            not args.force
            and mo_path.exists()
            and mo_path.stat().st_mtime >= po_path.stat().st_mtime
        ):
            continue
        try:
            compile_po(po_path, mo_path)
        except (OSError, ValueError, UnicodeDecodeError) as error:
            failures += 1
            print(f"compile_messages: ERROR in {relative}: {error}", file=sys.stderr)
            continue
        if not args.quiet:
            print(f"compile_messages: {relative} -> {mo_path.name}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
