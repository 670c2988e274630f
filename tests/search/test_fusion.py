"""Passage aggregation and dense/lexical fusion."""

from innosearch.search.fusion import RankingConfig, aggregate, fuse

DOCS = {1: "a", 2: "a", 3: "b", 4: "c"}


def test_aggregate_keeps_each_documents_best_passage():
    found = aggregate([(1, 0.9), (3, 0.8), (2, 0.7)], DOCS.__getitem__, RankingConfig())
    assert found == {"a": (0.9, 1), "b": (0.8, 3)}


def test_extra_passages_within_the_window_add_to_the_best():
    config = RankingConfig(extra_passage_weight=1.0, passage_window=0.05)
    found = aggregate([(1, 0.9), (2, 0.88)], DOCS.__getitem__, config)
    assert abs(found["a"][0] - (0.9 + 0.03)) < 1e-9


def test_document_similarity_is_weighted_in():
    config = RankingConfig(document_weight=0.5)
    found = aggregate([(3, 0.8)], DOCS.__getitem__, config, {"b": 0.4})
    assert abs(found["b"][0] - 1.0) < 1e-9


def test_score_fusion_lifts_a_strong_lexical_match_but_not_from_nowhere():
    dense = {"a": (0.80, 1), "b": (0.79, 3)}
    lexical = {"b": (40.0, 3), "c": (40.0, 4)}
    ranked = fuse(dense, lexical, RankingConfig(lexical_weight=0.06, lexical_saturation=20.0))
    assert [h.doc_id for h in ranked] == ["b", "c", "a"]
    # c was only found lexically: it starts from the weakest dense score seen.
    c = next(h for h in ranked if h.doc_id == "c")
    assert abs(c.score - (0.79 + 0.06)) < 1e-9 and c.dense == 0.0 and c.chunk_id == 4


def test_dense_only_and_lexical_only_drop_what_the_other_found():
    dense = {"a": (0.8, 1)}
    lexical = {"b": (5.0, 3)}
    assert [h.doc_id for h in fuse(dense, lexical, RankingConfig(fusion="dense"))] == ["a"]
    assert [h.doc_id for h in fuse(dense, lexical, RankingConfig(fusion="lexical"))] == ["b"]


def test_rrf_orders_by_reciprocal_rank():
    dense = {"a": (0.9, 1), "b": (0.8, 3)}
    lexical = {"b": (9.0, 3), "a": (1.0, 1)}
    ranked = fuse(dense, lexical, RankingConfig(fusion="rrf", lexical_weight=2.0))
    assert [h.doc_id for h in ranked] == ["b", "a"]


def test_equal_scores_break_ties_by_id():
    dense = {"z": (0.5, 1), "m": (0.5, 2)}
    assert [h.doc_id for h in fuse(dense, {}, RankingConfig(lexical_weight=0.0))] == ["m", "z"]
