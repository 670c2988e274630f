"""The effect view (/effekt) and the overview (/overblik) read as an analyst, in Chromium.

A small home served with the hashing embedder: what is said, and when, matters here, not which
case answers a question.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.api.test_web_browser import CHROMIUM, checked_page, chromium_over, expect, hashing_home
from tests.conftest import write_case

pytestmark = [pytest.mark.browser]

MEASURED = 3  # cases with a measured effect (level 2), none above


def _write_cases(folder: Path) -> Path:
    for n in range(1, MEASURED + 1):
        write_case(
            folder,
            f"maalt-{n}.json",
            title=f"Målt sag nr. {n}",
            organisation="Fjordby Kommune",
            sector="aeldre",
            status="afsluttet",
            stage="implementering",
            year=2020 + n,
            summary=f"Borgere i forløb nummer {n} træner daglige gøremål med en terapeut.",
            effect=f"Andelen, der klarede sig uden hjælp, steg fra {20 + n} % til {50 + n} %.",
        )
    # One ongoing and one finished case in a sector of their own.
    for name, status in (("tryghed", "igangvaerende"), ("brand", "afsluttet")):
        write_case(
            folder,
            f"{name}.json",
            title=f"Beredskabssag om {name}",
            organisation="Havnstrup Kommune",
            sector="politi_beredskab",
            status=status,
            stage="udvikling",
            year=2024,
            summary=f"Beredskabet afprøver en ny indsats for {name} i boligområderne.",
        )
    return folder


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, str]]:
    if not CHROMIUM.exists():
        pytest.skip("Browser tests need Debian's Chromium at /usr/bin/chromium (`make browser`).")
    root = tmp_path_factory.mktemp("analytiker")
    with chromium_over(*hashing_home(root, _write_cases(root / "cases"))) as served:
        yield served


@pytest.fixture
def page(browser):
    with checked_page(*browser, 1280, 900) as page:
        yield page


def _busy_answer(route) -> None:
    """The server's answer when the store is busy: a request that may pass later."""
    body = {"error": {"code": "store_busy", "message": "Prøv igen om lidt.", "details": None}}
    route.fulfill(status=503, content_type="application/json", body=json.dumps(body))


def test_a_failed_effect_request_takes_the_cases_of_the_filters_before_away(page) -> None:
    page.goto("/effekt")
    expect()(page.locator("#effects-range")).to_have_text(f"Viser 1–{MEASURED} af {MEASURED}")
    page.fill("#e-year_from", "2030")
    page.fill("#e-year_to", "2020")
    page.get_by_role("button", name="Vis cases").click()
    expect()(page.locator("#message [role=alert]")).to_contain_text("Fra-året (2030)")
    # Before: the three cases stayed below the error, under "Viser 1–3 af 3".
    expect()(page.locator("#effekt-resultater")).to_be_hidden()


def test_a_failed_overview_request_takes_the_cases_of_the_sector_before_away(page) -> None:
    page.goto("/overblik")
    expect()(page.locator("#overview-range")).to_have_text(f"Viser 1–{MEASURED + 2} af 5")
    page.route("**/api/overview?*sector=aeldre*", _busy_answer)
    page.select_option("#o-sector", "aeldre")
    page.get_by_role("button", name="Vis overblik").click()
    expect()(page.locator("#message [role=alert]")).to_contain_text("Prøv igen om lidt.")
    expect()(page.locator("#overblik-resultater")).to_be_hidden()


def test_no_cases_is_read_out_and_offers_no_empty_csv(page) -> None:
    page.goto("/effekt?min_level=4")
    expect()(page.locator("#effects-list .notice")).to_contain_text("Ingen cases")
    # The live region, not only the notice: a screen reader hears that nothing matched.
    expect()(page.locator("#effects-range")).to_have_text("Ingen resultater")
    expect()(page.locator("#csv-link")).to_be_hidden()
    page.goto("/overblik?sector=skole")
    expect()(page.locator("#overview-list .notice")).to_contain_text("Ingen cases")
    expect()(page.locator("#overview-range")).to_have_text("Ingen resultater")


# Every text the live region held, in order; a region whose text does not change says nothing.
RECORD_LIVE_REGION = """(id) => {
  window.said = [];
  const region = document.getElementById(id);
  new MutationObserver(() => window.said.push(region.textContent)).observe(region, {
    childList: true, characterData: true, subtree: true,
  });
}"""


@pytest.mark.parametrize(
    ("path", "region", "button", "count"),
    [
        ("/effekt", "effects-range", "Vis cases", f"Viser 1–{MEASURED} af {MEASURED}"),
        ("/overblik", "overview-range", "Vis overblik", "Viser 1–5 af 5"),
    ],
)
def test_the_same_count_again_is_read_out_again(page, path, region, button, count) -> None:
    page.goto(path)
    expect()(page.locator(f"#{region}")).to_have_text(count)
    page.evaluate(RECORD_LIVE_REGION, region)
    page.get_by_role("button", name=button).click()
    assert _live_region_texts(page) == ["", count]


def _live_region_texts(page) -> list[str]:
    """What the recorded live region held, once it holds an answer again (10 s at most)."""
    for _ in range(200):
        said = page.evaluate("window.said")
        if said and said[-1]:
            return said
        page.wait_for_timeout(50)
    raise AssertionError(f"the live region was never filled again: {said}")


def test_one_finished_case_is_counted_in_the_singular(page) -> None:
    page.goto("/overblik?sector=politi_beredskab")
    expect()(page.locator("#overview-counts")).to_have_text(
        "1 igangværende, 1 afsluttet · Udvikling: 2"
    )


def test_a_sector_from_an_old_link_is_shown_as_asked_beside_its_error(page) -> None:
    page.goto("/overblik?sector=rumfart")
    expect()(page.locator("#message [role=alert]")).to_contain_text("Ukendt sektor 'rumfart'")
    # Before: the select said "Alle sektorer", as if the refused list were all of them.
    expect()(page.locator("#o-sector")).to_have_value("rumfart")


def test_a_long_description_is_cut_in_the_heading_as_on_the_search_page(page) -> None:
    described = " ".join(["Borgerne skal klare sig selv længere i eget hjem med træning."] * 15)
    page.goto(f"/effekt?min_level=0&q={quote(described)}")
    heading = page.locator("#effects-heading")
    expect()(heading).to_contain_text("Alle cases om »Borgerne skal")
    # Before: all 930 characters of the description stood in the heading.
    assert heading.inner_text().endswith(" …«")
    assert len(heading.inner_text()) < 200


def test_the_stages_are_counted_in_the_order_of_the_process(page) -> None:
    page.goto("/overblik")
    # Before: by count, "Implementering: 3, Udvikling: 2", the process read backwards.
    expect()(page.locator("#overview-counts")).to_have_text(
        "1 igangværende, 4 afsluttede · Udvikling: 2, Implementering: 3"
    )
