import numpy as np
import pytest

from innosearch.search import inspiration
from innosearch.search.fusion import DocumentHit


def unit(*values: float) -> np.ndarray:
    v = np.array(values + (0.0,) * (6 - len(values)), dtype=np.float32)
    return v / np.linalg.norm(v)


# The asker is in Beskæftigelse; "twin" solved the same problem in Sundhed; the fillers are other
# sectors' cases about something else (their problems point elsewhere).
SECTORS = {
    "own": "beskaeftigelse",
    "own2": "beskaeftigelse",
    "twin": "sundhed",
    "twin2": "sundhed",
    "twin3": "sundhed",
    "near": "social",
    "decoy": "skole",
    **{
        f"filler{i}": ["skole", "kultur_fritid", "aeldre", "teknik_trafik"][i % 4]
        for i in range(12)
    },
}


class Problems(dict[str, np.ndarray]):
    """Problem vectors by document id, looked up as the snapshot's are."""

    def get_many(self, doc_ids: list[str]) -> dict[str, np.ndarray | None]:
        return {doc_id: self.get(doc_id) for doc_id in doc_ids}


PROBLEMS = Problems(
    {
        "own": unit(1, 0),
        "own2": unit(0, 0, 0, 1),
        "decoy": unit(0, 0, 0, 1),
        "twin": unit(1, 0.05),
        "twin2": unit(1, 0.06),
        "twin3": unit(1, 0.07),
        "near": unit(1, 0.08),
        **{f"filler{i}": unit(0, 1, 0.1 * i) for i in range(12)},
    }
)
# The question asks about the problem "own" and "twin" share.
QUESTION = unit(1, 0)
# Document vectors (diversity): all far apart.
CENTROIDS = {doc_id: np.eye(len(SECTORS))[i] for i, doc_id in enumerate(SECTORS)}


def hit(doc_id: str, dense: float) -> DocumentHit:
    return DocumentHit(doc_id, dense, 1, dense)


def fillers(dense: float = 0.70) -> list[DocumentHit]:
    """A dozen unrelated candidates scoring about alike."""
    return [hit(f"filler{i}", dense + 0.003 * (i % 2)) for i in range(12)]


def choose(
    candidates: list[DocumentHit],
    question: np.ndarray = QUESTION,
    problems: Problems = PROBLEMS,
) -> list[str]:
    chosen = inspiration.choose(
        candidates, "beskaeftigelse", SECTORS, problems, CENTROIDS, question
    )
    return [c.doc_id for c in chosen]


def test_the_twin_from_another_sector_is_chosen_and_the_own_sector_never():
    ranked = [hit("own", 0.9), hit("twin", 0.86), *fillers()]
    assert choose(ranked) == ["twin"]


def test_the_problem_decides_not_the_rank_in_the_list():
    # The twin's document ranks below the fillers (other words), its problem is the question's.
    ranked = [hit("own", 0.9), *fillers(0.80), hit("twin", 0.75)]
    assert choose(ranked) == ["twin"]


def test_cut_offs_are_relative_so_a_model_that_rates_everything_closer_gives_the_same_panel():
    # Another model puts every text nearer every other (a shared direction): each cosine c
    # becomes (c + 3) / 4, so every absolute cosine moves, but no candidate's standing does.
    def closer(v: np.ndarray) -> np.ndarray:
        return unit(*(v + np.sqrt(3) * np.eye(6, dtype=np.float32)[5]))

    compressed = Problems({doc_id: closer(v) for doc_id, v in PROBLEMS.items()})
    for ranked in (
        [hit("own", 0.9), hit("twin", 0.86), *fillers()],
        [hit("own", 0.9), hit("twin", 0.86), hit("near", 0.8), *fillers()],
    ):
        assert choose(ranked, closer(QUESTION), compressed) == choose(ranked)


def test_at_most_two_per_sector_and_three_in_all():
    ranked = [
        hit("own", 0.9),
        hit("twin", 0.86),
        hit("twin2", 0.86),
        hit("twin3", 0.86),
        hit("near", 0.855),
        *fillers(),
    ]
    assert choose(ranked) == ["twin", "twin2", "near"]


def test_no_suggestion_when_nothing_stands_out():
    # The question is about something no other sector's case addresses.
    assert choose([hit("own", 0.9), *fillers(0.85)], question=unit(0, 0, 0, 0, 1)) == []


def test_only_an_own_case_among_the_first_two_seeds_the_comparison():
    # "decoy" shares the problem of own2, an own-sector case about something else.
    question = unit(1, 0, 0, 0.2)
    far_down = [hit("twin", 0.88), hit("decoy", 0.70), *fillers(0.70), hit("own2", 0.65)]
    assert choose(far_down, question) == ["twin"]
    first = [hit("own2", 0.9), hit("twin", 0.88), hit("decoy", 0.70), *fillers(0.70)]
    assert choose(first, question) == ["decoy", "twin"]


def test_a_candidate_without_passages_keeps_its_dense_score():
    problems = Problems({doc_id: v for doc_id, v in PROBLEMS.items() if doc_id != "near"})
    pool = inspiration.scored_pool(
        [hit("own", 0.9), hit("near", 0.42), *fillers()],
        "beskaeftigelse",
        SECTORS,
        problems,
        QUESTION,
    )
    assert pool[0] == (0.42, hit("near", 0.42))


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([0.9, 0.5], None),  # too few to measure a spread
        # A small home: the best against the two weakest.
        ([0.9, 0.6, 0.5, 0.5], pytest.approx(0.9 - np.std([0.9, 0.6, 0.5, 0.5]))),
        ([0.5] * 6, None),  # nothing stands out
        (
            [0.9, 0.5, 0.5, 0.5, 0.5, 0.51],
            pytest.approx(0.9 - np.std([0.9, 0.5] + [0.5] * 3 + [0.51])),
        ),
        # Two equally good candidates don't hide each other: both clear the bar (~0.75).
        ([0.9, 0.89] + [0.5, 0.51] * 5, pytest.approx(0.9 - np.std([0.9, 0.89] + [0.5, 0.51] * 5))),
    ],
)
def test_relative_bar(scores, expected):
    assert inspiration.relative_bar(np.array(scores)) == expected


def test_reason_names_the_sector_and_skips_a_dateline():
    text = "Nyhed · 12. maj 2024\nPatienter får en sms fem dage før deres tid. Mere tekst."
    assert inspiration.reason("sundhed", text) == (
        "Samme udfordring løst i Sundhed: Patienter får en sms fem dage før deres tid."
    )
