"""Where the bundled rule packs and schemas live.

In an installed wheel they sit inside the package (``lint/_data``); in a source
checkout they are the top-level ``rules/`` and ``schemas/`` folders.
"""

from __future__ import annotations

import json
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # the lint package


def _data_dir(name: str) -> Path:
    bundled = _PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / name


def rules_dir() -> Path:
    return _data_dir("rules")


def schemas_dir() -> Path:
    return _data_dir("schemas")


def load_schema(name: str) -> dict:
    """A bundled schema, by file name."""
    with open(schemas_dir() / name, encoding="utf-8") as handle:
        return json.load(handle)
