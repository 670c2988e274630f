"""Exports for analysts: effect rows as CSV, every document as JSON Lines."""

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import asdict

from innosearch.documents import DocumentRecord
from innosearch.search.results import Hit
from innosearch.taxonomy import label

EFFECT_COLUMNS = (
    "titel",
    "organisation",
    "organisationstype",
    "sektor",
    "fase",
    "status",
    "år",
    "evidensniveau",
    "evidens",
    "evidenssætninger",
    "kontaktperson",
    "email",
    "telefon",
    "kilde",
    "id",
    "del af rapporten",
    "rapportens id",
)


# A cell starting with one of these is read as a formula by Excel, LibreOffice and Google
# Sheets: a phone number "+45 …" shows as an error, and a title "=HYPERLINK(…)" from a crawled
# page would run. An apostrophe first makes the spreadsheet read the cell as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def effects_csv(hits: list[Hit]) -> bytes:
    """One row per case, `;`-separated and UTF-8 with BOM, as Danish Excel opens it (æøå
    intact); a text cell that a spreadsheet would read as a formula starts with an apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(EFFECT_COLUMNS)
    for hit in hits:
        writer.writerow([_as_text(cell) for cell in _effect_row(hit)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _as_text(cell: object) -> object:
    """The cell as a spreadsheet shows it: never a formula."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def _effect_row(hit: Hit) -> tuple[object, ...]:
    d = hit.document
    return (
        d.title,
        d.organisation or "",
        label("organisation_type", d.organisation_type) or "",
        label("sector", d.sector) or "",
        label("stage", d.stage) or "",
        label("status", d.status) or "",
        d.year or "",
        d.evidence_level if d.evidence_level is not None else "",
        label("evidence_level", d.evidence_level) or "",
        " | ".join(d.evidence_sentences),
        d.contact_name or "",
        d.contact_email or "",
        d.contact_phone or "",
        d.source,
        d.id,
        d.part_of.title if d.part_of else "",
        d.part_of.id if d.part_of else "",
    )


def document_json(doc: DocumentRecord) -> str:
    """One document with all its fields, stated and inferred, as one JSON line."""
    body = asdict(doc)
    body.pop("chunks")
    body.pop("outline_vector")
    body["labels"] = {
        name: label(name, getattr(doc, name))
        for name in ("sector", "stage", "status", "organisation_type", "evidence_level", "kind")
    }
    return json.dumps(body, ensure_ascii=False)


def documents_jsonl(docs: Iterable[DocumentRecord]) -> Iterable[str]:
    return (document_json(d) for d in docs)
