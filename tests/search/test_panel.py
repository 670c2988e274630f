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


def test_a_suggestion_quotes_the_problem_it_was_matched_on_not_a_pitfall(tmp_path):
    """The passage nearest the question was "Det gik galt …"; the reason said so."""
    from innosearch.config import Settings
    from innosearch.embed.hashing import HashingEmbedder
    from innosearch.index.store import Store
    from innosearch.ingest.pipeline import Ingestor
    from innosearch.search.panel import problem_statement
    from tests.conftest import write_case

    write_case(
        tmp_path / "cases",
        "gps.json",
        title="GPS til borgere med demens",
        sector="aeldre",
        summary="Hjemmeboende borgere med demens kan få en GPS-enhed i lommen.",
        pitfalls="Det gik galt, da vi valgte uret som standard, for mange tog det af.",
    )
    cases = tmp_path / "cases"
    write_case(cases, "ure.json", title="Ure", sector="skole", pitfalls="Ure blev væk.")
    settings = Settings(home=tmp_path / "home", cache_dir=Settings().cache_dir)
    Ingestor(settings, HashingEmbedder()).ingest([tmp_path / "cases"])
    store = Store(settings.store_path)
    by_source = {d.source: d.id for d in store.all_documents()}
    statement = problem_statement(store, by_source["gps.json"])
    assert statement and statement.startswith("Hjemmeboende borgere med demens kan få en GPS")
    assert problem_statement(store, by_source["ure.json"]) is None  # its snippet is quoted
