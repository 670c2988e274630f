"""Response models of the HTTP API and their conversion from core objects."""

from typing import Any

from pydantic import BaseModel

from innosearch.documents import DocumentRecord
from innosearch.search.results import Facet, Hit
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
    results: list[Result]
    facets: dict[str, list[FacetOut]]
    inspiration: list[Result]


def summary_fields(doc: DocumentRecord) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.title,
        "kind": doc.kind,
        "source": doc.source,
        "organisation": doc.organisation,
        "organisation_type": doc.organisation_type,
        "place": doc.place,
        "sector": doc.sector,
        "stage": doc.stage,
        "status": doc.status,
        "year": doc.year,
        "labels": Labels(
            sector=label("sector", doc.sector),
            stage=label("stage", doc.stage),
            status=label("status", doc.status),
            organisation_type=label("organisation_type", doc.organisation_type),
            kind=label("kind", doc.kind),
        ),
        "inferred": doc.inferred,
        "contact": Contact(name=doc.contact_name, email=doc.contact_email, phone=doc.contact_phone),
        "evidence_level": doc.evidence_level,
        "evidence_label": label("evidence_level", doc.evidence_level),
        "evidence_sentences": doc.evidence_sentences,
        "has_pitfalls": doc.has_pitfalls,
    }


def result(hit: Hit) -> Result:
    return Result(
        **summary_fields(hit.document),
        score=round(hit.score, 6),
        snippet=Snippet(text=hit.snippet, marks=hit.marks, section=hit.section, page=hit.page),
        reason=hit.reason,
    )


def facets(found: dict[str, list[Facet]]) -> dict[str, list[FacetOut]]:
    return {
        name: [FacetOut(value=f.value, label=f.label, count=f.count) for f in entries]
        for name, entries in found.items()
    }


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
