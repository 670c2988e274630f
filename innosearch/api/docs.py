"""The interactive API documentation at /docs, served by the app itself so it works offline.

FastAPI's own /docs page loads Swagger UI from a CDN and starts it with an inline script; both
fail without internet or under the app's Content-Security-Policy. Here the Swagger UI files come
from the installed `fastapi-offline` package (its static folder, nothing else of it is used) and
the page is a static file whose starting script is served like the web page's scripts.
"""

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from innosearch.api.web import SECURITY_HEADERS, STATIC_DIR

SWAGGER_DIR = Path(fastapi_offline.__file__).parent / "static"


def mount_docs(app: FastAPI) -> None:
    """`/docs` (Swagger UI over /openapi.json) and its assets under `/docs-assets`."""
    app.mount("/docs-assets", StaticFiles(directory=SWAGGER_DIR), name="docs-assets")

    @app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)
    def docs_page() -> FileResponse:
        return FileResponse(
            STATIC_DIR / "docs.html",
            media_type="text/html; charset=utf-8",
            headers=SECURITY_HEADERS,
        )
