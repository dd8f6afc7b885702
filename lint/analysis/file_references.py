"""Finding file references in text and telling whether they are absolute.

A file reference is a path with a folder part and a file name with a known
file extension, optionally followed by ``:line``. URLs (with or without a
scheme), API routes (no extension), folders, message topics such as
``payments/refund.created`` (no file extension) and bare file names are not
file references.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from lint.documents.inline import code_spans
from lint.patterns import lazy_pattern

# Extensions of files a deliverable cites; an unknown "extension" is usually prose.
EXTENSIONS = frozenset(
    """
    py pyi pyx ipynb js jsx mjs cjs ts tsx mts cts vue svelte astro go rs java kt kts scala groovy gradle
    rb erb rake php cs csproj sln fs vb c h cc cpp cxx hpp hh m mm swift dart lua pl pm r jl ex exs erl hrl
    clj cljs elm hs ml mli nim zig sql prisma graphql gql proto thrift avsc json jsonl json5 yaml yml toml
    ini cfg conf config env properties xml xsd xsl plist html htm css scss sass less md markdown mdx rst
    txt csv tsv log sh bash zsh fish ps1 bat cmd tf tfvars hcl nix dockerfile lock mod sum
    j2 jinja jinja2 tpl tmpl hbs mustache ejs pug liquid njk twig
    pem crt key pub sqlite db parquet avro orc pdf png jpg jpeg gif svg ico webp wasm so dll jar war
    xlsx xls docx doc pptx odt ods drawio puml mermaid mmd http rest feature snap
    bicep nomad rego cue sbt cabal gemspec podspec xcconfig storyboard xib pbxproj
    """.split()
)
_TLDS = r"(?:com|org|net|io|dev|gov|edu|co|ai|app|cloud|info|biz|us|uk|de|fr|jp|cn|ru|eu|me|sh|ly|tv|xyz|so|gg|to|page|site|tech)"
_URL = re.compile(r"(?<![\w+.-])[a-zA-Z][a-zA-Z0-9+.-]*://\S+|(?<![\w.-])www\.\S+|\bmailto:\S+")
_DOMAIN = lazy_pattern(rf"^(?:[a-z0-9-]+\.)+{_TLDS}$", re.I)
_NAME = r"[\w.@+-]*\.[A-Za-z][A-Za-z0-9]{0,9}"
# After a path: a line, a range or a list of lines (":12", ":12-40", ":12,40"), or a web anchor ("#L12-L40").
_LINES = r"(?::L?\d+(?:[-:,]L?\d+)*|#L\d+(?:-L?\d+)?)?"
_REFERENCE = re.compile(
    r"(?<![\w/\\.:@$%+-])"
    r"(?P<path>(?:[A-Za-z]:[\\/]|\\\\|/|~/|\.{1,2}[\\/])?(?:[\w.@+-]+[\\/])+" + _NAME + r")"
    + _LINES +
    r"(?![\w/\\+@-])"
)
_ABSOLUTE_WITH_SPACES = re.compile(
    r"^(?P<path>(?:[A-Za-z]:[\\/]|\\\\|/)(?:[^\\/:*?\"'<>|=;{}$\n]+[\\/])+"
    r"[^\\/:*?\"'<>|=;{}$\n]*\.[A-Za-z][A-Za-z0-9]{0,9})" + _LINES + r"$"
)
_FENCED = lazy_pattern(r"(```|~~~).*?(\1|$)", re.S)
_DOTTED_FOLDER = lazy_pattern(r"^[A-Za-z][\w-]*\.[A-Za-z]+$")
# Product names written like files: "TypeScript/Node.js", "Vue.js/Nuxt.js".
_JS_PRODUCT = lazy_pattern(
    r"^(?:node|deno|vue|nuxt|next|express|react|angular|ember|backbone|three|d3|chart|nest|"
    r"svelte|solid|alpine|socket|moment|knockout|meteor|sails|koa|hapi|fastify|electron|p5|"
    r"pixi|babylon|anime|lodash|underscore|jquery)\.js$",
    re.I,
)
# After a name: "#123" makes it a repository's issue (vercel/next.js#43400); "-style" a compound word.
_NOT_A_FILE_AFTER = re.compile(r"#\d|-[A-Za-z]")
_WORD = re.compile(r"\S+")
MAX_SHOWN = 80


class FileReference(NamedTuple):
    start: int
    end: int
    path: str

    @property
    def is_absolute(self) -> bool:
        return is_absolute(self.path)

    @property
    def shown(self) -> str:
        """The path for a message, shortened when it is very long."""
        return self.path if len(self.path) <= MAX_SHOWN else self.path[: MAX_SHOWN - 1] + "…"


_DRIVE = lazy_pattern(r"[A-Za-z]:[\\/]")
_SEPARATOR = re.compile(r"[\\/]")


def is_absolute(path: str) -> bool:
    return path.startswith(("/", "\\\\")) or _DRIVE.match(path) is not None


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _has_file_extension(path: str) -> bool:
    name = _SEPARATOR.split(path)[-1]
    return name.rsplit(".", 1)[-1].lower() in EXTENSIONS


def _looks_like_prose(path: str) -> bool:
    """``Node.js/Express.js``, ``TypeScript/Node.js``, ``docs.python.org/3/re.html``,
    and package specifiers such as ``@scope/ui/styles.css``."""
    if not _has_file_extension(path) or path.startswith("@"):
        return True
    if is_absolute(path) or path.startswith((".", "~")):
        return False
    parts = _SEPARATOR.split(path)
    if _DOMAIN.match(parts[0]):
        return True  # a URL written without its scheme
    if len(parts) == 2 and parts[0][:1].isupper() and _JS_PRODUCT.match(parts[1]):
        return True
    return any(_DOTTED_FOLDER.match(part) for part in parts[:-1])


def find_references(text: str) -> list[FileReference]:
    """File references in a line or string of prose, inline code included.

    Inline code is a file reference only when it holds nothing but a path (an
    absolute path may contain spaces); any other inline code is code.
    """
    if "/" not in text and "\\" not in text:
        return []
    found: list[FileReference] = []
    masked = _URL.sub(_blank, text) if ("://" in text or "www." in text or "mailto:" in text) else text
    spans = code_spans(masked)
    if spans:
        pieces, last = [], 0
        for start, end in spans:
            ticks = len(masked[start:end]) - len(masked[start:end].lstrip("`"))
            inner_start, inner_end = start + ticks, end - ticks
            content = masked[inner_start:inner_end]
            stripped = content.strip()
            offset = inner_start + (len(content) - len(content.lstrip()))
            whole = _ABSOLUTE_WITH_SPACES.match(stripped)
            if _NOT_A_FILE_AFTER.match(masked, end):
                pass  # `docker/proxy.ts`-style: a word built on the name; `org/repo.js`#12: an issue
            elif whole and _has_file_extension(whole.group("path")):
                found.append(FileReference(offset, offset + len(whole.group("path")), whole.group("path")))
            elif " " not in stripped:
                single = _REFERENCE.fullmatch(stripped)
                if single and not _looks_like_prose(single.group("path")):
                    found.append(FileReference(offset, offset + len(single.group("path")), single.group("path")))
            pieces.append(masked[last:start])
            pieces.append(" " * (end - start))
            last = end
        pieces.append(masked[last:])
        masked = "".join(pieces)
    for match in reference_matches(masked):
        path = match.group("path")
        if not _looks_like_prose(path) and not _NOT_A_FILE_AFTER.match(masked, match.end()):
            found.append(FileReference(match.start("path"), match.end("path"), path))
    found.sort(key=lambda r: r.start)
    return found


def reference_matches(text: str) -> Iterator[re.Match[str]]:
    """The path pattern's matches in ``text``, as a search of the whole text finds them, but
    searched only in the words that hold a separator (a path holds no white space, and white
    space is neither part of one nor a character its edges look at): about three times faster."""
    for word in _WORD.finditer(text):
        if "/" in word.group() or "\\" in word.group():
            yield from _REFERENCE.finditer(text, word.start(), word.end())


def mask_fenced(text: str) -> str:
    """A string with fenced code blocks blanked, for JSON strings that embed Markdown."""
    if "```" not in text and "~~~" not in text:
        return text
    return _FENCED.sub(_blank, text)
