"""The web page as its end users read it: with the keyboard only, with a screen reader, on a phone
and at 200 % zoom, and when something goes wrong.

Runs in real Chromium over the same small corpus as `test_web_browser.py` (whose helpers it
reuses). Run with `pytest -m browser`; needs /usr/bin/chromium (`make browser`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest

from tests.api.test_web_browser import (
    CASES,
    CHROMIUM,
    ELDER_QUERY,
    REHAB_TITLE,
    build_app,
    cards,
    checked_page,
    expect,
    launch_chromium,
    search,
    search_url,
    serve,
    url_params,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.model]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip("Browser tests need Debian's Chromium at /usr/bin/chromium (`make browser`).")
    with serve(build_app(tmp_path_factory.mktemp("reading"))) as url:
        yield url


@pytest.fixture(scope="module")
def chromium(base_url: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, base_url: str) -> Iterator[object]:
    with checked_page(chromium, base_url, 1280, 900) as page:
        yield page


@pytest.fixture
def phone(chromium, base_url: str) -> Iterator[object]:
    with checked_page(chromium, base_url, 375, 667) as page:
        yield page


# A project paper's opening, pasted over and over into the search field.
PASTED = (
    "Hvordan får vi ældre borgere til at klare sig selv længere i eget hjem, når der bliver "
    "flere ældre og færre medarbejdere i hjemmeplejen og på plejecentrene"
)

HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter((h) => h.getClientRects().length > 0)
  .map((h) => Number(h.tagName.slice(1)))"""


def checked_values(page, name: str) -> list[str]:
    return page.eval_on_selector_all(
        f"#filter-form input[name={name}]:checked", "(els) => els.map((e) => e.value)"
    )


def shown_values(page, name: str) -> list[str]:
    return page.eval_on_selector_all(
        f"#filter-form input[name={name}]", "(els) => els.map((e) => e.value)"
    )


def test_arrow_keys_walk_the_sector_filter_in_the_order_it_was_shown(page) -> None:
    """Choosing a sector must not reorder the list: with the arrow keys (each press chooses the
    next radio button and searches again) the keyboard user went back and forth between two
    sectors and never reached the third."""
    page.goto(search_url(ELDER_QUERY))
    wait_idle(page)
    order = shown_values(page, "sector")
    assert order[0] == "" and len(order) >= 5
    page.focus("#f-sector-alle")
    for expected in order[1:5]:
        with page.expect_response(lambda r, value=expected: f"sector={value}" in r.url):
            page.keyboard.press("ArrowDown")
        wait_idle(page)
        assert checked_values(page, "sector") == [expected]
        assert page.evaluate("document.activeElement.value") == expected
        # The chosen value stays where it stood, and so do the others.
        assert shown_values(page, "sector")[: len(order)] == order


def test_search_page_headings_start_with_one_h1_and_skip_no_level(page) -> None:
    """A screen reader's list of headings starts from the page's h1; there was none."""
    for url in ("/", search_url(ELDER_QUERY)):
        page.goto(url)
        wait_idle(page)
        levels = page.evaluate(HEADINGS)
        assert levels[0] == 1 and levels.count(1) == 1, levels
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, levels
    # The h1 is the search box's label, so the field keeps its name.
    expect()(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("^Beskriv jeres udfordring")
    )
    expect()(
        page.get_by_role("searchbox", name=re.compile("Beskriv jeres udfordring"))
    ).to_be_visible()


def test_no_results_are_read_out_like_results(page) -> None:
    """Results are announced through a live region ("Viser 1–10 af 12"); a search with none
    left it empty, so a screen reader said nothing at all."""
    page.goto("/")
    search(page, ELDER_QUERY)
    live = page.locator("#results-range")
    assert live.get_attribute("aria-live") == "polite"
    expect()(live).to_have_text(re.compile(r"^Viser 1–"))

    with page.expect_response(lambda r: "year_from=2090" in r.url):
        page.fill("#f-year_from", "2090")
        page.press("#f-year_from", "Enter")
    wait_idle(page)
    expect()(page.locator("#results-list")).to_contain_text("Ingen cases matchede")
    expect()(live).to_have_text("Ingen resultater")


