"""Keeping a home sound: `check` (what is wrong), `backup` and `restore` (a consistent copy).

A backup folder holds `store.sqlite3` (taken with SQLite's backup API, so it is consistent while
a server reads and an ingest writes, WAL included), the files uploaded over HTTP as they came
(`uploads/`) and, when one is saved, the FAISS cache with its manifest `vectors.json`. The cache
is only a speed-up: a restored home whose cache does not match its store rebuilds it on the first
search.
"""

import errno
import json
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from innosearch.config import Settings
from innosearch.errors import (
    HomeInUse,
    HomeMissing,
    HomeReadOnly,
    InvalidSetting,
    StoreDamaged,
    StoreTooNew,
)
from innosearch.file_lock import file_lock
from innosearch.index.store import Store
from innosearch.index.store.base import newest_schema
from innosearch.index.tables import TABLE_FILE
from innosearch.index.vectors import faiss_backend

STORE_FILE = "store.sqlite3"
UPLOADS = "uploads"
# Documents without an outline are counted up to this many; more say no more.
_COUNTED_UP_TO = 1_000_000


@dataclass
class Finding:
    ok: bool
    message: str  # Danish, one line
    # Not ok, but put right without anyone's help (the index cache is built again on the next
    # search): a warning, so that a monitor running `check` is not woken for it.
    heals: bool = False


def check_home(settings: Settings) -> list[Finding]:
    """SQLite's integrity, the model manifest, and whether the saved index matches the store."""
    try:
        store = Store.of(settings, create=False)
    except StoreDamaged:
        # Not the store's own message: that one sends the reader to this very command.
        return [
            Finding(
                False,
                f"Lageret {settings.store_path} er beskadiget og kan ikke læses. Gendan det fra "
                "en sikkerhedskopi (innosearch restore MAPPE), eller flyt det væk og indlæs igen.",
            )
        ]
    except (HomeMissing, HomeReadOnly, StoreTooNew) as exc:
        return [Finding(False, exc.message)]
    try:
        integrity = _integrity(store)
        if not integrity.ok:
            return [integrity]  # the other checks read the same damaged pages
        return [
            integrity,
            *_tables(store),
            *_manifest(store),
            *_outlines(store),
            _index(settings, store),
        ]
    except sqlite3.DatabaseError as exc:  # damage the integrity check did not see
        return [Finding(False, _damaged(settings.store_path, str(exc)))]
    finally:
        store.close()


def _damaged(path: Path, detail: str) -> str:
    return (
        f"Lageret {path} er beskadiget ({detail}). Gendan det fra en sikkerhedskopi "
        "(innosearch restore MAPPE), eller flyt det væk og indlæs igen."
    )


def _integrity(store: Store) -> Finding:
    problems = store.integrity_problems()
    if problems:
        return Finding(False, _damaged(store.path, "; ".join(problems[:3])))
    return Finding(True, f"Lageret er helt (SQLite integrity_check, skema {store.schema_version})")


def _tables(store: Store) -> list[Finding]:
    missing = store.missing_tables()
    if not missing:
        return []
    return [
        Finding(
            False,
            f"Lageret {store.path} mangler {', '.join(missing)}, som dets skema "
            f"({store.schema_version}) skal have: det er ikke opgraderet af denne udgave af "
            "innosearch. Gendan det fra en sikkerhedskopi, eller indlæs igen i et nyt hjem.",
        )
    ]


def _manifest(store: Store) -> list[Finding]:
    model, dim = store.get_meta("model"), int(store.get_meta("dim") or 0)
    if model is None:
        return [Finding(True, "Intet er indlæst endnu; ingen model valgt")]
    findings = [Finding(True, f"Bygget med modellen {model} ({dim} dimensioner)")]
    wrong = store.vectors_of_other_length(dim)
    if wrong:
        findings.append(
            Finding(False, f"{wrong} tekstafsnit har vektorer med andre end {dim} dim.")
        )
    return findings


