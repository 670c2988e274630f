"""What a read returns: hits with their passage, facets, and a whole search result."""

from dataclasses import dataclass, field

from innosearch.documents import DocumentRecord


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


@dataclass
class Facet:
    value: object
    label: str
    count: int


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