def test_the_count_is_read_out_again_for_a_question_with_as_many_results(page) -> None:
    """Every search announces its count through a live region; a second question with the
    same count ("Viser 1–10 af 11") left its text unchanged, so nothing was read out."""
    page.goto("/")
    search(page, ELDER_QUERY)
    live = page.locator("#results-range")
    first = live.inner_text()
    held = []
    page.route("**/api/search?*", lambda route: held.append(route))
    page.fill("#q", "Hvordan får vi flere unge ledige i job eller uddannelse?")
    page.press("#q", "Enter")
    page.wait_for_function("() => document.getElementById('layout').hasAttribute('aria-busy')")
    expect()(live).to_have_text("")  # emptied while the answer is on its way ...
    held[0].continue_()
    wait_idle(page)
    expect()(live).to_have_text(first)  # ... so the same count is a change, and is read out


def test_a_failed_search_does_not_leave_the_previous_results_under_the_error(page) -> None:
    page.goto("/")
    search(page, ELDER_QUERY)
    expect()(cards(page).first).to_be_visible()

    page.route(
        "**/api/search?*",
        lambda route: route.fulfill(status=500, body="Internal Server Error"),
    )
    page.fill("#q", "Hvordan nedbringer vi sygefraværet?")
    with page.expect_response(lambda r: "/api/search" in r.url):
        page.press("#q", "Enter")
    alert = page.get_by_role("alert")
    expect()(alert).to_contain_text("Der opstod en fejl på serveren")
    # The answer to the question before is gone, not shown as if it answered this one.
    expect()(page.get_by_text(f"Resultater for »{ELDER_QUERY}«")).to_have_count(0)
    expect()(cards(page)).to_have_count(0)
    expect()(page.locator("#inspiration .card")).to_have_count(0)
    expect()(page.locator("#follow")).to_be_hidden()

    page.unroute("**/api/search?*")
    with page.expect_response(lambda r: "/api/search" in r.url):
        alert.get_by_role("button", name="Prøv igen").click()
    wait_idle(page)
    expect()(page.locator("#results-heading")).to_have_text(
        "Resultater for »Hvordan nedbringer vi sygefraværet?«"
    )
    expect()(cards(page).first).to_be_visible()


def test_years_the_wrong_way_round_are_said_beside_the_year_fields(page) -> None:
    """The year fields are at the foot of a long list of filters; the refusal of "fra 2022 til
    2019" was shown at the top of the page, out of sight, and the results went on as before."""
    page.goto(search_url(ELDER_QUERY, year_from="2022"))
    wait_idle(page)
    expect()(cards(page).first).to_be_visible()
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/api/search" in r.url else None)
    page.fill("#f-year_to", "2019")
    page.press("#f-year_to", "Enter")
    problem = page.locator(".facet-years").get_by_role("alert")
    expect()(problem).to_have_text("Fra-året (2022) skal være før eller lig med til-året (2019).")
    expect()(problem).to_be_in_viewport()
    expect()(page.locator("#f-year_to")).to_have_attribute("aria-invalid", "true")
    assert asked == [] and "year_to" not in url_params(page)

    # Put right where it was made.
    with page.expect_response(lambda r: "year_to=2024" in r.url):
        page.fill("#f-year_to", "2024")
        page.press("#f-year_to", "Enter")
    wait_idle(page)
    expect()(page.get_by_role("alert")).to_have_count(0)
    expect()(page.locator("#f-year_to")).not_to_have_attribute("aria-invalid", "true")
    assert url_params(page)["year_to"] == ["2024"]
    for year in cards(page).locator(".card-year").all_inner_texts():
        assert 2022 <= int(year.strip(" ·")) <= 2024


def test_a_failed_filter_change_is_said_where_the_results_were(page) -> None:
    page.goto(search_url(ELDER_QUERY))
    wait_idle(page)
    page.route("**/api/search?*", lambda route: route.fulfill(status=503, body="{}"))
    with page.expect_response(lambda r: "sector=aeldre" in r.url):
        page.locator("#filter-form label", has_text="Ældre").click()
    alert = page.locator("#resultater").get_by_role("alert")
    expect()(alert).to_contain_text("Der opstod en fejl på serveren")
    expect()(alert.get_by_role("button", name="Prøv igen")).to_be_visible()
    expect()(page.locator("#message")).to_be_empty()
    expect()(page.locator("#filter-form")).to_be_visible()  # the filters stay to change again


