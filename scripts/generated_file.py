"""Writing a file generated from the code, or checking that the shipped one is current."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def write_or_check(description: str, target: Path, text: str, root: Path, script: str, argv: list[str] | None = None) -> int:
    """``--check``: exit 1 when ``target`` is not ``text``; otherwise (re)write it when it differs."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when the file is stale")
    args = parser.parse_args(argv)
    shown = target.relative_to(root)
    shipped = target.read_text(encoding="utf-8") if target.is_file() else None
    if args.check:
        if shipped != text:
            print(f"{shown} is stale; run: python scripts/{script}", file=sys.stderr)
            return 1
        print(f"{shown} is current")
        return 0
    if shipped != text:
        target.write_text(text, encoding="utf-8")
        print(f"wrote {shown}")
    else:
        print(f"{shown} is already current")
    return 0
