"""Keeping a home sound: `check` (what is wrong), `backup` and `restore` (a consistent copy).

A backup folder holds `store.sqlite3` (taken with SQLite's backup API, so it is consistent while
a server reads and an ingest writes, WAL included) and, when one is saved, the FAISS cache with
its manifest `vectors.json`. The cache is only a speed-up: a restored home whose cache does not
match its store rebuilds it on the first search.
"""

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from innosearch.config import Settings
from innosearch.errors import HomeMissing, HomeReadOnly, InvalidSetting, StoreDamaged
from innosearch.index.store import Store, read_only_problem
from innosearch.index.tables import TABLE_FILE
from innosearch.index.vectors import faiss_backend

STORE_FILE = "store.sqlite3"


@dataclass
class Finding:
    ok: bool
    message: str  # Danish, one line


def check_home(settings: Settings) -> list[Finding]:
    """SQLite's integrity, the model manifest, and whether the saved index matches the store."""
    try:
        store = Store(settings.store_path, create=False)
    except (HomeMissing, HomeReadOnly, StoreDamaged) as exc:
        return [Finding(False, exc.message)]
    try:
        return [_integrity(store), *_manifest(store), _index(settings, store)]
    finally:
        store.close()


def _integrity(store: Store) -> Finding:
    problems = store.integrity_problems()
    if problems:
        return Finding(False, f"Lageret er beskadiget: {'; '.join(problems[:3])}")
    return Finding(True, f"Lageret er helt (SQLite integrity_check, skema {store.schema_version})")


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


def _index(settings: Settings, store: Store) -> Finding:
    if settings.vector_backend != "faiss":
        return Finding(True, f"Vektorindeks: {settings.vector_backend} (bygges i hukommelsen)")
    try:
        info = faiss_backend.saved_info(settings)
    except ValueError as exc:
        return Finding(False, f"Vektorindekset kan ikke læses ({exc}); slet vectors.faiss")
    if info is None:
        return Finding(True, "Intet gemt vektorindeks; det bygges ved første søgning")
    dim, generation = int(store.get_meta("dim") or 0), store.generation
    chunks = store.stats()["chunks"]
    if info["index_dim"] != dim or info.get("dim") != dim:
        return Finding(
            False,
            f"Vektorindekset har {info['index_dim']} dimensioner, lageret {dim}; det bygges "
            "igen ved næste søgning",
        )
    if info.get("generation") != generation or info["rows"] != chunks:
        return Finding(
            False,
            f"Vektorindekset er forældet (udgave {info.get('generation')}, {info['rows']} rækker; "
            f"lageret: udgave {generation}, {chunks} afsnit); det bygges igen ved næste søgning",
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
    """Copy the home into `destination` (a new or empty folder); returns the store's copy."""
    store = Store(settings.store_path, create=False)
    if destination.exists() and any(destination.iterdir()):
        raise InvalidSetting(f"Mappen {destination} er ikke tom; vælg en ny mappe til kopien.")
    destination.mkdir(parents=True, exist_ok=True)
    try:
        store.backup_to(destination / STORE_FILE)
        faiss_backend.copy_saved(settings, destination)
    finally:
        store.close()
    return destination / STORE_FILE


def restore(settings: Settings, source: Path) -> None:
    """Replace the home's store (and index cache) with a backup's; the backup is checked first.

    Stop servers and ingests on the home first: they hold the old store open.
    """
    copy = source / STORE_FILE
    if not copy.exists():
        raise HomeMissing(f"{source} er ikke en sikkerhedskopi (der er ingen {STORE_FILE}).")
    if read_only_problem(copy):
        # The backup is opened like a home to be checked, and SQLite writes beside it.
        raise HomeReadOnly(
            f"Sikkerhedskopien i {source} kan ikke undersøges, fordi mappen er "
            "skrivebeskyttet (SQLite skal kunne skrive sin log ved siden af lageret). Kopiér "
            "mappen til et sted, hvor der kan skrives, og gendan derfra."
        )
    problems = check_home(settings.model_copy(update={"home": source}))
    if not problems[0].ok:
        raise StoreDamaged(f"Sikkerhedskopien i {source} kan ikke bruges: {problems[0].message}")
    home = settings.home
    home.mkdir(parents=True, exist_ok=True)
    handle, staged = tempfile.mkstemp(dir=home, prefix=".restore-", suffix=".sqlite3")
    os.close(handle)
    try:
        shutil.copyfile(copy, staged)
        for stale in (settings.vectors_path.with_suffix(s) for s in (".faiss", ".json", ".f16")):
            stale.unlink(missing_ok=True)
        (home / TABLE_FILE).unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):  # the old store's journal must not meet the new file
            (home / (STORE_FILE + suffix)).unlink(missing_ok=True)
        os.replace(staged, settings.store_path)
    finally:
        Path(staged).unlink(missing_ok=True)
    for name in ("vectors.faiss", "vectors.json", "vectors.f16"):
        if (source / name).exists():
            shutil.copyfile(source / name, home / name)
