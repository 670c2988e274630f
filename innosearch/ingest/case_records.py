"""Case records in the Danish sharing template ("Beskriv innovationen"): JSON, JSON Lines, CSV.

Keys are matched case-insensitively, in English or Danish, with or without æøå ("løsning",
"loesning", "Løsning"). Text fields become sections in template order; metadata goes to
`fields` under FIELD_KEYS; everything unrecognised is kept in `extra`.
"""

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from innosearch.documents import SUMMARY_HEADING, ParsedDocument, Section
from innosearch.errors import ParseError
from innosearch.ingest.base import (
    NO_LIMITS,
    DocumentList,
    ParseLimits,
    read_bytes,
    summarise_problems,
)
from innosearch.ingest.decode import decode_bytes
from innosearch.taxonomy import TAXONOMIES
from innosearch.text.normalise import clean_line, clean_text, label_key

# Template text fields in template order, with the Danish heading each section gets.
TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("summary", SUMMARY_HEADING),
    ("challenge", "Udfordring"),
    ("solution", "Løsning"),
    ("process", "Proces"),
    ("pitfalls", "Faldgruber"),
    ("effect", "Effekt"),
    ("resources", "Ressourcer"),
    ("obstacles", "Benspænd"),
    ("reusable", "Det kan genbruges"),
)
HEADINGS = dict(TEXT_FIELDS)

# Canonical name -> accepted keys, compared after `label_key` (lowercase, æ->ae, ø->oe, å->aa).
_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "titel", "overskrift", "projektnavn", "projekttitel", "casetitel"),
    "organisation": (
        "organisation",
        "organization",
        "org",
        "organisationsnavn",
        "myndighed",
        "kommune",
    ),
    "organisation_type": (
        "organisation_type",
        "organization_type",
        "organisationstype",
        "org_type",
        "myndighedstype",
        "type_organisation",
    ),
    "place": ("place", "sted", "lokation", "location", "by", "geografi"),
    "contact": ("contact", "kontakt", "kontaktperson", "contact_person"),
    "contact_name": ("contact_name", "kontaktperson_navn", "kontakt_navn", "kontaktnavn"),
    "contact_email": (
        "contact_email",
        "email",
        "e_mail",
        "mail",
        "emailadresse",
        "e_mailadresse",
        "kontakt_email",
        "kontakt_mail",
        "kontakt_e_mail",
    ),
    "contact_phone": (
        "contact_phone",
        "phone",
        "telefon",
        "tlf",
        "telefonnummer",
        "mobil",
        "kontakt_telefon",
        "kontakt_tlf",
    ),
    "summary": ("summary", "resume", "opsummering", "kort_beskrivelse", "abstract", "beskrivelse"),
    "challenge": ("challenge", "udfordring", "udfordringen", "problem", "udfordringer"),
    "solution": ("solution", "loesning", "losning", "loesningen", "losningen"),
    "process": ("process", "proces", "processen", "forloeb"),
    "pitfalls": ("pitfalls", "faldgruber", "faldgrube", "faldgruberne"),
    "effect": ("effect", "effects", "effekt", "effekter", "effekten", "resultater", "results"),
    "resources": ("resources", "ressourcer", "ressourceforbrug", "oekonomi"),
    "obstacles": ("obstacles", "benspaend", "barrierer", "barriers", "forhindringer"),
    "reusable": (
        "reusable",
        "reusable_parts",
        "genbrug",
        "kan_genbruges",
        "det_kan_genbruges",
        "genbrugelige_dele",
        "genbrugelighed",
    ),
    "status": ("status",),
    "stage": ("stage", "fase", "innovationsfase"),
    "year": ("year", "aar", "aarstal", "ar", "arstal", "startaar"),
    "tags": ("tags", "tag", "noegleord", "nogleord", "keywords", "emneord"),
    "links": ("links", "link", "url", "urls", "hjemmeside", "website"),
    "sector": ("sector", "sektor", "omraade", "fagomraade", "sektorer"),
}
_KEY_TO_CANONICAL = {alias: canon for canon, aliases in _ALIASES.items() for alias in aliases}

