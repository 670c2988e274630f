"""The store's connection handling, transactions and migrations; the other modules add tables."""

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from importlib import resources
from pathlib import Path
from typing import Self

import numpy as np

from innosearch.config import Settings
from innosearch.errors import (
    HomeMissing,
    HomeReadOnly,
    InnosearchError,
    StaleTable,
    StoreBusy,
    StoreDamaged,
    StoreTooNew,
)
from innosearch.index.store.derived import DATA_STEPS, PASSAGE_DTYPE, rebuild_lexical_index
from innosearch.index.store.passages import lexical_rows
from innosearch.index.store.select import select_in
from innosearch.index.store.texts import LEXICAL_ANALYSIS_KEY, lexical_analysis

# What SQLite answers when another connection held the write lock for the whole busy timeout.
_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})

# Migrations after which much of the file is free pages (010 stores each text once, 011 passages
# as slices of their document's text).
_SHRINKING = frozenset({10, 11, 12})


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("innosearch.index") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


def newest_schema() -> int:
    """The newest store schema this version of innosearch knows: its last migration's number."""
    return _migrations()[-1][0]


def tables_of_schema(version: int) -> set[str]:
    """The tables a store at schema `version` has: its migrations run on an empty database."""
    with closing(sqlite3.connect(":memory:")) as db:
        for number, script in _migrations():
            if number <= version:
                for statement in _statements(script):
                    db.execute(statement)
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _statements(script: str) -> Iterator[str]:
    """A migration script's statements one by one, so they can run inside one transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""
    if statement.strip():
        yield statement  # trailing comments; an unfinished statement fails loudly here


class StoreBase:
    """One SQLite file: connections, transactions, migrations and meta values.

    Each thread gets its own connection (opened on first use): SQLite then keeps one thread's
    read transaction apart from another's writes, which a shared connection cannot.
    """

    def __init__(self, path: Path, create: bool = True, busy_timeout_s: float = 30.0):
        if not path.exists() and not create:
            raise HomeMissing(
                f"Der er intet indeks i {path.parent}. Indlæs først sager med "
                "'innosearch ingest MAPPE' (eller vælg en anden mappe med --home)."
            )
        if path.exists() and path.stat().st_size == 0 and not _wal_path(path).exists():
            raise StoreDamaged(
                f"Lageret {path} er en tom fil (0 byte), ikke en SQLite-database. Gendan det "
                "fra en sikkerhedskopi (innosearch restore) eller flyt det væk og indlæs igen."
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._busy_timeout_s = busy_timeout_s
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        # Serialises this process's write transactions, so its threads never wait on each other
        # inside SQLite's busy handler.
        self._lock = threading.Lock()
        try:
            self._refuse_newer()
            self._migrate()
            self._follow_lexical_analysis()
            # Reads the documents' pages: a truncated or overwritten file fails here, at once.
            self._db.execute("SELECT COUNT(*) FROM documents").fetchone()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise unusable(path, exc) from exc

    @classmethod
    def of(cls, settings: Settings, create: bool = True) -> Self:
        """The store of the settings' home."""
        return cls(settings.store_path, create, settings.store_busy_timeout_s)

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(
                self.path,
                check_same_thread=False,
                isolation_level=None,
                timeout=self._busy_timeout_s,
            )
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            self._local.db = db
            with self._lock:
                self._connections.append(db)
        return db

    def close(self) -> None:
        with self._lock:
            for db in self._connections:
                db.close()
            self._connections.clear()
        self._local = threading.local()

    @contextmanager
    def _transaction(self, begin: str = "BEGIN IMMEDIATE") -> Iterator[sqlite3.Connection]:
        db = self._db  # before the lock: a thread's first connection takes it to register
        with self._lock:
            db.execute(begin)
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every read inside it sees the same committed state."""
        db = self._db
        if db.in_transaction:  # inside reading(): already one consistent state
            yield db
            return
        db.execute("BEGIN DEFERRED")
        try:
            yield db
        finally:
            db.execute("COMMIT")

    @contextmanager
    def reading(self, generation: int) -> Iterator[None]:
        """Every read of this thread inside the block sees the store at `generation`.

        Raises StaleTable when an ingest committed another generation first: the caller then
        takes a new snapshot and starts again.
        """
        with self._snapshot() as db:
            if int(meta_value(db, "generation") or 0) != generation:
                raise StaleTable("Lageret er ændret; læs igen.")
            yield

    def _refuse_newer(self) -> None:
        """A newer innosearch's store is left as it is: this one would write rows its tables do
        not expect, and an older copy of the code must not be the one to find that out."""
        version, newest = self.schema_version, newest_schema()
        if version > newest:
            self.close()
            raise StoreTooNew(
                f"Lageret {self.path} er skrevet af en nyere udgave af innosearch (skema "
                f"{version}; denne udgave kender op til skema {newest}). Opdatér innosearch, "
                "før det bruges."
            )

    def missing_tables(self) -> list[str]:
        """Tables its schema number promises that the store lacks (a store a development copy
        of innosearch migrated under other numbers)."""
        present = {
            row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        return sorted(tables_of_schema(self.schema_version) - present)

    def _migrate(self) -> None:
        pending = [m for m in _migrations() if m[0] > self.schema_version]
        if not pending:
            return  # the usual case: no write lock taken, so opening never waits for an ingest
        # One write transaction for all pending migrations: a second process opening the same
        # home waits, then finds the work done; a failure leaves the home as it was.
        with self._transaction() as db:
            current = db.execute("PRAGMA user_version").fetchone()[0]
            for number, script in pending:
                if number <= current:
                    continue
                for statement in _statements(script):
                    db.execute(statement)
                if number in DATA_STEPS:
                    DATA_STEPS[number](db)
                db.execute(f"PRAGMA user_version = {number}")
        # A migration that rewrites every passage (009) leaves a WAL as large as the table; copy it
        # into the store now and empty it, instead of leaving readers to search it.
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if _SHRINKING.intersection(number for number, _ in pending):
            self._vacuum()

    def _vacuum(self) -> None:
        """Give the pages a migration freed back to the file system, once.

        SQLite keeps freed pages for later writes, so without this a migrated home keeps its old
        size. It costs one copy of the live data (minutes at 1M passages, and that much free disk
        for a moment); when it cannot run (a full disk, another writer holding on) the home works
        as it is and only stays larger, so the failure is not an error.
        """
        try:
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError:
            return

    def _follow_lexical_analysis(self) -> None:
        """Rebuild the lexical index when the text analysis changed since it was built.

        The index is contentless, so its deletes only work with the analysis that inserted (see
        texts.lexical_text); a changed analysis would also stem queries unlike the index.
        """
        if self.get_meta(LEXICAL_ANALYSIS_KEY) == lexical_analysis():
            return  # the usual case: no write lock taken
        with self._transaction() as db:
            if meta_value(db, LEXICAL_ANALYSIS_KEY) != lexical_analysis():
                rebuild_lexical_index(db, lexical_rows(db))

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    # --- meta -------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        return meta_value(self._db, key)

    @property
    def generation(self) -> int:
        """Bumped by every write that changes chunks, so caches of vectors can tell they are old."""
        return int(self.get_meta("generation") or 0)

    @property
    def chunks_removed_at(self) -> int:
        """The last generation that removed or replaced passages; later ones only added some.

        An index built at a generation at or after it holds a prefix of today's passages.
        """
        return int(self.get_meta("chunks_removed_at") or 0)

    def integrity_problems(self) -> list[str]:
        """What SQLite's integrity check finds wrong (empty when the file is sound)."""
        try:
            rows = [row[0] for row in self._db.execute("PRAGMA integrity_check(20)")]
        except sqlite3.DatabaseError as exc:
            return [str(exc)]
        return [] if rows == ["ok"] else rows

    def vectors_of_other_length(self, dim: int) -> int:
        """How many stored passage vectors do not have `dim` dimensions."""
        sql = "SELECT COUNT(*) FROM chunks WHERE length(vector) != ?"
        return self._db.execute(sql, (dim * np.dtype(PASSAGE_DTYPE).itemsize,)).fetchone()[0]

    def backup_to(self, path: Path) -> None:
        """A consistent copy of the store at one moment, taken while others read and write."""
        target = sqlite3.connect(path)
        try:
            self._db.backup(target)
        finally:
            target.close()

    def _select_in(self, sql: str, values: list) -> list[sqlite3.Row]:
        """Rows of `sql` with its `IN ({})` filled by `values`, 500 at a time (SQLite's limit)."""
        return select_in(self._db, sql, values)


