"""Benchmark ingesting a folder into a fresh home with the real embedding model.

Ingests the folder(s) once into a new temporary home and prints the wall time, the time spent in
each stage (reading/parsing/classifying/chunking, embedding, writing + building the index), the
number of files, documents and chunks, chunks per second, and every failure with its message.
Then ingests the same folder(s) again into the same home to show that unchanged files are skipped
(no embedding at all).

Then, side by side in the same run on the same passages (the stored embed texts, in stored
order), every passage path: a naive float32 sentence-transformers encode (the library's
defaults), torch in bfloat16 (the product before ONNX), ONNX Runtime float32 (the product) and
ONNX Runtime int8, with passages/s, the ratio to naive and each path's cosine to the naive vectors.

Reproduce from the repo root (takes minutes: embedding runs at ~10 passages/s on 2 cores):

    python bench/bench_ingest.py                          # ../shared/real-docs
    python bench/bench_ingest.py data                     # the bundled sample corpus
    python bench/bench_ingest.py data --keep /tmp/ih      # keep the home for inspection
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from innosearch.config import DEFAULT_MODEL, Settings
from innosearch.embed.base import Embedder
from innosearch.embed.factory import load_embedder
from innosearch.ingest.pipeline import Ingestor, IngestReport, find_files

DEFAULT_SOURCE = Path(__file__).resolve().parent.parent.parent / "shared" / "real-docs"


class StageClock:
    """A progress callback that records when each stage was first and last reported."""

    def __init__(self, echo: bool):
        self.echo = echo
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self.totals: dict[str, int] = {}
        self._printed = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        self.first.setdefault(stage, now)
        self.last[stage] = now
        self.totals[stage] = total
        if self.echo and (now - self._printed > 5 or done == total):
            self._printed = now
            print(f"  [{stage}] {done}/{total}", file=sys.stderr, flush=True)


class TimedEmbedder:
    """The product's embedder, counting the passages it embeds and the seconds it takes.

    The ingest embeds in one call per write batch, between which it parses the next files, so
    the progress lines alone don't tell how long the embedding itself took.
    """

    def __init__(self, inner: Embedder):
        self.inner = inner
        self.model_id, self.dim, self.precision = inner.model_id, inner.dim, inner.precision
        self.passages = 0
        self.seconds = 0.0

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        start = time.perf_counter()
        vectors = self.inner.embed_passages(texts)
        self.seconds += time.perf_counter() - start
        self.passages += len(texts)
        return vectors


def _run(settings: Settings, embedder: TimedEmbedder, paths: list[Path], echo: bool):
    clock = StageClock(echo)
    ingestor = Ingestor(settings, embedder)
    start = time.perf_counter()
    report = ingestor.ingest(paths, progress=clock)
    end = time.perf_counter()
    stats = ingestor.store.stats()
    ingestor.store.close()
    return report, end - start, start, end, clock, stats


def _stages(clock: StageClock, start: float, end: float) -> list[tuple[str, float]]:
    read = "Læser filer"
    embed = "Beregner vektorer"
    read_end = clock.last.get(read, start)
    out = [("read+parse+classify+chunk", read_end - start)]
    if embed in clock.first:
        out.append(("embed", clock.last[embed] - clock.first[embed]))
        out.append(("write+duplicates+index", end - clock.last[embed]))
    else:
        out.append(("embed", 0.0))
        out.append(("write+duplicates+index", end - read_end))
    return out


def _home_passages(settings: Settings, limit: int | None) -> list[str]:
    """The embed texts of the home's passages, in stored order (derived as ingest made them)."""
    from innosearch.index.store import Store
    from innosearch.ingest.chunk import embed_text

    store = Store(settings.store_path)
    ids = store.passage_table().chunk_ids.tolist()[:limit]
    chunks = store.chunks(ids)
    documents = store.documents(list({chunk["document_id"] for chunk in chunks.values()}))
    store.close()
    return [
        embed_text(documents[c["document_id"]].title, c["section"], c["text"])
        for c in (chunks[i] for i in ids)
    ]


def _paths(settings: Settings) -> list[tuple[str, Callable[[list[str]], np.ndarray]]]:
    """Every passage path, naive first: (name, embed passages without their prefix)."""
    from sentence_transformers import SentenceTransformer

    from innosearch.embed.onnx_build import ensure_onnx_model
    from innosearch.embed.onnx_runtime import OnnxEmbedder
    from innosearch.embed.sentence_transformers import SentenceTransformerEmbedder

    folder = ensure_onnx_model(settings.cache_dir, "int8")
    naive = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    batch = settings.embed_batch_size
    bf16 = SentenceTransformerEmbedder(str(folder), DEFAULT_MODEL, batch, "bfloat16")
    fp32 = OnnxEmbedder(folder, DEFAULT_MODEL, batch, "float32")
    int8 = OnnxEmbedder(folder, DEFAULT_MODEL, batch, "int8")
    return [
        (
            "naive sentence-transformers fp32",
            lambda texts: naive.encode(
                ["passage: " + t for t in texts], normalize_embeddings=True, show_progress_bar=False
            ),
        ),
        ("torch bfloat16 (product before)", bf16.embed_passages),
        ("ONNX fp32 sorted+padded (product)", fp32.embed_passages),
        ("ONNX int8 sorted+padded", int8.embed_passages),
    ]


