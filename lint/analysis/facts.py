"""Facts about a deliverable that several rules read.

Kept apart from the rules so that each is computed once and every rule sees
the same reading of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterator

from lint.documents.jsondoc import join_pointer
from lint.packs import Pack
from lint.packs.quick_schema import is_valid

if TYPE_CHECKING:  # the parser (mistune) is loaded only when notes are parsed
    from lint.documents.markdown import MarkdownDocument, Section
    from lint.analysis.issue_ids import IdMention

_MISSING = object()


def resolve(value: Any, pointer: str, default: Any = None) -> Any:
    """The value at a JSON pointer, or ``default``."""
    if pointer == "":
        return value
    for raw in pointer.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            return default
    return value


def iter_strings(value: Any, skip_keys: frozenset[str] = frozenset()) -> Iterator[tuple[str, str, str | None]]:
    """(pointer, string, key) for every string in the value, keys skipped as asked."""
    stack: list[tuple[str, Any, str | None]] = [("", value, None)]
    while stack:
        pointer, item, key = stack.pop()
        if isinstance(item, str):
            yield pointer, item, key
        elif isinstance(item, dict):
            for child_key, child in reversed(list(item.items())):
                if child_key not in skip_keys:
                    stack.append((join_pointer(pointer, child_key), child, child_key))
        elif isinstance(item, list):
            for index in range(len(item) - 1, -1, -1):
                stack.append((f"{pointer}/{index}", item[index], key))


def iter_pattern(value: Any, pattern: str) -> Iterator[tuple[str, Any]]:
    """(pointer, value) for each place matching a pointer pattern; ``*`` is any index or key."""
    current: list[tuple[str, Any]] = [("", value)]
    for raw in pattern.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        following = []
        for pointer, item in current:
            if token == "*":
                if isinstance(item, list):
                    following.extend((join_pointer(pointer, i), v) for i, v in enumerate(item))
                elif isinstance(item, dict):
                    following.extend((join_pointer(pointer, k), v) for k, v in item.items())
            elif isinstance(item, dict) and token in item:
                following.append((join_pointer(pointer, token), item[token]))
            elif isinstance(item, list) and token.isdigit() and int(token) < len(item):
                following.append((join_pointer(pointer, token), item[int(token)]))
        current = following
    return iter(current)


def iter_array_entries(value: Any) -> Iterator[tuple[str, dict]]:
    """(pointer, object) for every object that is an element of an array."""
    stack: list[tuple[str, Any, bool]] = [("", value, False)]
    while stack:
        pointer, item, in_array = stack.pop()
        if isinstance(item, dict):
            if in_array:
                yield pointer, item
            for key, child in item.items():
                stack.append((join_pointer(pointer, key), child, False))
        elif isinstance(item, list):
            for index, child in enumerate(item):
                stack.append((join_pointer(pointer, index), child, True))


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def short(value: Any, limit: int = 40) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Schema errors ----------------------------------------------------------------

_PIPE_PART = re.compile(r"^[A-Za-z0-9][\w.\-]*(?: [\w.\-]+){0,2}$")


def pipe_choices(value: str) -> list[str] | None:
    """The alternatives in a value such as ``GET|POST|PUT``, or None."""
    if "|" not in value or len(value) > 300:
        return None
    parts = value.split("|")
    if len(parts) < 2 or not all(_PIPE_PART.match(p) for p in parts):
        return None
    return parts


@dataclass(frozen=True)
class SchemaError:
    rule: str
    pointer: str
    message: str
    hint: str
    at_key: bool = False
    replacement: Any = None  # a safe corrected value, when there is one


def schema_errors(value: Any, schema: dict) -> list[SchemaError]:
    if is_valid(value, schema):
        return []
    import jsonschema  # only when there is something to report: it is slow to import

    validator = jsonschema.Draft202012Validator(schema)
    found = []
    for error in validator.iter_errors(value):
        converted = _convert(error)
        if converted is not None:
            found.append(converted)
    return sorted(found, key=lambda e: e.pointer)


def _readable(path) -> str:
    """``api_specifications[0].method``: how a person names a place in the JSON."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text.rsplit(".", 1)[-1] if not isinstance(list(path)[-1], int) else text


def _pointer_of(error) -> str:
    pointer = ""
    for part in error.absolute_path:
        pointer = join_pointer(pointer, part)
    return pointer


