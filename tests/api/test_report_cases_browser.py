"""A multi-case report on the web page, in a real browser (Debian's Chromium, Playwright).

A report of three projects is ingested with the real model and served on 127.0.0.1: a case's
page says "Del af rapporten …" with a link to the report, the report's page lists its cases, and
a search hit for one case carries the same line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.api.test_web_browser import (
    CHROMIUM,
    build_app,
    checked_page,
    expect,
    launch_chromium,
    search,
    serve,
)
from tests.ingest.report_files import CENTRE_TITLE, PROJECTS, multi_case_markdown

pytestmark = [pytest.mark.browser, pytest.mark.model]

TITLES = [title for title, _ in PROJECTS]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Browser tests need Debian's Chromium at /usr/bin/chromium (`make browser`).")
    from playwright.sync_api import sync_playwright

    root = tmp_path_factory.mktemp("report")
    folder = root / "rapporter"
    folder.mkdir()
    multi_case_markdown(folder)
    with serve(build_app(root, folder)) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        with checked_page(browser, url, 1280, 900) as page:
            yield page
        browser.close()


def test_a_case_names_its_report_and_the_report_lists_its_cases(page) -> None:
    page.goto("/")
    search(page, "spiserobotter til beboere på plejecenter")
    card = page.locator(".card", has_text=TITLES[0]).first
    expect()(card.locator(".part-of")).to_have_text(f"Del af rapporten {CENTRE_TITLE}")

    card.get_by_role("link", name=TITLES[0]).click()
    expect()(page.locator("#case-title")).to_have_text(TITLES[0])
    part_of = page.locator("#case-part-of")
    expect()(part_of).to_be_visible()
    expect()(part_of).to_have_text(f"Del af rapporten {CENTRE_TITLE}")
    expect()(page.locator("#parts-panel")).to_be_hidden()

    part_of.get_by_role("link", name=CENTRE_TITLE).click()
    expect()(page.locator("#case-title")).to_have_text(CENTRE_TITLE)
    expect()(page.locator("#case-part-of")).to_be_hidden()
    expect()(page.locator("#parts-list li")).to_have_text(TITLES)
    page.locator("#parts-list").get_by_role("link", name=TITLES[2]).click()
    expect()(page).to_have_url(re.compile(r"/sag/[0-9a-f]{16}$"))
    expect()(page.locator("#case-title")).to_have_text(TITLES[2])


def test_the_report_page_lists_its_cases_once_and_as_links(page) -> None:
    page.goto("/")
    search(page, "evaluering af lokale innovationsprojekter")
    page.locator(".card", has_text=CENTRE_TITLE).first.get_by_role(
        "link", name=CENTRE_TITLE
    ).click()
    expect()(page.locator("#case-title")).to_have_text(CENTRE_TITLE)
    expect()(page.locator("#parts-list li")).to_have_text(TITLES)
    expect()(page.get_by_role("heading", name="Cases i rapporten")).to_have_count(1)
    # The report's framing chapters are shown; the plain-text list of its cases is not.
    expect()(page.locator("#case-sections h2").first).to_be_visible()
    for title in TITLES:
        expect()(page.locator("#case-sections")).not_to_contain_text(title)


@pytest.mark.parametrize("typed", ["%E0%A4%A", "abc%2Fdef", "findes-ikke"])
def test_an_address_of_no_case_names_what_was_asked_for(page, typed) -> None:
    page.goto(f"/sag/{typed}")
    alert = page.get_by_role("alert")
    expect()(alert).to_contain_text("Casen findes ikke")
    shown = typed.replace("%2F", "/") if typed != "%E0%A4%A" else typed
    expect()(alert).to_contain_text(f"Der findes ingen sag med id '{shown}'.")