@pytest.mark.parametrize(
    ("width", "height"),
    [(375, 667), (640, 450)],  # a phone; a 1280×900 laptop at 200 % zoom
    ids=["phone", "zoom200"],
)
def test_case_page_shows_who_to_call_on_the_first_screen(chromium, base_url, width, height):
    """On a narrow screen the contact panel comes after the whole text of the case, thousands
    of pixels down; the person to call must be on the first screen, with links that dial."""
    contact = CASES["aeldre-hverdagsrehabilitering.json"]["contact"]
    with checked_page(chromium, base_url, width, height) as narrow:
        narrow.goto(search_url(ELDER_QUERY))
        wait_idle(narrow)
        narrow.locator("#results-list .card-title a", has_text=REHAB_TITLE).click()
        narrow.wait_for_url(re.compile(r"/sag/"))
        expect()(narrow.locator("h1#case-title")).to_have_text(REHAB_TITLE)
        phone_link = narrow.locator("a.contact-phone").first
        expect()(phone_link).to_be_visible()
        expect()(phone_link).to_have_attribute("href", "tel:+4511223344")
        expect()(phone_link).to_be_in_viewport()
        expect()(narrow.locator("a.contact-email").first).to_have_text(contact["email"])
        expect()(narrow.get_by_text(contact["name"]).first).to_be_in_viewport()
        assert narrow.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

        # A case that names nobody says so at the top as well.
        narrow.goto(search_url("Læseløft i indskolingen"))
        wait_idle(narrow)
        narrow.locator("#results-list .card-title a", has_text="Læseløft").click()
        narrow.wait_for_url(re.compile(r"/sag/"))
        expect()(narrow.locator(".case-header")).to_contain_text("Ingen kontaktperson oplyst")


def test_wide_case_page_names_the_contact_once(page) -> None:
    page.goto(search_url(ELDER_QUERY))
    wait_idle(page)
    page.locator("#results-list .card-title a", has_text=REHAB_TITLE).click()
    page.wait_for_url(re.compile(r"/sag/"))
    expect()(page.locator("#case-contact a.contact-phone")).to_be_in_viewport()
    expect()(page.locator("a.contact-phone:visible")).to_have_count(1)


def test_a_shared_link_with_filters_says_so_on_a_phone(phone) -> None:
    """On a phone the filters are folded away: a link that narrows the results (a colleague's,
    a bookmark) showed "Viser 1–2 af 2" with nothing saying that only a part was shown."""
    phone.goto(search_url(ELDER_QUERY, sector="aeldre", min_level="2", year_from="2020"))
    wait_idle(phone)
    expect()(phone.locator("#filter-form")).to_be_hidden()  # folded
    limits = phone.locator("#active-filters")
    expect()(limits).to_be_visible()
    expect()(limits).to_contain_text(
        "Kun: Sektor: Ældre · År: fra 2020 · Evidens: mindst 2 (Målt før og efter)"
    )
    filtered = cards(phone).count()

    with phone.expect_response(lambda r: "/api/search" in r.url and "sector" not in r.url):
        limits.get_by_role("button", name="Fjern filtrene").click()
    wait_idle(phone)
    assert not {"sector", "min_level", "year_from"} & set(url_params(phone))
    expect()(limits).to_be_hidden()
    assert cards(phone).count() > filtered

    # Without filters nothing is said.
    phone.goto(search_url(ELDER_QUERY))
    wait_idle(phone)
    expect()(limits).to_be_hidden()


def test_a_long_pasted_description_is_searched_by_its_beginning_and_says_so(page) -> None:
    """A caseworker pastes 500 words from a project paper. The field cut them at 1000
    characters without a word (mid-word, too), and the heading repeated all of it, pushing the
    results off the screen."""
    words = PASTED.split()
    description = " ".join(words[i % len(words)] for i in range(500))
    assert len(description) > 2500
    page.goto("/")
    page.fill("#q", description)
    with page.expect_response(lambda r: "/api/search" in r.url) as info:
        page.press("#q", "Enter")
    wait_idle(page)
    asked = url_params(page)["q"][0]
    sent = parse_qs(urlparse(info.value.url).query)["q"][0]
    assert sent == asked and len(asked) <= 1000
    assert description.startswith(asked) and description[len(asked)] == " "  # a whole word
    expect()(page.get_by_role("alert")).to_have_count(0)
    expect()(cards(page).first).to_be_visible()
    # The field keeps the whole text; the page says what was searched.
    assert page.input_value("#q") == description
    note = page.locator("#shortened")
    expect()(note).to_contain_text("længere end 1.000 tegn, så vi har søgt på begyndelsen")
    expect()(note).to_contain_text(" ".join(asked.split()[-6:]))
    # Said with the count too: a note that appears is not read out.
    expect()(page.locator("#results-range")).to_contain_text(
        "Vi har søgt på begyndelsen af jeres beskrivelse."
    )
    heading = page.locator("#results-heading").inner_text()
    assert len(heading) < 200 and heading.endswith("…«")
    assert len(page.title()) < 120
    expect()(cards(page).first).to_be_in_viewport()

    # A question of ordinary length is searched whole, with no note.
    search(page, ELDER_QUERY)
    expect()(note).to_be_hidden()
    expect()(page.locator("#results-heading")).to_have_text(f"Resultater for »{ELDER_QUERY}«")


