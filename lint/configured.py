"""Each deliverable with the configuration closest to it, as ruff does for each file.

What to search (the packs, ``follow-symlinks``) comes from the configuration
closest to each path named; each deliverable found is then linted, and
excluded or not, with the configuration closest to it. So ``check A B`` and
``check B A`` report the same, and one run over several projects applies each
project's own settings.
"""

from __future__ import annotations

from pathlib import Path

from lint.settings import Layer, Settings, file_layer, merge


class ClosestSettings:
    """Settings for any folder: its closest configuration file under the options given,
    each file read once per run (the same :class:`Settings` object for every folder it governs)."""

    def __init__(self, options: Layer | None) -> None:
        from lint.settings.files import FolderLooks

        self.options = options
        self._by_file: dict[Path | None, Settings] = {}
        self._looks = FolderLooks()  # each folder looked at once in the run

    def config_file(self, place: Path) -> Path | None:
        from lint.settings.files import find_config

        return find_config(place, self._looks)

    def of_file(self, config: Path | None) -> Settings:
        if config not in self._by_file:
            self._by_file[config] = merge(file_layer(None, config) if config is not None else None, self.options)
        return self._by_file[config]

    def at(self, place: Path) -> Settings:
        return self.of_file(self.config_file(place))
