"""Web sources as a demanding user meets them: a site that is down is said to be down (not to
forbid us), --include as people type it, and addresses that can never be crawled refused."""

import socket

import pytest

from innosearch.errors import InvalidQuery
from innosearch.index.store import Store
from innosearch.index.web_state import WebSource
from innosearch.ingest.pipeline import Ingestor
from innosearch.ingest.web.sources import is_url, web_source
from tests.ingest.web.site import Route, Site, page, serve


def crawl(settings, embedder, url, **limits):
    return Ingestor(settings, embedder).ingest_web([WebSource(url=url, **limits)])


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the socket is: nothing listens there


def test_a_site_that_does_not_answer_is_a_failure_saying_so(crawl_settings, embedder):
    url = f"http://127.0.0.1:{_closed_port()}/"
    report = crawl(crawl_settings, embedder, url)
    assert not report.skipped
    [(failed_url, problem)] = report.failed
    assert failed_url == url and "svarer ikke" in problem and "robots.txt" not in problem


def test_a_robots_txt_answering_503_stops_the_crawl_as_a_failure_naming_it(
    crawl_settings, embedder
):
    site = Site()
    site.routes = {
        "/robots.txt": Route(b"Overbelastet", "text/plain", status=503),
        "/": Route(page("Forside", "<p>Ældre i eget hjem.</p>")),
    }
    with serve(site):
        report = crawl(crawl_settings, embedder, site.base + "/")
    [(_, problem)] = report.failed
    assert "robots.txt svarede med en fejl (HTTP 503)" in problem
    assert set(site.counts()) == {"/robots.txt"}  # nothing else asked of a site in trouble


def test_a_stored_page_stays_while_its_site_is_down(site, crawl_settings, embedder):
    crawl(crawl_settings, embedder, site.base + "/aeldre/sensorer")
    before = {d.source for d in Store(crawl_settings.store_path).all_documents()}
    site.routes["/robots.txt"] = Route(b"", "text/plain", status=500)
    report = crawl(crawl_settings, embedder, site.base + "/aeldre/sensorer")
    assert report.failed and not report.removed
    assert {d.source for d in Store(crawl_settings.store_path).all_documents()} == before


@pytest.mark.parametrize("typed", ["aeldre", " /aeldre ", "http://127.0.0.1:1/aeldre"])
def test_include_is_a_path_as_people_type_it(typed):
    assert web_source("https://fjordby.dk/", include=typed).include == "/aeldre"


def test_include_without_its_slash_still_takes_the_pages_under_it(site, crawl_settings, embedder):
    source = web_source(site.base + "/", include="aeldre")
    Ingestor(crawl_settings, embedder).ingest_web([source])
    sources = {d.source for d in Store(crawl_settings.store_path).all_documents()}
    assert f"{site.base}/aeldre/sensorer" in sources


@pytest.mark.parametrize("address", ["https://exa mple.dk", "ftp://fjordby.dk/", "http://"])
def test_an_address_that_cannot_be_crawled_is_refused_by_name(address):
    assert is_url(address)
    with pytest.raises(InvalidQuery, match="ikke en gyldig webadresse"):
        web_source(address)


def _many_pages(count: int) -> Site:
    site = Site()
    links = " ".join(f'<a href="/sag/{i}">Sag {i}</a>' for i in range(count))
    site.routes = {"/": Route(page("Cases", "<p>Alle vores cases.</p>", links=links))}
    for i in range(count):
        body = f"<p>Case nummer {i}: ældre borgere i område {i} træner i eget hjem.</p>"
        site.routes[f"/sag/{i}"] = Route(page(f"Sag {i}", body))
    return site


def test_an_interrupted_crawl_keeps_the_pages_it_fetched(crawl_settings, embedder):
    site = _many_pages(80)

    def interrupt_late(label: str, done: int, total: int) -> None:
        if label.startswith("Henter") and done >= 70:
            raise KeyboardInterrupt  # as Ctrl-C during the progress bar

    with serve(site):
        with pytest.raises(KeyboardInterrupt):
            Ingestor(crawl_settings, embedder).ingest_web(
                [WebSource(url=site.base + "/")], interrupt_late
            )
        kept = list(Store(crawl_settings.store_path).all_documents())
        assert len(kept) >= 40  # the pages written before the interruption stay
        site.reset_log()
        report = crawl(crawl_settings, embedder, site.base + "/")
    assert len(report.unchanged) >= 40 and len(report.added) == 81 - len(kept)
    assert site.conditional["/sag/0"] == 1 and site.counts()["/sag/0"] == 1


def test_a_page_reached_through_a_redirect_is_fetched_once_and_unchanged_on_a_recrawl(
    crawl_settings, embedder
):
    """The sitemap lists an old address that answers 301 to the page the front page links."""
    site = Site()
    urlset = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    site.routes = {
        "/": Route(page("Forside", "<p>Nyheder om ældre.</p>", links='<a href="/ny">Ny</a>')),
        "/gammel": Route(status=301, location="/ny"),
        "/ny": Route(page("Træning i eget hjem", "<p>Ældre borgere træner i eget hjem.</p>")),
        "/sitemap.xml": Route(
            f"{urlset}<url><loc>/gammel</loc></url></urlset>".encode(), "application/xml"
        ),
    }
    with serve(site):
        first = crawl(crawl_settings, embedder, site.base + "/")
        assert site.counts()["/ny"] == 1  # not again when the front page's link is reached
        again = crawl(crawl_settings, embedder, site.base + "/")
    assert first.added == [site.base + "/", site.base + "/ny"]
    assert not again.updated and not again.added and not again.documents
    assert sorted(again.unchanged) == [site.base + "/", site.base + "/ny"]


def test_a_robots_txt_that_moved_is_still_obeyed(crawl_settings, embedder):
    site = Site()
    links = '<a href="/intern/loen">Løn</a> <a href="/aeldre">Ældre</a>'
    site.routes = {
        "/robots.txt": Route(status=301, location="/robots-ny.txt"),
        "/robots-ny.txt": Route(b"User-agent: *\nDisallow: /intern/\n", "text/plain"),
        "/": Route(page("Forside", "<p>Nyheder.</p>", links=links)),
        "/intern/loen": Route(page("Løn", "<p>Fortroligt.</p>")),
        "/aeldre": Route(page("Ældre", "<p>Ældre borgere træner i eget hjem.</p>")),
    }
    with serve(site):
        report = crawl(crawl_settings, embedder, site.base + "/")
    assert "/intern/loen" not in site.counts()
    assert (site.base + "/intern/loen", "robots.txt tillader ikke innosearch at hente siden") in (
        report.skipped
    )
