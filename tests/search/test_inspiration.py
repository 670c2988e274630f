import numpy as np

from innosearch.search import inspiration
from innosearch.search.fusion import DocumentHit


def unit(*values: float) -> np.ndarray:
    v = np.array(values + (0.0,) * (6 - len(values)), dtype=np.float32)
    return v / np.linalg.norm(v)


SECTORS = {
    "own": "beskaeftigelse",
    "twin": "sundhed",
    "twin2": "sundhed",
    "twin3": "sundhed",
    "far": "skole",
    "near": "social",
}
PROBLEMS = {
    "own": unit(1, 0),
    "twin": unit(1, 0.05),
    "twin2": unit(1, 0.06),
    "twin3": unit(1, 0.07),
    "far": unit(0, 1),
    "near": unit(1, 0.08),
}
CENTROIDS = {
    "own": unit(1),
    "twin": unit(0, 1),
    "twin2": unit(0, 0, 1),
    "twin3": unit(0, 0, 0, 1),
    "far": unit(0, 0, 0, 0, 1),
    "near": unit(0, 0, 0, 0, 0, 1),
}


def hit(doc_id: str, dense: float) -> DocumentHit:
    return DocumentHit(doc_id, dense, 1, dense)


def choose(candidates, hidden=frozenset()):
    chosen = inspiration.choose(
        candidates, "beskaeftigelse", SECTORS, PROBLEMS, CENTROIDS, set(hidden)
    )
    return [c.doc_id for c in chosen]


def test_the_twin_from_another_sector_is_chosen_and_the_own_sector_never():
    ranked = [hit("own", 0.9), hit("twin", 0.86), hit("far", 0.86)]
    assert choose(ranked) == ["twin"]


def test_at_most_two_per_sector_and_nothing_below_the_floor():
    ranked = [
        hit("own", 0.9),
        hit("twin", 0.86),
        hit("twin2", 0.86),
        hit("twin3", 0.86),
        hit("near", 0.855),
    ]
    assert choose(ranked) == ["twin", "twin2", "near"]
    assert choose([hit("own", 0.9), hit("twin", 0.70)]) == []


def test_a_case_already_on_the_page_sets_the_bar_but_is_not_repeated():
    ranked = [hit("own", 0.9), hit("twin", 0.90), hit("near", 0.84)]
    assert choose(ranked, hidden={"twin"}) == []


def test_reason_names_the_sector_and_skips_a_dateline():
    text = "Nyhed · 12. maj 2024\nPatienter får en sms fem dage før deres tid. Mere tekst."
    assert inspiration.reason("sundhed", text) == (
        "Samme udfordring løst i Sundhed: Patienter får en sms fem dage før deres tid."
    )
