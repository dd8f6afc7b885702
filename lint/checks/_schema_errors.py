"""What the schema rules share: each reports the schema errors the output's schema gives it.

The schema marks a subschema with ``x-rule`` to say which rule owns its
failures; every unmarked failure belongs to ``schema``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks.base import Edit, Problem

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable


def schema_problems(d: Deliverable, rule_name: str, fixable: bool = False) -> Iterator[Problem]:
    """The output's schema errors that belong to ``rule_name``, with a fix where one is safe."""
    for error in d.schema_errors:
        if error.rule == rule_name:
            edit: Edit | None = None
            if fixable and error.replacement is not None:
                edit = d.replace_value(error.pointer, json.dumps(error.replacement, ensure_ascii=False))
            yield d.at_pointer(error.pointer, error.message, error.hint, key=error.at_key, fix=[edit] if edit else ())
