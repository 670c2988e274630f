"""Facet counts: how many of the result documents have each value of each filterable field."""

from collections import Counter

import numpy as np

from innosearch.search.corpus import Snapshot
from innosearch.search.results import Facet
from innosearch.taxonomy import FACET_FIELDS, label


def count_facets(snapshot: Snapshot, doc_ids: list[str]) -> dict[str, list[Facet]]:
    rows = np.fromiter((snapshot.row_of[d] for d in doc_ids), dtype=np.int64, count=len(doc_ids))
    columns = snapshot.table.documents.values
    return {name: _facet(name, columns[name][rows]) for name in FACET_FIELDS}


def _facet(name: str, values: np.ndarray) -> list[Facet]:
    entries = []
    for value, count in Counter(values.tolist()).items():
        known = _known(name, value)
        if known is None:
            continue
        entries.append(Facet(known, _label(name, known), count))
    entries.sort(key=lambda f: (-f.count, str(f.value)))
    return entries


def _known(name: str, value: object) -> str | int | bool | None:
    """The API value of a column entry; None where the document has no value."""
    if name == "has_pitfalls":
        return None if value == -1 else bool(value)
    if isinstance(value, float):
        return None if value != value else int(value)  # NaN marks a missing number
    return value if isinstance(value, str | int) else None


def _label(name: str, value: object) -> str:
    if name == "has_pitfalls":
        return "Beskriver faldgruber" if value else "Ingen faldgruber beskrevet"
    return label(name, value) or str(value)