def _side_by_side(settings: Settings, limit: int | None, rounds: int) -> None:
    """passages/s of every path on the same passages, rounds interleaved, and each path's
    cosine to the naive vectors (how far it moves them)."""
    texts = _home_passages(settings, limit)
    paths = _paths(settings)
    for _, embed in paths:
        embed(texts[:2])  # warm-up: lazy sessions, first-call allocations
    rates: dict[str, list[float]] = {name: [] for name, _ in paths}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(rounds):
        for name, embed in paths:
            start = time.perf_counter()
            vectors[name] = embed(texts)
            rates[name].append(len(texts) / (time.perf_counter() - start))
    naive_name = paths[0][0]
    naive = statistics.median(rates[naive_name])
    print(f"\n== passage paths side by side ({len(texts)} passages, {rounds} round(s)) ==")
    print(f"{'path':<36}{'passages/s':>11}{'x naive':>9}{'min cos':>9}{'mean cos':>10}")
    for name, _ in paths:
        rate = statistics.median(rates[name])
        cosines = (vectors[name] * vectors[naive_name]).sum(axis=1)
        print(
            f"{name:<36}{rate:>11.2f}{rate / naive:>8.2f}x"
            f"{cosines.min():>9.4f}{cosines.mean():>10.5f}"
        )


def _print_report(report: IngestReport) -> None:
    print(
        f"added {len(report.added)}, updated {len(report.updated)}, "
        f"unchanged {len(report.unchanged)}, removed {len(report.removed)}, "
        f"failed {len(report.failed)}"
    )
    for source, message in report.failed:
        print(f"  FAILED {source}: {message}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[DEFAULT_SOURCE],
        help=f"files or folders to ingest (default: {DEFAULT_SOURCE})",
    )
    parser.add_argument(
        "--keep", type=Path, help="use this (new or empty) folder as the home and keep it"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    parser.add_argument(
        "--naive-limit",
        type=int,
        help="compare the passage paths on only this many passages (default: all)",
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="rounds of the side-by-side comparison (median)"
    )
    args = parser.parse_args()

    if args.keep:
        home = args.keep
        if home.exists() and any(home.iterdir()):
            parser.error(f"--keep {home} is not empty: the first run must start from scratch")
        cleanup = None
    else:
        home = Path(tempfile.mkdtemp(prefix="innosearch-bench-ingest-"))
        cleanup = home
    try:
        settings = Settings(home=home)
        t0 = time.perf_counter()
        embedder = TimedEmbedder(load_embedder(settings))
        load_s = time.perf_counter() - t0
        files, missing = find_files(args.paths)
        print(f"sources: {', '.join(str(p) for p in args.paths)}")
        print(f"home: {home}")
        print(f"model: {embedder.model_id} (dim {embedder.dim}), loaded in {load_s:.1f} s")
        missing_note = f" (missing paths: {len(missing)})" if missing else ""
        print(f"files found: {len(files)}{missing_note}")

        print("\n== first ingest (fresh home) ==")
        report, wall, start, end, clock, stats = _run(
            settings, embedder, args.paths, not args.quiet
        )
        chunks = stats["chunks"]
        print(f"wall time: {wall:.1f} s")
        for name, seconds in _stages(clock, start, end):
            print(f"  {name:<28} {seconds:8.1f} s")
        print(f"files: {len(files)}  documents: {stats['documents']}  chunks: {chunks}")
        print(f"passages embedded: {embedder.passages} in {embedder.seconds:.1f} s")
        print(f"chunks/s (whole run): {chunks / wall:.2f}")
        if embedder.passages:
            product = embedder.passages / embedder.seconds
            print(f"passages/s (embedding only): {product:.2f} (path {embedder.precision})")
            _side_by_side(settings, args.naive_limit, args.rounds)
        print(f"by kind: {stats['by_kind']}")
        _print_report(report)

        print("\n== second ingest (same files, unchanged) ==")
        embedder.passages = 0
        report2, wall2, start2, end2, clock2, stats2 = _run(
            settings, embedder, args.paths, not args.quiet
        )
        print(f"wall time: {wall2:.2f} s")
        print(f"passages embedded: {embedder.passages}")
        print(f"documents: {stats2['documents']}  chunks: {stats2['chunks']}")
        _print_report(report2)
    finally:
        if cleanup is not None:
            shutil.rmtree(cleanup, ignore_errors=True)


if __name__ == "__main__":
    main()
