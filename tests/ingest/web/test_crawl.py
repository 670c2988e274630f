"""Crawling the fixture website: politeness, limits, errors per URL, and incremental re-crawls."""

from innosearch.index.store import Store
from innosearch.index.web_state import WebSource
from innosearch.ingest.pipeline import Ingestor, document_id
from tests.ingest.web.site import Route, page


def crawl(settings, embedder, url, **limits):
    return Ingestor(settings, embedder).ingest_web([WebSource(url=url, **limits)])


def by_source(settings):
    return {doc.source: doc for doc in Store(settings.store_path).all_documents()}


def test_a_crawl_stores_pages_and_reports_pdf_and_docx_and_reports_each_problem(
    site, crawl_settings, embedder
):
    report = crawl(crawl_settings, embedder, site.base + "/")
    base = site.base
    docs = by_source(crawl_settings)
    assert set(docs) == {
        f"{base}/aeldre/sensorer",
        f"{base}/aeldre/vaerdighed",
        f"{base}/rapporter/evaluering.pdf",
        f"{base}/rapporter/nattevagt.docx",
        f"{base}/",
    }
    sensorer = docs[f"{base}/aeldre/sensorer"]
    assert sensorer.title == "Sensorer giver ro om natten"
    assert "cookies" not in sensorer.text and "Rådhustorvet" not in sensorer.text
    assert sensorer.extra["published"] == "2024-03-05" and sensorer.year == 2024
    assert docs[f"{base}/rapporter/evaluering.pdf"].kind == "pdf"
    assert docs[f"{base}/rapporter/nattevagt.docx"].kind == "docx"
    failed = dict(report.failed)
    assert "i ring" in failed[f"{base}/ring"] or "i ring" in failed[f"{base}/ring2"]
    assert "HTTP 500" in failed[f"{base}/fejl"]
    assert "inden for 1 s" in failed[f"{base}/langsom"]
    assert "større end grænsen" in failed[f"{base}/kaempe"]
    # Never fetched: the folder robots.txt forbids, other sites, tracking spellings of a URL.
    paths = site.counts()
    assert "/intern/loenninger" not in paths
    assert not any("utm_" in p for p in paths)
    assert paths["/aeldre/sensorer"] == 1 and paths["/robots.txt"] == 1
    assert {agent for _, agent in site.requests} == {crawl_settings.crawl_user_agent}


def test_a_second_crawl_fetches_only_what_changed(site, crawl_settings, embedder):
    crawl(crawl_settings, embedder, site.base + "/")
    site.reset_log()
    site.routes["/aeldre/sensorer"] = Route(
        page("Sensorer giver ro om natten", "<p>Nu også på plejecentret Engly.</p>")
    )
    before = embedder.passages_embedded
    report = crawl(crawl_settings, embedder, site.base + "/")
    assert report.updated == [site.base + "/aeldre/sensorer"]
    assert not report.added
    # Every known page was asked conditionally; only the edited one sent its body again.
    assert site.conditional["/aeldre/vaerdighed"] == 1
    assert site.conditional["/rapporter/evaluering.pdf"] == 1
    assert "Engly" in by_source(crawl_settings)[site.base + "/aeldre/sensorer"].text
    assert embedder.passages_embedded - before <= 2  # only the edited page was embedded


def test_a_page_that_is_gone_is_removed_and_a_moved_page_keeps_its_id(
    site, crawl_settings, embedder
):
    base = site.base
    site.routes["/gammel-side"] = Route(page("Flyttet snart", "<p>Værdighedspolitik.</p>"))
    site.routes["/aeldre/vaerdighed"] = Route(status=404)
    crawl(crawl_settings, embedder, base + "/")
    old_id = by_source(crawl_settings)[f"{base}/gammel-side"].id
    assert old_id == document_id(f"{base}/gammel-side")
    site.routes["/gammel-side"] = Route(status=301, location="/nyt-sted")
    site.routes["/nyt-sted"] = Route(page("Flyttet", "<p>Værdighedspolitik, nu her.</p>"))
    site.routes["/aeldre/sensorer"] = Route(status=410)
    report = crawl(crawl_settings, embedder, base + "/")
    docs = by_source(crawl_settings)
    assert f"{base}/aeldre/sensorer" in report.removed
    assert f"{base}/aeldre/sensorer" not in docs
    assert f"{base}/gammel-side" not in docs
    assert docs[f"{base}/nyt-sted"].id == old_id


def test_limits_of_a_source_pages_and_include_pattern(site, crawl_settings, embedder):
    crawl(crawl_settings, embedder, site.base + "/", include="/aeldre")
    assert set(by_source(crawl_settings)) == {
        f"{site.base}/",
        f"{site.base}/aeldre/sensorer",
        f"{site.base}/aeldre/vaerdighed",
    }
    fetched = {path for path in site.counts() if not path.endswith((".txt", ".xml"))}
    assert fetched == {"/", "/aeldre/", "/aeldre/sensorer", "/aeldre/vaerdighed"}
    site.reset_log()
    crawl(
        crawl_settings.model_copy(update={"home": crawl_settings.home.with_name("h2")}),
        embedder,
        site.base + "/",
        max_pages=2,
    )
    pages = [p for p, _ in site.requests if not p.endswith((".txt", ".xml"))]
    assert len(pages) == 2


def test_sitemap_only_reads_the_sitemap_and_follows_no_links(site, crawl_settings, embedder):
    crawl(crawl_settings, embedder, site.base + "/", sitemap_only=True)
    assert set(by_source(crawl_settings)) == {
        f"{site.base}/",
        f"{site.base}/aeldre/sensorer",
        f"{site.base}/aeldre/vaerdighed",
    }
    assert "/rapporter/evaluering.pdf" not in site.counts()
