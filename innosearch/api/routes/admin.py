"""POST /api/ingest: files sent over HTTP are ingested into the home (token required)."""

import logging
from typing import Annotated

from fastapi import APIRouter, File, UploadFile

from innosearch.alerts.run import alert_followers
from innosearch.api import schemas
from innosearch.api.deps import SearcherDep, SettingsDep, TokenRequired
from innosearch.api.errors import INVALID_INPUT, UNAVAILABLE, responses
from innosearch.ingest.uploads import ingest_uploads

log = logging.getLogger(__name__)
router = APIRouter(responses=responses(400, 401, 403, 413, INVALID_INPUT, UNAVAILABLE))


# Plain def: FastAPI runs it in a worker thread, so searches go on during a long ingest.
# The ingest uses its own store connection; the searcher notices the new generation.
@router.post(
    "/ingest",
    response_model=schemas.IngestResponse,
    dependencies=[TokenRequired],
    summary="Upload filer (kræver adgangsnøgle)",
    description="Filerne (sager som JSON, JSON Lines eller CSV, PDF, Word, HTML, Markdown) "
    "indlæses i samlingen; en fil, der ikke kan læses, står under `failed`.",
    response_description="Hvad der blev tilføjet, opdateret, uændret og afvist",
)
def ingest(
    settings: SettingsDep,
    searcher: SearcherDep,
    files: Annotated[list[UploadFile], File(description="Sager, PDF'er, HTML, Markdown")],
) -> schemas.IngestResponse:
    report = ingest_uploads(settings, searcher.embedder, files)
    # Followers of a challenge hear of an uploaded case as of one ingested by the command line.
    _, problems = alert_followers(settings, searcher.store, report.documents, lambda: searcher)
    # A follow that could not be matched, or whose digest could not be sent: the problem says it.
    for name, problem in problems:
        log.warning("followed challenge %r: %s", name, problem)
    return schemas.ingest_response(report)
