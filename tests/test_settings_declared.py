"""Each setting is declared once: the options, the configuration keys and the merge come from it."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from conftest import ROOT
from lint.cli.commands import check
from lint.model import Severity
from lint.settings import ConfigError, Settings, merge, option_layer
from lint.settings.files import load_config
from lint.settings.model import DECLARED, FILE_KEYS
from lint.settings import RuleNames

# One value per setting, as a file writes it and as the command line does.
SAMPLES = {
    "select": ('["schema", "score-range"]', ["--select", "schema,score-range"]),
    "ignore": ('["section-empty"]', ["--ignore", "section-empty"]),
    "severity": ('{ absolute-path = "warning" }', ["--severity", "absolute-path=warning"]),
    "per-file-ignores": ('{ "*.md" = ["absolute-path"] }', ["--per-file-ignores", "*.md=absolute-path"]),
    "fail-level": ('"warning"', ["--fail-level", "warning"]),
    "fail-under": ("7.5", ["--fail-under", "7.5"]),
    "exclude": ('["legacy-*"]', ["--exclude", "legacy-*"]),
    "max-file-size": ("3", ["--max-file-size", "3"]),
    "max-json-depth": ("40", ["--max-json-depth", "40"]),
    "max-markdown-depth": ("9", ["--max-markdown-depth", "9"]),
    "packs": (None, None),  # a path relative to the file: compared below
    "ignore-suppressions": ("true", ["--ignore-suppressions"]),
    "follow-symlinks": ("true", ["--follow-symlinks"]),
    "templates": (None, None),  # command line only
    "source-roots": (None, None),  # folders relative to the file: compared in tests/test_evidence.py
    "no-source-check": ("true", ["--no-source-check"]),
}


def test_every_field_of_settings_is_declared_and_sampled() -> None:
    assert set(Settings._fields) == {d.attribute for d in DECLARED.values()}
    assert set(SAMPLES) == set(DECLARED)


def test_every_declaration_is_an_option_of_check_with_its_help() -> None:
    options = {name: param for param in check.params if isinstance(param, click.Option) for name in param.opts}
    for declaration in DECLARED.values():
        option = options[declaration.flag]
        assert option.help == declaration.help and option.multiple == declaration.multiple


def test_the_readme_documents_every_configuration_key() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("[tool.worker-lint]\nselect"):]
    block = block[: block.index("```")]
    top = block.split("\n[tool.worker-lint.")[0]
    keys = set(re.findall(r"^([a-z-]+) =", top, re.M)) | set(re.findall(r"^\[tool\.worker-lint\.([a-z-]+)\]", block, re.M))
    assert keys == set(FILE_KEYS)


def _from_option(args: list[str]) -> Settings:
    """The settings the command line's parser makes of ``args``."""
    from lint.cli.options import option_table

    context = check.make_context("check", list(args), resilient_parsing=False)
    values = dict(context.params)
    return merge(option_layer(option_table(values)))


@pytest.mark.parametrize("key", [k for k, (text, _) in SAMPLES.items() if text is not None])
def test_a_file_and_the_command_line_give_the_same_setting(tmp_path: Path, key: str) -> None:
    text, args = SAMPLES[key]
    config = tmp_path / ".worker-lint.toml"
    config.write_text(f"{key} = {text}\n")
    from_file = merge(load_config(config, RuleNames()))
    from_option = _from_option(args)
    attribute = DECLARED[key].attribute
    if key in ("exclude", "per-file-ignores"):  # globs remember the folder they are relative to
        strip = (lambda v: [(g, None) for g, _ in v]) if key == "exclude" else (lambda v: [r._replace(base=None) for r in v])
        assert strip(getattr(from_file, attribute)) == strip(getattr(from_option, attribute))
    else:
        assert getattr(from_file, attribute) == getattr(from_option, attribute) != getattr(Settings(), attribute)


