"""Benchmark ingesting a folder into a fresh home with the real embedding model.

Ingests the folder(s) once into a new temporary home and prints the wall time, the time spent in
each stage (reading/parsing/classifying/chunking, embedding, writing + building the index), the
number of files, documents and chunks, chunks per second, and every failure with its message.
Then ingests the same folder(s) again into the same home to show that unchanged files are skipped
(no embedding at all).

Then, side by side in the same run, a naive float32 sentence-transformers encode of the same
passages (the stored embed texts with the e5 "passage: " prefix, in stored order, the library's
defaults) and its passages/s, so the product's embedding path is judged against it.

Reproduce from the repo root (takes minutes: embedding runs at ~10 passages/s on 2 cores):

    python bench/bench_ingest.py                          # /work/shared/real-docs
    python bench/bench_ingest.py data                     # the bundled sample corpus
    python bench/bench_ingest.py data --keep /tmp/ih      # keep the home for inspection
"""

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from innosearch.config import DEFAULT_MODEL, Settings
from innosearch.embed.e5_weights import ensure_default_model
from innosearch.embed.factory import load_embedder
from innosearch.ingest.pipeline import Ingestor, IngestReport, find_files

DEFAULT_SOURCE = Path("/work/shared/real-docs")


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


def _run(settings: Settings, embedder, paths: list[Path], echo: bool):
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


def _naive_passages_per_second(settings: Settings, limit: int | None) -> tuple[int, float]:
    """(passages, passages/s) of a plain float32 sentence-transformers encode of the home's."""
    from sentence_transformers import SentenceTransformer

    from innosearch.index.store import Store

    store = Store(settings.store_path)
    table = store.passage_table()
    ids = table.chunk_ids.tolist()[:limit]
    chunks = store.chunks(ids)
    store.close()
    texts = ["passage: " + chunks[i]["embed_text"] for i in ids]
    path = ensure_default_model(settings.cache_dir) if settings.model == DEFAULT_MODEL else None
    model = SentenceTransformer(str(path or settings.model), device="cpu", local_files_only=True)
    start = time.perf_counter()
    model.encode(texts, normalize_embeddings=True, show_progress_bar=False)
    return len(texts), len(texts) / (time.perf_counter() - start)


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
        "--naive-limit", type=int, help="encode only this many passages naively (default: all)"
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
        embedder = load_embedder(settings)
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
        print(f"passages embedded: {clock.totals.get('Beregner vektorer', 0)}")
        print(f"chunks/s (whole run): {chunks / wall:.2f}")
        embed_s = dict(_stages(clock, start, end))["embed"]
        if embed_s > 0:
            product = clock.totals["Beregner vektorer"] / embed_s
            print(
                f"passages/s (embedding only): {product:.2f} "
                f"(precision {getattr(embedder, 'precision', 'float32')})"
            )
            count, naive = _naive_passages_per_second(settings, args.naive_limit)
            print(f"naive float32 sentence-transformers encode: {naive:.2f} passages/s ({count})")
            print(f"product / naive: {product / naive:.2f}x")
        print(f"by kind: {stats['by_kind']}")
        _print_report(report)

        print("\n== second ingest (same files, unchanged) ==")
        report2, wall2, start2, end2, clock2, stats2 = _run(
            settings, embedder, args.paths, not args.quiet
        )
        print(f"wall time: {wall2:.2f} s")
        print(f"passages embedded: {clock2.totals.get('Beregner vektorer', 0)}")
        print(f"documents: {stats2['documents']}  chunks: {stats2['chunks']}")
        _print_report(report2)
    finally:
        if cleanup is not None:
            shutil.rmtree(cleanup, ignore_errors=True)


if __name__ == "__main__":
    main()
