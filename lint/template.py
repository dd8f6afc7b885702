"""What template residue looks like, in either file of any worker."""

from __future__ import annotations

import re
from typing import Any

from lint.documents.inline import mask_code_spans

SETUP_VARIABLE = re.compile(r"\{\{[A-Z][A-Z0-9_]*\}\}")
SYNTHESIS_VARIABLE = re.compile(r"\[\[[A-Za-z_][A-Za-z0-9_]*\]\]")
# "Template - remove if ...", "Template - current pattern in use": the template's own words.
REMOVE_NOTE = re.compile(r"^\s*Template - ", re.I)
TEMPLATE_ID_SUFFIX = "-TEMPLATE"


def is_template_entry(entry: Any) -> bool:
    """An array entry the template put there as an example to remove."""
    if not isinstance(entry, dict):
        return False
    ident = entry.get("id")
    if isinstance(ident, str) and ident.endswith(TEMPLATE_ID_SUFFIX):
        return True
    return any(isinstance(v, str) and REMOVE_NOTE.match(v) for v in entry.values())


def is_tbd(value: str) -> bool:
    return value.strip().rstrip(".").upper() == "TBD"


def mask_inline_code(text: str) -> str:
    """The line with inline code spans blanked, columns kept."""
    return mask_code_spans(text)
