"""Run by test_pipeline's kill test in a subprocess: an ingest that embeds slowly."""

import sys
import time
from pathlib import Path

from innosearch.config import Settings
from innosearch.embed.hashing import HashingEmbedder
from innosearch.ingest.pipeline import Ingestor


class SlowEmbedder(HashingEmbedder):
    def embed_passages(self, texts: list[str]):
        print("embedding", flush=True)
        time.sleep(0.2)
        return super().embed_passages(texts)


if __name__ == "__main__":
    home, folder = Path(sys.argv[1]), Path(sys.argv[2])
    settings = Settings(home=home, embed_batch_size=1)
    Ingestor(settings, SlowEmbedder()).ingest([folder])
    print("done", flush=True)
