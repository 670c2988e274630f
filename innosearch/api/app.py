"""The FastAPI application: thin handlers over the Searcher, one JSON error shape everywhere."""

import hmac
import logging
from typing import Annotated

from fastapi import Depends, FastAPI, File, Header, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from innosearch import __version__
from innosearch.api import schemas
from innosearch.api.web import mount_web
from innosearch.config import Settings
from innosearch.embed.base import Embedder
from innosearch.embed.factory import load_embedder
from innosearch.errors import (
    DocumentNotFound,
    Forbidden,
    InnosearchError,
    InvalidFilter,
    InvalidQuery,
    ModelMismatch,
    ModelUnavailable,
    Unauthorized,
)
from innosearch.filters import Filters
from innosearch.ingest.uploads import ingest_uploads
from innosearch.search.export import effects_csv
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher
from innosearch.taxonomy import EVIDENCE_LEVELS, KINDS, TAXONOMIES, label

log = logging.getLogger(__name__)

_STATUS = {
    InvalidQuery: 400,
    InvalidFilter: 400,
    DocumentNotFound: 404,
    ModelMismatch: 409,
    ModelUnavailable: 503,
    Unauthorized: 401,
    Forbidden: 403,
}

# Danish names of request parameters, for validation messages.
_PARAMETER_NAMES = {
    "q": "søgningen (q)",
    "limit": "antal resultater (limit)",
    "offset": "startposition (offset)",
    "year_from": "år fra (year_from)",
    "year_to": "år til (year_to)",
    "min_level": "evidensniveau (min_level)",
    "has_pitfalls": "faldgruber (has_pitfalls)",
}


