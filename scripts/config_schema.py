"""Write the configuration's JSON Schema, generated from the settings' declarations.

    python scripts/config_schema.py            # (re)write schemas/worker-lint-config.schema.json
    python scripts/config_schema.py --check    # exit 1 when the shipped file is not what the settings give

Run it after adding or changing a setting or a rule; the test suite fails while
the shipped file is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's lint package, installed or not
sys.path.insert(0, str(Path(__file__).resolve().parent))  # beside this script

from lint.settings.config_schema import SCHEMA_FILE, current  # noqa: E402
from generated_file import write_or_check  # noqa: E402

TARGET = ROOT / "schemas" / SCHEMA_FILE


def main(argv: list[str] | None = None) -> int:
    return write_or_check(__doc__.splitlines()[0], TARGET, current(), ROOT, "config_schema.py", argv)


if __name__ == "__main__":
    raise SystemExit(main())
