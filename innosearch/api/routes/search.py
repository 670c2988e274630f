"""GET /api/search: cases that answer a challenge, with facets and other sectors' inspiration."""

from typing import Annotated

from fastapi import APIRouter, Query

from innosearch.api import schemas
from innosearch.api.deps import (
    Offset,
    ReadPoolDep,
    SearcherDep,
    SearchFilters,
    allowed_values,
    limit_query,
)
from innosearch.api.errors import INVALID_INPUT, UNAVAILABLE, responses
from innosearch.config import Settings
from innosearch.search.query import SearchRequest

OWN_SECTOR = (
    "Jeres egen sektor; inspirationen kommer fra de andre (uden den: den filtrerede sektor eller "
    "de øverste resultaters). " + allowed_values("sector")
)
AS_TYPED = (
    "Søg på ordene, som de er skrevet: ingen retning af ord, som samlingen ikke kender "
    "(ellers bliver fx 'aeldre' til 'ældre', og svaret siger det i `corrected_from`)."
)
MY_STAGE = "Jeres fase; sager i samme fase rykker lidt op. " + allowed_values("stage")
EXAMPLE = "Hvordan får vi flere ældre til at klare sig selv længere derhjemme?"
QUERY = f"Udfordringen med jeres egne ord, fx '{EXAMPLE}'"


def router(settings: Settings) -> APIRouter:
    routes = APIRouter(responses=responses(INVALID_INPUT, UNAVAILABLE))

    @routes.get(
        "/search",
        response_model=schemas.SearchResponse,
        summary="Søg efter sager ud fra en udfordring",
        description="Sagerne, der svarer på udfordringen, bedste først, med facetter over hele "
        "det filtrerede resultat og op til tre sager fra andre sektorer til inspiration.",
        response_description="Én side af resultatet",
    )
    async def search(
        searcher: SearcherDep,
        pool: ReadPoolDep,
        # An empty q is the core's to refuse, with the same words as a blank one.
        q: Annotated[
            str,
            Query(
                max_length=settings.max_query_chars,
                description=f"{QUERY} (højst {settings.max_query_chars} tegn).",
                # Filled in by Swagger UI's "Try it out", so a first try finds something.
                openapi_examples={"aeldre": {"summary": "Ældre i eget hjem", "value": EXAMPLE}},
            ),
        ],
        filters: SearchFilters,
        own_sector: Annotated[str | None, Query(description=OWN_SECTOR)] = None,
        my_stage: Annotated[str | None, Query(description=MY_STAGE)] = None,
        limit: Annotated[int, limit_query(settings)] = 10,
        offset: Offset = 0,
        as_typed: Annotated[bool, Query(description=AS_TYPED)] = False,
    ) -> schemas.SearchResponse:
        # An empty own_sector or my_stage (a form's "none" choice) means not given.
        request = SearchRequest(
            q, filters, own_sector or None, my_stage or None, limit, offset, as_typed
        )
        return schemas.search_response(await pool.run(searcher.search, request), filters)

    return routes
