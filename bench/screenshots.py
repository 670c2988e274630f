"""Screenshots of the web page at desktop (1280 px) and phone (390 px) widths.

Starts the real app over a home and saves PNGs of the search page with results, a case page and
the effect view to `screenshots/` (git-ignored):

    .venv/bin/python bench/screenshots.py                       # builds a temporary home from data/
    .venv/bin/python bench/screenshots.py --home .innosearch/demo
    .venv/bin/python bench/screenshots.py --data some/folder --query "Hvordan ..."

With no --home, the files in --data (default data/) are ingested into a temporary home; when that
folder holds nothing, the browser tests' small corpus is used. Needs Debian's Chromium at
/usr/bin/chromium (`make browser`) and the embedding model (`make model`).
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]
DEFAULT_QUERY = "Hvordan får vi ældre til at klare sig selv længere derhjemme?"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def build_home(home: Path, data: Path):
    """Ingest `data` into `home`; returns the embedder, so the app need not load it again."""
    from innosearch.config import Settings
    from innosearch.embed.factory import load_embedder
    from innosearch.ingest.pipeline import Ingestor

    if not any(p.is_file() and not p.name.startswith(".") for p in data.rglob("*")):
        from tests.api.test_web_browser import write_corpus

        print(f"{data} holds no files; using the browser tests' corpus instead.")
        data = write_corpus(home.parent / "cases")
    settings = Settings(home=home)
    embedder = load_embedder(settings)
    print(f"Ingesting {data} into {home} …")
    report = Ingestor(settings, embedder).ingest([data])
    for source, problem in report.failed:
        print(f"  could not read {source}: {problem}")
    return embedder


def make_app(home: Path, embedder=None):
    from innosearch.api.app import create_app
    from innosearch.config import Settings

    return create_app(Settings(home=home), embedder)


@contextmanager
def serve(app) -> Iterator[str]:
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise SystemExit("The app did not start.")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def wait_idle(page) -> None:
    page.wait_for_function("() => document.getElementById('status').hidden")
    page.wait_for_timeout(300)


def take(base_url: str, query: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    saved: list[Path] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, (width, height) in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.on("pageerror", lambda exc: print(f"  script error: {exc}"))

            page.goto(f"{base_url}/?{urlencode({'q': query})}")
            page.wait_for_selector("#results-list .card, #message .notice")
            wait_idle(page)
            saved.append(shot(page, out / f"search-{name}.png"))

            first = page.locator("#results-list .card-title a").first
            if first.count():
                first.click()
                page.wait_for_selector("#case:not([hidden]), #message .notice")
                page.wait_for_selector("#related-list > *")
                wait_idle(page)
                saved.append(shot(page, out / f"case-{name}.png"))

            page.goto(f"{base_url}/effekt")
            page.wait_for_selector("#effects-list > *, #message .notice")
            wait_idle(page)
            saved.append(shot(page, out / f"effects-{name}.png"))
            context.close()
        browser.close()
    return saved


def shot(page, path: Path) -> Path:
    scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if scroll[0] > scroll[1]:
        print(f"  WARNING {path.name}: horizontal scroll ({scroll[0]} px > {scroll[1]} px)")
    page.screenshot(path=str(path), full_page=True)
    print(f"  saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", type=Path, help="an existing home to serve (default: build one)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="folder to ingest")
    parser.add_argument("--query", default=DEFAULT_QUERY, help="the challenge to search for")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="output folder")
    args = parser.parse_args(argv)

    if not CHROMIUM.exists():
        print("Needs Debian's Chromium at /usr/bin/chromium (run `make browser`).")
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="innosearch-shots-") as tmp:
        home, embedder = args.home, None
        if home is None:
            home = Path(tmp) / "home"
            embedder = build_home(home, args.data)
        with serve(make_app(home, embedder)) as base_url:
            print(f"Serving {home} at {base_url}")
            take(base_url, args.query, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