# Lists of cases inside a JSON object: {"cases": [...]}.
_CONTAINER_KEYS = ("cases", "sager", "cases_list", "records", "items", "data")

# Values that are not taxonomy labels but mean the same thing.
_TAXONOMY_SYNONYMS: dict[str, dict[str, str]] = {
    "status": {
        "i_gang": "igangvaerende",
        "igang": "igangvaerende",
        "aktiv": "igangvaerende",
        "ongoing": "igangvaerende",
        "in_progress": "igangvaerende",
        "faerdig": "afsluttet",
        "afsluttede": "afsluttet",
        "gennemfoert": "afsluttet",
        "completed": "afsluttet",
        "finished": "afsluttet",
        "done": "afsluttet",
    },
    "organisation_type": {
        "kommunal": "kommune",
        "kommuner": "kommune",
        "municipality": "kommune",
        "regional": "region",
        "regioner": "region",
        "statslig": "stat",
        "staten": "stat",
        "state": "stat",
        "styrelse": "stat",
        "ministerium": "stat",
        "other": "andet",
    },
    "sector": {
        "aeldreomraadet": "aeldre",
        "aeldrepleje": "aeldre",
        "elderly": "aeldre",
        "health": "sundhed",
        "sundhedsomraadet": "sundhed",
        "socialomraadet": "social",
        "handicap": "social",
        "boern": "boern_unge",
        "unge": "boern_unge",
        "dagtilbud": "boern_unge",
        "skole": "skole",
        "uddannelse": "skole",
        "klima": "klima_miljoe",
        "miljoe": "klima_miljoe",
        "teknik": "teknik_trafik",
        "trafik": "teknik_trafik",
        "kultur": "kultur_fritid",
        "fritid": "kultur_fritid",
        "digitalisering": "administration",
        "beredskab": "politi_beredskab",
        "politi": "politi_beredskab",
    },
    "stage": {},
}

_MONTHS_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_RE = re.compile(r"(?:\+\d{2}[ ]?)?\d{2}(?:[ ]?\d{2}){3}\b|\+?\d[\d ]{6,}\d")


def canonical_key(key: str) -> str | None:
    """The template field a source key means, or None when unknown."""
    return _KEY_TO_CANONICAL.get(label_key(key))


def taxonomy_key(field: str, value: Any) -> str | None:
    """Map a stated value to its taxonomy key via key, Danish label or a known synonym."""
    if not isinstance(value, str) or not value.strip():
        return None
    folded = label_key(value)
    taxonomy = TAXONOMIES[field]
    for key, label in taxonomy.items():
        if folded in (key, label_key(label)):
            return key
    return _TAXONOMY_SYNONYMS.get(field, {}).get(folded)


def parse_year(value: Any) -> int | None:
    """Year from 2021, 2021.0, "2021", "2021-05-01", "maj 2021"; None when there is none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and 1800 <= value <= 2100 and float(value).is_integer():
        return int(value)
    if isinstance(value, str):
        m = _MONTHS_RE.search(value)
        if m:
            return int(m.group(1))
    return None


def as_str_list(value: Any, pattern: str = r"[,;\n|]") -> list[str]:
    """A list of non-empty strings from a list or a delimited string, order kept, no repeats."""
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else re.split(pattern, str(value))
    out: list[str] = []
    for item in items:
        if item is None or isinstance(item, dict | list):
            continue
        text = clean_line(str(item))
        if text and text not in out:
            out.append(text)
    return out


def _text_value(value: Any) -> str:
    """Template text from a string, a number or a list of strings (list items as lines)."""
    if value is None:
        return ""
    if isinstance(value, list):
        items = [clean_line(str(v)) for v in value if v is not None and not isinstance(v, dict)]
        return "\n".join(f"- {item}" for item in items if item)
    if isinstance(value, dict):
        return ""
    return clean_text(str(value))


def _one_line(value: Any) -> str:
    """A short stated value as one line: a list's items joined ("Fjordby Kommune, Søby
    Kommune"), not the list's repr; "" for an object."""
    if isinstance(value, dict):
        return ""
    return ", ".join(as_str_list(value)) if isinstance(value, list) else clean_line(str(value))


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and not value)


