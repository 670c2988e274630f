"""Query latency, memory, disk and incremental adds on homes of 10k / 100k / 1M passages.

The homes are built from real e5 vectors: every passage of a home that was ingested with the real
model (default: the dev-eval-real home, i.e. ../shared/real-docs) is a source. A synthetic passage's
vector is a random mixture of 2-3 real passage vectors plus gaussian noise, normalised; its text
is 8-14 real Danish sentences drawn from those same source passages, so the lexical side sees real
words in realistic proportions. Documents have 3-7 passages and realistic metadata over the 11
sectors (skewed like the real corpus: a few large sectors, several small ones).

Every figure is measured through `Searcher.search`, the call the API makes, with the real query
embedder, and printed beside two anchors measured in the same run on the same home: a plain exact
FAISS search (IndexFlatIP, 1 thread) and the FTS5 query that ORs every stem of the question.

Dense recall@10 compares the product's vector index with exact search over the stored vectors
(plain and one-sector queries); "IVF recall@10" is that of an approximate index built on the same
vectors whatever the size, so it is measured below the threshold too. "data RSS" is a child
process that opens the home and answers 1,000 searches with the query vectors computed here, so
it holds no model: the data structures' share, to add to the query encoder's own.

Reproduce from the repo root (each home is built once under .innosearch/scale/ and reused):

    python bench/bench_scale.py                              # 10k and 100k passages
    python bench/bench_scale.py --sizes 10000 100000 1000000
    python bench/bench_scale.py --sizes 100000 --queries 40
    python bench/bench_scale.py --index-only --sizes 1000000   # the vector index alone
    python bench/bench_scale.py --index-only --sweep --sizes 1000000   # + probes, re-ranking
"""

import argparse
import gc
import hashlib
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from argparse import SUPPRESS
from collections.abc import Callable
from pathlib import Path

import faiss
import numpy as np
from bench_latency import QUERIES

from innosearch.config import Settings
from innosearch.documents import DocumentRecord, Section, StoredChunk
from innosearch.embed.factory import load_embedder
from innosearch.filters import CHOICE_FIELDS, DocumentColumns, Filters
from innosearch.index.store import Store
from innosearch.index.tables import PassageTable
from innosearch.index.vectors import faiss_backend
from innosearch.index.vectors.factory import open_vector_index
from innosearch.ingest.pipeline import Ingestor, document_id
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher
from innosearch.taxonomy import ORGANISATION_TYPES, SECTORS, STAGES, STATUSES
from innosearch.text.analysis import match_expression
from innosearch.text.sentences import split_sentences

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO / ".innosearch" / "eval" / "real" / "store.sqlite3"
# Sector shares: a few large sectors and a tail, as in the real corpora.
SECTOR_WEIGHTS = [14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 5]
FACET_HEAVY = Filters(
    sector=["aeldre", "sundhed", "social"],
    organisation_type=["kommune", "region"],
    stage=["implementering", "spredning"],
    min_level=1,
    year_from=2016,
    has_pitfalls=True,
)
WRITE_BATCH = 500  # documents per transaction while building
# The approximate index before this one scanned 2/5 of its lists of 8-bit codes, nothing re-scored.
PREVIOUS_PROBED_SHARE = 0.4
SWEEP_SHARES = (0.2, 0.3, 0.4, 0.5)
SWEEP_RERANK = (2000, 3000, 4000)


class SourcePassages:
    """The real passages a home is mixed from: vectors, and their sentences."""

    def __init__(self, path: Path):
        store = Store(path)
        dim = int(store.get_meta("dim") or 0)
        if store.get_meta("model") is None or dim == 0:
            raise SystemExit(f"{path}: no passages ingested with a real model")
        _, chunk_ids, self.vectors = store.vector_snapshot(dim)
        chunks = store.chunks(chunk_ids.tolist())
        self.sentences: list[list[str]] = []
        for text in (chunks[int(c)]["text"] for c in chunk_ids):
            found = [s for s in split_sentences(text) if len(s.split()) >= 4]
            self.sentences.append(found or [text])
        store.close()
        self.dim = dim


