"""sources: the websites that ingest --refresh fetches again."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from innosearch.cli.common import Commands, HomeOption, JsonOption, out, settings_for

if TYPE_CHECKING:
    from innosearch.ingest.web.sources import WebSources

sources_app = typer.Typer(cls=Commands, help="Websteder, der hentes igen med ingest --refresh.")


def _web_sources(home: Path | None, create: bool = False) -> "WebSources":
    """The home's web sources; only adding one creates a missing home (see open_searcher)."""
    from innosearch.index.store import Store
    from innosearch.ingest.web.sources import WebSources

    return WebSources(Store(settings_for(home).store_path, create=create))


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
    new = _web_sources(home, create=True).add(source)
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
    table = Table(title=f"{len(found)} webkilde" if len(found) == 1 else f"{len(found)} webkilder")
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
