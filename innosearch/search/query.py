"""Query normalisation and the search request."""

import re
import unicodedata
from dataclasses import dataclass, field

from innosearch.errors import InvalidQuery
from innosearch.filters import Filters
from innosearch.text.analysis import STOP_WORDS, tokens

_SPACE = re.compile(r"\s+")


def normalise_query(text: str, max_chars: int) -> str:
    """NFC, collapsed whitespace, no control characters; refuses empty and over-long queries."""
    cleaned = "".join(
        ch for ch in unicodedata.normalize("NFC", text or "") if ch.isprintable() or ch.isspace()
    )
    cleaned = _SPACE.sub(" ", cleaned).strip()
    # Punctuation alone ("?!..."), or bytes that were no text ("\ufffd"), ask nothing.
    if not any(ch.isalnum() for ch in cleaned):
        raise InvalidQuery("Skriv en søgning: beskriv jeres udfordring med et par ord.")
    if len(cleaned) > max_chars:
        raise InvalidQuery(
            f"Søgningen er for lang ({len(cleaned)} tegn). Hold den under {max_chars} tegn."
        )
    return cleaned


def topic_words(query: str) -> str:
    """The question's content words alone, in order: "ældre klare længere derhjemme"."""
    return " ".join(t for t in tokens(query) if t not in STOP_WORDS and len(t) > 1)


@dataclass
class SearchRequest:
    query: str
    filters: Filters = field(default_factory=Filters)
    own_sector: str | None = None
    my_stage: str | None = None
    limit: int = 10
    offset: int = 0
    as_typed: bool = False  # no spelling correction: the asker chose their own words
