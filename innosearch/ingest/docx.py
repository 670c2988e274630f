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
    """The document's title (Title style or first top heading) and its sections."""
    title = ""
    heading = ""
    paras: list[str] = []
    sections: list[Section] = []

    def close() -> None:
        text = clean_text("\n\n".join(paras))
        if text:
            sections.append(Section(text=text, heading=heading))

    for block in _blocks(document):
        if isinstance(block, Table):
            text = _table_text(block)
            if text:
                paras.append(text)
            continue
        text = clean_line(block.text)
        if not text:
            continue
        level = _heading_level(block)
        if level is not None and not title and level <= 1:
            title = text
        elif level in _SECTION_LEVELS:
            close()
            heading, paras = text, []
        elif _is_list_item(block) and paras and paras[-1].startswith("- "):
            paras[-1] += "\n- " + text  # consecutive list items stay one block
        else:
            paras.append(f"- {text}" if _is_list_item(block) else text)
    close()
    return title, sections


def _is_list_item(paragraph: Paragraph) -> bool:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    return numbered or name.lower().startswith(("list", "liste"))
