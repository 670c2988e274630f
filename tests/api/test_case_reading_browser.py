"""The case page as a municipal employee reads it: a long PDF report whose chapters run over
several pages, a manual of many sections, a short case record with its source's own fields, and
the cases split from a report about several projects.

Real Chromium over the real app on 127.0.0.1, with the hashing embedder: these tests are about
what the page shows, not which cases rank first. Run with `pytest -m browser`; needs
/usr/bin/chromium (`make browser`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from innosearch.ingest.pipeline import document_id
from tests.api.test_web_browser import (
    CHROMIUM,
    checked_page,
    chromium_over,
    expect,
    hashing_home,
)
from tests.ingest.report_files import CENTRE_TITLE, multi_case_markdown, pdf_writers

pytestmark = [pytest.mark.browser]

REPORT_TITLE = "Evaluering af digital genoptræning i Aaby Kommune"
REPORT = document_id("genoptraening.pdf")
CASE = document_id("vasketoilet.json")
MANUAL = document_id("haandbog.md")
SPLIT_CASE = document_id("evaluering.md#sag-1")

BODY = (
    "Borgere med nyt knæ eller ny hofte træner hjemme med en app, og terapeuten følger med fra "
    "centret. Forløbet varer otte uger, og borgeren møder kun op på centret to gange. "
)


def _report_pdf(folder: Path) -> None:
    """An evaluation whose second chapter runs over three pages, as real reports' do."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    # Helvetica in fpdf2 is Latin-1: æ, ø and å are written as they are.
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 10, REPORT_TITLE)
    pdf.ln(4)

    chapter, paragraph = pdf_writers(pdf)

    def heading(text: str) -> None:
        chapter(text, 14)

    heading("1. Baggrund")
    paragraph(BODY * 3)
    heading("2. Indsatsen")
    for page in range(3):
        if page:
            pdf.add_page()
        for _ in range(4):
            paragraph(BODY * 3)
    heading("3. Resultater")
    paragraph("Ventetiden faldt fra 21 til 9 dage målt før og efter indsatsen. " + BODY)
    heading("4. Erfaringer")
    paragraph("Det var svært at få de ældste borgere til at bruge appen. " + BODY)
    pdf.output(str(folder / "genoptraening.pdf"))


def _case_record(folder: Path) -> None:
    record = {
        "title": "Vasketoiletter giver ældre mere selvstændighed i eget hjem",
        "organisation": "Egebæk Kommune",
        "sector": "aeldre",
        "summary": "Ældre borgere får installeret vasketoilet, så de klarer toiletbesøg selv.",
        "challenge": "Mange ældre fik hjælp til toiletbesøg flere gange om dagen.",
        "solution": "Kommunen bevilger vasketoiletter efter en vurdering fra en ergoterapeut.",
        "effect": "Antallet af besøg til toilethjælp faldt fra 412 til 260 om ugen.",
        "contact": {"name": "Mona Skov", "email": "mosk@egebaek.example.dk"},
        # Not fields of the template: the page shows them under the source's own names.
        "date": "2024-03-05",
        "published": True,
    }
    (folder / "vasketoilet.json").write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    # The same project sent in again by a colleague: a likely duplicate.
    again = dict(record, year=2024)
    (folder / "vasketoilet-igen.json").write_text(json.dumps(again, ensure_ascii=False), "utf-8")


MANUAL_TOPICS = [
    "Åbningstider",
    "Tidsbestilling",
    "Pas og kørekort",
    "Sundhedskort",
    "Flytning",
    "Folkepension",
    "Boligstøtte",
    "Betaling",
    "Tolkning",
    "Klager",
    "Tavshedspligt",
    "Vagtplan",
    "Oplæring",
    "Kontakt",
]


def _manual(folder: Path) -> None:
    """A borgerservice manual of fourteen short sections, as many OS2 guides are written."""
    lines = ["# Driftshåndbog for borgerservice", ""]
    for number, topic in enumerate(MANUAL_TOPICS, start=1):
        lines += [f"## {number}. {topic}", "", f"Om {topic.lower()}: " + BODY * 3, ""]
    (folder / "haandbog.md").write_text("\n".join(lines), "utf-8")


@pytest.fixture(scope="module")
def chromium_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, str]]:
    if not CHROMIUM.exists():
        pytest.skip("Browser tests need Debian's Chromium at /usr/bin/chromium (`make browser`).")
    root = tmp_path_factory.mktemp("case-reading")
    folder = root / "sager"
    folder.mkdir()
    _report_pdf(folder)
    _case_record(folder)
    _manual(folder)
    multi_case_markdown(folder)
    with chromium_over(*hashing_home(root, folder)) as served:
        yield served


@pytest.fixture
def page(chromium_url) -> Iterator[object]:
    chromium, url = chromium_url
    with checked_page(chromium, url, 1280, 900) as page:
        yield page


