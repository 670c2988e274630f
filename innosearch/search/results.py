"""What a read returns (hits with their passage, facets, a whole search result) and its JSON."""

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from innosearch.documents import DocumentRecord
from innosearch.taxonomy import label


@dataclass
class Hit:
    """One document in a result list, with the passage that matched best."""

    document: DocumentRecord
    score: float
    section: str
    page: int | None
    snippet: str
    marks: list[tuple[int, int]]
    reason: str | None = None


@dataclass(frozen=True)
class QueryNotice:
    """What a search says about the question itself (`search/notice.py`)."""

    code: Literal["no_content_words", "words_not_found"]
    message: str  # in Danish, for the asker

    @property
    def searched(self) -> bool:
        """Whether results were sought at all: not for a question without content words."""
        return self.code != "no_content_words"


@dataclass
class Facet:
    value: str | int | bool
    label: str
    count: int


# How the asker's sector was known: named, the one sector filtered on, or assumed from the results.
SectorBasis = Literal["named", "filter", "results"]


@dataclass
class SearchResult:
    query: str
    total: int
    limit: int
    offset: int
    hits: list[Hit]
    facets: dict[str, list[Facet]]
    inspiration: list[Hit] = field(default_factory=list)
    own_sector: str | None = None
    own_sector_basis: SectorBasis | None = None
    own_sector_reason: str | None = None  # the same in Danish, for the panel
    corrected_from: str | None = None  # the question as typed, when `query` is its correction
    notice: QueryNotice | None = None  # nothing in the question to search by, or no word found


# The one JSON shape of a document in a listing and of a hit: the API's response models declare
# it for OpenAPI and validate it, the CLI prints it as is.


def document_summary(doc: DocumentRecord) -> dict[str, Any]:
    """A document's listing fields, with the Danish labels of its taxonomy values."""
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
        "labels": {
            "sector": label("sector", doc.sector),
            "stage": label("stage", doc.stage),
            "status": label("status", doc.status),
            "organisation_type": label("organisation_type", doc.organisation_type),
            "kind": label("kind", doc.kind),
        },
        "inferred": doc.inferred,
        "contact": {
            "name": doc.contact_name,
            "email": doc.contact_email,
            "phone": doc.contact_phone,
        },
        "evidence_level": doc.evidence_level,
        "evidence_label": label("evidence_level", doc.evidence_level),
        "evidence_sentences": doc.evidence_sentences,
        "has_pitfalls": doc.has_pitfalls,
        "pitfall_sentences": doc.pitfall_sentences,
        # The report a case was split from ("Del af rapporten …").
        "part_of": asdict(doc.part_of) if doc.part_of else None,
    }


def hit_json(hit: Hit) -> dict[str, Any]:
    """A hit: its document's summary, the score and the passage that matched."""
    return {
        **document_summary(hit.document),
        "score": round(hit.score, 6),
        "snippet": {
            "text": hit.snippet,
            "marks": hit.marks,
            "section": hit.section,
            "page": hit.page,
        },
        "reason": hit.reason,
    }
