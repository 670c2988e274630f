"""The Danish web page, driven in a real browser (Debian's Chromium through Playwright).

The real app (`create_app`) is started with uvicorn in a background thread over a small case
corpus ingested with the real embedding model into a temporary home. Run with `pytest -m browser`;
needs /usr/bin/chromium (`make browser` installs it).
"""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]

XSS_TITLE = "Borgerpanel <script>window.__pwned=1</script> om affald"
XSS_IMG = '<img src=x onerror="window.__pwned=1">'

# A small corpus in the Danish sharing template: several sectors, contacts, measured effect,
# pitfalls, ongoing and finished work, a case without a stated sector (so it is inferred), and
# one whose title and text carry markup that must be shown as text.
CASES: dict[str, dict] = {
    "aeldre-hverdagsrehabilitering.json": {
        "title": "Hverdagsrehabilitering: ældre klarer sig selv længere i eget hjem",
        "organisation": "Fjordby Kommune",
        "organisation_type": "kommune",
        "place": "Fjordby",
        "sector": "aeldre",
        "stage": "implementering",
        "status": "afsluttet",
        "year": 2021,
        "contact": {
            "name": "Anna Holm",
            "email": "anna.holm@fjordby.dk",
            "phone": "+45 11 22 33 44",
        },
        "summary": "Ældre borgere, der søger hjemmehjælp, får i stedet et forløb med en "
        "ergoterapeut, hvor de træner daglige gøremål. Målet er, at de ældre klarer sig selv "
        "længere derhjemme og bevarer deres selvstændighed i eget hjem.",
        "challenge": "Flere ældre og færre hænder i hjemmeplejen. Mange ældre mistede evnen "
        "til at klare sig selv, fordi hjemmehjælpen gjorde tingene for dem.",
        "solution": "Et tværfagligt team af ergoterapeuter og social- og sundhedsassistenter "
        "laver et træningsforløb på 8-12 uger i borgerens eget hjem med personlige mål.",
        "pitfalls": "Medarbejderne i hjemmeplejen følte sig i starten overset. Involver dem "
        "tidligt, og afsæt tid til oplæring, ellers falder borgerne tilbage til gamle vaner.",
        "effect": "Andelen af borgere, der klarede sig helt uden hjemmehjælp efter forløbet, "
        "steg fra 31 % til 52 % målt før og efter indsatsen.",
        "tags": ["rehabilitering", "hjemmepleje", "selvhjulpenhed"],
        "links": ["https://fjordby.dk/hverdagsrehabilitering"],
        "budget_pr_aar": "1,2 mio. kr.",  # no field of the template: shown as the source names it
    },
    "aeldre-spiserobot.json": {
        "title": "Spiserobotter til borgere på plejecenter",
        "organisation": "Bakkedal Kommune",
        "organisation_type": "kommune",
        "place": "Bakkedal",
        "sector": "aeldre",
        "stage": "udvikling",
        "status": "igangvaerende",
        "year": 2024,
        "contact": {"name": "Peter Lund", "email": "pelu@bakkedal.dk"},
        "summary": "Beboere med nedsat funktion i armene spiser selv ved hjælp af en "
        "spiserobot, så de ikke skal mades af personalet.",
        "effect": "Vi forventer, at beboerne oplever større værdighed ved måltiderne.",
    },
    "sundhed-telemedicin-kol.json": {
        "title": "Telemedicin til borgere med KOL",
        "organisation": "Region Midtland",
        "organisation_type": "region",
        "place": "Midtland",
        "sector": "sundhed",
        "stage": "spredning",
        "status": "afsluttet",
        "year": 2020,
        "contact": {"name": "Mette Kjær", "email": "mette.kjaer@rm.example.dk"},
        "summary": "Borgere med kronisk lungesygdom (KOL) måler selv iltmætning og vægt "
        "derhjemme og sender målingerne til sygeplejersker på hospitalet.",
        "effect": "Sammenlignet med en kontrolgruppe faldt antallet af genindlæggelser med "
        "21 %, og borgerne kunne blive længere i eget hjem.",
        "pitfalls": "Udstyret skal være enkelt. Mange ældre havde svært ved tablets.",
    },
    "beskaeftigelse-unge-mentor.json": {
        "title": "Mentorer hjælper unge ledige i job eller uddannelse",
        "organisation": "Søby Kommune",
        "organisation_type": "kommune",
        "place": "Søby",
        "sector": "beskaeftigelse",
        "stage": "implementering",
        "status": "igangvaerende",
        "year": 2022,
        "contact": {"name": "Karim Nielsen", "phone": "70 20 30 40"},
        "summary": "Unge ledige under 30 år får en fast mentor fra en lokal virksomhed, "
        "som hjælper dem videre i job eller uddannelse.",
        "effect": "Andelen af unge i job eller uddannelse efter et år steg fra 38 % til 55 %.",
    },
    "skole-laeseloeft.json": {
        "title": "Læseløft i indskolingen",
        "organisation": "Søby Kommune",
        "organisation_type": "kommune",
        "sector": "skole",
        "stage": "udvikling",
        "status": "igangvaerende",
        "year": 2023,
        "summary": "Elever i første klasse med svage læsefærdigheder får intensiv "
        "læsetræning i små hold tre gange om ugen.",
        "pitfalls": "Vi undervurderede, hvor meget tid lærerne skulle bruge på planlægning.",
    },
    "klima-skybrud.json": {
        "title": "Skybrudssikring med regnbede",
        "organisation": "Region Vestkyst",
        "organisation_type": "region",
        "sector": "klima_miljoe",
        "stage": "implementering",
        "status": "afsluttet",
        "year": 2019,
        "summary": "Regnvand fra kraftige skybrud ledes til regnbede og grønne kiler, så "
        "kældre ikke oversvømmes.",
    },
    "administration-sygefravaer.json": {
        "title": "Færre sygedage med tidlig dialog",
        "organisation": "Styrelsen for Arbejdsliv",
        "organisation_type": "stat",
        "sector": "administration",
        "stage": "spredning",
        "status": "afsluttet",
        "year": 2022,
        "contact": {"name": "Lise Berg", "email": "lb@arbejdsliv.example.dk"},
        "summary": "Ledere tager en tidlig, omsorgsfuld samtale med medarbejdere ved "
        "gentaget sygefravær, så sygefraværet blandt medarbejderne nedbringes.",
        "effect": "Sygefraværet faldt fra 5,1 % til 4,2 % det første år.",
    },
    "kultur-spisevenner.json": {
        "title": "Spisevenner på biblioteket mod ensomhed",
        "organisation": "Havnestad Kommune",
        "organisation_type": "kommune",
        "place": "Havnestad",
        "sector": "kultur_fritid",
        "stage": "spredning",
        "status": "igangvaerende",
        "year": 2023,
        "contact": {"name": "Jonas Friis", "email": "jofr@havnestad.dk"},
        "summary": "Biblioteket samler ensomme ældre og frivillige til fællesspisning og "
        "højtlæsning, så de ældre bevarer kræfterne og klarer sig selv længere i eget hjem.",
    },
    "teknik-flextur.json": {
        "title": "Flextur for ældre i landdistrikterne",
        "organisation": "Trafikselskab Øst",
        "organisation_type": "andet",
        "sector": "teknik_trafik",
        "stage": "implementering",
        "status": "afsluttet",
        "year": 2018,
        "summary": "Ældre i landsbyer uden bus kan bestille en billig flextur til læge, "
        "indkøb og aktiviteter, så de kan blive boende og klare sig selv længere.",
        "effect": "Før og efter: 40 % flere ture, og færre ældre flyttede på plejehjem.",
    },
    "inferred-digital-hjaelp.json": {
        "title": "Hjælp til digital post i borgerservice",
        "organisation": "Bakkedal Kommune",
        "summary": "Borgere, der har svært ved digital post og MitID, får hjælp af "
        "medarbejdere og frivillige i borgerservice og på biblioteket.",
        # No contact field: the contact is read from the text and marked as found there.
        "resources": "To medarbejdere i borgerservice. Kontakt: Mette Dal Holm, "
        "mette.holm@bakkedal.dk.",
    },
    "xss-borgerpanel.json": {
        "title": XSS_TITLE,
        "organisation": "Testby Kommune",
        "sector": "klima_miljoe",
        "summary": f"Et borgerpanel om affaldssortering. {XSS_IMG} Panelet mødtes fire gange.",
        "challenge": "Markup i teksten skal vises som tekst: <b>fed</b> og "
        "<script>window.__pwned=1</script>.",
        "contact": {"name": "<script>window.__pwned=1</script>", "email": "test@testby.dk"},
    },
}


