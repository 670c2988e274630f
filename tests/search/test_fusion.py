"""Passage aggregation and dense/lexical fusion."""

from innosearch.search.fusion import RankingConfig, aggregate, fuse

DOCS = {1: "a", 2: "a", 3: "b", 4: "c"}


def test_aggregate_keeps_each_documents_best_passage():
    config = RankingConfig(top_passages_weight=0.0)
    found = aggregate([(1, 0.9), (3, 0.8), (2, 0.7)], DOCS.__getitem__, config)
    assert found == {"a": (0.9, 1), "b": (0.8, 3)}


def test_extra_passages_within_the_window_add_to_the_best():
    config = RankingConfig(extra_passage_weight=1.0, passage_window=0.05, top_passages_weight=0)
    found = aggregate([(1, 0.9), (2, 0.88)], DOCS.__getitem__, config)
    assert abs(found["a"][0] - (0.9 + 0.03)) < 1e-9


def test_document_similarity_is_weighted_in():
    config = RankingConfig(document_weight=0.5, top_passages_weight=0)
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


def test_the_mean_of_the_best_passages_favours_a_document_matched_in_several():
    docs = {1: "long", 2: "long", 3: "long", 4: "lucky", 5: "lucky", 6: "lucky", 7: "floor"}
    passages = [(4, 0.90), (1, 0.89), (2, 0.88), (3, 0.87), (7, 0.50)]
    config = RankingConfig(top_passages_weight=1.0, top_passages=3)
    found = aggregate(passages, docs.__getitem__, config, passage_count=lambda d: 3)
    # "lucky" has two more passages the retriever didn't return: they count as the floor (0.50).
    assert abs(found["lucky"][0] - (0.90 + (0.90 + 0.50 + 0.50) / 3) / 2) < 1e-9
    assert abs(found["long"][0] - (0.89 + 0.88) / 2) < 1e-9
    assert found["long"][0] > found["lucky"][0]


def test_a_short_document_averages_only_the_passages_it_has():
    config = RankingConfig(top_passages_weight=1.0, top_passages=3)
    found = aggregate([(3, 0.8), (1, 0.2)], DOCS.__getitem__, config, passage_count=lambda d: 1)
    assert abs(found["b"][0] - 0.8) < 1e-9


def test_a_long_question_weighs_bm25_less_than_a_short_one():
    config = RankingConfig(lexical_weight=0.06, lexical_saturation=20.0, lexical_full_terms=4)
    dense = {"a": (0.80, 1)}
    lexical = {"a": (40.0, 1)}
    short = fuse(dense, lexical, config, query_terms=3)[0].score
    long = fuse(dense, lexical, config, query_terms=12)[0].score
    assert abs(short - 0.86) < 1e-9 and abs(long - (0.80 + 0.06 * 4 / 12)) < 1e-9