def _error(status: int, code: str, message: str, details: object = None) -> JSONResponse:
    body = schemas.ErrorResponse(
        error=schemas.ErrorBody(code=code, message=message, details=details)
    )
    return JSONResponse(status_code=status, content=body.model_dump())


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(InnosearchError)
    async def domain_error(_: Request, exc: InnosearchError) -> JSONResponse:
        return _error(_STATUS.get(type(exc), 400), exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            name = str(err["loc"][-1]) if err.get("loc") else "?"
            problems.append({"field": name, "problem": err.get("msg", "")})
        first = problems[0]["field"] if problems else "?"
        message = f"Ugyldig værdi for {_PARAMETER_NAMES.get(first, first)}."
        return _error(422, "invalid_request", message, problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return _error(404, "not_found", "Siden eller ressourcen findes ikke.")
        if exc.status_code == 405:
            return _error(405, "method_not_allowed", "Den metode understøttes ikke her.")
        return _error(exc.status_code, "http_error", str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return _error(500, "internal_error", "Der skete en uventet fejl. Prøv igen om lidt.")


def create_app(settings: Settings, embedder: Embedder | None = None) -> FastAPI:
    """The app over one home; the embedder is loaded from the settings unless one is given."""
    searcher = Searcher(settings, embedder or load_embedder(settings))
    app = FastAPI(
        title="innosearch",
        version=__version__,
        description="Søg i danske offentlige innovationscases ud fra jeres udfordring.",
    )
    app.state.searcher = searcher
    _install_error_handlers(app)

    # Handlers are async so that searches run one at a time on the event loop: the store's
    # SQLite connection and the FAISS index are shared and each search takes milliseconds.
    @app.get("/api/search", response_model=schemas.SearchResponse)
    async def search(
        q: Annotated[str, Query(min_length=1, max_length=settings.max_query_chars)],
        sector: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI copies defaults
        organisation_type: Annotated[list[str], Query()] = [],  # noqa: B006
        stage: Annotated[list[str], Query()] = [],  # noqa: B006
        status: Annotated[list[str], Query()] = [],  # noqa: B006
        kind: Annotated[list[str], Query()] = [],  # noqa: B006
        year_from: int | None = None,
        year_to: int | None = None,
        min_level: Annotated[int | None, Query(ge=0, le=4)] = None,
        has_pitfalls: bool | None = None,
        own_sector: str | None = None,
        my_stage: str | None = None,
        limit: Annotated[int, Query(ge=1, le=settings.max_limit)] = 10,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> schemas.SearchResponse:
        filters = Filters(
            sector=sector,
            organisation_type=organisation_type,
            stage=stage,
            status=status,
            kind=kind,
            year_from=year_from,
            year_to=year_to,
            min_level=min_level,
            has_pitfalls=has_pitfalls,
        )
        found = searcher.search(
            SearchRequest(q, filters, own_sector or None, my_stage or None, limit, offset)
        )
        return schemas.SearchResponse(
            query=found.query,
            total=found.total,
            limit=found.limit,
            offset=found.offset,
            own_sector=found.own_sector,
            own_sector_label=label("sector", found.own_sector),
            results=[schemas.result(h) for h in found.hits],
            facets=schemas.facets(found.facets),
            inspiration=[schemas.result(h) for h in found.inspiration],
        )

    @app.get("/api/documents/{doc_id}", response_model=schemas.DocumentDetail)
    async def document(doc_id: str) -> schemas.DocumentDetail:
        doc = searcher.document(doc_id)
        return schemas.DocumentDetail(
            **schemas.summary_fields(doc),
            sections=[
                schemas.SectionOut(heading=s.heading, text=s.text, page=s.page)
                for s in doc.sections
            ],
            tags=doc.tags,
            links=doc.links,
            extra=doc.extra,
            possible_duplicates=[
                schemas.Duplicate(id=other, title=title, similarity=similarity)
                for other, title, similarity in searcher.duplicates(doc_id)
            ],
            ingested_at=doc.ingested_at,
        )

    @app.get("/api/documents/{doc_id}/related", response_model=schemas.RelatedResponse)
    async def related(
        doc_id: str,
        other_sectors: bool = False,
        limit: Annotated[int, Query(ge=1, le=settings.max_limit)] = 5,
    ) -> schemas.RelatedResponse:
        hits = searcher.related(doc_id, other_sectors=other_sectors, limit=limit)
        return schemas.RelatedResponse(
            document_id=doc_id, results=[schemas.result(h) for h in hits]
        )

    @app.get("/api/effects", response_model=schemas.EffectsResponse)
    async def effects(
        q: Annotated[str | None, Query(max_length=settings.max_query_chars)] = None,
        min_level: Annotated[int, Query(ge=0, le=4)] = 2,
        sector: Annotated[list[str], Query()] = [],  # noqa: B006
        organisation_type: Annotated[list[str], Query()] = [],  # noqa: B006
        stage: Annotated[list[str], Query()] = [],  # noqa: B006
        status: Annotated[list[str], Query()] = [],  # noqa: B006
        kind: Annotated[list[str], Query()] = [],  # noqa: B006
        year_from: int | None = None,
        year_to: int | None = None,
        has_pitfalls: bool | None = None,
        limit: Annotated[int, Query(ge=1, le=settings.max_limit)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
        format: Annotated[str, Query(pattern="^(json|csv)$")] = "json",
    ) -> schemas.EffectsResponse | Response:
        filters = Filters(
            sector=sector,
            organisation_type=organisation_type,
            stage=stage,
            status=status,
            kind=kind,
            year_from=year_from,
            year_to=year_to,
            has_pitfalls=has_pitfalls,
        )
        if format == "csv":  # the whole list, not one page
            _, hits = searcher.effects(q, filters, min_level=min_level, limit=None)
            return Response(
                content=effects_csv(hits),
                media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": 'attachment; filename="effekt.csv"'},
            )
        total, hits = searcher.effects(q, filters, min_level=min_level, limit=limit, offset=offset)
        return schemas.EffectsResponse(
            query=q or "",
            min_level=min_level,
            total=total,
            limit=limit,
            offset=offset,
            results=[schemas.result(h) for h in hits],
        )

    def require_token(authorization: Annotated[str | None, Header()] = None) -> None:
        if not settings.api_token:
            raise Forbidden(
                "Ændringer via API'et er slået fra. Sæt INNOSEARCH_API_TOKEN for at tillade dem."
            )
        expected = f"Bearer {settings.api_token}"
        if not authorization or not hmac.compare_digest(authorization, expected):
            raise Unauthorized("Mangler eller forkert adgangsnøgle (Authorization: Bearer …).")

    # Plain def: FastAPI runs it in a worker thread, so searches go on during a long ingest.
    # The ingest uses its own store connection; the searcher notices the new generation.
    @app.post("/api/ingest", response_model=schemas.IngestResponse)
    def ingest(
        files: Annotated[list[UploadFile], File(description="Sager, PDF'er, HTML, Markdown")],
        _: Annotated[None, Depends(require_token)],
    ) -> schemas.IngestResponse:
        report = ingest_uploads(settings, searcher.embedder, files)
        return schemas.IngestResponse(
            added=report.added,
            updated=report.updated,
            unchanged=report.unchanged,
            failed=[schemas.IngestProblem(source=s, problem=p) for s, p in report.failed],
        )

    @app.delete("/api/documents/{doc_id}", status_code=204)
    async def delete(doc_id: str, _: Annotated[None, Depends(require_token)]) -> Response:
        searcher.delete(doc_id)
        return Response(status_code=204)

    @app.get("/api/taxonomy")
    async def taxonomy() -> dict:
        values = {
            name: [{"value": k, "label": v} for k, v in labels.items()]
            for name, labels in {**TAXONOMIES, "kind": KINDS}.items()
        }
        values["evidence_level"] = [{"value": k, "label": v} for k, v in EVIDENCE_LEVELS.items()]
        return values

    @app.get("/api/health")
    async def health() -> dict:
        stats = searcher.stats()
        return {
            "status": "ok",
            "version": __version__,
            "documents": stats["documents"],
            "model": stats["model"],
        }

    @app.get("/api/stats")
    async def stats() -> dict:
        return searcher.stats()

    mount_web(app)
    return app
