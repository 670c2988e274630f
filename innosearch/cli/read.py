"""The reads: search, related, effects, overview, export, stats, eval (registered in __init__)."""

import errno
import json
import os
from dataclasses import asdict
from pathlib import Path
from textwrap import shorten
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from innosearch.cli.common import HomeOption, JsonOption, OffsetOption, open_searcher, out
from innosearch.errors import InnosearchError
from innosearch.search.results import Hit, hit_json
from innosearch.taxonomy import EVIDENCE_LEVELS, choice_keys, label

# How a filter's value is written, said once for every command that filters.
_KEYS = "nøglen eller det danske navn"
SECTOR_HELP = f"Kun denne sektor, fx aeldre eller klima_miljoe ({_KEYS}); kan gentages."
OWN_SECTOR_HELP = (
    f"Jeres egen sektor, fx aeldre ({_KEYS}); inspirationen hentes fra de andre sektorer."
)
STAGE_HELP = f"Kun denne fase, fx udvikling eller implementering ({_KEYS}); kan gentages."
STATUS_HELP = f"Kun denne status: igangvaerende eller afsluttet ({_KEYS}); kan gentages."
# The highest limit is a setting (INNOSEARCH_MAX_LIMIT), so it is named, not a number fixed here.
LIMIT_RANGE = "fra 1 til 100; loftet sættes med INNOSEARCH_MAX_LIMIT"


