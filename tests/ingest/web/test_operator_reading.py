"""Harvesting a municipal site as an operator meets it: the site goes down between two
refreshes, the page limit is reached, the same page is linked under other query parameters.
Real pages served on 127.0.0.1."""

import time

from innosearch.index.store import Store
from innosearch.index.web_state import WebSource
from innosearch.ingest.pipeline import Ingestor
from innosearch.ingest.web.sources import WebSources, web_source
from innosearch.ingest.web.urls import matches_include
from tests.ingest.web.site import Route, Site, page, serve

ARTICLE = (
    "<h2>Udfordring</h2><p>Flere ældre borgere ønsker at klare sig selv længere i eget hjem, "
    "men hjemmeplejen mangler hænder.</p><h2>Løsning</h2><p>Skærmbesøg om aftenen, hvor "
    "borgeren taler med en sygeplejerske over en tablet.</p>"
)


def _municipality(pages: int = 3) -> Site:
    site = Site()
    links = " ".join(f'<a href="/aeldre/sag-{i}">Sag {i}</a>' for i in range(pages))
    site.routes = {"/": Route(page("Ældreområdet", "<p>Vores projekter.</p>", links=links))}
    for i in range(pages):
        body = f"<p>Projekt {i}: ældre borgere i distrikt {i} træner i eget hjem.</p>{ARTICLE}"
        site.routes[f"/aeldre/sag-{i}"] = Route(page(f"Skærmbesøg i distrikt {i}", body))
    return site


def _crawl(settings, embedder, source: WebSource):
    return Ingestor(settings, embedder).ingest_web([source])


def _sources(settings) -> list[str]:
    return sorted(d.source for d in Store(settings.store_path).all_documents())


def _crawled_then_gone(settings, embedder) -> WebSource:
    """A source crawled once, whose server then stopped: nothing listens on its port."""
    site = _municipality()
    with serve(site):
        source = web_source(site.base + "/")
        WebSources(Store.of(settings)).add(source)
        _crawl(settings, embedder, source)
    return source


def test_a_site_that_stopped_answering_is_one_failure_and_its_pages_stay(crawl_settings, embedder):
    source = _crawled_then_gone(crawl_settings, embedder)
    before = _sources(crawl_settings)
    report = _crawl(crawl_settings, embedder, source)
    [(url, problem)] = report.failed
    assert url == source.url and "4 sider" in problem and "bevaret" in problem
    assert _sources(crawl_settings) == before


def test_a_refused_connection_is_said_in_danish(crawl_settings, embedder):
    source = _crawled_then_gone(crawl_settings, embedder)
    report = _crawl(crawl_settings, embedder, source)
    problem = report.failed[0][1]
    assert "afviste forbindelsen" in problem
    assert "Connection refused" not in problem and "ConnectError" not in problem


def test_a_site_that_did_not_answer_keeps_its_last_crawl_time(crawl_settings, embedder):
    source = _crawled_then_gone(crawl_settings, embedder)
    Store.of(crawl_settings).mark_crawled(source.url, "2026-11-30T06:00:00+00:00")
    _crawl(crawl_settings, embedder, source)
    [kept] = Store.of(crawl_settings).web_sources()
    assert kept.crawled_at == "2026-11-30T06:00:00+00:00"


def test_the_page_limit_reached_is_a_warning_saying_how_to_raise_it(crawl_settings, embedder):
    site = _municipality(pages=5)
    with serve(site):
        source = web_source(site.base + "/", max_pages=2)
        report = _crawl(crawl_settings, embedder, source)
    assert len(report.added) + len(report.skipped) == 2 and report.ok
    [(url, problem)] = report.warnings
    assert url == source.url
    assert "grænsen på 2 sider" in problem and "fundne adresser er ikke hentet" in problem
    assert "--max-pages" in problem


def test_a_crawl_within_its_limit_warns_of_nothing(crawl_settings, embedder):
    site = _municipality(pages=2)
    with serve(site):
        report = _crawl(crawl_settings, embedder, web_source(site.base + "/"))
    assert not report.warnings and len(report.added) == 3


def test_one_page_linked_under_other_query_parameters_is_stored_once(crawl_settings, embedder):
    site = _municipality(pages=1)
    spellings = ["/aeldre/sag-0?side=1", "/aeldre/sag-0?side=1&sort=ny"]
    links = " ".join(f'<a href="{p}">Sag</a>' for p in ["/aeldre/sag-0", *spellings])
    site.routes["/"] = Route(page("Ældreområdet", "<p>Vores projekter.</p>", links=links))
    for spelling in spellings:
        site.routes[spelling] = site.routes["/aeldre/sag-0"]
    with serve(site):
        report = _crawl(crawl_settings, embedder, web_source(site.base + "/"))
    assert _sources(crawl_settings) == [site.base + "/", site.base + "/aeldre/sag-0"]
    skipped = dict(report.skipped)
    assert f"samme indhold som {site.base}/aeldre/sag-0" in skipped[site.base + spellings[0]]
    assert report.ok


def _slow_down(site: Site, route: Route) -> list[str]:
    """Every case page of the site answers with `route`; returns their paths."""
    paths = [path for path in site.routes if path.startswith("/aeldre/")]
    for path in paths:
        site.routes[path] = route
    return paths


def test_a_site_asking_to_wait_is_not_asked_again_in_the_same_run(crawl_settings, embedder):
    site = _municipality(pages=6)
    paths = _slow_down(site, Route("For mange forespørgsler".encode(), "text/plain", status=429))
    with serve(site):
        report = _crawl(crawl_settings, embedder, web_source(site.base + "/"))
    assert sum(site.counts()[path] for path in paths) == 1
    *_, (url, problem) = report.failed
    assert url == site.base + "/" and "beder innosearch vente (HTTP 429)" in problem
    assert len(report.failed) == 2  # the page that was refused, and the stop


