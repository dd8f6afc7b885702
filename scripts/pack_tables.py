"""Write rules/parsed.json: the bundled packs, parsed, so that a run need not load a TOML parser.

    python scripts/pack_tables.py            # (re)write rules/parsed.json
    python scripts/pack_tables.py --check    # exit 1 when it is not what the packs give

Run it after changing a bundled pack. A stale file never changes a result (a pack
whose bytes differ from those parsed is read from its TOML), but it costs start-up
time, so the test suite fails while it is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's lint package, installed or not
sys.path.insert(0, str(Path(__file__).resolve().parent))  # beside this script

from lint.packs.parsed_tables import TABLES_FILE, tables_of  # noqa: E402
from generated_file import write_or_check  # noqa: E402

RULES = ROOT / "rules"
TARGET = RULES / TABLES_FILE


def main(argv: list[str] | None = None) -> int:
    return write_or_check(__doc__.splitlines()[0], TARGET, tables_of(sorted(RULES.glob("*.toml"))), ROOT, "pack_tables.py", argv)


if __name__ == "__main__":
    sys.exit(main())