@pytest.mark.parametrize(
    "query",
    ["a", "?!… –", "👵🏻 🏠", "<b>ældre</b> <img src=x onerror=window.__pwned=1>"],
    ids=["one-letter", "punctuation", "emoji", "markup"],
)
def test_odd_questions_get_a_danish_answer_and_no_script_runs(page, query) -> None:
    page.goto("/")
    page.fill("#q", query)
    with page.expect_response(lambda r: "/api/search" in r.url) as info:
        page.press("#q", "Enter")
    wait_idle(page)
    if info.value.ok:
        expect()(page.locator("#results-heading")).to_have_text(f"Resultater for »{query}«")
        expect()(page.locator("#results-range")).not_to_be_empty()
    else:
        alert = page.get_by_role("alert")
        expect()(alert).to_contain_text("Skriv en søgning")
        expect()(page.locator("#layout")).to_be_hidden()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main img, main b").count() == 0


def test_pages_reflow_at_320_px_without_sideways_scrolling(chromium, base_url) -> None:
    """320 CSS pixels is a 1280 px laptop at 400 % zoom (WCAG 1.4.10): the case page's facts
    ("Organisationstype  Kommune (automatisk vurderet)") ran 24 px off the screen."""
    with checked_page(chromium, base_url, 320, 640) as narrow:
        narrow.goto(search_url("Hjælp til digital post og MitID i borgerservice"))
        wait_idle(narrow)
        assert narrow.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        card = cards(narrow).filter(has_text="Hjælp til digital post i borgerservice")
        card.locator(".card-title a").click()
        narrow.wait_for_url(re.compile(r"/sag/"))
        expect()(narrow.locator("#case-meta .inferred").first).to_be_visible()
        expect()(narrow.locator("#related-list .card").first).to_be_visible()
        assert narrow.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_first_tab_stop_skips_to_what_is_on_the_page(page) -> None:
    """The skip link led to the results also before any search, where there are none: the
    keyboard user's first Tab and Enter did nothing."""
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect()(skip).to_be_focused()
    expect()(skip).to_be_visible()
    expect()(skip).to_have_text("Spring til søgefeltet")
    page.keyboard.press("Enter")
    expect()(page.locator("#q")).to_be_focused()
    page.keyboard.type("Hvordan nedbringer vi sygefraværet blandt medarbejderne?")
    with page.expect_response(lambda r: "/api/search" in r.url):
        page.keyboard.press("Enter")
    wait_idle(page)

    page.goto(page.url)  # a shared link: the first Tab stop again
    wait_idle(page)
    page.keyboard.press("Tab")
    expect()(skip).to_be_focused()
    expect()(skip).to_have_text("Spring til resultaterne")
    page.keyboard.press("Enter")
    expect()(page.locator("#resultater")).to_be_focused()
    page.keyboard.press("Tab")
    # From the results the next stop is inside them (the follow box, then the first case).
    assert page.evaluate("document.getElementById('resultater').contains(document.activeElement)")


def test_the_assumed_sector_can_be_put_right_from_the_inspiration_panel(phone) -> None:
    """The panel says "Vælg jeres egen sektor for at få forslag fra de andre", but on a phone the
    field for it is screens above the panel: the panel now leads there."""
    phone.goto(search_url(ELDER_QUERY))
    wait_idle(phone)
    assumed = phone.locator("#inspiration-assumed")
    expect()(assumed).to_contain_text("Vælg jeres egen sektor")
    assumed.get_by_role("button", name="Vælg jeres sektor").click()
    own = phone.locator("#own_sector")
    expect()(own).to_be_focused()
    expect()(own).to_be_in_viewport()
    with phone.expect_response(lambda r: "own_sector=sundhed" in r.url):
        own.select_option("sundhed")
    wait_idle(phone)
    expect()(assumed).to_be_hidden()
    expect()(phone.locator("#inspiration-intro")).to_contain_text(
        "andre sektorer end jeres (Sundhed)"
    )
    assert url_params(phone)["own_sector"] == ["sundhed"]


