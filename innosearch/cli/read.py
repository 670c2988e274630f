"""The reads: search, related, effects, overview, export, stats, eval (registered in __init__)."""

import json
from dataclasses import asdict
from pathlib import Path
from textwrap import shorten
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from innosearch.cli.common import HomeOption, JsonOption, open_searcher, out
from innosearch.search.results import Hit, hit_json
from innosearch.taxonomy import choice_keys, label


def search(
    query: Annotated[str, typer.Argument(help="Jeres udfordring, fx 'Hvordan får vi …?'")],
    home: HomeOption = None,
    limit: Annotated[int, typer.Option(help="Antal resultater.")] = 10,
    sector: Annotated[list[str] | None, typer.Option(help="Kun denne sektor.")] = None,
    own_sector: Annotated[str | None, typer.Option(help="Jeres egen sektor.")] = None,
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
        as_typed=as_typed,
    )
    found = open_searcher(home).search(request)
    if as_json:
        body = {
            "query": found.query,
            "corrected_from": found.corrected_from,
            "notice": asdict(found.notice) if found.notice else None,
            "total": found.total,
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
    _print_hits(found.hits, f"{_cases(found.total)} for: {found.query}", as_json=False)
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
    doc_id: Annotated[str, typer.Argument(help="Sagens id (se search --json).")],
    home: HomeOption = None,
    other_sectors: Annotated[
        bool, typer.Option("--other-sectors", help="Kun sager fra andre sektorer.")
    ] = False,
    limit: Annotated[int, typer.Option(help="Antal sager.")] = 5,
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
    query: Annotated[str | None, typer.Argument(help="Udfordring (valgfri).")] = None,
    home: HomeOption = None,
    min_level: Annotated[int, typer.Option(help="Mindste evidensniveau (0-4).")] = 2,
    sector: Annotated[list[str] | None, typer.Option(help="Kun denne sektor.")] = None,
    organisation_type: Annotated[
        list[str] | None, typer.Option(help="Kun denne organisationstype, fx kommune.")
    ] = None,
    stage: Annotated[list[str] | None, typer.Option(help="Kun denne fase, fx udvikling.")] = None,
    status: Annotated[
        list[str] | None, typer.Option(help="Kun denne status, fx igangvaerende.")
    ] = None,
    year_from: Annotated[int | None, typer.Option(help="Fra dette år.")] = None,
    year_to: Annotated[int | None, typer.Option(help="Til og med dette år.")] = None,
    limit: Annotated[int, typer.Option(help="Antal sager.")] = 50,
    csv_file: Annotated[
        Path | None,
        typer.Option(
            "--csv",
            help="Gem alle sagerne som CSV til Excel (semikolon, UTF-8 med BOM) i denne fil.",
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
    total, hits = searcher.effects(query, filters, min_level=min_level, limit=limit)
    if not hits and not as_json:
        out.print(_no_effects(min_level), highlight=False)
        return
    _print_hits(hits, _effects_title(min_level, total, limit), as_json, evidence=True)


def _cases(count: int) -> str:
    return f"{count} sag" if count == 1 else f"{count} sager"


def _effects_title(min_level: int, total: int, limit: int) -> str:
    """The table's title with how many cases there are, and that only some are shown."""
    shown = _cases(total) if total <= limit else f"de første {limit} af {total} sager"
    return f"Sager med evidensniveau ≥ {min_level} ({shown})"


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
    sector: Annotated[list[str] | None, typer.Option(help="Sektor, fx aeldre.")] = None,
    stage: Annotated[list[str] | None, typer.Option(help="Fase, fx udvikling.")] = None,
    limit: Annotated[int, typer.Option(help="Antal sager.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Overblik over en sektor eller fase: igangværende arbejde først, det nyeste øverst."""
    from innosearch.filters import Filters
    from innosearch.taxonomy import overview_title

    filters = Filters(sector=choice_keys("sector", sector), stage=choice_keys("stage", stage))
    total, hits, _ = open_searcher(home).overview(filters, limit=limit)
    if as_json:
        print(json.dumps([hit_json(h) for h in hits], ensure_ascii=False, indent=2))
        return
    title = overview_title(filters.sector, filters.stage)
    if not hits:
        out.print(
            f"{title} Ingen sager endnu. "
            "Vælg en anden sektor eller fase, eller udelad --sector og --stage.",
            highlight=False,
        )
        return
    table = Table(title=f"{title} ({_cases(total)})")
    for column in ("#", "Sag", "Organisation", "Status · fase · år", "Kontakt"):
        table.add_column(column)
    for i, hit in enumerate(hits, start=1):
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


def _print_hits(hits: list[Hit], title: str, as_json: bool, evidence: bool = False) -> None:
    if as_json:
        print(json.dumps([hit_json(h) for h in hits], ensure_ascii=False, indent=2))
        return
    table = Table(title=title, show_lines=True)
    # Inspiration carries its reason (why this other sector's case), shown instead of a snippet.
    reasons = any(h.reason for h in hits)
    last = "Evidens" if evidence else "Derfor" if reasons else "Uddrag"
    for column in ("#", "Sag", "Organisation", "Sektor", last):
        table.add_column(column)
    for i, hit in enumerate(hits, start=1):
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
    queries: Annotated[Path, typer.Option("--queries", help="TSV: query_id, query, …")],
    qrels: Annotated[Path, typer.Option("--qrels", help="TSV: query_id, source, grade")],
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Mål søgekvaliteten (nDCG@10, Recall@10, MRR) på et sæt vurderede forespørgsler."""
    from innosearch.search.evaluate import evaluate, read_qrels, read_queries

    report = evaluate(open_searcher(home), read_queries(queries), read_qrels(qrels))
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
                f"(præcision {value['precision']:.3f}) i {value['queries']} forespørgsler"
            )
        out.print(f"{key}: {value}", highlight=False)
