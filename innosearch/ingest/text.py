"""Markdown and plain text files.

Markdown: YAML front matter becomes metadata, headings become sections (each labelled with its
nearest heading), markup is stripped to readable text. Plain text: a short line of its own
followed by running text ("Udfordring", "3.2 Resultater", "ERFARINGER:") starts a section.
"""

import html
import re
from pathlib import Path
from typing import Any

from innosearch.documents import SUMMARY_HEADING, ParsedDocument, Section
from innosearch.errors import ParseError
from innosearch.ingest.base import NO_LIMITS, ParseLimits, read_bytes
from innosearch.ingest.case_records import apply_metadata, canonical_key
from innosearch.ingest.decode import decode_bytes, prettify_filename
from innosearch.ingest.diagrams import FENCES as DIAGRAM_FENCES
from innosearch.ingest.diagrams import diagram_text
from innosearch.text.headings import document_title
from innosearch.text.normalise import (
    clean_line,
    clean_text,
    fix_characters,
    strip_leading_symbols,
)

try:  # PyYAML arrives with transformers; fall back to "key: value" lines without it.
    import yaml
except ImportError:  # pragma: no cover
    yaml = None  # type: ignore[assignment]

if yaml is not None:

    class _FrontMatterLoader(yaml.SafeLoader):
        """YAML without aliases: "*a" repeats all its anchor holds, so a few nested ones grow a
        few lines into billions of stored values. Such front matter is read as plain lines."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise yaml.YAMLError("an alias")
            return super().compose_node(parent, index)


EMPTY = "filen er tom"
NO_TEXT = "dokumentet indeholder ingen tekst"

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
# A page's own CSS and scripts, pasted into the Markdown as HTML blocks, are code, not text; an
# HTML comment is a note to the page's editors, and may hold blank lines, so it goes before the
# text is cut into paragraphs.
_RAW_CODE_RE = re.compile(r"<(style|script)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.S | re.I)
# A line of nothing but links to places in the page itself ("| [Beskrivelse](#beskrivelse) |
# [Ressourcer](#ressourcer) |", "[↑ Til toppen](#top)") is the page's navigation, not its text.
_PAGE_NAVIGATION_RE = re.compile(r"^[ \t|·•]*(?:\[[^\]\n]*\]\(#[^)\n]*\)[ \t|·•]*)+$", re.M)
_ATX_RE = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
# A heading written as HTML on a line of its own, as site generators' pages do ("<h3>Det koster
# det at være med</h3>"): a heading like "###", not inline markup to strip.
_HTML_HEADING_RE = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)</h\1\s*>\s*$", re.I)
_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)")
_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_RULE_RE = re.compile(r"^ {0,3}([-*_])( *\1){2,} *$")
_LIST_RE = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+")
_TASK_BOX_RE = re.compile(r"^\[[ xX]\]\s+")
_LINK_DEF_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")


class MarkdownParser:
    """Markdown documents (.md, .markdown)."""

    kind = "markdown"
    suffixes = (".md", ".markdown")

    def parse(self, path: Path, limits: ParseLimits = NO_LIMITS) -> list[ParsedDocument]:
        text = fix_characters(decode_bytes(read_bytes(path)))
        fields: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        title = ""
        m = _FRONT_MATTER_RE.match(text)
        if m:
            text = text[m.end() :]
            title = _apply_front_matter(_load_front_matter(m.group(1)), fields, extra)
        sections, first_h1 = _markdown_sections(
            _PAGE_NAVIGATION_RE.sub("", _RAW_CODE_RE.sub("", text))
        )
        summary = extra.pop("summary", None) if isinstance(extra.get("summary"), str) else None
        if summary and clean_text(summary):
            # Front matter "summary:" is the document's own abstract: lead with it.
            sections.insert(0, Section(text=clean_text(summary), heading=SUMMARY_HEADING))
        if not sections:
            raise ParseError(NO_TEXT)
        if title.strip().lower() in _GENERIC_TITLES:
            title = ""  # a site generator's page name ("Home") says nothing about the content
        first = next((s for s in sections if s.heading), None)
        headings = [*first.outline, first.heading] if first else []
        title = document_title(title or first_h1, headings, prettify_filename(path.stem))
        return [
            ParsedDocument(
                title=title, kind=self.kind, sections=sections, fields=fields, extra=extra
            )
        ]


_GENERIC_TITLES = frozenset({"home", "index", "forside", "startside", "readme", "start"})


class PlainTextParser:
    """Plain text files (.txt)."""

    kind = "text"
    suffixes = (".txt",)

    def parse(self, path: Path, limits: ParseLimits = NO_LIMITS) -> list[ParsedDocument]:
        text = clean_text(decode_bytes(read_bytes(path)))
        if not text:
            raise ParseError(EMPTY)
        first, _, rest = text.partition("\n")
        title = prettify_filename(path.stem)
        # A short first line without closing punctuation, followed by more text, is a title.
        if rest.strip() and len(first.split()) <= 12 and not first.endswith((".", ",", ":")):
            title, text = first, rest.strip()
        return [ParsedDocument(title=title, kind=self.kind, sections=_plain_sections(text))]


# A heading line in plain text: short, no sentence punctuation at its end, not a list item.
_PLAIN_HEADING_RE = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?[A-ZÆØÅ][^.;,!?]{1,58}:?$")


def _is_plain_heading(line: str, following: str) -> bool:
    """A short line that introduces running text (at least six words) is a heading; a line whose
    sentence goes on in lower case on the next line is hard-wrapped text."""
    return (
        len(line.split()) <= 6
        and bool(_PLAIN_HEADING_RE.match(line))
        and not _LIST_RE.match(line)
        and len(following.split()) >= 6
        and not following.lstrip()[:1].islower()
    )


def _plain_sections(text: str) -> list[Section]:
    """Sections of plain text, cut at heading lines; text before the first heading has none."""
    lines = text.split("\n")
    sections: list[Section] = []
    heading = ""
    body: list[str] = []
    for i, line in enumerate(lines):
        # Not a slice of the lines below: a file of 100,000 lines would copy them all per line.
        following = next((lines[j] for j in range(i + 1, len(lines)) if lines[j].strip()), "")
        stripped = line.strip()
        # Only a line that opens a block: in hard-wrapped text a short line mid-paragraph is text.
        opens_block = i == 0 or not lines[i - 1].strip()
        if stripped and opens_block and _is_plain_heading(stripped, following):
            if "\n".join(body).strip():
                sections.append(Section(text="\n".join(body).strip(), heading=heading))
            heading, body = stripped.rstrip(":"), []
        else:
            body.append(line)
    if "\n".join(body).strip():
        sections.append(Section(text="\n".join(body).strip(), heading=heading))
    return [
        Section(text=_unwrap(s.text), heading=s.heading) for s in sections or [Section(text=text)]
    ]


def _unwrap(text: str) -> str:
    """Join hard-wrapped lines: a line that goes on in lower case continues the sentence."""
    return re.sub(r"(?<=[^\s.!?:])\n(?=[a-zæøå])", " ", text)


def _load_front_matter(raw: str) -> dict[str, Any]:
    if yaml is not None:
        try:
            data = yaml.load(raw, Loader=_FrontMatterLoader)
        except (yaml.YAMLError, RecursionError):  # RecursionError: nested too deep to read
            data = None
        if isinstance(data, dict):
            return {str(k): v for k, v in data.items()}
    out: dict[str, Any] = {}
    for line in raw.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "#")):
            out[key.strip()] = value.split(" #")[0].strip().strip("\"'")
    return out


# Front matter that places a page in its site (Jekyll's, Hugo's, Docusaurus' navigation): nothing
# a reader of the case is told by "nav_order: 3" or "layout: default".
_SITE_KEYS = frozenset(
    {
        "layout",
        "parent",
        "grand_parent",
        "nav_order",
        "nav_exclude",
        "search_exclude",
        "has_children",
        "has_toc",
        "permalink",
        "back_to_top",
        "weight",
        "draft",
        "slug",
        "aliases",
        "menu",
        "toc",
        "sidebar_position",
        "sidebar_label",
    }
)


def _apply_front_matter(data: dict[str, Any], fields: dict[str, Any], extra: dict[str, Any]) -> str:
    """Front matter keys -> fields/extra (same names as case records); returns the title."""
    title = ""
    for key, value in data.items():
        if key.strip().lower() in _SITE_KEYS:
            continue
        canon = canonical_key(key)
        if canon == "title" and isinstance(value, str | int | float):
            title = strip_leading_symbols(clean_line(str(value)))
        elif canon == "summary":
            extra["summary"] = str(value) if value else ""
        elif not apply_metadata(key, value, fields, extra) and value not in (None, ""):
            extra[key] = value if isinstance(value, str | int | float | bool | list) else str(value)
    return title


_INLINE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<!--.*?-->", re.S), ""),
    # A label whose value the site generator fills in ("📆 _sidst opdateret: {{ site.time }}_")
    # says nothing once the value is gone; left, it was a passage of its own that matched "a".
    (re.compile(r"^[^\n{}]{0,60}:[ \t]*\{\{[^{}\n]*\}\}[_* \t]*$", re.M), ""),
    (re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S), ""),  # Jekyll/Liquid tags
    # kramdown attribute lists and heading ids: "{: .btn .btn-green }", "Portefølje {#portfolio}"
    (re.compile(r"[ \t]*\{[:#.][^{}\n]*\}"), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links -> their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"<(?:mailto:)?([\w.+-]+@[\w.-]+\.[A-Za-z]{2,})>"), r"\1"),  # e-mail autolinks
    (re.compile(r"</?[A-Za-z][^<>]*>"), ""),  # inline HTML tags
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])"), r"\1"),  # backslash escapes
    # GitHub's emoji shortcodes (":gear:", ":heavy_dollar_sign:") are pictures, not words; a
    # clock time ("10:30:00") has digits beside its colons and stays.
    (re.compile(r"(?<![\w:]):[a-z0-9_+-]{2,}:(?![\w:])[ \t]?"), ""),
)


def strip_inline(s: str) -> str:
    """Remove inline Markdown markup, keeping the readable text."""
    for pattern, repl in _INLINE_RULES:
        s = pattern.sub(repl, s)
    # Character references are text in Markdown ("sofbu&#64;aarhus.dk" is an address); decoded
    # after the tags are gone, so "&lt;måned&gt;" stays as the words it shows.
    return html.unescape(s)


def _take(block: list[str]) -> str:
    """The lines of a setext heading, taken out of the paragraph they were read into."""
    text = " ".join(block)
    block.clear()
    return text


def _table_row(line: str) -> str:
    cells = [strip_inline(c).strip() for c in line.strip().strip("|").split("|")]
    return " | ".join(c for c in cells if c)


# A paragraph of one line set in bold ("**Baggrund**", "__Formål__:", "***Roadmap***").
_BOLD_LINE_RE = re.compile(r"^ {0,3}(\*{2,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1[ \t]*:?[ \t]*$")
_BOLD_HEADING_WORDS = 12
_PLAIN_HEADING_WORDS = 6
# Markup or an address in a line: a link, an image, a table, code, HTML, a template tag.
_NOT_PLAIN_RE = re.compile(r"\]\(|https?:|www\.|[|<>`{}\[\]*_#]")
# Below this many pseudo-headings a file gives no evidence that its bold or plain lines are its
# headings: one bold line is emphasis, one short line a salutation ("Kære ven af …").
_PSEUDO_HEADINGS_MIN = 2
_PSEUDO_LEVEL = 7  # below "######": under the title, never in place of a "#" heading


def _pseudo_headings(lines: list[str]) -> set[int]:
    """The lines that stand for headings in a file written without any ("#"-less headings).

    Only in a file with no headings of its own beyond its title, and only where the file repeats
    the pattern: a paragraph of one short line set in bold, or a short line in a paragraph of its
    own (capitalised, no closing punctuation, no markup) followed by a paragraph of running text.
    """
    bold: list[int] = []
    plain: list[int] = []
    fence: str | None = None
    titles = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        if fence is not None:
            fence = None if stripped.startswith(fence) else fence
            continue
        m = _FENCE_RE.match(line)
        if m:
            fence = m.group(1)
            continue
        if _HTML_HEADING_RE.match(line):
            return set()  # the file has headings of its own
        atx = _ATX_RE.match(line)
        if atx or (_SETEXT_RE.match(line) and i and lines[i - 1].strip()):
            titles += 1
            if titles > 1 or not atx or len(atx.group(1)) > 1:
                return set()  # the file has headings of its own
            continue
        if not stripped or not (i == 0 or not lines[i - 1].strip() or _ATX_RE.match(lines[i - 1])):
            continue
        after = lines[i + 1] if i + 1 < len(lines) else ""
        b = _BOLD_LINE_RE.match(line)
        if b:
            words = b.group(2).split()
            if (
                (not after.strip() or _LIST_RE.match(after))
                and len(words) <= _BOLD_HEADING_WORDS
                and not b.group(2).rstrip("*_").endswith((".", "!", "?"))
            ):
                bold.append(i)
            continue
        if not after.strip() and _is_plain_line_heading(stripped):
            # Not a slice: the lines from here to the next text are read once, by this line only.
            following = next((lines[j] for j in range(i + 2, len(lines)) if lines[j].strip()), "")
            if _is_running_text(following):
                plain.append(i)
    if len(bold) + len(plain) < _PSEUDO_HEADINGS_MIN:
        return set()
    return {*bold, *plain}


def _is_plain_line_heading(line: str) -> bool:
    return (
        len(line.split()) <= _PLAIN_HEADING_WORDS
        and len(line) <= 60
        and line[:1].isupper()
        and not line.endswith((".", ",", ";", ":", "!", "?"))
        and not _NOT_PLAIN_RE.search(line)
        and not _LIST_RE.match(line)
    )


def _is_running_text(line: str) -> bool:
    """The first line of a paragraph of prose: six words or more, not a list, table or heading."""
    stripped = line.strip()
    return (
        len(stripped.split()) >= 6
        and stripped[:1].isupper()
        and not _LIST_RE.match(line)
        and not stripped.startswith(("#", "|", "<", ">", "`", "~", "*", "_"))
    )


def _markdown_sections(text: str) -> tuple[list[Section], str]:
    """Sections under each heading, and the first level-1 heading (the title) if any."""
    lines = text.split("\n")
    # Bold or plain lines that stand for headings: below any "#" heading (there is at most the
    # title), so they never take the place of one.
    pseudo = _pseudo_headings(lines)
    sections: list[Section] = []
    heading = ""
    first_h1 = ""
    block: list[str] = []  # lines of the current paragraph, already cleaned
    # The soft-wrapped lines still to join onto block[-1]: joined once, not one "+=" per line,
    # which copied the growing line every time (a 100,000-line paragraph took seconds).
    wrapped: list[str] = []
    paras: list[str] = []
    # (level, heading) of the open headings, the current one last: a chapter heading with no
    # text of its own still names the chapter its subsections belong to.
    open_headings: list[tuple[int, str]] = []

    def join_wrapped() -> None:
        if wrapped:
            block[-1] = " ".join([block[-1], *wrapped])
            wrapped.clear()

    def end_para() -> None:
        join_wrapped()
        if block:
            paras.append("\n".join(block))
            block.clear()

    def end_section() -> None:
        end_para()
        body = clean_text("\n\n".join(paras))
        if body:
            outline = tuple(h for _, h in open_headings[:-1])
            sections.append(Section(text=body, heading=heading, outline=outline))
        paras.clear()

    def open_heading(level: int, raw: str) -> None:
        nonlocal heading, first_h1
        text = strip_leading_symbols(clean_line(strip_inline(raw))).rstrip(":").strip()
        if not text:
            return
        end_section()
        if level == 1 and not first_h1 and not sections:
            first_h1 = text  # the document title, not a section label
            heading = ""
            return
        while open_headings and open_headings[-1][0] >= level:
            open_headings.pop()
        open_headings.append((level, text))
        heading = text

    fence: str | None = None
    diagram: list[str] | None = None
    for i, line in enumerate(lines):
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
                end_para()
                if diagram is not None:
                    text = diagram_text(diagram)
                    if text:
                        paras.append(text)
                    diagram = None
            elif diagram is not None:
                diagram.append(line)
            else:
                block.append(line.rstrip())  # code keeps its line breaks
            continue
        m = _FENCE_RE.match(line)
        if m:
            end_para()
            fence = m.group(1)
            diagram = [] if m.group(2).lower() in DIAGRAM_FENCES else None
            continue
        stripped = line.strip()
        if not stripped or _LINK_DEF_RE.match(line) or _RULE_RE.match(line):
            if _RULE_RE.match(line) and block and re.match(r"^ {0,3}-+\s*$", line):
                # "Title\n-----" is a setext heading, not a rule.
                join_wrapped()
                open_heading(2, _take(block))
                continue
            end_para()
            continue
        m = _ATX_RE.match(line) or _HTML_HEADING_RE.match(line)
        if m:
            level = m.group(1)
            open_heading(int(level) if level.isdigit() else len(level), m.group(2))
            continue
        if i in pseudo:
            end_para()
            open_heading(_PSEUDO_LEVEL, stripped)
            continue
        if _SETEXT_RE.match(line) and block and stripped.startswith("="):
            join_wrapped()
            open_heading(1, _take(block))
            continue
        if stripped.startswith(">"):
            stripped = re.sub(r"^(>\s?)+", "", stripped)
            m = _ATX_RE.match(stripped)
            if m:  # "> ### Anbefaling" is emphasis, not structure
                stripped = m.group(2)
            if not stripped:
                end_para()
                continue
        if (
            "|" in stripped
            and stripped.startswith("|")
            or ("|" in stripped and i + 1 < len(lines) and _TABLE_SEP_RE.match(lines[i + 1]))
        ):
            if _TABLE_SEP_RE.match(stripped):
                continue
            row = _table_row(stripped)
            if row:
                join_wrapped()
                block.append(row)
            continue
        if _TABLE_SEP_RE.match(stripped) and "|" in stripped:
            continue
        item = _LIST_RE.match(line)
        if item:
            indent = "  " * min(len(item.group(1).expandtabs(4)) // 2, 3)
            # A task list's box ("- [ ] Afklar behov", "- [x] …") is a form control, not text.
            text = strip_inline(_TASK_BOX_RE.sub("", line[item.end() :])).strip()
            if text:
                join_wrapped()
                block.append(f"{indent}- {text}")
            continue
        text = strip_inline(stripped).strip()
        if not text:
            continue
        # A "|" decides whether the next line joins (" | " marks a table row), so the line is
        # joined at once where one could make a " | ": then what waits holds none, and asking
        # block[-1] answers for the whole line.
        pipe = "|" in text or bool(block and not wrapped and block[-1].endswith("|"))
        if pipe:
            join_wrapped()
        if block and not block[-1].lstrip().startswith("- ") and " | " not in block[-1]:
            wrapped.append(text)  # soft-wrapped paragraph line
        elif block and block[-1].lstrip().startswith("- ") and line.startswith((" ", "\t")):
            wrapped.append(text)  # continuation of a list item
        else:
            join_wrapped()
            if block and " | " in block[-1]:
                end_para()  # text after a table starts a new paragraph
            block.append(text)
        if pipe:
            join_wrapped()
    end_section()
    return sections, first_h1
