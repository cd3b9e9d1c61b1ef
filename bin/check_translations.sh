#!/usr/bin/env bash
# Check that the committed translations are complete, current and compiled (used by CI).
#
# Fails when:
#   - no locale/<lang>/LC_MESSAGES/django.po is committed;
#   - a string marked for translation in the code or the templates is missing from a .po
#     (found by running `manage.py makemessages` on a temporary copy of the tree);
#   - an entry of a .po is untranslated or fuzzy (the header is ignored);
#   - GNU msgfmt finds a syntax or format-string error (--check-format);
#   - a .mo is missing or older than its .po (run `make compilemessages`).
# Entries of a .po that the code no longer uses are only reported (`make messages` drops them).
#
# Needs GNU gettext (xgettext, msgmerge, msgfmt: Debian package `gettext`) and the project's
# virtual environment (PYTHON=.venv/bin/python by default).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"

for tool in xgettext msgmerge msguniq msgfmt; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "check_translations: '$tool' not found: install GNU gettext (apt-get install gettext)." >&2
        exit 2
    fi
done
if [ ! -x "$PYTHON" ]; then
    echo "check_translations: $PYTHON not found: run 'make deps' first." >&2
    exit 2
fi
# Absolute, without resolving the venv's symbolic link (the commands below run elsewhere).
PYTHON="$(cd "$(dirname "$PYTHON")" && pwd)/$(basename "$PYTHON")"

shopt -s nullglob
po_files=(locale/*/LC_MESSAGES/django.po)
shopt -u nullglob
if [ ${#po_files[@]} -eq 0 ]; then
    echo "check_translations: FAILED: no locale/<lang>/LC_MESSAGES/django.po is committed." >&2
    echo "  Create it with 'make messages', translate every entry, then commit it." >&2
    exit 1
fi

# A temporary copy of the source tree, without its catalogs, where makemessages extracts
# every string afresh (nothing merged from the committed .po, so nothing fuzzy-matched).
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
tar -C "$ROOT" -cf - \
    --exclude=./.git --exclude=./.venv --exclude=./node_modules --exclude=./var \
    --exclude=./.pytest_cache --exclude=./.ruff_cache \
    --exclude='*.po' --exclude='*.mo' --exclude=__pycache__ . | tar -C "$scratch" -xf -

languages=()
for po in "${po_files[@]}"; do
    lang="${po#locale/}"
    languages+=("${lang%%/*}")
done
lang_args=()
for lang in "${languages[@]}"; do lang_args+=(-l "$lang"); done

(
    cd "$scratch"
    DEBUG=1 LMS_VAR_DIR="$scratch/var" DJANGO_SETTINGS_MODULE=lms.settings.base \
        "$PYTHON" manage.py makemessages "${lang_args[@]}" --no-obsolete \
        -i .venv -i node_modules -i var --verbosity 0
)

status=0
for po in "${po_files[@]}"; do
    if ! msgfmt --check-format -o /dev/null "$po"; then
        echo "check_translations: $po: msgfmt found errors (see above)." >&2
        status=1
    fi
    mo="${po%.po}.mo"
    if [ ! -f "$mo" ] || [ "$mo" -ot "$po" ]; then
        echo "check_translations: $mo is missing or older than its .po: run 'make compilemessages'." >&2
        status=1
    fi
done

"$PYTHON" - "$scratch" "${po_files[@]}" <<'PY' || status=1
"""Compare each committed catalog with the one extracted from the code."""

import sys
from pathlib import Path

import polib

scratch = Path(sys.argv[1])
failed = False


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


def show(entry):
    context = f" (contexte : {entry.msgctxt!r})" if entry.msgctxt else ""
    where = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:3])
    return f"    msgid {entry.msgid!r}{context}" + (f"  [{where}]" if where else "")


for committed_path in sys.argv[2:]:
    committed = polib.pofile(committed_path, wrapwidth=0)
    fresh_path = scratch / committed_path
    fresh = polib.pofile(str(fresh_path), wrapwidth=0) if fresh_path.exists() else []
    known = {key(entry) for entry in committed if not entry.obsolete}

    missing = [entry for entry in fresh if key(entry) not in known]
    untranslated = [
        entry for entry in committed if not entry.obsolete and not entry.translated()
        and "fuzzy" not in entry.flags
    ]
    fuzzy = [entry for entry in committed if not entry.obsolete and "fuzzy" in entry.flags]
    used = {key(entry) for entry in fresh}
    unused = [entry for entry in committed if not entry.obsolete and key(entry) not in used]

    for title, entries in (
        ("missing from the .po (run 'make messages', then translate)", missing),
        ("untranslated", untranslated),
        ("fuzzy (check the translation, then remove the fuzzy flag)", fuzzy),
    ):
        if entries:
            failed = True
            print(f"{committed_path}: {len(entries)} entr(y/ies) {title}:")
            for entry in entries:
                print(show(entry))
    if unused:
        print(
            f"{committed_path}: note: {len(unused)} entr(y/ies) no longer used by the code "
            "('make messages' removes them):"
        )
        for entry in unused:
            print(show(entry))
    if not (missing or untranslated or fuzzy):
        print(f"{committed_path}: OK ({len(known)} entries, all translated).")

sys.exit(1 if failed else 0)
PY

if [ "$status" -ne 0 ]; then
    echo "check_translations: FAILED." >&2
fi
exit "$status"