def unusable(path: Path, exc: Exception) -> InnosearchError:
    """Why SQLite cannot use the store at `path`: busy, a home it may not write in, or damage.

    SQLite reports a store it may not write beside as one it cannot open ("unable to open
    database file"), so the home's permissions are looked at before the file is called damaged.
    """
    # The primary code (the low byte): SQLite also answers extended codes such as BUSY_SNAPSHOT.
    # Only errors SQLite itself raised carry a code.
    if getattr(exc, "sqlite_errorcode", 0) & 0xFF in _BUSY_CODES:
        return StoreBusy(
            "Lageret er optaget: en anden proces (fx en indlæsning) skriver i det og blev ikke "
            "færdig, mens denne ventede. Prøv igen, når den er færdig."
        )
    read_only = read_only_problem(path)
    if read_only:
        return HomeReadOnly(read_only)
    return StoreDamaged(
        f"Lageret {path} er beskadiget og kan ikke læses ({exc}). Kør 'innosearch check' for "
        "en rapport, og gendan fra en sikkerhedskopi (innosearch restore)."
    )


def read_only_problem(path: Path) -> str | None:
    """Why innosearch may not write the store at `path` or beside it, if so.

    Reads need that too: SQLite keeps its write-ahead log and the log's index beside the store.
    """
    home = path.parent
    if not home.is_dir():
        return None
    if not os.access(home, os.W_OK):
        return (
            f"Mappen {home} er skrivebeskyttet: innosearch skal kunne skrive i den (også for at "
            "søge, fordi SQLite's log ligger der)."
        )
    for file in (path, _wal_path(path), path.with_name(path.name + "-shm")):
        if file.exists() and not os.access(file, os.W_OK):
            return f"Filen {file} er skrivebeskyttet: innosearch skal kunne skrive i den."
    return None


def _wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def tuples(db: sqlite3.Connection, sql: str) -> sqlite3.Cursor:
    """A query's rows as plain tuples: much cheaper than sqlite3.Row over every passage."""
    cursor = db.cursor()
    cursor.row_factory = None
    return cursor.execute(sql)


def meta_value(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None
