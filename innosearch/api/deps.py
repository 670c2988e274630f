"""What handlers share: the Searcher and settings of the app, the document filters, the token."""

import hmac
from dataclasses import replace
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from innosearch import taxonomy
from innosearch.api.pool import ReadPool
from innosearch.config import Settings
from innosearch.errors import Forbidden, Unauthorized
from innosearch.filters import Filters
from innosearch.search.searcher import Searcher
from innosearch.taxonomy import CHOICES, EVIDENCE_LEVELS


def _searcher(request: Request) -> Searcher:
    return request.app.state.searcher


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _read_pool(request: Request) -> ReadPool:
    return request.app.state.read_pool


SearcherDep = Annotated[Searcher, Depends(_searcher)]
SettingsDep = Annotated[Settings, Depends(_settings)]
ReadPoolDep = Annotated[ReadPool, Depends(_read_pool)]


def allowed_values(field: str) -> str:
    """The values of a taxonomy field with their Danish labels, for OpenAPI descriptions."""
    return taxonomy.allowed_values(field, as_code=True)


def _no_values() -> list[str]:
    """The default of a repeatable parameter.

    Not `list`: for a builtin, pydantic's per-request check of the factory's signature parses
    its text signature (~0.16 ms each, five filters per search, on the event loop).
    """
    return []


def _choice(field: str, what: str) -> Any:
    """A repeatable parameter, empty when not given, whose OpenAPI lists the taxonomy's values.

    The values are documented, not enforced here: Filters.validate refuses an unknown one with a
    Danish message that names the allowed values, the same for the API and the CLI.
    """
    return Query(
        default_factory=_no_values,
        description=f"{what}; gentag for flere (enhver af dem). {allowed_values(field)}",
        json_schema_extra={"items": {"type": "string", "enum": list(CHOICES[field])}},
    )


def document_filters(
    sector: Annotated[list[str], _choice("sector", "Sektor")],
    organisation_type: Annotated[list[str], _choice("organisation_type", "Organisationstype")],
    stage: Annotated[list[str], _choice("stage", "Fase")],
    status: Annotated[list[str], _choice("status", "Status")],
    kind: Annotated[list[str], _choice("kind", "Kildetype")],
    year_from: Annotated[int | None, Query(description="Fra og med år.")] = None,
    year_to: Annotated[int | None, Query(description="Til og med år.")] = None,
    has_pitfalls: Annotated[
        bool | None, Query(description="Kun sager med (true) eller uden (false) faldgruber.")
    ] = None,
) -> Filters:
    """The filters shared by the search and the effect view."""
    return Filters(
        sector=sector,
        organisation_type=organisation_type,
        stage=stage,
        status=status,
        kind=kind,
        year_from=year_from,
        year_to=year_to,
        has_pitfalls=has_pitfalls,
    )


DocumentFilters = Annotated[Filters, Depends(document_filters)]

Offset = Annotated[
    int,
    Query(
        ge=0,
        description="Hvor mange sager der springes over, til at bladre; `total` i svaret er "
        "antallet i hele listen, og en `offset` efter den sidste giver en tom side.",
    ),
]


def limit_query(settings: Settings) -> Any:
    """`limit` with the maximum in force, so OpenAPI shows it."""
    return Query(
        ge=1,
        le=settings.max_limit,
        description=f"Antal sager i svaret (1–{settings.max_limit}).",
    )


MIN_LEVEL_DESCRIPTION = "Mindste evidensniveau: " + ", ".join(
    f"`{level}` ({name})" for level, name in EVIDENCE_LEVELS.items()
)


def search_filters(
    filters: DocumentFilters,
    min_level: Annotated[int | None, Query(ge=0, le=4, description=MIN_LEVEL_DESCRIPTION)] = None,
) -> Filters:
    """The document filters and an optional minimum evidence level."""
    return replace(filters, min_level=min_level)


SearchFilters = Annotated[Filters, Depends(search_filters)]


# A security scheme, not a plain header parameter, so that OpenAPI describes it and Swagger UI
# offers "Authorize". Without auto_error a missing or non-Bearer header is None, refused below
# in the one error shape.
_bearer = HTTPBearer(
    auto_error=False,
    description="Værdien af INNOSEARCH_API_TOKEN (Authorization: Bearer …).",
)


def require_token(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Changes need `Authorization: Bearer $INNOSEARCH_API_TOKEN`, and are off without a token."""
    if not settings.api_token:
        raise Forbidden(
            "Ændringer via API'et er slået fra. Sæt INNOSEARCH_API_TOKEN for at tillade dem."
        )
    # Compared as bytes: compare_digest refuses str with non-ASCII characters, and a header
    # arrives decoded as Latin-1, so any byte a client sends maps to one here.
    if credentials is None or not hmac.compare_digest(
        credentials.credentials.strip().encode("latin-1", "replace"),
        settings.api_token.encode("ascii"),
    ):
        raise Unauthorized("Mangler eller forkert adgangsnøgle (Authorization: Bearer …).")


TokenRequired = Depends(require_token)