def _record(
    source: SourcePassages, number: int, rng: random.Random, noise: float
) -> DocumentRecord:
    nrng = np.random.default_rng(number)
    sector = rng.choices(list(SECTORS), SECTOR_WEIGHTS)[0]
    title = f"Sag {number}: " + source.sentences[rng.randrange(len(source.vectors))][0][:80]
    chunks = []
    for _ in range(rng.randint(3, 7)):
        mixed = rng.sample(range(len(source.vectors)), rng.randint(2, 3))
        weights = nrng.dirichlet(np.ones(len(mixed)))
        vector = weights @ source.vectors[mixed] + nrng.normal(0.0, noise, source.dim)
        vector = (vector / np.linalg.norm(vector)).astype(np.float32)
        pool = [s for m in mixed for s in source.sentences[m]]
        picked = rng.sample(pool, min(len(pool), rng.randint(8, 14)))
        text = " ".join(picked)
        chunks.append(
            StoredChunk(
                text=text,
                section="",
                page=None,
                embed_text=text,
                vector=vector.tobytes(),
            )
        )
    source_name = f"scale/{number:07d}.json"
    return DocumentRecord(
        id=document_id(source_name),
        source=source_name,
        kind="case",
        title=title,
        text="\n\n".join(c.text for c in chunks),  # its sections joined, as parsers make it
        sections=[Section(text=c.text) for c in chunks],
        content_hash=hashlib.sha256(source_name.encode()).hexdigest(),
        ingested_at="2026-01-01T00:00:00",
        organisation=f"Kommune {number % 98}",
        organisation_type=rng.choices(list(ORGANISATION_TYPES), [70, 15, 10, 5])[0],
        sector=sector,
        stage=rng.choice(list(STAGES)),
        status=rng.choice(list(STATUSES)),
        year=rng.randint(2010, 2026),
        evidence_level=rng.choices(range(5), [40, 25, 20, 10, 5])[0],
        has_pitfalls=rng.random() < 0.4,
        chunks=chunks,
    )


def build_home(home: Path, source: SourcePassages, passages: int, noise: float) -> float:
    """Write synthetic documents until the home holds `passages`; seconds taken (0 if built)."""
    settings = Settings(home=home)
    store = Store(settings.store_path)
    have = stored = store.stats()["chunks"]
    number = store.stats()["documents"]
    start = time.perf_counter()
    rng = random.Random(number)
    batch: list[DocumentRecord] = []
    meta = {"model": "intfloat/multilingual-e5-small", "dim": str(source.dim)}
    while have < passages:
        record = _record(source, number, rng, noise)
        record.chunks = record.chunks[: passages - have]
        batch.append(record)
        have += len(record.chunks)
        number += 1
        if len(batch) == WRITE_BATCH or have >= passages:
            store.write(batch, meta=meta)
            batch = []
            print(f"  built {have}/{passages} passages", file=sys.stderr, end="\r", flush=True)
    if have > stored:
        # As an ingest does at its end, so that opening the home measures a cold start, not a
        # build (or, above the threshold, the training of the approximate index).
        indexed = time.perf_counter()
        open_vector_index(settings, store, source.dim, store.passage_table())
        print(f"  index built in {time.perf_counter() - indexed:.0f} s", file=sys.stderr)
    store.close()
    return time.perf_counter() - start


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _timed(calls: list[Callable[[], object]]) -> list[float]:
    out = []
    for call in calls:
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _exact_search_ms(vectors: np.ndarray, queries: np.ndarray) -> list[float]:
    """Milliseconds per query of a plain exact FAISS search for 300 passages, on one thread."""
    exact = faiss.IndexFlatIP(vectors.shape[1])
    exact.add(vectors)
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        return _timed([lambda v=v: exact.search(v.reshape(1, -1), 300) for v in queries])
    finally:
        faiss.omp_set_num_threads(threads)


