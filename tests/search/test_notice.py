"""What a search says about the question itself, over a real store and index."""

import pytest

from innosearch.alerts.saved import SavedSearches
from innosearch.errors import InvalidQuery
from innosearch.ingest.pipeline import Ingestor
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher


@pytest.fixture
def searcher(settings, embedder, case_folder):
    Ingestor(settings, embedder).ingest([case_folder])
    return Searcher(settings, embedder)


@pytest.mark.parametrize("question", ["a", "Hvordan gør andre?", "  og   i  "])
def test_a_question_without_content_words_is_not_searched_and_says_why(searcher, question):
    found = searcher.search(SearchRequest(question, own_sector="aeldre"))
    assert found.total == 0 and not found.hits and not found.inspiration
    assert found.notice is not None and found.notice.code == "no_content_words"
    assert f"»{' '.join(question.split())}«" in found.notice.message
    assert "Beskriv den med et par ord mere" in found.notice.message
    assert found.own_sector == "aeldre"  # the asker's choice is kept for the next question


def test_a_question_no_case_uses_a_word_of_gets_the_nearest_cases_and_says_so(searcher):
    found = searcher.search(SearchRequest("kaffemaskiner og espresso", own_sector="skole"))
    assert found.hits  # the nearest in meaning are still shown
    assert found.notice is not None and found.notice.code == "words_not_found"
    message = found.notice.message
    assert "Ingen sager bruger ordene »kaffemaskiner« eller »espresso«" in message
    assert "fundet på betydningen alene" in message
    one = searcher.search(SearchRequest("espresso")).notice
    assert one is not None and "Ingen sager bruger ordet »espresso«," in one.message


def test_a_question_with_one_word_the_cases_use_gets_no_notice(searcher):
    found = searcher.search(SearchRequest("kaffemaskiner til ældre borgere"))
    assert found.notice is None
    assert found.hits[0].document.source == "aeldre-rehab.json"


def test_a_misspelt_word_counts_as_found_once_corrected(searcher):
    found = searcher.search(SearchRequest("skybrud i kaeldre"))
    assert found.corrected_from == "skybrud i kaeldre"
    assert found.notice is None


def test_a_question_without_content_words_cannot_be_followed(settings, searcher):
    with pytest.raises(InvalidQuery, match="»Hvordan gør andre\\?« siger ikke"):
        SavedSearches(settings, searcher).create("Andre", "Hvordan gør andre?")
    assert not SavedSearches(settings, searcher).all()
