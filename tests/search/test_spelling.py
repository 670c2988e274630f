from innosearch.search.spelling import Vocabulary

CORPUS = [
    "Ældre borgere klarer sig længere i eget hjem, når de møder op til træning.",
    "Hvordan får de ældre hjælp? Borgere der ikke møder op får en sms. Ikke alle ældre",
    "borgere ikke møder op til ældre træning på plejehjem. Hvordan hvordan hvordan.",
]


def test_restores_aeoeaa_and_dropped_letters_from_the_corpus_words():
    words = Vocabulary.of_texts(CORPUS)
    assert words.correct("aeldre borgere der ikk moder op") == "ældre borgere der ikke møder op"
    assert words.correct("Hvordn faar vi de aeldre hjem?") == "Hvordan får vi de ældre hjem?"


def test_leaves_known_rare_and_valid_words_alone():
    words = Vocabulary.of_texts(CORPUS)
    assert words.correct("OS2faktor til borgernes plejehjem") == "OS2faktor til borgernes plejehjem"
    assert words.correct("bruge træning") == "bruge træning"