def _disk_mib(home: Path) -> tuple[float, float]:
    store = sum(p.stat().st_size for p in home.glob("store.sqlite3*"))
    index = sum(p.stat().st_size for p in home.glob("vectors*") if p.is_file())
    return store / 2**20, index / 2**20


def _add_one_document(searcher: Searcher, settings: Settings, folder: Path) -> float:
    """Seconds from ingesting one new case file until the running searcher finds it."""
    case = folder / "ny_sag.md"
    case.write_text(
        "# Robotstøvsugere i Zebrahøj Kommunes daginstitutioner\n\n"
        "Zebrahøj Kommune har afprøvet robotstøvsugere i tre daginstitutioner for at frigøre "
        "tid hos pædagogerne. Personalet brugte før 40 minutter om dagen på oprydning og "
        "rengøring. Efter et halvt år var tiden halveret, og trivslen steg i målingen.\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    report = Ingestor(settings, searcher.embedder, searcher.store).ingest([folder])
    if report.failed:
        raise SystemExit(f"adding one document failed: {report.failed}")
    result = searcher.search(SearchRequest("robotstøvsugere i Zebrahøj daginstitutioner"))
    seconds = time.perf_counter() - start
    if not result.hits or "Zebrahøj" not in result.hits[0].document.title:
        raise SystemExit("the added document was not found by the running searcher")
    return seconds


def _recall_at_10(found: list[list[int]], truth: list[list[int]]) -> float:
    hits = sum(len(set(f[:10]) & set(t[:10])) for f, t in zip(found, truth, strict=True))
    return hits / max(sum(len(t[:10]) for t in truth), 1)


def dense_recall(searcher: Searcher, query_vectors: np.ndarray) -> tuple[float, float]:
    """Recall@10 of the product's index and of an IVF built on the same vectors, vs exact."""
    snapshot = searcher.corpus.current()
    settings = searcher.settings.model_copy(update={"vector_backend": "numpy"})
    exact = open_vector_index(settings, searcher.store, snapshot.dim, snapshot.table)
    recalls = []
    with tempfile.TemporaryDirectory(dir=REPO / ".innosearch") as folder:
        ivf = settings.model_copy(
            update={"vector_backend": "faiss", "home": Path(folder), "approximate_above": 0}
        )
        approximate = open_vector_index(ivf, searcher.store, snapshot.dim, snapshot.table)
        for index in (snapshot.index, approximate):
            found, truth = [], []
            for filters in (None, Filters(sector=["skole"])):
                for vector in query_vectors:
                    found.append([c for c, _ in index.search(vector, 10, filters)])
                    truth.append([c for c, _ in exact.search(vector, 10, filters)])
            recalls.append(_recall_at_10(found, truth))
    return recalls[0], recalls[1]


class PrecomputedQueries:
    """Query vectors computed by the parent, by text: a search process without a model."""

    def __init__(self, model_id: str, vectors: dict[str, np.ndarray]):
        self.model_id = model_id
        self.dim = len(next(iter(vectors.values())))
        self.precision = "float32"
        self._vectors = vectors

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vectors[t] for t in texts])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError("a search-only process")


class RecordingQueries:
    """The real embedder, remembering every query text it embedded and its vector."""

    def __init__(self, embedder):
        self._embedder = embedder
        self.seen: dict[str, np.ndarray] = {}

    def __getattr__(self, name: str):
        return getattr(self._embedder, name)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        vectors = self._embedder.embed_queries(texts)
        self.seen.update(zip(texts, vectors, strict=True))
        return vectors


def _rss_searches(searcher: Searcher, queries: list[str], count: int) -> None:
    series = [Filters(), Filters(sector=["skole"]), FACET_HEAVY]
    for number in range(count):
        request = SearchRequest(queries[number % len(queries)], filters=series[number % 3])
        searcher.search(request)


