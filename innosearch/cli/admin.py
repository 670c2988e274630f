"""Running and looking after a home: serve, check, backup, restore (registered in __init__)."""

import errno
import os
from pathlib import Path
from typing import Annotated

import typer

from innosearch.cli.common import HomeOption, err, loaded_embedder, marked, out, settings_for


def serve(
    home: HomeOption = None,
    host: Annotated[
        str | None,
        typer.Option(
            metavar="ADRESSE",
            help="Adresse at lytte på, fx 0.0.0.0 for alle netkort (ellers INNOSEARCH_HOST, "
            "og uden den 127.0.0.1: kun denne maskine).",
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            metavar="PORT", help="Port, 1-65535 (ellers INNOSEARCH_PORT, og uden den 8000)."
        ),
    ] = None,
) -> None:
    """Start web-siden og HTTP-API'et."""
    from innosearch.api.app import check_address
    from innosearch.api.app import serve as serve_app

    settings = settings_for(home)
    host = settings.host if host is None else host
    port = settings.port if port is None else port
    check_address(host, port)  # before saying it runs, and before the model loads
    out.print(f"innosearch kører på http://{host}:{port}  (API-dokumentation: /docs)")
    serve_app(settings, host, port, loaded_embedder)


def check(home: HomeOption = None) -> None:
    """Undersøg lageret, modellen og vektorindekset; status 1 hvis noget er galt.

    Et vektorindeks, der ikke passer til lageret, er en ADVARSEL (status 0): det bygges igen ved
    næste søgning.
    """
    from innosearch.index.maintenance import check_home

    settings = settings_for(home)
    findings = check_home(settings)
    for finding in findings:
        if finding.ok:
            label, style = "OK  ", "green"
        else:
            label, style = ("ADVARSEL", "yellow") if finding.heals else ("FEJL", "red")
        # Whole lines: a file named in a finding must stay copyable, never cut in two.
        out.print(marked(label, style, f" {finding.message}"), highlight=False, soft_wrap=True)
    if not all(f.ok or f.heals for f in findings):
        err.print(f"Der er fejl i {settings.home}.", highlight=False)
        raise typer.Exit(1)
    out.print(f"{settings.home} er i orden.", highlight=False)


def backup(
    destination: Annotated[
        Path,
        typer.Argument(
            metavar="MAPPE", help="Ny eller tom mappe til kopien, fx /backup/innosearch-2024-06."
        ),
    ],
    home: HomeOption = None,
) -> None:
    """Tag en konsistent kopi af lageret og vektorindekset, også mens serveren kører."""
    from innosearch.index.maintenance import backup as backup_home

    copy = backup_home(settings_for(home), destination)
    out.print(f"Sikkerhedskopi gemt i {copy.parent}", highlight=False)


def restore(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="MAPPE", help="Mappe med en sikkerhedskopi fra 'innosearch backup'."
        ),
    ],
    home: HomeOption = None,
) -> None:
    """Erstat lageret med en sikkerhedskopi (stop først serveren og igangværende indlæsning)."""
    from innosearch.index.maintenance import restore as restore_home

    if not source.exists():  # a mistyped folder is missing, not "no backup"
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(source))
    settings = settings_for(home)
    restored = restore_home(settings, source)
    # The counts, so that a backup of the wrong home (or an empty one) is seen at once.
    now = _documents(restored.after)
    counts = now if restored.before is None else f"{_documents(restored.before)} før, {now} nu"
    out.print(f"{settings.home} er gendannet fra {source}: {counts}.", highlight=False)


def _documents(count: int) -> str:
    return "1 dokument" if count == 1 else f"{count} dokumenter"
