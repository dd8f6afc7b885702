"""Finding file references in text and telling whether they are absolute.

A file reference is a path with a folder part and a file name with an
extension, optionally followed by ``:line``. URLs, API routes (no extension),
folders (no extension), message topics (no slash) and bare file names are
not file references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lint.documents.markdown import INLINE_CODE

_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://\S+|\bwww\.\S+|\bmailto:\S+")
_NAME = r"[\w.@+-]*\.[A-Za-z][A-Za-z0-9]{0,7}"
_REFERENCE = re.compile(
    r"(?<![\w/\\.:~@$%+-])"
    r"(?P<path>(?:[A-Za-z]:[\\/]|\\\\|/|\.{1,2}[\\/])?(?:[\w.@+-]+[\\/])+" + _NAME + r")"
    r"(?::\d+(?:[-:]\d+)?)?"
    r"(?![\w/\\+@-])"
)
_WHOLE_PATH = re.compile(
    r"^(?P<path>(?:[A-Za-z]:[\\/]|\\\\|/|\.{1,2}[\\/])?(?:[^\\/:*?\"'<>|=;{}$\n]+[\\/])+"
    r"[^\\/:*?\"'<>|=;{}$\n]*\.[A-Za-z][A-Za-z0-9]{0,7})(?::\d+(?:[-:]\d+)?)?$"
)
_FENCED = re.compile(r"(```|~~~).*?(\1|$)", re.S)
_DOTTED_FOLDER = re.compile(r"^[A-Za-z][\w-]*\.[A-Za-z]+$")
# Product names written like files: "TypeScript/Node.js", "Vue.js/Nuxt.js".
_JS_PRODUCT = re.compile(
    r"^(?:node|deno|vue|nuxt|next|express|react|angular|ember|backbone|three|d3|chart|nest|"
    r"svelte|solid|alpine|socket|moment|knockout|meteor|sails|koa|hapi|fastify|electron|p5|"
    r"pixi|babylon|anime|lodash|underscore|jquery)\.js$",
    re.I,
)


@dataclass(frozen=True)
class FileReference:
    start: int
    end: int
    path: str

    @property
    def is_absolute(self) -> bool:
        return is_absolute(self.path)


def is_absolute(path: str) -> bool:
    return path.startswith(("/", "\\\\")) or bool(re.match(r"^[A-Za-z]:[\\/]", path))


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _looks_like_prose(path: str) -> bool:
    """``Node.js/Express.js``, ``TypeScript/Node.js``: product names joined by a slash."""
    if is_absolute(path) or path.startswith("."):
        return False
    parts = re.split(r"[\\/]", path)
    if len(parts) == 2 and parts[0][:1].isupper() and _JS_PRODUCT.match(parts[1]):
        return True
    return any(_DOTTED_FOLDER.match(part) for part in parts[:-1])


def find_references(text: str) -> list[FileReference]:
    """File references in a line or string of prose, inline code included."""
    if "/" not in text and "\\" not in text:
        return []
    found: list[FileReference] = []
    masked = _URL.sub(_blank, text)
    if "`" in masked:
        for span in INLINE_CODE.finditer(masked):
            content = span.group(2)
            whole = _WHOLE_PATH.match(content.strip())
            if whole:
                offset = span.start(2) + (len(content) - len(content.lstrip()))
                found.append(FileReference(offset, offset + len(whole.group("path")), whole.group("path")))
        masked = INLINE_CODE.sub(_blank, masked)
    for match in _REFERENCE.finditer(masked):
        path = match.group("path")
        if not _looks_like_prose(path):
            found.append(FileReference(match.start("path"), match.end("path"), path))
    found.sort(key=lambda r: r.start)
    return found


def mask_fenced(text: str) -> str:
    """A string with fenced code blocks blanked, for JSON strings that embed Markdown."""
    if "```" not in text and "~~~" not in text:
        return text
    return _FENCED.sub(_blank, text)
