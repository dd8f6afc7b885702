"""template-unchanged: compared with the worker's own templates, when at hand."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Session, lint_json

NOTES_TEMPLATE = """# Backend Report

## Executive Summary
- **API Design Score**: 0/10
*REQUIRED: Say how the API holds up, with the files that show it.*

## Roadmap
Phase one covers the fixes that cannot wait for the next sprint.
"""

OUTPUT_TEMPLATE = {
    "analysis_metadata": {"worker_type": "backend", "analysis_duration": "{{DURATION}}"},
    "api_specifications": [{"id": "API-001-TEMPLATE", "path": "/api/v1/resource",
                            "request_format": {"content_type": "application/json"},
                            "description": "Explain what the endpoint is for"}],
    "priority_actions": [{"action": "Describe the action", "dependencies": "What must happen first"}],
}


def install_templates(root: Path, folder: Path | None = None) -> Path:
    folder = folder or root / ".claude" / "agents" / "pydantic_ai" / "backend" / "templates"
    folder.mkdir(parents=True)
    (folder / "backend_notes_template.md").write_text(NOTES_TEMPLATE)
    (folder / "backend_output_template.json").write_text(json.dumps(OUTPUT_TEMPLATE, indent=2))
    return folder


def test_without_templates_the_rule_is_silent(session: Session) -> None:
    data = session.data()
    data["api_specifications"][0]["description"] = "Explain what the endpoint is for"
    session.write_data(data)
    assert lint_json(session.root).only("template-unchanged") == []


def test_json_value_left_as_the_template_wrote_it(session: Session) -> None:
    install_templates(session.root)
    data = session.data()
    data["api_specifications"][0]["description"] = "Explain what the endpoint is for"
    data["api_specifications"][0]["path"] = "/api/v1/resource"
    data["api_specifications"][1]["description"] = "Explain what the endpoint is for"  # another place: fine
    session.write_data(data)
    findings = lint_json(session.root).only("template-unchanged")
    assert sorted(f["pointer"] for f in findings) == ["/api_specifications/0/description", "/api_specifications/0/path"]


def test_fixed_and_common_values_are_not_reported(session: Session) -> None:
    install_templates(session.root)
    data = session.data()
    data["api_specifications"][0]["request_format"] = {"content_type": "application/json"}
    session.write_data(data)
    assert lint_json(session.root).only("template-unchanged") == []  # worker_type and content type pass


def test_notes_line_left_as_the_template_wrote_it(session: Session) -> None:
    install_templates(session.root)
    session.edit_notes("## Critical Issues Found\n", "## Critical Issues Found\nPhase one covers the fixes that cannot wait for the next sprint.\n")
    [finding] = lint_json(session.root).only("template-unchanged")
    assert finding["file"].endswith("backend_notes.md") and "template's, unchanged" in finding["message"]


def test_templates_named_on_the_command_line(session: Session, tmp_path: Path) -> None:
    folder = install_templates(session.root, tmp_path / "my-templates")
    data = session.data()
    data["priority_actions"][0]["dependencies"] = "What must happen first"
    session.write_data(data)
    assert lint_json(session.root).only("template-unchanged") == []  # not in the harness location
    findings = lint_json(session.root, extra=("--templates", str(folder))).only("template-unchanged")
    assert [f["pointer"] for f in findings] == ["/priority_actions/0/dependencies"]


def test_clean_example_passes_against_its_templates(session: Session) -> None:
    install_templates(session.root)
    assert lint_json(session.root).findings == []


ARCHITECT_TEMPLATE = {
    "analysis_metadata": {"worker_type": "architect"},
    "implementation_roadmap": [{"phase": "Phase 1: Critical Architecture Fixes", "timeline": "Week 1-2",
                                "items": ["Template - remove phase if empty"], "dependencies": [], "success_metrics": []}],
}


def _architect_with_template(tmp_path: Path, items: list[str], filled: bool = True) -> Path:
    import shutil

    from conftest import FIXTURES

    root = tmp_path / "architect"
    shutil.copytree(FIXTURES / "workers" / "architect", root)
    folder = root / ".claude" / "agents" / "pydantic_ai" / "architect" / "templates"
    folder.mkdir(parents=True)
    (folder / "architect_output_template.json").write_text(json.dumps(ARCHITECT_TEMPLATE, indent=2))
    [output] = root.glob("Docs/hive-mind/sessions/*/workers/json/architect_output.json")
    data = json.loads(output.read_text())
    data["implementation_roadmap"][0].update(phase="Phase 1: Critical Architecture Fixes", timeline="Week 1-2", items=items)
    if not filled:
        data["implementation_roadmap"][0].update(dependencies=[], success_metrics=[])
    output.write_text(json.dumps(data, indent=2))
    return root


def test_a_roadmap_label_kept_in_a_filled_phase_is_not_residue(tmp_path: Path) -> None:
    root = _architect_with_template(tmp_path, ["Transactional outbox for claim events (ACTION-001)"])
    run = lint_json(root)
    assert run.only("template-unchanged") == [] and run.only("template-placeholder") == []


def test_a_roadmap_label_kept_in_an_unfilled_phase_is_residue(tmp_path: Path) -> None:
    root = _architect_with_template(tmp_path, ["Template - remove phase if empty"], filled=False)
    run = lint_json(root)
    labels = ["/implementation_roadmap/0/phase", "/implementation_roadmap/0/timeline"]
    assert sorted(f["pointer"] for f in run.only("template-unchanged")) == ["/implementation_roadmap/0/items/0", *labels]
    assert sorted(f["pointer"] for f in run.only("template-placeholder")) == ["/implementation_roadmap/0/items/0", *labels]


def test_an_id_of_the_outputs_own_entries_is_not_the_templates_example(tmp_path: Path) -> None:
    import shutil

    from conftest import FIXTURES

    root = tmp_path / "analyzer"
    shutil.copytree(FIXTURES / "workers" / "analyzer", root)
    folder = root / ".claude" / "agents" / "pydantic_ai" / "analyzer" / "templates"
    folder.mkdir(parents=True)
    template = {"priority_actions": [{"id": "ACTION-001-TEMPLATE", "related_findings": ["SEC-001", "PERF-001", "QUAL-001"]}]}
    (folder / "analyzer_output_template.json").write_text(json.dumps(template))
    [output] = root.glob("Docs/hive-mind/sessions/*/workers/json/analyzer_output.json")
    data = json.loads(output.read_text())
    data["priority_actions"][0]["related_findings"] = ["SEC-001", "PERF-001"]  # the first action fixes those findings
    output.write_text(json.dumps(data, indent=2))
    assert lint_json(root).only("template-unchanged") == []
    data["priority_actions"][0]["related_findings"] = ["SEC-001", "QUAL-001"]
    data["security_findings"] = [f for f in data["security_findings"] if f["id"] != "SEC-001"]
    output.write_text(json.dumps(data, indent=2))
    assert [f["pointer"] for f in lint_json(root).only("template-unchanged")] == ["/priority_actions/0/related_findings/0"]
