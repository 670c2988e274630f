"""The effect view (/effekt) and the overview (/overblik) in a real browser (Debian's Chromium).

A home of 25 cases with measured effect is served on 127.0.0.1 with the hashing embedder: these
pages list, count and page; which case answers a question plays no part here.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.test_web_browser import (
    CHROMIUM,
    checked_page,
    chromium_over,
    expect,
    hashing_home,
    no_horizontal_scroll,
    url_params,
)
from tests.conftest import write_case

pytestmark = [pytest.mark.browser]

CASES = 25
SECTORS = ["aeldre", "skole", "sundhed", "social", "klima_miljoe"]
UNKNOWN_STATUS = "Sag nr. 7 om målt effekt"
# A tag of one word longer than a phone is wide.
LONG_TAG = "velfærdsteknologivurderingsundersøgelsesrapporteringsværktøjsimplementering"


def _write_cases(folder: Path) -> Path:
    for n in range(1, CASES + 1):
        write_case(
            folder,
            f"sag-{n:02}.json",
            title=f"Sag nr. {n} om målt effekt",
            organisation="Fjordby Kommune",
            sector=SECTORS[n % len(SECTORS)],
            status="igangvaerende" if n % 3 else "afsluttet",
            stage="udvikling",
            year=2010 + n,
            summary=f"Borgere i forløb nummer {n} træner daglige gøremål med en terapeut.",
            effect="Andelen af borgere, der klarede sig uden hjælp efter forløbet, steg fra "
            f"{20 + n} % til {50 + n} %.",
        )
    write_case(
        folder,
        "forventet.json",
        title="Sag om forventet effekt",
        organisation="Fjordby Kommune",
        sector="aeldre",
        status="igangvaerende",
        stage="udvikling",
        summary="Borgerne får en app til at bestille hjælp.",
        effect="Vi forventer, at ventetiden falder, når appen er taget i brug.",
        tags=[LONG_TAG],
    )
    return folder


def _forget_status(settings, embedder, tmp_path: Path, title: str) -> None:
    """Re-import one case with no status and no stage, as an older export may hold it."""
    from innosearch.ingest.jsonl_import import import_documents
    from innosearch.ingest.pipeline import Ingestor
    from innosearch.search.export import documents_jsonl
    from innosearch.search.searcher import Searcher

    for line in documents_jsonl(Searcher(settings, embedder).all_documents()):
        body = json.loads(line)
        if body["title"] == title:
            body.update(status=None, stage=None)
            export = tmp_path / "uden-status.jsonl"
            export.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
            assert import_documents(Ingestor(settings, embedder), export).ok
            return
    raise AssertionError(title)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, str]]:
    if not CHROMIUM.exists():
        pytest.skip("Browser tests need Debian's Chromium at /usr/bin/chromium (`make browser`).")
    root = tmp_path_factory.mktemp("effekt")
    settings, embedder = hashing_home(root, _write_cases(root / "cases"))
    _forget_status(settings, embedder, root, UNKNOWN_STATUS)
    with chromium_over(settings, embedder) as served:
        yield served


@pytest.fixture
def page(browser):
    with checked_page(*browser, 1280, 900) as page:
        yield page


@pytest.fixture
def phone(browser):
    with checked_page(*browser, 390, 844) as page:
        yield page


def _titles(page, list_id: str) -> list[str]:
    return page.locator(f"#{list_id} .card-title a").all_inner_texts()


def _wait_for_list(page, list_id: str, first: int) -> None:
    """Until the list shows the page starting at case number `first`."""
    expect()(page.locator(f"#{list_id} ol")).to_have_attribute("start", str(first))


def test_the_effect_view_pages_through_every_case_once(page) -> None:
    page.goto("/effekt")
    _wait_for_list(page, "effects-list", 1)
    first = _titles(page, "effects-list")
    assert len(first) == 20
    expect()(page.locator("#effects-range")).to_have_text(f"Viser 1–20 af {CASES}")
    pager = page.get_by_role("navigation", name="Sider med cases")
    expect()(pager).to_contain_text("Side 1 af 2")

    pager.get_by_role("button", name="Næste →").click()
    _wait_for_list(page, "effects-list", 21)
    second = _titles(page, "effects-list")
    expect()(page.locator("#effects-range")).to_have_text(f"Viser 21–25 af {CASES}")
    assert url_params(page)["offset"] == ["20"]
    assert sorted(first + second) == sorted(f"Sag nr. {n} om målt effekt" for n in range(1, 26))
    # Keyboard users go on from the top of the new page, not from a button that is gone.
    assert page.evaluate("document.activeElement.id") == "effekt-resultater"

    page.reload()  # the page is in the address
    _wait_for_list(page, "effects-list", 21)
    assert _titles(page, "effects-list") == second
    page.go_back()
    _wait_for_list(page, "effects-list", 1)
    assert _titles(page, "effects-list") == first


def test_the_csv_link_holds_every_case_of_the_filters_not_one_page(page) -> None:
    page.goto("/effekt?offset=20")
    _wait_for_list(page, "effects-list", 21)
    href = page.locator("#csv-link").get_attribute("href")
    assert "offset" not in href and "limit" not in href
    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    content = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content), delimiter=";"))
    assert len(rows) == CASES


def test_a_link_past_the_end_shows_the_last_page(page) -> None:
    page.goto("/effekt?offset=400")
    _wait_for_list(page, "effects-list", 21)
    assert url_params(page)["offset"] == ["20"]
    page.goto("/overblik?offset=400")
    _wait_for_list(page, "overview-list", 21)
    assert url_params(page)["offset"] == ["20"]


def test_no_cases_at_level_zero_is_not_called_a_matter_of_evidence(page) -> None:
    page.goto("/effekt?min_level=0&year_from=2090")
    notice = page.locator("#effects-list .notice")
    expect()(notice).to_contain_text("Ingen cases matcher filtrene")
    expect()(notice).not_to_contain_text("evidens")
    page.goto("/effekt?min_level=4")
    expect()(page.locator("#effects-list .notice")).to_contain_text(
        "Ingen cases med så høj evidens"
    )


def test_the_overview_counts_add_up_to_the_total(page) -> None:
    page.goto("/overblik")
    _wait_for_list(page, "overview-list", 1)
    counts = page.locator("#overview-counts").inner_text()
    figures = dict(
        (name, int(n))
        for n, name in re.findall(r"(\d+) (igangværende|afsluttede|uden oplyst status)", counts)
    )
    # 17 of the numbered cases are ongoing, one of them now without status; and one more.
    assert figures == {"igangværende": 17, "afsluttede": 8, "uden oplyst status": 1}
    assert "Udvikling: 25" in counts and "uden fase: 1" in counts
    expect()(page.locator("#overview-range")).to_have_text(f"Viser 1–20 af {CASES + 1}")

    page.get_by_role("navigation", name="Sider i overblikket").get_by_role(
        "button", name="Næste →"
    ).click()
    _wait_for_list(page, "overview-list", 21)
    assert page.evaluate("document.activeElement.id") == "overblik-resultater"


def test_the_pages_fit_a_phone(phone) -> None:
    for path, list_id in (("/effekt", "effects-list"), ("/overblik", "overview-list")):
        phone.goto(path)
        _wait_for_list(phone, list_id, 1)
        assert no_horizontal_scroll(phone)
    from innosearch.ingest.pipeline import document_id

    phone.goto(f"/sag/{document_id('forventet.json')}")
    expect()(phone.locator("#case-meta .tag-list li")).to_have_text([LONG_TAG])
    assert no_horizontal_scroll(phone)


def test_an_expected_effect_is_not_called_documentation(page) -> None:
    page.goto("/effekt?min_level=0&q=forventer")
    card = page.locator("#effects-list .card", has_text="Sag om forventet effekt")
    expect()(card.locator(".evidence-heading")).to_have_text("Det bygger vurderingen på:")
    expect()(page.locator("#effects-heading")).to_have_text("Alle cases om »forventer«")
    measured = page.locator("#effects-list .card", has_text="Sag nr. 1 om målt effekt")
    expect()(measured.locator(".evidence-heading")).to_have_text("Det dokumenterer effekten:")
