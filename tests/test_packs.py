"""Every worker through its pack: bundled packs, their fixtures, custom workers."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLE, FIXTURES, ROOT, lint_json, run_cli
from lint.packs import bundled_pack_paths, load_pack

WORKERS = ["analyzer", "architect", "backend", "designer", "devops", "frontend", "researcher", "test"]
PACK_SCHEMA = json.loads((ROOT / "schemas" / "pack.schema.json").read_text())
CUSTOM = FIXTURES / "custom-worker"
DATAENG = CUSTOM / "packs" / "dataeng.toml"


def fixture_root(worker: str) -> Path:
    return EXAMPLE if worker == "backend" else FIXTURES / "workers" / worker


def test_all_eight_workers_have_a_pack() -> None:
    assert sorted(p.stem for p in bundled_pack_paths()) == WORKERS


@pytest.mark.parametrize("worker", WORKERS)
def test_pack_and_schema_are_valid(worker: str) -> None:
    path = ROOT / "rules" / f"{worker}.toml"
    jsonschema.validate(tomllib.loads(path.read_text()), PACK_SCHEMA)
    pack = load_pack(path)
    jsonschema.Draft202012Validator.check_schema(pack.schema)
    assert pack.notes_file == f"{worker}_notes.md" and pack.output_file == f"{worker}_output.json"
    assert pack.issue_ids.prefix == worker.upper()
    assert any(s.label for s in pack.scores)


@pytest.mark.parametrize("worker", WORKERS)
def test_each_workers_valid_session_lints_clean(worker: str) -> None:
    run = lint_json(fixture_root(worker))
    assert run.findings == [], [(f["rule"], f["file"].rsplit("/", 1)[-1], f["line"], f["message"]) for f in run.findings]
    assert [d["worker"] for d in run.report["deliverables"]] == [worker]


# Generic breakages: the same rule must fire for every worker, through its pack alone.

def copy_worker(worker: str, tmp_path: Path):
    root = tmp_path / worker
    shutil.copytree(fixture_root(worker), root)
    pack = load_pack(ROOT / "rules" / f"{worker}.toml")
    notes = next(root.rglob(pack.notes_file))
    output = next(root.rglob(pack.output_file))
    return root, pack, notes, output


def set_pointer(data, pointer: str, value) -> None:
    *parents, last = pointer.split("/")[1:]
    for part in parents:
        data = data[int(part)] if isinstance(data, list) else data[part]
    if isinstance(data, list):
        data[int(last)] = value
    else:
        data[last] = value


def get_pointer(data, pointer: str):
    for part in pointer.split("/")[1:]:
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def first_vocabulary_field(value, pointer=""):
    """A priority or severity field holding a lower-case word, for a title-case breakage."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key in ("priority", "severity") and isinstance(child, str) and child.islower() and child.isalpha():
                return f"{pointer}/{key}"
            found = first_vocabulary_field(child, f"{pointer}/{key}")
            if found:
                return found
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found = first_vocabulary_field(child, f"{pointer}/{index}")
            if found:
                return found
    return None


@pytest.mark.parametrize("worker", WORKERS)
def test_breakages_are_caught_for_every_worker(worker: str, tmp_path: Path) -> None:
    root, pack, notes, output = copy_worker(worker, tmp_path)
    data = json.loads(output.read_text())
    labelled = next(s for s in pack.scores if s.label)
    counted = next((s for s in pack.statistics if s.counted), pack.statistics[0])
    set_pointer(data, pack.scores[-1].pointer, 11)
    set_pointer(data, counted.pointer, get_pointer(data, counted.pointer) + 1)
    vocabulary = first_vocabulary_field(data)
    if vocabulary:
        set_pointer(data, vocabulary, get_pointer(data, vocabulary).title())
    output.write_text(json.dumps(data, indent=2))
    text = notes.read_text()
    text = re.sub(rf"(\*\*{re.escape(labelled.label)}\*\*:\s*)([\d.]+)/10", lambda m: m.group(1) + ("3" if m.group(2) != "3" else "4") + "/10", text, count=1)
    heading = re.search(r"^## .+$", text, re.M)
    text = text[: heading.end()] + "\n*REQUIRED: describe this.*\nSee src/app/main.py:10 for it.\n" + text[heading.end():]
    notes.write_text(text)
    rules = set(lint_json(root).rules())
    expected = {"score-range", "statistics-count", "score-mismatch", "template-instruction", "absolute-path"}
    if vocabulary:
        expected.add("priority-value")
    assert expected <= rules, expected - rules


@pytest.mark.parametrize("worker", WORKERS)
def test_template_residue_and_session_are_caught_for_every_worker(worker: str, tmp_path: Path) -> None:
    root, pack, notes, output = copy_worker(worker, tmp_path)
    data = json.loads(output.read_text())
    array = next(k for k, v in data.items() if isinstance(v, list) and v and isinstance(v[0], dict) and "id" in v[0])
    data[array].append({**data[array][0], "id": "X-001-TEMPLATE"})
    set_pointer(data, pack.session_id_pointer, "2020-01-01-00-00-elsewhere")
    output.write_text(json.dumps(data, indent=2))
    rules = set(lint_json(root).rules())
    assert {"template-placeholder", "session-mismatch"} <= rules


def copy_custom(tmp_path: Path) -> Path:
    root = tmp_path / "team"
    shutil.copytree(CUSTOM, root)
    return root


def test_dangling_reference(tmp_path: Path) -> None:
    root = copy_custom(tmp_path)
    output = next(root.rglob("dataeng_output.json"))
    output.write_text(output.read_text().replace('"related_findings": ["PIPE-002"]', '"related_findings": ["PIPE-009"]'))
    run = lint_json(root, extra=("--pack", str(root / "packs" / "dataeng.toml")))
    [finding] = run.only("dangling-reference")
    assert finding["pointer"] == "/priority_actions/1/related_findings/0" and finding["severity"] == "warning"