def _outlines(store: Store) -> list[Finding]:
    missing = len(store.without_outline(_COUNTED_UP_TO))
    if not missing:
        return []
    # The next ingest fills them in (ingest/pipeline.py); meanwhile every search still answers.
    count = f"{missing} dokument" if missing == 1 else f"{missing} dokumenter"
    return [
        Finding(
            False,
            f"{count} mangler deres overblik (gemt af en ældre udgave), så søgningen rangerer "
            "uden det andet trin. Næste 'innosearch ingest' udfylder dem.",
            heals=True,
        )
    ]


def _index(settings: Settings, store: Store) -> Finding:
    if settings.vector_backend != "faiss":
        return Finding(True, f"Vektorindeks: {settings.vector_backend} (bygges i hukommelsen)")
    try:
        info = faiss_backend.saved_info(settings)
    except ValueError:
        # The reason is FAISS's or Python's English; what the operator needs is which files.
        return Finding(
            False,
            f"Vektorindekset {settings.vectors_path} eller dets beskrivelse vectors.json kan "
            "ikke læses (beskadiget eller mangler); det bygges igen ved næste søgning",
            heals=True,
        )
    if info is None:
        return Finding(True, "Intet gemt vektorindeks; det bygges ved første søgning")
    dim, generation = int(store.get_meta("dim") or 0), store.generation
    chunks = store.stats()["chunks"]
    if info["index_dim"] != dim or info.get("dim") != dim:
        return Finding(
            False,
            f"Vektorindekset har {info['index_dim']} dimensioner, lageret {dim}; det bygges "
            "igen ved næste søgning",
            heals=True,
        )
    if info.get("generation") != generation or info["rows"] != chunks:
        return Finding(
            False,
            f"Vektorindekset er forældet (udgave {info.get('generation')}, {info['rows']} rækker; "
            f"lageret: udgave {generation}, {chunks} afsnit); det bygges igen ved næste søgning",
            heals=True,
        )
    trained = info.get("trained", 0)
    if info.get("kind") == "ivf" and info["rows"] > faiss_backend.RETRAIN_FACTOR * trained:
        # Lists learnt on a quarter of the passages or fewer grow uneven and slow searches down;
        # retraining 1M passages takes minutes, so it is this explicit step, never a search's.
        return Finding(
            True,
            f"Vektorindekset passer til lageret ({chunks} afsnit), men dets lister er lært på "
            f"{trained} afsnit; slet vectors.faiss, så de læres igen ved næste søgning",
        )
    return Finding(True, f"Vektorindekset passer til lageret ({chunks} afsnit)")


def backup(settings: Settings, destination: Path) -> Path:
    """Copy the home into `destination` (a new or empty folder); returns the store's copy.

    The copy is written under a name of its own, checked as restore will check it, and renamed
    when complete, so an interrupted backup (or one of a damaged store) never leaves a
    `store.sqlite3` that looks whole; a failed one leaves the folder as it was (and removes it
    when it made it).
    """
    store = Store.of(settings, create=False)
    try:
        if destination.exists() and any(destination.iterdir()):
            raise InvalidSetting(f"Mappen {destination} er ikke tom; vælg en ny mappe til kopien.")
        made = not destination.exists()
        destination.mkdir(parents=True, exist_ok=True)
        partial = destination / (STORE_FILE + ".partial")
        try:
            # Uploads wait meanwhile, so the copied store and the copied files are of one moment.
            with file_lock(settings.uploads_lock_path):
                _copy_store(store, partial)
                _copy_uploads(settings.uploads_path, destination / UPLOADS)
            _refuse_damaged_copy(settings, partial)
            faiss_backend.copy_saved(settings, destination)
            _drop_stale_index(destination, partial)
            os.replace(partial, destination / STORE_FILE)
        except BaseException:
            _empty(destination, remove=made)
            raise
    finally:
        store.close()
    return destination / STORE_FILE


# SQLite's primary result codes for a copy that cannot be written where it was asked to be.
_CANNOT_WRITE = {sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM}


def _copy_store(store: Store, copy: Path) -> None:
    """The store copied to `copy`; a copy that cannot be written is named as the backup
    folder's problem. SQLite's error alone would reach the reader as a damaged home."""
    try:
        store.backup_to(copy)
    except sqlite3.DatabaseError as exc:
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        if code == sqlite3.SQLITE_FULL:
            reason = "disken er fuld. Frigør plads, eller vælg en mappe på en anden disk"
        elif code in _CANNOT_WRITE or not os.access(copy.parent, os.W_OK):
            reason = "mappen er skrivebeskyttet, eller der er ikke adgang. Vælg en anden mappe"
        else:
            raise
        raise InvalidSetting(
            f"Sikkerhedskopien kunne ikke skrives i {copy.parent}: {reason}."
        ) from exc


