"""Benchmark `innosearch import` of a large export: wall time and the memory it takes.

Exports an ingested home, writes `--copies` copies of every line under new ids and sources into
one JSON Lines file, and imports that file into a fresh home, in a child process whose peak
resident memory is read from the kernel (ru_maxrss). The texts repeat, so the model embeds each
one once (the vector cache spares the rest) and the run measures the import itself: reading,
checking, ordering and writing. The child's memory after loading the model is printed too, so
the import's own share is the difference.

Reproduce from the repo root (the home must be ingested first, e.g. `innosearch ingest data
--home .innosearch/eval/data`):

    python bench/bench_import.py --home .innosearch/eval/data --copies 400
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from innosearch.config import Settings
from innosearch.embed.factory import load_embedder
from innosearch.search.export import documents_jsonl
from innosearch.search.searcher import Searcher

_CHILD = """
import json, resource, sys, time
from pathlib import Path
from innosearch.config import Settings
from innosearch.embed.factory import load_embedder
from innosearch.ingest.jsonl_import import import_documents
from innosearch.ingest.pipeline import Ingestor

settings = Settings(home=Path(sys.argv[1]))
ingestor = Ingestor(settings, load_embedder(settings))
# Passages as long as the model takes, a batch of them: the runtime's buffers grow to that once.
ingestor.embedder.embed_passages([" ".join(["Ældre træner i eget hjem."] * 120)] * 64)
loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
report = import_documents(ingestor, Path(sys.argv[2]))
print(json.dumps({
    "seconds": time.perf_counter() - start,
    "added": len(report.added),
    "failed": len(report.failed),
    "rss_after_model_kib": loaded,
    "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
}))
"""


def write_copies(home: Path, copies: int, export: Path) -> int:
    """The home's export, `copies` times under new ids and sources; returns the line count."""
    settings = Settings(home=home)
    lines = list(documents_jsonl(Searcher(settings, load_embedder(settings)).all_documents()))
    written = 0
    with export.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for line in lines:
                body = json.loads(line)
                body["id"] = f"{body['id']}-{copy}"
                body["source"] = f"kopi-{copy}/{body['source']}"
                for link in body.get("parts") or []:
                    link["id"] = f"{link['id']}-{copy}"
                if body.get("part_of"):
                    body["part_of"]["id"] = f"{body['part_of']['id']}-{copy}"
                out.write(json.dumps(body, ensure_ascii=False) + "\n")
                written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True, help="an ingested home to export")
    parser.add_argument("--copies", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        export = Path(scratch) / "eksport.jsonl"
        lines = write_copies(args.home, args.copies, export)
        size_mb = export.stat().st_size / 2**20
        print(f"export: {lines} lines, {size_mb:.1f} MB")
        start = time.perf_counter()
        child = subprocess.run(
            [sys.executable, "-c", _CHILD, str(Path(scratch) / "home"), str(export)],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        own_mb = (figures["peak_rss_kib"] - figures["rss_after_model_kib"]) / 1024
        print(
            f"import: {figures['seconds']:.1f} s ({time.perf_counter() - start:.1f} s with "
            f"start-up), {figures['added']} added, {figures['failed']} failed"
        )
        print(
            f"peak RSS {figures['peak_rss_kib'] / 1024:.0f} MB, after loading the model "
            f"{figures['rss_after_model_kib'] / 1024:.0f} MB: the import's own {own_mb:.0f} MB "
            f"({own_mb / size_mb:.2f} x the export's size)"
        )


if __name__ == "__main__":
    main()
