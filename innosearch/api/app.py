"""The FastAPI application: wires the Searcher, the error handlers, the routes and the web page."""

from fastapi import FastAPI

from innosearch import __version__
from innosearch.api.docs import mount_docs
from innosearch.api.errors import install_error_handlers
from innosearch.api.health import HealthFirst
from innosearch.api.pool import ReadPool
from innosearch.api.routes import admin, documents, effects, meta, overview, saved, search
from innosearch.api.web import mount_web
from innosearch.config import Settings
from innosearch.embed.base import Embedder
from innosearch.embed.batching import BatchingEmbedder
from innosearch.embed.factory import load_embedder
from innosearch.search.searcher import Searcher


def create_app(settings: Settings, embedder: Embedder | None = None) -> FastAPI:
    """The app over one home; the embedder is loaded from the settings unless one is given."""
    app = FastAPI(
        title="innosearch",
        version=__version__,
        description="Søg i danske offentlige innovationscases ud fra jeres udfordring.",
        # /docs is served from local files (api/docs.py); ReDoc would need a CDN.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.read_pool = pool = ReadPool(settings.server_threads, settings.server_cpu_slots)
    # Concurrent searches share one model call for their queries (embed/batching.py), waiting
    # for it without holding a CPU slot.
    model = BatchingEmbedder(embedder or load_embedder(settings), waiting=pool.waiting)
    app.state.searcher = Searcher(settings, model)
    # Taken now, so health has figures from the start and the first search doesn't wait for it.
    app.state.searcher.corpus.current()
    install_error_handlers(app)
    app.add_middleware(HealthFirst, searcher=app.state.searcher)
    for routes in (
        search.router(settings),
        documents.router(settings),
        effects.router(settings),
        overview.router(settings),
        admin.router,
        saved.router,
        meta.router,
    ):
        app.include_router(routes, prefix="/api")
    mount_web(app)
    mount_docs(app)
    return app
