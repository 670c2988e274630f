"""The sector assumed for the inspiration panel when the asker names none."""

from innosearch.search.panel import assumed_sector


def test_the_first_results_weigh_most():
    # The README's question over data/: Ældre first and third, Sundhed second, fourth and fifth.
    ranked = ["aeldre", "sundhed", "aeldre", "sundhed", "sundhed"]
    assert assumed_sector(ranked) == "aeldre"
    # Three votes further down do outweigh one at the top.
    assert assumed_sector(["aeldre", "sundhed", "sundhed", "sundhed"]) == "sundhed"


def test_results_without_a_sector_do_not_vote():
    assert assumed_sector([None, "skole", None]) == "skole"
    assert assumed_sector([None, None]) is None
    assert assumed_sector([]) is None
