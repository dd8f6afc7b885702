"""The rule catalogue: importing this package registers every rule."""

from lint.checks import (  # noqa: F401  (imported to register)
    absolute_path,
    code_fence,
    dangling_reference,
    date_mismatch,
    issue_id_format,
    issue_lost,
    json_duplicate_key,
    line_number,
    loading,
    schema_rules,
    score_mismatch,
    score_sanity,
    section_rules,
    session_mismatch,
    statistics_count,
    template_instruction,
    template_placeholder,
    template_unchanged,
    unused_suppression,
)
from lint.checks.base import REGISTRY, Problem, Rule

__all__ = ["REGISTRY", "Problem", "Rule"]
