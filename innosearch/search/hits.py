"""Ranked documents turned into hits: the stored document and the passage that matched, marked."""

from innosearch.index.store import Store
from innosearch.search.fusion import DocumentHit
from innosearch.search.results import Hit
from innosearch.search.snippet import snippet

_NO_PASSAGE = {"text": "", "section": "", "page": None}


def build_hits(store: Store, ranked: list[DocumentHit], query: str) -> list[Hit]:
    docs = store.documents([r.doc_id for r in ranked])
    chunks = store.chunks([r.chunk_id for r in ranked])
    hits = []
    for r in ranked:
        chunk = chunks.get(r.chunk_id, _NO_PASSAGE)
        text, marks = snippet(chunk["text"], query)
        hits.append(Hit(docs[r.doc_id], r.score, chunk["section"], chunk["page"], text, marks))
    return hits
