"""`worker-lint cache clean`: removes the cache's own files, says so, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLE, FIXTURES, run_cli
from lint.engine.cache import FORMAT


def _fill(cache: Path) -> list[Path]:
    """Lint two sessions into ``cache``; the entries stored."""
    for tree in (EXAMPLE, FIXTURES / "setup-state"):
        run_cli("check", str(tree), "--cache-dir", str(cache))
    entries = sorted(cache.rglob("*.json"))
    assert entries
    return entries


def test_clean_removes_a_cache_it_created_and_says_what(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    entries = _fill(cache)
    monkeypatch.setenv("WORKER_LINT_CACHE_DIR", str(cache))  # found as check finds it
    size = sum(p.stat().st_size for p in entries)
    run = run_cli("cache", "clean")
    assert run.exit_code == 0 and not cache.exists()
    assert run.stdout == f"Removed {len(entries)} cache files ({size / 1024:.1f} KiB) from {cache}, and the folder itself.\n"
    assert run_cli("cache", "clean").stdout == f"No cache at {cache}: nothing to remove.\n"


def test_clean_keeps_everything_the_cache_did_not_write(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)  # the user's own folder, named with --cache-dir
    (cache / "mine.txt").write_text("mine")
    entries = _fill(cache)
    outside = tmp_path / "outside"
    (outside / "ab").mkdir(parents=True)
    victim = outside / "ab" / f"{'a' * 64}.json"
    victim.write_text("{}")
    shard = entries[0].parent
    (shard / "notes.txt").write_text("mine too")
    (shard / f"{'b' * 64}.json").symlink_to(victim)
    free = next(name for name in (f"{i:02x}" for i in range(256)) if not (cache / f"v{FORMAT}" / name).exists())
    (cache / f"v{FORMAT}" / free).symlink_to(outside / "ab", target_is_directory=True)
    (cache / "v1").symlink_to(outside, target_is_directory=True)
    run = run_cli("cache", "clean", "--cache-dir", str(cache))
    assert run.exit_code == 0 and f"Removed {len(entries)} cache files" in run.stdout
    assert "Left 2 files the cache did not write" in run.stdout
    assert not any(p.exists() for p in entries)
    assert victim.read_text() == "{}" and (cache / "mine.txt").read_text() == "mine" and (shard / "notes.txt").exists()
    assert (shard / f"{'b' * 64}.json").is_symlink() and (cache / "v1").is_symlink()
    assert not (cache / "CACHEDIR.TAG").exists()  # the folder was the user's: never marked, never removed


@pytest.mark.parametrize("kind", ["not a cache", "shared", "a link to a cache", "a file"])
def test_clean_refuses_what_is_not_its_own_cache_and_removes_nothing(kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    entries = _fill(cache)
    named = {"not a cache": tmp_path / "documents", "shared": cache, "a link to a cache": tmp_path / "link",
             "a file": tmp_path / "file"}[kind]
    if kind == "not a cache":
        named.mkdir()
        (named / "letter.txt").write_text("keep")
    elif kind == "shared":
        cache.chmod(0o777)
    elif kind == "a link to a cache":
        named.symlink_to(cache, target_is_directory=True)
    else:
        named.write_text("keep")
    before = sorted(tmp_path.rglob("*"))
    monkeypatch.setenv("WORKER_LINT_CACHE_DIR", str(named))
    run = run_cli("cache", "clean")
    assert run.exit_code == 2 and "nothing was removed" in run.stderr
    assert sorted(tmp_path.rglob("*")) == before and all(p.exists() for p in entries)