def _split_contact_string(text: str) -> dict[str, str]:
    """ "Anna Jensen, aj@x.dk, 12 34 56 78" -> name, email, phone."""
    out: dict[str, str] = {}
    email = _EMAIL_RE.search(text)
    if email:
        out["contact_email"] = email.group()
        text = text.replace(email.group(), " ")
    phone = _PHONE_RE.search(text)
    if phone:
        out["contact_phone"] = " ".join(phone.group().split())
        text = text.replace(phone.group(), " ")
    name = clean_line(re.sub(r"[,;/()|]|\b(?:tlf|telefon|mail|e-mail|email)\b[.:]?", " ", text))
    if name:
        out["contact_name"] = name
    return out


def apply_metadata(key: str, value: Any, fields: dict[str, Any], extra: dict[str, Any]) -> bool:
    """Put one metadata value into `fields` (normalised) or `extra`; False if not metadata.

    Shared with Markdown front matter. Stated values that do not fit (an unknown status, a year
    without digits) are kept in `extra` under the canonical name rather than dropped or guessed.
    """
    if label_key(key) in ("date", "dato"):
        # A document date gives its year ("3. marts 2024"); the full date is kept as stated.
        year = parse_year(str(value))
        if year is not None:
            fields.setdefault("year", year)
        extra[key] = str(value)
        return True
    canon = canonical_key(key)
    if canon is None or canon == "title" or canon in HEADINGS:
        return False
    if _is_empty(value):
        return True
    if canon == "contact":
        if isinstance(value, dict):
            for sub_key, sub_value in value.items():
                sub = label_key(str(sub_key))
                target = {
                    "name": "contact_name",
                    "navn": "contact_name",
                    "email": "contact_email",
                    "e_mail": "contact_email",
                    "mail": "contact_email",
                    "phone": "contact_phone",
                    "telefon": "contact_phone",
                    "tlf": "contact_phone",
                }.get(sub)
                if target and _one_line(sub_value):
                    fields.setdefault(target, _one_line(sub_value))
                elif not _is_empty(sub_value):
                    extra.setdefault("contact", {})[str(sub_key)] = sub_value
        else:
            for target, text in _split_contact_string(_one_line(value)).items():
                fields.setdefault(target, text)
        return True
    if canon in ("organisation", "place", "contact_name", "contact_email", "contact_phone"):
        if text := _one_line(value):
            fields[canon] = text
        elif isinstance(value, dict):  # {"navn": …}: kept as stated, never stored as its repr
            extra[canon] = value
    elif canon in TAXONOMIES:
        key_value = taxonomy_key(canon, value)
        if key_value:
            fields[canon] = key_value
        else:
            extra[canon] = value
    elif canon == "year":
        year = parse_year(value)
        if year is not None:
            fields["year"] = year
        else:
            extra["year"] = value
    elif canon == "tags":
        tags = as_str_list(value)
        if tags:
            fields["tags"] = tags
    elif canon == "links":
        links = as_str_list(value, r"[\s,;|]+")
        if links:
            fields["links"] = links
    return True


# The stated fields a value may not fit, with their Danish names for the warning.
_CHECKED_FIELDS = {
    "sector": "sektor",
    "stage": "fase",
    "status": "status",
    "organisation_type": "organisationstype",
    "year": "år",
}


def stated_value_problems(doc: ParsedDocument) -> list[str]:
    """A case record's stated values that fit no field value, kept aside (see apply_metadata).

    Only case records: a page's front matter often says "status: Udkast" of the page itself.
    """
    if doc.kind != "case":
        return []
    problems = []
    for canon, name in _CHECKED_FIELDS.items():
        if canon not in doc.extra or canon in doc.fields:
            continue
        stated = doc.extra[canon]
        if canon == "year":
            problems.append(
                f"feltet {name} ({canon}): '{stated}' er intet årstal; året er ikke sat"
            )
        else:
            known = ", ".join(TAXONOMIES[canon].values())
            problems.append(
                f"feltet {name} ({canon}): ukendt værdi '{stated}'; {name} er udledt af teksten "
                f"(mulige værdier: {known})"
            )
    return problems


