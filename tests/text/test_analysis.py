"""Tokens, stop words and stems for the lexical index."""

from innosearch.text.analysis import STOP_WORDS, match_expression, stems, tokens


def test_tokens_are_lowercased_nfc_words_with_inner_hyphens_and_apostrophes():
    assert tokens("Ældre-Plejen i Aarhus' kommune, 2024!") == [
        "ældre-plejen",
        "i",
        "aarhus",
        "kommune",
        "2024",
    ]
    assert tokens("A\u030arhus") == ["århus"]  # decomposed å
    assert tokens("snake_case") == ["snake", "case"]


def test_stems_drop_stop_words_and_single_letters_and_split_hyphens():
    assert "hvordan" in STOP_WORDS and "ældre" not in STOP_WORDS
    assert stems("Hvordan får vi de ældre til at klare sig selv?") == ["aeldr", "klar"]
    assert stems("it-system og e-mail") == ["it", "system", "mail"]


def test_stems_meet_however_aeoeaa_are_typed():
    assert stems("ældre") == stems("aeldre") == ["aeldr"]
    assert stems("møder") == stems("moeder") == stems("moder") == ["mod"]
    assert stems("gå") == stems("gaa") == ["ga"]


def test_inflections_share_a_stem():
    assert stems("borger borgere borgerne") == ["borg", "borg", "borg"]


def test_match_expression_quotes_each_stem_once():
    assert match_expression("Ældre og ældres træning") == '"aeldr" OR "traening"'
    assert match_expression("hvordan og hvor") is None


def test_threads_stemming_at_once_get_the_same_stems_as_one_thread():
    # The server stems queries in many threads; one shared Snowball stemmer mixed their words up.
    from concurrent.futures import ThreadPoolExecutor

    from innosearch.text.analysis import _stem

    words = [
        f"{stem}{ending}"
        for stem in ("borger", "plej", "kommun", "sundhed", "ældr")
        for ending in ("erne", "ende", "ingerne", "else", "ernes", "heden", "ede")
    ]
    expected = [_stem.__wrapped__(word) for word in words]
    with ThreadPoolExecutor(max_workers=8) as pool:
        rounds = list(pool.map(lambda _: [_stem.__wrapped__(w) for w in words], range(400)))
    assert all(result == expected for result in rounds)
