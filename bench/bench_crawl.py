"""Crawl of a 200-page fixture site on 127.0.0.1: pages/s and the per-host delay used.

Fetching, robots.txt, sitemap, link extraction and parsing are timed; embedding is not (that is
bench_ingest.py's figure). Run: PYTHONPATH=. python bench/bench_crawl.py [--pages 200] [--delay 0.1]
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from innosearch.config import Settings
from innosearch.embed.hashing import HashingEmbedder
from innosearch.index.store import Store
from innosearch.ingest.pipeline import PIPELINE_VERSION, Ingestor, IngestReport
from innosearch.ingest.web.harvest import Harvest
from innosearch.ingest.web.sources import web_source
from tests.ingest.web.site import Route, Site, page, serve

PARAGRAPH = (
    "<p>Kommunen afprøver en ny måde at tilrettelægge hjemmeplejen på, hvor borgeren selv er med "
    "til at sætte mål for sin hverdag. Medarbejderne følger op hver fjortende dag.</p>"
)


def fixture_site(pages: int) -> Site:
    site = Site()
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /intern/\n", "text/plain")
    for i in range(pages):
        # Each page links to the next three, so the crawl finds them by links, not a sitemap.
        links = " ".join(f'<a href="/sag/{j}">Sag {j}</a>' for j in range(i + 1, min(i + 4, pages)))
        site.routes["/" if i == 0 else f"/sag/{i}"] = Route(
            page(f"Sag nummer {i}", PARAGRAPH * 6, links=links)
        )
    return site


def crawl_once(pages: int, delay: float) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as folder, serve(fixture_site(pages)) as site:
        settings = Settings(home=Path(folder), crawl_delay_s=delay, crawl_max_pages=pages + 10)
        store = Store(settings.store_path)
        report = IngestReport()
        # The test embedder: the record maker chunks pages, nothing here embeds them.
        ingestor = Ingestor(settings, HashingEmbedder(), store)
        harvest = Harvest(settings, store, ingestor._record, PIPELINE_VERSION, report)
        start = time.perf_counter()
        harvest.crawl(web_source(site.base + "/"))
        elapsed = time.perf_counter() - start
        harvest.close()
        return elapsed, len(harvest.parsed), harvest.requests


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--delay", type=float, default=0.1, help="seconds between requests")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times = []
    for _ in range(args.runs):
        elapsed, documents, requests = crawl_once(args.pages, args.delay)
        times.append(elapsed)
    median = statistics.median(times)
    print(f"pages: {args.pages}  documents: {documents}  requests: {requests}")
    print(f"per-host delay: {args.delay:g} s")
    print(
        f"crawl time (median of {args.runs}): {median:.1f} s  -> {documents / median:.1f} pages/s"
    )
    print(f"of which waiting for the delay: {args.delay * (requests - 1):.1f} s")


if __name__ == "__main__":
    main()
