"""Reads in one process while another process ingests into the same home (two real processes)."""

import os
import subprocess
import sys
import traceback
from contextlib import suppress
from pathlib import Path

from innosearch.errors import DocumentNotFound
from innosearch.ingest.pipeline import Ingestor
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher

REPO = Path(__file__).resolve().parents[2]
CYCLES = 15


def test_searches_keep_answering_while_another_process_ingests(
    settings, embedder, case_folder, tmp_path
):
    Ingestor(settings, embedder).ingest([case_folder])
    searcher = Searcher(settings, embedder)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.search.ingest_loop",
            str(settings.home),
            str(tmp_path / "loop"),
            str(CYCLES),
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    failures: list[str] = []
    generations = set()
    searches = 0
    while writer.poll() is None or searches == 0:
        try:
            found = searcher.search(SearchRequest("skybrud regnbede kældre", limit=20))
            for hit in found.hits[:2]:
                # A case the writer removed since the search is a plain "not found" (404).
                with suppress(DocumentNotFound):
                    searcher.related(hit.document.id, limit=3)
            generations.add(searcher.corpus.current().generation)
        except Exception:  # every failure is collected, not only the first
            failures.append(traceback.format_exc())
        searches += 1
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert out.count("cycle") == CYCLES
    assert failures == [], f"{len(failures)} of {searches} searches failed: {failures[:3]}"
    assert len(generations) > 3  # the reads really overlapped with several commits
    # and once the writer is done, its last commit is what a search sees
    last = {f"loop-{i}.json" for i in range((CYCLES - 1) % 3, (CYCLES - 1) % 3 + 4)}
    final = searcher.search(SearchRequest("skybrud regnbede", limit=20, offset=0))
    assert final.total > 0
    assert searcher.corpus.current().generation == searcher.store.generation
    assert {d.source for d in searcher.all_documents() if d.source.startswith("loop")} == last