def data_rss(home: Path, queries: list[str], vectors_file: Path, model_id: str) -> None:
    """In a child process: open the home, 1,000 searches, print the RSS in MiB."""
    saved = np.load(vectors_file)
    vectors = dict(zip(saved["texts"].tolist(), saved["vectors"], strict=True))
    searcher = Searcher(Settings(home=home), PrecomputedQueries(model_id, vectors))
    _rss_searches(searcher, queries, 1000)
    print(f"{_rss_mib():.0f}")


def _data_rss_in_child(home: Path, queries: list[str], embedder) -> str:
    """The child's RSS, after the texts its searches embed (spelling fixes too) were recorded."""
    recording = RecordingQueries(embedder)
    searcher = Searcher(Settings(home=home), recording)
    _rss_searches(searcher, queries, 3 * len(queries))
    searcher.store.close()
    with tempfile.TemporaryDirectory() as folder:
        vectors_file = Path(folder) / "queries.npz"
        texts = list(recording.seen)
        np.savez(
            vectors_file, texts=np.array(texts), vectors=np.stack(list(recording.seen.values()))
        )
        command = [sys.executable, __file__, "--data-rss", str(home), str(vectors_file)]
        command += [embedder.model_id, "--queries", str(len(queries))]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    return f"{done.stdout.split()[-1]} MiB"


def measure(home: Path, queries: list[str], embedder) -> dict[str, str]:
    settings = Settings(home=home)
    gc.collect()
    start = time.perf_counter()
    searcher = Searcher(settings, embedder)
    searcher.stats()
    opened = time.perf_counter() - start
    start = time.perf_counter()
    searcher.search(SearchRequest("Hvordan kommer vi i gang?"))
    first = time.perf_counter() - start
    # Three disjoint sets of questions, so no series profits from a vector cached by another.
    count = len(queries) // 3
    plain = _timed([lambda q=q: searcher.search(SearchRequest(q)) for q in queries[:count]])
    one_sector = Filters(sector=["skole"])
    sector = _timed(
        [
            lambda q=q: searcher.search(SearchRequest(q, filters=one_sector))
            for q in queries[count : 2 * count]
        ]
    )
    heavy = _timed(
        [
            lambda q=q: searcher.search(SearchRequest(q, filters=FACET_HEAVY))
            for q in queries[2 * count : 3 * count]
        ]
    )
    rss = _rss_mib()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store_mib, index_mib = _disk_mib(home)

    # Anchors on the same home, same queries, same process.
    query_vectors = embedder.embed_queries(queries)
    exact_ms = _exact_search_ms(
        searcher.store.vector_snapshot(searcher.corpus.dim)[2], query_vectors
    )
    fts_ms = _timed(
        [
            lambda q=q: searcher.store.lexical_search(match_expression(q) or '""', 300)
            for q in queries
        ]
    )
    embed_ms = _timed([lambda q=q: embedder.embed_queries([q + " ?"]) for q in queries])
    with tempfile.TemporaryDirectory() as folder:
        added = _add_one_document(searcher, settings, Path(folder))
    searcher.store.delete_document(document_id("ny_sag.md"))
    passages = searcher.corpus.current().table.size
    index_type = searcher.stats()["index_type"]
    product_recall, ivf_recall = dense_recall(searcher, query_vectors)
    searcher.store.close()
    rss_of_data = _data_rss_in_child(home, queries, embedder)

    def p50(values: list[float]) -> str:
        return f"{statistics.median(values):.1f} ms"

    return {
        "passages": f"{passages:,}",
        "open (build)": f"{opened:.1f} s, first query {first:.1f} s",
        "p50": p50(plain),
        "p95": f"{np.percentile(plain, 95):.0f} ms",
        "one-sector filter p50": p50(sector),
        "facet-heavy p50": p50(heavy),
        "RSS": f"{rss:.0f} MiB (peak {peak:.0f})",
        "data RSS (no model)": rss_of_data,
        "disk (SQLite + FAISS)": f"{store_mib:.0f} + {index_mib:.0f} MiB",
        "add 1 document": f"{added:.1f} s",
        "anchor: exact FAISS p50": p50(exact_ms),
        "anchor: FTS5 OR p50": p50(fts_ms),
        "anchor: query embedding p50": p50(embed_ms),
        "index": index_type,
        "dense recall@10": f"{product_recall:.3f}",
        "IVF recall@10": f"{ivf_recall:.3f}",
    }


