"""The one place that maps file suffixes to source parsers.

A new source kind is one new module in `ingest/` and one entry in `PARSERS` below.
"""

from pathlib import Path

from innosearch.documents import ParsedDocument
from innosearch.errors import UnsupportedSource
from innosearch.ingest.base import NO_LIMITS, ParseLimits, SourceParser
from innosearch.ingest.case_records import CaseRecordParser
from innosearch.ingest.docx import DocxParser
from innosearch.ingest.html import HtmlParser
from innosearch.ingest.pdf import PdfParser
from innosearch.ingest.text import MarkdownParser, PlainTextParser

PARSERS: tuple[SourceParser, ...] = (
    CaseRecordParser(),
    PdfParser(),
    DocxParser(),
    HtmlParser(),
    MarkdownParser(),
    PlainTextParser(),
)

_BY_SUFFIX: dict[str, SourceParser] = {
    suffix: parser for parser in PARSERS for suffix in parser.suffixes
}

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_BY_SUFFIX)


def _supported_list() -> str:
    return ", ".join(SUPPORTED_SUFFIXES)


def parser_for(path: Path) -> SourceParser:
    """The parser for `path`'s suffix (case-insensitive); UnsupportedSource when there is none."""
    suffix = path.suffix.lower()
    if not suffix:
        raise UnsupportedSource(f"filen har ingen filtype (understøttede: {_supported_list()})")
    try:
        return _BY_SUFFIX[suffix]
    except KeyError:
        raise UnsupportedSource(
            f"filtypen {suffix} understøttes ikke (understøttede: {_supported_list()})"
        ) from None


def parse_file(path: Path, limits: ParseLimits = NO_LIMITS) -> list[ParsedDocument]:
    """Parse one file with the parser its suffix selects (result may carry `warnings`)."""
    return parser_for(path).parse(path, limits)
