import math
from pathlib import Path

import pytest

from innosearch.errors import InnosearchError
from innosearch.ingest.pipeline import Ingestor
from innosearch.search.evaluate import (
    bootstrap_interval,
    evaluate,
    ndcg,
    read_qrels,
    read_queries,
    recall,
    reciprocal_rank,
)
from innosearch.search.searcher import Searcher


def test_metrics_on_a_hand_computed_ranking():
    grades = {"a": 2, "b": 1, "c": 0}
    ranked = ["x", "a", "b"]
    ideal = 2 + 1 / math.log2(3)
    assert ndcg(ranked, grades) == pytest.approx((2 / math.log2(3) + 1 / 2) / ideal)
    assert ndcg(["a", "b"], grades) == pytest.approx(1.0)
    assert recall(ranked, grades, 2) == 0.5 and recall(ranked, grades, 3) == 1.0
    assert reciprocal_rank(ranked, grades) == 0.5
    assert reciprocal_rank(["x", "c"], grades) == 0.0


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_evaluate_reports_ranking_and_effect_lists(settings, embedder, case_folder, tmp_path):
    Ingestor(settings, embedder).ingest([case_folder])
    queries = write(
        tmp_path / "q.tsv",
        "query_id\tquery\town_sector\twants\n"
        "Q1\tregnbede skybrud kældre\t\tcases\n"
        "Q2\tældre klarer sig selv i eget hjem\taeldre\teffect\n"
        "Q3\tikke vurderet\t\t\n",
    )
    qrels = write(
        tmp_path / "r.tsv",
        "query_id\tsource\tgrade\nQ1\tklima-skybrud.json\t2\nQ2\taeldre-rehab.json\t2\n",
    )
    report = evaluate(Searcher(settings, embedder), read_queries(queries), read_qrels(qrels))
    body = report.as_dict()
    assert body["queries"] == 2  # Q3 has no judgments
    assert body["per_query"][0]["top"][0] == "klima-skybrud.json"
    assert body["effect"]["queries"] == 1
    assert body["effect"]["graded>=1"] == 1  # the rehab case has a measured effect
    assert 0 < body["ndcg@10"] <= 1 and body["recall@10"] == 1.0


def test_a_queries_file_without_the_needed_columns_is_refused(tmp_path):
    bad = write(tmp_path / "q.tsv", "id\ttext\nQ1\tnoget\n")
    with pytest.raises(InnosearchError, match="query_id"):
        read_queries(bad)


def test_bootstrap_interval_brackets_the_mean_and_narrows_with_more_queries():
    scores = [0.0, 1.0] * 10
    low, high = bootstrap_interval([scores])
    assert low < 0.5 < high
    wide = high - low
    low, high = bootstrap_interval([scores * 10])
    assert low < 0.5 < high and high - low < wide / 2
    assert bootstrap_interval([[0.3] * 5]) == pytest.approx((0.3, 0.3))


def test_bootstrap_interval_of_several_sets_is_around_the_mean_of_their_means():
    low, high = bootstrap_interval([[1.0, 0.8, 0.9], [0.0, 0.2] * 20])
    assert low < (0.9 + 0.1) / 2 < high
    # A paired difference that is always positive never reaches zero.
    assert bootstrap_interval([[0.1, 0.2, 0.05, 0.3]])[0] > 0


@pytest.mark.parametrize("grade", ["høj", "1.5", "-1", "²", ""])
def test_a_grade_that_is_no_whole_number_is_named_by_file_and_line(tmp_path, grade):
    qrels = write(
        tmp_path / "qrels.tsv", f"query_id\tsource\tgrade\nq1\ta.json\t2\nq1\tb.json\t{grade}\n"
    )
    with pytest.raises(InnosearchError) as caught:
        read_qrels(qrels)
    assert caught.value.message.startswith(f"{qrels}, linje 3: grade skal være et helt tal")
    assert f"ikke '{grade}'" in caught.value.message


def test_a_judgement_file_that_is_not_text_is_said_to_be_so(tmp_path):
    qrels = tmp_path / "qrels.tsv"
    qrels.write_bytes(b"query_id\tsource\tgrade\n\xff\xfe\x00binary")
    with pytest.raises(InnosearchError, match="er ikke en tekstfil i UTF-8"):
        read_qrels(qrels)
