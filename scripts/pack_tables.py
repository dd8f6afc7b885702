"""Write rules/parsed.json: the bundled packs, parsed, so that a run need not load a TOML parser.

    python scripts/pack_tables.py            # (re)write rules/parsed.json
    python scripts/pack_tables.py --check    # exit 1 when it is not what the packs give

Run it after changing a bundled pack. A stale file never changes a result (a pack
whose bytes differ from those parsed is read from its TOML), but it costs start-up
time, so the test suite fails while it is stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's lint package, installed or not

from lint.packs.parsed_tables import TABLES_FILE, tables_of  # noqa: E402

RULES = ROOT / "rules"
TARGET = RULES / TABLES_FILE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when the file is stale")
    args = parser.parse_args(argv)
    text = tables_of(sorted(RULES.glob("*.toml")))
    shipped = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else None
    if args.check:
        if shipped != text:
            print(f"{TARGET.relative_to(ROOT)} is stale; run: python scripts/pack_tables.py", file=sys.stderr)
            return 1
        print(f"{TARGET.relative_to(ROOT)} is current")
        return 0
    if shipped != text:
        TARGET.write_text(text, encoding="utf-8")
        print(f"wrote {TARGET.relative_to(ROOT)}")
    else:
        print(f"{TARGET.relative_to(ROOT)} is already current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
