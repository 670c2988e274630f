"""What the service knows about itself: the taxonomies, health and index figures."""

from fastapi import APIRouter

from innosearch.api.deps import ReadPoolDep, SearcherDep
from innosearch.api.errors import UNAVAILABLE, responses
from innosearch.api.health import health_body
from innosearch.taxonomy import CHOICES, EVIDENCE_LEVELS

router = APIRouter()


@router.get("/taxonomy")
async def taxonomy() -> dict:
    """Every filterable value with its Danish label."""
    values = {
        name: [{"value": k, "label": v} for k, v in labels.items()]
        for name, labels in CHOICES.items()
    }
    values["evidence_level"] = [{"value": k, "label": v} for k, v in EVIDENCE_LEVELS.items()]
    return values


@router.get("/health")
async def health(searcher: SearcherDep) -> dict:
    """Answered from memory on the event loop: never queued behind searches or the store.

    (Served by api/health.py before routing; this route describes it in OpenAPI.)
    """
    return health_body(searcher)


@router.get("/stats", responses=responses(UNAVAILABLE))
async def stats(searcher: SearcherDep, pool: ReadPoolDep) -> dict:
    return await pool.run(searcher.stats)
