"""The Searcher over a real store and vector index, with the deterministic test embedder."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from innosearch.errors import DocumentNotFound, InvalidFilter
from innosearch.filters import Filters
from innosearch.ingest.pipeline import Ingestor
from innosearch.ingest.uploads import delete_document
from innosearch.search.fusion import RankingConfig
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher
from tests.conftest import SAMPLE_CASES, write_case

EXTRA_CASES = {
    "aeldre-maaltider.json": {
        "title": "Fælles måltider for ældre i eget hjem",
        "organisation": "Søby Kommune",
        "sector": "aeldre",
        "stage": "udvikling",
        "status": "igangvaerende",
        "year": 2024,
        "summary": "Ældre borgere spiser sammen med naboer, så færre bliver ensomme og "
        "underernærede i eget hjem.",
        "effect": "Vægten steg hos 40 af 55 deltagere på et halvt år.",
    },
    "sund-skybrud.json": {
        "title": "Oversvømmede kældre på hospitalet",
        "organisation": "Region Vestkyst",
        "sector": "sundhed",
        "year": 2022,
        "summary": "Efter skybrud stod hospitalets kældre under vand; nu leder regnbede "
        "vandet væk.",
    },
}


@pytest.fixture
def home(settings, embedder, case_folder):
    for name, fields in EXTRA_CASES.items():
        write_case(case_folder, name, **fields)
    Ingestor(settings, embedder).ingest([case_folder])
    return Searcher(settings, embedder)


def _sources(hits) -> list[str]:
    return [h.document.source for h in hits]


def test_search_finds_the_case_with_the_query_words_first(home):
    found = home.search(SearchRequest("skybrud regnbede kældre oversvømmes"))
    assert found.total == len(SAMPLE_CASES) + len(EXTRA_CASES)
    assert found.hits[0].document.source in {"klima-skybrud.json", "sund-skybrud.json"}
    assert all(h.snippet for h in found.hits)


def test_a_sector_filter_keeps_the_unfiltered_order_of_that_sector(home):
    query = "ældre borgere i eget hjem"
    everything = home.search(SearchRequest(query, limit=100))
    only = home.search(SearchRequest(query, Filters(sector=["aeldre"]), limit=100))
    expected = [h.document.source for h in everything.hits if h.document.sector == "aeldre"]
    assert _sources(only.hits) == expected and len(expected) == 2


def test_facets_count_the_whole_filtered_result(home):
    found = home.search(SearchRequest("kommune", Filters(year_from=2020), limit=1))
    sectors = {f.value: f.count for f in found.facets["sector"]}
    assert found.total == 4 and len(found.hits) == 1
    assert sectors == {"aeldre": 2, "skole": 1, "sundhed": 1}
    assert {f.value for f in found.facets["has_pitfalls"]} <= {True, False}


def test_paging_and_unknown_values_are_refused_in_danish(home):
    with pytest.raises(
        InvalidFilter, match=r"Antal resultater \(limit\) skal være mellem 1 og 100"
    ):
        home.search(SearchRequest("ældre", limit=0))
    with pytest.raises(InvalidFilter, match="Ukendt fase 'måne'"):
        home.search(SearchRequest("ældre", my_stage="måne"))
    with pytest.raises(InvalidFilter, match="Ukendt sektor 'hav'"):
        home.search(SearchRequest("ældre", own_sector="hav"))


def test_related_never_returns_the_document_itself(home):
    doc_id = home.search(SearchRequest("skybrud regnbede")).hits[0].document.id
    related = home.related(doc_id, limit=10)
    assert doc_id not in [h.document.id for h in related] and len(related) == 4
    scores = [h.score for h in related]
    assert scores == sorted(scores, reverse=True)


def test_related_from_other_sectors_only(home):
    doc = home.search(SearchRequest("ældre måltider naboer")).hits[0].document
    related = home.related(doc.id, other_sectors=True, limit=10)
    assert related and all(h.document.sector not in (doc.sector, None) for h in related)


def test_effects_without_a_question_come_by_level_then_year(home):
    total, hits = home.effects(None, Filters(), min_level=0, limit=10)
    levels = [(h.document.evidence_level, h.document.year or 0) for h in hits]
    assert total == len(hits) and levels == sorted(levels, reverse=True)
    measured, _ = home.effects(None, Filters(), min_level=2)
    assert measured == sum(1 for level, _ in levels if level >= 2)


def test_a_deleted_document_is_gone_from_every_read(home, settings):
    doc_id = home.search(SearchRequest("skybrud")).hits[0].document.id
    delete_document(settings, home.store, doc_id)
    assert doc_id not in [h.document.id for h in home.search(SearchRequest("skybrud")).hits]
    with pytest.raises(DocumentNotFound, match=f"Der findes ingen sag med id '{doc_id}'"):
        home.document(doc_id)
    with pytest.raises(DocumentNotFound):
        delete_document(settings, home.store, doc_id)


def test_a_running_searcher_sees_a_later_ingest(home, settings, embedder, tmp_path: Path):
    before = home.search(SearchRequest("cykelstier")).total
    write_case(
        tmp_path / "new",
        "cykel.json",
        title="Cykelstier til skolen",
        sector="teknik_trafik",
        summary="Sikre cykelstier får flere børn i Søndermølle til at cykle i skole.",
    )
    index_file = settings.vectors_path.stat().st_ino
    Ingestor(settings, embedder).ingest([tmp_path / "new"])
    after = home.search(SearchRequest("cykelstier"))
    assert after.total == before + 1 and after.hits[0].document.source == "cykel.json"
    assert settings.vectors_path.stat().st_ino != index_file  # the grown index was saved
    # the new passage's words reached the running searcher's spelling vocabulary
    assert home.search(SearchRequest("cykler i Sondermolle")).query == "cykler i Søndermølle"


def test_stats_describe_the_home(home):
    stats = home.stats()
    assert stats["documents"] == 5 and stats["model"] == "hashing" and stats["dim"] == 64
    assert stats["index_type"] == "flat" and stats["schema_version"] >= 4


def test_the_query_vector_averages_the_question_and_its_content_words(home, embedder):
    question = "Hvordan får vi flere ældre til at klare sig selv længere derhjemme?"
    whole, words = embedder.embed_queries([question, "ældre klare længere derhjemme"])
    expected = (whole + words) / np.linalg.norm(whole + words)
    assert np.allclose(home.query_vector(question), expected, atol=1e-6)
    # Nothing but function words, or nothing but content words: the question's own vector.
    for query in ("Hvordan gør vi det?", "skybrud regnbede"):
        assert np.array_equal(home.query_vector(query), embedder.embed_queries([query])[0])


def test_without_the_content_words_weight_the_question_stands_alone(settings, embedder, home):
    alone = Searcher(settings, embedder, ranking=replace(RankingConfig(), topic_words_weight=0.0))
    question = "Hvordan får vi flere ældre til at klare sig selv længere derhjemme?"
    assert np.array_equal(alone.query_vector(question), embedder.embed_queries([question])[0])