def search(
    query: Annotated[
        str, typer.Argument(metavar="UDFORDRING", help="Jeres udfordring, fx 'Hvordan får vi …?'")
    ],
    home: HomeOption = None,
    limit: Annotated[
        int, typer.Option(metavar="ANTAL", help=f"Antal resultater ({LIMIT_RANGE}).")
    ] = 10,
    offset: OffsetOption = 0,
    sector: Annotated[list[str] | None, typer.Option(metavar="SEKTOR", help=SECTOR_HELP)] = None,
    own_sector: Annotated[str | None, typer.Option(metavar="SEKTOR", help=OWN_SECTOR_HELP)] = None,
    as_typed: Annotated[
        bool, typer.Option("--as-typed", help="Søg på ordene som skrevet, uden stavekontrol.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Søg efter sager, der svarer på en udfordring."""
    from innosearch.filters import Filters
    from innosearch.search.query import SearchRequest

    request = SearchRequest(
        query,
        Filters(sector=choice_keys("sector", sector)),
        own_sector=choice_keys("sector", [own_sector])[0] if own_sector else None,
        limit=limit,
        offset=offset,
        as_typed=as_typed,
    )
    found = open_searcher(home).search(request)
    if as_json:
        body = {
            "query": found.query,
            "corrected_from": found.corrected_from,
            "notice": asdict(found.notice) if found.notice else None,
            "total": found.total,
            "limit": limit,
            "offset": offset,
            "results": [hit_json(h) for h in found.hits],
            "own_sector": found.own_sector,
            "own_sector_basis": found.own_sector_basis,
            "own_sector_reason": found.own_sector_reason,
            "inspiration": [hit_json(h) for h in found.inspiration],
        }
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return
    if found.corrected_from:
        out.print(
            f"Stavningen er rettet fra: {found.corrected_from} (--as-typed søger som skrevet)",
            highlight=False,
        )
    if found.notice:
        out.print(found.notice.message, highlight=False)
        if not found.notice.searched:
            return
    if not found.hits and found.total:
        out.print(_past_end(found.total, offset), highlight=False)
        return
    shown = _shown(found.total, offset, len(found.hits))
    _print_hits(found.hits, f"{shown} for: {found.query}", as_json=False, first=offset + 1)
    if found.own_sector is None:
        return
    title = f"Inspiration fra andre sektorer end {label('sector', found.own_sector)}"
    if found.inspiration:
        _print_hits(found.inspiration, title, as_json=False)
    else:
        print(f"{title}: ingen forslag til denne søgning.")
    # Said even when the panel is empty: the assumption also decides what the panel looks for.
    if found.own_sector_basis == "results":
        print(found.own_sector_reason)


def related(
    doc_id: Annotated[str, typer.Argument(metavar="SAG", help="Sagens id (se search --json).")],
    home: HomeOption = None,
    other_sectors: Annotated[
        bool, typer.Option("--other-sectors", help="Kun sager fra andre sektorer.")
    ] = False,
    limit: Annotated[int, typer.Option(metavar="ANTAL", help=f"Antal sager ({LIMIT_RANGE}).")] = 5,
    as_json: JsonOption = False,
) -> None:
    """Vis de sager, der ligner en given sag mest."""
    hits = open_searcher(home).related(doc_id, other_sectors, limit)
    if not hits and not as_json:
        where = " fra andre sektorer" if other_sectors else ""
        out.print(f"Ingen relaterede sager{where} til {doc_id}.", highlight=False)
        return
    _print_hits(hits, f"Relaterede sager til {doc_id}", as_json)


def effects(
    query: Annotated[
        str | None, typer.Argument(metavar="UDFORDRING", help="Udfordring (valgfri).")
    ] = None,
    home: HomeOption = None,
    min_level: Annotated[
        int,
        typer.Option(
            metavar="NIVEAU",
            help="Mindste evidensniveau: "
            + ", ".join(f"{n} = {name.lower()}" for n, name in EVIDENCE_LEVELS.items())
            + ".",
        ),
    ] = 2,
    sector: Annotated[list[str] | None, typer.Option(metavar="SEKTOR", help=SECTOR_HELP)] = None,
    organisation_type: Annotated[
        list[str] | None,
        typer.Option(
            metavar="TYPE",
            help=f"Kun denne organisationstype, fx kommune eller region ({_KEYS}); kan gentages.",
        ),
    ] = None,
    stage: Annotated[list[str] | None, typer.Option(metavar="FASE", help=STAGE_HELP)] = None,
    status: Annotated[list[str] | None, typer.Option(metavar="STATUS", help=STATUS_HELP)] = None,
    year_from: Annotated[
        int | None, typer.Option(metavar="ÅR", help="Fra og med dette år, fx 2020.")
    ] = None,
    year_to: Annotated[
        int | None, typer.Option(metavar="ÅR", help="Til og med dette år, fx 2024.")
    ] = None,
    limit: Annotated[
        int, typer.Option(metavar="ANTAL", help=f"Antal sager på skærmen ({LIMIT_RANGE}).")
    ] = 50,
    offset: OffsetOption = 0,
    csv_file: Annotated[
        Path | None,
        typer.Option(
            "--csv",
            metavar="FIL",
            help="Gem alle sagerne (ikke kun --limit) som CSV til Excel (semikolon, UTF-8 med "
            "BOM) i denne fil, fx effekt.csv; en fil, der findes, overskrives.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Sager med dokumenteret effekt og de sætninger, der dokumenterer den."""
    from innosearch.filters import Filters
    from innosearch.search.export import effects_csv

    # The filters of /effekt and /api/effects, so that a file made on the page can be made here.
    filters = Filters(
        sector=choice_keys("sector", sector),
        organisation_type=choice_keys("organisation_type", organisation_type),
        stage=choice_keys("stage", stage),
        status=choice_keys("status", status),
        year_from=year_from,
        year_to=year_to,
    )
    searcher = open_searcher(home)
    if csv_file:  # every case, not one page
        _, hits = searcher.effects(query, filters, min_level=min_level, limit=None)
        csv_file.write_bytes(effects_csv(hits))
        out.print(f"{_cases(len(hits))} gemt i {csv_file}", highlight=False)
        return
    # One page, as /api/effects gives it: a limit out of range is refused the same way.
    total, hits = searcher.effects(query, filters, min_level=min_level, limit=limit, offset=offset)
    if as_json:
        _print_page({"query": query or "", "min_level": min_level}, total, limit, offset, hits)
        return
    if not hits:
        out.print(_past_end(total, offset) if total else _no_effects(min_level), highlight=False)
        return
    shown = _shown(total, offset, len(hits))
    title = f"Sager med evidensniveau ≥ {min_level} ({shown})"
    _print_hits(hits, title, as_json=False, evidence=True, first=offset + 1)


def _cases(count: int) -> str:
    return f"{count} sag" if count == 1 else f"{count} sager"


def _shown(total: int, offset: int, count: int) -> str:
    """How many cases there are, and which of them a page shows: "3 sager", "de første 5 af
    12 sager", "nr. 6-10 af 12 sager"."""
    if offset == 0 and count >= total:
        return _cases(total)
    if offset == 0:
        first = "den første" if count == 1 else f"de første {count}"
        return f"{first} af {total} sager"
    numbers = f"nr. {offset + 1}" if count == 1 else f"nr. {offset + 1}-{offset + count}"
    return f"{numbers} af {_cases(total)}"


def _print_page(
    asked: dict[str, object], total: int, limit: int, offset: int, hits: list[Hit]
) -> None:
    """One page of a listing as JSON, as the API answers it: `total` counts every case matched,
    not only the `limit` listed, so a script paging with --offset knows when it has them all."""
    page = {
        "total": total,
        "limit": limit,
        "offset": offset,
        "results": [hit_json(h) for h in hits],
    }
    print(json.dumps(asked | page, ensure_ascii=False, indent=2))


def _past_end(total: int, offset: int) -> str:
    """Said for a page past the last case, instead of an empty table."""
    return (
        f"Der er {_cases(total)} i alt, og --offset {offset} springer dem alle over. "
        "Brug et mindre --offset."
    )


def _no_effects(min_level: int) -> str:
    """Why the list is empty and what to try, as the effect page says it."""
    if min_level > 0:
        return (
            f"Ingen sager med evidensniveau ≥ {min_level}. "
            "Prøv et lavere --min-level, færre filtre eller et bredere emne."
        )
    return "Ingen sager matcher filtrene. Prøv færre filtre eller et bredere emne."


def overview(
    home: HomeOption = None,
    sector: Annotated[list[str] | None, typer.Option(metavar="SEKTOR", help=SECTOR_HELP)] = None,
    stage: Annotated[list[str] | None, typer.Option(metavar="FASE", help=STAGE_HELP)] = None,
    limit: Annotated[int, typer.Option(metavar="ANTAL", help=f"Antal sager ({LIMIT_RANGE}).")] = 20,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """Overblik over en sektor eller fase: igangværende arbejde først, det nyeste øverst."""
    from innosearch.filters import Filters
    from innosearch.taxonomy import overview_title

    filters = Filters(sector=choice_keys("sector", sector), stage=choice_keys("stage", stage))
    total, hits, _ = open_searcher(home).overview(filters, limit=limit, offset=offset)
    title = overview_title(filters.sector, filters.stage)
    if as_json:
        _print_page({"title": title}, total, limit, offset, hits)
        return
    if not hits and total:
        out.print(_past_end(total, offset), highlight=False)
        return
    if not hits:
        out.print(
            f"{title} Ingen sager endnu. "
            "Vælg en anden sektor eller fase, eller udelad --sector og --stage.",
            highlight=False,
        )
        return
    table = Table(title=f"{title} ({_shown(total, offset, len(hits))})")
    for column in ("#", "Sag", "Organisation", "Status · fase · år", "Kontakt"):
        table.add_column(column)
    for i, hit in enumerate(hits, start=offset + 1):
        doc = hit.document
        state = [label("status", doc.status), label("stage", doc.stage), doc.year]
        contact = [doc.contact_name, doc.contact_email, doc.contact_phone]
        table.add_row(
            str(i),
            Text.assemble(doc.title, "\n", (doc.id, "dim")),
            doc.organisation or "",
            " · ".join(str(x) for x in state if x),
            "\n".join(x for x in contact if x),
        )
    out.print(table)


def export(
    home: HomeOption = None,
    # Always JSON Lines: --json is still accepted from scripts, but no longer offered as a choice.
    as_json: Annotated[bool, typer.Option("--json", hidden=True)] = True,
) -> None:
    """Skriv alle dokumenter med alle felter (angivne og udledte) som JSON Lines til skærmen
    (gem med 'innosearch export > alle.jsonl'; læs tilbage med 'innosearch import')."""
    from innosearch.search.export import documents_jsonl

    for line in documents_jsonl(open_searcher(home).all_documents()):
        print(line)


def _print_hits(
    hits: list[Hit], title: str, as_json: bool, evidence: bool = False, first: int = 1
) -> None:
    """The hits as a table numbered from `first` (a later page goes on where the last ended),
    or as a JSON list."""
    if as_json:
        print(json.dumps([hit_json(h) for h in hits], ensure_ascii=False, indent=2))
        return
    table = Table(title=title, show_lines=True)
    # Inspiration carries its reason (why this other sector's case), shown instead of a snippet.
    reasons = any(h.reason for h in hits)
    last = "Evidens" if evidence else "Derfor" if reasons else "Uddrag"
    for column in ("#", "Sag", "Organisation", "Sektor", last):
        table.add_column(column)
    for i, hit in enumerate(hits, start=first):
        doc = hit.document
        # Cut at a word, and said to be cut: a table cell has no room for a whole passage.
        detail = (
            _evidence(doc.evidence_level, doc.evidence_sentences)
            if evidence
            else shorten(hit.reason or hit.snippet, 200, placeholder=" …")
        )
        table.add_row(
            str(i),
            Text.assemble(doc.title, "\n", (f"{doc.id} · {doc.source}", "dim")),
            doc.organisation or "",
            label("sector", doc.sector) or "",
            detail,
        )
    out.print(table)


def _evidence(level: int | None, sentences: list[str]) -> Text:
    """The case's own level first: the sentences alone do not say how strong they are."""
    heading = f"{level} – {label('evidence_level', level)}" if level is not None else "Ukendt"
    cut = shorten(" | ".join(sentences), 300, placeholder=" …")
    return Text.assemble((heading, "bold"), *(("\n", cut) if cut else ()))


def stats(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Vis hvad indekset indeholder."""
    figures = open_searcher(home).stats()
    if as_json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    for key, value in figures.items():
        name = _STATS_NAMES.get(key, key)
        if isinstance(value, dict):  # counts per kind or sector, under their Danish labels
            field = "kind" if key == "by_kind" else "sector"
            counted = ", ".join(f"{label(field, k) or k} {n}" for k, n in value.items())
            out.print(f"{name}: {counted}", highlight=False, soft_wrap=True)
        else:
            out.print(f"{name}: {value}", highlight=False)


_STATS_NAMES = {
    "documents": "Dokumenter",
    "chunks": "Passager",
    "by_kind": "Efter type",
    "by_sector": "Efter sektor",
    "model": "Model",
    "embed_precision": "Beregnet i",
    "dim": "Dimensioner",
    "backend": "Vektorindeks",
    "index_type": "Indekstype",
    "schema_version": "Skemaversion",
}


def evaluate_command(
    queries: Annotated[
        Path,
        typer.Option(
            "--queries",
            metavar="FIL",
            help="Forespørgslerne: en TSV-fil med kolonnerne query_id og query.",
        ),
    ],
    qrels: Annotated[
        Path,
        typer.Option(
            "--qrels",
            metavar="FIL",
            help="Vurderingerne: en TSV-fil med kolonnerne query_id, source (dokumentets kilde, "
            "som i export) og grade (et helt tal, 0 = ikke relevant).",
        ),
    ],
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Mål søgekvaliteten (nDCG@10, Recall@10, MRR) på et sæt vurderede forespørgsler."""
    from innosearch.search.evaluate import evaluate, read_qrels, read_queries

    for file in (queries, qrels):  # said as the other commands say it, in Danish
        if not file.exists():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(file))
    asked, judged = read_queries(queries), read_qrels(qrels)
    report = evaluate(open_searcher(home), asked, judged)
    if report.queries == 0:
        # Scores of 0.0 would read as a search that finds nothing, not as files that do not fit.
        raise InnosearchError(
            f"Intet at måle: {queries} har {_queries(len(asked))}, {qrels} vurderer "
            f"{_queries(len(judged))}, og ingen query_id findes i begge."
        )
    body = report.as_dict()
    if as_json:
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return
    for key, value in body.items():
        if key == "per_query":
            continue
        if isinstance(value, dict):
            value = (
                f"{value['graded>=1']} af {value['shown']} viste er vurderet ≥ 1 "
                f"(præcision {value['precision']:.3f}) i {_queries(value['queries'])}"
            )
        out.print(f"{_EVAL_NAMES.get(key, key)}: {value}", highlight=False)


# The measures keep their usual names (nDCG@10, MRR); only the words around them are Danish.
_EVAL_NAMES = {"queries": "forespørgsler"}


def _queries(count: int) -> str:
    return "1 forespørgsel" if count == 1 else f"{count} forespørgsler"
