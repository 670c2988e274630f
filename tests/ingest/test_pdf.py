"""PDF reports generated with fpdf2 (core fonts, so text is Latin-1)."""

import io

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from innosearch.errors import ParseError
from innosearch.ingest.pdf import PdfParser

BODY = (
    "Kommunen har i to år arbejdet med at udvikle en ny model for hjemmeplejen, hvor borgeren "
    "selv er med til at planlægge besøgene."
)


def make_pdf(path, pages: list[list[tuple[str, str]]], title: str | None = None) -> None:
    """Each page is a list of (style, line); style "H" is a bold heading, "" body text."""
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    for lines in pages:
        pdf.add_page()
        for style, line in lines:
            if style == "H":
                pdf.set_font("helvetica", "B", 14)
                pdf.ln(4)
            else:
                pdf.set_font("helvetica", "", 11)
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def two_page_report(path, title=None):
    make_pdf(
        path,
        [
            [
                ("", "Evaluering af hjemmepleje i Randers"),
                ("", ""),
                ("H", "1. Baggrund"),
                ("", "Kommunen har i to år arbejdet med at udvikle en ny model for inno-"),
                ("", "vation i hjemmeplejen, hvor borgeren selv planlægger besøgene med"),
                ("", "et nyt it-system og hjælp fra COVID-19 erfaringerne fra 2020."),
            ],
            [
                ("H", "2. Resultater"),
                ("", "Borgerne blev mere tilfredse, og antallet af aflyste besøg faldt med"),
                ("", "tyve procent i løbet af det første år af forsøget i kommunen."),
            ],
        ],
        title=title,
    )


def test_two_pages_headings_hyphenation_and_pages(tmp_path):
    path = tmp_path / "rapport.pdf"
    two_page_report(path)
    (doc,) = PdfParser().parse(path)
    assert doc.kind == "pdf"
    assert doc.title == "Evaluering af hjemmepleje i Randers"
    by_heading = {s.heading: s for s in doc.sections}
    background = by_heading["1. Baggrund"]
    assert background.page == 1
    assert "en ny model for innovation i hjemmeplejen" in background.text
    assert "it-system" in background.text and "COVID-19" in background.text
    # Lines of one paragraph are joined with single spaces.
    assert "planlægger besøgene med et nyt it-system" in background.text
    results = by_heading["2. Resultater"]
    assert results.page == 2
    assert results.text == (
        "Borgerne blev mere tilfredse, og antallet af aflyste besøg faldt med "
        "tyve procent i løbet af det første år af forsøget i kommunen."
    )


def test_metadata_title_wins_when_meaningful(tmp_path):
    path = tmp_path / "rapport.pdf"
    two_page_report(path, title="Hjemmepleje med borgerplanlægning")
    assert PdfParser().parse(path)[0].title == "Hjemmepleje med borgerplanlægning"
    two_page_report(path, title="Microsoft Word - notat.docx")
    assert PdfParser().parse(path)[0].title == "Notat"
    two_page_report(path, title="Untitled")
    assert PdfParser().parse(path)[0].title == "Evaluering af hjemmepleje i Randers"


def test_running_headers_and_page_numbers_are_removed(tmp_path):
    pages = [
        [
            ("", "Randers Kommune - Notat om hjemmepleje"),
            ("", ""),
            ("", f"Dette er side {n} af rapporten. {BODY}"),
            ("", ""),
            ("", f"Side {n} af 4"),
        ]
        for n in range(1, 5)
    ]
    path = tmp_path / "notat.pdf"
    make_pdf(path, pages)
    (doc,) = PdfParser().parse(path)
    assert "Side 2 af 4" not in doc.text
    assert doc.text.count("Notat om hjemmepleje") == 0
    assert [s.page for s in doc.sections] == [1, 2, 3, 4]
    assert doc.sections[1].text.startswith("Dette er side 2 af rapporten.")


