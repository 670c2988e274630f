from innosearch.search.spelling import Vocabulary

CORPUS = [
    "Ældre borgere klarer sig længere i eget hjem, når de møder op til træning.",
    "Hvordan får de ældre hjælp? Borgere der ikke møder op får en sms. Ikke alle ældre",
    "borgere ikke møder op til ældre træning på plejehjem. Hvordan hvordan hvordan.",
]


def test_restores_aeoeaa_and_dropped_letters_from_the_corpus_words():
    words = Vocabulary.of_texts(CORPUS, language={})  # the corpus alone decides
    assert words.correct("aeldre borgere der ikke moder op") == "ældre borgere der ikke møder op"
    assert words.correct("Hvordn faar vi de aeldre hjem?") == "Hvordan får vi de ældre hjem?"


def test_danish_words_the_corpus_lacks_are_no_typos():
    """A small corpus lacks most of the language: "ude", "skrive", "åen" and "ærligt" were
    "corrected" to the corpus's "uden", "skrives", "åben" and "særligt", changing the question."""
    corpus = CORPUS + ["Uden særligt meget arbejde skrives og sendes det. Vi har åben rådgivning."]
    words = Vocabulary.of_texts(corpus * 3)  # with the Danish word list
    asked = "Står åen ude på markerne? Ærligt talt skal vi skrive til dem"
    assert words.correct(asked) == asked
    # Typing still gets its help: æøå restored and a dropped letter put back, and a Danish word
    # far rarer than the one it was typed for ("moder" for "møder") is restored too.
    assert words.correct("Hvordn faar de aeldre hjaelp") == "Hvordan får de ældre hjælp"
    assert words.correct("borgere der ikke moder op") == "borgere der ikke møder op"


def test_a_letter_put_back_at_the_end_is_no_correction():
    # "opsummere" is no word the list knows, and "opsummeres" one the corpus uses: the typed
    # form is an inflection as likely meant as the other.
    words = Vocabulary.of_texts(["Teksten opsummeres og opsummeres og opsummeres."], language={})
    assert words.correct("opsummere") == "opsummere"
    assert Vocabulary.of_texts(CORPUS, language={}).correct("ikk") == "ikk"


def test_leaves_known_rare_and_valid_words_alone():
    words = Vocabulary.of_texts(CORPUS)
    assert words.correct("OS2faktor til borgernes plejehjem") == "OS2faktor til borgernes plejehjem"
    assert words.correct("bruge træning") == "bruge træning"
