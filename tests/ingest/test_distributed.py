"""Distributed ingest: passages embedded by Ray Data on a local 2-worker cluster on 127.0.0.1,
compared with the single-process ingest of the same files with the real model."""

import shutil
from pathlib import Path

import numpy as np
import pytest

from innosearch.config import Settings
from innosearch.embed.factory import load_embedder
from innosearch.errors import InvalidSetting
from innosearch.index.store import Store
from innosearch.ingest.distributed import check_workers
from innosearch.ingest.pipeline import Ingestor
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher

DATA = Path(__file__).parents[2] / "data"
QUERIES = [
    "Hvordan får vi flere ældre til at klare sig selv længere derhjemme?",
    "Hvordan undgår vi oversvømmede kældre?",
    "færre sygedage blandt medarbejdere",
]


@pytest.mark.parametrize("workers", ["0", "fire", "ray://", "http://127.0.0.1:1"])
def test_a_bad_workers_value_is_refused_in_danish(workers):
    with pytest.raises(InvalidSetting, match=f"Ugyldig værdi '{workers}' for --workers"):
        check_workers(workers)


@pytest.mark.parametrize("workers", ["2", "ray://127.0.0.1:10001", "head.example:6379"])
def test_worker_counts_and_cluster_addresses_are_accepted(workers):
    check_workers(workers)


@pytest.mark.model
@pytest.mark.ray
def test_ray_ingest_equals_the_single_process_ingest(tmp_path):
    pytest.importorskip("ray")
    corpus = tmp_path / "cases"
    corpus.mkdir()
    for path in sorted((DATA / "cases").iterdir())[:16]:  # enough for every worker to get work
        shutil.copy(path, corpus)
    single = Settings(home=tmp_path / "single")
    spread = single.model_copy(update={"home": tmp_path / "ray", "ingest_workers": "2"})
    embedder = load_embedder(single)
    seen: list[tuple[str, int, int]] = []

    def progress(stage: str, done: int, total: int) -> None:
        seen.append((stage, done, total))

    expected = Ingestor(single, embedder).ingest([corpus])
    report = Ingestor(spread, embedder).ingest([corpus], progress=progress)

    assert report == expected and len(report.added) >= 16
    embedding = [(done, total) for stage, done, total in seen if stage == "Beregner vektorer"]
    assert embedding[0][0] == 0 and embedding[-1][0] == embedding[-1][1] > 50
    assert len(embedding) >= 3  # vectors arrived (and were cached) a batch per worker at least
    one, other = Store(single.store_path), Store(spread.store_path)
    assert one.content_hashes() == other.content_hashes()
    assert one.document_facets() == other.document_facets()
    _, ids, vectors = one.vector_snapshot(embedder.dim)
    _, ray_ids, ray_vectors = other.vector_snapshot(embedder.dim)
    texts = [c["text"] for c in one.chunks(ids.tolist()).values()]
    assert texts == [c["text"] for c in other.chunks(ray_ids.tolist()).values()]
    assert np.min(np.sum(vectors * ray_vectors, axis=1)) >= 0.9999
    for query in QUERIES:
        found = [
            [h.document.source for h in Searcher(s, embedder).search(SearchRequest(query)).hits]
            for s in (single, spread)
        ]
        assert found[0] == found[1]

    # Nothing is embedded twice: a rerun over changed files embeds only what is new.
    (corpus / "aeldre-gps-demens.json").unlink()
    rerun = Ingestor(spread, embedder).ingest([corpus], prune=True)
    assert rerun.removed == ["aeldre-gps-demens.json"] and not rerun.added and not rerun.updated
