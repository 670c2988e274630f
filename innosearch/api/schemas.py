"""Response models of the HTTP API (what OpenAPI shows) and their conversion from core objects.

A document's and a hit's fields come from innosearch.search.results, the shape the CLI prints too;
the models here declare and validate it.
"""

from typing import Any

from pydantic import BaseModel, Field

from innosearch.documents import DocumentRecord
from innosearch.ingest.pipeline import IngestReport
from innosearch.search.results import (
    Hit,
    SearchResult,
    SectorBasis,
    document_summary,
    hit_json,
)
from innosearch.taxonomy import label


class ErrorBody(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorResponse(BaseModel):
    error: ErrorBody


class Contact(BaseModel):
    name: str | None
    email: str | None
    phone: str | None


class Labels(BaseModel):
    sector: str | None
    stage: str | None
    status: str | None
    organisation_type: str | None
    kind: str | None


class DocumentSummary(BaseModel):
    id: str
    title: str
    kind: str
    source: str
    organisation: str | None
    organisation_type: str | None
    place: str | None
    sector: str | None
    stage: str | None
    status: str | None
    year: int | None
    labels: Labels
    inferred: dict[str, float]
    contact: Contact
    evidence_level: int | None
    evidence_label: str | None
    evidence_sentences: list[str]
    has_pitfalls: bool | None


class Snippet(BaseModel):
    text: str
    marks: list[tuple[int, int]]
    section: str
    page: int | None


class Result(DocumentSummary):
    score: float
    snippet: Snippet
    reason: str | None = None


class SectionOut(BaseModel):
    heading: str
    text: str
    page: int | None


class Duplicate(BaseModel):
    id: str
    title: str
    similarity: float


class DocumentDetail(DocumentSummary):
    sections: list[SectionOut]
    tags: list[str]
    links: list[str]
    extra: dict[str, Any]
    possible_duplicates: list[Duplicate]
    ingested_at: str


class FacetOut(BaseModel):
    value: str | int | bool
    label: str
    count: int


class SearchResponse(BaseModel):
    query: str
    total: int
    limit: int
    offset: int
    own_sector: str | None
    own_sector_label: str | None
    own_sector_basis: SectorBasis | None = Field(
        description="How the panel's sector was known: named by the asker, the one sector "
        "filtered on, or assumed from the best results."
    )
    own_sector_reason: str | None = Field(description="Why that sector, in Danish.")
    results: list[Result]
    facets: dict[str, list[FacetOut]]
    inspiration: list[Result]


class RelatedResponse(BaseModel):
    document_id: str
    results: list[Result]


class EffectsResponse(BaseModel):
    query: str
    min_level: int
    total: int
    limit: int
    offset: int
    results: list[Result]


class IngestProblem(BaseModel):
    source: str
    problem: str


class IngestResponse(BaseModel):
    added: list[str]
    updated: list[str]
    unchanged: list[str]
    failed: list[IngestProblem]


def search_response(found: SearchResult) -> SearchResponse:
    return SearchResponse(
        query=found.query,
        total=found.total,
        limit=found.limit,
        offset=found.offset,
        own_sector=found.own_sector,
        own_sector_label=label("sector", found.own_sector),
        own_sector_basis=found.own_sector_basis,
        own_sector_reason=found.own_sector_reason,
        results=_results(found.hits),
        facets={
            name: [FacetOut(value=f.value, label=f.label, count=f.count) for f in entries]
            for name, entries in found.facets.items()
        },
        inspiration=_results(found.inspiration),
    )


def document_detail(
    doc: DocumentRecord, duplicates: list[tuple[str, str, float]]
) -> DocumentDetail:
    return DocumentDetail.model_validate(
        {
            **document_summary(doc),
            "sections": [
                SectionOut(heading=s.heading, text=s.text, page=s.page) for s in doc.sections
            ],
            "tags": doc.tags,
            "links": doc.links,
            "extra": doc.extra,
            "possible_duplicates": [
                Duplicate(id=other, title=title, similarity=similarity)
                for other, title, similarity in duplicates
            ],
            "ingested_at": doc.ingested_at,
        }
    )


def related_response(doc_id: str, hits: list[Hit]) -> RelatedResponse:
    return RelatedResponse(document_id=doc_id, results=_results(hits))


def effects_response(
    query: str | None, min_level: int, total: int, limit: int, offset: int, hits: list[Hit]
) -> EffectsResponse:
    return EffectsResponse(
        query=query or "",
        min_level=min_level,
        total=total,
        limit=limit,
        offset=offset,
        results=_results(hits),
    )


def ingest_response(report: IngestReport) -> IngestResponse:
    return IngestResponse(
        added=report.added,
        updated=report.updated,
        unchanged=report.unchanged,
        failed=[IngestProblem(source=s, problem=p) for s, p in report.failed],
    )


def _results(hits: list[Hit]) -> list[Result]:
    return [Result.model_validate(hit_json(h)) for h in hits]
