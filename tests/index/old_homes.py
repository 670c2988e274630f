"""What the migration tests share: homes rewritten in an older layout, and what they compare."""

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import numpy as np

import innosearch.index
from innosearch.config import Settings
from innosearch.documents import sections_text
from innosearch.index.store.passages import passage_text
from innosearch.index.store.texts import read_sections
from innosearch.ingest.jsonl_import import import_documents
from innosearch.ingest.pipeline import Ingestor
from innosearch.search.export import documents_jsonl
from innosearch.search.query import SearchRequest
from innosearch.search.results import hit_json
from innosearch.search.searcher import Searcher
from innosearch.text.analysis import match_expression

MIGRATIONS = Path(innosearch.index.__file__).parent / "migrations"
REPO = Path(__file__).resolve().parents[2]
QUERIES = [
    "ældre der træner i eget hjem",
    "skybrud og oversvømmede kældre",
    "udskrivelse fra hospitalet til kommunen",
    "chatbot i borgerservice",
    "faldgruber ved velfærdsteknologi",
]

# The tables a rewrite into an older layout copies as they are (document vectors in float32, as
# every layout before 011 kept them; float32() must be registered on the connection).
COPY_THE_REST = """
    INSERT INTO embedding_cache SELECT * FROM new.embedding_cache;
    INSERT INTO duplicates SELECT * FROM new.duplicates;
    INSERT INTO document_vectors SELECT document_id, float32(vector) FROM new.document_vectors;
    INSERT INTO word_counts SELECT * FROM new.word_counts;
    INSERT INTO meta SELECT * FROM new.meta;
"""


def schema_at(path: Path, version: int) -> sqlite3.Connection:
    """An empty store made by the migration scripts up to `version`, as they landed."""
    db = sqlite3.connect(path)
    for script in sorted(MIGRATIONS.glob("*.sql")):
        if int(script.name.split("_", 1)[0]) <= version:
            db.executescript(script.read_text(encoding="utf-8"))
    db.execute(f"PRAGMA user_version = {version}")
    return db


def columns(db: sqlite3.Connection, table: str) -> str:
    """The columns `table` has in `db`'s layout, for copying today's rows into an older one."""
    return ", ".join(row[1] for row in db.execute(f"PRAGMA table_info({table})"))


def fresh_and_old(
    tmp_path: Path, embedder, rewrite: Callable[[Path, Path], None]
) -> tuple[Settings, Settings]:
    """(a home written by today's code, the same home rewritten by `rewrite`, not yet migrated)."""
    fresh = Settings(home=tmp_path / "fresh", cache_dir=Settings().cache_dir)
    report = Ingestor(fresh, embedder).ingest([REPO / "data" / "cases", REPO / "data" / "reports"])
    assert report.ok
    # Layouts before 015 keep no pitfall sentences, and a migrated home has none until its next
    # ingest: the home it is compared with is written without them too.
    with closing(sqlite3.connect(fresh.store_path)) as db, db:
        db.execute("UPDATE documents SET pitfall_sentences = '[]'")
    old = Settings(home=tmp_path / "old", cache_dir=fresh.cache_dir)
    rewrite(fresh.store_path, old.store_path)
    return fresh, old


def passage_now(sections: bytes, stored: bytes | None, start: int | None, end: int | None) -> str:
    """A passage's text from today's layout (migration 011: a slice of its document's text)."""
    return passage_text(stored, start, end, sections_text(read_sections(sections)))


def float32(vector: bytes) -> bytes:
    return np.frombuffer(vector, dtype=np.float16).astype(np.float32).tobytes()


def lexical_hits(path: Path) -> list[list[tuple[int, float]]]:
    """BM25 hits per query, read with the SQL of Store.lexical_search and nothing else."""
    db = sqlite3.connect(path)
    hits = [
        db.execute(
            "SELECT rowid, -bm25(chunks_fts) AS score FROM chunks_fts WHERE chunks_fts MATCH ? "
            "ORDER BY score DESC LIMIT 50",
            (match_expression(query),),
        ).fetchall()
        for query in QUERIES
    ]
    db.close()
    return hits


def results(settings: Settings, embedder) -> list[list[dict]]:
    searcher = Searcher(settings, embedder)
    return [
        [hit_json(hit) for hit in searcher.search(SearchRequest(query=q)).hits] for q in QUERIES
    ]


def after_next_ingest(settings: Settings, embedder) -> Settings:
    """The home once an ingest has run again, reading nothing new: it fills in what no migration
    can compute without the model (each document's outline, migration 016)."""
    Ingestor(settings, embedder).ingest([])
    return settings


def exported(settings: Settings, embedder) -> list[str]:
    return list(documents_jsonl(Searcher(settings, embedder).all_documents()))


def reimported(home: Settings, embedder, folder: Path, cache_dir: Path) -> tuple[Settings, bool]:
    """A new home in `folder` holding what `home` exports, and whether the import went well."""
    export = folder / "eksport.jsonl"
    export.write_text("\n".join(exported(home, embedder)) + "\n", encoding="utf-8")
    copy = Settings(home=folder / "kopi", cache_dir=cache_dir)
    return copy, import_documents(Ingestor(copy, embedder), export).ok
