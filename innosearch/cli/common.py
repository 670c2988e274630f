"""What every command shares: the consoles, the error wrapper, --home/--json, settings, model."""

import errno
import os
import sqlite3
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, get_args, get_origin

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.text import Text
from typer import rich_utils
from typer._click.formatting import HelpFormatter
from typer.core import TyperGroup

from innosearch.cli.usage import NoArgsIsHelpError, UsageError, usage_problem
from innosearch.config import Settings, setting_problems
from innosearch.embed.base import Embedder
from innosearch.embed.factory import LazyEmbedder
from innosearch.errors import InnosearchError, InvalidSetting
from innosearch.index.store import unusable

if TYPE_CHECKING:
    from innosearch.search.searcher import Searcher

# Plain text: names, titles and values are printed as they are, never read as rich markup
# ("rapport [endelig].pdf" keeps its brackets, a title holding "[/i]" is no error). Our own
# colours are given as styles (`marked`).
out = Console(markup=False)
err = Console(stderr=True, markup=False)


def marked(label: str, style: str, text: str) -> Text:
    """`label` in `style` (a colour), then `text` as it is: "FEJL sag.json: …"."""
    return Text.assemble((label, style), text)


# The settings the running command resolved (settings_for), so that the error wrapper can tell
# a home that became read-only from a damaged store; unset until a command resolves them.
_command_settings: ContextVar[Settings | None] = ContextVar("command_settings", default=None)


class _DanishHelp(HelpFormatter):
    """click's help formatter with its usage line headed in Danish."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Brug: " if prefix is None else prefix)


class _DanishContext(typer.Context):
    formatter_class = _DanishHelp


# The words typer writes itself around every help text. typer reads these module constants
# each time it formats help, and offers no other way to word them.
rich_utils.ARGUMENTS_PANEL_TITLE = "Argumenter"
rich_utils.OPTIONS_PANEL_TITLE = "Valgmuligheder"
rich_utils.COMMANDS_PANEL_TITLE = "Kommandoer"
rich_utils.ERRORS_PANEL_TITLE = "Fejl"
rich_utils.REQUIRED_LONG_STRING = "[påkrævet]"
rich_utils.DEFAULT_STRING = "[standard: {}]"
rich_utils.ENVVAR_STRING = "[miljøvariabel: {}]"
rich_utils.ABORTED_TEXT = "Afbrudt."
_OPTIONS = "[VALGMULIGHEDER]"


class Commands(TyperGroup):
    """Every command ends a user error the same way: a Danish message, exit status 2.

    Domain errors carry their own message (the store tells a read-only home from damage); an
    SQLite error after the store was opened is first checked for a read-only home too; a file
    system error on a path (a folder that is a file, a missing folder, no access, a full disk)
    names the path.
    """

    def get_params(self, ctx: Any) -> Any:
        return _in_danish(super().get_params(ctx))

    context_class = _DanishContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = _OPTIONS
        self.subcommand_metavar = "KOMMANDO [ARGUMENTER]..."

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _in_danish(command.get_params(ctx))
            command.context_class = _DanishContext
            command.options_metavar = _OPTIONS
        return command

    def invoke(self, ctx: Any) -> Any:
        _command_settings.set(None)
        try:
            return super().invoke(ctx)
        except InnosearchError as exc:
            _fail(exc.message, exc)
        except sqlite3.DatabaseError as exc:  # found after the store was opened
            settings = _command_settings.get()
            if settings is None:
                _fail(f"Lageret kan ikke læses ({exc}). Kør 'innosearch check'.", exc)
            _fail(unusable(settings.store_path, exc).message, exc)
        except OSError as exc:
            problem = path_problem(exc)
            if problem is None:  # not about a path (a socket, a broken pipe): not ours to word
                raise
            _fail(problem, exc)
        except NoArgsIsHelpError as exc:
            # A group named alone (`innosearch saved`) has shown its help as it was raised, as
            # `innosearch` alone does: no error line after it, the same exit status.
            raise typer.Exit(2) from exc
        except UsageError as exc:
            # An option's value missing on a command's line is raised before that command has a
            # context: pointed to the command's own help, not the whole program's.
            command = ctx.command_path
            if exc.ctx is None and ctx.invoked_subcommand:
                command = f"{command} {ctx.invoked_subcommand}"
            _fail(usage_problem(exc, command), exc)


# The options typer adds to every command or to the program, described in its own English.
_TYPER_HELP = {
    "Show this message and exit.": "Vis denne hjælp og stop.",
    "Install completion for the current shell.": (
        "Installér fuldførelse af kommandoer i den skal, der kører."
    ),
    "Show completion for the current shell, to copy it or customize the installation.": (
        "Vis fuldførelsen for den skal, der kører, så den kan kopieres eller tilpasses."
    ),
}


def _in_danish(params: list[Any]) -> list[Any]:
    """`params` with the help texts typer writes itself said in Danish."""
    for param in params:
        param.help = _TYPER_HELP.get(getattr(param, "help", None) or "", param.help)
        _value_shown_in_danish(param)
    return params


def _value_shown_in_danish(param: Any) -> None:
    """What a value looks like, in Danish, where typer would show a Python type.

    typer writes `<int>`, `<path>`, `<list[str]>` beside each parameter and `<bool>` beside a
    flag, which takes no value at all. An option names its value with its metavar; an argument's
    metavar is also its name in error messages, so only its help column is worded here.
    """
    if param.param_type_name == "argument":
        word = _value_word(param)
        param.display_type_rich = lambda ctx: word
    elif param.metavar is None:
        param.metavar = "" if getattr(param, "is_flag", False) else _value_word(param)


def _value_word(param: Any) -> str:
    described = param.type_descriptor
    if described.is_path:
        return "STI"
    kind = described.annotation
    if get_origin(kind) is list:
        kind = get_args(kind)[0]
    return "TAL" if kind in (int, float) else "TEKST"


def _fail(message: str, exc: BaseException) -> NoReturn:
    err.print(marked("Fejl:", "red", f" {message}"), highlight=False, soft_wrap=True)
    raise typer.Exit(2) from exc


def path_problem(exc: OSError) -> str | None:
    """A file system error as one Danish line naming the path; None when it names no path."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT) and exc.filename is None:
        return "disken er fuld"
    if not isinstance(exc.filename, (str, bytes, os.PathLike)):
        return None
    path = Path(os.fsdecode(exc.filename))
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) and (file := file_in_the_way(path)):
        return f"{file} er en fil, ikke en mappe"
    if exc.errno == errno.ENOENT:
        missing = next((step for step in _steps(path) if not _exists(step)), path)
        return f"{path} findes ikke" if missing == path else f"{path}: mappen {missing} findes ikke"
    if exc.errno == errno.EISDIR:
        return f"{path} er en mappe, ikke en fil"
    if exc.errno == errno.EEXIST:
        return f"{path} findes allerede"
    reason = _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    return f"{path}: {reason}"


