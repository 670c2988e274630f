"""Multi-case reports published as web pages split as their Markdown and Word versions do."""

import pytest

from innosearch.index.store import Store
from innosearch.ingest.html import HtmlParser
from innosearch.ingest.pipeline import Ingestor
from innosearch.ingest.report_cases import split_report
from tests.ingest.report_files import (
    EVALUATION_APPENDIX,
    EVALUATION_FRAMING,
    EVALUATION_PROJECTS,
    EVALUATION_TITLE,
    MUNICIPAL_PAGE,
    ONE_PROJECT,
    centre_evaluation_docx,
    centre_evaluation_html,
    centre_evaluation_markdown,
    centre_evaluation_word_html,
    municipal_page_html,
    one_project_html,
)
from tests.ingest.test_report_cases_reading import CASE_TITLES, _assert_one_case_per_project, _split


def _outlines(doc) -> list[tuple[tuple[str, ...], str]]:
    return [(s.outline, s.heading) for s in doc.sections]


def _chapter_outlines(chapters: list[tuple[str, list[tuple[str, str]]]]):
    """Each part's outline and heading: a subsection lies in its chapter; a chapter's own text
    is the chapter's section."""
    return [
        ((title,), heading) if heading else ((), title)
        for title, parts in chapters
        for heading, _ in parts
    ]


def _as_stored(docs) -> list[tuple]:
    """What a split gives that is stored: titles, links and each section's heading and text."""
    return [
        (
            doc.title,
            doc.source_suffix,
            doc.part_of_suffix,
            doc.part_of_title,
            [(s.heading, s.text) for s in doc.sections],
        )
        for doc in docs
    ]


def test_an_html_evaluation_with_a_chapter_per_project_gets_one_case_each(tmp_path):
    # Each project's <h2> stands straight over its <h3> Baggrund: it has no text of its own.
    docs = _split(centre_evaluation_html(tmp_path))
    assert docs[0].title == EVALUATION_TITLE
    _assert_one_case_per_project(docs)


@pytest.mark.parametrize(
    "write",
    [
        centre_evaluation_markdown,
        centre_evaluation_docx,
        lambda folder: centre_evaluation_docx(folder, styled=False),
    ],
    ids=["markdown", "word", "word-bold-headings"],
)
def test_an_html_evaluation_splits_exactly_as_its_other_versions_do(tmp_path, write):
    assert _as_stored(_split(centre_evaluation_html(tmp_path))) == _as_stored(
        _split(write(tmp_path))
    )


def test_each_section_keeps_the_chapter_headings_it_lies_in(tmp_path):
    (doc,) = HtmlParser().parse(centre_evaluation_html(tmp_path))
    framing = [(title, [("", text)]) for title, text in EVALUATION_FRAMING]
    projects = [(title, parts) for title, _, parts in EVALUATION_PROJECTS]
    # The appendix's <h2> closes the last project's chapter and its <h3>.
    appendix = [(EVALUATION_APPENDIX[0], [("", EVALUATION_APPENDIX[1])])]
    assert _outlines(doc) == _chapter_outlines([*framing, *projects, *appendix])


def test_an_html_page_whose_chapters_are_phases_of_one_project_stays_one_document(tmp_path):
    (doc,) = HtmlParser().parse(one_project_html(tmp_path))
    assert _outlines(doc) == _chapter_outlines(ONE_PROJECT)
    assert split_report(doc) == [doc]


def test_an_ordinary_municipal_page_with_h2_sections_is_not_split(tmp_path):
    (doc,) = HtmlParser().parse(municipal_page_html(tmp_path))
    assert doc.title == "Hjemmehjælp"
    assert _outlines(doc) == [((), ""), *_chapter_outlines(MUNICIPAL_PAGE)]
    assert split_report(doc) == [doc]


def test_ingest_stores_an_html_evaluation_as_the_report_and_its_linked_cases(
    settings, embedder, tmp_path
):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    centre_evaluation_html(folder)
    municipal_page_html(folder)
    assert Ingestor(settings, embedder).ingest([folder]).ok
    docs = {d.source: d for d in Store(settings.store_path).all_documents()}
    assert sorted(docs) == [
        "evaluering-2024.html",
        *(f"evaluering-2024.html#sag-{n}" for n in range(1, 5)),
        "hjemmehjaelp.html",
    ]
    report = docs["evaluering-2024.html"]
    assert [p.title for p in report.parts] == CASE_TITLES
    assert docs["evaluering-2024.html#sag-2"].organisation == "Region Vestkyst"


def test_a_word_document_saved_as_a_web_page_keeps_its_title_and_splits(tmp_path):
    """Word writes the title as <p class="MsoTitle"> and each chapter as an h1: the first
    chapter, "Forord", was taken for the title, and its text lost its heading."""
    docs = _split(centre_evaluation_word_html(tmp_path))
    report = docs[0]
    assert report.title == EVALUATION_TITLE
    assert report.sections[0].heading == EVALUATION_FRAMING[0][0]
    assert not any(EVALUATION_TITLE in s.text for s in report.sections)
    _assert_one_case_per_project(docs)
