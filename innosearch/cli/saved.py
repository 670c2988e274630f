"""saved: followed challenges (saved searches) and their secret links."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from innosearch.cli.common import Commands, HomeOption, JsonOption, open_searcher, out, settings_for

if TYPE_CHECKING:
    from innosearch.alerts.saved import SavedSearches

saved_app = typer.Typer(cls=Commands, help="Fulgte udfordringer (gemte søgninger).")


def _saved(home: Path | None, create: bool = False) -> "SavedSearches":
    from innosearch.alerts.saved import SavedSearches

    settings = settings_for(home)
    return SavedSearches(settings, open_searcher(home, create))


@saved_app.command("add")
def saved_add(
    query: Annotated[str, typer.Argument(help="Udfordringen, som I ville søge på den.")],
    home: HomeOption = None,
    name: Annotated[str, typer.Option(help="Et navn til udfordringen.")] = "",
    sector: Annotated[list[str] | None, typer.Option(help="Kun denne sektor.")] = None,
    stage: Annotated[list[str] | None, typer.Option(help="Kun denne fase.")] = None,
    status: Annotated[
        list[str] | None, typer.Option(help="Kun denne status (igangvaerende, afsluttet).")
    ] = None,
    own_sector: Annotated[str | None, typer.Option(help="Jeres egen sektor.")] = None,
    email: Annotated[str | None, typer.Option(help="Send nyt som e-mail hertil.")] = None,
) -> None:
    """Følg en udfordring: nyt, der matcher, samles efter hver indlæsning."""
    from innosearch.filters import Filters
    from innosearch.taxonomy import choice_keys

    settings = settings_for(home)
    # Keys or Danish labels ("klima_miljoe" or "Klima og miljø"), as the search command takes.
    filters = Filters(
        sector=choice_keys("sector", sector),
        stage=choice_keys("stage", stage),
        status=choice_keys("status", status),
    )
    own = choice_keys("sector", [own_sector])[0] if own_sector else None
    saved = _saved(home, create=True).create(name, query, filters, own, email, unique=True)
    base = settings.public_url.rstrip("/")
    out.print(f"Følger nu: {saved.name}", highlight=False)
    out.print(f"Hemmeligt link: {base}/fulgt/{saved.id}", highlight=False)
    out.print(f"Nyhedsfeed: {base}/api/saved/{saved.id}/feed.xml", highlight=False)


@saved_app.command("list")
def saved_list(home: HomeOption = None, as_json: JsonOption = False) -> None:
    """Vis alle fulgte udfordringer i hjemmet (med deres hemmelige id)."""
    from dataclasses import asdict

    from innosearch.alerts.saved import limits

    found = _saved(home).all()
    if as_json:
        print(json.dumps([asdict(s) for s in found], ensure_ascii=False, indent=2))
        return
    base = settings_for(home).public_url.rstrip("/")
    counted = "1 fulgt udfordring" if len(found) == 1 else f"{len(found)} fulgte udfordringer"
    out.print(counted, highlight=False)
    for s in found:  # whole lines: the links must stay copyable, never cut by a table
        mail = f" (e-mail til {s.email})" if s.email else ""
        out.print(f"- {s.name}: »{s.query}«{mail}", highlight=False, soft_wrap=True)
        if parts := limits(s):  # two challenges of the same words differ by their filters
            out.print(f"  {' · '.join(parts)}", highlight=False, soft_wrap=True)
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
