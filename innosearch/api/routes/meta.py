"""What the service knows about itself: the taxonomies, health and index figures."""

from typing import Any

from fastapi import APIRouter

from innosearch.api import schemas
from innosearch.api.deps import ReadPoolDep, SearcherDep
from innosearch.api.errors import UNAVAILABLE, responses
from innosearch.api.health import health_body
from innosearch.taxonomy import CHOICES, EVIDENCE_LEVELS

router = APIRouter()


@router.get(
    "/taxonomy",
    response_model=schemas.Taxonomy,
    summary="Filtrenes værdier",
    description="Hver værdi, filtrene og søgningen tager (sector, stage, status, "
    "organisation_type, kind, evidence_level), med dens danske navn.",
    response_description="Værdierne pr. felt",
)
async def taxonomy() -> dict[str, list[dict[str, Any]]]:
    values = {
        name: [{"value": k, "label": v} for k, v in labels.items()]
        for name, labels in CHOICES.items()
    }
    values["evidence_level"] = [{"value": k, "label": v} for k, v in EVIDENCE_LEVELS.items()]
    return values


@router.get(
    "/health",
    response_model=schemas.HealthResponse,
    summary="Kører tjenesten?",
    description="Svarer med det samme, også under belastning, uden at læse lageret.",
    response_description="Tjenesten kører",
)
async def health(searcher: SearcherDep) -> dict:
    # Served by api/health.py before routing; this route describes it in OpenAPI.
    return health_body(searcher)


@router.get(
    "/stats",
    response_model=schemas.StatsResponse,
    responses=responses(UNAVAILABLE),
    summary="Tal om samlingen og indekset",
    description="Antal dokumenter og afsnit pr. type og sektor, modellen og vektorindekset.",
    response_description="Tallene",
)
async def stats(searcher: SearcherDep, pool: ReadPoolDep) -> dict:
    return await pool.run(searcher.stats)