def _convert(error) -> SchemaError | None:
    sub = error.schema if isinstance(error.schema, dict) else {}
    rule = sub.get("x-rule", "schema")
    pointer = _pointer_of(error)
    name = _readable(error.absolute_path) if pointer else "the document"
    kind, instance, expected = error.validator, error.instance, error.validator_value
    hint = sub.get("x-hint", "")
    if kind == "enum" and isinstance(instance, str):
        choices = pipe_choices(instance)
        if choices and all(c in expected for c in choices):
            return SchemaError(
                "template-placeholder",
                pointer,
                f"the value still lists the template's choices ({instance})",
                "keep the one value that applies",
            )
        allowed = ", ".join(str(v) for v in expected)
        lowered = [v for v in expected if isinstance(v, str) and v.lower() == instance.strip().lower()]
        if not hint:
            hint = f"write '{lowered[0]}'" if lowered else f"use one of: {allowed}"
        return SchemaError(rule, pointer, f"{name} is {short(instance)}, not one of {allowed}", hint, replacement=lowered[0] if lowered else None)
    if rule == "score-range":
        if isinstance(instance, (int, float)) and not isinstance(instance, bool):
            message = f"score {name} is {instance}, outside 0 to 10"
        else:
            message = f"score {name} is {json_type(instance)} ({short(instance)}), not a number"
        return SchemaError(rule, pointer, message, hint or "write a number from 0 to 10, such as 7 or 6.5")
    if kind == "required":
        missing = next((k for k in expected if isinstance(instance, dict) and k not in instance), "?")
        where = f"'{name}'" if pointer else "the top level"
        return SchemaError(rule, pointer, f"required key '{missing}' is missing from {where}", hint or f"add '{missing}'")
    if kind == "type":
        wanted = expected if isinstance(expected, str) else " or ".join(expected)
        if not pointer:
            return SchemaError(rule, pointer, f"the output must be a JSON {wanted} at the top level, found {json_type(instance)}", hint or "start from the worker's output template")
        return SchemaError(rule, pointer, f"{name} must be of type {wanted}, found {json_type(instance)} ({short(instance)})", hint or f"write {name} as a JSON {wanted}")
    if kind == "const":
        return SchemaError(rule, pointer, f"{name} is {short(instance)}, expected {short(expected)}", hint or f"set it to {short(expected)}")
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "above", "exclusiveMaximum": "below"}[kind]
        return SchemaError(rule, pointer, f"{name} is {short(instance)}; it must be {bound} {expected}", hint or "fix the value")
    if kind == "minLength" and expected == 1:
        return SchemaError(rule, pointer, f"{name} is an empty string", hint or f"fill in {name}")
    if kind == "pattern":
        if isinstance(instance, str) and pipe_choices(instance):
            return SchemaError("template-placeholder", pointer, f"the value still lists the template's choices ({instance})",
                               "keep the one value that applies")
        return SchemaError(rule, pointer, f"{name} {short(instance)} is not in the expected form", hint or f"match the pattern {expected}")
    return SchemaError(rule, pointer, f"{name}: {error.message}", hint)


# Notes facts ------------------------------------------------------------------

_LABEL_LINE = re.compile(r"^\s*(?:[-*+]\s+)?\*\*(?P<label>[^*]+?)(?::)?\*\*\s*:?[ \t]*(?P<value>.*)")
_SCORE = re.compile(r"^(?P<number>[-+]?\d{1,6}(?:\.\d{1,6})?)\s*/\s*10(?![\d.])")
_INTEGER = re.compile(r"^(?P<number>[-+]?\d{1,3}(?:,\d{3})+|[-+]?\d{1,15})(?![\d.,])")
_INSTRUCTION = re.compile(r"^\s*(?:>\s*)*(?:[-*+]\s+)?[*_]\s*(?:REQUIRED|MANDATORY)\b")
# A line in italics, and nothing else, that tells the worker what to do: "*Analyze how the
# technologies fit the existing ecosystem*". Real notes do not address the writer.
_DIRECTIVE = re.compile(
    r"^\s*([*_])(?![*_])\s*(?:Analy[sz]e|Examine|Identify|Define|Recommend|Rank|Prepare|Focus|Evaluate|Document|Assess|"
    r"Align|Consider|Review|Describe|Summari[sz]e|Outline|Explain|Provide|Include|List|Ensure|Verify)"
    r"(?:[ \t]+[^*_\s]+){3,}[ \t]*\1\s*$"
)


@dataclass(frozen=True)
class LabelLine:
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
    def issue_entries(self):
        """Every place that defines an id, with what it says the issue is."""
        from lint.analysis.issue_conflicts import entries

        prose = self.doc.prose

        def absolute_paths(number: int) -> list[tuple[str, str]]:
            text = prose[number - 1]
            return [(ref.path, text[ref.end : ref.end + 16]) for ref in self.line_references.get(number, ()) if ref.is_absolute]

        return entries(self.doc, self._prose_without_instructions, self.id_mentions, absolute_paths)

    @cached_property
    def defined_ids(self) -> dict[str, "IdMention"]:
        """Each id defined in the notes, at its first definition."""
        found: dict = {}
        for mention in self.id_mentions:
            if mention.defines and not mention.problem:
                found.setdefault(mention.ident, mention)
        return found

    @cached_property
    def _prose_without_instructions(self) -> list[str]:
        skip = self.instruction_lines
        return [("" if (index + 1) in skip else text) for index, text in enumerate(self.doc.prose)]

    def prose_lines(self) -> Iterator[tuple[int, str]]:
        """(line number, text) for every line of prose that is not an instruction."""
        skip = self.instruction_lines
        for index, text in enumerate(self.doc.prose):
            if text and (index + 1) not in skip:
                yield index + 1, text


def _closes_italic(text: str, first: bool) -> bool:
    stripped = text.rstrip()
    if first:
        body = stripped.lstrip(" -+").lstrip()
        return len(body) > 1 and stripped.endswith("*") and not stripped.endswith("**")
    return stripped.endswith("*") and not stripped.endswith("**")
