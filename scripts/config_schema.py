"""Write the configuration's JSON Schema, generated from the settings' declarations.

    python scripts/config_schema.py            # (re)write schemas/worker-lint-config.schema.json
    python scripts/config_schema.py --check    # exit 1 when the shipped file is not what the settings give

Run it after adding or changing a setting or a rule; the test suite fails while
the shipped file is stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's lint package, installed or not

from lint.settings.config_schema import SCHEMA_FILE, current  # noqa: E402

TARGET = ROOT / "schemas" / SCHEMA_FILE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when the file is stale")
    args = parser.parse_args(argv)
    text = current()
    shipped = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else None
    if args.check:
        if shipped != text:
            print(f"{TARGET.relative_to(ROOT)} is stale; run: python scripts/config_schema.py", file=sys.stderr)
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
    raise SystemExit(main())
