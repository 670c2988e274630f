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
    """Read a file, turning OS errors into a ParseError the user can act on."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ParseError("filen findes ikke") from exc
    except IsADirectoryError as exc:
        raise ParseError("stien er en mappe, ikke en fil") from exc
    except OSError as exc:
        raise ParseError(f"filen kan ikke læses ({exc.strerror or exc})") from exc


def summarise_problems(problems: list[str], limit: int = 3) -> str:
    """Join the first few per-record problems into one message."""
    shown = "; ".join(problems[:limit])
    if len(problems) > limit:
        shown += f" (og {len(problems) - limit} flere)"
    return shown
