"""Settings: each declared once (model.py); configuration files, globs and limits.

:func:`resolve` is the one way both the command line and the API turn
configuration files and explicit choices into :class:`Settings`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from lint.settings.model import DECLARED, ConfigError, Layer, Settings, merge, parse_layer


class RuleNames(Sequence[str]):
    """The rules' names, loaded only when a setting names a rule: a run answered
    from the cache does not import the rules just to check names it never sees."""

    @functools.cached_property
    def _names(self) -> list[str]:
        from lint.checks import REGISTRY

        return sorted(REGISTRY)

    def __getitem__(self, index):
        return self._names[index]

    def __len__(self) -> int:
        return len(self._names)


def file_layer(anchor: Path | None, config: Path | None = None, isolated: bool = False) -> Layer | None:
    """The settings of ``config``, or of the configuration file closest to ``anchor``."""
    from lint.settings.files import find_config, load_config

    if isolated:
        return None
    path = config if config is not None else (find_config(anchor) if anchor is not None else None)
    if path is None:
        return None
    if not path.is_file():
        raise ConfigError(f"{path}: no such configuration file; check the path given to --config")
    return load_config(path, RuleNames())


def option_layer(table: dict) -> Layer:
    """Settings given as options (the command line's, in the shape of a file's table)."""
    return parse_layer(table, None, "--", RuleNames(), keys=tuple(DECLARED))


def resolve(anchor: Path | None, config: Path | None = None, isolated: bool = False, options: Layer | None = None) -> Settings:
    """Options over the configuration file found from ``anchor`` (or named), over the defaults."""
    return merge(file_layer(anchor, config, isolated), options)


__all__ = ["ConfigError", "Layer", "RuleNames", "Settings", "file_layer", "merge", "option_layer", "resolve"]
