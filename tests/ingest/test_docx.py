"""Word reports: title, sections under headings, list items and tables kept as text."""

import docx
import pytest

from innosearch.errors import ParseError
from innosearch.index.store import Store
from innosearch.ingest.docx import CORRUPT, NO_TEXT, DocxParser
from innosearch.ingest.pipeline import Ingestor
from tests.ingest.docx_files import word_report


def test_sections_follow_the_headings_and_keep_lists_and_tables(tmp_path):
    [doc] = DocxParser().parse(word_report(tmp_path / "rapport.docx"))
    assert doc.title == "Evaluering af nattevagt med sensorer"
    assert doc.kind == "docx"
    assert [s.heading for s in doc.sections] == ["Baggrund", "Resultater"]
    background = doc.sections[0].text
    assert "sensorer i sengene" in background
    assert "- Færre forstyrrende tilsyn om natten\n- Bedre søvn for beboerne" in background
    assert "Før | 14 tilsyn\nEfter | 6 tilsyn" in doc.sections[1].text


def test_the_title_property_wins_over_the_first_heading(tmp_path):
    path = word_report(tmp_path / "r.docx")
    document = docx.Document(str(path))
    document.core_properties.title = "Sensorer om natten – slutrapport"
    document.save(str(path))
    assert DocxParser().parse(path)[0].title == "Sensorer om natten – slutrapport"


def test_damaged_and_empty_files_are_refused_with_a_danish_message(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(ParseError) as info:
        DocxParser().parse(broken)
    assert info.value.message == CORRUPT
    blank = tmp_path / "blank.docx"
    docx.Document().save(str(blank))
    with pytest.raises(ParseError) as info:
        DocxParser().parse(blank)
    assert info.value.message == NO_TEXT


def test_a_word_report_is_ingested_as_a_document(settings, embedder, tmp_path):
    word_report(tmp_path / "in" / "nattevagt.docx")
    report = Ingestor(settings, embedder).ingest([tmp_path / "in"])
    assert report.added == ["nattevagt.docx"] and report.ok
    [doc] = Store(settings.store_path).all_documents()
    assert doc.kind == "docx" and "6 pr. beboer" in doc.text
