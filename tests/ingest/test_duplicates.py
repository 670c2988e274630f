import numpy as np

from innosearch.documents import DocumentRecord, StoredChunk
from innosearch.ingest.duplicates import centroid, find_duplicates

DIM = 8


def unit(*values: float) -> np.ndarray:
    v = np.array(values + (0.0,) * (DIM - len(values)), dtype=np.float32)
    return v / np.linalg.norm(v)


def record(doc_id: str, *vectors: np.ndarray) -> DocumentRecord:
    chunks = [StoredChunk("t", "", None, "t", v.tobytes()) for v in vectors]
    return DocumentRecord(doc_id, doc_id, "case", doc_id, "t", [], "h", "now", chunks=chunks)


TEMPLATE = [unit(1, 0.1), unit(0.1, 1), unit(1, 1, 0.1)]


def test_a_reworded_copy_is_a_duplicate_and_a_template_twin_is_not():
    original = record("a", *TEMPLATE, unit(0, 0, 1))
    reworded = record("b", *(unit(*(v[:3] + 0.02)) for v in TEMPLATE), unit(0, 0.02, 1))
    # Same template, but its own summary: close centroids, one passage without a near-copy.
    other_product = record("c", *TEMPLATE, unit(0, 0.3, 1, 0.35))
    stored = np.vstack([centroid(original, DIM)])
    assert float(stored[0] @ centroid(other_product, DIM)) > 0.98  # close as a whole
    passages = {"a": np.vstack(TEMPLATE + [unit(0, 0, 1)])}
    pairs = find_duplicates([reworded, other_product], ["a"], stored, passages.__getitem__, DIM)
    assert [(a, b) for a, b, _ in pairs] == [("a", "b")]
    assert pairs[0][2] >= 0.97


def test_documents_without_passages_are_skipped():
    nothing = np.zeros((0, DIM), dtype=np.float32)
    assert find_duplicates([record("x")], [], nothing, lambda _: nothing, DIM) == []


def test_a_stored_version_of_a_new_record_is_not_its_duplicate():
    old = record("a", *TEMPLATE)
    stored = np.vstack([centroid(old, DIM)])
    assert find_duplicates([record("a", *TEMPLATE)], ["a"], stored, lambda _: None, DIM) == []
