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
    text = value.strip()
    return text[:3].upper() == "TBD" and text.rstrip(".").upper() == "TBD"  # most strings fail the first test


def mask_inline_code(text: str) -> str:
    """The line with inline code spans blanked, columns kept."""
    return mask_code_spans(text)


def is_unfilled(value: Any, residue: frozenset[str]) -> bool:
    """Whether a value holds nothing of the worker's own: empty, or only template residue."""
    if isinstance(value, str):
        text = value.strip()
        return not text or text in residue or is_tbd(text) or REMOVE_NOTE.match(text) is not None
    if isinstance(value, list):
        return all(is_unfilled(item, residue) for item in value)
    if isinstance(value, dict):
        return all(is_unfilled(item, residue) for item in value.values())
    return value is None


def kept_labels(d) -> set[str]:
    """Pointers of structural labels (a roadmap phase's name, its timeline) in an entry
    whose own content is filled: the template's value is fine there (but not a stand-in
    such as TBD or a variable)."""
    from lint.analysis.json_values import iter_pattern

    kept: set[str] = set()
    label_keys = {pattern.rsplit("/", 1)[-1] for pattern in d.pack.labels}
    for pattern in d.pack.labels:
        for pointer, _ in iter_pattern(d.output.value, pattern):
            entry = d.value_at(pointer.rsplit("/", 1)[0])
            if isinstance(entry, dict):
                content = [value for key, value in entry.items() if key not in label_keys]
                if content and not all(is_unfilled(value, d.pack.residue) for value in content):
                    kept.add(pointer)
    return kept
