"""Command line: thin commands over the same core calls as the API."""

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import ValidationError
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

from innosearch.config import Settings, setting_problems
from innosearch.embed.base import Embedder
from innosearch.embed.factory import LazyEmbedder
from innosearch.errors import InnosearchError, InvalidSetting
from innosearch.search.results import Hit, hit_json
from innosearch.taxonomy import label

if TYPE_CHECKING:
    from innosearch.alerts.saved import SavedSearches
    from innosearch.ingest.pipeline import IngestReport
    from innosearch.ingest.web.sources import WebSources
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
        except sqlite3.DatabaseError as exc:  # damage found after the store was opened
            err.print(
                f"[red]Fejl:[/red] Lageret kan ikke læses ({exc}). Kør 'innosearch check'.",
                highlight=False,
            )
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
    try:
        settings = Settings()
    except ValidationError as exc:
        raise InvalidSetting(setting_problems(exc)) from exc
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
    from innosearch.index.store import Store
    from innosearch.search.searcher import Searcher

    settings = _settings(home)
    # Reads never create a home: a mistyped --home is reported, not silently made.
    store = Store(settings.store_path, create=False)
    return Searcher(settings, _AnnouncedLazyEmbedder(settings), store)


@app.command()
def ingest(
    targets: Annotated[
        list[str] | None,
        typer.Argument(help="Filer, mapper (rekursivt) eller webadresser (https://…)."),
    ] = None,
    home: HomeOption = None,
    prune: Annotated[
        bool, typer.Option("--prune", help="Fjern dokumenter hvis filer ikke findes mere.")
    ] = False,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Hent alle gemte webkilder igen (kun ændringer).")
    ] = False,
    as_json: JsonOption = False,
    workers: Annotated[
        str | None,
        typer.Option(
            "--workers",
            help="Beregn vektorer med Ray: et antal arbejdere (lokal klynge) eller en adresse "
            "(ray://vært:10001). Kræver innosearch[ray].",
        ),
    ] = None,
) -> None:
    """Indlæs sager, rapporter (PDF, Word) og websider fra filer, mapper og websteder."""
    from innosearch.alerts.run import run_ingest

    if not targets and not refresh:
        raise typer.BadParameter("angiv filer, mapper eller webadresser, eller brug --refresh")
    settings = _settings(home)
    if workers is not None:
        settings = settings.model_copy(update={"ingest_workers": workers})
    _yield_cpu(settings)
    with _progress_bar() as progress:
        run = run_ingest(
            settings, _embedder(settings), targets or [], prune, refresh, progress=progress
        )
    for name, problem in run.mail_problems:
        err.print(f"[red]FEJL[/red] e-mail til '{name}': {problem}", highlight=False)
    _report(run.ingest, as_json, run.alerts)


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="JSON Lines fra 'innosearch export'.")],
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Importér dokumenter fra 'innosearch export' med alle felter; teksterne embeddes igen."""
    from innosearch.ingest.jsonl_import import import_documents
    from innosearch.ingest.pipeline import Ingestor

    settings = _settings(home)
    _yield_cpu(settings)
    ingestor = Ingestor(settings, _embedder(settings))
    with _progress_bar() as progress:
        report = import_documents(ingestor, file, progress)
    _report(report, as_json, {})


def _yield_cpu(settings: Settings) -> None:
    """A bulk ingest yields the cores to a server on the same machine (INGEST_NICENESS)."""
    os.nice(settings.ingest_niceness)


def _report(report: "IngestReport", as_json: bool, alerts: dict[str, int]) -> None:
    """Print what an ingest or import did; exit 1 when anything failed."""
    for source, problem in report.failed:
        err.print(f"[red]FEJL[/red] {source}: {problem}", highlight=False)
    summary = {
        "added": len(report.added),
        "updated": len(report.updated),
        "unchanged": len(report.unchanged),
        "removed": len(report.removed),
        "failed": len(report.failed),
        "skipped": len(report.skipped),
    }
    if as_json:
        errors = [{"source": s, "problem": p} for s, p in report.failed]
        skipped = [{"source": s, "reason": p} for s, p in report.skipped]
        body = {**summary, "errors": errors, "skipped_sources": skipped, "alerts": alerts}
        print(json.dumps(body, ensure_ascii=False))
    else:
        out.print(
            f"Tilføjet: {summary['added']}  Opdateret: {summary['updated']}  "
            f"Uændret: {summary['unchanged']}  Fjernet: {summary['removed']}  "
            f"Fejlet: {summary['failed']}"
            + (f"  Sprunget over: {summary['skipped']}" if report.skipped else "")
        )
        for name, count in alerts.items():
            out.print(f"Nyt til den fulgte udfordring '{name}': {count}", highlight=False)
    if not report.ok:
        raise typer.Exit(1)


@contextmanager
def _progress_bar() -> Iterator[Callable[[str, int, int], None]]:
    """A progress callback drawing one bar per stage on the terminal (none when piped)."""
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

        yield progress


sources_app = typer.Typer(cls=_Commands, help="Websteder, der hentes igen med ingest --refresh.")
app.add_typer(sources_app, name="sources")


def _web_sources(home: Path | None) -> "WebSources":
    from innosearch.index.store import Store
    from innosearch.ingest.web.sources import WebSources

    return WebSources(Store(_settings(home).store_path))


@sources_app.command("add")
def sources_add(
    url: Annotated[str, typer.Argument(help="Webstedets startadresse (https://…).")],
    home: HomeOption = None,
    sitemap: Annotated[
        bool, typer.Option("--sitemap", help="Kun siderne i webstedets sitemap; følg ikke links.")
    ] = False,
    max_pages: Annotated[
        int | None, typer.Option("--max-pages", help="Højst så mange sider pr. gennemgang.")
    ] = None,
    include: Annotated[
        str | None,
        typer.Option("--include", help="Kun stier, der passer, fx /aeldre eller /*/cases/*."),
    ] = None,
) -> None:
    """Tilføj et websted (eller ret dets grænser)."""
    from innosearch.ingest.web.sources import web_source

    source = web_source(url, sitemap, max_pages, include)
    new = _web_sources(home).add(source)
    verb = "Tilføjet" if new else "Opdateret"
    out.print(f"{verb}: {source.url}  (hent med: innosearch ingest --refresh)")


@sources_app.command("list")
def sources_list(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Vis webkilderne."""
    from dataclasses import asdict

    found = _web_sources(home).all()
    if as_json:
        print(json.dumps([asdict(s) for s in found], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(found)} webkilder")
    for column in ("Adresse", "Kun sitemap", "Maks. sider", "Kun stier", "Sidst hentet"):
        table.add_column(column)
    for s in found:
        table.add_row(
            s.url,
            "ja" if s.sitemap_only else "nej",
            str(s.max_pages or ""),
            s.include or "",
            s.crawled_at or "aldrig",
        )
    out.print(table)


@sources_app.command("remove")
def sources_remove(
    url: Annotated[str, typer.Argument(help="Kildens adresse, som i sources list.")],
    home: HomeOption = None,
    purge: Annotated[
        bool, typer.Option("--purge", help="Fjern også kildens dokumenter fra indekset.")
    ] = False,
) -> None:
    """Stop med at hente et websted."""
    removed = _web_sources(home).remove(url, purge)
    out.print(f"Fjernet: {url}" + (f" og {removed} dokumenter" if purge else ""))


saved_app = typer.Typer(cls=_Commands, help="Fulgte udfordringer (gemte søgninger).")
app.add_typer(saved_app, name="saved")


def _saved(home: Path | None) -> "SavedSearches":
    from innosearch.alerts.saved import SavedSearches

    settings = _settings(home)
    return SavedSearches(settings, _searcher(home))


@saved_app.command("add")
def saved_add(
    query: Annotated[str, typer.Argument(help="Udfordringen, som I ville søge på den.")],
    home: HomeOption = None,
    name: Annotated[str, typer.Option(help="Et navn til udfordringen.")] = "",
    sector: Annotated[list[str] | None, typer.Option(help="Kun denne sektor.")] = None,
    stage: Annotated[list[str] | None, typer.Option(help="Kun denne fase.")] = None,
    own_sector: Annotated[str | None, typer.Option(help="Jeres egen sektor.")] = None,
    email: Annotated[str | None, typer.Option(help="Send nyt som e-mail hertil.")] = None,
) -> None:
    """Følg en udfordring: nyt, der matcher, samles efter hver indlæsning."""
    from innosearch.filters import Filters

    settings = _settings(home)
    filters = Filters(sector=sector or [], stage=stage or [])
    saved = _saved(home).create(name, query, filters, own_sector, email)
    base = settings.public_url.rstrip("/")
    out.print(f"Følger nu: {saved.name}", highlight=False)
    out.print(f"Hemmeligt link: {base}/fulgt/{saved.id}", highlight=False)
    out.print(f"Nyhedsfeed: {base}/api/saved/{saved.id}/feed.xml", highlight=False)


@saved_app.command("list")
def saved_list(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Vis alle fulgte udfordringer i hjemmet (med deres hemmelige id)."""
    from dataclasses import asdict

    found = _saved(home).all()
    if as_json:
        print(json.dumps([asdict(s) for s in found], ensure_ascii=False, indent=2))
        return
    base = _settings(home).public_url.rstrip("/")
    out.print(f"{len(found)} fulgte udfordringer", highlight=False)
    for s in found:  # whole lines: the links must stay copyable, never cut by a table
        mail = f" (e-mail til {s.email})" if s.email else ""
        out.print(f"- {s.name}: »{s.query}«{mail}", highlight=False, soft_wrap=True)
        out.print(f"  Side: {base}/fulgt/{s.id}", highlight=False, soft_wrap=True)
        out.print(f"  Feed: {base}/api/saved/{s.id}/feed.xml", highlight=False, soft_wrap=True)


@saved_app.command("remove")
def saved_remove(
    saved_id: Annotated[str, typer.Argument(help="Det hemmelige id (fra linket).")],
    home: HomeOption = None,
) -> None:
    """Stop med at følge en udfordring (linket holder op med at virke)."""
    _saved(home).revoke(saved_id)
    out.print("Stoppet: linket virker ikke længere.")


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

    filters = Filters(sector=sector or [], stage=stage or [])
    total, hits, _ = _searcher(home).overview(filters, limit=limit)
    if as_json:
        print(json.dumps([hit_json(h) for h in hits], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{overview_title(filters.sector, filters.stage)} ({total} sager)")
    for column in ("#", "Sag", "Organisation", "Status · fase · år", "Kontakt"):
        table.add_column(column)
    for i, hit in enumerate(hits, start=1):
        doc = hit.document
        state = [label("status", doc.status), label("stage", doc.stage), doc.year]
        contact = [doc.contact_name, doc.contact_email, doc.contact_phone]
        table.add_row(
            str(i),
            f"{doc.title}\n[dim]{doc.id}[/dim]",
            doc.organisation or "",
            " · ".join(str(x) for x in state if x),
            "\n".join(x for x in contact if x),
        )
    out.print(table)


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


@app.command()
def check(home: HomeOption = None) -> None:
    """Undersøg lageret, modellen og vektorindekset; status 1 hvis noget er galt."""
    from innosearch.index.maintenance import check_home

    settings = _settings(home)
    findings = check_home(settings)
    for finding in findings:
        mark = "[green]OK[/green]  " if finding.ok else "[red]FEJL[/red]"
        out.print(f"{mark} {finding.message}", highlight=False)
    if not all(f.ok for f in findings):
        err.print(f"Der er fejl i {settings.home}.", highlight=False)
        raise typer.Exit(1)
    out.print(f"{settings.home} er i orden.", highlight=False)


@app.command()
def backup(
    destination: Annotated[Path, typer.Argument(help="Ny eller tom mappe til kopien.")],
    home: HomeOption = None,
) -> None:
    """Tag en konsistent kopi af lageret og vektorindekset, også mens serveren kører."""
    from innosearch.index.maintenance import backup as backup_home

    copy = backup_home(_settings(home), destination)
    out.print(f"Sikkerhedskopi gemt i {copy.parent}", highlight=False)


@app.command()
def restore(
    source: Annotated[Path, typer.Argument(help="Mappe med en sikkerhedskopi.")],
    home: HomeOption = None,
) -> None:
    """Erstat lageret med en sikkerhedskopi (stop først serveren og igangværende indlæsning)."""
    from innosearch.index.maintenance import restore as restore_home

    settings = _settings(home)
    restore_home(settings, source)
    out.print(f"{settings.home} er gendannet fra {source}", highlight=False)
