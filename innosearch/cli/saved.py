"""saved: followed challenges (saved searches) and their secret links."""

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from innosearch.cli.common import Commands, HomeOption, JsonOption, open_searcher, out, settings_for
from innosearch.cli.read import OWN_SECTOR_HELP, SECTOR_HELP, STAGE_HELP, STATUS_HELP

if TYPE_CHECKING:
    from innosearch.alerts.saved import SavedSearches

saved_app = typer.Typer(
    cls=Commands, help="Fulgte udfordringer (gemte søgninger).", no_args_is_help=True
)


def _saved(home: Path | None, create: bool = False) -> "SavedSearches":
    from innosearch.alerts.saved import SavedSearches

    settings = settings_for(home)
    return SavedSearches(settings, open_searcher(home, create))


@saved_app.command("add")
def saved_add(
    query: Annotated[
        str, typer.Argument(metavar="UDFORDRING", help="Udfordringen, som I ville søge på den.")
    ],
    home: HomeOption = None,
    name: Annotated[
        str, typer.Option(metavar="NAVN", help="Et navn til udfordringen (ellers dens ord).")
    ] = "",
    sector: Annotated[list[str] | None, typer.Option(metavar="SEKTOR", help=SECTOR_HELP)] = None,
    stage: Annotated[list[str] | None, typer.Option(metavar="FASE", help=STAGE_HELP)] = None,
    status: Annotated[list[str] | None, typer.Option(metavar="STATUS", help=STATUS_HELP)] = None,
    own_sector: Annotated[str | None, typer.Option(metavar="SEKTOR", help=OWN_SECTOR_HELP)] = None,
    email: Annotated[
        str | None,
        typer.Option(metavar="ADRESSE", help="Send nyt som e-mail hertil, fx navn@kommune.dk."),
    ] = None,
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
    saved_id: Annotated[
        str,
        typer.Argument(
            metavar="ID|LINK", help="Det hemmelige id, eller hele linket fra 'saved list'."
        ),
    ],
    home: HomeOption = None,
) -> None:
    """Stop med at følge en udfordring (linket holder op med at virke)."""
    _saved(home).revoke(_id_of(saved_id))
    out.print("Stoppet: linket virker ikke længere.")


# `saved list` shows links, not bare ids: a link pasted whole (page or feed) names its challenge.
_LINKED_ID = re.compile(r"/(?:fulgt|api/saved)/(?P<id>[^/?#]+)")


def _id_of(given: str) -> str:
    found = _LINKED_ID.search(given)
    return found["id"] if found else given.strip()
