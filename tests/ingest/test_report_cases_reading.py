"""Multi-case reports laid out the way real ones are: covers, running headers, Word styles."""

from fpdf import FPDF

from innosearch.index.store import Store
from innosearch.ingest.base import NO_LIMITS
from innosearch.ingest.docx import DocxParser
from innosearch.ingest.pdf import PdfParser
from innosearch.ingest.pipeline import Ingestor
from innosearch.ingest.registry import parse_file
from innosearch.ingest.report_cases import CASES_HEADING, split_report
from tests.ingest.report_files import (
    EVALUATION_APPENDIX,
    EVALUATION_FRAMING,
    EVALUATION_PROJECTS,
    EVALUATION_TITLE,
    centre_evaluation_docx,
    centre_evaluation_pdf,
)

CASE_TITLES = [title for title, _, _ in EVALUATION_PROJECTS]
FRAMING_HEADINGS = [title for title, _ in EVALUATION_FRAMING] + [EVALUATION_APPENDIX[0]]


def _split(path):
    (doc,) = parse_file(path, NO_LIMITS)
    return split_report(doc)


def _assert_one_case_per_project(docs) -> None:
    report, *cases = docs
    assert [case.title for case in cases] == CASE_TITLES
    for case, (_, _, parts) in zip(cases, EVALUATION_PROJECTS, strict=True):
        # Each case keeps its whole story, its first subsection included.
        assert [s.heading.split(" ")[-1] for s in case.sections] == [h for h, _ in parts]
        assert case.part_of_title == EVALUATION_TITLE
    # The framing chapters stay with the report and are never cases.
    assert all(any(h in s.heading for s in report.sections) for h in FRAMING_HEADINGS)
    assert report.sections[-1].heading == CASES_HEADING
    assert "demens" not in report.text and "Mette Kjærgaard" not in report.text


def test_a_pdf_evaluation_with_a_chapter_per_project_gets_one_case_each(tmp_path):
    # Each chapter opens its page with "N. <name>" straight over "N.1 Baggrund": the heading
    # has no text of its own, and "N.1 Baggrund" stands at the top of four pages.
    docs = _split(centre_evaluation_pdf(tmp_path))
    assert docs[0].title == EVALUATION_TITLE
    _assert_one_case_per_project(docs)


def test_a_subheading_every_chapter_opens_with_is_no_running_header(tmp_path):
    (doc,) = PdfParser().parse(centre_evaluation_pdf(tmp_path))
    headings = [s.heading for s in doc.sections]
    assert [h for h in headings if h.endswith("Baggrund")] == [
        "4.1 Baggrund",
        "5.1 Baggrund",
        "6.1 Baggrund",
        "7.1 Baggrund",
    ]
    assert "Nationalt Center for Offentlig Innovation  |" not in doc.text


def test_a_pdf_title_ends_where_the_cover_type_gets_smaller(tmp_path):
    # Publisher and date follow the title on the cover without a blank line between them.
    (doc,) = PdfParser().parse(centre_evaluation_pdf(tmp_path))
    assert doc.title == EVALUATION_TITLE


def test_figures_that_end_a_sentence_are_kept(tmp_path):
    # A phone number wrapped onto a line of its own is text, not a page number.
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "", 11)
    for line in [
        "Evalueringen er gennemført af kommunens analyseenhed i samarbejde med hjemmeplejen.",
        "Kontaktperson: Projektleder Mette Kjærgaard, mette.kjaergaard@fjordby.dk, tlf. 72 11 22",
        "33.",
        "Spørgsmål om data kan også rettes til analyseenheden på hverdage mellem 9 og 15.",
    ]:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "kontakt.pdf"
    pdf.output(str(path))
    (doc,) = PdfParser().parse(path)
    assert "tlf. 72 11 22 33." in doc.text


def test_a_word_evaluation_with_heading_styles_gets_one_case_each(tmp_path):
    docs = _split(centre_evaluation_docx(tmp_path))
    assert docs[0].title == EVALUATION_TITLE
    _assert_one_case_per_project(docs)


def test_a_word_evaluation_with_bold_headings_gets_one_case_each(tmp_path):
    _assert_one_case_per_project(_split(centre_evaluation_docx(tmp_path, styled=False)))


def test_the_first_of_several_heading_1s_is_a_chapter_not_the_title(tmp_path):
    (doc,) = DocxParser().parse(centre_evaluation_docx(tmp_path))
    assert doc.title == EVALUATION_TITLE
    assert doc.sections[0].heading == "Forord"
    assert doc.sections[0].text == EVALUATION_FRAMING[0][1]


def test_each_stored_case_names_its_own_contact_and_organisation(settings, embedder, tmp_path):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    centre_evaluation_pdf(folder)
    assert Ingestor(settings, embedder).ingest([folder]).ok
    docs = {d.source: d for d in Store(settings.store_path).all_documents()}
    report = docs["evaluering-2024.pdf"]
    assert report.title == EVALUATION_TITLE
    assert [p.title for p in report.parts] == CASE_TITLES
    contacts = ["Mette Kjærgaard", "Lars Bech", "Hanne Mølgaard", "Sofie Dahl"]
    for number, contact in enumerate(contacts, start=1):
        case = docs[f"evaluering-2024.pdf#sag-{number}"]
        assert case.contact_name == contact
        assert case.part_of is not None and case.part_of.title == EVALUATION_TITLE
    # Where the chapter names the contact's organisation, the case is that organisation's.
    assert [docs[f"evaluering-2024.pdf#sag-{n}"].organisation for n in (1, 2, 4)] == [
        "Fjordby Kommune",
        "Region Vestkyst",
        "Randers Kommune",
    ]


def test_a_pdf_of_two_projects_without_numbered_headings_gets_both_cases(tmp_path):
    # "Fjordby Kommune: …" straight over "Baggrund", nothing numbered: the chapter heading has
    # no text of its own, and only where it stands says that "Baggrund" lies in it.
    path = centre_evaluation_pdf(tmp_path, projects=EVALUATION_PROJECTS[:2], numbered=False)
    report, *cases = _split(path)
    assert [case.title for case in cases] == CASE_TITLES[:2]
    assert [[s.heading for s in case.sections] for case in cases] == [
        ["Baggrund", "Indsats", "Resultater", "Erfaringer"]
    ] * 2
    assert [s.heading for s in report.sections][-3:] == [
        "Metode",
        EVALUATION_APPENDIX[0],
        CASES_HEADING,
    ]
