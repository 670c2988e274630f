"""Crawling the fixture website: politeness, limits, errors per URL, and incremental re-crawls."""

from innosearch.index.store import Store
from innosearch.index.web_state import WebSource
from innosearch.ingest.pipeline import Ingestor, document_id
from tests.ingest.report_files import CENTRE_TITLE, PROJECTS, multi_case_pdf
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


def test_a_broken_link_on_the_site_is_named_but_a_wrong_start_address_fails(
    site, crawl_settings, embedder
):
    site.routes["/aeldre/vaerdighed"] = Route(status=404)  # linked from the site, never there
    report = crawl(crawl_settings, embedder, site.base + "/")
    broken = f"{site.base}/aeldre/vaerdighed"
    assert (broken, "et link, der ikke virker: siden findes ikke (HTTP 404)") in report.skipped
    assert broken not in dict(report.failed)
    fresh = crawl_settings.model_copy(update={"home": crawl_settings.home.with_name("ny")})
    wrong = crawl(fresh, embedder, site.base + "/findes-ikke")
    assert (f"{site.base}/findes-ikke", "siden findes ikke (HTTP 404)") in wrong.failed


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


def test_a_published_report_of_several_projects_becomes_the_report_and_its_linked_cases(
    site, crawl_settings, embedder, tmp_path
):
    base = site.base
    pdf = multi_case_pdf(tmp_path)
    site.routes["/rapporter/tvaergaaende.pdf"] = Route(pdf.read_bytes(), "application/pdf")
    site.routes["/"] = Route(
        page("Velkommen", "<p>Ny rapport.</p>", links='<a href="/rapporter/tvaergaaende.pdf">R</a>')
    )
    crawl(crawl_settings, embedder, base + "/")
    url = f"{base}/rapporter/tvaergaaende.pdf"
    docs = by_source(crawl_settings)
    report = docs[url]
    cases = [docs[f"{url}#sag-{n}"] for n in (1, 2, 3)]
    assert [case.title for case in cases] == [title for title, _ in PROJECTS]
    assert all(case.part_of and case.part_of.id == report.id for case in cases)
    assert all(case.part_of and case.part_of.title == CENTRE_TITLE for case in cases)
    assert all(case.extra["url"] == url for case in cases)
    # The report is gone from the site: so are its cases, and nothing else is touched.
    site.routes["/rapporter/tvaergaaende.pdf"] = Route(status=410)
    crawl(crawl_settings, embedder, base + "/")
    left = by_source(crawl_settings)
    assert not [source for source in left if source.startswith(url)]
    assert f"{base}/aeldre/sensorer" in left


def test_a_crawled_document_over_the_passage_limit_is_refused_and_the_crawl_goes_on(
    site, crawl_settings, embedder
):
    long_page = page("Lang", "".join(f"<p>{'Ord ' * 200}afsnit {n}.</p>" for n in range(30)))
    site.routes["/lang"] = Route(long_page)
    site.routes["/"] = Route(
        page("Velkommen", "<p>Se her.</p>", links='<a href="/lang">L</a> <a href="/kort">K</a>')
    )
    site.routes["/kort"] = Route(page("Kort", "<p>Plejecentret bruger sensorer om natten.</p>"))
    limited = crawl_settings.model_copy(update={"max_passages": 3})
    report = crawl(limited, embedder, base := site.base + "/")
    failed = dict(report.failed)
    assert "INNOSEARCH_MAX_PASSAGES" in failed[f"{base}lang"]
    assert f"{base}kort" in by_source(limited)
