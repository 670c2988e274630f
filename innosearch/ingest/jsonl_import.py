"""Documents from `innosearch export` (JSON Lines) back into a home: `innosearch import FILE`.

An export holds every field of a document, stated and inferred (with the classifiers'
confidences in `inferred`), and its sections, but no vectors: they depend on the model of the
home imported into. So each document is chunked and embedded again (the vector cache spares
texts embedded before) and stored with its id, source, content hash and fields as exported:
nothing is classified again, so the import gives the same documents and the same search results.
A line that cannot be read, or holds a value no document can have (a sector outside the
taxonomy, a year that is no year), is reported by its number; the other lines are imported.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, BinaryIO

from innosearch.documents import DocumentLink, DocumentRecord, ParsedDocument, Section
from innosearch.errors import InnosearchError, ParseError
from innosearch.ingest.base import access_problem
from innosearch.ingest.case_records import json_problem, load_json
from innosearch.ingest.pipeline import Ingestor, IngestReport, ProgressCallback
from innosearch.taxonomy import EVIDENCE_LEVELS, KINDS, TAXONOMIES

# Documents written per transaction: a killed import keeps what it had written, and the
# duplicate check of each write looks at the documents stored before it.
BATCH = 50

_REQUIRED = ("id", "source", "kind", "title", "sections")
# Present in every export, but may be empty.
_PRESENT = ("text", "content_hash", "ingested_at")
_FIELDS = {f.name for f in fields(DocumentRecord)} - {"chunks", "outline_vector"}
_OPTIONAL_TEXT = ("organisation", "place", "contact_name", "contact_email", "contact_phone")
_TEXT_LISTS = ("evidence_sentences", "pitfall_sentences", "tags", "links")
_TAXONOMY_FIELDS = ("sector", "stage", "status", "organisation_type")
_YEARS = range(1800, 2101)  # as case records accept them (taxonomy.parse_year)


@dataclass
class _Line:
    """A readable line of the export, as much of it as ordering and checking need.

    The import reads the file twice: once to check every line and learn the order to write in,
    once to write, a batch at a time. Only these are kept in between, so an export larger than
    the memory imports as well as a small one.
    """

    number: int
    offset: int  # of the line's first byte in the file
    id: str
    part_of: DocumentLink | None
    parts: list[str]  # a report's cases' ids, in order


def import_documents(
    ingestor: Ingestor, path: Path, progress: ProgressCallback | None = None
) -> IngestReport:
    """Import every readable line of an export; problems are reported as `FILE:LINE`."""
    report = IngestReport()
    try:
        with path.open("rb") as file:
            if not file.seekable():  # read twice: checked, then written by offset
                report.failed.append((str(path), _NOT_SEEKABLE))
                return report
            lines = _readable(file, path.name, report)
            if lines is None:
                report.failed.append((str(path), _NOT_TEXT))
                return report
            _warn_of_missing_reports(ingestor, lines, path.name, report)
            _write(ingestor, file, _write_order(lines), report, progress)
    except OSError as exc:
        report.failed.append((str(path), access_problem(exc)))
    return report


_NOT_TEXT = "filen er ikke UTF-8-tekst (er den fra 'innosearch export'?)"
_NOT_SEEKABLE = (
    "importen læser filen to gange og kan ikke læse fra en pipe; gem eksporten i en fil først "
    "(innosearch export > alle.jsonl)"
)


def _raw_lines(file: BinaryIO) -> Iterator[tuple[int, int, bytes]]:
    """(number, offset, bytes) of each line; only "\n" ends one.

    Not str.splitlines: a text may hold U+2028 or U+0085, which an export keeps as they are
    (JSON leaves them unescaped) and which splitlines would take for line ends.
    """
    file.seek(0)
    offset = 0
    for number, raw in enumerate(file, start=1):
        yield number, offset, raw
        offset += len(raw)


def _readable(file: BinaryIO, name: str, report: IngestReport) -> list[_Line] | None:
    """Every line checked, in file order; the others are reported by number. None when the
    file does not even begin as UTF-8 text."""
    lines: list[_Line] = []
    for number, offset, raw in _raw_lines(file):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if number == 1:  # not an export at all (a picture, a spreadsheet)
                return None
            problem = f"linjen er ikke UTF-8-tekst (byte {exc.start + 1} i linjen)"
            report.failed.append((f"{name}:{number}", problem))
            continue
        if not line.strip():
            continue
        try:
            record, _ = _record(line)
        except InnosearchError as exc:
            report.failed.append((f"{name}:{number}", exc.message))
            continue
        parts = [link.id for link in record.parts]
        lines.append(_Line(number, offset, record.id, record.part_of, parts))
    return lines


def _write(
    ingestor: Ingestor,
    file: BinaryIO,
    lines: list[_Line],
    report: IngestReport,
    progress: ProgressCallback | None,
) -> None:
    """Write the lines in `lines`' order, BATCH at a time, skipping documents the home has.

    A case of a report that is written is written too, as writing the report replaces them;
    reports come first, so whether a case's report was written is known when the case is read.
    """
    written: set[str] = set()
    for start in range(0, len(lines), BATCH):
        if progress:
            progress("Importerer dokumenter", start, len(lines))
        batch = [_record(_line_at(file, line.offset)) for line in lines[start : start + BATCH]]
        ids = [record.id for record, _ in batch]
        stored = ingestor.store.documents(ids)
        known = ingestor.store.known_sources([record.source for record, _ in batch])
        todo = []
        for record, doc in batch:
            report_written = record.part_of is not None and record.part_of.id in written
            if stored.get(record.id) == record and not report_written:
                report.unchanged.append(record.source)
                continue
            (report.updated if record.source in known else report.added).append(record.source)
            written.add(record.id)
            todo.append((record, doc))
        if todo:
            ingestor.add_records(todo)
    if progress:
        progress("Importerer dokumenter", len(lines), len(lines))


def _line_at(file: BinaryIO, offset: int) -> str:
    file.seek(offset)
    return file.readline().decode("utf-8")


def _write_order(lines: list[_Line]) -> list[_Line]:
    """Reports first, then the cases, each report's in its own order (its `parts`).

    Wherever the lines stand in the file: writing a report replaces the cases stored under it,
    so a case written before its report would be deleted again, and a report lists its cases
    in the order they were written.
    """
    place = {case: i for line in lines for i, case in enumerate(line.parts)}
    return sorted(
        lines,
        key=lambda line: (line.part_of is not None, place.get(line.id, len(place)), line.number),
    )


def _warn_of_missing_reports(
    ingestor: Ingestor, lines: list[_Line], name: str, report: IngestReport
) -> None:
    """A case whose report is neither in the file nor in the home links to nothing."""
    ids = {line.id for line in lines}
    outside = [line.part_of.id for line in lines if line.part_of and line.part_of.id not in ids]
    stored = ingestor.store.documents(outside)
    for line in lines:
        link = line.part_of
        if link and link.id not in ids and link.id not in stored:
            report.warnings.append(
                (
                    f"{name}:{line.number}",
                    f"rapporten '{link.title}' ({link.id}), som sagen er en del af, findes "
                    "hverken i filen eller i hjemmet; linket til den virker ikke",
                )
            )


def _record(line: str) -> tuple[DocumentRecord, ParsedDocument]:
    try:
        body = load_json(line)
    except json.JSONDecodeError as exc:
        raise ParseError(f"ikke gyldig JSON i kolonne {exc.colno}: {json_problem(exc)}") from exc
    if not isinstance(body, dict):
        raise ParseError("linjen er ikke et JSON-objekt fra 'innosearch export'")
    missing = [name for name in _REQUIRED if not body.get(name)]
    missing += [name for name in _PRESENT if name not in body]
    if missing:
        raise ParseError(f"mangler {', '.join(missing)} (er filen fra 'innosearch export'?)")
    sections = [_section(item) for item in _list(body, "sections")]
    values = {name: value for name, value in body.items() if name in _FIELDS}
    _check_values(values)
    values["sections"] = sections
    # A report's cases are read from their own lines (the store lists them from there); its
    # `parts` only give the order to write them in. A case keeps the id of its report.
    values["parts"] = [_document_link(item, "parts") for item in _list(body, "parts", [])]
    values["part_of"] = _link(body.get("part_of"))
    record = DocumentRecord(**values)
    doc = ParsedDocument(title=record.title, kind=record.kind, sections=sections)
    return record, doc


def _check_values(values: dict[str, Any]) -> None:
    """Refuse, naming the field, a value the export never writes: the store and every read
    rely on these types and taxonomy keys, so one such value must not reach the home."""
    checks: dict[str, tuple[Callable[[Any], bool], str]] = {
        **{name: (_is_text, "skal være en tekst") for name in ("id", "source", "title")},
        **{name: (_is_text, "skal være en tekst") for name in _PRESENT},
        **{name: (_is_optional_text, "skal være en tekst eller null") for name in _OPTIONAL_TEXT},
        **{name: (_is_text_list, "skal være en liste af tekster") for name in _TEXT_LISTS},
        **{name: _taxonomy_check(name) for name in _TAXONOMY_FIELDS},
        "kind": (
            lambda v: isinstance(v, str) and v in KINDS,
            f"skal være en af {', '.join(KINDS)}",
        ),
        "year": (
            lambda v: v is None or (_is_int(v) and v in _YEARS),
            f"skal være et årstal fra {_YEARS.start} til {_YEARS.stop - 1} eller null",
        ),
        "evidence_level": (
            lambda v: v is None or (_is_int(v) and v in EVIDENCE_LEVELS),
            "skal være et helt tal fra 0 til 4 eller null",
        ),
        "has_pitfalls": (
            lambda v: v is None or isinstance(v, bool),
            "skal være true, false eller null",
        ),
        "extra": (lambda v: isinstance(v, dict), "skal være et objekt"),
        "inferred": (
            lambda v: isinstance(v, dict) and all(_is_number(x) for x in v.values()),
            "skal være et objekt med et tal (klassifikationens sikkerhed) pr. felt",
        ),
    }
    for name, (valid, problem) in checks.items():
        if name in values and not valid(values[name]):
            shown = json.dumps(values[name], ensure_ascii=False)
            raise ParseError(f"feltet {name} {problem}, ikke {_shorten(shown)}")


def _taxonomy_check(name: str) -> tuple[Callable[[Any], bool], str]:
    keys = TAXONOMIES[name]
    return (
        lambda v: v is None or (isinstance(v, str) and v in keys),
        f"skal være en af {', '.join(keys)} eller null",
    )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _is_optional_text(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _list(body: dict[str, Any], name: str, missing: Any = None) -> list[Any]:
    value = body.get(name, missing)
    if not isinstance(value, list):
        raise ParseError(f"feltet {name} skal være en liste")
    return value


def _section(item: Any) -> Section:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise ParseError("et afsnit (sections) skal have en tekst")
    page = item.get("page")
    if page is not None and not _is_int(page):
        shown = json.dumps(page, ensure_ascii=False)
        raise ParseError(
            f"et afsnit (sections): page skal være et helt tal eller null, ikke {shown}"
        )
    return Section(text=item["text"], heading=str(item.get("heading") or ""), page=page)


def _link(value: Any) -> DocumentLink | None:
    return None if value is None else _document_link(value, "part_of")


def _document_link(value: Any, name: str) -> DocumentLink:
    if not isinstance(value, dict) or not isinstance(value.get("id"), str):
        raise ParseError(f"feltet {name} skal bestå af objekter med id og titel")
    return DocumentLink(id=value["id"], title=str(value.get("title") or ""))
