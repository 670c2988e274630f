"""Documents from `innosearch export` (JSON Lines) back into a home: `innosearch import FILE`.

An export holds every field of a document, stated and inferred (with the classifiers'
confidences in `inferred`), and its sections, but no vectors: they depend on the model of the
home imported into. So each document is chunked and embedded again (the vector cache spares
texts embedded before) and stored with its id, source, content hash and fields as exported:
nothing is classified again, so the import gives the same documents and the same search results.
A line that cannot be read is reported by its number; the other lines are imported.
"""

import json
from dataclasses import fields
from pathlib import Path
from typing import Any

from innosearch.documents import DocumentLink, DocumentRecord, ParsedDocument, Section
from innosearch.errors import InnosearchError, ParseError
from innosearch.ingest.case_records import json_problem
from innosearch.ingest.pipeline import Ingestor, IngestReport, ProgressCallback

# Documents written per transaction: a killed import keeps what it had written, and the
# duplicate check of each write looks at the documents stored before it.
BATCH = 50

_REQUIRED = ("id", "source", "kind", "title", "sections")
_FIELDS = {f.name for f in fields(DocumentRecord)} - {"chunks"}


def import_documents(
    ingestor: Ingestor, path: Path, progress: ProgressCallback | None = None
) -> IngestReport:
    """Import every readable line of an export; problems are reported as `FILE:LINE`."""
    report = IngestReport()
    stored = ingestor.store.content_hashes()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        report.failed.append((str(path), f"filen er ikke UTF-8-tekst (byte {exc.start})"))
        return report
    except OSError as exc:
        report.failed.append((str(path), f"filen kan ikke læses ({exc.strerror or exc})"))
        return report
    batch: list[tuple[DocumentRecord, ParsedDocument]] = []

    def flush() -> None:
        if batch:
            ingestor.add_records(batch)
            batch.clear()

    for number, line in enumerate(lines, start=1):
        if progress:
            progress("Importerer dokumenter", number - 1, len(lines))
        if not line.strip():
            continue
        try:
            record, doc = _record(line)
        except InnosearchError as exc:
            report.failed.append((f"{path.name}:{number}", exc.message))
            continue
        (report.updated if record.source in stored else report.added).append(record.source)
        batch.append((record, doc))
        if len(batch) >= BATCH:
            flush()
    flush()
    if progress:
        progress("Importerer dokumenter", len(lines), len(lines))
    return report


def _record(line: str) -> tuple[DocumentRecord, ParsedDocument]:
    try:
        body = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ParseError(f"ikke gyldig JSON i kolonne {exc.colno}: {json_problem(exc)}") from exc
    if not isinstance(body, dict):
        raise ParseError("linjen er ikke et JSON-objekt fra 'innosearch export'")
    missing = [name for name in _REQUIRED if not body.get(name)]
    if missing:
        raise ParseError(f"mangler {', '.join(missing)} (er filen fra 'innosearch export'?)")
    sections = [_section(item) for item in _list(body, "sections")]
    values = {name: value for name, value in body.items() if name in _FIELDS}
    values["sections"] = sections
    # A report's cases are read from their own lines; a case keeps the id of its report.
    values.pop("parts", None)
    values["part_of"] = _link(body.get("part_of"))
    try:
        record = DocumentRecord(**values)
    except TypeError as exc:
        raise ParseError(f"felterne passer ikke til et dokument ({exc})") from exc
    doc = ParsedDocument(title=record.title, kind=record.kind, sections=sections)
    return record, doc


def _list(body: dict[str, Any], name: str) -> list[Any]:
    value = body.get(name)
    if not isinstance(value, list):
        raise ParseError(f"feltet {name} skal være en liste")
    return value


def _section(item: Any) -> Section:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise ParseError("et afsnit (sections) skal have en tekst")
    page = item.get("page")
    return Section(text=item["text"], heading=str(item.get("heading") or ""), page=page)


def _link(value: Any) -> DocumentLink | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("id"), str):
        raise ParseError("feltet part_of skal være et objekt med id og titel")
    return DocumentLink(id=value["id"], title=str(value.get("title") or ""))