def test_encrypted_pdf(tmp_path):
    plain = tmp_path / "plain.pdf"
    two_page_report(plain)
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="hemmelig", owner_password="ejer", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as fh:
        writer.write(fh)
    with pytest.raises(ParseError, match="PDF'en er krypteret"):
        PdfParser().parse(locked)

    # Only an owner password (empty user password): readable, so it parses.
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="", owner_password="ejer", algorithm="RC4-128")
    open_pdf = tmp_path / "owner_only.pdf"
    with open(open_pdf, "wb") as fh:
        writer.write(fh)
    assert "innovation" in PdfParser().parse(open_pdf)[0].text


def test_corrupt_and_fake_pdfs(tmp_path):
    good = tmp_path / "good.pdf"
    two_page_report(good)
    data = good.read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[:200])
    with pytest.raises(ParseError, match="PDF'en er beskadiget eller ikke en PDF"):
        PdfParser().parse(truncated)
    fake = tmp_path / "fake.pdf"
    fake.write_text("Dette er slet ikke en PDF", "utf-8")
    with pytest.raises(ParseError, match="PDF'en er beskadiget eller ikke en PDF"):
        PdfParser().parse(fake)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ParseError, match="filen er tom"):
        PdfParser().parse(empty)


def test_pdf_without_text(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # what a scan looks like to a text extractor
    buf = io.BytesIO()
    pdf.output(buf)
    path = tmp_path / "scan.pdf"
    path.write_bytes(buf.getvalue())
    with pytest.raises(ParseError, match="ingen tekst"):
        PdfParser().parse(path)


def test_a_tables_header_row_and_its_figures_are_no_section_headings(tmp_path):
    """A table's column names ("Beskrivelse Trin Handling") and a row over figures read like a
    short heading before running text; they became the section's label on the case page."""
    path = tmp_path / "procesbeskrivelse.pdf"
    make_pdf(
        path,
        [
            [
                ("H", "8 Beskrivelse af undtagelser"),
                ("", "Beskrivelse Trin Handling"),
                ("", "Hvis sagen ikke er en uddannelseshjælpssag eller en overgangsydelsessag"),
                ("", "Trin 5 Send timesedlen til den fælles postkasse"),
                ("", ""),
                ("H", "9 Fejl i kortet"),
                ("", "Vi har fundet fejl i kortet over havvandet, og tabellen viser hvor mange."),
                ("", "Antal"),
                ("", "Forskellens bundgrænse Pixels %"),
                ("", "Større end 0 cm 1.917.357 38"),
                ("", "Større end 5 cm 1.350.263 27"),
            ]
        ],
    )
    (doc,) = PdfParser().parse(path)
    assert [s.heading for s in doc.sections] == [
        "8 Beskrivelse af undtagelser",
        "9 Fejl i kortet",
    ]
    assert "Beskrivelse Trin Handling" in doc.sections[0].text
    assert "Forskellens bundgrænse Pixels %" in doc.sections[1].text


def test_a_heading_wrapped_beside_a_screenshot_labels_its_own_steps(tmp_path):
    """A step's heading set in a narrow box beside a screenshot wraps ("10.2 Aflæs" /
    "timeseddel"); read as a sentence going on below, the step's text was labelled with the
    step before it."""
    path = tmp_path / "procesbeskrivelse.pdf"
    make_pdf(
        path,
        [
            [
                ("H", "10.1 Åben Outlook"),
                ("", "Åben Outlook og gå ind i indbakken, og tag den første mail i indbakken."),
                ("", ""),
                ("H", "10.2 Aflæs"),
                ("H", "timeseddel"),
                ("", "Aflæs emnefeltet i e-mailen."),
                ("", "Noter om der står UP eller AP i emnefeltet."),
            ],
            [
                ("", "Robotten skal aflæse navn, CPR-nummer og periode fra timesedlen i mailen."),
                ("", ""),
                ("H", "10.3 Vælg"),
                ("H", "journalnotat"),
                ("", "På sagen trykkes på nyt journalnotat, og herefter udfyldes det som altid."),
            ],
        ],
    )
    (doc,) = PdfParser().parse(path)
    labels = [(s.page, s.heading) for s in doc.sections]
    assert labels == [
        (1, "10.1 Åben Outlook"),
        (1, "10.2 Aflæs timeseddel"),
        (2, "10.2 Aflæs timeseddel"),
        (2, "10.3 Vælg journalnotat"),
    ]


def test_the_next_numbered_heading_over_a_table_or_at_a_page_end_is_a_heading(tmp_path):
    """The next number in the document's sequence is a heading over a two-column table, at the
    foot of a page or over a lettered list, and may end in an abbreviation ("mv.")."""
    path = tmp_path / "procesbeskrivelse.pdf"
    make_pdf(
        path,
        [
            [
                ("H", "8 Konteringsliste"),
                ("", "Fakturaen konteres på den konto, som står i bevillingen for borgeren."),
                ("H", "9 Status rapportering"),
                ("", "Beskrivelse Modtager"),
                ("", "Send rapport til teamet"),
                ("H", "10 Beskrivelse af regler, formler mv."),
                ("", "Beskrivelse Trin Regel"),
                ("", "Kontering Se næste afsnit"),
                ("H", "10.1 Vælg regning"),
            ],
            [
                ("", "Hent ydelsesmodtager"),
                ("", "Gem: CPR på borgeren"),
                ("H", "10.2 Find ydelsesmodtager"),
                ("", "a. Der hentes bidragsydernummer ud"),
                ("", "b. Der hentes adresse ud"),
            ],
        ],
    )
    (doc,) = PdfParser().parse(path)
    labels = [(s.page, s.heading) for s in doc.sections]
    assert labels == [
        (1, "8 Konteringsliste"),
        (1, "9 Status rapportering"),
        (1, "10 Beskrivelse af regler, formler mv."),
        (2, "10.1 Vælg regning"),
        (2, "10.2 Find ydelsesmodtager"),
    ]


def test_instructions_under_numbered_headings_are_no_section_headings(tmp_path):
    """Among numbered headings an instruction is text: the first sentence under a heading
    ("Åben en browser og indtast adressen …") and a step over a screenshot ("Tryk på knappen
    "Nyt""); a short subheading in sentence case stays one."""
    path = tmp_path / "procesbeskrivelse.pdf"
    make_pdf(
        path,
        [
            [
                ("H", "10.1 Start Fasit"),
                ("", "Åben en browser og indtast adressen www.fasit-jobcenter.dk"),
                ("", "Der er single sign-on, og robotten logges på automatisk i systemet."),
                ("H", "10.2 Søg borger"),
                ("", "Borger fremsøges ved at trykke på forstørrelsesglasset øverst på skærmen."),
                ("H", "10.3 Vedhæft timeseddel"),
                ("", "Robotten skal nu lave et journalnotat med timesedlen som bilag."),
            ],
            [
                ("", 'Tryk på knappen "Nyt"'),
                ("", ""),
                ("", "Tryk på mappe ikonet og hent timesedlen på det fælles fildrev."),
                ("", ""),
                ("H", "Fravær og udeblivelser"),
                ("", "Har der været udeblivelser, skal der sendes en advis til sagsbehandleren."),
            ],
        ],
    )
    (doc,) = PdfParser().parse(path)
    labels = [(s.page, s.heading) for s in doc.sections]
    assert labels == [
        (1, "10.1 Start Fasit"),
        (1, "10.2 Søg borger"),
        (1, "10.3 Vedhæft timeseddel"),
        (2, "10.3 Vedhæft timeseddel"),
        (2, "Fravær og udeblivelser"),
    ]
    assert doc.sections[0].text.startswith("Åben en browser og indtast adressen")
