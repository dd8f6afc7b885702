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
from lint.patterns import _LazyPattern

LENGTH = 5000
COMMON = " a1/.-_`*#|:>[](){}<!\t\\\"'~"


def _schema_patterns(name: str, node, where: str = "") -> dict[str, re.Pattern]:
    found: dict[str, re.Pattern] = {}
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                found[f"{name}{where}"] = re.compile(value)
            else:
                found.update(_schema_patterns(name, value, f"{where}/{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.update(_schema_patterns(name, value, f"{where}/{index}"))
    return found


def project_patterns() -> dict[str, re.Pattern]:
    """Module-level patterns of every lint module, each pack's issue-id pattern, and
    the patterns of the bundled schemas (run on every output's strings)."""
    found: dict[str, re.Pattern] = {}
    for info in pkgutil.walk_packages(lint.__path__, "lint."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{info.name}.{name}"] = value
            elif isinstance(value, _LazyPattern):  # compiled on first use: tortured all the same
                found[f"{info.name}.{name}"] = re.compile(value.pattern, value.flags)
    for pack in PackRegistry.bundled().all():
        found[f"issue ids of {pack.worker}"] = pack.issue_ids.pattern
        found.update(_schema_patterns(f"schema of {pack.worker}", pack.schema))
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
    # A pattern may only backtrack after a word it looks for: "*Analyze a a a a ... !".
    for word in sorted(set(re.findall(r"[A-Za-z]{3,}", pattern.pattern)))[:40]:
        for lead in ("", "*", "_", "# ", "- **"):
            inputs.append(f"{lead}{word} " + "a " * (LENGTH // 2) + "!")
    return inputs


def main() -> None:
    if len(sys.argv) > 1:  # only the pattern given, to show the harness catches a bad one
        patterns = {"added": re.compile(sys.argv[1])}
    else:
        patterns = project_patterns()
    print(len(patterns), flush=True)
    for name, pattern in sorted(patterns.items()):
        print(name, flush=True)
        for text in adversarial_inputs(pattern):
            pattern.match(text)
            # finditer's first step is search(): it tries every start as search() does, then goes on,
            # so an input that made search() backtrack without end would stop finditer too.
            for _ in pattern.finditer(text):
                pass
    print("done", flush=True)


if __name__ == "__main__":
    sys.exit(main())
