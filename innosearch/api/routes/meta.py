"""What the service knows about itself: the taxonomies, health and index figures."""

from fastapi import APIRouter

from innosearch import __version__
from innosearch.api.deps import SearcherDep
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
    stats = searcher.stats()
    return {
        "status": "ok",
        "version": __version__,
        "documents": stats["documents"],
        "model": stats["model"],
    }


@router.get("/stats")
async def stats(searcher: SearcherDep) -> dict:
    return searcher.stats()
