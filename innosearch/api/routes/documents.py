"""One case: GET its page data, its related cases; DELETE it (token required)."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from fastapi.responses import FileResponse

from innosearch.api import schemas
from innosearch.api.deps import ReadPoolDep, SearcherDep, SettingsDep, TokenRequired, limit_query
from innosearch.api.errors import INVALID_INPUT, UNAVAILABLE, responses
from innosearch.config import Settings
from innosearch.errors import DocumentNotFound
from innosearch.ingest.uploads import delete_document

DocId = Annotated[str, Path(description="Sagens id, som `id` i et søgeresultat.")]


def router(settings: Settings) -> APIRouter:
    routes = APIRouter(responses=responses(404, INVALID_INPUT, UNAVAILABLE))

    @routes.get(
        "/documents/{doc_id}",
        response_model=schemas.DocumentDetail,
        summary="Én sag",
        description="Alt om sagen: afsnit, kontakt, evidens, faldgruber, links og mulige "
        "dubletter.",
        response_description="Sagen",
    )
    async def document(
        searcher: SearcherDep, pool: ReadPoolDep, doc_id: DocId
    ) -> schemas.DocumentDetail:
        return schemas.document_detail(*await pool.run(searcher.document_page, doc_id))

    @routes.get(
        "/documents/{doc_id}/original",
        response_class=FileResponse,
        responses={200: {"content": {"application/pdf": {}, "application/octet-stream": {}}}},
        summary="Sagens originale fil",
        description="Filen, sagen er læst fra (PDF, Word, HTML …), som den ligger nu. En PDF "
        "åbnes i browseren, andre filer hentes. 404 for en webside (dens adresse er `source`) "
        "og for en fil, der er flyttet eller slettet siden.",
        response_description="Filen",
    )
    async def original(searcher: SearcherDep, pool: ReadPoolDep, doc_id: DocId) -> FileResponse:
        path = await pool.run(searcher.original_file, doc_id)
        if path is None:
            raise DocumentNotFound(
                f"Sagen '{doc_id}' har ingen original fil her: den er en webside, eller filen er "
                "flyttet eller slettet, siden den blev indlæst."
            )
        # Only a PDF is opened in the page's origin: an HTML or SVG file shown there could run
        # its scripts as this site, so every other kind is a download.
        inline = path.suffix.lower() == ".pdf"
        return FileResponse(
            path,
            filename=path.name,
            content_disposition_type="inline" if inline else "attachment",
            headers={"X-Content-Type-Options": "nosniff"},
        )

    @routes.get(
        "/documents/{doc_id}/related",
        response_model=schemas.RelatedResponse,
        summary="Beslægtede sager",
        description="De nærmeste andre sager, aldrig dubletter af sagen eller dens rapport.",
        response_description="De beslægtede sager, nærmeste først",
    )
    async def related(
        searcher: SearcherDep,
        pool: ReadPoolDep,
        doc_id: DocId,
        other_sectors: Annotated[
            bool, Query(description="Kun sager fra andre sektorer end sagens egen.")
        ] = False,
        limit: Annotated[int, limit_query(settings)] = 5,
    ) -> schemas.RelatedResponse:
        hits = await pool.run(searcher.related, doc_id, other_sectors=other_sectors, limit=limit)
        return schemas.related_response(doc_id, hits)

    @routes.delete(
        "/documents/{doc_id}",
        status_code=204,
        dependencies=[TokenRequired],
        responses=responses(401, 403),
        summary="Slet en sag (kræver adgangsnøgle)",
        description="Sletter sagen og en rapports cases; en uploadet sags fil i "
        "`HOME/uploads/` slettes også.",
        response_description="Sagen er slettet",
    )
    async def delete(
        settings: SettingsDep, searcher: SearcherDep, pool: ReadPoolDep, doc_id: DocId
    ) -> Response:
        await pool.run(delete_document, settings, searcher.store, doc_id)
        return Response(status_code=204)

    return routes
