"""The bundled packs as parsed when they were last changed, so that a run need not load a TOML parser.

``rules/parsed.json`` maps each bundled pack's file name to the SHA-256 of its
bytes and the table ``tomllib`` made of them (``scripts/pack_tables.py`` writes
it; the test suite fails while it is stale). A pack is taken from it only while
its bytes are exactly those parsed: an edited pack, or one the file does not
know, is parsed from its TOML, so the file can make a run faster, never wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

from lint.digest import sha256_digest
from lint.settings.toml_files import _read_small

TABLES_FILE = "parsed.json"


def parsed_table(path: Path) -> dict | None:
    """The table parsed from the bundled pack ``path``, when its bytes are those parsed."""
    try:
        data = _read_small(path)
    except OSError:  # the TOML reader says what is wrong
        return None
    tables = _tables(path.parent / TABLES_FILE)
    entry = tables.get(path.name) if isinstance(tables, dict) else None
    if not isinstance(entry, dict) or entry.get("sha256") != sha256_digest(data).hex():
        return None
    table = entry.get("table")
    return table if isinstance(table, dict) else None


def _tables(path: Path) -> object:
    """Read afresh for each pack: a table handed out is never shared with another load."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError, RecursionError):
        return None


def tables_of(paths: list[Path]) -> str:
    """The file's text for these packs, parsed now (what ``scripts/pack_tables.py`` writes)."""
    import tomllib

    tables = {}
    for path in sorted(paths, key=lambda p: p.name):
        data = path.read_bytes()
        table = tomllib.loads(data.decode("utf-8"))
        try:
            same = json.loads(json.dumps(table)) == table
        except (TypeError, ValueError):
            same = False
        if not same:  # a date or a non-finite number: JSON cannot hold it
            raise ValueError(f"{path}: the table does not survive JSON; keep the pack to strings, numbers, booleans, arrays and tables")
        tables[path.name] = {"sha256": sha256_digest(data).hex(), "table": table}
    return json.dumps(tables, indent=1, ensure_ascii=False) + "\n"  # the tables' own key order: messages follow it
