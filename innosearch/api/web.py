"""The Danish web page: static HTML, CSS and plain JavaScript served by the same FastAPI app.

There is no build step and nothing is fetched from outside the app. The pages call the JSON API
(`/api/...`) from the browser; this module only serves the files. Every HTML response carries a
strict Content-Security-Policy (scripts and styles only from this origin) as a second line of
defence: the scripts themselves insert document text with DOM text nodes, never as markup.
"""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from innosearch.api.deps import SearcherDep
from innosearch.errors import DocumentNotFound

STATIC_DIR = Path(__file__).parent / "static"

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    # Pages are tiny and change with deployments; always revalidate.
    "Cache-Control": "no-cache",
}


def _page(name: str, status: int = 200) -> FileResponse:
    return FileResponse(
        STATIC_DIR / name,
        status_code=status,
        media_type="text/html; charset=utf-8",
        headers=SECURITY_HEADERS,
    )


def wants_page(request: Request) -> bool:
    """A browser asking for a page, not a client of the JSON API."""
    accept = request.headers.get("accept", "")
    return not request.url.path.startswith("/api/") and "text/html" in accept


def not_found_page() -> FileResponse:
    return _page("notfound.html", status=404)


def mount_web(app: FastAPI) -> None:
    """Mount `/static` and the HTML routes `/`, `/sag/{doc_id}`, `/fulgt/{saved_id}`, `/overblik`,
    `/effekt`."""
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def search_page() -> FileResponse:
        return _page("index.html")

    @app.api_route("/sag/{doc_id:path}", methods=["GET", "HEAD"], include_in_schema=False)
    def case_page(doc_id: str, searcher: SearcherDep) -> FileResponse:
        # The page reads the id from its own URL and fetches /api/documents/{id}, and says on
        # the page in Danish when there is no such case; the status says so to the browser too.
        try:
            searcher.document(doc_id)
        except DocumentNotFound:
            return _page("case.html", status=404)
        return _page("case.html")

    @app.api_route("/fulgt/{saved_id}", methods=["GET", "HEAD"], include_in_schema=False)
    def followed_page(saved_id: str) -> FileResponse:
        # The page reads the secret id from its URL; the API refuses unknown or revoked ids.
        return _page("followed.html")

    @app.api_route("/overblik", methods=["GET", "HEAD"], include_in_schema=False)
    def overview_page() -> FileResponse:
        return _page("overview.html")

    @app.api_route("/effekt", methods=["GET", "HEAD"], include_in_schema=False)
    def effects_page() -> FileResponse:
        return _page("effects.html")
