"""A deliverable's evidence, checked once and shared by the reference and snippet rules."""

from __future__ import annotations

import bisect
import functools
import re
from pathlib import Path
from typing import NamedTuple, TYPE_CHECKING

from lint.analysis.evidence import (
    Cited, Reference, cited_in_lines, found_near, in_text, line_entries_walked, lines_starting, looked_up, may_cite, quoted_lines,
)
from lint.analysis.file_references import find_references
from lint.analysis.source_files import Looked, SourceFiles, SourceRoot, resolved_folder
from lint.documents.jsondoc import escape_pointer_token
from lint.fspath import absolute
from lint.patterns import lazy_pattern

if TYPE_CHECKING:
    from lint.analysis.deliverable import Deliverable

# The line before a fenced block that quotes code from a file, unless it says the block is a change.
_CHANGE_WORDS = lazy_pattern(r"\b(?:fix|fixed|remediation|should|add|replace|replacement|change|proposed?|suggest(?:ed)?|recommend(?:ed)?|after|instead|"
                           r"becomes|patch|diff|example|then|like|use|would|could|target|sketch)\b", re.I)
_NOT_QUOTED_LANGUAGES = frozenset({"diff", "patch", "udiff"})
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADER = re.compile(r"^\s*(?:#|//|--|/\*|<!--)\s*")

_SHARED: dict[int, SourceFiles] = {}


def shared_files(max_bytes: int) -> SourceFiles:
    """One reader per process and size limit: each cited file is read once however many cite it."""
    if max_bytes not in _SHARED:
        _SHARED[max_bytes] = SourceFiles(max_bytes)
    return _SHARED[max_bytes]


class LineEntry(NamedTuple):
    """A JSON entry's file and its separate line number."""

    pointer: str  # of the line number
    reference: Reference
    line: int


class Quote(NamedTuple):
    """Code quoted from a cited place, and how much of it is found there."""

    reference: Reference
    found: int
    total: int
    line: int | None = None  # the block's first line, in the notes
    pointer: str | None = None  # the quoting value, in the output JSON


MAPPING_HINT = "map the prefix the deliverables cite to the codebase with --source-root PREFIX=DIR (source-roots in the configuration)"


class EvidenceFacts:
    """What one deliverable's evidence gave, filled in as it is checked."""

    __slots__ = ("references", "line_entries", "quotes", "unmapped", "consulted")

    def __init__(self) -> None:
        self.references: list[Reference] = []
        self.line_entries: list[LineEntry] = []
        self.quotes: list[Quote] = []
        self.unmapped: list[tuple[Path, int, int, str | None, str]] = []  # absolute references under no root
        self.consulted: dict[str, str] = {}  # source file -> stamp

    @property
    def unchecked_example(self) -> str | None:
        """An absolute reference, when the deliverable cites some and none could be checked."""
        if self.references or self.line_entries or not self.unmapped:
            return None
        return self.unmapped[0][4]


def source_roots(deliverable: Deliverable, mapped: tuple[tuple[str, Path], ...]) -> tuple[SourceRoot, ...]:
    """The mapped prefixes, and the project the session belongs to (as named and as resolved)."""
    roots = [SourceRoot(prefix.rstrip("/\\") or prefix, resolved_folder(folder)) for prefix, folder in mapped]
    session = deliverable.unit.session_dir
    if session is not None and not deliverable.unit.in_memory:
        named = absolute(session)
        if named.parent.name == "sessions" and named.parent.parent.name == "hive-mind" and named.parent.parent.parent.name == "Docs":
            project = named.parent.parent.parent.parent
            real = resolved_folder(project)
            for prefix in dict.fromkeys((str(project), str(real))):
                if prefix != "/" and not any(r.prefix == prefix for r in roots):
                    roots.append(SourceRoot(prefix, real))
    return tuple(sorted(roots, key=lambda r: len(r.prefix), reverse=True))


