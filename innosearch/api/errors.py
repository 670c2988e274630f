"""Every error as one JSON shape, `{"error": {"code", "message", "details"}}`, in Danish."""

import logging
import sqlite3
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from innosearch.api.schemas import ErrorBody, ErrorResponse
from innosearch.api.web import not_found_page, wants_page
from innosearch.errors import (
    DocumentNotFound,
    Forbidden,
    HomeReadOnly,
    InnosearchError,
    InvalidFilter,
    InvalidQuery,
    LimitExceeded,
    ModelMismatch,
    ModelUnavailable,
    StaleTable,
    StoreBusy,
    StoreDamaged,
    StoreTooNew,
    Unauthorized,
)
from innosearch.index.store import unusable
from innosearch.validation import value_problem

log = logging.getLogger(__name__)

# Bad input is 422 wherever it is caught: FastAPI's parameter validation (a missing or
# over-long q, a limit out of range) and the core's own checks (a blank query, an unknown sector,
# year_from after year_to) are the same kind of mistake, and a client should not have to know
# which layer noticed it. 422 rather than 400 because it is what FastAPI answers and documents in
# OpenAPI for every endpoint; the web page shows the message and looks only at 404.
INVALID_INPUT = 422
# Every route that reads the store or embeds may find either unusable (a damaged store, a model
# that cannot load): 503, so a load balancer retries elsewhere and no one sees a 500.
UNAVAILABLE = 503

_STATUS: dict[type[InnosearchError], int] = {
    InvalidQuery: INVALID_INPUT,
    InvalidFilter: INVALID_INPUT,
    DocumentNotFound: 404,
    ModelMismatch: 409,
    ModelUnavailable: 503,
    Unauthorized: 401,
    Forbidden: 403,
    LimitExceeded: 413,
    StoreDamaged: 503,
    StoreTooNew: 503,
    HomeReadOnly: 503,
    # A read that met another process's ingest on every attempt, or a write that waited out
    # another's: the next one will pass.
    StaleTable: 503,
    StoreBusy: 503,
}

_MEANINGS = {
    400: "Forespørgslen kan ikke læses (fx en ødelagt multipart-upload)",
    401: "Mangler eller forkert adgangsnøgle",
    403: "Ændringer via API'et er slået fra",
    404: "Sagen findes ikke",
    413: "Upload over størrelsesgrænsen (INNOSEARCH_MAX_UPLOAD_BYTES)",
    INVALID_INPUT: "Ugyldig forespørgsel",
    UNAVAILABLE: "Lageret eller modellen kan ikke bruges lige nu ('innosearch check')",
}

# HTTP requires a 401 to say how to authenticate (RFC 9110 §11.6.1); clients and proxies look
# for it before they send credentials.
_HEADERS: dict[type[InnosearchError], dict[str, str]] = {
    Unauthorized: {"WWW-Authenticate": 'Bearer realm="innosearch"'},
}

# What a JSON body can get wrong that no query parameter can; validation.py words the rest.
_BODY_PROBLEMS = {
    # Also what a form-encoded body gives (curl -d without a Content-Type), so say how to send it.
    "model_attributes_type": "skal være et JSON-objekt, sendt med Content-Type: application/json",
    "extra_forbidden": "kendes ikke her (se felterne under /docs)",
    "list_type": 'skal være en liste, fx ["aeldre"]',
    "string_type": "skal være tekst",
}


