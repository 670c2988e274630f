"""GET /api/health answered before FastAPI's routing, dependencies and response checks.

Under load the event loop shares the GIL with the search threads, and every step of Python it
takes may cost a wait for the GIL; a liveness probe that runs through routing, dependency
injection and response validation waits that much more often. So health is answered here, from
memory, in a few lines; the route in routes/meta.py stays for the OpenAPI description.
"""

import json

from starlette.types import ASGIApp, Receive, Scope, Send

from innosearch import __version__
from innosearch.search.searcher import Searcher


def health_body(searcher: Searcher) -> dict:
    # Whether followed challenges can be mailed: the web page offers an address field only then.
    mail = bool(searcher.settings.smtp_host)
    return {"status": "ok", "version": __version__, **searcher.health(), "mail": mail}


class HealthFirst:
    """ASGI middleware: GET/HEAD /api/health answered at once, everything else passed on."""

    def __init__(self, app: ASGIApp, searcher: Searcher):
        self.app = app
        self.searcher = searcher

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] != "/api/health"
            or scope["method"] not in ("GET", "HEAD")
        ):
            await self.app(scope, receive, send)
            return
        body = json.dumps(health_body(self.searcher)).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send(
            {"type": "http.response.body", "body": body if scope["method"] == "GET" else b""}
        )
