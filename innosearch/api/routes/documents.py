"""One case: GET its page data, its related cases; DELETE it (token required)."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from innosearch.api import schemas
from innosearch.api.deps import ReadPoolDep, SearcherDep, SettingsDep, TokenRequired
from innosearch.api.errors import INVALID_INPUT, UNAVAILABLE, responses
from innosearch.config import Settings
from innosearch.ingest.uploads import delete_document


def router(settings: Settings) -> APIRouter:
    routes = APIRouter(responses=responses(404, INVALID_INPUT, UNAVAILABLE))

    @routes.get("/documents/{doc_id}", response_model=schemas.DocumentDetail)
    async def document(
        searcher: SearcherDep, pool: ReadPoolDep, doc_id: str
    ) -> schemas.DocumentDetail:
        return schemas.document_detail(*await pool.run(searcher.document_page, doc_id))

    @routes.get("/documents/{doc_id}/related", response_model=schemas.RelatedResponse)
    async def related(
        searcher: SearcherDep,
        pool: ReadPoolDep,
        doc_id: str,
        other_sectors: bool = False,
        limit: Annotated[int, Query(ge=1, le=settings.max_limit)] = 5,
    ) -> schemas.RelatedResponse:
        hits = await pool.run(searcher.related, doc_id, other_sectors=other_sectors, limit=limit)
        return schemas.related_response(doc_id, hits)

    @routes.delete(
        "/documents/{doc_id}",
        status_code=204,
        dependencies=[TokenRequired],
        responses=responses(401, 403),
    )
    async def delete(
        settings: SettingsDep, searcher: SearcherDep, pool: ReadPoolDep, doc_id: str
    ) -> Response:
        await pool.run(delete_document, settings, searcher.store, doc_id)
        return Response(status_code=204)

    return routes
