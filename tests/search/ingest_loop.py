"""Run by the concurrency tests in a second process: ingest cycles that change the store."""

import json
import sys
from pathlib import Path

from innosearch.config import Settings
from innosearch.embed.hashing import HashingEmbedder
from innosearch.ingest.pipeline import Ingestor


def write_cycle(folder: Path, cycle: int) -> None:
    """A folder whose cases change every cycle: some stay, one is new, one is rewritten."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    for i in range(cycle % 3, cycle % 3 + 4):
        case = {
            "title": f"Skybrud og regnbede, sag {i}",
            "sector": "klima_miljoe",
            "summary": f"Regnvand fra skybrud nummer {i} ledes væk i runde {cycle % 2}. " * 20,
        }
        (folder / f"loop-{i}.json").write_text(json.dumps(case, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    home, folder, cycles = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    ingestor = Ingestor(Settings(home=home, vector_backend="faiss"), HashingEmbedder())
    for cycle in range(cycles):
        write_cycle(folder, cycle)
        ingestor.ingest([folder], prune=True)
        print("cycle", cycle, flush=True)
