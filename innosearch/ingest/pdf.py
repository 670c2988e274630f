"""PDF reports via pypdf: text per page, repaired and joined into paragraphs under headings."""

import io
import logging
import math
import re
from collections import Counter
from dataclasses import replace
from itertools import takewhile
from pathlib import Path

from pypdf import PdfReader

from innosearch.documents import ParsedDocument, Section
from innosearch.errors import LimitExceeded, ParseError
from innosearch.ingest.base import NO_LIMITS, ParseLimits, read_bytes
from innosearch.ingest.decode import prettify_filename
from innosearch.ingest.report_cases import chapter_paths
from innosearch.text.normalise import (
    clean_line,
    clean_text,
    fix_characters,
    label_key,
    repair_hyphenation,
)

# pypdf logs its own complaints about damaged files ("EOF marker not found"); every failure
# already becomes one ParseError naming the file, so its log lines would only repeat it.
logging.getLogger("pypdf").setLevel(logging.ERROR)

CORRUPT = "PDF'en er beskadiget eller ikke en PDF"
ENCRYPTED = "PDF'en er krypteret (beskyttet med adgangskode)"
NO_PAGES = "PDF'en har ingen sider"
NO_TEXT = "PDF'en indeholder ingen tekst (måske en skannet PDF)"

_PAGE_NUMBER_RE = re.compile(
    r"^(?:(?:side|page|s\.)\s*)?[-–(]?\s*\d{1,4}\s*[-–)]?\s*(?:(?:af|of|/)\s*\d{1,4})?$", re.I
)
# Table-of-contents lines: "Data ........ 3".
_TOC_RE = re.compile(r"(?:\.\s?){4,}\s*\d+\s*$|…{2,}\s*\d+\s*$")
_NUMBERED_HEADING_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3}\.?)\s+([A-ZÆØÅ][^\n]*)$")
_BULLET_RE = re.compile(r"^(?:[•●▪■◦○·*\-–]|o(?=\s)|\d{1,2}[.)](?=\s))\s*")
_LETTER_RE = re.compile(r"[^\W\d_]")
_TERMINAL_PUNCT = ".,;:!?-–"
_SENTENCE_ENDS = (".", "!", "?", ":")
# How many lines at a page's top or bottom may be a running header or footer.
_EDGE_LINES = 4
_BAD_TITLES = {"untitled", "unknown", "title", "dokument", "document", "ingen_titel", "slide_1"}


class PdfParser:
    """Reports and other PDFs with a text layer."""

    kind = "pdf"
    suffixes = (".pdf",)

    def parse(self, path: Path, limits: ParseLimits = NO_LIMITS) -> list[ParsedDocument]:
        data = read_bytes(path)
        if not data.strip():
            raise ParseError("filen er tom")
        if b"%PDF" not in data[:1024]:
            raise ParseError(CORRUPT)
        reader = _open(data)
        pages = _page_texts(reader, limits.max_pages)
        lines_per_page = _strip_furniture([_page_lines(text) for text in pages])
        sections, first_heading = _sections(lines_per_page)
        if not sections:
            raise ParseError(NO_TEXT)
        title = (
            _metadata_title(reader)
            or _cover_title(reader)
            or _title_block(lines_per_page)
            or first_heading
        )
        return [
            ParsedDocument(
                title=title or prettify_filename(path.stem), kind=self.kind, sections=sections
            )
        ]


def _open(data: bytes) -> PdfReader:
    # pypdf raises many exception types on damaged files (PdfReadError, ValueError, KeyError,
    # struct errors, ...); for the user they all mean the same thing.
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as exc:
        raise ParseError(CORRUPT) from exc
    if reader.is_encrypted:
        try:
            decrypted = bool(reader.decrypt(""))
        except Exception:
            decrypted = False
        if not decrypted:
            raise ParseError(ENCRYPTED)
    return reader


