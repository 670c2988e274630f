"""The contract every source parser fulfils.

Per-record problems: a file can hold many documents (a CSV of cases, a JSON list). One bad record
must not cost the good ones, and must not vanish silently either. So `parse` returns a
`DocumentList`: an ordinary `list[ParsedDocument]` that also carries `warnings`, one Danish
message per skipped record (e.g. "række 4: mangler titel"). The pipeline reads them with
`warnings_of(result)` and reports them next to the file path. Only when *no* record is usable
does `parse` raise `ParseError`, with the first problems in its message. Whole-file problems
(empty file, invalid JSON, corrupt PDF, ...) always raise.

Messages never contain the file path: the pipeline prefixes it.
"""

import errno
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from innosearch.config import Settings
from innosearch.documents import ParsedDocument
from innosearch.errors import ParseError


@dataclass(frozen=True)
class ParseLimits:
    """The limits a parser applies while it reads (the pipeline checks file size, fields and
    passages itself). Every parser takes them, so a new limit reaches all of them one way."""

    max_pages: int = Settings.model_fields["max_pages"].default

    @classmethod
    def of(cls, settings: Settings) -> "ParseLimits":
        return cls(max_pages=settings.max_pages)


NO_LIMITS = ParseLimits()


@runtime_checkable
class SourceParser(Protocol):
    """Turns one file into documents. Register new parsers in `registry.py`."""

    # Read-only, so a parser may declare them as plain class attributes of narrower types.
    @property
    def kind(self) -> str: ...

    @property
    def suffixes(self) -> tuple[str, ...]: ...

    def parse(self, path: Path, limits: ParseLimits = ...) -> list[ParsedDocument]:
        """Parse `path` within `limits`; raise ParseError / UnsupportedSource (Danish message).

        LimitExceeded, naming the limit's setting, when the file is over one of them.
        """
        ...


class DocumentList(list[ParsedDocument]):
    """The documents parsed from one file, plus warnings about records that were skipped."""

    def __init__(self, docs: list[ParsedDocument] | None = None, warnings: list[str] | None = None):
        super().__init__(docs or [])
        self.warnings: list[str] = list(warnings or [])


def warnings_of(docs: list[ParsedDocument]) -> list[str]:
    """Warnings attached to a parse result (empty for parsers that return a plain list)."""
    return list(getattr(docs, "warnings", []))


def read_bytes(path: Path) -> bytes:
    """Read a file, turning OS errors into a ParseError the user can act on.

    Only a regular file is read: a named pipe or a device found in a folder would otherwise
    make the read wait forever.
    """
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise ParseError("stien er en mappe, ikke en fil")
        if not stat.S_ISREG(mode):
            raise ParseError(
                "stien er ikke en almindelig fil, men fx en navngiven pipe eller en enhed"
            )
        return path.read_bytes()
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and path.is_symlink():
            # A link whose file is gone is found in its folder, but can't be read.
            raise ParseError("linket peger på en fil, der ikke findes") from exc
        raise ParseError(access_problem(exc)) from exc


def access_problem(exc: OSError, what: str = "filen") -> str:
    """Why `what` ("filen", "mappen") could not be read, in Danish for the errors a user can
    act on."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"ingen adgang til {what} (tjek rettighederne)"
    if exc.errno == errno.ENOENT:
        return f"{what} findes ikke"
    if exc.errno == errno.ELOOP:
        return f"{what} er et link, der peger i ring"
    return f"{what} kan ikke læses ({exc.strerror or exc})"


def summarise_problems(problems: list[str], limit: int = 3) -> str:
    """Join the first few per-record problems into one message."""
    shown = "; ".join(problems[:limit])
    if len(problems) > limit:
        shown += f" (og {len(problems) - limit} flere)"
    return shown
