"""The result cache stays bounded: entries unused for a month go, then the least recently
used above a size; looked at once a day, by a run that stores something."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE, run_cli
from lint.engine import cache_files
from lint.engine.cache import FORMAT

DAY = 86400
CURRENT = f"v{FORMAT}"


def _entry(top: Path, name: str, size: int, age_days: float, folder: str = CURRENT) -> Path:
    """A cache entry of ``size`` bytes last used ``age_days`` ago; ``name`` is one hex digit."""
    path = top / folder / (name * 2) / f"{name * 64}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    _age(path, age_days)
    return path


def _age(path: Path, days: float) -> None:
    when = time.time() - days * DAY
    os.utime(path, (when, when))


def test_entries_unused_for_a_month_and_old_formats_go(tmp_path: Path) -> None:
    top = tmp_path / "cache"
    recent = _entry(top, "a", 100, 29)
    stale = _entry(top, "b", 100, 31)
    old_format = _entry(top, "c", 100, 0, folder="v1")
    left_by_a_stopped_run = top / CURRENT / "aa" / ".entry-old"
    left_by_a_stopped_run.write_bytes(b"{")
    _age(left_by_a_stopped_run, 1)
    being_written = top / CURRENT / "aa" / ".entry-now"
    being_written.write_bytes(b"{")
    foreign = top / CURRENT / "aa" / "notes.txt"
    foreign.write_text("mine")
    _age(foreign, 400)
    removed = cache_files.prune(top, CURRENT, time.time())
    assert recent.exists() and being_written.exists() and foreign.exists()
    assert not stale.exists() and not left_by_a_stopped_run.exists() and not (top / "v1").exists()
    assert old_format.parent.parent == top / "v1"
    assert (removed.files, removed.bytes, removed.left) == (3, 201, [foreign])


def test_above_the_size_cap_the_least_recently_used_go_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    top = tmp_path / "cache"
    by_age = {name: _entry(top, name, 1000, age) for name, age in zip("0123456789", range(10, 0, -1))}  # "0" oldest
    monkeypatch.setattr(cache_files, "MAX_BYTES", 4500)
    removed = cache_files.prune(top, CURRENT, time.time())
    assert sorted(name for name, path in by_age.items() if path.exists()) == ["6", "7", "8", "9"]
    assert (removed.files, removed.bytes) == (6, 6000)


def test_pruning_never_follows_a_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    victim = _entry(outside, "d", 10, 400)
    top = tmp_path / "cache"
    _entry(top, "a", 10, 0)
    (top / "v2").symlink_to(outside / CURRENT, target_is_directory=True)
    (top / CURRENT / "dd").symlink_to(victim.parent, target_is_directory=True)
    link = top / CURRENT / "aa" / f"{'e' * 64}.json"
    link.symlink_to(victim)
    os.utime(link, (time.time() - 400 * DAY,) * 2, follow_symlinks=False)
    cache_files.prune(top, CURRENT, time.time())
    assert victim.exists() and link.is_symlink() and (top / "v2").is_symlink()


def _stored(cache: Path) -> set[Path]:
    return set(cache.rglob("*.json"))


def _copy(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / name))


def test_a_run_that_stores_prunes_when_due_and_a_hit_keeps_an_entry(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    used, unused, new = _copy(tmp_path, "used"), _copy(tmp_path, "unused"), _copy(tmp_path, "new")
    run_cli("check", str(used), "--cache-dir", str(cache))
    used_entries = _stored(cache)
    run_cli("check", str(unused), "--cache-dir", str(cache))
    unused_entries = _stored(cache) - used_entries
    assert used_entries and unused_entries
    for path in [*_stored(cache), cache / CURRENT / cache_files.STAMP]:
        _age(path, 40)  # a month and more without a run
    run_cli("check", str(used), "--cache-dir", str(cache))  # answered from the cache: marks its entries used
    assert _stored(cache) == used_entries | unused_entries, "a run that stores nothing never prunes"
    run_cli("check", str(new), "--cache-dir", str(cache))  # stores a result: the prune is due
    assert used_entries <= _stored(cache) and not unused_entries & _stored(cache)
    assert len(_stored(cache)) == len(used_entries) + len(unused_entries)  # the new one is stored


def test_pruning_is_looked_at_once_a_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    run_cli("check", str(_copy(tmp_path, "first")), "--cache-dir", str(cache))
    stamp = cache / CURRENT / cache_files.STAMP
    assert stamp.is_file(), "the first run that stores pruned, and said so"
    _age(stamp, 0.9)
    pruned = []
    monkeypatch.setattr(cache_files, "prune", lambda *args: pruned.append(args))
    run_cli("check", str(_copy(tmp_path, "second")), "--cache-dir", str(cache))
    assert pruned == []
    _age(stamp, 1.1)
    run_cli("check", str(_copy(tmp_path, "third")), "--cache-dir", str(cache))
    run_cli("check", str(_copy(tmp_path, "fourth")), "--cache-dir", str(cache))
    assert [top for top, *_ in pruned] == [cache]


def test_the_cache_tags_a_folder_it_creates_and_only_that(tmp_path: Path) -> None:
    created, existing = tmp_path / "created", tmp_path / "existing"
    existing.mkdir(mode=0o700)
    for folder in (created, existing):
        run_cli("check", str(EXAMPLE), "--cache-dir", str(folder))
    assert (created / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55\n")
    assert not (existing / "CACHEDIR.TAG").exists()
