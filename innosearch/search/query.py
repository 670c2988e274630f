"""Query normalisation and the search request."""

import re
import unicodedata
from dataclasses import dataclass, field

from innosearch.errors import InvalidQuery
from innosearch.filters import Filters

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
class SearchRequest:
    query: str
    filters: Filters = field(default_factory=Filters)
    own_sector: str | None = None
    my_stage: str | None = None
    limit: int = 10
    offset: int = 0