def write_corpus(folder: Path) -> Path:
    """Write the corpus as one JSON file per case, the way a municipality would export it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, fields in CASES.items():
        (folder / name).write_text(json.dumps(fields, ensure_ascii=False), encoding="utf-8")
    return folder


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(app, host: str = "127.0.0.1", port: int | None = None) -> Iterator[str]:
    """Run `app` with uvicorn in a background thread; yields the base URL."""
    import uvicorn

    port = port or free_port()
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# --------------------------------------------------------------------------------- fixtures

pytestmark = [pytest.mark.browser, pytest.mark.model]

ELDER_QUERY = "Hvordan får vi ældre til at klare sig selv længere derhjemme?"
REHAB_TITLE = CASES["aeldre-hverdagsrehabilitering.json"]["title"]


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def hashing_home(root: Path, cases: Path):
    """Settings and the hashing embedder of a home under `root` holding `cases`, for pages
    whose test is what they say and when, not which case answers a question."""
    from innosearch.config import Settings
    from innosearch.embed.hashing import HashingEmbedder
    from innosearch.ingest.pipeline import Ingestor

    settings = Settings(home=root / "home", cache_dir=Settings().cache_dir)
    embedder = HashingEmbedder()
    report = Ingestor(settings, embedder).ingest([cases])
    assert report.ok, report.failed
    return settings, embedder


@contextmanager
def chromium_over(settings, embedder) -> Iterator[tuple[object, str]]:
    """Chromium, and the app over the settings' home served on 127.0.0.1 (its URL)."""
    from playwright.sync_api import sync_playwright

    from innosearch.api.app import create_app

    with serve(create_app(settings, embedder)) as url, sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium, url
        finally:
            chromium.close()


