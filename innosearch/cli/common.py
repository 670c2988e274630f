"""What every command shares: the consoles, the error wrapper, --home/--json, settings, model."""

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from typer.core import TyperGroup

from innosearch.config import Settings, setting_problems
from innosearch.embed.base import Embedder
from innosearch.embed.factory import LazyEmbedder
from innosearch.errors import InnosearchError, InvalidSetting

if TYPE_CHECKING:
    from innosearch.search.searcher import Searcher

out = Console()
err = Console(stderr=True)


class Commands(TyperGroup):
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


HomeOption = Annotated[
    Path | None,
    typer.Option("--home", help="Mappe med lager og indeks (ellers INNOSEARCH_HOME)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Skriv resultatet som JSON.")]


def settings_for(home: Path | None) -> Settings:
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


def loaded_embedder(settings: Settings) -> Embedder:
    """The model, loaded now: ingest and serve need it at once."""
    return _AnnouncedLazyEmbedder(settings).loaded


def open_searcher(home: Path | None, create: bool = False) -> "Searcher":
    """The read side; reads that embed nothing (stats, export, related) never load the model.

    Reads never create a home (a mistyped --home is reported, not silently made); a command
    that writes, like following a challenge before anything is ingested, passes `create`.
    """
    from innosearch.index.store import Store
    from innosearch.search.searcher import Searcher

    settings = settings_for(home)
    store = Store(settings.store_path, create=create)
    return Searcher(settings, _AnnouncedLazyEmbedder(settings), store)
