"""rules/parsed.json: the bundled packs parsed ahead, used only while each pack's bytes are those parsed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT
from lint.packs import bundled_pack_paths, load_pack
from lint.packs.parsed_tables import TABLES_FILE, parsed_table, tables_of

SCRIPT = ROOT / "scripts" / "pack_tables.py"


def test_the_shipped_file_is_what_the_packs_give() -> None:
    shipped = (ROOT / "rules" / TABLES_FILE).read_text(encoding="utf-8")
    assert shipped == tables_of(bundled_pack_paths()), "regenerate it: python scripts/pack_tables.py"
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert done.returncode == 0 and "is current" in done.stdout


@pytest.mark.parametrize("path", bundled_pack_paths(), ids=lambda p: p.stem)
def test_each_table_is_the_one_tomllib_makes(path: Path) -> None:
    assert parsed_table(path) == tomllib.loads(path.read_text(encoding="utf-8"))
    assert load_pack(path, trusted=True) == load_pack(path)  # ahead of time or now: the same pack


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    """A copy of the bundled packs with their parsed tables."""
    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder)
    return folder


def test_an_edited_pack_is_read_from_its_toml(rules: Path) -> None:
    pack = rules / "backend.toml"
    pack.write_text(pack.read_text(encoding="utf-8").replace('description = "', 'description = "Edited. ', 1), encoding="utf-8")
    assert parsed_table(pack) is None
    assert load_pack(pack, trusted=True).description.startswith("Edited. ")


@pytest.mark.parametrize("content", ["", "{not json", "[]", '{"backend.toml": []}', '{"backend.toml": {"sha256": 1}}'])
def test_a_missing_or_broken_file_only_means_parsing_the_toml(rules: Path, content: str) -> None:
    pack = rules / "backend.toml"
    expected = load_pack(pack)
    (rules / TABLES_FILE).write_text(content, encoding="utf-8")
    assert parsed_table(pack) is None
    assert load_pack(pack, trusted=True) == expected
    (rules / TABLES_FILE).unlink()
    assert parsed_table(pack) is None and load_pack(pack, trusted=True) == expected


def test_a_table_with_the_right_digest_is_taken_as_it_is(rules: Path) -> None:
    """What makes the file a cache of parses, not a second source: the digest of the bytes decides."""
    pack = rules / "backend.toml"
    tables = json.loads((rules / TABLES_FILE).read_text(encoding="utf-8"))
    tables["backend.toml"]["table"]["description"] = "From the parsed file."
    (rules / TABLES_FILE).write_text(json.dumps(tables), encoding="utf-8")
    assert load_pack(pack, trusted=True).description == "From the parsed file."
    assert load_pack(pack).description != "From the parsed file."  # a pack of the user's own is always parsed


def test_a_table_json_cannot_hold_is_refused(tmp_path: Path) -> None:
    pack = tmp_path / "dated.toml"
    pack.write_text('worker = "dated"\nwhen = 2026-01-01\n', encoding="utf-8")
    with pytest.raises(ValueError, match="does not survive JSON"):
        tables_of([pack])


def test_a_clean_run_does_not_import_a_toml_parser(tmp_path: Path) -> None:
    probe = ("import sys\nfrom lint.cli import main\nsys.argv = ['worker-lint', 'check', sys.argv[1], '--no-cache']\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\nprint('tomllib' in sys.modules, file=sys.stderr)\n")
    shutil.copytree(ROOT / "fixtures" / "example", tmp_path / "example")
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "example")], capture_output=True, text=True, cwd=tmp_path)
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr
