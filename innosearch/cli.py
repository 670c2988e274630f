"""Command line: thin commands over the same core calls as the API."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from typer.core import TyperGroup

from innosearch.config import Settings
from innosearch.embed.base import Embedder
from innosearch.embed.factory import LazyEmbedder
from innosearch.errors import InnosearchError
from innosearch.search.results import Hit, hit_json
from innosearch.taxonomy import label

if TYPE_CHECKING:
    from innosearch.search.searcher import Searcher

out = Console()
err = Console(stderr=True)


class _Commands(TyperGroup):
    """Every command ends a domain error the same way: its Danish message, exit status 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except InnosearchError as exc:
            err.print(f"[red]Fejl:[/red] {exc.message}", highlight=False)
            raise typer.Exit(2) from exc


app = typer.Typer(
    cls=_Commands,
    help="innosearch: find det, andre offentlige organisationer allerede har prøvet.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

HomeOption = Annotated[
    Path | None,
    typer.Option("--home", help="Mappe med lager og indeks (ellers INNOSEARCH_HOME)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Skriv resultatet som JSON.")]


def _settings(home: Path | None) -> Settings:
    settings = Settings()
    return settings.model_copy(update={"home": home}) if home else settings


class _AnnouncedLazyEmbedder(LazyEmbedder):
    """Loads the model on the first embed, saying so while it loads (seconds)."""

    @property
    def loaded(self) -> Embedder:
        if self._loaded is None:
            with err.status("Indlæser sprogmodellen …"):
                return super().loaded
        return super().loaded


def _embedder(settings: Settings) -> Embedder:
    """The model, loaded now: ingest and serve need it at once."""
    return _AnnouncedLazyEmbedder(settings).loaded


def _searcher(home: Path | None) -> "Searcher":
    """The read side; reads that embed nothing (stats, export, related) never load the model."""
    from innosearch.search.searcher import Searcher

    settings = _settings(home)
    return Searcher(settings, _AnnouncedLazyEmbedder(settings))


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Filer eller mapper (rekursivt).")],
    home: HomeOption = None,
    prune: Annotated[
        bool, typer.Option("--prune", help="Fjern dokumenter hvis filer ikke findes mere.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Indlæs sager, rapporter (PDF) og websider (HTML) fra filer og mapper."""
    from innosearch.ingest.pipeline import Ingestor

    settings = _settings(home)
    ingestor = Ingestor(settings, _embedder(settings))
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        report = ingestor.ingest(paths, prune=prune, progress=progress)
    for source, problem in report.failed:
        err.print(f"[red]FEJL[/red] {source}: {problem}", highlight=False)
    summary = {
        "added": len(report.added),
        "updated": len(report.updated),
        "unchanged": len(report.unchanged),
        "removed": len(report.removed),
        "failed": len(report.failed),
    }
    if as_json:
        errors = [{"source": s, "problem": p} for s, p in report.failed]
        print(json.dumps({**summary, "errors": errors}, ensure_ascii=False))
    else:
        out.print(
            f"Tilføjet: {summary['added']}  Opdateret: {summary['updated']}  "
            f"Uændret: {summary['unchanged']}  Fjernet: {summary['removed']}  "
            f"Fejlet: {summary['failed']}"
        )
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Jeres udfordring, fx 'Hvordan får vi …?'")],
    home: HomeOption = None,
    limit: Annotated[int, typer.Option(help="Antal resultater.")] = 10,
    sector: Annotated[list[str] | None, typer.Option(help="Kun denne sektor.")] = None,
    own_sector: Annotated[str | None, typer.Option(help="Jeres egen sektor.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Søg efter sager, der svarer på en udfordring."""
    from innosearch.filters import Filters
    from innosearch.search.query import SearchRequest

    request = SearchRequest(query, Filters(sector=sector or []), own_sector=own_sector, limit=limit)
    found = _searcher(home).search(request)
    if as_json:
        body = {
            "query": found.query,
            "total": found.total,
            "results": [hit_json(h) for h in found.hits],
            "own_sector": found.own_sector,
            "own_sector_basis": found.own_sector_basis,
            "own_sector_reason": found.own_sector_reason,
            "inspiration": [hit_json(h) for h in found.inspiration],
        }
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return
    _print_hits(found.hits, f"{found.total} sager for: {found.query}", as_json=False)
    if found.inspiration:
        _print_hits(found.inspiration, "Inspiration fra andre sektorer", as_json=False)
        if found.own_sector_basis == "results":
            print(found.own_sector_reason)


@app.command()
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
    hits = _searcher(home).related(doc_id, other_sectors, limit)
    _print_hits(hits, f"Relaterede sager til {doc_id}", as_json)


@app.command()
def effects(
    query: Annotated[str | None, typer.Argument(help="Udfordring (valgfri).")] = None,
    home: HomeOption = None,
    min_level: Annotated[int, typer.Option(help="Mindste evidensniveau (0-4).")] = 2,
    sector: Annotated[list[str] | None, typer.Option(help="Kun denne sektor.")] = None,
    limit: Annotated[int, typer.Option(help="Antal sager.")] = 50,
    csv_file: Annotated[
        Path | None, typer.Option("--csv", help="Gem som CSV (UTF-8 med BOM) i denne fil.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Sager med dokumenteret effekt og de sætninger, der dokumenterer den."""
    from innosearch.filters import Filters
    from innosearch.search.export import effects_csv

    filters = Filters(sector=sector or [])
    # The CSV holds every case; the screen shows the first `limit`.
    _, hits = _searcher(home).effects(query, filters, min_level=min_level, limit=None)
    if csv_file:
        csv_file.write_bytes(effects_csv(hits))
        out.print(f"{len(hits)} sager gemt i {csv_file}")
        return
    _print_hits(hits[:limit], f"Sager med evidensniveau ≥ {min_level}", as_json, evidence=True)


@app.command()
def export(home: HomeOption = None, as_json: JsonOption = True) -> None:
    """Skriv alle dokumenter med alle felter (angivne og udledte) som JSON Lines."""
    from innosearch.search.export import documents_jsonl

    for line in documents_jsonl(_searcher(home).all_documents()):
        print(line)


def _print_hits(hits: list[Hit], title: str, as_json: bool, evidence: bool = False) -> None:
    if as_json:
        print(json.dumps([hit_json(h) for h in hits], ensure_ascii=False, indent=2))
        return
    table = Table(title=title, show_lines=True)
    for column in ("#", "Sag", "Organisation", "Sektor", "Evidens" if evidence else "Uddrag"):
        table.add_column(column)
    for i, hit in enumerate(hits, start=1):
        doc = hit.document
        detail = " | ".join(doc.evidence_sentences)[:300] if evidence else hit.snippet[:200]
        table.add_row(
            str(i),
            f"{doc.title}\n[dim]{doc.id} · {doc.source}[/dim]",
            doc.organisation or "",
            label("sector", doc.sector) or "",
            detail,
        )
    out.print(table)


@app.command()
def serve(
    home: HomeOption = None,
    host: Annotated[str | None, typer.Option(help="Adresse at lytte på.")] = None,
    port: Annotated[int | None, typer.Option(help="Port.")] = None,
) -> None:
    """Start web-siden og HTTP-API'et."""
    import uvicorn

    from innosearch.api.app import create_app

    settings = _settings(home)
    host = host or settings.host
    port = port or settings.port
    application = create_app(settings, _embedder(settings))
    out.print(f"innosearch kører på http://{host}:{port}  (API-dokumentation: /docs)")
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
def stats(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Vis hvad indekset indeholder."""
    figures = _searcher(home).stats()
    if as_json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    for key, value in figures.items():
        out.print(f"{key}: {value}", highlight=False)


@app.command("eval")
def evaluate_command(
    queries: Annotated[Path, typer.Option("--queries", help="TSV: query_id, query, …")],
    qrels: Annotated[Path, typer.Option("--qrels", help="TSV: query_id, source, grade")],
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Mål søgekvaliteten (nDCG@10, Recall@10, MRR) på et sæt vurderede forespørgsler."""
    from innosearch.search.evaluate import evaluate, read_qrels, read_queries

    report = evaluate(_searcher(home), read_queries(queries), read_qrels(qrels))
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
