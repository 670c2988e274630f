"""sources: the websites that ingest --refresh fetches again."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from innosearch.cli.common import Commands, HomeOption, JsonOption, out, settings_for

if TYPE_CHECKING:
    from innosearch.index.web_state import WebSource
    from innosearch.ingest.web.sources import WebSources

sources_app = typer.Typer(
    cls=Commands, help="Websteder, der hentes igen med ingest --refresh.", no_args_is_help=True
)


def _web_sources(home: Path | None, create: bool = False) -> "WebSources":
    """The home's web sources; only adding one creates a missing home (see open_searcher)."""
    from innosearch.index.store import Store
    from innosearch.ingest.web.sources import WebSources

    return WebSources(Store.of(settings_for(home), create=create))


@sources_app.command("add")
def sources_add(
    url: Annotated[
        str, typer.Argument(metavar="ADRESSE", help="Webstedets startadresse (https://…).")
    ],
    home: HomeOption = None,
    sitemap: Annotated[
        bool, typer.Option("--sitemap", help="Kun siderne i webstedets sitemap; følg ikke links.")
    ] = False,
    max_pages: Annotated[
        int | None,
        typer.Option(
            "--max-pages",
            metavar="ANTAL",
            help="Højst så mange sider pr. gennemgang (ellers INNOSEARCH_CRAWL_MAX_PAGES, og "
            "uden den 500).",
        ),
    ] = None,
    include: Annotated[
        str | None,
        typer.Option(
            "--include",
            metavar="STI",
            help="Kun stier, der passer: /aeldre er /aeldre og alt under den; et mønster med "
            "* skal passe til hele stien, fx /*/cases/*.",
        ),
    ] = None,
) -> None:
    """Tilføj et websted (eller ret dets grænser)."""
    from innosearch.ingest.web.sources import web_source

    source = web_source(url, sitemap, max_pages, include)
    new = _web_sources(home, create=True).add(source)
    verb = "Tilføjet" if new else "Opdateret"
    out.print(
        f"{verb}: {source.url}  (hent med: innosearch ingest --refresh)",
        highlight=False,
        soft_wrap=True,
    )


@sources_app.command("list")
def sources_list(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Vis webkilderne."""
    from dataclasses import asdict

    found = _web_sources(home).all()
    if as_json:
        print(json.dumps([asdict(s) for s in found], ensure_ascii=False, indent=2))
        return
    out.print(f"{len(found)} webkilde" if len(found) == 1 else f"{len(found)} webkilder")
    for s in found:  # whole lines: the address must stay copyable for `sources remove`
        out.print(f"- {s.url}", highlight=False, soft_wrap=True)
        out.print(f"  {_limits(s)}", highlight=False, soft_wrap=True)


def _limits(source: "WebSource") -> str:
    """A source's limits and last crawl, in one line."""
    parts = [f"sidst hentet: {source.crawled_at or 'aldrig'}"]
    if source.sitemap_only:
        parts.append("kun sitemap")
    if source.max_pages:
        parts.append(f"højst {source.max_pages} sider")
    if source.include:
        parts.append(f"kun stier: {source.include}")
    return " · ".join(parts)


@sources_app.command("remove")
def sources_remove(
    url: Annotated[
        str, typer.Argument(metavar="ADRESSE", help="Kildens adresse, som i sources list.")
    ],
    home: HomeOption = None,
    purge: Annotated[
        bool, typer.Option("--purge", help="Fjern også kildens dokumenter fra indekset.")
    ] = False,
) -> None:
    """Stop med at hente et websted."""
    removed = _web_sources(home).remove(url, purge)
    out.print(
        f"Fjernet: {url}" + (f" og {_documents(removed)}" if purge else ""),
        highlight=False,
        soft_wrap=True,
    )


def _documents(count: int) -> str:
    return "1 dokument" if count == 1 else f"{count} dokumenter"