# Whole sessions and custom workers.

def test_a_session_with_every_worker(tmp_path: Path) -> None:
    session = tmp_path / "proj" / "Docs" / "hive-mind" / "sessions" / "2025-12-01-09-00-everything"
    for worker in WORKERS:
        source = next(p for p in (fixture_root(worker) / "Docs" / "hive-mind" / "sessions").iterdir() if p.is_dir())
        for sub in ("notes", "json"):
            target = session / "workers" / sub
            target.mkdir(parents=True, exist_ok=True)
            for file in (source / "workers" / sub).iterdir():
                shutil.copy(file, target / file.name)
        out = session / "workers" / "json" / f"{worker}_output.json"
        data = json.loads(out.read_text())
        data["analysis_metadata"]["session_id"] = session.name
        out.write_text(json.dumps(data, indent=2))
    run = lint_json(session)
    assert sorted(d["worker"] for d in run.report["deliverables"]) == WORKERS
    assert run.findings == []
    text = run_cli("check", str(session)).stdout.splitlines()
    for worker in WORKERS:
        assert any(line.startswith(worker + " ") and "score 10.0/10" in line for line in text), worker


def test_custom_worker_through_a_pack_on_the_command_line() -> None:
    unknown = run_cli("check", str(CUSTOM))  # without its pack: noted and skipped
    assert unknown.exit_code == 0 and "no rule pack for worker 'dataeng'" in unknown.stderr and "0 deliverables" in unknown.stdout
    run = lint_json(CUSTOM, extra=("--pack", str(DATAENG)))
    assert run.exit_code == 0 and run.report["deliverables"][0]["worker"] == "dataeng"


def test_custom_worker_through_configuration(tmp_path: Path) -> None:
    root = copy_custom(tmp_path)
    (root / ".worker-lint.toml").write_text('packs = ["packs/dataeng.toml"]\n')
    notes = next(root.rglob("dataeng_notes.md"))
    notes.write_text(notes.read_text().replace("**Data Quality Score**: 6/10", "**Data Quality Score**: 7/10"))
    run = lint_json(root)
    assert run.rules() == ["score-mismatch"]
    listing = run_cli("packs", "--config", str(root / ".worker-lint.toml"))
    assert "dataeng" in listing.stdout and "packs/dataeng.toml" in listing.stdout


def test_custom_worker_required_sections(tmp_path: Path) -> None:
    root = copy_custom(tmp_path)
    notes = next(root.rglob("dataeng_notes.md"))
    notes.write_text(notes.read_text().replace("## Pipeline Findings", "## Findings"))
    run = lint_json(root, extra=("--pack", str(root / "packs" / "dataeng.toml")))
    assert [f["message"] for f in run.only("section-missing")] == ["required section 'Pipeline Findings' is missing"]


@pytest.mark.parametrize(
    "change,words",
    [
        (lambda t: t.replace('prefix = "DATAENG"', 'prefix = "dataeng"'), "key issue_ids.prefix"),
        (lambda t: t.replace('notes_file = "dataeng_notes.md"\n', ""), "'notes_file' is a required property"),
        (lambda t: t.replace('worker = "dataeng"', 'worker = "dataeng"\ncolour = "blue"'), "'colour' was unexpected"),
        (lambda t: t.replace('schema = "dataeng_output.schema.json"', 'schema = "nowhere.json"'), "key schema: no schema file 'nowhere.json'"),
        (lambda t: t.replace("digits = 3", "digits = 3 3"), "not valid TOML"),
        (lambda t: t.replace('count = ["/pipeline_findings"]\nwhere', 'count = "/pipeline_findings"\nwhere'), "key statistics.1.count"),
    ],
)
def test_malformed_pack_exits_2_naming_file_and_key(tmp_path: Path, change, words: str) -> None:
    packs = tmp_path / "packs"
    shutil.copytree(CUSTOM / "packs", packs)
    pack = packs / "dataeng.toml"
    pack.write_text(change(pack.read_text()))
    run = run_cli("check", str(CUSTOM), "--pack", str(pack))
    assert run.exit_code == 2
    assert str(pack) in run.stderr and words in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


def test_custom_output_schema_is_checked(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    shutil.copytree(CUSTOM / "packs", packs)
    (packs / "dataeng_output.schema.json").write_text('{"type": 5}')
    run = run_cli("check", str(CUSTOM), "--pack", str(packs / "dataeng.toml"))
    assert run.exit_code == 2 and "not a valid JSON Schema" in run.stderr


def test_pack_schema_describes_every_bundled_key() -> None:
    keys = set(PACK_SCHEMA["properties"])
    for path in bundled_pack_paths():
        assert set(tomllib.loads(path.read_text())) <= keys


def test_packs_command_lists_bundled_workers() -> None:
    run = run_cli("packs", "--format", "json")
    rows = json.loads(run.stdout)
    assert [r["worker"] for r in rows] == WORKERS
    assert all(r["bundled"] for r in rows)


def test_line_numbers_required_only_where_the_contract_asks(tmp_path: Path) -> None:
    for worker, expected in (("analyzer", ["line-number-missing"]), ("backend", [])):
        root, pack, notes, output = copy_worker(worker, tmp_path)
        heading = re.search(r"^## .+$", notes.read_text(), re.M)
        text = notes.read_text()
        notes.write_text(text[: heading.end()] + "\nThe entry point is `/srv/app/main.py`, read in full.\n" + text[heading.end():])
        run = lint_json(root)
        assert run.rules() == expected, worker
        if expected:
            assert run.findings[0]["severity"] == "warning"