def test_a_site_that_stops_answering_midway_is_given_up_not_waited_out_page_by_page(
    crawl_settings, embedder
):
    site = _municipality(pages=8)
    paths = _slow_down(site, Route(page("Langsom", "<p>Kommer for sent.</p>"), delay_s=2.0))
    with serve(site):
        report = _crawl(crawl_settings, embedder, web_source(site.base + "/"))
    assert sum(site.counts()[path] for path in paths) == 3
    *_, (url, problem) = report.failed
    assert url == site.base + "/" and "holdt op med at svare" in problem


def test_a_stored_page_that_comes_to_ask_not_to_be_indexed_leaves_the_index(
    crawl_settings, embedder
):
    site = _municipality(pages=2)
    with serve(site):
        source = web_source(site.base + "/")
        _crawl(crawl_settings, embedder, source)
        noindex = '<meta name="robots" content="noindex">'
        body = "<p>Borgeren Jens Hansen, Vestergade 4, fik hjælp.</p>"
        site.routes["/aeldre/sag-1"] = Route(page("Sag 1", body, extra_head=noindex))
        report = _crawl(crawl_settings, embedder, source)
    assert report.removed == [site.base + "/aeldre/sag-1"]
    assert site.base + "/aeldre/sag-1" not in _sources(crawl_settings)
    assert site.base + "/aeldre/sag-0" in _sources(crawl_settings)


def test_a_stored_page_that_robots_txt_comes_to_forbid_leaves_the_index(crawl_settings, embedder):
    site = _municipality(pages=2)
    with serve(site):
        source = web_source(site.base + "/")
        _crawl(crawl_settings, embedder, source)
        robots = b"User-agent: *\nDisallow: /aeldre/sag-1\n"
        site.routes["/robots.txt"] = Route(robots, "text/plain")
        report = _crawl(crawl_settings, embedder, source)
        again = _crawl(crawl_settings, embedder, source)
    assert report.removed == [site.base + "/aeldre/sag-1"]
    assert _sources(crawl_settings) == [site.base + "/", site.base + "/aeldre/sag-0"]
    assert not again.removed and not again.added and again.ok


def test_pages_stored_by_a_crawl_from_another_address_are_not_new_to_the_whole_site(
    crawl_settings, embedder
):
    """One case page is tried first (its links lead through the site), then the site is added."""
    site = _municipality(pages=2)
    with serve(site):
        first = _crawl(crawl_settings, embedder, web_source(site.base + "/aeldre/sag-0"))
        body = f"<p>Projekt 1 er nu udvidet til hele kommunen.</p>{ARTICLE}"
        site.routes["/aeldre/sag-1"] = Route(page("Skærmbesøg i hele kommunen", body))
        whole = _crawl(crawl_settings, embedder, web_source(site.base + "/"))
    assert len(first.added) == 3
    assert not whole.added
    assert whole.updated == [site.base + "/aeldre/sag-1"]
    assert sorted(whole.unchanged) == [site.base + "/", site.base + "/aeldre/sag-0"]
    assert list(whole.documents.values()) == ["changed"]  # followers hear of one change only


def test_a_stored_page_merged_into_another_by_a_redirect_leaves_the_index(crawl_settings, embedder):
    site = _municipality(pages=2)
    with serve(site):
        source = web_source(site.base + "/")
        _crawl(crawl_settings, embedder, source)
        site.routes["/aeldre/sag-1"] = Route(status=301, location="/aeldre/sag-0")
        report = _crawl(crawl_settings, embedder, source)
        again = _crawl(crawl_settings, embedder, source)
    assert report.removed == [site.base + "/aeldre/sag-1"]
    assert _sources(crawl_settings) == [site.base + "/", site.base + "/aeldre/sag-0"]
    assert again.ok and not again.removed and not again.added


def test_a_crawl_delay_past_the_longest_wait_leaves_the_site_for_the_run(crawl_settings, embedder):
    """robots.txt's "Crawl-delay: 86400" was honoured: a day between two pages, with the ingest
    hanging and saying nothing."""
    site = _municipality()
    site.routes["/robots.txt"] = Route(b"User-agent: *\nCrawl-delay: 86400\n", "text/plain")
    with serve(site):
        started = time.monotonic()
        report = _crawl(crawl_settings, embedder, web_source(site.base + "/"))
        took = time.monotonic() - started
    [(url, problem)] = report.failed
    assert url == site.base + "/" and "86400 s" in problem
    assert "INNOSEARCH_CRAWL_MAX_DELAY_S" in problem
    assert not report.added and took < 30
    assert [path for path, _ in site.requests] == ["/robots.txt"]


def test_include_takes_a_path_and_what_is_under_it_not_every_path_that_begins_alike():
    """--include /aeldre also crawled /aeldreplejen and /aeldre-pleje."""
    site = "https://fjordby.dk"
    taken = ["/aeldre", "/aeldre/", "/aeldre/sag-1", "/aeldre?side=2"]
    for path in taken:
        assert matches_include(site + path, "/aeldre"), path
    for path in ["/aeldreplejen", "/aeldre-pleje", "/fjordby-nyhed.html"]:
        assert not matches_include(site + path, "/aeldre"), path
    assert matches_include(site + "/aeldre/sag-1", "/aeldre/")
    assert matches_include(site + "/x/cases/y", "/*/cases/*")
