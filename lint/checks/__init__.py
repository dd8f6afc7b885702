"""The rule catalogue: one module per rule, named after it (``foo-bar`` lives in ``foo_bar.py``).

``REGISTRY`` imports every rule module of this folder, in name order, the
first time it is asked for: a new rule needs a module and nothing else.
Importing one rule module for its ``NAME`` loads that module alone, so the
loaders and the engine can name a rule without loading the catalogue.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING

from lint.checks import base
from lint.checks.base import Problem, Rule

if TYPE_CHECKING:
    from lint.checks.base import REGISTRY

# The modules here that hold no rule; helper modules' names start with an underscore.
NOT_RULES = frozenset({"base", "docs"})

__all__ = ["NOT_RULES", "REGISTRY", "Problem", "Rule", "rule_modules"]


def rule_modules() -> list[str]:
    """The names of the rule modules, in order: the ``.py`` files of this folder (a listing
    costs less at start-up than ``pkgutil``, which imports ``inspect``)."""
    found = {entry.name[:-3] for folder in __path__ for entry in os.scandir(folder) if entry.name.endswith(".py")}
    return sorted(name for name in found if name.isidentifier() and name not in NOT_RULES and not name.startswith("_"))


def _load_catalogue() -> dict[str, Rule]:
    for name in rule_modules():
        importlib.import_module(f"{__name__}.{name}")
    # Name order, whichever rule modules were imported first (the loaders import some for their names).
    ordered = sorted(base.REGISTRY.items())
    base.REGISTRY.clear()
    base.REGISTRY.update(ordered)
    return base.REGISTRY


def __getattr__(name: str) -> object:
    if name == "REGISTRY":
        registry = globals()["REGISTRY"] = _load_catalogue()
        return registry
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