def test_pack_paths_are_relative_to_the_file_and_to_the_working_folder(tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "mine.toml").write_text("")
    config = tmp_path / ".worker-lint.toml"
    config.write_text('packs = ["packs/mine.toml"]\n')
    assert merge(load_config(config, RuleNames())).packs == (tmp_path.resolve() / "packs" / "mine.toml",)
    assert _from_option(["--pack", "packs/mine.toml"]).packs == (Path("packs/mine.toml"),)


def test_merging_replaces_or_adds_as_declared(tmp_path: Path) -> None:
    config = tmp_path / ".worker-lint.toml"
    config.write_text('ignore = ["section-empty"]\nfail-level = "info"\nfail-under = 5\n')
    merged = merge(load_config(config, RuleNames()), option_layer({"ignore": ["absolute-path"], "fail-level": "warning"}))
    assert merged.ignore == {"section-empty", "absolute-path"}  # added up
    assert merged.fail_level == Severity.WARNING  # the command line wins
    assert merged.fail_under == 5.0  # kept from the file


def test_a_setting_only_the_command_line_may_give_is_unknown_in_a_file(tmp_path: Path) -> None:
    config = tmp_path / ".worker-lint.toml"
    config.write_text('templates = "somewhere"\n')
    with pytest.raises(ConfigError, match="unknown setting 'templates'"):
        load_config(config, RuleNames())


def test_settings_given_in_code_are_converted_as_a_files_are() -> None:
    settings = Settings(select={"schema", "score-range"}, fail_level="warning", severity={"absolute-path": "warning"},
                        per_file_ignores={"*.md": ["absolute-path"]}, exclude=["legacy-*"], fail_under=7, packs=["mine.toml"])
    assert settings.select == frozenset({"schema", "score-range"}) and settings.fail_level == Severity.WARNING
    assert settings.severity == {"absolute-path": Severity.WARNING} and settings.fail_under == 7.0
    assert [(r.pattern, r.rules) for r in settings.per_file_ignores] == [("*.md", frozenset({"absolute-path"}))]
    assert settings.exclude == (("legacy-*", None),) and settings.packs == (Path("mine.toml"),)
    assert Settings(fail_level=Severity.INFO).fail_level == Severity.INFO


@pytest.mark.parametrize("given,words", [
    ({"select": frozenset({"template-placeholdr"})}, "unknown rule 'template-placeholdr'; did you mean 'template-placeholder'?"),
    ({"select": frozenset()}, "setting 'select' must be a list of at least one rule name"),
    ({"select": "schema"}, "setting 'select' must be a list of rule names"),
    ({"fail_level": "loud"}, "setting 'fail-level' must be one of 'error', 'warning', 'info'"),
    ({"fail_under": 11}, "setting 'fail-under' must be a number from 0 to 10"),
    ({"severity": {"section-empty": "noisy"}}, "setting 'severity.section-empty' must be one of"),
    ({"max_json_depth": 0}, "setting 'max-json-depth' must be a whole number of levels from 1 to 500"),
    ({"ignore_suppressions": "yes"}, "setting 'ignore-suppressions' must be true or false"),
])
def test_a_wrong_setting_in_code_is_a_usage_error_naming_it(given: dict, words: str) -> None:
    import lint

    with pytest.raises(lint.UsageError) as error:
        Settings(**given)
    assert words in str(error.value)


def test_settings_in_code_check_folders_and_accept_lists_of_paths(tmp_path: Path) -> None:
    import lint

    with pytest.raises(lint.UsageError, match="not a folder"):
        Settings(templates="/no/such/folder")
    assert Settings(templates=tmp_path).templates == tmp_path
    pack = tmp_path / "mine.toml"
    assert Settings(packs=[pack]).packs == (pack,)
    assert Settings(exclude=[Path("legacy-*")]).exclude == (("legacy-*", None),)
    with pytest.raises(lint.UsageError):
        Settings(exclude=(("a", 5),))
