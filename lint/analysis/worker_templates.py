"""The worker's own templates, when they are at hand, to compare against.

The harness keeps them at ``.claude/agents/pydantic_ai/<worker>/templates/``
(or ``agents/pydantic_ai/...`` when the harness is the project itself);
``--templates DIR`` names a folder holding ``<worker>_notes_template.md`` and
``<worker>_output_template.json`` (directly, or in that same layout).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from lint.discover import Unit
from lint.documents.jsondoc import parse_json
from lint.settings.limits import DEFAULT_MAX_BYTES

HARNESS_FOLDERS = (Path(".claude") / "agents" / "pydantic_ai", Path("agents") / "pydantic_ai")


class Templates(NamedTuple):
    notes_lines: frozenset[str]
    output: object | None


def _candidates(unit: Unit, explicit: Path | None) -> list[Path]:
    worker = unit.worker
    folders: list[Path] = []
    if unit.in_memory and explicit is None:
        return folders  # contents held in memory: nothing is looked for on disk
    if explicit is not None:
        folders += [explicit, explicit / worker / "templates", explicit / "pydantic_ai" / worker / "templates"]
    if unit.session_dir is not None and unit.session_id is not None:
        root = unit.session_dir.parent.parent.parent.parent  # <root>/Docs/hive-mind/sessions/<id>
        folders += [root / base / worker / "templates" for base in HARNESS_FOLDERS]
    return folders


def template_files(unit: Unit, explicit: Path | None) -> list[Path]:
    """Every template file that could be read for this unit (a cache key includes them)."""
    names = (f"{unit.worker}_notes_template.md", f"{unit.worker}_output_template.json")
    return [folder / name for folder in _candidates(unit, explicit) for name in names]


def find_templates(unit: Unit, explicit: Path | None, min_line: int = 30) -> Templates | None:
    """The worker's templates, or None when none are at hand."""
    worker = unit.worker
    for folder in _candidates(unit, explicit):
        notes = folder / f"{worker}_notes_template.md"
        output = folder / f"{worker}_output_template.json"
        if not (notes.is_file() or output.is_file()):
            continue
        lines: frozenset[str] = frozenset()
        value = None
        # Templates lie in the project tree too: read as safely as a deliverable (bounded,
        # never blocking, depth-limited); one that cannot be read is no template.
        text = _read(notes)
        if text is not None:
            lines = frozenset(
                line.strip() for line in text.splitlines()
                if len(line.strip()) >= min_line and not line.lstrip().startswith("#")
            )
        raw = _read(output)
        if raw is not None:
            try:
                value = parse_json(raw).value
            except ValueError:
                return None
        return Templates(lines, value)
    return None


def _read(path: Path) -> str | None:
    from lint.documents.loading import _read_bytes

    data = _read_bytes(path, DEFAULT_MAX_BYTES) if path.is_file() else None
    return data.decode("utf-8", errors="replace") if isinstance(data, bytes) else None