def _refuse_damaged_copy(settings: Settings, copy: Path) -> None:
    """Raise StoreDamaged when the copy would not pass restore's check.

    SQLite's backup copies damaged pages as they are: such a backup looks whole, and is only
    found out when it is needed and restore refuses it.
    """
    with closing(sqlite3.connect(copy)) as db:
        try:
            rows = [row[0] for row in db.execute("PRAGMA integrity_check(20)")]
        except sqlite3.DatabaseError as exc:
            rows = [str(exc)]
    if rows != ["ok"]:
        raise StoreDamaged(
            f"{_damaged(settings.store_path, '; '.join(rows[:3]))} Der er ikke taget nogen "
            "sikkerhedskopi: den kunne ikke gendannes."
        )


def _drop_stale_index(folder: Path, store_copy: Path) -> None:
    """Remove the copied index cache when it is not of the copied store's generation.

    An ingest may commit between the store's copy and the cache's, so a cache copied a moment
    later can describe another generation; the backup is then whole without it (it is rebuilt
    at the first search) rather than reported out of date by `check`.
    """
    sidecar = folder / "vectors.json"
    if not sidecar.exists():
        return
    with closing(sqlite3.connect(store_copy)) as db:
        row = db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    try:
        cached = json.loads(sidecar.read_text()).get("generation")
    except (OSError, ValueError, AttributeError):
        cached = None
    if row is None or cached != int(row[0]):
        for name in ("vectors.faiss", "vectors.json"):
            (folder / name).unlink(missing_ok=True)


def _copy_uploads(folder: Path, copy: Path) -> None:
    """The uploaded files of `folder`, if any, copied to `copy` (not an upload's leftovers)."""
    if folder.is_dir():
        # An upload's temporary and set-aside files start with "."; uploaded names never do.
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(".*"))


def _empty(folder: Path, remove: bool) -> None:
    """Delete what a failed backup wrote into `folder` (and the folder when it made it)."""
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink(missing_ok=True)
    if remove:
        folder.rmdir()


@dataclass
class Restored:
    """How many documents the home held before the restore (None: no store) and holds now."""

    before: int | None
    after: int


def restore(settings: Settings, source: Path) -> Restored:
    """Replace the home's store, uploads and index cache with a backup's, checked first.

    The backup is copied into the home and checked there, so it is never written to (a backup
    on a read-only medium restores; an older backup is upgraded in the copy, not in place).
    Refused while another process (a server, an ingest) has the home open: it would go on
    with the old store and its log, and could write into the new one.
    """
    copy = source / STORE_FILE
    if not copy.is_file():
        raise HomeMissing(f"{source} er ikke en sikkerhedskopi (der er ingen {STORE_FILE}).")
    home = settings.home
    home.mkdir(parents=True, exist_ok=True)
    staged = _stage(copy, home)
    staged_uploads = Path(tempfile.mkdtemp(dir=home, prefix=".restore-uploads-"))
    try:
        problem = _backup_problem(staged)
        if problem:
            raise StoreDamaged(
                f"Sikkerhedskopien i {source} kan ikke bruges: {problem} Hjemmet er ikke ændret."
            )
        _refuse_if_in_use(settings)
        # Counted after the check: opened before it, a connection of this process made the
        # check find the home in use.
        before, after = _documents(settings.store_path), _documents(staged) or 0
        _copy_uploads(source / UPLOADS, staged_uploads / UPLOADS)
        _drop_caches(settings)
        os.replace(staged, settings.store_path)
        _swap_uploads(staged_uploads / UPLOADS, settings.uploads_path)
    finally:
        for path in _with_journal(staged):
            path.unlink(missing_ok=True)
        shutil.rmtree(staged_uploads, ignore_errors=True)
    for name in ("vectors.faiss", "vectors.json"):
        if (source / name).exists():
            shutil.copyfile(source / name, home / name)
    return Restored(before, after)


