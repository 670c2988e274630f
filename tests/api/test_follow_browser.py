"""'Følg denne udfordring' on the search page, in a real browser (Debian's Chromium, Playwright).

A challenge is followed from the search page with its sector filter; a new matching case is then
ingested into the same home the way `innosearch ingest` does it (alerts/run.py), and the
followed challenge's page lists it under "Nyt siden sidst" and its Atom feed carries it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.test_web_browser import (
    CHROMIUM,
    ELDER_QUERY,
    build_app,
    expect,
    launch_chromium,
    search,
    search_url,
    serve,
    wait_idle,
)
from tests.conftest import write_case

pytestmark = [pytest.mark.browser, pytest.mark.model]

NEW_CASE = "Træningsforløb i eget hjem holder ældre selvhjulpne længere"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object, Path]]:
    if not CHROMIUM.exists():
        pytest.skip("Browser tests need Debian's Chromium at /usr/bin/chromium (`make browser`).")
    root = tmp_path_factory.mktemp("follow")
    app = build_app(root)
    with serve(app) as url:
        yield url, app, root


@pytest.fixture
def page(served):
    from playwright.sync_api import sync_playwright

    base_url = served[0]
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
        page = context.new_page()
        page.set_default_timeout(15_000)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        yield page
        browser.close()
        assert errors == []


NEW_SUMMARY = (
    "Ældre borgere træner hverdagens gøremål med en ergoterapeut i eget hjem, så de klarer sig "
    "selv længere derhjemme uden hjemmehjælp."
)


def ingest_new_case(app, root: Path, title: str = NEW_CASE, summary: str = NEW_SUMMARY) -> None:
    """A new elder-care case arrives after the challenge was followed."""
    from innosearch.alerts.run import run_ingest

    folder = root / "new"
    write_case(
        folder,
        f"ny-{len(title)}.json",
        title=title,
        organisation="Østby Kommune",
        sector="aeldre",
        status="igangvaerende",
        year=2025,
        summary=summary,
    )
    settings, embedder = app.state.settings, app.state.searcher.embedder
    run = run_ingest(settings, embedder, [str(folder)])
    assert run.ingest.ok, run.ingest.failed


def test_follow_a_challenge_and_see_what_is_new(page, served) -> None:
    _, app, root = served
    page.goto("/")
    search(page, ELDER_QUERY)
    with page.expect_response(lambda r: "sector=aeldre" in r.url):
        page.locator("#filter-form label", has_text="Ældre").click()
    wait_idle(page)

    page.get_by_text("Følg denne udfordring").click()
    expect()(page.get_by_label("Navn på udfordringen")).to_have_value(ELDER_QUERY)
    # This server mails nothing (no INNOSEARCH_SMTP_HOST): no address field to wait in vain by.
    expect()(page.get_by_label("E-mail til nyhedsmails")).to_be_hidden()
    page.get_by_label("Navn på udfordringen").fill("Ældre i eget hjem")
    page.select_option("#follow-sector", "aeldre")
    with page.expect_response(lambda r: r.url.endswith("/api/saved")) as created:
        page.get_by_role("button", name="Følg udfordringen").click()
    saved = created.value.json()
    assert saved["filters"]["sector"] == ["aeldre"] and saved["own_sector"] == "aeldre"
    assert saved["query"] == ELDER_QUERY
    expect()(page.locator(".follow-done")).to_contain_text("Du følger nu »Ældre i eget hjem«")
    link = page.locator("#follow-link")
    expect()(link).to_have_attribute("href", re.compile(r"^http://127\.0\.0\.1:\d+/fulgt/\S{20,}$"))
    feed = page.locator("#follow-feed").get_attribute("href")
    assert feed and re.search(r"/api/saved/\S{20,}/feed\.xml$", feed)
    assert page.request.get(feed).status == 200

    ingest_new_case(app, root)

    link.click()
    page.wait_for_url(re.compile(r"/fulgt/"))
    expect()(page.locator("#followed-name")).to_have_text("Ældre i eget hjem")
    expect()(page.locator("#followed-query")).to_contain_text(ELDER_QUERY)
    expect()(page.locator("#followed-limits")).to_have_text(
        "Kun: Sektor: Ældre · Jeres sektor: Ældre"
    )
    expect()(page.locator("#followed-matches")).to_contain_text(NEW_CASE)
    expect()(page.locator("#followed-matches")).to_contain_text("Ny")
    assert NEW_CASE in page.request.get(feed).text()
    page.locator("#followed-matches a", has_text=NEW_CASE).click()
    page.wait_for_url(re.compile(r"/sag/"))
    expect()(page.locator("h1#case-title")).to_have_text(NEW_CASE)


def test_following_keeps_every_filter_of_the_search(page, served) -> None:
    page.goto(search_url(ELDER_QUERY, min_level="2", year_from="2020", has_pitfalls="false"))
    wait_idle(page)
    page.get_by_text("Følg denne udfordring").click()
    with page.expect_response(lambda r: r.url.endswith("/api/saved")) as created:
        page.get_by_role("button", name="Følg udfordringen").click()
    saved = created.value.json()
    assert saved["filters"] == {"year_from": 2020, "min_level": 2, "has_pitfalls": False}
    page.locator("#follow-link").click()
    page.wait_for_url(re.compile(r"/fulgt/"))
    expect()(page.locator("#followed-limits")).to_contain_text("Evidens: mindst 2")


def test_overview_page_lists_ongoing_work_first(page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Overblik").click()
    page.wait_for_url(re.compile(r"/overblik"))
    page.select_option("#o-sector", "aeldre")
    with page.expect_response(lambda r: "/api/overview" in r.url and "sector=aeldre" in r.url):
        page.get_by_role("button", name="Vis overblik").click()
    expect()(page.locator("#overview-title")).to_have_text("Hvad sker der på ældreområdet?")
    statuses = page.locator("#overview-list .pill-status").all_inner_texts()
    assert statuses and "Afsluttet" in statuses[-1]
    ongoing = [s for s in statuses if "Igangværende" in s]
    assert statuses[: len(ongoing)] == ongoing  # ongoing work first
    expect()(page.locator("#overview-counts")).to_contain_text("igangværende")
    expect()(page.locator("#overview-list a.contact-email").first).to_be_visible()
    assert "sector=aeldre" in page.url


def test_stopping_asks_first_and_a_dead_link_shows_only_why(page, served) -> None:
    _, app, root = served
    created = page.request.post("/api/saved", data={"query": ELDER_QUERY, "name": "Hjemmet"})
    saved = created.json()
    later = "Nabohjælp holder ældre i eget hjem"
    ingest_new_case(
        app,
        root,
        later,
        "Frivillige naboer hjælper ældre med indkøb og havearbejde, så de kan blive boende i "
        "eget hjem længere og klare sig selv derhjemme.",
    )
    page.goto(saved["links"]["page"])
    expect()(page.locator("#followed-matches")).to_contain_text(later)
    # Dates as Danish readers write them, not ISO.
    expect()(page.locator("#followed-matches li").first).to_contain_text(
        re.compile(
            r"\d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|"
            r"oktober|november|december) \d{4}"
        )
    )
    asked: list[str] = []

    def answer(dialog, accept: bool) -> None:
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda d: answer(d, False))
    page.get_by_role("button", name="Stop med at følge").click()
    expect()(page.get_by_role("button", name="Stop med at følge")).to_be_visible()
    assert "»Hjemmet«" in asked[0] and "kan ikke genskabes" in asked[0]
    assert page.request.get(saved["links"]["self"]).status == 200  # still followed

    page.once("dialog", lambda d: answer(d, True))
    page.get_by_role("button", name="Stop med at følge").click()
    expect()(page.locator("#followed-status")).to_have_text(
        "Du følger ikke længere udfordringen. Linket virker ikke mere."
    )
    assert page.request.get(saved["links"]["self"]).status == 404

    page.reload()
    expect()(page.locator("#followed-status")).to_contain_text("ingen fulgt udfordring")
    for hidden in ("#followed-stop", "#followed-feed-line", "#followed-news"):
        expect()(page.locator(hidden)).to_be_hidden()


def test_the_page_marks_what_is_new_since_it_was_last_seen(page, served) -> None:
    _, app, root = served
    created = page.request.post("/api/saved", data={"query": ELDER_QUERY, "name": "Set før"})
    saved = created.json()
    first = "Ældre klarer sig selv længere derhjemme med hjemmetræning"
    ingest_new_case(app, root, first)
    with page.expect_response(lambda r: r.url.endswith("/seen")) as marked:
        page.goto(saved["links"]["page"])
    assert marked.value.status == 204
    news = page.locator("#followed-matches li", has_text=first)
    expect()(news.locator(".unseen")).to_have_text("Ikke set før")
    expect()(page.locator("#followed-status")).to_contain_text("siden du sidst så siden")

    page.reload()
    expect()(page.locator("#followed-matches")).to_contain_text(first)
    expect()(page.locator("#followed-matches .unseen")).to_have_count(0)
    expect()(page.locator("#followed-status")).to_have_text("")

    later = "Daglig træning får ældre til at klare sig selv længere derhjemme"
    ingest_new_case(
        app,
        root,
        later,
        "Hjemmeboende ældre får et kort dagligt træningsprogram af kommunens terapeuter og kan "
        "derefter klare indkøb, rengøring og madlavning selv i længere tid.",
    )
    page.reload()
    matches = page.locator("#followed-matches li")
    expect()(matches.filter(has_text=later).locator(".unseen")).to_be_visible()
    expect()(matches.filter(has_text=first).locator(".unseen")).to_have_count(0)
