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
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeGuard

import trafilatura
from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, PageElement, Tag

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
# A skip link says "Spring til indhold" in a node or two. Reading no further than this decides,
# so a page of 20,000 nested <a href="#"> costs 20,000 short reads, not 20,000 whole texts.
_SKIP_LINK_MAX_NODES = 16
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
# A contact box: a tag of these whose class or id names a contact, or whose heading says Kontakt.
_CONTACT_BOX_TAGS = ("aside", "div", "section", "address", "p")
_CONTACT_HEADINGS = ("h2", "h3", "h4", "h5", "strong")
_CONTACT_HEADING_RE = re.compile(r"\s*(kontakt|contact)\w*\s*:?\s*$", re.I)
_SITE_PARTS = ("header", "nav", "footer")
_SITE_ROLES = {"banner", "navigation", "contentinfo"}
# A contact box is a name, a title and a few numbers; more is a page section named "kontakt".
_CONTACT_BOX_MAX_CHARS = 600
_CONTACT_BOX_MAX_NODES = 200
# Heading tags that start a section, and their levels (h4-h6 read as paragraphs).
_SECTION_LEVELS = {"h1": 1, "h2": 2, "h3": 3}
_WORD_TITLE = "MsoTitle"  # the class of the title paragraph in Word's "Save as web page"
_TITLE_SEPARATORS_RE = re.compile(r"\s+[|–—·•:]\s+|\s+-\s+")
_WORD_RE = re.compile(r"\w+")
_LAYOUT_TAGS = ("h1", "h2", "h3", "table")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# libxml2's HTML parser, under trafilatura, silently drops every element nested deeper than
# this (html counts as 1; measured with lxml 6.2 / libxml2 2.14: on a 100,000-deep page it
# keeps 256 levels and neither recurses nor slows down). trafilatura cannot vouch for text it
# never saw, so a page that reaches this depth goes to our own remover alone.
_TRAFILATURA_MAX_DEPTH = 256
# Nested list items are indented two spaces a level up to this depth, no further: indenting a
# hostile 100,000-deep list all the way would make ~10 GB of spaces from a 1.6 MB page.
_MAX_LIST_INDENT = 10


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
        raw = BeautifulSoup(text, "html.parser")
        page_title = _page_title(raw)
        # Word's "Save as web page" sets the title as <p class="MsoTitle"> and each chapter as
        # an h1: then the first h1 is a chapter ("Forord"), not the title.
        title = _word_title(raw)
        h1_is_title = not title
        h1 = soup.find("h1")
        if h1_is_title and isinstance(h1, Tag):
            title = clean_line(h1.get_text(" "))
        sections = _agreed_sections(soup, text, h1_is_title) if self.with_trafilatura else []
        if not sections:
            # The walk above changed the tree (link-only lines are taken out): start afresh.
            soup = _cleaned(text)
            root = _content_root(soup)
            sections = _group(_blocks(root), h1_is_title) if root is not None else []
        if not sections:
            raise ParseError(NO_CONTENT)
        contact = _contact_box(raw)
        if contact and not any(contact.split("\n")[0] in s.text for s in sections):
            sections.append(Section(contact, heading="Kontakt"))
        title = title or page_title or prettify_filename(path.stem)
        return [ParsedDocument(title=title, kind=self.kind, sections=sections)]


