"""Ingest of files sent over HTTP: saved under the home's uploads folder, then ingested."""

import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, Protocol

from innosearch.config import Settings
from innosearch.embed.base import Embedder
from innosearch.errors import LimitExceeded
from innosearch.ingest.pipeline import Ingestor, IngestReport

_UNSAFE = re.compile(r"[^\w.\- ]")


class Upload(Protocol):
    """What the pipeline needs of an uploaded file (FastAPI's UploadFile fits)."""

    filename: str | None
    file: BinaryIO


def safe_name(filename: str | None) -> str:
    """A plain file name from whatever a client sent: no folders, no odd characters."""
    name = _UNSAFE.sub("_", Path(filename or "").name).strip(". ")
    return name or "upload"


def ingest_uploads(
    settings: Settings, embedder: Embedder, uploads: Sequence[Upload]
) -> IngestReport:
    """Save the files under HOME/uploads, ingest them, and delete those that were refused.

    As with any single file, a document's source is its file name, so uploading a file again
    under the same name updates its document (reported as updated). Two files of one request
    with the same name are kept apart as name-2.ext, name-3.ext, … rather than one replacing the
    other. A request over max_upload_bytes is refused whole and nothing of it is kept.
    """
    folder = settings.home / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    try:
        sent = 0
        for upload in uploads:
            path = folder / _unique(safe_name(upload.filename), {p.name for p in paths})
            paths.append(path)
            with path.open("wb") as out:
                while chunk := upload.file.read(1 << 20):
                    sent += len(chunk)
                    if sent > settings.max_upload_bytes:
                        raise LimitExceeded(
                            f"Filerne fylder mere end grænsen på "
                            f"{settings.max_upload_bytes / 2**20:.0f} MB pr. upload "
                            "(INNOSEARCH_MAX_UPLOAD_BYTES); intet er gemt."
                        )
                    out.write(chunk)
        report = Ingestor(settings, embedder).ingest(paths)
    except BaseException:
        _delete(paths)
        raise
    stored = set(report.added) | set(report.updated) | set(report.unchanged)
    _delete([p for p in paths if not any(_from(source, p.name) for source in stored)])
    return report


def _unique(name: str, taken: set[str]) -> str:
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 1
    while name in taken:
        number += 1
        name = f"{stem}-{number}{suffix}"
    return name


def _from(source: str, name: str) -> bool:
    """Whether a document source came from the uploaded file `name`.

    Sources may add "#record", and carry the folder's name ("uploads/sag.json") when another
    folder's file already holds the bare name (ingest/origins.py).
    """
    return any(
        source == file or source.startswith(file + "#") for file in (name, f"uploads/{name}")
    )


def _delete(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
