"""Snippets: a window of whole sentences around the matches, with the matched words marked."""

from innosearch.search.snippet import mark_spans, snippet


def test_marks_words_sharing_a_stem_with_the_query():
    text = "Ældre borgere trænede hjemme. Borgerne klarede sig selv."
    spans = mark_spans(text, "borger")
    assert [text[s:e] for s, e in spans] == ["borgere", "Borgerne"]


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
