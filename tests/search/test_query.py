"""Query normalisation."""

import pytest

from innosearch.errors import InvalidQuery
from innosearch.search.query import normalise_query, topic_words


def test_whitespace_and_control_characters_are_cleaned_and_text_is_nfc():
    assert normalise_query("  Hvordan\tfår\x00 vi   ældre ", 100) == "Hvordan får vi ældre"
    assert normalise_query("ae\u0301", 100) == "a\u00e9"


@pytest.mark.parametrize("asked", [" \n ", "?!...,,;:", "\ufffd\ufffd", "- -"])
def test_a_query_without_letters_or_digits_is_refused_in_danish(asked):
    with pytest.raises(InvalidQuery, match="Skriv en søgning"):
        normalise_query(asked, 100)


def test_a_query_of_digits_or_one_letter_is_asked():
    assert normalise_query("2030", 100) == "2030"
    assert normalise_query("ø?", 100) == "ø?"


def test_over_long_query_names_the_limit():
    with pytest.raises(InvalidQuery, match=r"\(11 tegn\). Hold den under 10 tegn"):
        normalise_query("a" * 11, 10)


def test_topic_words_keep_the_content_words_in_order():
    question = "Hvordan får vi flere ældre til at klare sig selv længere derhjemme?"
    assert topic_words(question) == "ældre klare længere derhjemme"
    assert topic_words("Hvordan gør vi det?") == ""
