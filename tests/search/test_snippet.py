"""Snippets: a window of whole sentences around the matches, with the matched words marked."""

import re
import unicodedata
from pathlib import Path

from innosearch.search.snippet import mark_spans, snippet
from innosearch.text.analysis import stems

CASES = Path(__file__).resolve().parents[2] / "data" / "cases"


def test_marks_words_sharing_a_stem_with_the_query():
    text = "Ældre borgere trænede hjemme. Borgerne klarede sig selv."
    spans = mark_spans(text, "borger")
    assert [text[s:e] for s, e in spans] == ["borgere", "Borgerne"]


def test_marks_every_word_whose_stem_the_query_has_in_any_spelling_or_case():
    queries = [
        "Hvordan får vi flere ældre til at klare sig selv længere derhjemme?",
        "aeldre og oekonomi i aarhus",
        "Øget trivsel i skolen og én fælles indsats",
        "Åbne data, ÆRØ og Über-kørsel i 2021",
    ]
    texts = [path.read_text(encoding="utf-8") for path in sorted(CASES.glob("*.json"))[:20]]
    texts.append("ÆLDRE Ældre aeldre Øget oget ÅBNE Åbne aabne ÉN én Über über 2021 Ærø")
    texts += [unicodedata.normalize("NFD", text) for text in texts[-3:]]
    for query in queries:
        wanted = set(stems(query))
        for text in texts:
            # Every word stemmed: what the marks must equal, however they are found.
            expected = [
                (m.start(), m.end())
                for m in re.finditer(r"[^\W_]+", text)
                if set(stems(m.group())[:1]) & wanted
            ]
            assert mark_spans(text, query) == expected


def test_stop_words_are_never_marked():
    assert mark_spans("og det er en sag", "og det er") == []


def test_short_text_is_returned_whole():
    text, marks = snippet("Kort tekst om skybrud.", "skybrud")
    assert text == "Kort tekst om skybrud." and marks == [(14, 21)]


def test_long_text_is_cut_around_the_matches_with_an_ellipsis():
    filler = "Her står noget helt andet om veje og cykler. " * 20
    text = filler + "Regnbede tager vandet ved skybrud. " + filler
    window, marks = snippet(text, "skybrud", max_chars=120)
    assert window.startswith("… ") and len(window) <= 125
    assert [window[s:e] for s, e in marks] == ["skybrud"]


def test_small_words_the_index_keeps_are_not_marked():
    """ "[ved] at fjerne" and "[uden] betydning" drew the eye from the words that matched."""
    text = "Vi fjernede ventetiden ved at fjerne et led uden betydning i visitationen af ældre."
    marked = [text[a:b] for a, b in mark_spans(text, "ventetid ved visitation uden hjemmehjælp")]
    assert marked == ["ventetiden", "visitationen"]