def responses(*statuses: int, missing: str = _MEANINGS[404]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the errors a route gives, in the one error shape; `missing` says
    what a 404 means where the unknown thing is not a case.

    A 422 entry also replaces the shape FastAPI would otherwise document for it.
    """
    meanings = {**_MEANINGS, 404: missing}
    return {s: {"model": ErrorResponse, "description": meanings[s]} for s in statuses}


# Danish names of request parameters, for validation messages.
_PARAMETER_NAMES = {
    "q": "søgningen (q)",
    "limit": "antal resultater (limit)",
    "offset": "startposition (offset)",
    "year_from": "år fra (year_from)",
    "year_to": "år til (year_to)",
    "min_level": "evidensniveau (min_level)",
    "has_pitfalls": "faldgruber (has_pitfalls)",
    "other_sectors": "kun andre sektorer (other_sectors)",
    "body": "indholdet",
    # POST /api/saved ("Følg denne udfordring")
    "query": "udfordringen (query)",
    "name": "navnet (name)",
    "sector": "sektor (sector)",
    "stage": "fase (stage)",
    "status": "status (status)",
    "own_sector": "jeres egen sektor (own_sector)",
    "email": "e-mailadressen (email)",
    # POST /api/ingest
    "files": "filerne (files)",
}


def _field(error: dict[str, Any]) -> str:
    if error.get("type") == "json_invalid":
        return "body"  # its place is a character position, not a name
    loc = error.get("loc") or ("?",)
    return str(loc[-1])


def _problem(error: dict[str, Any]) -> str:
    return _BODY_PROBLEMS.get(error.get("type", "")) or value_problem(error)


def _allow(headers: Mapping[str, str] | None) -> Mapping[str, str] | None:
    """A 405's headers with HEAD allowed wherever GET is: protocol.HeadAsGet answers it."""
    allowed = (headers or {}).get("Allow", "")
    if "GET" not in allowed.split(", ") or "HEAD" in allowed:
        return headers
    return {**(headers or {}), "Allow": f"{allowed}, HEAD"}


def _message(field: str, problem: str, error_type: str | None) -> str:
    name = _PARAMETER_NAMES.get(field, field)
    if error_type == "extra_forbidden":  # a name the client chose ("sektor"): quote it as sent
        name = f"feltet '{field}'"
    return f"{name[:1].upper()}{name[1:]} {problem}."


def error_response(
    status: int,
    code: str,
    message: str,
    details: object = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(code=code, message=message, details=details))
    return JSONResponse(status_code=status, content=body.model_dump(), headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(InnosearchError)
    async def domain_error(_: Request, exc: InnosearchError) -> JSONResponse:
        status = _STATUS.get(type(exc), 400)
        return error_response(status, exc.code, exc.message, headers=_HEADERS.get(type(exc)))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors() or [{"loc": ("?",), "type": ""}]
        problems = [{"field": _field(e), "problem": _problem(e)} for e in errors]
        message = _message(problems[0]["field"], problems[0]["problem"], errors[0].get("type"))
        return error_response(INVALID_INPUT, "invalid_request", message, problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and wants_page(request):
            return not_found_page()
        if exc.status_code == 404:
            return error_response(404, "not_found", "Siden eller ressourcen findes ikke.")
        if exc.status_code == 405:  # with the Allow header HTTP requires (RFC 9110 §15.5.6)
            return error_response(
                405,
                "method_not_allowed",
                "Den metode understøttes ikke her.",
                headers=_allow(exc.headers),
            )
        if exc.status_code == 400:  # e.g. a multipart body that cannot be parsed
            return error_response(
                400, "bad_request", "Forespørgslen kan ikke læses.", {"detail": str(exc.detail)}
            )
        return error_response(exc.status_code, "http_error", str(exc.detail), headers=exc.headers)

    @app.exception_handler(sqlite3.DatabaseError)
    async def unusable_store(request: Request, exc: sqlite3.DatabaseError) -> JSONResponse:
        log.error("store error: %s", exc)
        problem = unusable(request.app.state.settings.store_path, exc)
        message = problem.message
        if isinstance(problem, StoreDamaged):  # its path and SQLite's words are an admin's
            message = (
                "Lageret kan ikke læses lige nu. En administrator kan køre 'innosearch check'."
            )
        return error_response(_STATUS[type(problem)], problem.code, message)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return error_response(
            500, "internal_error", "Der skete en uventet fejl. Prøv igen om lidt."
        )
