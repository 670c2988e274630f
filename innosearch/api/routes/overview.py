"""GET /api/overview: what goes on in a sector or stage, ongoing work first, newest first."""

from typing import Annotated

from fastapi import APIRouter, Query

from innosearch.api import schemas
from innosearch.api.deps import ReadPoolDep, SearcherDep, SearchFilters
from innosearch.api.errors import INVALID_INPUT, UNAVAILABLE, responses
from innosearch.config import Settings


def router(settings: Settings) -> APIRouter:
    routes = APIRouter(responses=responses(INVALID_INPUT, UNAVAILABLE))

    @routes.get("/overview", response_model=schemas.OverviewResponse)
    async def overview(
        searcher: SearcherDep,
        pool: ReadPoolDep,
        filters: SearchFilters,
        limit: Annotated[int, Query(ge=1, le=settings.max_limit)] = 20,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> schemas.OverviewResponse:
        # In the read pool, as every read of the store: never on the event loop.
        total, hits, facets = await pool.run(searcher.overview, filters, limit=limit, offset=offset)
        return schemas.overview_response(filters, total, limit, offset, hits, facets)

    return routes
