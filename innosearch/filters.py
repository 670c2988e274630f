"""Document filters: what a search, the effect view and a vector backend restrict results to.

One definition for every layer: the API and CLI build it, the search core validates it, and the
vector backends push it down (the embedded ones as a boolean mask over columns of document
values, a distributed engine as its own filter expression).
"""

from dataclasses import dataclass, field

import numpy as np

from innosearch.errors import InvalidFilter
from innosearch.taxonomy import CHOICES, EVIDENCE_LEVELS, FIELD_NAMES, label, unknown_value

# Fields whose filter is "any of these values".
CHOICE_FIELDS = ("sector", "organisation_type", "stage", "status", "kind")
# The years a case can be from: a year outside was typed wrong (or is a probe of the API).
YEARS = range(1900, 2101)


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

    def __post_init__(self) -> None:
        # "aeldre" asked for twice is one filter, also when a followed challenge stores it.
        for name in CHOICE_FIELDS:
            setattr(self, name, list(dict.fromkeys(getattr(self, name))))

    def validate(self) -> None:
        for name, allowed in CHOICES.items():
            for value in getattr(self, name):
                if value not in allowed:
                    raise InvalidFilter(unknown_value(name, value))
        if self.min_level is not None and self.min_level not in EVIDENCE_LEVELS:
            raise InvalidFilter("min_level skal være et tal fra 0 til 4.")
        for which, year in (("Fra-året", self.year_from), ("Til-året", self.year_to)):
            if year is not None and year not in YEARS:
                raise InvalidFilter(
                    f"{which} ({year}) skal ligge mellem {YEARS[0]} og {YEARS[-1]}."
                )
        if self.year_from and self.year_to and self.year_from > self.year_to:
            raise InvalidFilter(
                f"Fra-året ({self.year_from}) skal være før eller lig med "
                f"til-året ({self.year_to})."
            )

    def matches(self, doc: dict, skip: str | None = None) -> bool:
        """Whether a document's filterable values (see Store.document_facets) pass."""
        for name in CHOICE_FIELDS:
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

    def mask(self, columns: "DocumentColumns") -> np.ndarray:
        """Which documents pass, as booleans over the rows of `columns` (no Python loop per row)."""
        keep = np.ones(columns.size, dtype=bool)
        for name in CHOICE_FIELDS:
            wanted = getattr(self, name)
            if wanted:
                keep &= np.isin(columns.values[name], np.asarray(wanted, dtype=object))
        year = columns.values["year"]
        if self.year_from is not None:
            keep &= year >= self.year_from  # a missing year is NaN, which never passes
        if self.year_to is not None:
            keep &= year <= self.year_to
        if self.min_level is not None:
            keep &= columns.values["evidence_level"] >= self.min_level
        if self.has_pitfalls is not None:
            keep &= (columns.values["has_pitfalls"] == 1) == self.has_pitfalls
        return keep

    @property
    def active(self) -> bool:
        return self != Filters()

    def described(self) -> list[str]:
        """Each active filter in Danish, e.g. "Sektor: Ældre, Sundhed", "Evidens: mindst 2"."""
        parts = [
            f"{FIELD_NAMES[name].capitalize()}: {', '.join(_shown(name, v) for v in values)}"
            for name in CHOICE_FIELDS
            if (values := getattr(self, name))
        ]
        if years := self._years():
            parts.append(f"År: {years}")
        if self.min_level is not None:
            parts.append(f"Evidens: mindst {self.min_level} ({EVIDENCE_LEVELS[self.min_level]})")
        if self.has_pitfalls is not None:
            parts.append(f"Faldgruber: {'beskrevet' if self.has_pitfalls else 'ikke beskrevet'}")
        return parts

    def _years(self) -> str | None:
        since, until = self.year_from, self.year_to
        if since is not None and until is not None:
            return f"{since}–{until}"
        if since is not None:
            return f"fra {since}"
        return None if until is None else f"til {until}"


def _shown(name: str, value: str) -> str:
    """A value's label; one the taxonomy no longer has (a followed challenge's, saved before it
    went) is named as gone, not shown as a bare key that reads as a working filter."""
    return label(name, value) or f"{value} (findes ikke længere)"


@dataclass
class DocumentColumns:
    """Filterable values of many documents as one array per field, row i = document `ids[i]`.

    Choice fields are object arrays (None where unknown); year and evidence level are floats
    (NaN where unknown); has_pitfalls is 1, 0 or -1 (unknown).
    """

    ids: list[str]
    values: dict[str, np.ndarray]

    @property
    def size(self) -> int:
        return len(self.ids)

    @classmethod
    def from_rows(cls, rows: dict[str, dict]) -> "DocumentColumns":
        """From {document id: {field: value}} as the store reads them."""
        ids = list(rows)
        values: dict[str, np.ndarray] = {
            name: np.array([rows[d][name] for d in ids], dtype=object) for name in CHOICE_FIELDS
        }
        for name in ("year", "evidence_level"):
            values[name] = np.array(
                [np.nan if rows[d][name] is None else rows[d][name] for d in ids], dtype=float
            )
        values["has_pitfalls"] = np.array(
            [-1 if rows[d]["has_pitfalls"] is None else int(rows[d]["has_pitfalls"]) for d in ids],
            dtype=np.int8,
        )
        return cls(ids, values)

    def __add__(self, other: "DocumentColumns") -> "DocumentColumns":
        """These documents' rows followed by `other`'s."""
        values = {name: np.concatenate([v, other.values[name]]) for name, v in self.values.items()}
        return DocumentColumns(self.ids + other.ids, values)