def collect(deliverable: Deliverable, roots: tuple[SourceRoot, ...], max_bytes: int) -> EvidenceFacts:
    files = shared_files(max_bytes)
    facts = EvidenceFacts()
    before = dict(files.consulted)
    files.start()
    try:
        # Most deliverables cite a root in a few lines if at all: one test of the whole file first.
        if deliverable.notes is not None and may_cite(deliverable.notes.text, roots):
            _notes(deliverable, roots, files, facts)
        if deliverable.output is not None and may_cite(deliverable.output.text, roots, raw_json=True):
            _output(deliverable, roots, files, facts)
        if not facts.references and not facts.line_entries:
            facts.unmapped = _unmapped(deliverable)  # looked for only when nothing could be checked
        facts.consulted = dict(files.consulted)
    finally:
        files.consulted.clear()
        files.consulted.update(before)
    return facts


def _notes(d: Deliverable, roots: tuple[SourceRoot, ...], files: SourceFiles, facts: EvidenceFacts) -> None:
    notes = d.notes
    assert notes is not None
    by_line: dict[int, list[Reference]] = {}
    lines, code = notes.lines, notes.code_lines
    found, holding = cited_in_lines(notes.text, lines, roots, code)  # fenced code is not read: it may be proposed code
    headings: list[int] = []  # found when a reference's section is first asked for

    def heading(number: int) -> str:
        """The section's heading: the last line above opening with "#", outside code."""
        if not headings:
            headings.extend(n for n in lines_starting(notes.text, "#", found[-1][0]) if n not in code)
            headings.append(len(lines) + 1)  # past the last: the list is never empty again
        at = bisect.bisect_right(headings, number)
        return lines[headings[at - 1] - 1] if at else ""

    for number, cited in found:
        if not cited.glob:
            looked, proposed = looked_up(cited, lines[number - 1], files, functools.partial(heading, number))
            reference = _new_reference(Reference, (cited, looked, number, cited.start + 1, None, proposed))
            facts.references.append(reference)
            by_line.setdefault(number, []).append(reference)
    _notes_quotes(d, roots, files, facts, by_line, holding)


_new_reference = tuple.__new__  # Reference(cited, looked, line=..., column=..., proposed=...), its fields given at once


def _unmapped(d: Deliverable) -> list[tuple[Path, int, int, str | None, str]]:
    """The absolute file references of the deliverable (none of them under a known root)."""
    found: list[tuple[Path, int, int, str | None, str]] = []
    if d.notes is not None:
        for number, text in enumerate(d.notes.lines, start=1):
            if number not in d.notes.code_lines and "/" in text:
                found.extend((d.notes_path, number, ref.start + 1, None, ref.path) for ref in find_references(text) if ref.is_absolute)
                if found:
                    return found
    for pointer, text, _key in d.output_strings:
        if "/" in text:
            found.extend((d.output_path, 0, 0, pointer, ref.path) for ref in find_references(text) if ref.is_absolute)
            if found:
                return found
    return found


def _fenced_blocks(lines: list[str], code_lines: frozenset[int]) -> list[tuple[int, int]]:
    """(first content line, last content line) of each fenced block at the top level."""
    blocks, passed = [], 0  # the last line of the last block (or its closing fence)
    # A block opens on a fence line followed by code: only a line just before a code line can.
    for number in sorted(code_lines):
        number -= 1
        if number <= passed or number > len(lines):  # inside the last block, or past the notes' end
            continue
        opening = _FENCE.match(lines[number - 1])
        if opening:
            marker = opening.group(1)  # a run of one character: what a closing line starts with
            close = number + 1
            while close <= len(lines) and not lines[close - 1].strip().startswith(marker):
                close += 1
            blocks.append((number + 1, close - 1))
            passed = close
    return blocks


def _notes_quotes(d: Deliverable, roots: tuple[SourceRoot, ...], files: SourceFiles, facts: EvidenceFacts,
                  by_line: dict[int, list[Reference]], holding: list[int]) -> None:
    """Fenced blocks that say they quote a cited place: right after a line citing it (not a change),
    or opened by a comment naming it (``# /srv/app/x.py:12``): only a block with a line of
    ``holding`` (the lines where a reference starts, fenced code included) can be."""
    notes = d.notes
    assert notes is not None
    for first, last in _fenced_blocks(notes.lines, notes.code_lines):
        at = bisect.bisect_left(holding, first)
        segments = _segments(notes.lines, first, last, roots, files) if at < len(holding) and holding[at] <= last else []
        if segments:
            for reference, start, end in segments:
                _quote(facts, [reference], notes.lines[start - 1 : end], start)
            continue
        before = first - 2  # the fence is first - 1
        while before >= 1 and not notes.lines[before - 1].strip():
            before -= 1
        if before < 1 or first - 1 - before > 2:
            continue
        cited = [r for r in by_line.get(before, []) if r.cited.ranges and r.looked.kind == "file"]
        language = notes.lines[first - 2].strip().lstrip("`~").strip().split(" ")[0].lower()
        if cited and language not in _NOT_QUOTED_LANGUAGES and not _CHANGE_WORDS.search(_without_references(notes.lines[before - 1], by_line[before])):
            _quote(facts, cited, notes.lines[first - 1 : last], first)


