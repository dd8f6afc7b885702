"""Facts about the notes that several rules read: sections, summary labels, instructions, ids.

Kept apart from the rules so that each is computed once and every rule sees
the same reading of the file.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import NamedTuple, TYPE_CHECKING

from lint.packs import Pack

if TYPE_CHECKING:  # the parser (mistune) is loaded only when notes are parsed
    from lint.documents.markdown import MarkdownDocument, Section
    from lint.analysis.issue_ids import IdMention


_LABEL_LINE = re.compile(r"^\s*(?:[-*+]\s+)?\*\*(?P<label>[^*]+?)(?::)?\*\*\s*:?[ \t]*(?P<value>.*)")
_SCORE = re.compile(r"^(?P<number>[-+]?\d{1,6}(?:\.\d{1,17})?)\s*/\s*10(?![\d.])")  # as many decimals as a JSON float shows
_INTEGER = re.compile(r"^(?P<number>[-+]?\d{1,3}(?:,\d{3})+|[-+]?\d{1,15})(?![\d.,])")
_INSTRUCTION = re.compile(r"^\s*(?:>\s*)*(?:[-*+]\s+)?[*_]\s*(?:REQUIRED|MANDATORY)\b")
# A line in italics, and nothing else, that tells the worker what to do: "*Analyze how the
# technologies fit the existing ecosystem*". Real notes do not address the writer.
_DIRECTIVE = re.compile(
    r"^\s*([*_])(?![*_])\s*(?:Analy[sz]e|Examine|Identify|Define|Recommend|Rank|Prepare|Focus|Evaluate|Document|Assess|"
    r"Align|Consider|Review|Describe|Summari[sz]e|Outline|Explain|Provide|Include|List|Ensure|Verify)"
    r"(?:[ \t]+[^*_\s]+){3,}[ \t]*\1\s*$"
)


_OPENERS = frozenset("*_>-+")  # what a line either pattern matches starts with, after white space


class LabelLine(NamedTuple):
    """A ``- **Label**: value`` line: where it is and where its value starts."""

    label: str
    value: str
    line: int
    value_column: int

    def score(self) -> float | None:
        match = _SCORE.match(self.value)
        return float(match.group("number")) if match else None

    def score_span(self) -> tuple[int, int] | None:
        """Where the score's number lies within the value (0-based, end exclusive)."""
        match = _SCORE.match(self.value)
        return match.span("number") if match else None

    def integer(self) -> int | None:
        match = _INTEGER.match(self.value)
        return int(match.group("number").replace(",", "")) if match else None


class NotesFacts:
    """What the rules read from the notes, beyond raw lines."""

    def __init__(self, doc: MarkdownDocument, pack: Pack) -> None:
        self.doc = doc
        self.pack = pack

    def find_section(self, title: str) -> Section | None:
        wanted = title.casefold()
        for section in self.doc.iter_sections():
            if section.heading.title.casefold() == wanted:
                return section
        return None

    @cached_property
    def instruction_spans(self) -> list[tuple[int, int]]:
        """Template instruction paragraphs: ``*REQUIRED: ...`` up to the closing ``*``, and
        lines in italics that tell the worker what to do."""
        spans = []
        prose = self.doc.prose
        number, total = 0, len(prose)
        while number < total:
            text = prose[number]
            head = text[:1]
            if head not in _OPENERS and not head.isspace():  # neither pattern can match: most lines
                number += 1
                continue
            if _DIRECTIVE.match(text):
                spans.append((number + 1, number + 1))
            elif _INSTRUCTION.match(text):
                start = number
                while not _closes_italic(prose[number], first=number == start) and number + 1 < total:
                    following = prose[number + 1]
                    if not following.strip() or following.lstrip().startswith("#"):
                        break
                    number += 1
                spans.append((start + 1, number + 1))
            number += 1
        return spans

    @cached_property
    def instruction_lines(self) -> frozenset[int]:
        return frozenset(n for start, end in self.instruction_spans for n in range(start, end + 1))

    @cached_property
    def summary_lines(self) -> dict[str, LabelLine]:
        """The Executive Summary's label lines, by case-folded label."""
        section = self.find_section(self.pack.summary_section)
        found: dict[str, LabelLine] = {}
        if section is None:
            return found
        prose = self.doc.prose
        for number in range(section.heading.end_line + 1, section.end_line + 1):
            match = _LABEL_LINE.match(prose[number - 1])
            if match:
                label = " ".join(match.group("label").split()).casefold()
                found.setdefault(label, LabelLine(match.group("label").strip(), match.group("value").rstrip(), number, match.start("value") + 1))
        return found

    @cached_property
    def id_mentions(self):
        """Every mention of the worker's issue ids in prose, instructions left out."""
        from lint.analysis.issue_ids import mentions

        return mentions(self.prose_lines(), {h.line for h in self.doc.headings}, self.pack.issue_ids)

    @cached_property
    def line_references(self) -> dict[int, list]:
        """The file references of each line of prose that has any, found once for every rule."""
        from lint.analysis.file_references import find_references

        found = {}
        for number, text in self.prose_lines():
            refs = find_references(text)
            if refs:
                found[number] = refs
        return found

    @cached_property
    def issue_openers(self):
        """The id mentions that open an entry (a heading, or a line's leading bold text)."""
        from lint.analysis.issue_conflicts import openers

        return openers(self._prose_without_instructions, self.id_mentions)

    @cached_property
    def repeated_issue_entries(self):
        """The entries of ids that open two or more, with what each says the issue is: what
        issue-id-format compares (an id that opens one entry has nothing to conflict with)."""
        from lint.analysis.issue_conflicts import entries

        prose = self.doc.prose

        def absolute_paths(number: int) -> list[tuple[str, str]]:
            text = prose[number - 1]
            return [(ref.path, text[ref.end : ref.end + 16]) for ref in self.line_references.get(number, ()) if ref.is_absolute]

        return entries(self.doc, self._prose_without_instructions, self.issue_openers, absolute_paths, repeated_only=True)

    @cached_property
    def defined_ids(self) -> dict[str, IdMention]:
        """Each id defined in the notes, at its first definition."""
        found: dict = {}
        for mention in self.id_mentions:
            if mention.defines and not mention.problem:
                found.setdefault(mention.ident, mention)
        return found

    @cached_property
    def _prose_without_instructions(self) -> list[str]:
        skip = self.instruction_lines
        if not skip:
            return self.doc.prose
        return [("" if (index + 1) in skip else text) for index, text in enumerate(self.doc.prose)]

    def prose_lines(self) -> list[tuple[int, str]]:
        """(line number, text) for every line of prose that is not an instruction (worked out once:
        several rules read them all)."""
        return self._prose_lines

    @cached_property
    def _prose_lines(self) -> list[tuple[int, str]]:
        skip = self.instruction_lines
        if not skip:
            return [(index, text) for index, text in enumerate(self.doc.prose, 1) if text]
        return [(index, text) for index, text in enumerate(self.doc.prose, 1) if text and index not in skip]


def _closes_italic(text: str, first: bool) -> bool:
    stripped = text.rstrip()
    if first:
        body = stripped.lstrip(" -+").lstrip()
        return len(body) > 1 and stripped.endswith("*") and not stripped.endswith("**")
    return stripped.endswith("*") and not stripped.endswith("**")
