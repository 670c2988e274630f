"""The FastAPI application: wires the Searcher, the error handlers, the routes and the web page;
and serves it under uvicorn, in one process or `server_workers` processes sharing one port.

A search is mostly Python (ranking, snippets, facets, the JSON), and Python in one process runs
on one core at a time whatever the number of threads (the GIL). Worker processes put every core
to work; each holds its own model and snapshot (memory grows with the workers) and reads the
same store, where generations keep each search consistent (search/corpus.py).
"""

import errno
import os
import socket
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI

from innosearch import __version__
from innosearch.api.docs import mount_docs
from innosearch.api.errors import install_error_handlers
from innosearch.api.health import HealthFirst
from innosearch.api.pool import ReadPool
from innosearch.api.protocol import BodyLimit, ConditionalGet, HeadAsGet
from innosearch.api.routes import admin, documents, effects, meta, overview, saved, search
from innosearch.api.web import mount_web
from innosearch.config import Settings
from innosearch.embed.base import Embedder
from innosearch.embed.batching import BatchingEmbedder
from innosearch.embed.factory import load_embedder
from innosearch.errors import InvalidSetting
from innosearch.search.searcher import Searcher

# How the serving process hands its settings (with --home and the like) to the workers, which
# uvicorn starts afresh and which build their app from an import string.
_WORKER_SETTINGS = "INNOSEARCH_WORKER_SETTINGS"


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
    # The last added runs first: HEAD becomes GET before health is answered or an ETag taken.
    app.add_middleware(BodyLimit)
    app.add_middleware(ConditionalGet)
    app.add_middleware(HealthFirst, searcher=app.state.searcher)
    app.add_middleware(HeadAsGet)
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


def check_address(host: str, port: int) -> None:
    """Refuse, in Danish, an address the server could not listen on, before the model loads.

    uvicorn would otherwise say it in English after the start-up message, or with a traceback
    for a port out of range. The probe binds as uvicorn does (SO_REUSEADDR), so a port left in
    TIME_WAIT by a server just stopped is free, and one another program listens on is not.
    """
    where = "(--host eller INNOSEARCH_HOST)"
    if not 1 <= port <= 65535:
        raise InvalidSetting(
            f"Porten {port} findes ikke; vælg en mellem 1 og 65535 (--port eller INNOSEARCH_PORT)."
        )
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except socket.gaierror as exc:
            raise InvalidSetting(f"Adressen '{host}' {where} kan ikke slås op.") from exc
        except OSError as exc:
            raise InvalidSetting(_bind_problem(exc, host, port, where)) from exc


def _bind_problem(exc: OSError, host: str, port: int, where: str) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (
            f"Port {port} på {host} er optaget af et andet program (måske en anden "
            "'innosearch serve'). Stop det, eller vælg en anden port med --port eller "
            "INNOSEARCH_PORT."
        )
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"Adressen {host} {where} hører ikke til denne maskine."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"Port {port} kræver særlige rettigheder (porte under 1024); vælg en anden med "
            "--port eller INNOSEARCH_PORT."
        )
    return f"Der kan ikke lyttes på {host}:{port}: {exc.strerror or exc}."


def serve(
    settings: Settings, host: str, port: int, load_model: Callable[[Settings], Embedder]
) -> None:
    """Serve until stopped; the model is loaded by `load_model` (which reports a missing one)."""
    model = load_model(settings)
    if settings.server_workers == 1:
        uvicorn.run(
            create_app(settings, model),
            host=host,
            port=port,
            log_level="warning",
            timeout_keep_alive=settings.server_keep_alive_s,
        )
        return
    del model  # loaded only to report a missing or broken model here, once, not per worker
    os.environ[_WORKER_SETTINGS] = settings.model_dump_json()
    uvicorn.run(
        f"{__name__}:worker_app",
        factory=True,
        workers=settings.server_workers,
        host=host,
        port=port,
        log_level="warning",
        timeout_keep_alive=settings.server_keep_alive_s,
    )


def worker_app() -> FastAPI:
    """One worker's app, from the settings the serving process handed down."""
    settings = Settings.model_validate_json(os.environ[_WORKER_SETTINGS])
    return create_app(settings, load_embedder(settings))
