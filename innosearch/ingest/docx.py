"""Word reports (.docx) via python-docx: headings become sections, tables become rows of text."""

import io
from pathlib import Path

import docx
from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from innosearch.documents import ParsedDocument, Section
from innosearch.errors import ParseError
from innosearch.ingest.base import NO_LIMITS, ParseLimits, read_bytes
from innosearch.ingest.decode import prettify_filename
from innosearch.ingest.report_cases import chapter_paths
from innosearch.text.normalise import clean_line, clean_text

CORRUPT = "Word-filen er beskadiget eller ikke en .docx-fil"
NO_TEXT = "Word-filen indeholder ingen tekst"
# Word wraps a .docx saved with a password in an OLE compound file, the old .doc's format.
SEALED = (
    "Word-filen er beskyttet med adgangskode eller i det gamle .doc-format; gem den som .docx "
    "uden adgangskode"
)
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Heading levels that start a section; "Heading 1" in a report is usually the chapter title.
_SECTION_LEVELS = {1, 2, 3}
# A bold paragraph longer than this, or ending a sentence, is emphasis in the text, not a heading.
_MAX_HEADING_WORDS = 12
_MAX_TITLE_WORDS = 25
_CLOSING_PUNCTUATION = (".", ",", ";", ":", "!", "?")


class DocxParser:
    """Reports written in Word (.docx; the old binary .doc is not supported)."""

    kind = "docx"
    suffixes = (".docx",)

    def parse(self, path: Path, limits: ParseLimits = NO_LIMITS) -> list[ParsedDocument]:
        data = read_bytes(path)
        if not data.strip():
            raise ParseError("filen er tom")
        if data.startswith(_OLE_SIGNATURE):
            raise ParseError(SEALED)
        document = _open(data)
        title, sections = _sections(document)
        if not sections:
            raise ParseError(NO_TEXT)
        stated = clean_line(document.core_properties.title or "")
        return [
            ParsedDocument(
                title=stated or title or prettify_filename(path.stem),
                kind=self.kind,
                sections=sections,
            )
        ]


def _open(data: bytes) -> Document:
    # python-docx raises zipfile, KeyError and lxml errors on damaged files; for the user they
    # all mean the same thing.
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ParseError(CORRUPT) from exc


def _heading_level(paragraph: Paragraph) -> int | None:
    """1-9 for "Heading N" styles (also Danish "Overskrift N"), 0 for "Title", else None."""
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name.lower() in ("title", "titel"):
        return 0
    for prefix in ("heading ", "overskrift "):
        if name.lower().startswith(prefix) and name[len(prefix) :].strip().isdigit():
            return int(name[len(prefix) :].strip())
    return None


def _blocks(document: Document) -> list[Paragraph | Table]:
    """Paragraphs and tables in the order they appear in the body."""
    return list(document.iter_inner_content())


def _table_text(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = clean_line(cell.text)
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def _sections(document: Document) -> tuple[str, list[Section]]:
    """The document's title (Title style or a lone top heading) and its sections.

    Each section keeps the headings of the chapters it lies in (`Section.outline`): a chapter
    heading with no text of its own ("Fjordby Kommune" over "Baggrund") still names the chapter
    its subsections belong to, which is what splits a report into its cases. Heading styles
    give the levels; headings set in bold have none, so `chapter_paths` reads them.
    """
    blocks = _blocks(document)
    title_block = _title_paragraph(blocks)
    title = clean_line(title_block.text) if title_block is not None else ""
    styled = any(_section_level(b) is not None for b in blocks if isinstance(b, Paragraph))
    headings: list[str] = []
    styled_outlines: list[tuple[str, ...]] = []
    # (level, heading) of the open headings, the current one last.
    open_headings: list[tuple[int, str]] = []
    # The current section's paragraphs, each as its lines: a run of list items is one paragraph,
    # its items joined once when the section closes (not copied onto it item by item).
    paras: list[list[str]] = []
    texts: list[tuple[int, str]] = []  # (index of the section's heading, -1 for none; text)

    def close() -> None:
        text = clean_text("\n\n".join("\n".join(lines) for lines in paras))
        if text:
            texts.append((len(headings) - 1, text))

    for block in blocks:
        if isinstance(block, Table):
            text = _table_text(block)
            if text:
                paras.append([text])
            continue
        text = clean_line(block.text)
        if not text or block is title_block:
            continue
        level = _section_level(block) if styled else (1 if _is_bold_heading(block) else None)
        if level is not None:
            close()
            paras = []
            while open_headings and open_headings[-1][0] >= level:
                open_headings.pop()
            styled_outlines.append(tuple(h for _, h in open_headings))
            open_headings.append((level, text))
            headings.append(text)
        elif _is_list_item(block) and paras and paras[-1][0].startswith("- "):
            paras[-1].append(f"- {text}")  # consecutive list items stay one block
        else:
            paras.append([f"- {text}" if _is_list_item(block) else text])
    close()
    outlines = styled_outlines if styled else [path[:-1] for path in chapter_paths(headings)]
    sections = [
        Section(text=text, heading=headings[i], outline=outlines[i]) if i >= 0 else Section(text)
        for i, text in texts
    ]
    return title, sections


def _section_level(paragraph: Paragraph) -> int | None:
    level = _heading_level(paragraph)
    return level if level in _SECTION_LEVELS else None


def _is_bold_heading(paragraph: Paragraph) -> bool:
    """A short paragraph set in bold throughout, with no closing punctuation."""
    text = clean_line(paragraph.text)
    runs = [run for run in paragraph.runs if run.text.strip()]
    style_bold = paragraph.style is not None and bool(paragraph.style.font.bold)
    return (
        bool(runs)
        and all(run.bold or (run.bold is None and style_bold) for run in runs)
        and len(text.split()) <= _MAX_HEADING_WORDS
        and not text.endswith(_CLOSING_PUNCTUATION)
        and not _is_list_item(paragraph)
    )


def _title_paragraph(blocks: list[Paragraph | Table]) -> Paragraph | None:
    """The paragraph in the Title style, or else the top heading when it is the title.

    A report with several "Heading 1"s uses them for its chapters ("Forord", "Metode", one per
    project); the first of them is the title only when it stands alone or straight over the
    next "Heading 1": a chapter is never empty.
    """
    paragraphs = [b for b in blocks if isinstance(b, Paragraph) and clean_line(b.text)]
    titles = [p for p in paragraphs if _heading_level(p) == 0]
    if titles:
        return titles[0]
    tops = [i for i, p in enumerate(paragraphs) if _heading_level(p) == 1]
    if tops and (len(tops) == 1 or tops[1] == tops[0] + 1):
        return paragraphs[tops[0]]
    return _cover_line(paragraphs)


def _cover_line(paragraphs: list[Paragraph]) -> Paragraph | None:
    """The first paragraph when it stands before every heading and reads as a title: a cover
    page's title set in large type without a style."""
    if not paragraphs or _heading_level(paragraphs[0]) is not None:
        return None
    text = clean_line(paragraphs[0].text)
    looks_like_title = len(text.split()) <= _MAX_TITLE_WORDS and not text.endswith(".")
    followed_by_heading = len(paragraphs) > 1 and (
        _heading_level(paragraphs[1]) is not None or _is_bold_heading(paragraphs[1])
    )
    return paragraphs[0] if looks_like_title and followed_by_heading else None


def _is_list_item(paragraph: Paragraph) -> bool:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    return numbered or name.lower().startswith(("list", "liste"))
