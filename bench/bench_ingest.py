"""Benchmark ingesting a folder into a fresh home with the real embedding model.

Ingests the folder(s) once into a new temporary home and prints the wall time, the time spent in
each stage (reading/parsing/classifying/chunking, embedding, writing + building the index), the
number of files, documents and chunks, chunks per second, and every failure with its message.
Then ingests the same folder(s) again into the same home to show that unchanged files are skipped
(no embedding at all).

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

from innosearch.config import Settings
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
            print(f"passages/s (embedding only): {clock.totals['Beregner vektorer'] / embed_s:.2f}")
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
