"""Query normalisation and the search request with its filters."""

import re
import unicodedata
from dataclasses import dataclass, field

from innosearch.errors import InvalidFilter, InvalidQuery
from innosearch.taxonomy import EVIDENCE_LEVELS, KINDS, TAXONOMIES

_SPACE = re.compile(r"\s+")


def normalise_query(text: str, max_chars: int) -> str:
    """NFC, collapsed whitespace, no control characters; refuses empty and over-long queries."""
    cleaned = "".join(
        ch for ch in unicodedata.normalize("NFC", text or "") if ch.isprintable() or ch.isspace()
    )
    cleaned = _SPACE.sub(" ", cleaned).strip()
    if not cleaned:
        raise InvalidQuery("Skriv en søgning: beskriv jeres udfordring med et par ord.")
    if len(cleaned) > max_chars:
        raise InvalidQuery(
            f"Søgningen er for lang ({len(cleaned)} tegn). Hold den under {max_chars} tegn."
        )
    return cleaned


@dataclass
class Filters:
    """Document filters; a list means 'any of these values'."""

    sector: list[str] = field(default_factory=list)
    organisation_type: list[str] = field(default_factory=list)
    stage: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    min_level: int | None = None
    has_pitfalls: bool | None = None

    def validate(self) -> None:
        choices = {**TAXONOMIES, "kind": KINDS}
        for name, allowed in choices.items():
            for value in getattr(self, name):
                if value not in allowed:
                    raise InvalidFilter(
                        f"Ukendt værdi '{value}' for {name}. Mulige værdier: {', '.join(allowed)}."
                    )
        if self.min_level is not None and self.min_level not in EVIDENCE_LEVELS:
            raise InvalidFilter("min_level skal være et tal fra 0 til 4.")
        if self.year_from and self.year_to and self.year_from > self.year_to:
            raise InvalidFilter("year_from skal være før eller lig med year_to.")

    def matches(self, doc: dict, skip: str | None = None) -> bool:
        """Whether a document's filterable values (see Store.document_facets) pass."""
        for name in ("sector", "organisation_type", "stage", "status", "kind"):
            wanted = getattr(self, name)
            if wanted and name != skip and doc[name] not in wanted:
                return False
        year = doc["year"]
        if self.year_from is not None and (year is None or year < self.year_from):
            return False
        if self.year_to is not None and (year is None or year > self.year_to):
            return False
        level = doc["evidence_level"]
        if self.min_level is not None and (level is None or level < self.min_level):
            return False
        pitfalls = doc["has_pitfalls"]
        return self.has_pitfalls is None or bool(pitfalls) == self.has_pitfalls

    @property
    def active(self) -> bool:
        return self != Filters()


@dataclass
class SearchRequest:
    query: str
    filters: Filters = field(default_factory=Filters)
    own_sector: str | None = None
    my_stage: str | None = None
    limit: int = 10
    offset: int = 0
