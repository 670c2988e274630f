"""Suffix -> parser mapping."""

from pathlib import Path

import pytest

from innosearch.errors import UnsupportedSource
from innosearch.ingest.base import SourceParser
from innosearch.ingest.registry import SUPPORTED_SUFFIXES, parse_file, parser_for


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.json", "case"),
        ("a.JSONL", "case"),
        ("a.csv", "case"),
        ("a.pdf", "pdf"),
        ("a.docx", "docx"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.md", "markdown"),
        ("a.markdown", "markdown"),
        ("a.txt", "text"),
    ],
)
def test_parser_for_known_suffixes(name, kind):
    parser = parser_for(Path(name))
    assert isinstance(parser, SourceParser)
    assert parser.kind == kind


def test_unsupported_suffix_names_the_suffix_and_the_supported_ones():
    with pytest.raises(UnsupportedSource) as info:
        parser_for(Path("rapport.pptx"))
    message = info.value.message
    assert message.startswith("filtypen .pptx understøttes ikke")
    for suffix in (".json", ".jsonl", ".csv", ".pdf", ".docx", ".html", ".htm", ".md", ".txt"):
        assert suffix in message


def test_no_suffix():
    with pytest.raises(UnsupportedSource, match="ingen filtype"):
        parser_for(Path("README"))


def test_supported_suffixes_are_unique_and_lowercase():
    assert len(SUPPORTED_SUFFIXES) == len(set(SUPPORTED_SUFFIXES))
    assert all(s == s.lower() and s.startswith(".") for s in SUPPORTED_SUFFIXES)


def test_parse_file_dispatches(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Genbrug af hjælpemidler\n\nVi har samlet hjælpemidler centralt.", "utf-8")
    docs = parse_file(path)
    assert docs[0].kind == "text"
    assert docs[0].title == "Genbrug af hjælpemidler"
