"""The sentence splitter in each of its styles."""

from innosearch.text.sentences import (
    NOTES,
    PROSE,
    QUICK,
    QUICK_LINES,
    sentence_spans,
    split_sentences,
)

# --- PROSE (the chunker) ----------------------------------------------------------------------


def test_danish_abbreviations_do_not_end_sentences():
    text = (
        "Vi har bl.a. testet skærme i fx. Aarhus. Det gav ca. 20 % færre kørsler, jf. notatet. "
        "Nr. 3 blev ledet af A. Jensen m.fl. Til sidst! Hvad så?"
    )
    assert split_sentences(text, PROSE) == [
        "Vi har bl.a. testet skærme i fx. Aarhus.",
        "Det gav ca. 20 % færre kørsler, jf. notatet.",
        "Nr. 3 blev ledet af A. Jensen m.fl. Til sidst!",
        "Hvad så?",
    ]


def test_prose_is_the_default_style():
    text = "Vi kørte t.o.m. Uge 12. Så stoppede vi."
    assert (
        split_sentences(text)
        == split_sentences(text, PROSE)
        == [
            "Vi kørte t.o.m. Uge 12.",
            "Så stoppede vi.",
        ]
    )


def test_prose_keeps_closing_quotes_and_brackets_with_their_sentence():
    text = "Hun sagde: “Det virker!” Så gik hun. (Se bilag 2.) “Tak.” Slut…  Ny linje"
    assert split_sentences(text, PROSE) == [
        "Hun sagde: “Det virker!”",
        "Så gik hun.",
        "(Se bilag 2.)",
        "“Tak.”",
        "Slut…",
        "Ny linje",
    ]


def test_prose_needs_a_capital_or_digit_after_the_end_and_ignores_line_breaks():
    assert split_sentences("Det er slut. og videre\nuden punktum\nNæste linje", PROSE) == [
        "Det er slut. og videre\nuden punktum\nNæste linje"
    ]
    assert split_sentences("Målet er 2,5. 30 deltog.", PROSE) == ["Målet er 2,5.", "30 deltog."]


# --- NOTES (the classifiers) ------------------------------------------------------------------


def test_notes_split_lines_drop_list_markers_and_keep_abbreviations_and_decimals():
    text = "Vi sparede bl.a. 2,5 mio. kr. om året. Det er ca. 8,1 % mindre. Næste skridt\n- punkt"
    assert split_sentences(text, NOTES) == [
        "Vi sparede bl.a. 2,5 mio. kr. om året.",
        "Det er ca. 8,1 % mindre.",
        "Næste skridt",
        "punkt",
    ]
    assert split_sentences("1. Først\n2) Så\n• Til sidst\n\n-ikke en punkt", NOTES) == [
        "Først",
        "Så",
        "Til sidst",
        "-ikke en punkt",
    ]


def test_notes_a_value_after_its_label_stays_in_its_sentence():
    assert split_sentences("Før: 12 | Efter: 7 klager. Det er godt: Vi er glade.", NOTES) == [
        "Før: 12 | Efter: 7 klager.",
        "Det er godt:",
        "Vi er glade.",
    ]
    assert split_sentences("Ændring: -12 %; Antal: 7", NOTES) == ["Ændring: -12 %;", "Antal: 7"]


def test_notes_a_unit_abbreviation_before_a_capital_ends_the_sentence():
    assert split_sentences(
        "Før var det 17 %. På landsplan er det 20 pct. Andelen steg.", NOTES
    ) == [
        "Før var det 17 %.",
        "På landsplan er det 20 pct.",
        "Andelen steg.",
    ]
    assert split_sentences("Prisen er 3 mio. kr. om året.", NOTES) == [
        "Prisen er 3 mio. kr. om året."
    ]


def test_the_styles_differ_where_their_users_were_tuned():
    text = "Andelen steg til 20 pct. Det var godt."
    assert split_sentences(text, PROSE) == [text]  # "pct." never ends a chunker's sentence
    assert split_sentences(text, NOTES) == ["Andelen steg til 20 pct.", "Det var godt."]


# --- QUICK and QUICK_LINES (search) -------------------------------------------------------------


def test_quick_knows_no_abbreviations():
    assert split_sentences("Det gav ca. 20 % færre. Fx. Aarhus og «Odense»", QUICK) == [
        "Det gav ca.",
        "20 % færre.",
        "Fx.",
        "Aarhus og «Odense»",
    ]
    assert split_sentences("Slut. «Citat» og 3. punkt", QUICK) == ["Slut.", "«Citat» og 3. punkt"]


def test_quick_lines_end_at_line_breaks_and_only_before_a_capital():
    text = "5. maj 2025\nKommunen har valgt. 40 skoler deltager. Det er godt.\n\nSlut"
    assert split_sentences(text, QUICK_LINES) == [
        "5. maj 2025",
        "Kommunen har valgt. 40 skoler deltager.",
        "Det er godt.",
        "Slut",
    ]


def test_spans_point_into_the_text_without_surrounding_space():
    text = "  Først her.  Så der!\n- Punkt  "
    spans = sentence_spans(text, NOTES)
    assert [text[a:b] for a, b in spans] == ["Først her.", "Så der!", "Punkt"]
    assert [a for a, _ in sentence_spans("Et. To. Tre.", QUICK)] == [0, 4, 8]
    assert sentence_spans("   \n ", PROSE) == [] and split_sentences("", NOTES) == []


def test_a_loss_ends_a_sentence_while_a_numbered_table_does_not():
    # "tab" was an abbreviation everywhere, so a flood model's guide never ended a sentence after
    # "… af dette tab." and its sentences ran on for paragraphs.
    text = "Modellen beregner værdien af dette tab. Der er indsat en tabel, se tab. 3 nedenfor."
    expected = [
        "Modellen beregner værdien af dette tab.",
        "Der er indsat en tabel, se tab. 3 nedenfor.",
    ]
    assert split_sentences(text, PROSE) == expected
    assert split_sentences(text, NOTES) == expected
