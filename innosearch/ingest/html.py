"""Web pages: the article text only, in sections under its h2/h3 headings.

Two extractors agree on what the article is. trafilatura (a maintained main-text extractor)
decides which text is content; our own walk of the page, with clutter (menus, cookie banners,
footers) removed, keeps the structure trafilatura flattens: headings, lists and tables. A block
is kept when trafilatura kept its words too. bench/bench_extraction.py measured this combination
best on 36 saved Danish public-sector pages (docs/web.md); when trafilatura finds nothing, the
hand-written remover picks the content block alone.
"""

import codecs
import re
from pathlib import Path

import trafilatura
from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag

from innosearch.documents import ParsedDocument, Section
from innosearch.errors import ParseError
from innosearch.ingest.base import NO_LIMITS, ParseLimits, read_bytes
from innosearch.ingest.decode import decode_bytes, prettify_filename
from innosearch.text.normalise import clean_line, clean_text

NO_CONTENT = "siden har intet indhold"

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "nav",
    "footer",
    "aside",
    "dialog",
)
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog"}
# Matched anywhere in id/class: cookie banners, consent dialogs, breadcrumbs.
_DROP_SUBSTRINGS = ("cookie", "consent", "gdpr", "breadcrumb", "skip-link", "skiplink")
# Matched as whole id/class words ("share-buttons" but not "shared-services").
_DROP_WORDS = {"banner", "share", "sharing", "social", "some", "skip", "sr-only", "print-only"}
_SKIP_LINK_RE = re.compile(
    r"^(spring til|gå til|skip to|hop til)\b.*(indhold|content|hovedindhold)", re.I
)
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "address",
    "details",
    "summary",
    "dl",
    "dt",
    "dd",
    "h4",
    "h5",
    "h6",
    "hr",
}
_SECTION_HEADINGS = {"h2", "h3"}
_TITLE_SEPARATORS_RE = re.compile(r"\s+[|–—·•:]\s+|\s+-\s+")
_WORD_RE = re.compile(r"\w+")
_LAYOUT_TAGS = ("h1", "h2", "h3", "table")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class HtmlParser:
    """Saved web pages (.html, .htm)."""

    kind = "html"
    suffixes = (".html", ".htm")

    def __init__(self, with_trafilatura: bool = True):
        # False measures the hand-written remover alone (bench/bench_extraction.py).
        self.with_trafilatura = with_trafilatura

    def parse(self, path: Path, limits: ParseLimits = NO_LIMITS) -> list[ParsedDocument]:
        data = read_bytes(path)
        text = decode_bytes(data, declared_charset(data))
        soup = _cleaned(text)
        page_title = _page_title(BeautifulSoup(text, "html.parser"))
        h1 = soup.find("h1")
        title = clean_line(h1.get_text(" ")) if isinstance(h1, Tag) else ""
        sections = _agreed_sections(soup, text) if self.with_trafilatura else []
        if not sections:
            # The walk above changed the tree (nested lists are taken out): start afresh.
            soup = _cleaned(text)
            root = _content_root(soup)
            sections = _group(_blocks(root)) if root is not None else []
        if not sections:
            raise ParseError(NO_CONTENT)
        title = title or page_title or prettify_filename(path.stem)
        return [ParsedDocument(title=title, kind=self.kind, sections=sections)]


def _cleaned(text: str) -> BeautifulSoup:
    soup = BeautifulSoup(text, "html.parser")
    _remove_clutter(soup)
    return soup


def _words(text: str) -> str:
    """Lower-cased words between single spaces, so that containment means whole words."""
    return " " + " ".join(_WORD_RE.findall(text.lower())) + " "


def _agreed_sections(soup: BeautifulSoup, html: str) -> list[Section]:
    """The page's blocks that trafilatura also took as main text, under their headings."""
    found = trafilatura.extract(
        html, favor_recall=True, include_tables=True, include_comments=False, deduplicate=False
    )
    if not found:
        return []
    content = "\n".join(_words(line) for line in found.splitlines())
    kept: list[tuple[str, str]] = []
    # A page that marks its content (<main>, role=main) is taken at its word.
    root = _marked_main(soup) or soup.body or soup
    _drop_link_lines(root)
    for kind, text in _blocks(root):
        if kind != "p":
            kept.append((kind, text))  # trafilatura often drops headings; empty ones go later
            continue
        lines = [line for line in text.split("\n") if _confirmed(line, content)]
        if lines:
            kept.append((kind, "\n".join(lines)))
    return _group(kept)