def _mixed_vectors(source: SourcePassages, count: int, noise: float) -> np.ndarray:
    """`count` passage vectors mixed as _record mixes them, rounded to the stored float16."""
    rng = np.random.default_rng(count)
    out = np.empty((count, source.dim), dtype=np.float32)
    for start in range(0, count, 50_000):
        rows = min(50_000, count - start)
        mixed = rng.integers(0, len(source.vectors), (rows, 3))
        weights = rng.dirichlet(np.ones(3), rows).astype(np.float32)
        weights[rng.random(rows) < 0.5, 2] = 0.0  # 2 or 3 sources
        block = np.einsum("pk,pkd->pd", weights, source.vectors[mixed])
        block += rng.normal(0.0, noise, block.shape).astype(np.float32)
        out[start : start + rows] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out.astype(np.float16).astype(np.float32)


def _synthetic_table(count: int) -> PassageTable:
    """Five passages a document, sectors as SECTOR_WEIGHTS: enough for the sector filter."""
    rng = random.Random(count)
    rows = {
        f"d{number}": {
            **dict.fromkeys((*CHOICE_FIELDS, "year", "evidence_level", "has_pitfalls")),
            "sector": rng.choices(list(SECTORS), SECTOR_WEIGHTS)[0],
        }
        for number in range((count + 4) // 5)
    }
    chunk_ids = np.arange(count, dtype=np.int64)
    return PassageTable(
        0, chunk_ids, (chunk_ids // 5).astype(np.int32), DocumentColumns.from_rows(rows)
    )


def _vector_store(path: Path, vectors: np.ndarray) -> Store:
    """A store whose passages are only their vectors, ids 0..n-1 (the synthetic table's).

    What the approximate index reads its candidates' vectors from; rows as the store keeps them
    (float16, the text a slice of a document's), written with plain SQL: a 1M store through
    Store.write, with its lexical index, takes an hour.
    """
    Store(path).close()  # the schema
    db = sqlite3.connect(path)
    for start in range(0, len(vectors), 50_000):
        block = vectors[start : start + 50_000].astype(np.float16)
        db.executemany(
            "INSERT INTO chunks (id, document_id, ord, section, page, text, text_start, text_end, "
            "vector) VALUES (?, ?, ?, '', NULL, NULL, ?, ?, ?)",
            [
                (
                    start + i,
                    f"{(start + i) // 5:016x}",
                    i % 5,
                    900 * (i % 5),
                    900 * (i % 5 + 1),
                    row.tobytes(),
                )
                for i, row in enumerate(block)
            ],
        )
        db.commit()
    db.close()
    return Store(path)


def _previous_ivf(product: faiss.Index, vectors: np.ndarray) -> faiss.Index:
    """The index this replaced (IVF over 8-bit codes) on the product's own centroids."""
    ivf = faiss.extract_index_ivf(product)
    quantizer = faiss.IndexFlatIP(ivf.d)
    quantizer.add(ivf.quantizer.reconstruct_n(0, ivf.nlist))
    previous = faiss.IndexIVFScalarQuantizer(
        quantizer, ivf.d, ivf.nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
    )
    sample = min(len(vectors), ivf.nlist * faiss_backend.IVF_TRAINING_PER_LIST)
    previous.train(vectors[:: max(1, len(vectors) // sample)])
    previous.add(vectors)
    previous.nprobe = max(1, round(PREVIOUS_PROBED_SHARE * ivf.nlist))
    return previous


def _sweep(product: faiss_backend.FaissIndex, exact, queries: np.ndarray) -> list[dict]:
    """Recall@10 and p50 of the product's index per probed share and re-ranked candidates."""
    rows = []
    chosen = (faiss_backend.IVF_PROBED_SHARE, faiss_backend.RERANK_CANDIDATES)
    truth = [[c for c, _ in exact.search(v, 10)] for v in queries]
    for share in SWEEP_SHARES:
        for rerank in SWEEP_RERANK:
            faiss_backend.IVF_PROBED_SHARE, faiss_backend.RERANK_CANDIDATES = share, rerank
            found = [[c for c, _ in product.search(v, 300)] for v in queries]
            ms = _timed([lambda v=v: product.search(v, 300) for v in queries])
            rows.append(
                {
                    "lists scanned": f"{share:.2f}",
                    "candidates scored exactly": str(rerank),
                    "p50": f"{statistics.median(ms):.1f} ms",
                    "p95": f"{np.percentile(ms, 95):.1f} ms",
                    "recall@10": f"{_recall_at_10(found, truth):.3f}",
                }
            )
    faiss_backend.IVF_PROBED_SHARE, faiss_backend.RERANK_CANDIDATES = chosen
    return rows


def index_only(
    source: SourcePassages, size: int, noise: float, queries: np.ndarray, sweep: bool
) -> dict:
    """The approximate index alone at `size` passages: no SQLite, no lexical side, no model.

    What a 1M home's vector index costs (build, disk, cold open, latency, recall, memory, one
    added document) without writing the 1M-passage store, which takes an hour on two cores;
    beside it, in the same run, exact float32 search and the IVF over 8-bit codes it replaced.
    """
    vectors = _mixed_vectors(source, size, noise)
    dim = source.dim
    start = time.perf_counter()
    built, kind, trained = faiss_backend._build(vectors, dim, 0)
    build_s = time.perf_counter() - start
    previous = _previous_ivf(built, vectors)
    table = _synthetic_table(size)
    sector = Filters(sector=["skole"])
    exact_index = faiss.IndexFlatIP(dim)
    exact_index.add(vectors)
    exact = faiss_backend.FaissIndex(exact_index, "flat", table, None)
    lists = faiss.extract_index_ivf(built).nlist
    with tempfile.TemporaryDirectory(dir=REPO / ".innosearch") as folder:
        path = Path(folder) / "vectors.faiss"
        info = {"format": faiss_backend.FORMAT, "generation": 0, "dim": dim, "size": size}
        full = {**info, "kind": kind, "trained": trained}
        faiss_backend._save(built, path, full)
        store = _vector_store(Path(folder) / "store.sqlite3", vectors)
        del built
        gc.collect()
        before = _rss_mib()
        start = time.perf_counter()
        loaded = faiss_backend._load(path, info)
        open_s = time.perf_counter() - start
        assert loaded is not None
        product = faiss_backend.FaissIndex(
            loaded.faiss_index, kind, table, faiss_backend.Rows(store, table, dim)
        )
        faiss.omp_set_num_threads(1)
        # Interleaved query by query, so a change in the machine's load hits every series alike.
        triples = [
            _timed(
                [
                    lambda v=v: product.search(v, 300),
                    lambda v=v: exact.search(v, 300),
                    lambda v=v: previous.search(v.reshape(1, -1), 300),
                ]
            )
            for v in queries
        ]
        plain_ms, exact_ms, previous_ms = ([t[i] for t in triples] for i in range(3))
        sector_ms = _timed([lambda v=v: product.search(v, 300, sector) for v in queries])
        for number in range(1000):
            product.search(queries[number % len(queries)], 300, (None, sector)[number % 2])
        index_rss = _rss_mib() - before
        found, truth = [], []
        for filters in (None, sector):
            for vector in queries:
                found.append([c for c, _ in product.search(vector, 10, filters)])
                truth.append([c for c, _ in exact.search(vector, 10, filters)])
        previous_found = [
            table.chunk_ids[previous.search(v.reshape(1, -1), 10)[1][0]].tolist() for v in queries
        ]
        previous_recall = _recall_at_10(previous_found, truth[: len(queries)])
        start = time.perf_counter()
        growing = faiss_backend._load(path, info)
        assert growing is not None
        growing.faiss_index.add(vectors[:5])
        grown = {**full, "size": size + 5}
        faiss_backend._save(growing.faiss_index, path, grown)
        add_s = time.perf_counter() - start
        disk = sum(p.stat().st_size for p in Path(folder).glob("vectors.*")) / 2**20
        store.close()
        if sweep:
            _print_table(_sweep(product, exact, queries))
    return {
        "passages": f"{size:,}",
        "index": f"{kind} ({lists} lists)",
        "build": f"{build_s:.0f} s",
        "disk (index)": f"{disk:.0f} MiB",
        "cold open": f"{open_s:.2f} s",
        "p50": f"{statistics.median(plain_ms):.1f} ms",
        "p95": f"{np.percentile(plain_ms, 95):.1f} ms",
        "one-sector p50": f"{statistics.median(sector_ms):.1f} ms",
        "recall@10": f"{_recall_at_10(found, truth):.3f}",
        "index RSS after 1,000 searches": f"{index_rss:.0f} MiB",
        "add 5 passages (load, add, save)": f"{add_s:.1f} s",
        "exact float32 p50": f"{statistics.median(exact_ms):.1f} ms",
        "previous IVF 8-bit p50": f"{statistics.median(previous_ms):.1f} ms",
        "previous p95": f"{np.percentile(previous_ms, 95):.1f} ms",
        "previous recall@10": f"{previous_recall:.3f}",
    }


def _print_table(rows: list[dict[str, str]]) -> None:
    columns = list(rows[0])
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(row[c] for c in columns) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="a real-model store")
    parser.add_argument("--homes", type=Path, default=REPO / ".innosearch" / "scale")
    parser.add_argument(
        "--queries", type=int, default=48, help=f"≤ {len(QUERIES)}, split over three series"
    )
    parser.add_argument("--noise", type=float, default=0.02, help="gaussian σ per dimension")
    parser.add_argument(
        "--index-only",
        action="store_true",
        help="the approximate vector index alone at each size (no store): 1M in minutes",
    )
    parser.add_argument(
        "--sweep",
        action="store_true",
        help="with --index-only: recall and p50 per probed share and re-ranked candidates",
    )
    parser.add_argument("--data-rss", nargs=3, metavar=("HOME", "VECTORS", "MODEL"), help=SUPPRESS)
    args = parser.parse_args()
    queries = QUERIES[: args.queries]
    if args.data_rss:
        home, vectors_file, model = args.data_rss
        data_rss(Path(home), queries, Path(vectors_file), model)
        return

    source = SourcePassages(args.source)
    print(f"source: {args.source} ({len(source.vectors)} real passages)")
    rows = []
    embedder = load_embedder(Settings())
    if args.index_only:
        query_vectors = embedder.embed_queries(queries)
        rows = [index_only(source, n, args.noise, query_vectors, args.sweep) for n in args.sizes]
        _print_table(rows)
        return
    for size in args.sizes:
        home = args.homes / str(size)
        seconds = build_home(home, source, size, args.noise)
        if seconds:
            print(f"built {home} in {seconds:.0f} s", file=sys.stderr)
        rows.append(measure(home, queries, embedder))
        print(rows[-1], file=sys.stderr)
    _print_table(rows)


if __name__ == "__main__":
    main()
