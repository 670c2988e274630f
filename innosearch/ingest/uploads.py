"""Ingest of files sent over HTTP: saved under the home's uploads folder, then ingested."""

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, Protocol

from innosearch.config import Settings
from innosearch.embed.base import Embedder
from innosearch.errors import DocumentNotFound, LimitExceeded
from innosearch.file_lock import file_lock
from innosearch.index.store import Store
from innosearch.ingest.pipeline import Ingestor, IngestReport

_UNSAFE = re.compile(r"[^\w.\- ]")
# File systems allow 255 bytes per name; room is left for "-2" and the like, and for SQLite's or
# an editor's suffixes beside it.
_MAX_NAME_BYTES = 200


class Upload(Protocol):
    """What the pipeline needs of an uploaded file (FastAPI's UploadFile fits)."""

    filename: str | None
    file: BinaryIO


def safe_name(filename: str | None) -> str:
    """A plain file name from whatever a client sent: no folders, no odd characters."""
    name = _UNSAFE.sub("_", Path(filename or "").name).strip(". ")
    return _shortened(name) or "upload"


def _shortened(name: str) -> str:
    """`name` cut to _MAX_NAME_BYTES of UTF-8, keeping its file type."""
    if len(name.encode()) <= _MAX_NAME_BYTES:
        return name
    suffix = Path(name).suffix if len(Path(name).suffix) <= 10 else ""
    stem = name[: len(name) - len(suffix)]
    while len((stem + suffix).encode()) > _MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem.rstrip(". ") + suffix


def ingest_uploads(
    settings: Settings, embedder: Embedder, uploads: Sequence[Upload]
) -> IngestReport:
    """Save the files under HOME/uploads, ingest them, and delete those that were refused.

    As with any single file, a document's source is its file name, so uploading a file again
    under the same name updates its document (reported as updated). Two files of one request
    with the same name are kept apart as name-2.ext, name-3.ext, … rather than one replacing the
    other. A request over max_upload_bytes is refused whole and nothing of it is kept.
    """
    folder = settings.uploads_path
    folder.mkdir(parents=True, exist_ok=True)
    # One upload at a time per home, across threads and server worker processes: two requests
    # sending a file of one name would otherwise write the same path at once, and one could
    # ingest the other's half-written file or delete the file the other just stored.
    with file_lock(settings.uploads_lock_path):
        return _save_and_ingest(settings, embedder, uploads, folder)


def _save_and_ingest(
    settings: Settings, embedder: Embedder, uploads: Sequence[Upload], folder: Path
) -> IngestReport:
    """Receive every file, then put each in place (an earlier upload of its name set aside)."""
    received = _receive(settings, uploads, folder)
    paths = [final for _, final in received]
    earlier: dict[Path, Path] = {}
    try:
        for temporary, final in received:
            if final.exists():
                aside = final.with_name(f".tidligere-{final.name}")
                os.replace(final, aside)
                earlier[final] = aside
            os.replace(temporary, final)
        ingestor = Ingestor(settings, embedder)
        try:
            report = ingestor.ingest(paths)
        finally:  # its own connections, not left open until the garbage collector runs
            ingestor.store.close()
    except BaseException:
        _delete([temporary for temporary, _ in received])
        _keep_earlier(paths, earlier)
        raise
    stored = set(report.added) | set(report.updated) | set(report.unchanged)
    refused = [p for p in paths if not any(_from(source, p.name) for source in stored)]
    _keep_earlier(refused, earlier)
    _delete([earlier[p] for p in paths if p in earlier and p not in refused])
    return report


def _receive(
    settings: Settings, uploads: Sequence[Upload], folder: Path
) -> list[tuple[Path, Path]]:
    """Each upload written whole under a temporary name, with the name it is to have.

    A request over max_upload_bytes is refused before any file takes its name, so an earlier
    upload of the same name is never overwritten by a request that is not kept.
    """
    received: list[tuple[Path, Path]] = []
    sent = 0
    try:
        for upload in uploads:
            final = folder / _unique(safe_name(upload.filename), {f.name for _, f in received})
            temporary = folder / f".modtages-{len(received)}-{os.getpid()}-{final.name}"
            received.append((temporary, final))
            with temporary.open("wb") as out:
                while chunk := upload.file.read(1 << 20):
                    sent += len(chunk)
                    if sent > settings.max_upload_bytes:
                        raise LimitExceeded(
                            f"Filerne fylder mere end grænsen på "
                            f"{settings.max_upload_bytes / 2**20:.0f} MB pr. upload "
                            "(INNOSEARCH_MAX_UPLOAD_BYTES); intet er gemt."
                        )
                    out.write(chunk)
    except BaseException:
        _delete([temporary for temporary, _ in received])
        raise
    return received


def _keep_earlier(paths: list[Path], earlier: dict[Path, Path]) -> None:
    """Put back the earlier upload of each name in `paths`, or delete the new file if none."""
    for path in paths:
        if path in earlier:
            os.replace(earlier[path], path)
        else:
            path.unlink(missing_ok=True)


def delete_document(settings: Settings, store: Store, doc_id: str) -> None:
    """Delete a document (a report with its cases); an uploaded file it came from goes too, once
    no document comes from that file.

    A case deleted over HTTP must be gone from the home, also from the folder its upload was
    kept in: it may hold what the sender wanted removed. A file a folder ingest reads is left
    alone; it is not the home's.
    """
    record = store.document(doc_id)
    if record is None or not store.delete_document(doc_id):
        raise DocumentNotFound(f"Der findes ingen sag med id '{doc_id}'.")
    file_source = record.source.split("#")[0]
    origin = store.file_origin(file_source)
    if origin is None or Path(origin).parent != Path(os.path.abspath(settings.uploads_path)):
        return
    if store.has_documents_of_file(file_source):
        return  # another record of the same file is still stored
    Path(origin).unlink(missing_ok=True)
    store.record_origins({}, forget=[file_source])


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
