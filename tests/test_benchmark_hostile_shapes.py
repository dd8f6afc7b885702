"""The hostile-shapes benchmark runs, on a tiny input; the figures themselves live in BENCHMARKS.md."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "hostile_shapes.py"
# What linting each shape gives: the notes shapes are clean Markdown; the others are findings.
EXIT = {"tab-code": 0, "quoted-fences": 0, "bullets": 0, "template-json": 1, "findings": 1}


def test_hostile_shapes_runs_every_shape_on_a_tiny_input() -> None:
    run = subprocess.run([sys.executable, str(SCRIPT), "--tiny"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "| shape | file size | exit | median | ms per MiB | net ms per MiB | peak memory |" in run.stdout
    assert re.search(r"Start-up \(the clean example, same command\): [\d,]+ ms, [\d,]+ MiB peak", run.stdout)
    for shape, code in EXIT.items():
        rows = re.findall(rf"^\| {shape} \| [\d.,]+ KiB \| (\d) \| [\d,]+ ms \|", run.stdout, re.MULTILINE)
        assert rows == [str(code)] * 3, (shape, run.stdout)
        assert re.search(rf"^- \*\*{shape}\*\* .*: (linear|NOT linear): net time per MiB spreads ", run.stdout, re.MULTILINE), shape


def test_the_shapes_are_what_they_claim(tmp_path: Path) -> None:
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import hostile_shapes
    finally:
        sys.path.remove(str(SCRIPT.parent))
    size = 200 * 1024
    for shape in hostile_shapes.SHAPES:
        session = hostile_shapes.make(tmp_path / shape, shape, size)
        grown = session.parent.parent.parent.parent / hostile_shapes.SHAPES[shape][2]
        assert size - 2 * 1024 <= grown.stat().st_size <= size + 40 * 1024, shape  # the JSON stays under its size
    notes = (tmp_path / "tab-code" / hostile_shapes.NOTES).read_text()
    assert "- item\n\n\t\tcode line 0\n\n  text 0\n\n\t\tcode line 1\n" in notes
    notes = (tmp_path / "quoted-fences" / hostile_shapes.NOTES).read_text()
    assert "> - item\n>\n>   ```\n>   code 0\n>   ```\n" in notes
    output = (tmp_path / "template-json" / hostile_shapes.OUTPUT).read_text()
    assert output.count("-TEMPLATE") > 200
