"""Domain types shared by ingest, index and search."""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Section:
    """A titled part of a document: a template field of a case, a heading's text, a PDF page."""

    text: str
    heading: str = ""
    page: int | None = None
    # The headings of the chapters the section lies in, outermost first, where the parser knows
    # them (Markdown); read when a report is split into its cases, never stored.
    outline: tuple[str, ...] = field(default=(), compare=False)


@dataclass
class ParsedDocument:
    """What a source parser extracts from one source unit, before classification.

    `fields` holds stated metadata under the canonical keys of FIELD_KEYS; `extra` keeps fields
    the parser did not recognise, so nothing a source says is dropped.
    """

    title: str
    kind: str
    sections: list[Section]
    fields: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    # "#2" etc. when one file holds several documents (a CSV row, a JSON list item).
    source_suffix: str = ""
    # The source suffix of the report this document is a case of (ingest/report_cases.py).
    part_of_suffix: str | None = None
    # That report's title, for the link shown with the case.
    part_of_title: str = ""

    @property
    def text(self) -> str:
        return sections_text(self.sections)


def sections_text(sections: list[Section]) -> str:
    """A document's text: its sections, each under its heading, one blank line apart."""
    return "\n\n".join(f"{s.heading}\n{s.text}" if s.heading else s.text for s in sections)


# The section heading parsers give a document's summary (the template's "Beskriv innovationen").
SUMMARY_HEADING = "Resumé"

# Canonical metadata keys a parser may state in ParsedDocument.fields.
FIELD_KEYS = (
    "organisation",
    "organisation_type",
    "place",
    "sector",
    "stage",
    "status",
    "year",
    "contact_name",
    "contact_email",
    "contact_phone",
    "tags",
    "links",
)


@dataclass
class Inferred:
    """A classified value with the classifier's confidence (0..1)."""

    value: Any
    confidence: float


@dataclass
class FoundContact:
    """A contact person read from a document's text (classify/contact.py).

    `context` is the text around the contact, where the contact's organisation is named.
    """

    name: str | None
    email: str | None
    phone: str | None
    context: str
    confidence: float


@dataclass
class Classification:
    """What the classifiers concluded for one document; None where nothing could be said."""

    sector: Inferred | None = None
    stage: Inferred | None = None
    status: Inferred | None = None
    organisation_type: Inferred | None = None
    evidence_level: Inferred | None = None
    evidence_sentences: list[str] = field(default_factory=list)
    has_pitfalls: Inferred | None = None
    pitfall_sentences: list[str] = field(default_factory=list)  # what went wrong, clearest first
    # Who to call and their organisation, when the text names them and no field does.
    contact: FoundContact | None = None
    organisation: Inferred | None = None


@dataclass
class ChunkDraft:
    """A passage ready to embed: `text` is shown to users, `embed_text` is what is matched."""

    text: str
    section: str = ""
    page: int | None = None
    embed_text: str = ""


@dataclass
class StoredChunk:
    text: str
    section: str
    page: int | None
    embed_text: str
    vector: bytes  # float32, the index's dimension
    id: int | None = None


@dataclass
class DocumentLink:
    """Another document named by id and title (a case's report, a report's cases)."""

    id: str
    title: str


@dataclass
class DocumentRecord:
    """A document as stored: stated and inferred metadata, its sections and its chunks."""

    id: str
    source: str
    kind: str
    title: str
    text: str
    sections: list[Section]
    content_hash: str
    ingested_at: str
    organisation: str | None = None
    organisation_type: str | None = None
    place: str | None = None
    sector: str | None = None
    stage: str | None = None
    status: str | None = None
    year: int | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    evidence_level: int | None = None
    evidence_sentences: list[str] = field(default_factory=list)
    has_pitfalls: bool | None = None
    pitfall_sentences: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    # field name -> classifier confidence, for the values that were inferred, not stated
    inferred: dict[str, float] = field(default_factory=dict)
    # The report this document is a case of, and (for a report) the cases split from it.
    part_of: DocumentLink | None = None
    parts: list[DocumentLink] = field(default_factory=list)
    chunks: list[StoredChunk] = field(default_factory=list)
    # float32: the document's outline (title and own headings) embedded as a question; empty
    # until ingest embeds it (search/outline.py compares it with the question).
    outline_vector: bytes = b""