def record_to_document(record: dict[str, Any]) -> ParsedDocument:
    """One case object -> a document; ParseError when it has no title or no text."""
    title = ""
    texts: dict[str, str] = {}
    fields: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for raw_key, value in record.items():
        key = str(raw_key)
        canon = canonical_key(key)
        if canon == "title":
            if isinstance(value, list | dict):  # stored as "['a', 'list']" it would mislead
                raise ParseError(f"titlen ({key}) skal være tekst, ikke en liste eller et objekt")
            title = clean_line(str(value)) if not _is_empty(value) else ""
        elif canon in HEADINGS:
            text = _text_value(value)
            if text:
                # Two keys for one field ("resume" and "opsummering"): keep both texts.
                texts[canon] = f"{texts[canon]}\n\n{text}" if canon in texts else text
            elif not _is_empty(value):
                extra[key] = value
        elif not apply_metadata(key, value, fields, extra) and not _is_empty(value):
            extra[key] = value
    if not title:
        raise ParseError("mangler titel")
    sections = [
        Section(text=texts[name], heading=heading) for name, heading in TEXT_FIELDS if name in texts
    ]
    if not sections:
        raise ParseError("har ingen tekst (fx resumé, udfordring eller løsning)")
    return ParsedDocument(title=title, kind="case", sections=sections, fields=fields, extra=extra)


class CaseRecordParser:
    """JSON, JSON Lines and CSV files of case records."""

    kind = "case"
    suffixes = (".json", ".jsonl", ".csv")

    def parse(self, path: Path, limits: ParseLimits = NO_LIMITS) -> list[ParsedDocument]:
        text = decode_bytes(read_bytes(path))
        if not text.strip():
            raise ParseError("filen er tom")
        suffix = path.suffix.lower()
        if suffix == ".csv":
            records = _csv_records(text)
        elif suffix == ".jsonl":
            records = _jsonl_records(text)
        else:
            records = _json_records(text)
        return _documents(records)


# A record is (label for messages, object or a problem message).
_Record = tuple[str, dict[str, Any] | str]


def _documents(records: list[_Record]) -> DocumentList:
    if not records:
        raise ParseError("filen indeholder ingen cases")
    docs = DocumentList()
    problems: list[str] = []
    several = len(records) > 1
    for index, (label, record) in enumerate(records, start=1):
        try:
            if isinstance(record, str):
                raise ParseError(record)
            doc = record_to_document(record)
        except ParseError as exc:
            problems.append(f"{label}: {exc.message}")
            continue
        # The suffix is the record's position in the file, so it stays stable when a
        # neighbouring record is fixed or broken.
        doc.source_suffix = f"#{index}" if several else ""
        docs.append(doc)
    if not docs:
        raise ParseError(f"ingen gyldige cases i filen: {summarise_problems(problems)}")
    docs.warnings = problems
    return docs


# What the json module's messages mean, for the people who mend the file.
_JSON_PROBLEMS = {
    "Expecting value": "her mangler en værdi",
    "Expecting ',' delimiter": "her mangler et komma",
    "Expecting ':' delimiter": "her mangler et kolon",
    "Expecting property name enclosed in double quotes": (
        "her skulle et feltnavn i dobbelte anførselstegn stå (eller der er et komma for meget)"
    ),
    "Unterminated string starting at": 'en tekst, der begynder her, slutter aldrig med "',
    "Invalid control character at": "et linjeskift eller kontroltegn inde i en tekst",
    "Invalid \\escape": "en ugyldig \\-sekvens i en tekst",
    "Extra data": "der står mere efter JSON-værdien",
}


def json_problem(exc: json.JSONDecodeError) -> str:
    """The json module's message in Danish."""
    return _JSON_PROBLEMS.get(exc.msg, exc.msg)


def _json_error(exc: json.JSONDecodeError, line_offset: int = 0) -> str:
    where = f"linje {exc.lineno + line_offset}, kolonne {exc.colno}"
    return f"ugyldig JSON på {where}: {json_problem(exc)}"


# An escape of half a UTF-16 pair ("\ud83d" of an emoji an export cut in two): json reads it
# into a string that no file, database or model can hold.
_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE_RE = re.compile(r"\\u[dD][89a-fA-F]")


