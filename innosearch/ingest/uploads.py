"""Ingest of files sent over HTTP: saved under the home's uploads folder, then ingested."""

import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, Protocol

from innosearch.config import Settings
from innosearch.embed.base import Embedder
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
    """Save the files under HOME/uploads (the same name replaces the earlier file), ingest them.

    As with any single file, a document's source is its file name.
    """
    folder = settings.home / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for upload in uploads:
        path = folder / safe_name(upload.filename)
        with path.open("wb") as out:
            while chunk := upload.file.read(1 << 20):
                out.write(chunk)
        paths.append(path)
    return Ingestor(settings, embedder).ingest(paths)
