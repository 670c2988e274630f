"""GET /api/effects: cases with documented effect, as JSON pages or one CSV download."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from innosearch.api import schemas
from innosearch.api.deps import (
    MIN_LEVEL_DESCRIPTION,
    DocumentFilters,
    Offset,
    ReadPoolDep,
    SearcherDep,
    limit_query,
)
from innosearch.api.errors import INVALID_INPUT, UNAVAILABLE, responses
from innosearch.config import Settings
from innosearch.search.export import effects_csv


def router(settings: Settings) -> APIRouter:
    routes = APIRouter(responses=responses(INVALID_INPUT, UNAVAILABLE))

    @routes.get(
        "/effects",
        response_model=schemas.EffectsResponse,
        summary="Sager med dokumenteret effekt",
        description="Sagerne fra et evidensniveau og op med de sætninger, der begrunder det; "
        "med `format=csv` hele listen som fil.",
        response_description="Én side af listen (JSON) eller hele listen (CSV)",
        responses={200: {"content": {"text/csv": {}}}},
    )
    async def effects(
        searcher: SearcherDep,
        pool: ReadPoolDep,
        filters: DocumentFilters,
        q: Annotated[
            str | None,
            Query(
                max_length=settings.max_query_chars,
                description="En udfordring, der ordner sagerne efter relevans; uden den "
                "ordnes de efter evidensniveau.",
            ),
        ] = None,
        min_level: Annotated[int, Query(ge=0, le=4, description=MIN_LEVEL_DESCRIPTION)] = 2,
        limit: Annotated[int, limit_query(settings)] = 50,
        offset: Offset = 0,
        format: Annotated[
            Literal["json", "csv"],
            Query(
                description="json: én side af listen; csv: alle sagerne som fil til Excel "
                "(semikolon-separeret, UTF-8 med BOM)"
            ),
        ] = "json",
    ) -> schemas.EffectsResponse | Response:
        q = q.strip() if q else None  # blank is no question: the list by evidence level
        if format == "csv":  # the whole list, not one page
            _, hits = await pool.run(searcher.effects, q, filters, min_level=min_level, limit=None)
            return Response(
                content=effects_csv(hits),
                media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": 'attachment; filename="effekt.csv"'},
            )
        total, hits = await pool.run(
            searcher.effects, q, filters, min_level=min_level, limit=limit, offset=offset
        )
        return schemas.effects_response(q, min_level, total, limit, offset, hits)

    return routes
