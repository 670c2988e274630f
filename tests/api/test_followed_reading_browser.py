"""The followed challenge's page as a demanding reader meets it in a real browser: a way past the
menu, what an update is called, no stop button before there is a challenge to stop, and a link
stopped elsewhere named as stopped, with the reader's focus kept and a way on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.test_web_browser import CHROMIUM, checked_page, chromium_over, expect, hashing_home
from tests.conftest import write_case

pytestmark = [pytest.mark.browser]

TITLE = "Træning i eget hjem for ældre"
SUMMARY = "Ældre borgere træner daglige gøremål i eget hjem med en terapeut."


def _write(folder: Path, summary: str = SUMMARY) -> Path:
    write_case(folder, "traening.json", title=TITLE, sector="aeldre", year=2024, summary=summary)
    return folder


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, str, object, Path]]:
    if not CHROMIUM.exists():
        pytest.skip("Browser tests need Debian's Chromium at /usr/bin/chromium (`make browser`).")
    root = tmp_path_factory.mktemp("followed")
    settings, embedder = hashing_home(root, _write(root / "cases"))
    # A server that mails news, so the follow form offers an address (nothing listens on the
    # port: a digest is only attempted, after the last test's follow, by no ingest).
    settings = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": 9})
    with chromium_over(settings, embedder) as (chromium, url):
        yield chromium, url, (settings, embedder), root


@pytest.fixture
def page(served):
    with checked_page(served[0], served[1], 1280, 900) as page:
        yield page


def _follow(page, name: str) -> dict:
    body = {"query": "ældre træner i eget hjem", "name": name}
    return page.request.post("/api/saved", data=body).json()


def test_the_first_tab_skips_the_menu_to_the_content(page) -> None:
    page.goto(_follow(page, "Spring")["links"]["page"])
    expect()(page.locator("#followed-name")).to_have_text("Spring")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect()(skip).to_have_text("Spring til indholdet")
    page.keyboard.press("Enter")
    expect()(page.locator("main")).to_be_focused()


def test_an_updated_case_is_said_to_be_updated_not_to_have_come(page, served) -> None:
    from innosearch.alerts.run import run_ingest

    _, _, (settings, embedder), root = served
    saved = _follow(page, "Opdateret")
    folder = _write(root / "cases", SUMMARY + " Nu også om aftenen.")
    assert run_ingest(settings, embedder, [str(folder)]).alerts["Opdateret"] == 1
    page.goto(saved["links"]["page"])
    expect()(page.locator("#followed-matches")).to_contain_text("Opdateret")
    # Before: "1 sag er kommet til, …" of a case that had been there all along.
    expect()(page.locator("#followed-status")).to_have_text(
        "1 sag er opdateret, siden du sidst så siden."
    )


def test_there_is_no_stop_button_before_the_challenge_has_loaded(page) -> None:
    saved = _follow(page, "Venter")
    held = []
    page.route(f"**{saved['links']['self']}", lambda route: held.append(route))
    page.goto(saved["links"]["page"])
    page.wait_for_function("() => true")
    expect()(page.locator("#followed-status")).to_have_text("Henter den fulgte udfordring …")
    # Before: a stop button that asked whether to stop following »« (no name yet).
    expect()(page.get_by_role("button", name="Stop med at følge")).to_be_hidden()
    expect()(page.locator("#followed-feed-line")).to_be_hidden()
    assert held
    held[0].continue_()
    expect()(page.get_by_role("button", name="Stop med at følge")).to_be_visible()
    expect()(page.locator("#followed-feed-line")).to_be_visible()


def test_a_link_stopped_elsewhere_is_named_as_stopped_and_focus_stays_on_the_answer(page) -> None:
    saved = _follow(page, "Stoppet andetsteds")
    page.goto(saved["links"]["page"])
    expect()(page.locator("#followed-name")).to_have_text("Stoppet andetsteds")
    assert page.request.delete(saved["links"]["self"]).status == 204  # a colleague stopped it
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Stop med at følge").focus()
    page.keyboard.press("Enter")
    status = page.locator("#followed-status")
    # Before: "Det lykkedes ikke at stoppe. Prøv igen." for a link no retry could stop.
    expect()(status).to_contain_text("ingen fulgt udfordring med dette link")
    expect()(status).to_be_focused()
    expect()(page.locator("#followed-news")).to_be_hidden()
    expect()(page.get_by_role("link", name="Gå til søgningen")).to_be_visible()


def test_stopping_leaves_only_the_answer_and_a_way_on(page) -> None:
    saved = _follow(page, "Stoppes her")
    page.goto(saved["links"]["page"])
    expect()(page.locator("#followed-name")).to_have_text("Stoppes her")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Stop med at følge").click()
    expect()(page.locator("#followed-status")).to_have_text(
        "Du følger ikke længere udfordringen. Linket virker ikke mere."
    )
    expect()(page.locator("#followed-status")).to_be_focused()
    expect()(page.locator("#followed-news")).to_be_hidden()
    expect()(page.get_by_role("link", name="Gå til søgningen")).to_be_visible()


def test_following_with_an_address_shows_the_address_mails_go_to(page) -> None:
    from tests.api.test_web_browser import search_url, wait_idle

    page.goto(search_url("ældre træner i eget hjem"))
    wait_idle(page)
    page.get_by_text("Følg denne udfordring").click()
    page.get_by_label("E-mail til nyhedsmails").fill("anna@fjordbyy.dk")
    with page.expect_response(lambda r: r.url.endswith("/api/saved")) as created:
        page.get_by_role("button", name="Følg udfordringen").click()
    assert created.value.status == 201
    # Before: the address was never shown again, so a typo in it went unseen.
    expect()(page.locator(".follow-done")).to_contain_text(
        "Nyhedsmails sendes til anna@fjordbyy.dk."
    )
    expect()(page.locator(".follow-done")).to_contain_text("nye eller opdaterede cases")
