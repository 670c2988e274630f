"""Saved searches and the matches recorded for them, as the store keeps them."""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class SavedSearch:
    """A followed challenge; `id` is its secret token, the only key to it."""

    id: str
    name: str
    query: str
    max_rank: int
    created_at: str
    filters: dict[str, Any] = field(default_factory=dict)
    own_sector: str | None = None
    email: str | None = None
    seen_at: str | None = None  # matches found up to then were shown on its page


@dataclass
class SavedMatch:
    """A new or changed document that ranked within a saved search's cut."""

    document_id: str
    title: str
    change: str  # "new" or "changed"
    rank: int
    found_at: str
    mailed_at: str | None = None