def build_app(root: Path, data: Path | None = None):
    """Ingest `data` (default: this module's corpus) into a home under `root`; return the app."""
    from innosearch.api.app import create_app
    from innosearch.config import Settings
    from innosearch.embed.factory import load_embedder
    from innosearch.ingest.pipeline import Ingestor

    settings = Settings(home=root / "home")
    embedder = load_embedder(settings)
    report = Ingestor(settings, embedder).ingest([data or write_corpus(root / "cases")])
    assert report.ok, report.failed
    return create_app(settings, embedder)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip("Browser tests need Debian's Chromium at /usr/bin/chromium (`make browser`).")
    app = build_app(tmp_path_factory.mktemp("web"))
    with serve(app) as url:
        yield url


@pytest.fixture(scope="module")
def chromium(base_url: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@contextmanager
def checked_page(chromium, base_url: str, width: int, height: int) -> Iterator:
    """A page in its own browser context; it fails the test if a script error was uncaught."""
    context = chromium.new_context(
        viewport={"width": width, "height": height}, base_url=base_url, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == []


@pytest.fixture
def page(chromium, base_url: str):
    with checked_page(chromium, base_url, 1280, 900) as page:
        yield page


@pytest.fixture
def phone(chromium, base_url: str):
    with checked_page(chromium, base_url, 390, 844) as page:
        yield page


# --------------------------------------------------------------------------------- helpers


def expect():
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect


def search(page, query: str) -> None:
    """Type a challenge into the search box, press Enter and wait for the result cards."""
    page.fill("#q", query)
    with page.expect_response(lambda r: "/api/search" in r.url):
        page.press("#q", "Enter")
    wait_idle(page)


def wait_idle(page) -> None:
    page.wait_for_function(
        "() => !document.getElementById('layout').hasAttribute('aria-busy')"
        " && document.getElementById('status').hidden"
    )


def search_url(query: str, **params: str) -> str:
    return "/?" + urlencode({"q": query, **params})


def cards(page):
    return page.locator("#results-list .card")


def url_params(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


UNLABELLED_CONTROLS = """() => [...document.querySelectorAll('input, select, textarea, button')]
  .filter((el) => el.offsetParent !== null || el.closest('details:not([open])'))
  .filter((el) => {
    if (el.tagName === 'BUTTON') return !el.textContent.trim() && !el.getAttribute('aria-label');
    return !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
      && !el.getAttribute('aria-labelledby');
  })
  .map((el) => el.outerHTML.slice(0, 80))"""

# WCAG 2.1 contrast of every visible piece of text against its (blended) background.
LOW_CONTRAST = """() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const blend = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const background = (el) => {
    const layers = [];
    for (let n = el; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let out = { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) out = blend(layer, out);
    return out;
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const fails = [];
  for (const el of document.querySelectorAll('body *')) {
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden') continue;
    if (el.closest('.sr-only') || el.disabled) continue;
    const bg = background(el);
    const fg = blend(parse(style.color), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) {
      const text = el.textContent.trim().slice(0, 30);
      fails.push(`${el.tagName}.${el.className} ${ratio.toFixed(2)} "${text}"`);
    }
  }
  return fails;
}"""


# --------------------------------------------------------------------------------- tests


def test_search_page_is_danish_and_finds_the_right_case_first(page) -> None:
    page.goto("/")
    assert page.get_attribute("html", "lang") == "da"
    expect()(page.locator("label[for=q]")).to_contain_text("Beskriv jeres udfordring")
    search(page, ELDER_QUERY)

    first = cards(page).first
    expect()(first.locator(".card-title a")).to_have_text(REHAB_TITLE)
    # The place is not repeated when the organisation names it.
    expect()(first.locator(".card-org")).to_have_text("Fjordby Kommune · 2021")
    expect()(first.locator(".pill-sector")).to_contain_text("Ældre")
    expect()(first.locator(".pill-stage")).to_contain_text("Implementering")
    expect()(first.locator(".pill-status")).to_contain_text("Afsluttet")
    expect()(first.locator(".badge-evidence")).to_contain_text("Evidens 2")
    expect()(first.locator(".badge-evidence")).to_contain_text("Målt før og efter")
    assert first.locator(".snippet mark").count() > 0
    marked = " ".join(first.locator(".snippet mark").all_inner_texts()).lower()
    assert "ældre" in marked
    expect()(first.locator(".snippet figcaption")).to_contain_text("Fra afsnittet")
    expect()(first.locator("a.contact-email")).to_have_attribute(
        "href", "mailto:anna.holm@fjordby.dk"
    )
    expect()(first.locator("a.contact-phone")).to_have_attribute("href", "tel:+4511223344")
    expect()(page.locator("#results-range")).to_have_text(re.compile(r"Viser 1–\d+ af \d+"))
    assert url_params(page)["q"] == [ELDER_QUERY]
    assert page.title().startswith(ELDER_QUERY)


def test_example_question_searches_and_paging_keeps_url(page) -> None:
    page.goto("/")
    with page.expect_response(lambda r: "/api/search" in r.url):
        page.get_by_role("button", name=ELDER_QUERY).click()
    wait_idle(page)
    expect()(page.locator("#q")).to_have_value(ELDER_QUERY)
    expect()(cards(page).first.locator(".card-title a")).to_have_text(REHAB_TITLE)
    total = len(CASES)
    expect()(page.locator("#results-range")).to_have_text(f"Viser 1–10 af {total}")

    page.get_by_role("button", name="Næste →").click()
    wait_idle(page)
    expect()(page.locator("#results-range")).to_have_text(f"Viser 11–{total} af {total}")
    assert url_params(page)["offset"] == ["10"]
    expect()(page.get_by_role("button", name="← Forrige")).to_be_enabled()

    page.go_back()
    wait_idle(page)
    expect()(page.locator("#results-range")).to_have_text(f"Viser 1–10 af {total}")


def test_a_corrected_spelling_is_shown_with_the_question_as_typed(page) -> None:
    page.goto("/")
    search(page, "aeldre i eget hjem")
    note = page.locator("#spelling")
    expect()(note).to_contain_text("Vi har rettet stavningen og søgt efter »ældre i eget hjem«")
    expect()(page.locator("#results-heading")).to_have_text("Resultater for »ældre i eget hjem«")

    note.get_by_role("link", name="Søg i stedet efter »aeldre i eget hjem«").click()
    wait_idle(page)
    assert url_params(page)["as_typed"] == ["1"]
    expect()(page.locator("#results-heading")).to_have_text("Resultater for »aeldre i eget hjem«")
    expect()(note).to_be_hidden()

    # A new question is corrected again.
    search(page, "aeldre i eget hjem")
    assert "as_typed" not in url_params(page)
    expect()(note).to_be_visible()


def test_filter_changes_counts_and_is_kept_in_the_url(page) -> None:
    page.goto("/")
    search(page, ELDER_QUERY)
    before = page.locator("#results-range").inner_text()
    elder = page.locator("#filter-form label", has_text="Ældre")
    facet_count = int(elder.locator(".facet-count").inner_text())
    assert 0 < facet_count < len(CASES)

    with page.expect_response(lambda r: "sector=aeldre" in r.url):
        elder.click()
    wait_idle(page)
    expect()(page.locator("#results-range")).not_to_have_text(before)
    expect()(page.locator("#results-range")).to_have_text(f"Viser 1–{facet_count} af {facet_count}")
    assert cards(page).count() == facet_count
    for sector in cards(page).locator(".pill-sector").all_inner_texts():
        assert "Ældre" in sector
    assert url_params(page)["sector"] == ["aeldre"]
    # The other sectors stay on offer, uncounted, to switch to directly.
    school = page.locator("#filter-form label", has_text="Skole")
    expect()(school).to_be_visible()
    assert school.locator(".facet-count").count() == 0

    # A bookmark of the URL restores the same search and filter.
    page.goto(page.url)
    wait_idle(page)
    expect()(page.locator("#q")).to_have_value(ELDER_QUERY)
    expect()(page.locator("#filter-form input[name=sector][value=aeldre]")).to_be_checked()
    assert cards(page).count() == facet_count

    # Minimum evidence level: counts sum the levels at or above it.
    level2 = page.locator("#filter-form input[name=min_level][value='2']")
    with page.expect_response(lambda r: "min_level=2" in r.url):
        level2.check()
    wait_idle(page)
    for badge in cards(page).locator(".badge-level").all_inner_texts():
        assert int(badge.split()[-1]) >= 2

    page.get_by_role("button", name="Nulstil alle filtre").click()
    wait_idle(page)
    assert "sector" not in url_params(page)
    expect()(page.locator("#results-range")).to_have_text(before)


def test_inferred_fields_are_marked_with_confidence(page) -> None:
    page.goto("/")
    search(page, "Hjælp til digital post og MitID i borgerservice")
    card = cards(page).filter(has_text="Hjælp til digital post i borgerservice")
    marker = card.locator(".pill-sector .inferred")
    expect()(marker).to_contain_text("automatisk vurderet")
    expect()(marker).to_have_attribute("title", re.compile(r"sikkerhed \d+ %"))
    expect()(card.locator(".contact")).to_contain_text("Mette Dal Holm")
    expect()(card.locator(".contact .inferred")).to_have_text("(fundet i teksten)")
    # A stated field carries no marker.
    page.goto(search_url(ELDER_QUERY))
    wait_idle(page)
    assert cards(page).first.locator(".pill-sector .inferred").count() == 0
    assert cards(page).first.locator(".contact .inferred").count() == 0


def test_inspiration_panel_shows_other_sectors_with_reasons(page) -> None:
    # Searching within one's own sector is the normal case; inspiration comes from the others.
    page.goto("/")
    search(page, ELDER_QUERY)
    # No sector named: the panel says which one it assumed, and why.
    assumed = page.locator("#inspiration-assumed")
    expect()(assumed).to_be_visible()
    expect()(assumed).to_contain_text("I har ikke valgt en sektor, så vi har antaget Ældre")
    with page.expect_response(lambda r: "sector=aeldre" in r.url):
        page.locator("#filter-form label", has_text="Ældre").click()
    wait_idle(page)
    panel = page.get_by_role("complementary", name="Inspiration fra andre sektorer")
    expect()(panel).to_be_visible()
    expect()(panel.locator("#inspiration-intro")).to_contain_text("Ældre")
    expect()(panel.locator("#inspiration-assumed")).to_be_hidden()
    items = panel.locator(".card")
    assert items.count() > 0
    titles = items.locator(".card-title a").all_inner_texts()
    assert CASES["teknik-flextur.json"]["title"] in titles
    for i in range(items.count()):
        item = items.nth(i)
        sector = item.locator(".pill-sector").inner_text()
        assert sector and "Ældre" not in sector
        reason = item.locator(".reason").inner_text()
        assert len(reason.removeprefix("Derfor:").strip()) > 10
    # Beside the results on a desktop screen.
    results_box = page.locator("#resultater").bounding_box()
    panel_box = panel.bounding_box()
    assert panel_box["x"] >= results_box["x"] + results_box["width"]


def test_a_card_says_what_the_case_achieved_and_what_went_wrong(page) -> None:
    page.goto("/")
    search(page, ELDER_QUERY)
    outcomes = cards(page).first.locator(".outcomes")
    expect()(outcomes.locator("dt")).to_have_text(["Opnået:", "Gik galt:"])
    expect()(outcomes.locator("dd").first).to_contain_text("steg fra 31 % til 52 %")
    expect()(outcomes.locator("dd").last).to_have_text(
        "Medarbejderne i hjemmeplejen følte sig i starten overset."
    )


def test_case_page_sections_contact_and_related(page) -> None:
    page.goto("/")
    search(page, ELDER_QUERY)
    search_url = page.url
    page.locator("#results-list .card-title a").first.click()
    page.wait_for_url(re.compile(r"/sag/"))
    expect()(page.locator("h1#case-title")).to_have_text(REHAB_TITLE)
    assert page.title().startswith(REHAB_TITLE)
    headings = page.locator(".case-section h2").all_inner_texts()
    for heading in ("Udfordring", "Løsning", "Faldgruber", "Effekt"):
        assert any(h.startswith(heading) for h in headings), headings
    expect()(page.locator("#evidence-body")).to_contain_text("steg fra 31 % til 52 %")
    expect()(page.locator("#case-pitfalls li").first).to_have_text(
        "Medarbejderne i hjemmeplejen følte sig i starten overset."
    )
    expect()(page.locator("#case-contact a.contact-email")).to_have_attribute(
        "href", "mailto:anna.holm@fjordby.dk"
    )
    expect()(page.locator("#case-meta")).to_contain_text("Ældre")
    expect()(page.locator("#case-source")).to_contain_text("aeldre-hverdagsrehabilitering.json")
    expect()(page.locator("#case-source a[href^='https://fjordby.dk']")).to_be_visible()
    page.locator("#case-source summary", has_text="Øvrige oplysninger fra kilden").click()
    expect()(page.locator("#case-source details dt")).to_have_text(["Budget pr aar"])

    related = page.locator("#related-list .card")
    expect()(related.first).to_be_visible()
    assert related.count() > 0
    with page.expect_response(lambda r: "other_sectors=true" in r.url):
        page.get_by_label("Kun andre sektorer").check()
    page.wait_for_function(
        "() => !document.getElementById('related-list').hasAttribute('aria-busy')"
    )
    sectors = page.locator("#related-list .pill-sector").all_inner_texts()
    assert sectors and all("Ældre" not in s for s in sectors)

    page.get_by_role("link", name="← Tilbage til søgningen").click()
    page.wait_for_url(search_url)
    wait_idle(page)
    expect()(cards(page).first.locator(".card-title a")).to_have_text(REHAB_TITLE)


def test_unknown_case_shows_a_danish_message(page) -> None:
    page.goto("/sag/findes-ikke")
    alert = page.get_by_role("alert")
    expect()(alert).to_contain_text("Casen findes ikke")
    expect()(alert).to_contain_text("findes-ikke")


def test_effect_view_and_csv_download(page) -> None:
    page.goto("/effekt")
    expect()(page.locator("#e-min_level")).to_have_value("2")
    expect()(page.locator("#effects-list .card").first).to_be_visible()
    for badge in page.locator("#effects-list .badge-level").all_inner_texts():
        assert int(badge.split()[-1]) >= 2
    expect()(page.locator("#effects-list")).to_contain_text("Det dokumenterer effekten")
    shown = set(page.locator("#effects-list .card-title a").all_inner_texts())
    assert REHAB_TITLE in shown
    assert CASES["aeldre-spiserobot.json"]["title"] not in shown  # expected effect only

    page.select_option("#e-sector", "aeldre")
    with page.expect_response(lambda r: "/api/effects" in r.url):
        page.get_by_role("button", name="Vis cases").click()
    assert url_params(page)["sector"] == ["aeldre"]
    expect()(page.locator("#csv-link")).to_have_attribute("href", re.compile(r"sector=aeldre"))

    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    download = info.value
    content = Path(download.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content), delimiter=";"))
    titles = {row["titel"] for row in rows}
    assert REHAB_TITLE in titles
    assert all(row["sektor"] == "Ældre" for row in rows)
    assert all(int(row["evidensniveau"]) >= 2 for row in rows)


def test_phone_width_has_no_horizontal_scroll(phone) -> None:
    phone.goto("/")
    assert no_horizontal_scroll(phone)
    search(phone, ELDER_QUERY)
    assert no_horizontal_scroll(phone)
    # The inspiration panel sits below the results on a phone.
    results_box = phone.locator("#resultater").bounding_box()
    panel_box = phone.locator("#inspiration").bounding_box()
    assert panel_box["y"] >= results_box["y"] + results_box["height"]
    # Filters are folded away but can be opened.
    phone.locator("#filters-details summary").click()
    expect()(phone.locator("#filter-form fieldset").first).to_be_visible()
    assert no_horizontal_scroll(phone)

    phone.locator("#results-list .card-title a").first.click()
    phone.wait_for_url(re.compile(r"/sag/"))
    expect()(phone.locator("#related-list .card").first).to_be_visible()
    assert no_horizontal_scroll(phone)

    phone.goto("/effekt")
    expect()(phone.locator("#effects-list .card").first).to_be_visible()
    assert no_horizontal_scroll(phone)


def test_phone_has_a_link_down_to_the_inspiration_and_a_wide_screen_not(phone, page) -> None:
    url = search_url(ELDER_QUERY, sector="aeldre")
    phone.goto(url)
    wait_idle(phone)
    suggestions = phone.locator("#inspiration .card").count()
    assert suggestions > 0
    jump = phone.locator("#inspiration-jump a")
    expect()(jump).to_have_text(re.compile(rf"^{suggestions} forslag fra andre sektorer ↓$"))
    jump.click()
    expect()(phone.locator("#inspiration-heading")).to_be_in_viewport()

    page.set_viewport_size({"width": 1300, "height": 900})
    page.goto(url)
    wait_idle(page)
    expect()(page.locator("#inspiration-jump")).to_be_hidden()


def test_markup_in_documents_is_shown_as_text(page) -> None:
    page.goto("/")
    search(page, "Borgerpanel om affaldssortering")
    card = cards(page).filter(has_text="Borgerpanel")
    expect()(card.locator(".card-title a")).to_have_text(XSS_TITLE)
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#results-list script, #results-list img, #results-list b").count() == 0

    card.locator(".card-title a").click()
    page.wait_for_url(re.compile(r"/sag/"))
    expect()(page.locator("h1#case-title")).to_have_text(XSS_TITLE)
    expect()(page.locator("#case-sections")).to_contain_text(XSS_IMG)
    expect()(page.locator("#case-sections")).to_contain_text("<b>fed</b>")
    expect()(page.locator("#case-contact")).to_contain_text("<script>window.__pwned=1</script>")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main script, main img, main b").count() == 0


def test_no_results_and_api_errors_are_explained(page) -> None:
    page.goto(search_url(ELDER_QUERY, year_from="2090"))
    wait_idle(page)
    expect()(page.locator("#results-list")).to_contain_text("Ingen cases matchede")
    page.get_by_role("button", name="Fjern alle filtre").first.click()
    wait_idle(page)
    assert cards(page).count() > 0

    page.goto(search_url(ELDER_QUERY, min_level="9"))
    alert = page.get_by_role("alert")
    expect()(alert).to_contain_text("Det lykkedes ikke")
    # the API's Danish error.message
    expect()(alert).to_contain_text("Evidensniveau (min_level) må højst være 4.")
    # the same request would be refused again: nothing to retry
    expect()(alert.get_by_role("button", name="Prøv igen")).to_have_count(0)

    page.goto("/")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect()(page.get_by_role("alert")).to_contain_text("Skriv jeres udfordring")


def test_a_question_that_says_nothing_or_uses_no_known_word_is_told_so(page) -> None:
    page.goto("/")
    search(page, "Hvordan gør andre?")
    expect()(page.locator("#results-list")).to_contain_text("Skriv lidt mere om udfordringen")
    expect()(page.locator("#results-range")).to_contain_text("siger ikke, hvad udfordringen")
    expect()(page.locator("#follow")).to_be_hidden()
    assert cards(page).count() == 0

    search(page, "espresso")
    note = page.locator("#query-notice")
    expect()(note).to_contain_text("Ingen sager bruger ordet »espresso«")
    expect()(page.locator("#results-range")).to_contain_text("Ingen sager bruger ordet")
    assert cards(page).count() > 0

    search(page, ELDER_QUERY)
    expect()(note).to_be_hidden()
    expect()(page.locator("#follow")).to_be_visible()


def test_a_bookmarked_search_is_busy_until_its_results_are_shown(page) -> None:
    """The first search waits for the taxonomy; the page must not look idle meanwhile."""
    held = []
    page.route("**/api/taxonomy", lambda route: held.append(route))
    page.goto(search_url(ELDER_QUERY))
    page.wait_for_timeout(200)
    assert held and page.locator("#layout").get_attribute("aria-busy") == "true"
    held[0].continue_()
    wait_idle(page)
    assert cards(page).count() > 0


def test_slow_server_is_announced_and_times_out(page) -> None:
    pending = []
    page.clock.install()
    page.route(lambda url: "/api/search" in url, lambda route: pending.append(route))
    page.goto(search_url(ELDER_QUERY))
    status = page.locator("#status")
    expect()(status).to_contain_text("Søger …")
    page.clock.run_for(9_000)
    expect()(status).to_contain_text("Det tager længere tid end normalt")
    page.clock.run_for(22_000)
    alert = page.get_by_role("alert")
    expect()(alert).to_contain_text("30 sekunder")
    expect()(alert.get_by_role("button", name="Prøv igen")).to_be_visible()
    expect()(status).to_be_hidden()
    assert pending


def test_keyboard_labels_focus_and_contrast(page) -> None:
    page.goto("/")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('example')"):
            break
    else:
        pytest.fail("the example questions cannot be reached with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    with page.expect_response(lambda r: "/api/search" in r.url):
        page.keyboard.press("Enter")
    wait_idle(page)
    expect()(cards(page).first).to_be_visible()
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    assert page.evaluate(LOW_CONTRAST) == []

    page.locator("#results-list .card-title a").first.click()
    page.wait_for_url(re.compile(r"/sag/"))
    expect()(page.locator("#related-list .card").first).to_be_visible()
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    assert page.evaluate(LOW_CONTRAST) == []

    page.goto("/effekt")
    expect()(page.locator("#effects-list .card").first).to_be_visible()
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    assert page.evaluate(LOW_CONTRAST) == []


def test_api_docs_work_offline_under_the_csp(page, base_url) -> None:
    # Every request to another host fails, as it would offline; /docs must not need one.
    outside: list[str] = []

    def only_this_server(route) -> None:
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.route("**/*", only_this_server)
    page.goto("/docs")
    expect()(page.locator(".opblock-summary-path", has_text="/api/search").first).to_be_visible()
    page.locator(".opblock-summary", has_text="/api/search").first.click()
    expect()(page.get_by_text("Mulige værdier").first).to_be_visible()
    assert outside == [] and blocked == []
