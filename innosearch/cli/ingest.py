"""ingest and import, with their progress bar and report (registered in __init__)."""

import errno
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from innosearch.cli.common import (
    HomeOption,
    JsonOption,
    err,
    loaded_embedder,
    marked,
    out,
    settings_for,
)
from innosearch.config import Settings

if TYPE_CHECKING:
    from innosearch.ingest.pipeline import IngestReport

# Skipped files and pages are named one per line up to this many, beyond it only counted: a
# crawl may pass over hundreds of pages (--json lists them all).
SKIPPED_SHOWN = 20


def ingest(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="STI|ADRESSE",
            help="Filer, mapper (rekursivt) eller webadresser (https://…).",
        ),
    ] = None,
    home: HomeOption = None,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="Fjern de dokumenter, hvis filer ikke længere findes i de angivne mapper "
            "(aldrig andre mappers, uploadede eller websider).",
        ),
    ] = False,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Hent alle gemte webkilder igen (kun ændringer).")
    ] = False,
    as_json: JsonOption = False,
    workers: Annotated[
        str | None,
        typer.Option(
            "--workers",
            metavar="ANTAL|ADRESSE",
            help="Beregn vektorer med Ray: et antal arbejdere (lokal klynge) eller en adresse "
            # "\[": typer reads help as rich markup, where "[ray]" would be a style and vanish.
            "(ray://vært:10001). Kræver innosearch\\[ray].",
        ),
    ] = None,
) -> None:
    """Indlæs sager, rapporter (PDF, Word) og websider fra filer, mapper og websteder."""
    from innosearch.alerts.run import run_ingest

    if not targets and not refresh:
        raise typer.BadParameter("angiv filer, mapper eller webadresser, eller brug --refresh")
    settings = settings_for(home)
    if workers is not None:
        settings = settings.model_copy(update={"ingest_workers": workers})
    _yield_cpu(settings)
    try:
        with _progress_bar() as progress:
            run = run_ingest(
                settings,
                loaded_embedder(settings),
                targets or [],
                prune,
                refresh,
                progress=progress,
            )
    except KeyboardInterrupt:
        # Files and crawled pages are written as they finish (pipeline.Ingestor._due,
        # Harvest.due): what was written stays.
        err.print(
            "Afbrudt. De filer, der nåede at blive gemt, er bevaret, og det samme gælder "
            "hentede websider; kør samme kommando igen for at indlæse resten (uændrede filer "
            "og sider springes over).",
            highlight=False,
        )
        raise typer.Exit(130) from None
    for name, problem in run.mail_problems:
        line = marked("FEJL", "red", f" e-mail til '{_shown(name)}': {_shown(problem)}")
        err.print(line, highlight=False, soft_wrap=True)
    if _nothing_found(run.ingest):
        # Otherwise a wrong or empty folder reads as a successful run: "Tilføjet: 0 …".
        err.print(
            marked("ADVARSEL", "yellow", " Der var intet at indlæse: "),
            f"ingen filer, innosearch kan læse, i {', '.join(_shown(t) for t in targets or [])}.",
            sep="",
            highlight=False,
            soft_wrap=True,
        )
    _report(run.ingest, as_json, run.alerts)


def _nothing_found(report: "IngestReport") -> bool:
    return not (
        report.added
        or report.updated
        or report.unchanged
        or report.removed
        or report.failed
        or report.skipped
        or report.warnings
    )


def import_(
    file: Annotated[
        Path, typer.Argument(metavar="FIL", help="JSON Lines fra 'innosearch export'.")
    ],
    home: HomeOption = None,
    as_json: JsonOption = False,
) -> None:
    """Importér dokumenter fra 'innosearch export' med alle felter; teksterne embeddes igen."""
    from innosearch.ingest.jsonl_import import import_documents
    from innosearch.ingest.pipeline import Ingestor

    if not file.exists():  # said before the home is created or the model loaded
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(file))
    if file.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(file))
    settings = settings_for(home)
    _yield_cpu(settings)
    ingestor = Ingestor(settings, loaded_embedder(settings))
    with _progress_bar() as progress:
        report = import_documents(ingestor, file, progress)
    _report(report, as_json, {})


def _yield_cpu(settings: Settings) -> None:
    """A bulk ingest yields the cores to a server on the same machine (INGEST_NICENESS)."""
    os.nice(settings.ingest_niceness)


def _report(report: "IngestReport", as_json: bool, alerts: dict[str, int]) -> None:
    """Print what an ingest or import did; exit 1 when anything failed."""
    for source, problem in report.failed:
        line = marked("FEJL", "red", f" {_shown(source)}: {_shown(problem)}")
        err.print(line, highlight=False, soft_wrap=True)
    if len(report.skipped) <= SKIPPED_SHOWN:
        for source, reason in report.skipped:
            err.print(
                f"SPRUNGET OVER {_shown(source)}: {_shown(reason)}", highlight=False, soft_wrap=True
            )
    for source, problem in report.warnings:
        line = marked("ADVARSEL", "yellow", f" {_shown(source)}: {_shown(problem)}")
        err.print(line, highlight=False, soft_wrap=True)
    summary = {
        "added": len(report.added),
        "updated": len(report.updated),
        "unchanged": len(report.unchanged),
        "removed": len(report.removed),
        "failed": len(report.failed),
        "skipped": len(report.skipped),
        "warnings": len(report.warnings),
    }
    if as_json:
        errors = [{"source": s, "problem": p} for s, p in report.failed]
        skipped = [{"source": s, "reason": p} for s, p in report.skipped]
        warned = [{"source": s, "problem": p} for s, p in report.warnings]
        body = {
            **summary,
            "errors": errors,
            "skipped_sources": skipped,
            "warned": warned,
            "alerts": alerts,
        }
        print(json.dumps(body, ensure_ascii=False))
    else:
        out.print(
            f"Tilføjet: {summary['added']}  Opdateret: {summary['updated']}  "
            f"Uændret: {summary['unchanged']}  Fjernet: {summary['removed']}  "
            f"Fejlet: {summary['failed']}"
            + (f"  Sprunget over: {summary['skipped']}" if report.skipped else "")
            + (f"  Advarsler: {summary['warnings']}" if report.warnings else "")
        )
        for name, count in alerts.items():
            out.print(f"Nyt til den fulgte udfordring '{_shown(name)}': {count}", highlight=False)
    if not report.ok:
        raise typer.Exit(1)


# Control characters as escapes, so that a file name holding a line break stays on its line.
_CONTROL = {c: f"\\x{c:02x}" for c in (*range(32), 127)} | {9: "\\t", 10: "\\n", 13: "\\r"}


def _shown(text: str) -> str:
    """A file name, value or message as one line: control characters escaped."""
    return text.translate(_CONTROL)


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
