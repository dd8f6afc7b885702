"""Every error a user can cause names the file (and the key, option or line:column
where there is one) and says what to do; none shows a traceback.

Two tables: problems that stop the run (exit 2, a message on standard error), and
problems in a deliverable (exit 1, a finding with its file, place and hint).
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, Session, lint_json
from lint.cli import cli

CUSTOM_PACKS = FIXTURES / "custom-worker" / "packs"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path | None = None) -> Run:
    """In process, under the program's own name (as the usage lines print it)."""
    with contextlib.chdir(cwd or Path.cwd()):
        result = CliRunner().invoke(cli, list(args), prog_name="worker-lint", catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@dataclass
class Env:
    """What a case may set up and name: the example project, and a scratch folder."""

    session: Session
    tmp: Path

    @property
    def root(self) -> Path:
        return self.session.root

    def pyproject(self, body: str) -> Path:
        path = self.root / "pyproject.toml"
        path.write_text("[project]\nname = 'x'\n\n[tool.worker-lint]\n" + body)
        return path

    def dot_file(self, body: str | bytes) -> Path:
        path = self.root / ".worker-lint.toml"
        path.write_bytes(body.encode() if isinstance(body, str) else body)
        return path

    def pack(self, change: Callable[[str], str] = lambda text: text, name: str = "dataeng.toml") -> Path:
        """A copy of the custom worker's pack (and its schema), changed."""
        folder = self.tmp / "packs"
        if not folder.is_dir():
            shutil.copytree(CUSTOM_PACKS, folder)
        path = folder / name
        path.write_text(change((CUSTOM_PACKS / "dataeng.toml").read_text()))
        return path

    def values(self) -> dict[str, str]:
        return {
            "root": str(self.root),
            "session": str(self.session.folder),
            "notes": str(self.session.notes),
            "output": str(self.session.output),
            "tmp": str(self.tmp),
            "pyproject": str(self.root / "pyproject.toml"),
            "dotfile": str(self.root / ".worker-lint.toml"),
            "packs": str(self.tmp / "packs"),
        }


@dataclass
class Stop:
    """A run that cannot go on: exit 2 and one message."""

    id: str
    args: tuple[str, ...]
    names: tuple[str, ...]  # the file, key, option or place, each as it must appear
    says: str  # what to do
    setup: Callable[[Env], object] | None = None
    cwd: str | None = None
    usage: bool = False  # a mistake in the command line itself: click's 'Error:' with usage


def _bad_pack(change: Callable[[str], str]) -> Callable[[Env], object]:
    return lambda env: env.pack(change)


def _schema(text: str) -> Callable[[Env], object]:
    def setup(env: Env) -> None:
        env.pack()
        (env.tmp / "packs" / "dataeng_output.schema.json").write_text(text)

    return setup


def _two_packs(second: Callable[[str], str]) -> Callable[[Env], object]:
    def setup(env: Env) -> None:
        env.pack()
        env.pack(second, "second.toml")

    return setup


def _pack_in_configuration(env: Env) -> None:
    pack = env.pack(lambda t: t.replace('prefix = "DATAENG"', 'prefix = "x"'))
    env.dot_file(f'packs = ["{pack}"]\n')


def _events_folder(env: Env) -> None:
    events = env.session.folder / "EVENTS.jsonl"
    events.unlink()
    events.mkdir()


def _events_link(env: Env) -> None:
    events = env.session.folder / "EVENTS.jsonl"
    events.unlink()
    events.symlink_to(env.tmp / "elsewhere.jsonl")


def _not_a_deliverable(env: Env) -> None:
    (env.tmp / "report.md").write_text("# Report\n")


ROOT_ARG = "{root}"
DATAENG = ("{packs}/dataeng.toml",)

STOPS = [
    # The command line (click checks the option's type; worker-lint its meaning).
    Stop("format-choice", (ROOT_ARG, "--format", "xml"), ("'--format'", "'xml'"), "is not one of 'text', 'concise', 'json'", usage=True),
    Stop("fail-level-choice", (ROOT_ARG, "--fail-level", "loud"), ("'--fail-level'", "'loud'"), "is not one of 'error', 'warning', 'info'", usage=True),
    Stop("fail-under-range", (ROOT_ARG, "--fail-under", "11"), ("'--fail-under'", "11"), "is not in the range 0<=x<=10", usage=True),
    Stop("fail-under-word", (ROOT_ARG, "--fail-under", "high"), ("'--fail-under'", "'high'"), "Try 'worker-lint check --help' for help", usage=True),
    Stop("max-file-size-range", (ROOT_ARG, "--max-file-size", "0"), ("'--max-file-size'", "0"), "is not in the range x>=1", usage=True),
    Stop("max-file-size-word", (ROOT_ARG, "--max-file-size", "big"), ("'--max-file-size'", "'big'"), "Try 'worker-lint check --help' for help", usage=True),
    Stop("max-json-depth-range", (ROOT_ARG, "--max-json-depth", "0"), ("'--max-json-depth'", "0"), "is not in the range x>=1", usage=True),
    Stop("max-json-depth-too-deep", (ROOT_ARG, "--max-json-depth", "501"), ("option '--max-json-depth'", "(501)"), "must be a whole number of levels from 1 to 500", usage=True),
    Stop("max-markdown-depth-too-deep", (ROOT_ARG, "--max-markdown-depth", "101"), ("option '--max-markdown-depth'", "(101)"), "must be a whole number of levels from 1 to 100", usage=True),
    Stop("max-markdown-depth-word", (ROOT_ARG, "--max-markdown-depth", "deep"), ("'--max-markdown-depth'", "'deep'"), "Try 'worker-lint check --help' for help", usage=True),
    Stop("jobs-range", (ROOT_ARG, "--jobs", "0"), ("'--jobs'", "0"), "is not in the range x>=1", usage=True),
    Stop("unknown-option", (ROOT_ARG, "--fail-levl", "error"), ("No such option '--fail-levl'",), "Did you mean one of: '--fail-level'", usage=True),
    Stop("config-is-a-folder", (ROOT_ARG, "--config", "{tmp}"), ("'--config'", "'{tmp}'"), "is a directory", usage=True),
    Stop("pack-is-a-folder", (ROOT_ARG, "--pack", "{tmp}"), ("'--pack'", "'{tmp}'"), "is a directory", usage=True),
    Stop("output-is-a-folder", (ROOT_ARG, "--output", "{tmp}"), ("'--output'", "'{tmp}'"), "is a directory", usage=True),
    Stop("templates-missing", (ROOT_ARG, "--templates", "{tmp}/none"), ("'--templates'", "'{tmp}/none'"), "does not exist", usage=True),
    Stop("templates-is-a-file", (ROOT_ARG, "--templates", "{notes}"), ("'--templates'", "'{notes}'"), "is a file", usage=True),
    Stop("fix-and-diff", (ROOT_ARG, "--fix", "--diff"), ("--fix", "--diff"), "give one of them", usage=True),
    Stop("select-unknown-rule", (ROOT_ARG, "--select", "no-such-rule"), ("option '--select'", "'no-such-rule'"), "run 'worker-lint rules' for the list", usage=True),
    Stop("select-near-miss", (ROOT_ARG, "--select", "scheme"), ("option '--select'", "'scheme'"), "did you mean 'schema'?", usage=True),
    Stop("ignore-near-miss", (ROOT_ARG, "--ignore", "absolute-pth"), ("option '--ignore'", "'absolute-pth'"), "did you mean 'absolute-path'?", usage=True),
    Stop("select-nothing", (ROOT_ARG, "--select", ","), ("option '--select'",), "must be a list of at least one rule name", usage=True),
    Stop("severity-without-level", (ROOT_ARG, "--severity", "schema"), ("'--severity'", "'schema'"), "write it as, for example, 'schema=warning'", usage=True),
    Stop("severity-bad-level", (ROOT_ARG, "--severity", "schema=loud"), ("option '--severity' for schema", "'loud'"), "must be one of 'error', 'warning', 'info'", usage=True),
    Stop("severity-unknown-rule", (ROOT_ARG, "--severity", "scheme=info"), ("option '--severity'", "'scheme'"), "did you mean 'schema'?", usage=True),
    Stop("per-file-ignores-without-rules", (ROOT_ARG, "--per-file-ignores", "*.md"), ("'--per-file-ignores'", "'*.md'"), "write it as, for example, '*.md=absolute-path'", usage=True),
    Stop("per-file-ignores-without-glob", (ROOT_ARG, "--per-file-ignores", "=schema"), ("'--per-file-ignores'", "'=schema'"), "write it as, for example, '*.md=schema'", usage=True),
    Stop("per-file-ignores-unknown-rule", (ROOT_ARG, "--per-file-ignores", "*.md=no-such-rule"), ("option '--per-file-ignores'", "'no-such-rule'"), "run 'worker-lint rules' for the list", usage=True),
    Stop("per-file-ignores-bad-pointer", (ROOT_ARG, "--per-file-ignores", "*.json#scores=schema"), ("option '--per-file-ignores' for '*.json#scores'", "does not start with '/'"), "such as 'backend_output.json#/scores'", usage=True),
    Stop("exclude-empty", (ROOT_ARG, "--exclude", ""), ("option '--exclude'", "''"), "must be a list of glob patterns (not empty)", usage=True),
    Stop("nothing-named-nothing-here", (), ("nothing to lint in .",), "expected a project root", cwd="{tmp}"),
    # What the command line names.
    Stop("path-missing", ("{tmp}/absent",), ("{tmp}/absent: no such file or folder",), "check the path"),
    Stop("folder-with-nothing", ("{tmp}",), ("nothing to lint in {tmp}",), "expected a project root"),
    Stop("file-of-no-worker", ("{tmp}/report.md",), ("{tmp}/report.md: cannot tell which worker",), "add a pack for another worker with --pack", setup=_not_a_deliverable),
    Stop("worker-unknown", (ROOT_ARG, "--worker", "nobody"), ("--worker", "'nobody'"), "known workers are analyzer, architect, backend"),
    Stop("worker-near-miss", (ROOT_ARG, "--worker", "backnd"), ("--worker", "'backnd'"), "did you mean 'backend'?"),
    Stop("session-without-project", ("--session", "2025-09-14-10-30-payment-api-audit"), ("--session", "{tmp}"), "run worker-lint from inside the project", cwd="{tmp}"),
    Stop("session-unknown", ("--session", "2025-09-14-10-30-payment-api-audi"), ("--session", "'2025-09-14-10-30-payment-api-audi'", "{root}/Docs/hive-mind/sessions"), "did you mean '2025-09-14-10-30-payment-api-audit'?", cwd="{root}"),
    Stop("session-not-an-id", ("--session", "../x"), ("--session", "'../x'"), "give the name of a folder in {root}/Docs/hive-mind/sessions", cwd="{root}"),
    Stop("output-is-a-deliverable", (ROOT_ARG, "--output", "{notes}"), ("{notes}", "--output"), "choose another file"),
    Stop("output-is-the-event-log", (ROOT_ARG, "--output", "{session}/EVENTS.jsonl"), ("{session}/EVENTS.jsonl", "--output"), "choose another file"),
    Stop("output-folder-missing", (ROOT_ARG, "--output", "{tmp}/none/report.txt"), ("{tmp}/none/report.txt: cannot write the report",), "give --output a file in a folder that exists and is writable"),
    Stop("event-log-is-a-folder", (ROOT_ARG, "--log-event"), ("{session}/EVENTS.jsonl: cannot append the event",), "or run without --log-event", setup=_events_folder),
    Stop("event-log-is-a-link", (ROOT_ARG, "--log-event"), ("{session}/EVENTS.jsonl: cannot append the event: not a regular file",), "make it a regular file", setup=_events_link),
    # Configuration files.
    Stop("config-missing", (ROOT_ARG, "--config", "{tmp}/none.toml"), ("{tmp}/none.toml: no such configuration file",), "check the path given to --config"),
    Stop("config-toml-syntax", (ROOT_ARG,), ("{pyproject}:6:1: not valid TOML",), "fix the TOML syntax there", setup=lambda env: env.pyproject('select = ["schema"\nignore = []\n')),
    Stop("config-toml-bare-word", (ROOT_ARG,), ("{pyproject}:5:14: not valid TOML",), "fix the TOML syntax there", setup=lambda env: env.pyproject("fail-level = warning\n")),
    Stop("config-toml-duplicate-key", (ROOT_ARG,), ("{dotfile}:2:20: not valid TOML",), "fix the TOML syntax there", setup=lambda env: env.dot_file('select = ["schema"]\nselect = ["schema"]\n')),
    Stop("config-toml-end-of-file", (ROOT_ARG,), ("{dotfile}: not valid TOML", "at the end of the file"), "fix the TOML syntax there", setup=lambda env: env.dot_file("select = [\n")),
    Stop("config-not-utf8", (ROOT_ARG,), ("{dotfile}:1:23: not valid TOML", "0xff"), "save the file as UTF-8", setup=lambda env: env.dot_file(b'select = ["schema"] # \xff\n')),
    Stop("config-pyproject-not-utf8", (ROOT_ARG,), ("{pyproject}:5:23: not valid TOML", "0xff"), "save the file as UTF-8",
         setup=lambda env: (env.root / "pyproject.toml").write_bytes(b'[project]\nname = "x"\n\n[tool.worker-lint]\nselect = ["schema"] # \xff\n')),
    Stop("config-unknown-key", (ROOT_ARG,), ("{pyproject}", "'tool.worker-lint.selct'"), "did you mean 'select'?", setup=lambda env: env.pyproject('selct = ["schema"]\n')),
    Stop("config-unknown-key-far", (ROOT_ARG,), ("{dotfile}", "'colour'"), "known settings: select, ignore", setup=lambda env: env.dot_file("colour = true\n")),
    Stop("config-tool-not-a-table", (ROOT_ARG, "--config", "{pyproject}"), ("{pyproject}", "'tool'"), "write the settings under [tool.worker-lint]", setup=lambda env: (env.root / "pyproject.toml").write_text("tool = 3\n")),
    Stop("config-table-not-a-table", (ROOT_ARG, "--config", "{pyproject}"), ("{pyproject}", "'tool.worker-lint'"), "must be a table", setup=lambda env: (env.root / "pyproject.toml").write_text("[tool]\nworker-lint = 3\n")),
    Stop("config-select-string", (ROOT_ARG,), ("{pyproject}", "'tool.worker-lint.select'", "a string ('schema')"), "must be a list of rule names", setup=lambda env: env.pyproject('select = "schema"\n')),
    Stop("config-select-empty", (ROOT_ARG,), ("{dotfile}", "'select'", "an empty list"), "must be a list of at least one rule name", setup=lambda env: env.dot_file("select = []\n")),
    Stop("config-select-number-item", (ROOT_ARG,), ("{dotfile}", "'select'", "a number (3)"), "must be a list of rule names", setup=lambda env: env.dot_file("select = [3]\n")),
    Stop("config-ignore-unknown-rule", (ROOT_ARG,), ("{dotfile}", "'ignore'", "'score-mismatc'"), "did you mean 'score-mismatch'?", setup=lambda env: env.dot_file('ignore = ["score-mismatc"]\n')),
    Stop("config-severity-not-a-table", (ROOT_ARG,), ("{dotfile}", "'severity'"), "must be a table of rule = level", setup=lambda env: env.dot_file("severity = 3\n")),
    Stop("config-severity-level", (ROOT_ARG,), ("{pyproject}", "'tool.worker-lint.severity.schema'", "'loud'"), "must be one of 'error', 'warning', 'info'", setup=lambda env: env.pyproject('[tool.worker-lint.severity]\nschema = "loud"\n')),
    Stop("config-severity-unknown-rule", (ROOT_ARG,), ("{dotfile}", "'severity.nope'"), "run 'worker-lint rules' for the list", setup=lambda env: env.dot_file('[severity]\nnope = "error"\n')),
    Stop("config-per-file-ignores-not-a-table", (ROOT_ARG,), ("{dotfile}", "'per-file-ignores'"), "must be a table of glob = [rules]", setup=lambda env: env.dot_file("per-file-ignores = []\n")),
    Stop("config-per-file-ignores-string", (ROOT_ARG,), ("{dotfile}", "'per-file-ignores.'*.md''"), "must be a list of rule names", setup=lambda env: env.dot_file('[per-file-ignores]\n"*.md" = "schema"\n')),
    Stop("config-per-file-ignores-empty-glob", (ROOT_ARG,), ("{dotfile}", "'per-file-ignores.'#/scores''", "an empty glob"), "GLOB or GLOB#/json/pointer", setup=lambda env: env.dot_file('[per-file-ignores]\n"#/scores" = ["schema"]\n')),
    Stop("config-fail-level", (ROOT_ARG,), ("{dotfile}", "'fail-level'", "'fatal'"), "must be one of 'error', 'warning', 'info'", setup=lambda env: env.dot_file('fail-level = "fatal"\n')),
    Stop("config-fail-under-range", (ROOT_ARG,), ("{dotfile}", "'fail-under'", "a number (11)"), "must be a number from 0 to 10", setup=lambda env: env.dot_file("fail-under = 11\n")),
    Stop("config-fail-under-string", (ROOT_ARG,), ("{dotfile}", "'fail-under'", "a string ('7')"), "must be a number from 0 to 10", setup=lambda env: env.dot_file('fail-under = "7"\n')),
    Stop("config-exclude-string", (ROOT_ARG,), ("{dotfile}", "'exclude'"), "must be a list of glob patterns", setup=lambda env: env.dot_file('exclude = "x"\n')),
    Stop("config-exclude-empty-item", (ROOT_ARG,), ("{dotfile}", "'exclude'", "an item that is a string ('')"), "must be a list of glob patterns (not empty)", setup=lambda env: env.dot_file('exclude = [""]\n')),
    Stop("config-max-file-size-bool", (ROOT_ARG,), ("{dotfile}", "'max-file-size'", "a boolean (true)"), "must be a whole number of MiB, at least 1", setup=lambda env: env.dot_file("max-file-size = true\n")),
    Stop("config-max-file-size-zero", (ROOT_ARG,), ("{dotfile}", "'max-file-size'", "a number (0)"), "must be a whole number of MiB, at least 1", setup=lambda env: env.dot_file("max-file-size = 0\n")),
    Stop("config-max-json-depth", (ROOT_ARG,), ("{dotfile}", "'max-json-depth'", "a number (1000)"), "must be a whole number of levels from 1 to 500", setup=lambda env: env.dot_file("max-json-depth = 1000\n")),
    Stop("config-max-markdown-depth", (ROOT_ARG,), ("{pyproject}", "'tool.worker-lint.max-markdown-depth'", "a string ('5')"), "must be a whole number of levels from 1 to 100", setup=lambda env: env.pyproject('max-markdown-depth = "5"\n')),
    Stop("config-max-depth-near-miss", (ROOT_ARG,), ("{dotfile}", "'max-jsn-depth'"), "did you mean 'max-json-depth'?", setup=lambda env: env.dot_file("max-jsn-depth = 3\n")),
    Stop("config-follow-symlinks", (ROOT_ARG,), ("{dotfile}", "'follow-symlinks'", "a string ('yes')"), "must be true or false", setup=lambda env: env.dot_file('follow-symlinks = "yes"\n')),
    Stop("config-packs-string", (ROOT_ARG,), ("{dotfile}", "'packs'"), "must be a list of pack file paths", setup=lambda env: env.dot_file('packs = "dataeng.toml"\n')),
    Stop("config-packs-missing-file", (ROOT_ARG,), ("{dotfile}", "'packs'", "'packs/none.toml'", "{root}/packs/none.toml"), "pack paths are relative to this configuration file", setup=lambda env: env.dot_file('packs = ["packs/none.toml"]\n')),
    Stop("config-ignore-suppressions", (ROOT_ARG,), ("{dotfile}", "'ignore-suppressions'", "a string ('yes')"), "must be true or false", setup=lambda env: env.dot_file('ignore-suppressions = "yes"\n')),
    # Rule packs.
    Stop("pack-missing", (ROOT_ARG, "--pack", "{tmp}/none.toml"), ("{tmp}/none.toml: cannot read the pack",), "check the path given to --pack"),
    Stop("pack-unreadable", (ROOT_ARG, "--pack", "{notes}/pack.toml"), ("{notes}/pack.toml: cannot read the pack: Not a directory",), "check the path given to --pack"),
    Stop("pack-toml-syntax", (ROOT_ARG, "--pack", *DATAENG), ("{packs}/dataeng.toml:", ": not valid TOML"), "fix the TOML syntax there", setup=_bad_pack(lambda t: t.replace("digits = 3", "digits = 3 3"))),
    Stop("pack-not-utf8", (ROOT_ARG, "--pack", *DATAENG), ("{packs}/dataeng.toml:1:", "0xe9"), "save the file as UTF-8", setup=lambda env: env.pack().write_bytes(b"# caf\xe9\n")),
    Stop("pack-key-pattern", (ROOT_ARG, "--pack", *DATAENG), ("{packs}/dataeng.toml", "key issue_ids.prefix", "'dataeng'"), "the pack format is described by", setup=_bad_pack(lambda t: t.replace('prefix = "DATAENG"', 'prefix = "dataeng"'))),
    Stop("pack-key-missing", (ROOT_ARG, "--pack", *DATAENG), ("{packs}/dataeng.toml", "'notes_file' is a required property"), "pack.schema.json", setup=_bad_pack(lambda t: t.replace('notes_file = "dataeng_notes.md"\n', ""))),
    Stop("pack-key-unknown", (ROOT_ARG, "--pack", *DATAENG), ("{packs}/dataeng.toml", "'colour' was unexpected"), "pack.schema.json", setup=_bad_pack(lambda t: t.replace('worker = "dataeng"', 'worker = "dataeng"\ncolour = "blue"'))),
    Stop("pack-key-type", (ROOT_ARG, "--pack", *DATAENG), ("{packs}/dataeng.toml", "key statistics.1.count"), "pack.schema.json", setup=_bad_pack(lambda t: t.replace('count = ["/pipeline_findings"]\nwhere', 'count = "/pipeline_findings"\nwhere'))),
    Stop("pack-schema-missing", (ROOT_ARG, "--pack", *DATAENG), ("{packs}/dataeng.toml", "key schema", "'nowhere.json'"), "put the schema file beside the pack, or name a bundled one (analyzer_output.schema.json", setup=_bad_pack(lambda t: t.replace('"dataeng_output.schema.json"', '"nowhere.json"'))),
    Stop("pack-schema-not-json", (ROOT_ARG, "--pack", *DATAENG), ("{packs}/dataeng_output.schema.json:3:1: the schema is not valid JSON",), "fix the JSON there", setup=_schema('{\n  "type": "object",\n}\n')),
    Stop("pack-schema-not-a-schema", (ROOT_ARG, "--pack", *DATAENG), ("{packs}/dataeng_output.schema.json", "at /properties/a/type"), "write a JSON Schema (draft 2020-12)", setup=_schema('{"type": "object", "properties": {"a": {"type": 5}}}')),
    Stop("pack-schema-refers-outside", (ROOT_ARG, "--pack", *DATAENG), ("{packs}/dataeng_output.schema.json", "at /properties/a", "'other.json'"), "refer to it as '#/$defs/NAME'", setup=_schema('{"type": "object", "properties": {"a": {"$ref": "other.json"}}}')),
    Stop("pack-worker-twice", (ROOT_ARG, "--pack", *DATAENG, "--pack", "{packs}/second.toml"), ("{packs}/second.toml", "key worker", "'dataeng'", "{packs}/dataeng.toml"), "give one pack per worker", setup=_two_packs(lambda t: t)),
    Stop("pack-file-name-twice", (ROOT_ARG, "--pack", *DATAENG, "--pack", "{packs}/second.toml"), ("{packs}/second.toml", "key notes_file", "'dataeng_notes.md'", "worker 'dataeng'"), "give each worker file names of its own", setup=_two_packs(lambda t: t.replace('worker = "dataeng"', 'worker = "second"'))),
    Stop("pack-takes-a-bundled-file-name", (ROOT_ARG, "--pack", *DATAENG), ("{packs}/dataeng.toml", "key output_file", "'backend_output.json'", "worker 'backend'"), "give each worker file names of its own", setup=_bad_pack(lambda t: t.replace('"dataeng_output.json"', '"backend_output.json"'))),
    Stop("pack-in-configuration", (ROOT_ARG,), ("{packs}/dataeng.toml", "key issue_ids.prefix"), "the pack format is described by", setup=_pack_in_configuration),
]


def _format(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


@pytest.mark.parametrize("case", STOPS, ids=[c.id for c in STOPS])
def test_a_run_that_cannot_go_on_says_where_and_what_to_do(case: Stop, session: Session, tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    env = Env(session, scratch)
    if case.setup is not None:
        case.setup(env)
    values = env.values()
    args = [_format(a, values) for a in case.args]
    run = run_cli("check", *args, cwd=Path(_format(case.cwd, values)) if case.cwd else None)
    message = run.stderr
    assert run.exit_code == 2, (run.exit_code, message, run.stdout[-500:])
    assert "Traceback" not in message + run.stdout and "internal error" not in message
    if case.usage:
        assert "Usage: worker-lint check" in message and "\nError: " in message, message
    else:
        assert message.startswith("worker-lint: error: "), message
        assert message.count("\n") == 1, message  # one line
    for name in case.names:
        assert _format(name, values) in message, (name, message)
    assert _format(case.says, values) in message, message


# Commands other than check.

@pytest.mark.parametrize(
    "args,names,says",
    [
        (("explain", "absolute-pth"), ("unknown rule 'absolute-pth'",), "did you mean 'absolute-path'?"),
        (("explain", "nothing-like-it"), ("unknown rule 'nothing-like-it'",), "run 'worker-lint rules' for the list"),
        (("packs", "--pack", "/nonexistent/pack.toml"), ("/nonexistent/pack.toml: cannot read the pack",), "check the path given to --pack"),
        (("packs", "--config", "/nonexistent/c.toml"), ("/nonexistent/c.toml: no such configuration file",), "check the path given to --config"),
        (("rules", "--format", "xml"), ("'--format'", "'xml'"), "is not one of 'text', 'json', 'markdown'"),
    ],
)
def test_other_commands(args, names, says) -> None:
    run = run_cli(*args)
    assert run.exit_code == 2
    assert "Traceback" not in run.stderr + run.stdout
    for name in names:
        assert name in run.stderr, run.stderr
    assert says in run.stderr, run.stderr


def _read_only_file(session: Session) -> Path:
    session.output.chmod(0o444)
    return session.output


def _read_only_folder(session: Session) -> Path:
    session.output.parent.chmod(0o555)
    return session.output


def _linked_file(session: Session) -> Path:
    real = session.root / "backend_output.json"
    session.output.rename(real)
    session.output.symlink_to(real)
    return session.output


@pytest.mark.parametrize(
    "make,reason,says",
    [
        (_read_only_file, "the file is read-only", "make it writable (chmod u+w) and run --fix again"),
        (_read_only_folder, "its folder is read-only", "make the folder writable and run --fix again"),
        (_linked_file, "it is a symbolic link", "run --fix on the file it points to"),
    ],
    ids=["read-only-file", "read-only-folder", "link"],
)
def test_a_fix_that_cannot_be_written(session: Session, make, reason: str, says: str) -> None:
    session.edit_output('"total_api_endpoints": 4', '"total_api_endpoints": 5')
    path = make(session)
    try:
        run = run_cli("check", str(session.root), "--fix")
    finally:
        session.output.parent.chmod(0o755)
    assert run.exit_code == 2
    assert "Traceback" not in run.stderr + run.stdout
    assert f"worker-lint: error: {path}: not fixed: {reason}" in run.stderr, run.stderr
    assert "the file is unchanged" in run.stderr and says in run.stderr, run.stderr


# Problems in a deliverable: a finding with the file, the place and a hint.

@dataclass
class Bad:
    id: str
    which: str  # "notes" or "output"
    change: Callable[[Session], object]
    rule: str
    says: str  # in the message
    hint: str  # what to do
    place: tuple[int, int] = (1, 1)
    options: tuple[str, ...] = ()


def _write(which: str, data: bytes) -> Callable[[Session], object]:
    return lambda s: getattr(s, which).write_bytes(data)


def _replace_with_folder(which: str) -> Callable[[Session], object]:
    def change(session: Session) -> None:
        path = getattr(session, which)
        path.unlink()
        path.mkdir()

    return change


def _dangling(session: Session) -> None:
    session.notes.unlink()
    session.notes.symlink_to(session.notes.parent / "gone.md")


def _loop(session: Session) -> None:
    session.output.unlink()
    session.output.symlink_to(session.output)


def _link_out(session: Session) -> None:
    outside = session.root.parent / "elsewhere.json"
    session.output.rename(outside)
    session.output.symlink_to(outside)


def _suppress(comment: str, line: str = "All paths here are absolute.") -> Callable[[Session], object]:
    return lambda s: s.edit_notes("## Critical Issues Found\n", f"## Critical Issues Found\n{comment}\n{line}\n")


def _line_of(session: Session, text: str) -> int:
    return session.notes.read_text().splitlines().index(text) + 1


BADS = [
    Bad("notes-empty", "notes", _write("notes", b""), "file-empty", "the file is empty", "the worker must fill in the deliverable"),
    Bad("output-white-space", "output", _write("output", b" \n\t\n"), "file-empty", "only white space", "the worker must fill in the deliverable"),
    Bad("output-binary", "output", _write("output", b"{\x00}"), "file-unreadable", "binary file", "replace it with the worker's UTF-8 text file", (1, 2)),
    Bad("notes-utf16", "notes", _write("notes", "# Notes\n".encode("utf-16")), "file-unreadable", "UTF-16", "save the file as UTF-8"),
    Bad("notes-not-utf8", "notes", _write("notes", b"# Notes\n\nCaf\xe9\n"), "file-unreadable", "invalid UTF-8", "save the file as UTF-8", (3, 4)),
    Bad("output-not-utf8", "output", _write("output", b'{\n  "a": "caf\xe9"\n}\n'), "json-syntax", "invalid UTF-8", "save the file as UTF-8", (2, 12)),
    Bad("output-trailing-comma", "output", _write("output", b'{\n  "a": 1,\n}\n'), "json-syntax", "trailing comma before '}'", "no trailing commas", (2, 9)),
    Bad("output-nan", "output", _write("output", b'{"a": NaN}'), "json-syntax", "NaN", "write strict JSON", (1, 7)),
    Bad("output-folder", "output", _replace_with_folder("output"), "file-unreadable", "a folder stands where the deliverable file belongs", "replace the folder with the worker's file"),
    Bad("notes-dangling-link", "notes", _dangling, "file-unreadable", "a link to a file that does not exist", "point the link at the deliverable"),
    Bad("output-link-loop", "output", _loop, "file-unreadable", "a loop of symbolic links", "replace the link with the deliverable file"),
    Bad("output-link-out-of-the-folder", "output", _link_out, "file-unreadable", "a symbolic link leads out of", "pass --follow-symlinks (follow-symlinks in the configuration)"),
    Bad("output-too-large", "output", lambda s: s.output.write_text('{"a": "' + "x" * (1024 * 1024 + 10) + '"}'), "file-unreadable", "over the 1 MiB limit", "raise --max-file-size", options=("--max-file-size", "1")),
    Bad("output-too-deep", "output", _write("output", b'{"a": {"b": {"c": {"d": 1}}}}'), "file-unreadable", "nested deeper than the limit of 3 levels", "raise --max-json-depth (max-json-depth in the configuration)", (1, 19), ("--max-json-depth", "3")),
    Bad("notes-too-deep", "notes", _write("notes", b"# Notes\n\n- a\n  - b\n    - c\n      - d\n"), "file-unreadable", "nested deeper than the limit of 2 levels", "raise --max-markdown-depth (max-markdown-depth in the configuration)", (5, 1), ("--max-markdown-depth", "2")),
    Bad("output-missing", "output", lambda s: s.output.unlink(), "deliverable-missing", "backend_output.json is missing", "from the worker's template"),
    Bad("suppression-unknown-rule", "notes", _suppress("<!-- worker-lint-disable-next-line absolute-pth -->"), "unused-suppression", "names unknown rule 'absolute-pth' (did you mean 'absolute-path'?)", "remove the comment"),
    Bad("suppression-unused", "notes", _suppress("<!-- worker-lint-disable-next-line absolute-path -->"), "unused-suppression", "suppresses nothing", "remove the comment"),
]


@pytest.mark.parametrize("case", BADS, ids=[c.id for c in BADS])
def test_a_deliverable_problem_is_a_finding_with_file_place_and_hint(case: Bad, session: Session) -> None:
    case.change(session)
    path = getattr(session, case.which)
    run = lint_json(session.root, extra=("--fail-level", "warning", *case.options))
    assert run.exit_code == 1
    assert "Traceback" not in run.stdout + run.stderr
    [finding] = [f for f in run.findings if f["rule"] == case.rule]
    assert Path(finding["file"]) == path
    place = case.place
    if case.rule == "unused-suppression":
        place = (_line_of(session, next(line for line in session.notes.read_text().splitlines() if "worker-lint-" in line)), 1)
    assert (finding["line"], finding["column"]) == place
    assert case.says in finding["message"], finding
    assert case.hint in finding["hint"], finding
    text = run_cli("check", str(session.root), "--fail-level", "warning", *case.options).stdout
    assert str(path) in text and case.hint in text  # the text report shows both