def _open(page, doc_id: str) -> None:
    page.goto(f"/sag/{doc_id}")
    page.wait_for_selector("#case:not([hidden])")


def _section_headings(page) -> list[str]:
    return page.eval_on_selector_all(
        "#case-sections .case-section > h2", "(hs) => hs.map((h) => h.textContent.trim())"
    )


def test_a_chapter_over_several_pages_is_one_section_with_its_pages(page) -> None:
    _open(page, REPORT)
    headings = _section_headings(page)
    # A PDF's text arrives one section per page: one chapter, not three of the same name.
    assert [h for h in headings if h.startswith("2. Indsatsen")] == ["2. Indsatsen (side 1–3)"]
    assert "1. Baggrund (side 1)" in headings
    chapter = page.locator(".case-section", has_text="2. Indsatsen")
    # Where each page begins is kept, so the reader can still cite the page.
    assert chapter.locator(".page-mark").all_inner_texts() == ["Side 2", "Side 3"]


def test_a_long_text_lists_its_sections_to_jump_to(page) -> None:
    _open(page, REPORT)
    contents = page.get_by_role("navigation", name="Afsnit i teksten")
    links = contents.get_by_role("link")
    assert links.all_inner_texts() == [
        "Beskrivelse",
        "1. Baggrund",
        "2. Indsatsen",
        "3. Resultater",
        "4. Erfaringer",
    ]
    assert "(side 1–3)" in contents.inner_text()
    links.nth(3).click()
    target = page.locator(".case-section", has_text="3. Resultater")
    assert page.url.endswith(f"#{target.get_attribute('id')}")
    expect()(target).to_be_in_viewport()


def test_a_short_case_record_has_no_list_of_sections(page) -> None:
    _open(page, CASE)
    assert len(_section_headings(page)) >= 4
    assert page.locator(".case-contents").count() == 0


def test_the_evidence_level_is_explained_on_its_scale(page) -> None:
    _open(page, CASE)
    panel = page.locator("#case-evidence")
    assert "Evidens 2" in panel.inner_text()
    assert "går fra 0 (ingen effekt beskrevet) til 4" in panel.inner_text()


def test_the_sources_own_date_and_yes_no_are_danish(page) -> None:
    _open(page, CASE)
    page.click("details.extra summary")
    extra = page.locator("details.extra dl").inner_text()
    assert "5. marts 2024" in extra
    assert "2024-03-05" not in extra
    assert "true" not in extra.lower()
    assert "Ja" in extra.split()


def test_many_sections_are_listed_folded(page) -> None:
    _open(page, MANUAL)
    contents = page.get_by_role("navigation", name="Afsnit i teksten")
    summary = contents.locator("summary")
    assert summary.inner_text() == f"Vis alle {len(MANUAL_TOPICS)} afsnit"
    assert not contents.get_by_role("link").first.is_visible()
    summary.click()
    assert contents.get_by_role("link").all_inner_texts() == [
        f"{n}. {topic}" for n, topic in enumerate(MANUAL_TOPICS, start=1)
    ]


def test_related_cases_of_the_same_report_say_so_briefly(page) -> None:
    _open(page, SPLIT_CASE)
    assert CENTRE_TITLE in page.locator("#case-part-of").inner_text()
    page.wait_for_selector("#related-list .card")
    siblings = page.locator("#related-list .card", has_text="Fra samme rapport")
    assert siblings.count() == 2  # the report's two other projects
    # The report's long title is said once, at the top, not again on every card.
    assert page.locator("#related-list", has_text=CENTRE_TITLE).count() == 0


def test_a_single_duplicate_is_named_in_the_singular(page) -> None:
    _open(page, CASE)
    panel = page.locator("#duplicates-panel")
    assert panel.locator("li").count() == 1
    again = document_id("vasketoilet-igen.json")
    assert panel.locator("a").get_attribute("href") == f"/sag/{again}"
    assert panel.locator("h2").inner_text() == "Mulig dublet"
    assert panel.locator(".help").inner_text().startswith("Denne case ligner")


def test_a_split_case_names_its_reports_file_not_our_id_for_it(page) -> None:
    _open(page, SPLIT_CASE)
    source = page.locator("#case-source").inner_text()
    assert "evaluering.md" in source
    assert "#sag" not in source


def test_a_pdf_case_opens_its_original_file_with_its_tables_and_figures(page) -> None:
    """The page shows the PDF's text only; there was no way to the file itself."""
    _open(page, REPORT)
    link = page.locator("#case-original")
    expect()(link).to_have_text("Åbn den originale PDF")
    answer = page.request.get(link.get_attribute("href") or "")
    assert answer.status == 200 and answer.body().startswith(b"%PDF")