def _page_texts(reader: PdfReader, max_pages: int) -> list[str]:
    try:
        pages = list(reader.pages)
    except Exception as exc:
        raise ParseError(CORRUPT) from exc
    if not pages:  # a valid PDF may hold no pages at all: nothing to read, not damage
        raise ParseError(NO_PAGES)
    if len(pages) > max_pages:
        # Refused whole rather than cut: a report's first pages alone would be found as if
        # they were all of it.
        raise LimitExceeded(
            f"PDF'en har {len(pages)} sider; grænsen er {max_pages} (INNOSEARCH_MAX_PAGES)"
        )
    texts: list[str] = []
    failures = 0
    for page in pages:
        try:
            texts.append(page.extract_text() or "")
        except Exception:
            failures += 1
            texts.append("")
    if failures == len(pages):
        raise ParseError(CORRUPT)
    if not any(_LETTER_RE.search(t) for t in texts):
        raise ParseError(NO_TEXT)
    return texts


def _page_lines(text: str) -> list[str]:
    text = repair_hyphenation(fix_characters(text))
    return [" ".join(line.split()) for line in text.split("\n")]


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", label_key(line))


def _strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers, running headers/footers, TOC lines and chart axis labels."""
    # Running headers and footers: near a page's top or bottom, repeated on many pages.
    counts: Counter[str] = Counter()
    for lines in pages:
        nonblank = [line for line in lines if line]
        keys = {_furniture_key(line) for line in nonblank[:_EDGE_LINES] + nonblank[-_EDGE_LINES:]}
        keys.discard("")
        counts.update(keys)
    threshold = max(3, int(0.4 * len(pages) + 0.5))
    repeated = {key for key, n in counts.items() if n >= threshold}

    out: list[list[str]] = []
    for lines in pages:
        kept: list[str] = []
        toc = _toc_lines(lines)
        running = _running_lines(lines, repeated)
        for i, line in enumerate(lines):
            if line and (
                i in toc
                or i in running
                or _TOC_RE.search(line)
                or (_is_figures(line) and not _ends_sentence(line, kept))
            ):
                continue
            kept.append(line)
        out.append(kept)
    return out


def _is_figures(line: str) -> bool:
    """A page number or a chart's label: no words to speak of."""
    return (
        bool(_PAGE_NUMBER_RE.match(line))
        or len(_LETTER_RE.findall(line)) < 2
        or _is_axis_label(line)
    )


def _ends_sentence(line: str, before: list[str]) -> bool:
    """A line of figures that ends the sentence above it ("… tlf. 72 11 22" / "33."): text."""
    previous = next((b for b in reversed(before) if b), "")
    return line.endswith(".") and bool(previous) and not previous.endswith(_SENTENCE_ENDS)


def _running_lines(lines: list[str], repeated: set[str]) -> set[int]:
    """Indexes of the running header and footer: repeated lines at the page's top or bottom
    edge with nothing but page numbers and other such lines between them and the edge.

    A repeated line lower down is the page's own: the subheading every chapter opens with
    ("4.1 Baggrund", "5.1 Baggrund" under each municipality's chapter title) repeats too.
    """
    found: set[int] = set()
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        seen = 0
        for i in order:
            line = lines[i]
            if not line or _is_figures(line):
                continue
            if seen == _EDGE_LINES or len(line) >= 120 or _furniture_key(line) not in repeated:
                break
            found.add(i)
            seen += 1
    return found


_TOC_ENTRY_RE = re.compile(r"^\S.*\s\d{1,3}$")
_SECTION_NUMBER_RE = re.compile(r"^\d{1,2}(\.\d{1,2})*\.?\s")


def _toc_lines(lines: list[str]) -> set[int]:
    """Indexes of table-of-contents entries without dot leaders ("2 Kort beskrivelse 2").

    A run of at least three lines ending in a page number, most of them numbered or in capitals.
    """
    found: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, None]):
        if line and _TOC_ENTRY_RE.match(line) and len(line.split()) >= 2:
            run.append(i)
            continue
        if line == "" and run:
            continue  # blank lines inside a TOC do not end it
        styled = sum(bool(_SECTION_NUMBER_RE.match(lines[j])) or lines[j].isupper() for j in run)
        if len(run) >= 3 and styled * 2 >= len(run):
            found.update(run)
        run = []
    return found


