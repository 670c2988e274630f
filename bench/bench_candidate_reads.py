"""Reading 3,000 candidates' float16 vectors at 1M passages: a copy by pread, or the store.

The approximate index re-scores its candidates exactly (faiss_backend.RERANK_CANDIDATES). Until
migration 011 it read them from vectors.f16, a float16 copy of every vector beside the index
(732 MiB at 1M); now it reads them from chunks.vector through Store.chunk_vectors. This writes
both layouts once (a store whose 1M passages are only their vectors and offsets, as slices are
stored, and the flat file), then times both reads of the same sorted random positions, query by
query interleaved, and prints their medians and the files' sizes (docs/speed.md, "Disk").

    python bench/bench_candidate_reads.py [--passages 1000000] [--queries 24]
"""

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from innosearch.index.store import Store

REPO = Path(__file__).resolve().parent.parent
DIM = 384
CANDIDATES = 3000
BLOCK = 50_000


def _write(folder: Path, passages: int) -> tuple[Store, Path]:
    store_path, rows_path = folder / "store.sqlite3", folder / "vectors.f16"
    Store(store_path).close()  # the schema
    db = sqlite3.connect(store_path)
    rng = np.random.default_rng(0)
    with open(rows_path, "wb") as rows:
        for start in range(0, passages, BLOCK):
            block = rng.standard_normal((min(BLOCK, passages - start), DIM)).astype(np.float16)
            rows.write(block.tobytes())
            db.executemany(
                "INSERT INTO chunks (id, document_id, ord, section, page, text, text_start, "
                "text_end, vector) VALUES (?, ?, ?, '', NULL, NULL, ?, ?, ?)",
                [
                    (n, f"{n // 5:016x}", n % 5, 900 * (n % 5), 900 * (n % 5 + 1), row.tobytes())
                    for n, row in enumerate(block, start)
                ],
            )
            db.commit()
    db.close()
    return Store(store_path), rows_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=24)
    args = parser.parse_args()
    (REPO / ".innosearch").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=REPO / ".innosearch") as folder:
        store, rows_path = _write(Path(folder), args.passages)
        width = 2 * DIM
        rng = np.random.default_rng(1)
        copy_ms, store_ms = [], []
        with open(rows_path, "rb") as rows:
            for _ in range(args.queries):
                positions = np.sort(rng.choice(args.passages, CANDIDATES, replace=False))
                start = time.perf_counter()
                data = b"".join(os.pread(rows.fileno(), width, int(p) * width) for p in positions)
                from_copy = np.frombuffer(data, dtype=np.float16).astype(np.float32)
                copy_ms.append(1000 * (time.perf_counter() - start))
                start = time.perf_counter()
                from_store = store.chunk_vectors(positions.tolist(), DIM)
                store_ms.append(1000 * (time.perf_counter() - start))
                assert np.array_equal(from_copy.reshape(-1, DIM), from_store)
        print(
            f"{args.passages:,} passages, {CANDIDATES:,} candidates, {args.queries} queries: "
            f"vectors.f16 by pread p50 {statistics.median(copy_ms):.1f} ms, "
            f"store p50 {statistics.median(store_ms):.1f} ms; "
            f"vectors.f16 {rows_path.stat().st_size / 2**20:.0f} MiB, "
            f"store {store.path.stat().st_size / 2**20:.0f} MiB"
        )
        store.close()


if __name__ == "__main__":
    main()