def _documents(store_path: Path) -> int | None:
    """The number of documents in a store file, or None when there is no readable one."""
    if not store_path.is_file():
        return None
    try:
        with closing(sqlite3.connect(store_path)) as db:
            return int(db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.DatabaseError:
        return None


def _swap_uploads(restored: Path, uploads: Path) -> None:
    """Put the backup's uploads in place of the home's; a backup without any keeps the home's.

    Backups made before uploads were copied have none, and the home's may be the only copy.
    """
    if not restored.is_dir():
        return
    if uploads.exists():
        shutil.rmtree(uploads)
    os.replace(restored, uploads)


def _with_journal(store: Path) -> list[Path]:
    return [store, *(store.with_name(store.name + s) for s in ("-wal", "-shm", "-journal"))]


def _stage(copy: Path, home: Path) -> Path:
    """The backup's store copied into the home under a name of its own, with its log if any.

    A folder copied by hand from a live home may hold committed changes only in the log.
    """
    handle, name = tempfile.mkstemp(dir=home, prefix=".restore-", suffix=".sqlite3")
    os.close(handle)
    staged = Path(name)
    try:
        shutil.copyfile(copy, staged)
        wal = copy.with_name(copy.name + "-wal")
        if wal.is_file():
            shutil.copyfile(wal, staged.with_name(staged.name + "-wal"))
    except BaseException as exc:
        for path in _with_journal(staged):
            path.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            # The error names the backup's file, but the full disk is the home's.
            raise InvalidSetting(
                f"Der er ikke plads til sikkerhedskopien i {home}: disken er fuld. Frigør plads, "
                "og gendan så igen; hjemmet er ikke ændret."
            ) from exc
        raise
    return staged


def _backup_problem(staged: Path) -> str | None:
    """Why the staged copy of a backup cannot become the home's store (in Danish), if so."""
    try:
        with closing(sqlite3.connect(staged)) as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError:
        version = None
    if not version:  # no database, or one innosearch never wrote: migrating it would empty the home
        return f"den er ikke et innosearch-lager (ingen {STORE_FILE} skrevet af innosearch)."
    if version > newest_schema():
        return (
            f"den er skrevet af en nyere udgave af innosearch (skema {version}; denne udgave "
            f"kender op til skema {newest_schema()}). Opdatér innosearch, og gendan så igen."
        )
    try:
        store = Store(staged, create=False)
    except (HomeMissing, HomeReadOnly, StoreDamaged):
        return "lageret i den er beskadiget."
    try:
        problems = store.integrity_problems()
    finally:
        store.close()
    return f"lageret i den er beskadiget ({'; '.join(problems[:3])})." if problems else None


def _refuse_if_in_use(settings: Settings) -> None:
    """Raise HomeInUse when another connection has the home's store open.

    Every connection to a store in WAL mode holds a shared lock on it for as long as it is
    open, so an exclusive lock is only granted when no server or ingest has the store open.
    """
    if not settings.store_path.exists():
        return
    db = sqlite3.connect(settings.store_path, timeout=0, isolation_level=None)
    try:
        db.execute("PRAGMA locking_mode=EXCLUSIVE")
        db.execute("BEGIN EXCLUSIVE")
        db.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise HomeInUse(
                f"{settings.home} er i brug af en anden proces (en kørende 'innosearch serve', "
                "en indlæsning eller en anden kommando). Stop den først, og gendan så igen; "
                "hjemmet er ikke ændret."
            ) from exc
    except sqlite3.DatabaseError:
        pass  # the store being replaced is damaged: nothing can be using it
    finally:
        db.close()


def _drop_caches(settings: Settings) -> None:
    """Delete what the home keeps beside its store: all of it describes the old store."""
    home = settings.home
    for stale in (settings.vectors_path.with_suffix(s) for s in (".faiss", ".json", ".f16")):
        stale.unlink(missing_ok=True)
    # The Milvus sidecar names the generation the collection was synced to; the restored store
    # may share that number with other contents, so the collection is compared anew.
    for name in (TABLE_FILE, "milvus.json"):
        (home / name).unlink(missing_ok=True)
    for path in _with_journal(settings.store_path)[1:]:  # the old log must not meet the new file
        path.unlink(missing_ok=True)
