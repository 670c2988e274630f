"""Response models of the HTTP API (what OpenAPI shows) and their conversion from core objects.

A document's and a hit's fields come from innosearch.search.results, the shape the CLI prints too;
the models here declare and validate it.
"""

from dataclasses import fields
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from innosearch.alerts.saved import limits
from innosearch.documents import DocumentRecord
from innosearch.filters import Filters
from innosearch.index.saved import SavedMatch, SavedSearch
from innosearch.ingest.pipeline import IngestReport
from innosearch.search.results import (
    Facet,
    Hit,
    SearchResult,
    SectorBasis,
    document_summary,
    hit_json,
)
from innosearch.taxonomy import label, overview_title

FacetCounts = dict[str, list[Facet]]


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


class DocumentLinkOut(BaseModel):
    id: str
    title: str


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
    pitfall_sentences: list[str] = Field(
        description="What went wrong, in the case's own sentences, clearest first."
    )
    has_pitfalls: bool | None
    part_of: DocumentLinkOut | None = None


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
    parts: list[DocumentLinkOut] = []
    original: str | None = Field(
        None,
        description="Where the file the case was read from opens (`GET`), while it lies where "
        "it was read; None for a web page (its `source` is its address) or a file gone since.",
    )


class FacetOut(BaseModel):
    value: str | int | bool
    label: str
    count: int


class NoticeOut(BaseModel):
    code: Literal["no_content_words", "words_not_found"] = Field(
        description='`no_content_words`: the question holds no word to search by ("a", '
        '"Hvordan gør andre?"), so nothing was searched; `words_not_found`: no case uses any '
        "of its words, so the results were found by meaning alone."
    )
    message: str = Field(description="The same for the asker, in Danish.")


class SearchResponse(BaseModel):
    query: str = Field(description="What was searched: the question, its spelling corrected.")
    corrected_from: str | None = Field(
        None, description="The question as typed, when `query` corrected its spelling."
    )
    notice: NoticeOut | None = Field(
        None, description="What the search says about the question itself, when anything."
    )
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
    limits: list[str] = Field(
        description='The filters in force, in Danish (e.g. "Sektor: Ældre"), as a followed '
        "challenge shows them."
    )
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


class OverviewResponse(BaseModel):
    title: str
    total: int
    limit: int
    offset: int
    facets: dict[str, list[FacetOut]]
    results: list[Result]


class IngestProblem(BaseModel):
    source: str
    problem: str


class IngestResponse(BaseModel):
    added: list[str]
    updated: list[str]
    unchanged: list[str]
    failed: list[IngestProblem]
    warnings: list[IngestProblem] = Field(
        description="Documents stored with a stated value that fits no field value (set aside)."
    )


def search_response(found: SearchResult, filters: Filters) -> SearchResponse:
    return SearchResponse(
        query=found.query,
        corrected_from=found.corrected_from,
        notice=NoticeOut(code=found.notice.code, message=found.notice.message)
        if found.notice
        else None,
        total=found.total,
        limit=found.limit,
        offset=found.offset,
        own_sector=found.own_sector,
        own_sector_label=label("sector", found.own_sector),
        own_sector_basis=found.own_sector_basis,
        own_sector_reason=found.own_sector_reason,
        limits=filters.described(),
        results=_results(found.hits),
        facets=_facets(found.facets),
        inspiration=_results(found.inspiration),
    )


def overview_response(
    filters: Filters, total: int, limit: int, offset: int, hits: list[Hit], facets: FacetCounts
) -> OverviewResponse:
    return OverviewResponse(
        title=overview_title(filters.sector, filters.stage),
        total=total,
        limit=limit,
        offset=offset,
        facets=_facets(facets),
        results=_results(hits),
    )


def _facets(facets: FacetCounts) -> dict[str, list[FacetOut]]:
    return {
        name: [FacetOut(value=f.value, label=f.label, count=f.count) for f in entries]
        for name, entries in facets.items()
    }


def document_detail(
    doc: DocumentRecord, duplicates: list[tuple[str, str, float]], has_original: bool
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
            "parts": [DocumentLinkOut(id=link.id, title=link.title) for link in doc.parts],
            "original": f"/api/documents/{doc.id}/original" if has_original else None,
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
        warnings=[IngestProblem(source=s, problem=p) for s, p in report.warnings],
    )


def _results(hits: list[Hit]) -> list[Result]:
    return [Result.model_validate(hit_json(h)) for h in hits]


class SavedSearchRequest(BaseModel):
    """A challenge to follow: the text as one would search it, a name, the search's filters (the
    same as /api/search takes), an own sector and an e-mail."""

    # A misspelt filter ("sektor") would otherwise be dropped and the challenge followed
    # without it, with nothing to say so.
    model_config = ConfigDict(extra="forbid")

    query: str
    name: str = ""
    sector: list[str] = []
    stage: list[str] = []
    status: list[str] = []
    organisation_type: list[str] = []
    kind: list[str] = []
    year_from: int | None = None
    year_to: int | None = None
    min_level: int | None = None
    has_pitfalls: bool | None = None
    own_sector: str | None = None
    email: str | None = None

    def filters(self) -> Filters:
        return Filters(**self.model_dump(include={f.name for f in fields(Filters)}))


class SavedMatchItem(BaseModel):
    id: str
    title: str
    change: str
    rank: int
    found_at: str
    seen: bool  # found before the page last showed the challenge's matches


class SeenRequest(BaseModel):
    """How far the page showed the matches: the newest `found_at` it listed."""

    model_config = ConfigDict(extra="forbid")

    until: str


class SavedSearchResponse(BaseModel):
    id: str
    name: str
    query: str
    filters: dict[str, Any]
    own_sector: str | None
    limits: list[str]  # the filters and own sector in Danish, e.g. "Sektor: Ældre"
    created_at: str
    seen_at: str | None  # when the page last showed the matches (None: never)
    links: dict[str, str]
    new_since_last: list[SavedMatchItem]  # "Nyt siden sidst", newest first


def saved_search_response(saved: SavedSearch, matches: list[SavedMatch]) -> SavedSearchResponse:
    return SavedSearchResponse(
        id=saved.id,
        name=saved.name,
        query=saved.query,
        filters=saved.filters,
        own_sector=saved.own_sector,
        limits=limits(saved),
        created_at=saved.created_at,
        seen_at=saved.seen_at,
        links={
            "page": f"/fulgt/{saved.id}",
            "self": f"/api/saved/{saved.id}",
            "feed": f"/api/saved/{saved.id}/feed.xml",
        },
        new_since_last=[
            SavedMatchItem(
                id=m.document_id,
                title=m.title,
                change=m.change,
                rank=m.rank,
                found_at=m.found_at,
                seen=saved.seen_at is not None and m.found_at <= saved.seen_at,
            )
            for m in matches
        ],
    )


class TaxonomyValue(BaseModel):
    value: str | int  # the API value (evidence levels are numbers)
    label: str  # Danish


Taxonomy = dict[str, list[TaxonomyValue]]


class HealthResponse(BaseModel):
    status: str
    version: str
    documents: int | None  # None until the first snapshot of the store is taken
    generation: int | None  # grows with every change to the store
    model: str
    mail: bool = Field(
        description="Whether the server mails followed challenges' news (INNOSEARCH_SMTP_HOST "
        "is set); without it an `email` on `POST /api/saved` is refused."
    )


class StatsResponse(BaseModel):
    documents: int
    chunks: int
    by_kind: dict[str, int]
    by_sector: dict[str, int]  # "" for documents without one
    model: str
    embed_precision: str | None
    dim: int | None
    backend: str
    index_type: str
    schema_version: int
