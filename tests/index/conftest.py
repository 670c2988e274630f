"""Records with known vectors, written to real stores in temporary folders."""

import importlib.util

import numpy as np
import pytest

from innosearch.documents import DocumentRecord, Section, StoredChunk

SECTORS = ("aeldre", "skole", "sundhed")


def unit_vectors(rng: np.random.Generator, count: int, dim: int) -> np.ndarray:
    vectors = rng.standard_normal((count, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def record(
    doc_id: str, texts: list[str], vectors: np.ndarray, sector: str | None = "aeldre", **fields
) -> DocumentRecord:
    """A stored document whose passages are `texts` with the given vectors."""
    chunks = [
        StoredChunk(text, "Resumé", None, text, vector.tobytes())
        for text, vector in zip(texts, vectors, strict=True)
    ]
    values = {
        "source": f"{doc_id}.json",
        "kind": "case",
        "title": f"Sag {doc_id}",
        "text": "\n\n".join(texts),
        "sections": [Section("\n\n".join(texts), "Resumé")],
        "content_hash": f"hash-{doc_id}",
        "ingested_at": "2024-01-01T00:00:00+00:00",
        "sector": sector,
        # As an ingest stores it: an outline vector beside the passages (here the first's).
        "outline_vector": np.asarray(vectors[0], dtype=np.float32).tobytes() if len(texts) else b"",
    }
    return DocumentRecord(id=doc_id, chunks=chunks, **{**values, **fields})


def random_records(
    rng: np.random.Generator, documents: int, dim: int, passages: int = 3
) -> list[DocumentRecord]:
    """Documents with random unit passage vectors, spread over SECTORS and the years 2018-2023."""
    return [
        record(
            f"d{i:04d}",
            [f"passage {j} of document {i}" for j in range(passages)],
            unit_vectors(rng, passages, dim),
            sector=SECTORS[i % len(SECTORS)],
            year=2018 + i % 6,
        )
        for i in range(documents)
    ]


def backend_marks(backend: str) -> list[pytest.MarkDecorator]:
    """Marks for a vector backend's tests: Milvus needs its extra and has a target of its own."""
    if backend != "milvus":
        return []
    missing = importlib.util.find_spec("pymilvus") is None
    return [
        pytest.mark.milvus,
        pytest.mark.skipif(missing, reason="needs the extra innosearch[milvus]"),
    ]