def load_json(text: str) -> Any:
    """json.loads, for text from outside: half of a UTF-16 pair is read as "\ufffd", and
    nesting too deep to read is a ParseError rather than a RecursionError."""
    try:
        data = json.loads(text)
        return _mend_surrogates(data) if _SURROGATE_ESCAPE_RE.search(text) else data
    except RecursionError:
        raise ParseError("JSON'en er indlejret for dybt ([ og { inden i hinanden)") from None


def _mend_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _LONE_SURROGATE_RE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_mend_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_mend_surrogates(k): _mend_surrogates(v) for k, v in value.items()}
    return value


def _json_records(text: str) -> list[_Record]:
    try:
        data = load_json(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            # Several objects one per line in a .json file: really JSON Lines.
            try:
                return _jsonl_records(text, strict=True)
            except ParseError:
                pass
        raise ParseError(_json_error(exc)) from None
    if isinstance(data, dict):
        for key in data:
            if label_key(str(key)) in _CONTAINER_KEYS and isinstance(data[key], list):
                data = data[key]
                break
    if isinstance(data, dict):
        return [("casen", data)]
    if not isinstance(data, list):
        raise ParseError("JSON-filen skal indeholde en case (et objekt) eller en liste af cases")
    return [
        (f"post {i}", item if isinstance(item, dict) else "er ikke et objekt")
        for i, item in enumerate(data, start=1)
    ]


def _jsonl_records(text: str, strict: bool = False) -> list[_Record]:
    records: list[_Record] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label = f"linje {lineno}"
        try:
            item = load_json(line)
        except json.JSONDecodeError as exc:
            if strict:
                raise ParseError(_json_error(exc, lineno - 1)) from None
            records.append((label, f"ugyldig JSON i kolonne {exc.colno}: {json_problem(exc)}"))
            continue
        except ParseError as exc:
            if strict:
                raise
            records.append((label, exc.message))
            continue
        records.append((label, item if isinstance(item, dict) else "er ikke et objekt"))
    return records


def _sniff_delimiter(text: str) -> str:
    sample = text[:8192]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample else ""
        return max(",;\t", key=header.count)


def _csv_problem(exc: csv.Error, delimiter: str) -> str:
    """The csv module's complaint about one row, in Danish."""
    message = str(exc)
    if "expected after" in message:
        shown = "tabulator" if delimiter == "\t" else delimiter
        return f'efter et afsluttende anførselstegn (") skal der stå et skilletegn ({shown})'
    if "field larger than field limit" in message:
        return f"en celle er større end grænsen på {csv.field_size_limit()} tegn"
    if "NUL" in message:
        return "rækken indeholder et NUL-tegn (er filen en tekstfil?)"
    return "rækken kan ikke læses som CSV"


def _csv_records(text: str) -> list[_Record]:
    delimiter = _sniff_delimiter(text)
    # Strict: a quote never closed is an error, not the rest of the file read as one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    records: list[_Record] = []
    while True:
        starts = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if header is None:
                raise ParseError(f"CSV-filens første række kan ikke læses ({exc})") from None
            if "end of data" in str(exc):  # the file ends inside a quoted cell
                problem = 'et anførselstegn (") lukkes aldrig; resten af filen er ikke læst'
                records.append((f"række {starts}", problem))
                break
            # This row only ('"Tekst" mere'): the reader goes on with the next.
            records.append((f"række {starts}", _csv_problem(exc, delimiter)))
            continue
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [clean_line(h) for h in row]
            continue
        record: dict[str, Any] = {}
        for i, cell in enumerate(row):
            name = header[i] if i < len(header) and header[i] else f"kolonne_{i + 1}"
            if cell.strip():
                record[name] = cell
        # reader.line_num is the file line where the row ends, as a spreadsheet counts.
        records.append((f"række {reader.line_num}", record))
    if header is None:
        raise ParseError("filen er tom")
    if not any(canonical_key(h) == "title" for h in header):
        raise ParseError(
            "CSV-filen mangler en kolonne med titel (første række skal være kolonnenavne, "
            "fx titel;organisation;udfordring;løsning)"
        )
    if not records:
        raise ParseError("CSV-filen har kun kolonnenavne og ingen cases")
    return records