def _drop_link_lines(root: Tag) -> None:
    """Paragraphs and list items that are nothing but links: menus, "Læs også", tag lists."""
    for tag in list(root.find_all(["p", "li"])):
        if tag.decomposed:
            continue
        length = _text_len(tag)
        if length and sum(_text_len(a) for a in tag.find_all("a")) >= 0.9 * length:
            tag.decompose()


def _confirmed(line: str, content: str) -> bool:
    """A paragraph, list item or table row whose every part trafilatura kept as content."""
    parts = [_words(part) for part in line.split(" | ")]
    parts = [part for part in parts if part.strip()]
    return bool(parts) and all(part in content for part in parts)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in <meta charset> or http-equiv Content-Type, if valid.

    ISO-8859-1 is read as Windows-1252, as browsers do: pages labelled latin-1 use its extra
    characters (quotes, dashes, €).
    """
    m = _META_CHARSET_RE.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def _page_title(soup: BeautifulSoup) -> str:
    """<meta property=og:title> or <title>, without a " | Site name" suffix."""
    og = soup.find("meta", attrs={"property": "og:title"})
    if isinstance(og, Tag) and og.get("content"):
        return clean_line(str(og["content"]))
    if soup.title and soup.title.string:
        raw = clean_line(soup.title.get_text(" "))
        parts = [p for p in _TITLE_SEPARATORS_RE.split(raw) if p.strip()]
        # The page's own title is the longest part; the site name is usually short.
        return max(parts, key=len) if parts else raw
    return ""


def _attr_words(tag: Tag) -> tuple[str, set[str]]:
    value = tag.get("class")
    classes = value.split() if isinstance(value, str) else [str(c) for c in value or ()]
    joined = " ".join([str(tag.get("id") or ""), *classes]).lower()
    return joined, set(re.split(r"[\s_-]+", joined)) | set(joined.split())


def _is_clutter(tag: Tag) -> bool:
    if tag.name in ("html", "body", "main", "article"):
        return False
    if tag.name in _DROP_TAGS or str(tag.get("role") or "").lower() in _DROP_ROLES:
        return True
    if str(tag.get("aria-hidden") or "").lower() == "true" or tag.has_attr("hidden"):
        return True
    joined, words = _attr_words(tag)
    if any(s in joined for s in _DROP_SUBSTRINGS) or words & _DROP_WORDS:
        return True
    if tag.name == "header":
        # Site headers hold logo and menu; an article's own header holds its h1: keep that.
        return tag.find("h1") is None
    if tag.name == "a" and str(tag.get("href") or "").startswith("#"):
        return bool(_SKIP_LINK_RE.match(tag.get_text(" ", strip=True)))
    return False


def _remove_clutter(soup: BeautifulSoup) -> None:
    for node in soup.find_all(string=lambda s: isinstance(s, Comment | Doctype)):
        node.extract()
    for tag in list(soup.find_all(True)):
        if tag.decomposed:  # removed with an ancestor already
            continue
        if tag.parent is not None and _is_clutter(tag):
            tag.decompose()


def _text_len(tag: Tag) -> int:
    return len(" ".join(tag.get_text(" ").split()))


def _marked_main(soup: BeautifulSoup) -> Tag | None:
    """<main> or role=main, when it holds text."""
    for candidate in (soup.find("main"), soup.find(None, {"role": "main"})):
        if isinstance(candidate, Tag) and _text_len(candidate) > 0:
            return candidate
    return None


def _content_root(soup: BeautifulSoup) -> Tag | None:
    """<main>, role=main, the biggest <article>, else the block with the most paragraph text."""
    marked = _marked_main(soup)
    if marked is not None:
        return marked
    articles = [a for a in soup.find_all("article") if isinstance(a, Tag)]
    if articles:
        best = max(articles, key=_text_len)
        if _text_len(best) > 0:
            return best
    # Readability-style density: each paragraph credits its parent fully, its grandparent half.
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for p in soup.find_all(["p", "li", "pre", "td"]):
        length = _text_len(p)
        links = sum(_text_len(a) for a in p.find_all("a"))
        weight = max(length - links, 0)
        parent = p.parent
        for factor in (1.0, 0.5):
            if not isinstance(parent, Tag) or parent.name in ("html", "[document]"):
                break
            scores[id(parent)] = scores.get(id(parent), 0.0) + weight * factor
            tags[id(parent)] = parent
            parent = parent.parent
    if scores:
        best = tags[max(scores, key=lambda k: scores[k])]
        # Headings often sit beside the paragraph container; climb while the parent adds
        # little text, so they come along.
        size = _text_len(best)
        while (
            isinstance(best.parent, Tag)
            and best.parent.name not in ("body", "html", "[document]")
            and _text_len(best.parent) <= 1.3 * size
        ):
            best = best.parent
        return best
    body = soup.body or soup
    return body if _text_len(body) > 0 else None


class _Blocks:
    """Walks a content tree into (heading level, text) and paragraph blocks."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, str]] = []  # ("h2"/"h3"/"h1"/"p", text)
        self.buffer: list[str] = []

    def flush(self) -> None:
        text = clean_text("".join(self.buffer))
        self.buffer = []
        if text:
            self.blocks.append(("p", text))

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, Comment | Doctype):
                    self.buffer.append(re.sub(r"\s+", " ", str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name in ("h1", "h2", "h3"):
                self.flush()
                text = clean_line(child.get_text(" "))
                if text:
                    self.blocks.append((name, text))
            elif name == "br":
                self.buffer.append("\n")
            elif name in ("ul", "ol"):
                self.flush()
                self.list_items(child, depth=0)
            elif name == "table" and child.find(_LAYOUT_TAGS) is None:
                self.flush()
                self.table(child)
            elif name in ("table", "tr", "td", "th"):
                # A layout table (it holds headings or tables): each cell is a block.
                self.flush()
                self.walk(child)
                self.flush()
            elif name == "img":
                continue
            elif name in _BLOCK_TAGS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)

    def list_items(self, lst: Tag, depth: int) -> None:
        lines: list[str] = []
        for li in lst.find_all("li", recursive=False):
            nested = list(li.find_all(["ul", "ol"], recursive=False))
            for n in nested:
                n.extract()
            text = clean_line(li.get_text(" "))
            if text:
                lines.append("  " * depth + "- " + text)
            for n in nested:
                sub = _Blocks()
                sub.list_items(n, depth + 1)
                lines.extend(t for _, t in sub.blocks)
        if lines:
            # Keep the list as one block, one item per line.
            self.blocks.append(("p", "\n".join(lines)))

    def table(self, table: Tag) -> None:
        rows: list[str] = []
        for tr in table.find_all("tr"):
            cells = [clean_line(c.get_text(" ")) for c in tr.find_all(["th", "td"])]
            cells = [c for c in cells if c]
            if cells:
                rows.append(" | ".join(cells))
        if rows:
            self.blocks.append(("p", "\n".join(rows)))


def _blocks(root: Tag) -> list[tuple[str, str]]:
    walker = _Blocks()
    walker.walk(root)
    walker.flush()
    return walker.blocks


def _group(blocks: list[tuple[str, str]]) -> list[Section]:
    """Blocks into sections under h2/h3 (and later h1) headings; the first h1 is the title."""
    sections: list[Section] = []
    heading = ""
    paras: list[str] = []

    def close() -> None:
        if paras:
            sections.append(Section(text="\n\n".join(paras), heading=heading))

    seen_h1 = False
    for kind, text in blocks:
        if kind == "h1" and not seen_h1:
            seen_h1 = True  # the title, not content
            continue
        if kind in _SECTION_HEADINGS or kind == "h1":
            close()
            heading, paras = text, []
        else:
            paras.append(text)
    close()
    return sections
