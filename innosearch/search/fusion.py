"""From passage hits to ranked documents: aggregation per document and dense/lexical fusion.

The defaults of RankingConfig are the variant that measured best on our evaluation sets; every
alternative stays selectable so `bench/eval_variants.py` can reproduce the table in
docs/quality.md.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RankingConfig:
    # "score": dense score plus weighted BM25; "rrf": reciprocal rank fusion; "dense" /
    # "lexical": one retriever alone.
    fusion: str = "score"
    lexical_weight: float = 0.03
    # For "score": BM25 is divided by this and capped at 1. An absolute scale rather than the
    # query's best BM25, so that a weak lexical match (one common word) adds little, while a
    # match on several rare terms (names, acronyms) adds the full weight. 0 = divide by the
    # query's best BM25 instead.
    lexical_saturation: float = 20.0
    # A query of more distinct stems than this gets the lexical weight scaled by this/stems: in a
    # long conversational question, BM25 mostly matches the asker's everyday words, while in a
    # short query (a name, an acronym, a few terms) every term is meant. 0 = never scaled.
    lexical_full_terms: int = 4
    rrf_k: int = 60
    # Aggregation: a document's dense score is its best passage plus this share of how close
    # its next passages come to the best (within `passage_window`), so several strong passages
    # count without drowning a short case that has one precise passage.
    extra_passage_weight: float = 0.0
    passage_window: float = 0.05
    extra_passages: int = 2
    # Aggregation: a document's dense score is the weighted mean of its best passage (weight 1)
    # and the mean of its best `top_passages` passages (this weight), so a document whose problem
    # shows in several passages outranks one with a single lucky passage. The score stays on the
    # cosine scale (the inspiration panel reads it so). A document with fewer passages averages
    # the ones it has; a passage the dense retriever didn't return counts as the weakest score
    # it returned.
    top_passages_weight: float = 1.0
    top_passages: int = 3
    # Whole-document signal: this share of the cosine between the query and the document's mean
    # passage vector is added to the best passage's score.
    document_weight: float = 0.0
    # Pseudo-relevance feedback: the query vector is moved this far towards the mean passage
    # vector of the first retrieval's top `feedback_documents` documents, then searched again.
    feedback_weight: float = 0.3
    feedback_documents: int = 2
    # The query vector: this share of the vector of the question's content words alone (stop
    # words dropped, `query.topic_words`), the rest the whole question's; 0 = the question alone.
    # A long conversational question dilutes its topic among the asker's words ("vi", "hos os",
    # "hvordan har andre …"); its content words alone keep the topic but lose the grammar, so the
    # two views are averaged with equal weight (docs/quality.md: 0.5 lowered no set, while 0.2
    # and 0.3 lowered dev-eval).
    topic_words_weight: float = 0.5
    # Second stage: the first `outline_candidates` documents (0: all) gain this share of the
    # cosine between the question and the document's outline (its title and own headings) in
    # the question's form (search/outline.py). Measured on every set and confirmed on 27
    # questions written after it was chosen (docs/quality.md); 0 leaves it out.
    outline_weight: float = 0.3
    outline_candidates: int = 30
    dense_candidates: int = 300
    lexical_candidates: int = 300
    # Lexical search ORs the query's rarest stems up to this many passages in all (see
    # retrieve._bounded_terms); 0 ORs every stem however common.
    lexical_max_postings: int = 5_000


@dataclass
class DocumentHit:
    doc_id: str
    score: float
    chunk_id: int  # the passage to show
    dense: float  # aggregated dense score; 0 when only the lexical retriever found it
    lexical: float = 0.0  # BM25 of the best passage, 0 when not found lexically


def aggregate(
    passages: list[tuple[int, float]],
    document_of: Callable[[int], str],
    config: RankingConfig,
    document_similarity: dict[str, float] | None = None,
    passage_count: Callable[[str], int] | None = None,
) -> dict[str, tuple[float, int]]:
    """Per document: aggregated dense score and best passage, from passages sorted best first."""
    floor = passages[-1][1] if passages else 0.0
    per_doc: dict[str, list[tuple[float, int]]] = {}
    for chunk_id, score in passages:
        per_doc.setdefault(document_of(chunk_id), []).append((score, chunk_id))
    result = {}
    for doc_id, scored in per_doc.items():
        best, best_chunk = scored[0]
        bonus = sum(
            max(0.0, score - (best - config.passage_window))
            for score, _ in scored[1 : 1 + config.extra_passages]
        )
        score = best + config.extra_passage_weight * bonus
        if config.top_passages_weight:
            wanted = config.top_passages
            if passage_count is not None:
                wanted = min(wanted, passage_count(doc_id))
            top = [s for s, _ in scored[:wanted]]
            top += [floor] * (wanted - len(top))
            weight = config.top_passages_weight
            score = (score + weight * sum(top) / len(top)) / (1 + weight)
        if document_similarity:
            score += config.document_weight * document_similarity.get(doc_id, 0.0)
        result[doc_id] = (score, best_chunk)
    return result


def lexical_weight(config: RankingConfig, query_terms: int) -> float:
    """The lexical weight for a query of this many distinct stems."""
    if config.lexical_full_terms and query_terms > config.lexical_full_terms:
        return config.lexical_weight * config.lexical_full_terms / query_terms
    return config.lexical_weight


def fuse(
    dense: dict[str, tuple[float, int]],
    lexical: dict[str, tuple[float, int]],
    config: RankingConfig,
    query_terms: int = 0,
) -> list[DocumentHit]:
    """Documents found by either retriever, best first, with the passage to show."""
    weight = lexical_weight(config, query_terms)
    hits: dict[str, DocumentHit] = {}
    floor = min((s for s, _ in dense.values()), default=0.0)
    top_lexical = max((s for s, _ in lexical.values()), default=0.0) or 1.0
    dense_order = {d: i for i, d in enumerate(sorted(dense, key=lambda d: -dense[d][0]))}
    lexical_order = {d: i for i, d in enumerate(sorted(lexical, key=lambda d: -lexical[d][0]))}
    for doc_id in dense.keys() | lexical.keys():
        dense_score, chunk_id = dense.get(doc_id, (0.0, -1))
        lexical_score, lexical_chunk = lexical.get(doc_id, (0.0, -1))
        if chunk_id == -1:
            chunk_id = lexical_chunk
        if config.fusion == "dense":
            score = dense_score if doc_id in dense else -1.0
        elif config.fusion == "lexical":
            score = lexical_score if doc_id in lexical else -1.0
        elif config.fusion == "rrf":
            score = 0.0
            if doc_id in dense_order:
                score += 1.0 / (config.rrf_k + dense_order[doc_id] + 1)
            if doc_id in lexical_order:
                score += weight / (config.rrf_k + lexical_order[doc_id] + 1)
        else:
            # A document only the lexical retriever found ranks as if its dense score were the
            # weakest one seen, so BM25 can lift it but not out of nowhere.
            base = dense_score if doc_id in dense else floor
            scale = config.lexical_saturation or top_lexical
            score = base + weight * min(1.0, lexical_score / scale)
        hits[doc_id] = DocumentHit(doc_id, score, chunk_id, dense_score, lexical_score)
    ranked = [h for h in hits.values() if h.score >= 0 or config.fusion not in ("dense", "lexical")]
    ranked.sort(key=lambda h: (-h.score, -h.dense, h.doc_id))
    return ranked
