"""A small public-sector website served on 127.0.0.1 by the tests: pages with boilerplate, a
sitemap, robots.txt, redirects, errors, a slow and a huge page, a PDF and a Word report, ETags.

Routes can be changed between crawls; every request is logged, so tests can count fetches.
"""

import contextlib
import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None
    delay_s: float = 0.0
    etag: bool = True


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path, user agent)
    conditional: Counter = field(default_factory=Counter)  # path -> requests with If-None-Match
    base: str = ""

    def counts(self) -> Counter:
        return Counter(path for path, _ in self.requests)

    def reset_log(self) -> None:
        self.requests.clear()
        self.conditional.clear()


def page(title: str, body_html: str, extra_head: str = "", links: str = "") -> bytes:
    """A municipal page: header, navigation, cookie banner, the article, a footer."""
    return f"""<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>{title} | Fjordby Kommune</title>{extra_head}
</head><body>
<div id="cookie-consent">Vi bruger cookies til statistik. <button>Accepter</button></div>
<header><a href="/">Fjordby Kommune</a></header>
<nav><ul><li><a href="/">Forside</a></li><li><a href="/aeldre/">Ældre</a></li>
<li><a href="/om/">Om kommunen</a></li></ul></nav>
<main><article><h1>{title}</h1>{body_html}</article>{links}</main>
<footer>Fjordby Kommune · Rådhustorvet 1 · 9999 Fjordby · Tlf. 99 99 99 99</footer>
</body></html>""".encode()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            path = self.path
            site.requests.append((path, self.headers.get("User-Agent", "")))
            route = site.routes.get(path)
            if route is None:
                self._send(404, b"<h1>Siden findes ikke</h1>", "text/html; charset=utf-8")
                return
            if route.delay_s:
                time.sleep(route.delay_s)
            if route.location:
                self.send_response(route.status)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            etag = f'"{hashlib.sha1(route.body).hexdigest()[:12]}"' if route.etag else None
            if etag and self.headers.get("If-None-Match"):
                site.conditional[path] += 1
                if self.headers["If-None-Match"] == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            self._send(route.status, route.body, route.content_type, etag)

        def _send(self, status: int, body: bytes, kind: str, etag: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            # The crawler hangs up on slow and huge pages on purpose.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the crawler hangs up on slow and huge pages on purpose


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    server = _QuietServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