def _contact_box(soup: BeautifulSoup) -> str | None:
    """The lines of the page's own contact box (`<aside class="contact-box">` with "Kontakt"),
    which the clutter removal drops with the other asides: who to call is what a reader of a
    case looks for first. Not the site's header, menu or footer, whose address is the switchboard.

    One walk in document order that never enters the site's parts; each candidate is read no
    further than a contact box reaches, so a hostile page costs time linear in its size.
    """
    stack: list[Iterator[PageElement]] = [iter(soup.children)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if not isinstance(node, Tag):
            continue
        role = str(node.get("role") or "").lower()
        if node.name in _SITE_PARTS or role in _SITE_ROLES:
            continue
        if node.name in _CONTACT_BOX_TAGS and (box := _contact_lines(node)):
            return "\n".join(box)
        stack.append(iter(node.children))
    return None


def _contact_lines(tag: Tag) -> list[str] | None:
    """The tag's lines without its heading when it is a contact box of a few lines, else None."""
    joined, _ = _attr_words(tag)
    heading = next(
        (c for c in tag.children if isinstance(c, Tag) and c.name in _CONTACT_HEADINGS), None
    )
    text = _short_text(heading, _CONTACT_BOX_MAX_NODES) if heading is not None else None
    named = text is not None and bool(_CONTACT_HEADING_RE.match(text))
    if not (named or "contact" in joined or "kontakt" in joined):
        return None
    # The box's "Kontakt" becomes its section's heading.
    text = _lines_text(tag, heading if named else None, _CONTACT_BOX_MAX_NODES)
    if text is None:
        return None  # more nodes than a contact box has: a part of the page named "kontakt"
    lines = [line for line in map(clean_line, text.split("\n")) if line]
    return lines if lines and sum(map(len, lines)) <= _CONTACT_BOX_MAX_CHARS else None


def _lines_text(tag: Tag, skip: Tag | None, max_nodes: int) -> str | None:
    """The tag's text with a line break at each <br> and block, `skip` left out; None when the
    tag holds more than `max_nodes` nodes."""
    nodes = _walk(tag, max_nodes, skip)
    if nodes is None:
        return None
    return "".join(
        ("\n" if node.name == "br" or node.name in _BLOCK_TAGS else "")
        if isinstance(node, Tag)
        else (str(node) if _reads(node, tag) else "")
        for node in nodes
    )


def _cleaned(text: str) -> BeautifulSoup:
    soup = BeautifulSoup(text, "html.parser")
    _remove_clutter(soup)
    for word_title in soup.find_all(class_=_WORD_TITLE):
        word_title.decompose()  # the document's title, shown apart as an h1 title is
    return soup


def _word_title(soup: BeautifulSoup) -> str:
    found = soup.find(class_=_WORD_TITLE)
    return clean_line(found.get_text(" ")) if isinstance(found, Tag) else ""


def _words(text: str) -> str:
    """Lower-cased words between single spaces, so that containment means whole words."""
    return " " + " ".join(_WORD_RE.findall(text.lower())) + " "


def _agreed_sections(soup: BeautifulSoup, html: str, h1_is_title: bool) -> list[Section]:
    """The page's blocks that trafilatura also took as main text, under their headings."""
    tree = trafilatura.load_html(html)  # parsed once here, to see whether it was cut off
    if tree is None or tree.xpath("/*" * _TRAFILATURA_MAX_DEPTH):  # an element that deep
        return []
    found = trafilatura.extract(
        tree, favor_recall=True, include_tables=True, include_comments=False, deduplicate=False
    )
    if not found:
        return []
    content = "\n".join(_words(line) for line in found.splitlines())
    kept: list[tuple[str, str]] = []
    text_len = _TextLengths(soup)
    # A page that marks its content (<main>, role=main) is taken at its word.
    root = _marked_main(soup, text_len) or soup.body or soup
    _drop_link_lines(root, text_len)
    for kind, text in _blocks(root):
        if kind != "p":
            kept.append((kind, text))  # trafilatura often drops headings; empty ones go later
            continue
        lines = [line for line in text.split("\n") if _confirmed(line, content)]
        if lines:
            kept.append((kind, "\n".join(lines)))
    return _group(kept, h1_is_title)


def _drop_link_lines(root: Tag, text_len: "_TextLengths") -> None:
    """Paragraphs and list items that are nothing but links: menus, "Læs også", tag lists.

    One walk with an explicit stack that never enters what it drops; the drops happen after it,
    so every length is measured on the tree as it was.
    """
    drop: list[Tag] = []
    stack: list[Tag] = [root]
    while stack:
        for child in stack.pop().children:
            if isinstance(child, Tag):
                (drop if _is_link_line(child, text_len) else stack).append(child)
    for tag in drop:
        tag.decompose()


def _is_link_line(tag: Tag, text_len: "_TextLengths") -> bool:
    if tag.name not in ("p", "li"):
        return False
    length = text_len(tag)
    return bool(length) and text_len.in_links(tag) >= 0.9 * length


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


def _is_clutter(tag: Tag, holds_h1: set[int]) -> bool:
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
        return id(tag) not in holds_h1
    if tag.name == "a" and str(tag.get("href") or "").startswith("#"):
        text = _short_text(tag, _SKIP_LINK_MAX_NODES)
        return text is not None and bool(_SKIP_LINK_RE.match(text))
    return False


def _short_text(tag: Tag, max_nodes: int) -> str | None:
    """`tag.get_text(" ", strip=True)`, or None when the tag holds more than `max_nodes` nodes."""
    nodes = _walk(tag, max_nodes)
    if nodes is None:
        return None
    return " ".join(
        node.strip()
        for node in nodes
        if not isinstance(node, Tag) and _reads(node, tag) and node.strip()
    )


def _walk(tag: Tag, max_nodes: int, skip: Tag | None = None) -> list[PageElement] | None:
    """The tag's descendants in document order (`skip` and what it holds left out), or None
    when there are more than `max_nodes`.

    Walks the children itself: bs4's `descendants` first walks down to the last descendant,
    which alone is as deep as the page nests.
    """
    nodes: list[PageElement] = []
    stack: list[Iterator[PageElement]] = [iter(tag.children)]
    for _ in range(max_nodes + 1):
        node = next(stack[-1], None)
        while node is None:
            stack.pop()
            if not stack:
                return nodes
            node = next(stack[-1], None)
        if node is skip:
            continue
        nodes.append(node)
        if isinstance(node, Tag):
            stack.append(iter(node.children))
    return None


def _reads(node: PageElement, tag: Tag) -> TypeGuard[NavigableString]:
    """Whether `node` is a string `tag.get_text()` reads (comments and the like it skips)."""
    types = tag.interesting_string_types or Tag.MAIN_CONTENT_STRING_TYPES
    return type(node) is types if isinstance(types, type) else type(node) in types


def _remove_clutter(soup: BeautifulSoup) -> None:
    """Drop menus, banners, scripts and the like, in time linear in the page's size.

    One walk with an explicit stack that never enters what it drops; the drops happen after it.
    (bs4's `tag.decomposed` looks for a child tag of that name on every call, which made a
    removal loop quadratic in the nesting depth.)
    """
    for node in soup.find_all(string=lambda s: isinstance(s, Comment | Doctype)):
        node.extract()
    holds_h1 = _ancestors_of(soup.find_all("h1"))
    clutter: list[Tag] = []
    stack: list[Tag] = [soup]
    while stack:
        for child in stack.pop().children:
            if isinstance(child, Tag):
                (clutter if _is_clutter(child, holds_h1) else stack).append(child)
    for tag in clutter:
        tag.decompose()


def _ancestors_of(tags: Iterable[PageElement]) -> set[int]:
    """Ids of every tag that contains one of `tags`; each ancestor is visited once."""
    found: set[int] = set()
    for tag in tags:
        parent = tag.parent
        while parent is not None and id(parent) not in found:
            found.add(id(parent))
            parent = parent.parent
    return found


class _TextLengths:
    """Each tag's text length (as `" ".join(get_text(" ").split())` measures it) and the part of
    it inside links, for every tag in one pass: measuring tag by tag is quadratic in the depth.
    """

    def __init__(self, soup: BeautifulSoup):
        # Per tag: (characters other than whitespace, words) by string type, since get_text
        # reads only some types and which depends on the tag (an <rt> reads only its ruby
        # text); and the length inside <a>.
        self._sizes: dict[int, tuple[dict[type, tuple[int, int]], int]] = {}
        # Reverse document order visits every child before its parent.
        for node in reversed([soup, *soup.descendants]):
            if isinstance(node, Tag):
                self._sizes[id(node)] = self._measure(node)

    def _measure(self, tag: Tag) -> tuple[dict[type, tuple[int, int]], int]:
        totals: dict[type, tuple[int, int]] = {}
        links = 0
        for child in tag.children:
            if isinstance(child, Tag):
                counts, in_links = self._sizes[id(child)]
                links += in_links
            elif isinstance(child, NavigableString):
                parts = child.split()
                counts = {type(child): (sum(map(len, parts)), len(parts))}
            else:
                continue
            for kind, (chars, words) in counts.items():
                old_chars, old_words = totals.get(kind, (0, 0))
                totals[kind] = (old_chars + chars, old_words + words)
        if tag.name == "a":
            links += _length(tag, totals)
        return totals, links

    def __call__(self, tag: Tag) -> int:
        return _length(tag, self._sizes[id(tag)][0])

    def in_links(self, tag: Tag) -> int:
        """The summed text length of the links inside `tag` (a link inside a link counts twice,
        as summing over `find_all("a")` does)."""
        return self._sizes[id(tag)][1]


def _length(tag: Tag, totals: dict[type, tuple[int, int]]) -> int:
    """The length of the words of the string types `tag.get_text()` reads, single-spaced."""
    kinds = tag.interesting_string_types or Tag.MAIN_CONTENT_STRING_TYPES
    kinds = (kinds,) if isinstance(kinds, type) else kinds
    chars = sum(totals.get(kind, (0, 0))[0] for kind in kinds)
    words = sum(totals.get(kind, (0, 0))[1] for kind in kinds)
    return chars + max(words - 1, 0)


def _marked_main(soup: BeautifulSoup, text_len: _TextLengths) -> Tag | None:
    """<main> or role=main, when it holds text."""
    for candidate in (soup.find("main"), soup.find(None, {"role": "main"})):
        if isinstance(candidate, Tag) and text_len(candidate) > 0:
            return candidate
    return None


def _content_root(soup: BeautifulSoup) -> Tag | None:
    """<main>, role=main, the biggest <article>, else the block with the most paragraph text."""
    text_len = _TextLengths(soup)
    marked = _marked_main(soup, text_len)
    if marked is not None:
        return marked
    articles = [a for a in soup.find_all("article") if isinstance(a, Tag)]
    if articles:
        best = max(articles, key=text_len)
        if text_len(best) > 0:
            return best
    # Readability-style density: each paragraph credits its parent fully, its grandparent half.
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for p in soup.find_all(["p", "li", "pre", "td"]):
        weight = max(text_len(p) - text_len.in_links(p), 0)
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
        size = text_len(best)
        while (
            isinstance(best.parent, Tag)
            and best.parent.name not in ("body", "html", "[document]")
            and text_len(best.parent) <= 1.3 * size
        ):
            best = best.parent
        return best
    body = soup.body or soup
    return body if text_len(body) > 0 else None


# A table cell while a table is read: the cell and its strings; a row is its cells.
_Cell = tuple[Tag, list[str]]
_Row = list[_Cell]


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

    def walk(self, root: Tag) -> None:
        # An explicit stack, not recursion: hostile pages nest tags 100,000 deep. Each entry is
        # a tag's remaining children and whether the tag ends a block when they run out.
        stack: list[tuple[Iterator[PageElement], bool]] = [(iter(root.children), False)]
        while stack:
            children, is_block = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if is_block:
                    self.flush()
                continue
            if isinstance(child, NavigableString):
                if not isinstance(child, Comment | Doctype):
                    self.buffer.append(re.sub(r"\s+", " ", str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name in _SECTION_LEVELS:
                self.flush()
                text = clean_line(child.get_text(" "))
                if text:
                    self.blocks.append((name, text))
            elif name == "br":
                self.buffer.append("\n")
            elif name in ("ul", "ol"):
                self.flush()
                self.list_items(child)
            elif name == "table" and child.find(_LAYOUT_TAGS) is None:
                self.flush()
                self.table(child)
            elif name in ("table", "tr", "td", "th") or name in _BLOCK_TAGS:
                # Blocks, and the cells of a layout table (it holds headings or tables).
                self.flush()
                stack.append((iter(child.children), True))
            elif name != "img":
                stack.append((iter(child.children), False))

    def list_items(self, top: Tag) -> None:
        """A list as one block, one item per line, nested items indented under theirs."""
        lines: list[str] = []
        # A stack of lists still being read, not recursion: hostile pages nest lists deep.
        stack: list[tuple[Iterator[Tag], int]] = [(_items(top), 0)]
        while stack:
            items, depth = stack[-1]
            li = next(items, None)
            if li is None:
                stack.pop()
                continue
            nested = [n for n in li.children if _is_list(n)]
            text = _item_text(li)
            if text:
                lines.append("  " * min(depth, _MAX_LIST_INDENT) + "- " + text)
            # Pushed last first, so the first nested list comes right after its item.
            stack.extend((_items(n), depth + 1) for n in reversed(nested))
        if lines:
            self.blocks.append(("p", "\n".join(lines)))

    def table(self, table: Tag) -> None:
        """One line per row, its cells between " | ".

        One walk in which each string belongs to its nearest cell and each cell to its nearest
        row: html.parser nests unclosed <td>s and <tr>s inside one another, and reading every
        cell's whole text would repeat the rest of the table in it (text growing with the
        square of the number of cells).
        """
        rows: list[_Row] = []
        # Each entry: a tag's remaining children, the row and the cell they belong to.
        stack: list[tuple[Iterator[PageElement], _Row | None, _Cell | None]] = [
            (iter(table.children), None, None)
        ]
        while stack:
            children, row, cell = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
            elif isinstance(child, Tag):
                if child.name == "tr":
                    row, cell = [], None
                    rows.append(row)
                elif child.name in ("td", "th") and row is not None:
                    cell = (child, [])
                    row.append(cell)
                stack.append((iter(child.children), row, cell))
            elif cell is not None and _reads(child, cell[0]):
                cell[1].append(child)
        lines = [
            " | ".join(text for text in (clean_line(" ".join(parts)) for _, parts in cells) if text)
            for cells in rows
        ]
        lines = [line for line in lines if line]
        if lines:
            self.blocks.append(("p", "\n".join(lines)))


def _items(lst: Tag) -> Iterator[Tag]:
    return (li for li in lst.find_all("li", recursive=False) if isinstance(li, Tag))


def _is_list(node: PageElement) -> TypeGuard[Tag]:
    return isinstance(node, Tag) and node.name in ("ul", "ol")


def _item_text(li: Tag) -> str:
    """A list item's text without its nested lists, which get lines of their own.

    Read child by child rather than by taking the nested lists out: bs4's `extract()` walks down
    to the last descendant, which made deeply nested lists quadratic.
    """
    types = li.interesting_string_types or Tag.MAIN_CONTENT_STRING_TYPES
    return clean_line(
        " ".join(c.get_text(" ", types=types) for c in li.children if not _is_list(c))
    )


def _blocks(root: Tag) -> list[tuple[str, str]]:
    walker = _Blocks()
    walker.walk(root)
    walker.flush()
    return walker.blocks


def _group(blocks: list[tuple[str, str]], h1_is_title: bool) -> list[Section]:
    """Blocks into sections under h1/h2/h3 headings; the first h1 is the title when
    `h1_is_title`, else a chapter like the others.

    Each section keeps the headings of the chapters it lies in (`Section.outline`), as the
    Markdown parser does: a chapter heading with no text of its own ("Fjordby Kommune" over
    "Baggrund") still names the chapter its subsections belong to, which is what splits a report
    into its cases (ingest/report_cases.py).
    """
    sections: list[Section] = []
    paras: list[str] = []
    # (level, heading) of the open headings, the current one last.
    open_headings: list[tuple[int, str]] = []

    def close() -> None:
        if paras:
            heading = open_headings[-1][1] if open_headings else ""
            outline = tuple(h for _, h in open_headings[:-1])
            sections.append(Section(text="\n\n".join(paras), heading=heading, outline=outline))
        paras.clear()

    seen_h1 = not h1_is_title
    for kind, text in blocks:
        if kind == "h1" and not seen_h1:
            seen_h1 = True  # the title, not content
            continue
        level = _SECTION_LEVELS.get(kind)
        if level is None:
            paras.append(text)
            continue
        close()
        while open_headings and open_headings[-1][0] >= level:
            open_headings.pop()
        open_headings.append((level, text))
    close()
    return sections