@pytest.mark.parametrize("param", ["sector", "own_sector"])
def test_a_link_with_an_unknown_sector_offers_the_search_without_it(page, param) -> None:
    """An old bookmark or a hand-typed link with a sector that does not exist was refused, and
    the page offered nothing but the refusal: no results, no filters, no way on."""
    page.goto(search_url(ELDER_QUERY, **{param: "rumfart"}))
    alert = page.get_by_role("alert")
    expect()(alert).to_contain_text("rumfart")
    with page.expect_response(lambda r: "/api/search" in r.url and "rumfart" not in r.url):
        alert.get_by_role("button", name="Søg uden filtre").click()
    wait_idle(page)
    expect()(page.get_by_role("alert")).to_have_count(0)
    expect()(cards(page).first.locator(".card-title a")).to_have_text(REHAB_TITLE)
    assert param not in url_params(page)
    assert url_params(page)["q"] == [ELDER_QUERY]


def open_a_case_that_cannot_be_fetched(page) -> re.Pattern[str]:
    """The first case of the elder question, opened while its API answers 503; returns the
    route to unroute for the next try to pass."""
    page.goto(search_url(ELDER_QUERY))
    wait_idle(page)
    href = cards(page).first.locator(".card-title a").get_attribute("href")
    document = re.compile(r".*/api/documents/[^/]+$")
    page.route(document, lambda route: route.fulfill(status=503, body="{}"))
    page.goto(href)
    return document


def test_a_case_that_could_not_be_fetched_says_so_in_the_tab_and_can_be_tried_again(page) -> None:
    document = open_a_case_that_cannot_be_fetched(page)
    alert = page.get_by_role("alert")
    expect()(alert).to_contain_text("Det lykkedes ikke")
    # The tab (and a screen reader's first words) says what happened, not "Case – innosearch".
    expect()(page).to_have_title("Casen kunne ikke hentes – innosearch")
    page.unroute(document)
    alert.get_by_role("button", name="Prøv igen").click()
    expect()(page.locator("h1#case-title")).to_have_text(REHAB_TITLE)
    expect()(page).to_have_title(f"{REHAB_TITLE} – innosearch")


def test_a_blank_question_with_filters_is_not_offered_the_search_without_filters(page) -> None:
    page.goto(search_url(ELDER_QUERY, sector="aeldre"))
    wait_idle(page)
    page.fill("#q", "?!")
    with page.expect_response(lambda r: "/api/search" in r.url):
        page.press("#q", "Enter")
    alert = page.get_by_role("alert")
    expect()(alert).to_contain_text("Skriv en søgning")
    # Without the filters the same question would be refused again.
    expect()(alert.get_by_role("button")).to_have_count(0)


def test_a_corrected_spelling_is_read_out_with_the_count(page) -> None:
    """The note "Vi har rettet stavningen" appears with the results, and a note that appears is
    not read out: a screen reader user heard the count of a question they had not typed."""
    page.goto("/")
    search(page, "aeldre i eget hjem")
    live = page.locator("#results-range")
    expect()(live).to_contain_text("Viser 1–")
    expect()(live).to_contain_text("Stavningen er rettet: vi har søgt efter »ældre i eget hjem«.")

    search(page, ELDER_QUERY)
    expect()(live).not_to_contain_text("Stavningen")


def test_retrying_a_failed_search_leaves_the_focus_where_the_answer_is(page) -> None:
    """The "Prøv igen" button is replaced by what the retry brings; focus fell back to the top.
    It goes to the results when the retry worked, to the new "Prøv igen" when it failed again."""
    page.goto("/")
    page.route("**/api/search?*", lambda route: route.fulfill(status=503, body="{}"))
    page.fill("#q", ELDER_QUERY)
    with page.expect_response(lambda r: "/api/search" in r.url):
        page.press("#q", "Enter")
    retry = page.get_by_role("alert").get_by_role("button", name="Prøv igen")
    retry.focus()
    with page.expect_response(lambda r: "/api/search" in r.url):
        page.keyboard.press("Enter")
    again = page.get_by_role("alert").get_by_role("button", name="Prøv igen")
    expect()(again).to_be_focused()

    page.unroute("**/api/search?*")
    with page.expect_response(lambda r: "/api/search" in r.url):
        page.keyboard.press("Enter")
    wait_idle(page)
    expect()(cards(page).first).to_be_visible()
    expect()(page.locator("#resultater")).to_be_focused()


def test_retrying_a_case_that_could_not_be_fetched_leaves_the_focus_on_the_case(page) -> None:
    document = open_a_case_that_cannot_be_fetched(page)
    page.get_by_role("alert").get_by_role("button", name="Prøv igen").focus()
    page.unroute(document)
    page.keyboard.press("Enter")
    expect()(page.locator("h1#case-title")).to_have_text(REHAB_TITLE)
    expect()(page.locator("#indhold")).to_be_focused()
