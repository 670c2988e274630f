"""Character cleanup and the three folds."""

import pytest

from innosearch.text.normalise import (
    ascii_typing,
    clean_line,
    clean_text,
    label_key,
    paragraphs,
    repair_hyphenation,
    spelling_key,
    word_count,
)


def test_ligatures_soft_hyphens_and_zero_width_are_removed():
    raw = "e\ufb00ekt af \ufb01nansiering, \ufb02ow, o\ufb03ce, ba\ufb04e; inno\u00advation\u200b"
    assert clean_text(raw) == "effekt af finansiering, flow, office, baffle; innovation"


def test_text_is_nfc():
    decomposed = "A\u030angstrom og o\u0308"  # Å and ö as base letter + combining mark
    assert clean_text(decomposed) == "\u00c5ngstrom og \u00f6"


def test_whitespace_collapses_but_paragraphs_survive():
    raw = "  Første\u00a0 linje\t her \r\n\r\n\r\n\nAnden   afsnit  \n"
    assert clean_text(raw) == "Første linje her\n\nAnden afsnit"
    assert paragraphs(clean_text(raw)) == ["Første linje her", "Anden afsnit"]
    assert word_count("Første linje her\n\nAnden afsnit") == 5


def test_a_line_value_has_no_line_breaks():
    assert clean_line(" Titel\n over\ttwo  linjer\x00 ") == "Titel over two linjer"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("arbejdet med inno-\nvation i kommunen", "arbejdet med innovation i kommunen"),
        ("Regi-\non Midtjylland", "Region Midtjylland"),
        ("et nyt it-\nsystem", "et nyt it-system"),
        ("en SMS-\nbesked", "en SMS-besked"),
        ("sundheds-\nog ældreområdet", "sundheds- og ældreområdet"),
        ("et it-system og COVID-19 midt i linjen", "et it-system og COVID-19 midt i linjen"),
    ],
)
def test_hyphenation_repair(raw, expected):
    assert repair_hyphenation(raw) == expected


def test_label_key_matches_danish_field_names_and_labels():
    assert label_key("Løsning") == "loesning"
    assert label_key(" Årstal ") == "aarstal"
    assert label_key("Resumé") == "resume"
    assert label_key("E-mail") == "e_mail"
    assert label_key("Ikke igangsat / Afsluttet") == "ikke_igangsat_afsluttet"
    assert label_key("Fase 2:") == "fase_2"


def test_ascii_typing_writes_danish_letters_the_way_people_type_without_them():
    assert ascii_typing("ældre") == "aeldre"
    assert ascii_typing("møde") == "mode"
    assert ascii_typing("på") == "paa"
    # Only lowercase æ, ø and å change: the vocabulary it serves is lowercased first.
    assert ascii_typing("Ærø idé") == "Æro idé"


def test_spelling_key_gives_every_way_of_typing_aeoeaa_one_spelling():
    assert spelling_key("møde") == spelling_key("moede") == spelling_key("mode") == "mode"
    assert spelling_key("gå") == spelling_key("gaa") == spelling_key("ga") == "ga"
    assert spelling_key("ældre") == spelling_key("aeldre") == "aeldre"
    assert spelling_key("idé") == "ide"


def test_the_three_folds_differ_where_their_jobs_do():
    # A label key keeps ø apart from o; typing without ø loses it; the index's spelling folds
    # "oe" as well, so a typed "moede" finds "møde".
    assert (label_key("møde"), ascii_typing("møde"), spelling_key("moede")) == (
        "moede",
        "mode",
        "mode",
    )