_REASONS = {
    errno.EACCES: "ingen adgang (tjek rettighederne)",
    errno.EPERM: "ingen adgang (tjek rettighederne)",
    errno.EROFS: "skrivebeskyttet (filsystemet kan kun læses)",
    errno.ENOSPC: "disken er fuld",
    errno.EDQUOT: "disken er fuld (kvoten er brugt op)",
}


def file_in_the_way(path: Path) -> Path | None:
    """The first of the folders down to `path`, and `path`, that exists but is no folder."""
    try:
        for step in _steps(path):
            if not step.exists():
                return None
            if not step.is_dir():
                return step
    except OSError:  # no access to look further
        return None
    return None


def _steps(path: Path) -> list[Path]:
    """`path` and the folders above it, outermost first."""
    return [*reversed(path.parents), path]


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # no access to look: as far as we can tell
        return True


HomeOption = Annotated[
    Path | None,
    typer.Option(
        "--home",
        metavar="MAPPE",
        help="Mappe med lager og indeks (ellers INNOSEARCH_HOME, og uden den "
        ".innosearch/home i den mappe, kommandoen køres fra).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Skriv resultatet som JSON.")]
OffsetOption = Annotated[
    int,
    typer.Option(
        metavar="ANTAL",
        help="Spring så mange sager over først, for at bladre videre (0 = fra begyndelsen).",
    ),
]


def settings_for(home: Path | None) -> Settings:
    try:
        settings = Settings()
    except ValidationError as exc:
        raise InvalidSetting(setting_problems(exc)) from exc
    if home:
        settings = settings.model_copy(update={"home": home})
    file = file_in_the_way(settings.home)
    if file is not None:
        raise InvalidSetting(
            f"{file} er en fil, ikke en mappe. Vælg en mappe til lager og indeks med --home "
            "(eller INNOSEARCH_HOME)."
        )
    _command_settings.set(settings)
    return settings


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
    store = Store.of(settings, create=create)
    return Searcher(settings, _AnnouncedLazyEmbedder(settings), store)
