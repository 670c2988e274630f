"""The fixture website of a fictional municipality, served on 127.0.0.1 for each test."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from innosearch.config import Settings
from tests.ingest.docx_files import word_report
from tests.ingest.test_pdf import two_page_report
from tests.ingest.web.site import Route, Site, page, serve

ARTICLE = (
    "<p>Fjordby Kommune har sat sensorer op i sengene på plejecentret Solbakken, så "
    "nattevagten kun går ind til beboere, der er vågne eller har brug for hjælp. "
    "Beboerne sover bedre, og medarbejderne bruger tiden, hvor den gør størst gavn.</p>"
    "<h2>Erfaringer</h2><p>Det tog tid at få alle vagter til at stole på sensorerne. "
    "Kontakt projektleder Mette Skov, mesk@fjordby.dk, for at høre mere.</p>"
)


def build_site(tmp_path: Path) -> Site:
    reports = tmp_path / "reports"
    pdf = reports / "evaluering.pdf"
    reports.mkdir(parents=True, exist_ok=True)
    two_page_report(pdf)
    docx = word_report(reports / "nattevagt.docx")
    published = '<meta property="article:published_time" content="2024-03-05T09:00:00+01:00">'
    site = Site()
    site.routes = {
        "/robots.txt": Route(
            b"User-agent: *\nDisallow: /intern/\n\nSitemap: /sitemap.xml\n", "text/plain"
        ),
        "/": Route(
            page(
                "Velkommen",
                "<p>Nyheder fra kommunen.</p>",
                links='<a href="/aeldre/sensorer?utm_source=nyhedsbrev#top">Sensorer</a> '
                '<a href="/intern/loenninger">Intern</a> <a href="https://example.org/x">Ude</a>'
                ' <a href="/rapporter/evaluering.pdf">Evaluering (PDF)</a>'
                ' <a href="/rapporter/nattevagt.docx">Nattevagt (Word)</a>'
                ' <a href="/ring">Ring</a> <a href="/fejl">Fejl</a> <a href="/langsom">Langsom</a>'
                ' <a href="/kaempe">Kæmpe</a> <a href="/gammel-side">Gammel</a>',
            )
        ),
        "/aeldre/sensorer": Route(
            page("Sensorer giver ro om natten", ARTICLE, extra_head=published)
        ),
        "/aeldre/vaerdighed": Route(
            page(
                "Værdighed i hjemmeplejen",
                "<p>Borgerne vælger selv, hvornår hjemmehjælpen kommer, og hvad de vil have "
                "hjælp til. Forsøget kører i hele kommunen i 2025.</p>",
                extra_head='<link rel="canonical" href="/aeldre/vaerdighed?utm_campaign=x">',
            )
        ),
        "/intern/loenninger": Route(page("Lønninger", "<p>Fortroligt.</p>")),
        "/rapporter/evaluering.pdf": Route(pdf.read_bytes(), "application/pdf"),
        "/rapporter/nattevagt.docx": Route(
            docx.read_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        "/ring": Route(status=302, location="/ring2"),
        "/ring2": Route(status=302, location="/ring"),
        "/fejl": Route(status=500, body=b"Intern serverfejl"),
        "/langsom": Route(page("Langsom", "<p>Kommer for sent.</p>"), delay_s=3.0),
        "/kaempe": Route(b"<html><body><p>" + b"x " * 600_000 + b"</p></body></html>"),
        "/gammel-side": Route(status=301, location="/aeldre/vaerdighed"),
    }
    sitemap = "".join(
        f"<url><loc>{path}</loc></url>" for path in ("/", "/aeldre/sensorer", "/aeldre/vaerdighed")
    )
    site.routes["/sitemap.xml"] = Route(
        (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{sitemap}</urlset>'
        ).encode(),
        "application/xml",
    )
    return site


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    with serve(build_site(tmp_path)) as served:
        yield served


@pytest.fixture
def crawl_settings(settings: Settings) -> Settings:
    """Fast limits for the tests: no delay, a 1 s timeout, a 1 MB size limit."""
    return settings.model_copy(
        update={"crawl_delay_s": 0.0, "crawl_timeout_s": 1.0, "crawl_max_bytes": 1_000_000}
    )