def _is_axis_label(line: str) -> bool:
    """Chart labels such as "200,000 kr." or "10 %": a number and at most a unit."""
    words = line.split()
    return len(words) <= 3 and any(c.isdigit() for c in line) and len(_LETTER_RE.findall(line)) <= 3


# A heading may end in an abbreviation's full stop: "7 Beskrivelse af regler, formler mv.".
_ABBREVIATION_END_RE = re.compile(r"\s(?:mv|m\.v|m\.m|mm|osv|etc|mfl|m\.fl)\.$", re.I)


def _is_numbered_heading(line: str) -> bool:
    m = _NUMBERED_HEADING_RE.match(line)
    if not m:
        return False
    rest = m.group(2)
    return (
        len(line) <= 90
        and len(rest.split()) <= 12
        and (not line.endswith(tuple(_TERMINAL_PUNCT)) or bool(_ABBREVIATION_END_RE.search(line)))
        and len(_LETTER_RE.findall(rest)) >= 3
    )


def _heading_number(line: str) -> tuple[int, ...]:
    """The number of a numbered heading ("10.2 Aflæs" -> (10, 2)); () for any other line."""
    m = _NUMBERED_HEADING_RE.match(line)
    return tuple(int(n) for n in m.group(1).rstrip(".").split(".")) if m else ()


def _continues(number: tuple[int, ...], previous: tuple[int, ...]) -> bool:
    """Whether `number` is the next heading's number after `previous`: its first subsection
    ("10" -> "10.1"), its next sibling ("10.1" -> "10.2") or the next one higher up ("4.3" -> "5").
    """
    if not number or not previous:
        return False
    if number == (*previous, 1):
        return True
    depth = len(number)
    return depth <= len(previous) and number == (*previous[: depth - 1], previous[depth - 1] + 1)


def _is_next_sibling(number: tuple[int, ...], previous: tuple[int, ...]) -> bool:
    return bool(previous) and number == (*previous[:-1], previous[-1] + 1)


# A heading set beside a picture wraps within its narrow box: "10.2 Aflæs" / "timeseddel".
_WRAP_WORDS = 3
_WRAP_LINES = 4


