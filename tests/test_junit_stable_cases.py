"""JUnit as CI servers track it: a case per rule and file, named the same from run to run, failing as the exit code does."""

from __future__ import annotations

from pathlib import Path

from junitparser import JUnitXml

from conftest import Session, run_cli

RELATIVE = "- see src/module_{}.py for it\n"


def junit(session: Session, tmp_path: Path, *extra: str) -> tuple[int, JUnitXml]:
    run = run_cli("check", str(session.root), "--format", "junit", "--no-cache", *extra, cwd=session.root)
    report = tmp_path / "junit.xml"
    report.write_text(run.stdout, encoding="utf-8")
    return run.exit_code, JUnitXml.fromfile(str(report))


def add_relative_paths(session: Session, count: int, first: int = 0) -> None:
    lines = "".join(RELATIVE.format(i) for i in range(first, first + count))
    session.edit_notes("## Implementation Planning\n", "## Implementation Planning\n\n" + lines + "\n")


def cases(xml: JUnitXml) -> dict[tuple[str, str], object]:
    found = {(case.classname, case.name): case for suite in xml for case in suite}
    assert len(found) == sum(1 for suite in xml for _ in suite), "two cases with one name"
    return found


def test_several_findings_of_a_rule_in_a_file_are_one_case_named_after_the_rule(session: Session, tmp_path: Path) -> None:
    add_relative_paths(session, 3)
    code, xml = junit(session, tmp_path)
    assert code == 1
    [(classname, name)] = [key for key in cases(xml) if key[1] == "absolute-path"]
    assert classname.endswith("workers/notes/backend_notes.md")
    [failure] = cases(xml)[(classname, name)].result
    assert failure.type == "absolute-path" and "(and 2 more)" in failure.message
    positions = [line.split(": ")[0] for line in failure.text.splitlines() if line.startswith(classname + ":")]
    assert len(positions) == 3 and all(p.count(":") == 2 for p in positions)  # file:line:column, each finding's own
    assert xml.failures == 1


def test_case_names_do_not_change_when_lines_move(session: Session, tmp_path: Path) -> None:
    add_relative_paths(session, 2)
    _, before = junit(session, tmp_path)
    session.edit_notes("## Executive Summary\n", "An opening paragraph.\n\nAnother.\n\n## Executive Summary\n")
    add_relative_paths(session, 1, first=7)
    _, after = junit(session, tmp_path)
    assert set(cases(after)) == set(cases(before))
    assert all(not any(ch.isdigit() for ch in name) for _, name in cases(after))


def test_findings_below_the_fail_level_are_passing_cases_when_the_run_passes(session: Session, tmp_path: Path) -> None:
    add_relative_paths(session, 8)
    code, xml = junit(session, tmp_path, "--severity", "absolute-path=info")
    assert code == 0
    assert xml.failures == 0 and xml.errors == 0
    [case] = [case for (_, name), case in cases(xml).items() if name == "absolute-path"]
    assert case.is_passed and case.system_out.count(": info: ") == 8


def test_findings_beyond_the_listing_cap_are_counted_in_their_rule_case(session: Session, tmp_path: Path) -> None:
    add_relative_paths(session, 150)
    code, xml = junit(session, tmp_path)
    assert code == 1
    [case] = [case for (_, name), case in cases(xml).items() if name == "absolute-path"]
    [failure] = case.result
    assert "(and 149 more)" in failure.message and "50 more error finding(s) of absolute-path" in failure.text
    assert xml.tests == 2 and xml.failures == 1  # one case per file: the rule's, and the clean JSON's
