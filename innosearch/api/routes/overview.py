"""GET /api/overview: what goes on in a sector or stage, ongoing work first, newest first."""

from typing import Annotated

from fastapi import APIRouter

from innosearch.api import schemas
from innosearch.api.deps import Offset, ReadPoolDep, SearcherDep, SearchFilters, limit_query
from innosearch.api.errors import INVALID_INPUT, UNAVAILABLE, responses
from innosearch.config import Settings


def router(settings: Settings) -> APIRouter:
    routes = APIRouter(responses=responses(INVALID_INPUT, UNAVAILABLE))

    @routes.get(
        "/overview",
        response_model=schemas.OverviewResponse,
        summary="Overblik: hvad sker der i en sektor eller fase?",
        description="Sagerne med filtrene, igangværende først og derefter nyeste først, med "
        "hvem man kan kontakte.",
        response_description="Én side af overblikket",
    )
    async def overview(
        searcher: SearcherDep,
        pool: ReadPoolDep,
        filters: SearchFilters,
        limit: Annotated[int, limit_query(settings)] = 20,
        offset: Offset = 0,
    ) -> schemas.OverviewResponse:
        # In the read pool, as every read of the store: never on the event loop.
        total, hits, facets = await pool.run(searcher.overview, filters, limit=limit, offset=offset)
        return schemas.overview_response(filters, total, limit, offset, hits, facets)

    return routes