def _without_references(text: str, references: list[Reference]) -> str:
    """The line's words, its cited paths left out: "example-app" in a path says nothing of the block."""
    for reference in sorted(references, key=lambda r: r.cited.start, reverse=True):
        text = text[: reference.cited.start] + " " + text[reference.cited.suffix_end :]
    return text


def _segments(lines: list[str], first: int, last: int, roots: tuple[SourceRoot, ...], files: SourceFiles) -> list[tuple[Reference, int, int]]:
    """Parts of a block each opened by a comment line naming a cited place with a line."""
    heads: list[tuple[int, Reference]] = []
    for number in range(first, last + 1):
        text = lines[number - 1]
        header = _HEADER.match(text)
        if header is None:
            continue
        found = in_text(text, roots, files) if roots else []
        if found and found[0][0].start == header.end() and found[0][0].ranges and found[0][1].kind == "file":
            cited, looked, _ = found[0]
            heads.append((number, Reference(cited, looked, line=number, column=cited.start + 1)))
    segments = []
    for index, (number, reference) in enumerate(heads):
        end = heads[index + 1][0] - 1 if index + 1 < len(heads) else last
        if end > number:
            segments.append((reference, number + 1, end))
    return segments


def _quote(facts: EvidenceFacts, references: list[Reference], code: list[str], first: int | None, pointer: str | None = None) -> None:
    quoted = quoted_lines("\n".join(code))
    if not quoted:
        return
    found, total = found_near(quoted, [(r.looked.lines or (), r.cited.ranges) for r in references])
    facts.quotes.append(Quote(references[0], found, total, first, pointer))


def _output(d: Deliverable, roots: tuple[SourceRoot, ...], files: SourceFiles, facts: EvidenceFacts) -> None:
    read: dict[str, list[tuple[Cited, Looked, bool]]] = {}  # each string's references, read once
    for pointer, text, _key in d.output_strings:
        if roots and "/" in text:
            found = read[pointer] = in_text(text, roots, files, pointer)
            for cited, looked, proposed in found:
                facts.references.append(_new_reference(Reference, (cited, looked, None, 1, pointer, proposed)))
    if not roots or d.output is None:
        return
    snippet_keys = d.pack.quoted_code
    for pointer, entry, file_key, line_key in line_entries_walked(d.output.value, d.output_strings, d.output_under_code_keys, d.pack.code_keys):
        named = read.get(f"{pointer}/{escape_pointer_token(file_key)}")
        if named is None:  # a string not read above (one in a code key, or with no slash)
            named = in_text(entry[file_key], roots, files)
        if len(named) != 1:
            continue  # the value names no single file
        cited, looked, _ = named[0]
        reference = Reference(cited, looked, pointer=f"{pointer}/{file_key}")
        line = int(entry[line_key]) if line_key is not None else None
        if line_key is not None and line is not None and not cited.ranges:  # a line written in the path is checked with it
            facts.line_entries.append(LineEntry(f"{pointer}/{line_key}", reference, line))
        place = cited.ranges[0][0] if cited.ranges else line
        for code_key in snippet_keys:
            code = entry.get(code_key)
            if isinstance(code, str) and looked.kind == "file" and place is not None and 1 <= place <= looked.count:
                with_line = Reference(Cited(cited.root, cited.path, cited.start, cited.end, cited.end, ((place, place),)), looked,
                                      pointer=reference.pointer)
                _quote(facts, [with_line], code.splitlines(), None, f"{pointer}/{code_key}")


__all__ = ["Cited", "EvidenceFacts", "LineEntry", "Quote", "collect", "shared_files", "source_roots"]
