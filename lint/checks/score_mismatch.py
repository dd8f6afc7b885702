"""score-mismatch: an Executive Summary score differs from the JSON score."""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator

from lint.checks._scores import valid_score
from lint.checks.base import Edit, Problem, rule
from lint.model import Severity

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable
    from lint.analysis.notes_facts import LabelLine

NAME = "score-mismatch"


def _show(value: float) -> str:
    """The number as a person writes it, exactly: ``6.5``, ``7``, ``0.00001`` (never ``1e-05``)."""
    text = repr(float(value))
    if "e" in text:
        from decimal import Decimal  # only for a score in exponent form

        text = format(Decimal(text), "f")
    return text[:-2] if text.endswith(".0") else text


def _fix(d: Deliverable, line: LabelLine, json_value: float | None) -> tuple[Edit, ...]:
    """Replace the number before ``/10`` with the JSON's valid, non-zero score."""
    span = line.score_span()
    if span is None or json_value is None or json_value == 0:
        return ()
    start, end = span
    return (Edit(d.notes_path, line.line, line.value_column + start, line.line, line.value_column + end, _show(json_value)),)


@rule(NAME, Severity.ERROR, "An Executive Summary score differs from the JSON score, or is still 0/10.", needs=("notes",), fixable=True)
def check(d: Deliverable) -> Iterator[Problem]:
    """
    ## What it does
    Reads each score line of the notes' Executive Summary
    (`- **API Design Score**: 7/10 ...`) and compares it with the JSON score the
    pack pairs it with. Reports a value that differs, a line that is missing or
    not of the form `N/10`, and `0/10`, the template's unfilled value. Decimals
    (`6.5/10`) are fine, and so is any legend after the score.

    ## Why is this bad?
    Readers take the score from the notes and machines take it from the JSON:
    when they differ, one of them is wrong and nobody can tell which.

    ## Example
    ```markdown
    - **API Design Score**: 7/10
    ```
    with `"api_design_score": 6.5` in the JSON.

    ## Use instead
    ```markdown
    - **API Design Score**: 6.5/10
    ```
    The JSON is the source of truth.

    ## Fix
    `--fix` writes the JSON score into the Executive Summary line, when the JSON
    score is a valid number other than 0; nothing else on the line changes.

    ## Options
    - `scores.label` (pack): the Executive Summary label of a score; a score without one is not compared.
    - `scores.pointer` (pack): the JSON score that label mirrors.
    - `sections.summary` (pack): the section that holds the score lines.
    """
    facts = d.facts
    if facts is None:
        return
    section = facts.find_section(d.pack.summary_section)
    if section is None:
        return
    lines = facts.summary_lines
    for score in d.pack.scores:
        if score.label is None:
            continue
        json_value = valid_score(d.value_at(score.pointer)) if d.output is not None else None
        line = lines.get(score.label.casefold())
        if line is None:
            wanted = f"{_show(json_value)}/10" if json_value is not None else "N/10"
            yield d.at_line(
                section.heading.line,
                1,
                f"the {d.pack.summary_section} has no '{score.label}' line",
                f"add '- **{score.label}**: {wanted}'",
            )
            continue
        notes_value = line.score()
        fix = _fix(d, line, json_value)
        if notes_value is None:
            yield d.at_line(line.line, line.value_column, f"{score.label} '{line.value[:30]}' is not a score of the form N/10", "write the score as N/10, such as 7/10 or 6.5/10")
        elif notes_value == 0:
            yield d.at_line(line.line, line.value_column, f"{score.label} is still 0/10, the template's unfilled value", "write the score the analysis found", fix=fix)
        elif json_value is not None and abs(notes_value - json_value) > 1e-9:
            yield d.at_line(
                line.line,
                line.value_column,
                f"{score.label} is {_show(notes_value)}/10 here but {_show(json_value)} in {d.output_path.name}",
                f"write {_show(json_value)}/10: the JSON score is the source of truth",
                fix=fix,
            )
