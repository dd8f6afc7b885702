"""The JSON report as a consumer relies on it: a format version, room for new fields, rule links and fixes' edits."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, Session, run_cli
from lint.checks.docs import rule_url
from lint.fixes import apply_edits
from lint.checks.base import Edit

SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def report(session: Session, *extra: str) -> dict:
    run = run_cli("check", str(session.root), "--format", "json", "--no-cache", *extra, cwd=session.root)
    assert run.exit_code in (0, 1), run.stderr
    data = json.loads(run.stdout)
    VALIDATOR.validate(data)
    return data


@pytest.fixture
def fixable(session: Session) -> Session:
    """A fixable finding in each file, and one that is not fixable."""
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 9')
    session.edit_notes("## Implementation Planning\n", "## Implementation Planning\n\n- see src/module.py for it\n\n")
    return session


def objects(schema: dict, data: object, path: str = "") -> list[tuple[str, dict, dict]]:
    """Each object of ``data`` with the part of the schema that describes it."""
    found = []
    if isinstance(data, dict) and "properties" in schema:
        found.append((path, schema, data))
        for key, value in data.items():
            if key in schema["properties"]:
                found += objects(schema["properties"][key], value, f"{path}/{key}")
    elif isinstance(data, list) and "items" in schema:
        for i, item in enumerate(data):
            found += objects(schema["items"], item, f"{path}/{i}")
    return found


def test_the_report_carries_its_format_version(session: Session) -> None:
    data = report(session)
    assert data["format_version"] == SCHEMA["properties"]["format_version"]["const"] == 1
    assert "format_version" in SCHEMA["required"]


def test_fields_added_later_do_not_break_a_consumer_of_the_schema(fixable: Session) -> None:
    data = report(fixable)
    places = objects(SCHEMA, data)
    assert {"", "/summary", "/deliverables/0", "/findings/0"} <= {p for p, _, _ in places}
    assert any(p.endswith("/edits/0") for p, _, _ in places)
    for path, _, _ in places:  # a field the schema does not know yet, in every object of the report
        extended = copy.deepcopy(data)
        target = extended
        for part in filter(None, path.split("/")):
            target = target[int(part)] if isinstance(target, list) else target[part]
        target["added_in_a_later_version"] = {"any": "value"}
        VALIDATOR.validate(extended)


def test_every_field_printed_is_described_in_the_schema(fixable: Session, session_factory) -> None:
    """The schema lets unknown fields through, so this keeps it complete."""
    many = session_factory()
    many.edit_notes("## Implementation Planning\n", "## Implementation Planning\n\n" + "".join(f"- see src/m{i}.py\n" for i in range(101)) + "\n")
    for data in (report(fixable), report(many)):
        assert data["not_listed"] or data["findings"]
        for path, schema, value in objects(SCHEMA, data):
            assert set(value) <= set(schema["properties"]), f"{path}: {set(value) - set(schema['properties'])} not in the schema"
            assert set(schema.get("required", ())) <= set(value)


def test_every_finding_links_to_its_rule_documentation(fixable: Session) -> None:
    data = report(fixable)
    assert data["findings"] and all(f["url"] == rule_url(f["rule"]) for f in data["findings"])


def test_fixable_findings_carry_the_edits_fix_makes(fixable: Session, session_factory) -> None:
    data = report(fixable)
    by_rule = {f["rule"]: f for f in data["findings"]}
    assert {"score-mismatch", "statistics-count", "absolute-path"} <= set(by_rule)
    assert by_rule["absolute-path"]["fixable"] is False and by_rule["absolute-path"]["edits"] == []
    assert all(f["fixable"] == bool(f["edits"]) for f in data["findings"])
    [count_edit] = by_rule["statistics-count"]["edits"]
    assert count_edit == {"file": by_rule["statistics-count"]["file"], "line": by_rule["statistics-count"]["line"],
                          "column": by_rule["statistics-count"]["column"], "end_line": by_rule["statistics-count"]["line"],
                          "end_column": by_rule["statistics-count"]["column"] + 1, "text": "4"}
    # Applying the reported edits gives exactly what --fix writes.
    edits: dict[Path, list[Edit]] = {}
    for finding in data["findings"]:
        for e in finding["edits"]:
            path = fixable.root / e["file"]
            edits.setdefault(path, []).append(Edit(path, e["line"], e["column"], e["end_line"], e["end_column"], e["text"]))
    assert set(edits) == {fixable.notes, fixable.output}
    by_hand = {path: apply_edits(path.read_bytes(), found)[0] for path, found in edits.items()}
    assert run_cli("check", str(fixable.root), "--fix", cwd=fixable.root).exit_code == 1  # the relative path is left
    assert by_hand == {fixable.notes: fixable.notes.read_bytes(), fixable.output: fixable.output.read_bytes()}
