"""Disk per passage of homes: the SQLite file by table, the vector index, and 1M extrapolated.

Reads each home's store with SQLite's dbstat (pages in use per table and index, read-only) and
prints bytes per passage, so homes of different sizes and schemas compare side by side. The
extrapolation to 1M passages is linear in bytes per passage for the store (every table grows with
the passages, the documents with them at 3-7 passages each) and takes the vector index at 1M from
the measured IVF file (`bench/bench_scale.py --index-only --sizes 1000000`, docs/speed.md), since
the exact index of a small home is not the index a 1M home gets.

    python bench/bench_disk.py .innosearch/eval/real .innosearch/scale/10000 [...]
"""

import argparse
import sqlite3
import zlib
from pathlib import Path

# What a 1M home's vector index measures on disk: IVF over 4-bit fast-scan codes, its candidates
# re-scored from the store's vectors, so nothing beside it (docs/speed.md, "Disk").
IVF_1M_MIB = 106
MIB = 2**20
# Tables grouped by what they hold; anything else is "other".
GROUPS = {
    "documents": ("documents", "sqlite_autoindex_documents_1", "sqlite_autoindex_documents_2"),
    "passages": ("chunks",),
    "lexical index": ("chunks_fts_data", "chunks_fts_idx", "chunks_fts_docsize"),
    "lexical copy": ("chunks_fts_content",),
    "embedding cache": ("embedding_cache", "sqlite_autoindex_embedding_cache_1"),
    "document vectors": ("document_vectors", "sqlite_autoindex_document_vectors_1"),
}


def measure(home: Path) -> dict:
    store = home / "store.sqlite3" if home.is_dir() else home
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        pages = dict(db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"))
        passages = db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        schema = db.execute("PRAGMA user_version").fetchone()[0]
        free = db.execute("PRAGMA freelist_count").fetchone()[0]
        texts = _text_bytes(db)
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
    finally:
        db.close()
    by_group = {group: 0 for group in [*GROUPS, "other"]}
    for name, size in pages.items():
        group = next((g for g, names in GROUPS.items() if name in names), "other")
        by_group[group] += size
    index = sum(p.stat().st_size for p in store.parent.glob("vectors.faiss*"))
    return {
        "home": str(home),
        "schema": schema,
        "passages": passages,
        "file": store.stat().st_size,
        "free": free * page_size,
        "pages": sum(pages.values()),
        "groups": by_group,
        "texts": texts,
        "index": index,
    }


def _text_bytes(db: sqlite3.Connection) -> tuple[int, int]:
    """(bytes plain, bytes stored) of the passage texts and document sections.

    A home from before migration 010 stores them plain: its second figure is what zlib row by
    row (as 010 stores them) makes of them. Passages stored as slices of their document's text
    (migration 011) have no text of their own, so they count nothing here.
    """
    plain = stored = 0
    sql = "SELECT text FROM chunks WHERE text IS NOT NULL UNION ALL SELECT sections FROM documents"
    for (text,) in db.execute(sql):
        data = zlib.decompress(text) if isinstance(text, bytes) else text.encode("utf-8")
        plain += len(data)
        stored += len(text) if isinstance(text, bytes) else len(zlib.compress(data))
    return plain, stored


def _row(m: dict) -> str:
    n = max(m["passages"], 1)
    groups = " | ".join(f"{m['groups'][g] / n:,.0f}" for g in m["groups"])
    one_million = (m["pages"] / n * 1_000_000) / MIB + IVF_1M_MIB
    return (
        f"| {m['home']} | {m['schema']} | {m['passages']:,} | {m['file'] / MIB:,.1f} MiB "
        f"(free {m['free'] / MIB:,.1f}) | {m['pages'] / n:,.0f} | {groups} | "
        f"{m['index'] / MIB:,.1f} MiB | {one_million / 1024:,.2f} GiB | "
        f"{m['texts'][0] / n:,.0f} -> {m['texts'][1] / n:,.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("homes", type=Path, nargs="+", help="home folders or store files")
    args = parser.parse_args()
    print(
        "| home | schema | passages | SQLite file | bytes/passage in use | "
        + " | ".join(f"{g} B/passage" for g in [*GROUPS, "other"])
        + f" | vector index | 1M: SQLite + IVF ({IVF_1M_MIB} MiB) | texts B/passage plain -> zlib |"
    )
    print("|---" * (9 + len(GROUPS)) + "|")
    for home in args.homes:
        print(_row(measure(home)))


if __name__ == "__main__":
    main()
