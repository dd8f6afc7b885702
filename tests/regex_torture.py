"""Run every regular expression in the project against adversarial input.

Used by tests/test_regex_safety.py in a child process with a time limit: a
pattern that backtracks catastrophically never finishes, and the last name
printed says which one it was.
"""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import re
import sys

import lint
from lint.packs import PackRegistry

LENGTH = 5000
COMMON = " a1/.-_`*#|:>[](){}<!\t\\\"'~"


def project_patterns() -> dict[str, re.Pattern]:
    """Module-level patterns of every lint module, and each pack's issue-id pattern."""
    found: dict[str, re.Pattern] = {}
    for info in pkgutil.walk_packages(lint.__path__, "lint."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{info.name}.{name}"] = value
    for pack in PackRegistry.bundled().all():
        found[f"issue ids of {pack.worker}"] = pack.issue_ids.pattern
    return found


def _literals(pattern: re.Pattern) -> set[str]:
    """The characters a pattern names, so the input is made of what it looks for."""
    chars: set[str] = set()
    for char in re.findall(r"\\\\.|[^\\\\\[\](){}^$*+?|]", pattern.pattern):
        chars.add(char[-1])
    return {c for c in chars if c.isprintable() or c in "\t"}


def adversarial_inputs(pattern: re.Pattern) -> list[str]:
    alphabet = sorted(_literals(pattern) | set(COMMON))
    inputs = [char * LENGTH + "\x00" for char in alphabet]
    for first, second in itertools.combinations(alphabet, 2):
        inputs.append((first + second) * (LENGTH // 2) + "\x00")
    inputs.append(("a " * (LENGTH // 2)) + "!")
    return inputs


def main() -> None:
    patterns = project_patterns()
    if len(sys.argv) > 1:  # a pattern to add, to show the harness catches a bad one
        patterns["added"] = re.compile(sys.argv[1])
    print(len(patterns), flush=True)
    for name, pattern in sorted(patterns.items()):
        print(name, flush=True)
        for text in adversarial_inputs(pattern):
            pattern.search(text)
            pattern.match(text)
            for _ in pattern.finditer(text):
                pass
    print("done", flush=True)


if __name__ == "__main__":
    sys.exit(main())