def _join_wrapped_headings(lines: list[str], full_width: int) -> list[str]:
    """Numbered headings wrapped over several short lines, joined into one line.

    A line of running text breaks where the page ends; a numbered line far shorter than that,
    followed by a few words in lower case and then a gap or a new sentence, is a heading set in
    a narrow box ("10.8 Trin 5 – Bestem" / "sagstype," / "målgruppe og" / "sagsstatus").
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not _NUMBERED_HEADING_RE.match(line) or len(line) >= 0.5 * full_width:
            out.append(line)
            continue
        parts = [line]
        j = i
        while j < len(lines) and len(parts) <= _WRAP_LINES and _wrapped_part(lines[j]):
            parts.append(lines[j])
            j += 1
        after = lines[j] if j < len(lines) else ""
        joined = " ".join(parts)
        if len(parts) > 1 and not after[:1].islower() and _is_numbered_heading(joined):
            out.append(joined)
            i = j
        else:
            out.append(line)
    return out


def _wrapped_part(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= _WRAP_WORDS
        and line[:1].islower()
        and not line.endswith((".", "!", "?", ":", ";"))
        and not any(c.isdigit() for c in line)
    )


_SUBHEADING_WORDS = 4
_QUOTE_RE = re.compile('["“”‘’]')
# A web or e-mail address: an instruction or a contact line, never a heading.
_ADDRESS_RE = re.compile(r"://|\bwww\.|\S@\S")


def _is_subheading(line: str) -> bool:
    """An unnumbered subheading among numbered ones: in sentence case (not a table's column
    names, "Beskrivelse Modtager"), and quoting nothing (not "Tryk på knappen ”Nyt”")."""
    words = line.split()
    column_names = len(words) >= 2 and all(w[:1].isupper() for w in words)
    return not column_names and not _QUOTE_RE.search(line)


# A list item in letters ("a. Der hentes …") opens a list, not the rest of a sentence.
_LETTER_ITEM_RE = re.compile(r"^[a-z][.)]\s")


def _is_subsection(line: str, chapter: str) -> bool:
    """Whether numbered heading `line` lies in numbered heading `chapter` ("4.1" in "4.")."""
    number = _NUMBERED_HEADING_RE.match(chapter)
    return number is not None and line.startswith(number.group(1).rstrip(".") + ".")


def _is_text_line(line: str) -> bool:
    """Running text: six words or more, not a table row (half of its words numbers, as in
    "Større end 0 cm 1.917.357 38")."""
    words = line.split()
    return len(words) >= 6 and 2 * sum(any(c.isdigit() for c in w) for w in words) < len(words)


def _heading_shape(line: str) -> bool:
    """Short, capitalised, no closing punctuation: could be a heading."""
    words = line.split()
    return (
        1 <= len(words) <= 8
        and len(line) <= 70
        and line[0].isupper()
        and not line.endswith(tuple(_TERMINAL_PUNCT))
        and len(_LETTER_RE.findall(line)) >= 3
        and "|" not in line
        and not _BULLET_RE.match(line)
        # Table rows ("Kælder 578 kr./m2 over 20 cm") carry numbers; headings rarely do.
        and sum(any(c.isdigit() for c in w) for w in words) <= 1
        and "=" not in line
        and not _ADDRESS_RE.search(line)
        and not _is_column_names(words)
    )


def _is_column_names(words: list[str]) -> bool:
    """A table's header row ("Beskrivelse Step Action", "Type Frekvens Tid"): three words or
    more, each capitalised. Danish headings are written in sentence case."""
    return len(words) >= 3 and all(w[:1].isupper() for w in words)


def _is_plain_heading(line: str, prev: str, nxt: str, nxt2: str) -> bool:
    """A heading-shaped line after a gap or a finished sentence, followed by running text
    (directly, or after one more heading: "Data" / "Startsteder" / text)."""
    if prev and not prev.endswith((".", "!", "?")):
        return False
    if not _heading_shape(line):
        return False
    return _is_text_line(nxt) or (_heading_shape(nxt) and _is_text_line(nxt2))


def _following(lines: list[str], i: int, count: int) -> list[str]:
    """The next `count` non-blank lines after index i (padded with "")."""
    # Not a slice of the lines below: a page of 20,000 lines would copy them all per line.
    out: list[str] = []
    j = i + 1
    while j < len(lines) and len(out) < count:
        if lines[j]:
            out.append(lines[j])
        j += 1
    return out + [""] * (count - len(out))


class _SectionBuilder:
    """Collects paragraphs per page under the current heading."""

    def __init__(self, full_width: int):
        self.sections: list[Section] = []
        self.heading = ""
        self.first_heading = ""
        # Every heading in order, also one with no text of its own ("4. Fjordby Kommune" straight
        # over "4.1 Baggrund"), and per section the index of its heading: they give the outline.
        self.headings: list[str] = []
        self.heading_of: list[int] = []
        self.full_width = full_width
        self.paras: list[list[str]] = []
        self.current: list[str] = []
        self.page = 1
        # The number of the last numbered heading, and how many numbered headings were opened.
        self.number: tuple[int, ...] = ()
        self.numbered = 0
        self.under_number = False  # nothing stood under the last heading yet, and it is numbered

    def flush_para(self) -> None:
        if self.current:
            self.paras.append(self.current)
            self.current = []

    def flush_section(self) -> None:
        self.flush_para()
        parts: list[list[str]] = []
        for para in self.paras:
            joined = _join_lines(para)
            # Consecutive list items stay one block: one item per line, joined once below.
            if parts and joined.startswith("- ") and parts[-1][0].startswith("- "):
                parts[-1].append(joined)
            else:
                parts.append([joined])
        self.paras = []
        text = clean_text("\n\n".join("\n".join(lines) for lines in parts))
        if text:
            self.sections.append(Section(text=text, heading=self.heading, page=self.page))
            self.heading_of.append(len(self.headings) - 1)

    def open_heading(self, heading: str) -> None:
        self.heading = heading
        self.first_heading = self.first_heading or heading
        self.headings.append(heading)

    def outlined(self) -> list[Section]:
        """The sections, each with the chapters it lies in (see report_cases.chapter_paths)."""
        paths = chapter_paths(self.headings)
        return [
            replace(section, outline=paths[i][:-1] if i >= 0 else ())
            for section, i in zip(self.sections, self.heading_of, strict=True)
        ]

    def add_page(self, page_no: int, lines: list[str]) -> None:
        self.page = page_no
        lines = _join_wrapped_headings(lines, self.full_width)
        prev = ""
        for i, line in enumerate(lines):
            if not line:
                self.flush_para()
                prev = ""
                continue
            nxt, nxt2 = _following(lines, i, 2)
            # The next number of the document's own sequence ("10.1" -> "10.2", "8" -> "9") is a
            # heading whatever stands below it: a table, a screenshot, the page's end, a list.
            # Not a footnote that happens to carry the next number ("4 Eksempel: "BYG" like …").
            number = _heading_number(line)
            in_sequence = (
                _is_numbered_heading(line)
                and _continues(number, self.number)
                and not _QUOTE_RE.search(line)
                and not (prev and _heading_number(prev))
                and (not _is_numbered_heading(nxt) or _continues(_heading_number(nxt), number))
            )
            # A line whose sentence goes on below ("… og jeg anvender" / "derfor …") is text,
            # however short and numbered: a heading is followed by a sentence of its own.
            if nxt[:1].islower() and not (in_sequence and _LETTER_ITEM_RE.match(nxt)):
                self.current.append(line)
                self.under_number = False
                prev = line
                continue
            # Numbered lines in a row are a list or a table of contents, unless the next one is
            # this one's first subsection ("4. Fjordby Kommune" over "4.1 Baggrund").
            subsection = _is_subsection(nxt, line)
            numbered = (
                _is_numbered_heading(line)
                and (not _is_numbered_heading(nxt) or subsection)
                # the next row of a numbered list or table ("26 Rågelund …" / "27 Rødding …")
                and not _is_next_sibling(_heading_number(line), _heading_number(prev))
            )
            # A numbered heading may open a table at once: "8 Beskrivelse af undtagelser" over
            # the row "Beskrivelse Step Action".
            before_text = (
                _is_text_line(nxt)
                or ((_heading_shape(nxt) or subsection) and _is_text_line(nxt2))
                or _is_column_names(nxt.split())
            )
            # Where the headings are numbered, an unnumbered line is a subheading only when it
            # reads like one: not a step's instruction over a screenshot ("Tryk på knappen
            # ”Nyt”") nor a table's column names ("Beskrivelse Modtager"); and straight under a
            # numbered heading, as short as one ("2.1.1. Data" / "Helårsboliger og
            # fritidshuse"), not its first sentence ("10.3 Start Fasit" / "Åben en browser …").
            plain = (
                _is_plain_heading(line, prev, nxt, nxt2)
                and (not self.under_number or len(line.split()) <= _SUBHEADING_WORDS)
                and (self.numbered < 2 or _is_subheading(line))
            )
            if (numbered and before_text) or in_sequence or plain:
                self.flush_section()
                self.open_heading(clean_line(line))
                self.number = number or self.number
                self.numbered += bool(number)
                self.under_number = bool(number)
                prev = ""
                continue
            if _BULLET_RE.match(line) and self.current:
                self.flush_para()
            self.current.append(line)
            self.under_number = False
            # A short line ending a sentence ends its paragraph even without a blank line.
            if line.endswith((".", "!", "?", ":")) and len(line) < 0.6 * self.full_width:
                self.flush_para()
            prev = line
        self.flush_section()


def _sections(pages: list[list[str]]) -> tuple[list[Section], str]:
    """Sections per heading and page; returns them and the first heading seen."""
    widths = sorted(len(line) for lines in pages for line in lines if line)
    builder = _SectionBuilder(widths[int(len(widths) * 0.9)] if widths else 0)
    for page_no, lines in enumerate(pages, start=1):
        builder.add_page(page_no, lines)
    return builder.outlined(), builder.first_heading


def _join_lines(lines: list[str]) -> str:
    """Lines of one paragraph -> one line; a bullet item becomes "- item"."""
    out = ""
    for line in lines:
        bullet = _BULLET_RE.match(line)
        if bullet and not out:
            line = "- " + line[bullet.end() :]
        if not out:
            out = line
        # Looked at from the end: a search over the growing paragraph would read it per line.
        elif out.endswith("-") and re.match(r"\w", out[-2:-1]) and line[:1].isalnum():
            out += line  # "COVID-" + "19": a kept compound hyphen
        else:
            out += " " + line
    return out


_NOT_TITLE_RE = re.compile(
    r"^(version|udgave|dato|side|indhold|indholdsfortegnelse|forfattere?|forord|notat\s*$|"
    r"\d{1,2}\.\s*\w+\s+\d{4})",
    re.I,
)


def _title_block(pages: list[list[str]]) -> str:
    """The first short block of lines on the first page with text: usually the cover title."""
    for lines in pages[:2]:
        block: list[str] = []
        for line in [*lines, ""]:
            if line and not (block and _is_numbered_heading(line)):
                block.append(line)
                continue
            if not block:
                continue
            if _NOT_TITLE_RE.match(block[0]):
                block = []
                continue
            title = _join_lines(block)
            ok = (
                len(block) <= 3
                and len(title.split()) <= 25
                and not title.endswith(".")
                and not _is_numbered_heading(block[0])
            )
            return clean_line(title) if ok else ""
    return ""


def _cover_title(reader: PdfReader) -> str:
    """The first page's opening text when it is set larger than what follows it.

    A cover names the report in its largest type, then the publisher and the date in smaller
    type; read as plain text they run together ("… i fire kommuner Nationalt Center for
    Offentlig Innovation Juni 2024"), so the size tells where the title ends.
    """
    runs: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            runs.append((size * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]), text))

    try:
        reader.pages[0].extract_text(visitor_text=visit)
    except Exception:
        return ""
    if not runs:
        return ""
    first_size = runs[0][0]
    opening = list(takewhile(lambda run: abs(run[0] - first_size) < 0.5, runs))
    if len(opening) == len(runs) or runs[len(opening)][0] >= first_size:
        return ""
    title = clean_line(" ".join(text for _, text in opening))
    ok = (
        2 <= len(title.split()) <= 25
        and not title.endswith(".")
        and not _NOT_TITLE_RE.match(title)
        and not _is_numbered_heading(title)
    )
    return title if ok else ""


def _metadata_title(reader: PdfReader) -> str:
    try:
        raw = reader.metadata.title if reader.metadata else None
    except Exception:
        return ""
    if not raw:
        return ""
    title = clean_line(str(raw))
    title = re.sub(r"^(microsoft (word|powerpoint)|pdf)\s*-\s*", "", title, flags=re.I)
    title = re.sub(r"\.(docx?|pptx?|xlsx?|odt|indd|pdf)$", "", title, flags=re.I).strip()
    if len(_LETTER_RE.findall(title)) < 4 or label_key(title) in _BAD_TITLES:
        return ""
    return title[0].upper() + title[1:]
