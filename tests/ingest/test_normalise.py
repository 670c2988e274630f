"""Shared text cleanup."""

import pytest

from innosearch.errors import ParseError
from innosearch.ingest.normalise import (
    clean_text,
    decode_bytes,
    fold,
    prettify_filename,
    repair_hyphenation,
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


def test_fold_matches_danish_keys():
    assert fold("Løsning") == "loesning"
    assert fold(" Årstal ") == "aarstal"
    assert fold("Resumé") == "resume"
    assert fold("E-mail") == "e_mail"


def test_decode_bytes_utf8_bom_cp1252_and_binary():
    assert decode_bytes("æøå".encode()) == "æøå"
    assert decode_bytes(b"\xef\xbb\xbf" + "æøå".encode()) == "æøå"
    assert decode_bytes("Ærø – 5 €".encode("cp1252")) == "Ærø – 5 €"
    with pytest.raises(ParseError, match="tom"):
        decode_bytes(b"  \n ")
    with pytest.raises(ParseError, match="kan ikke læses som tekst"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_prettify_filename():
    assert prettify_filename("randers_klima-monitor") == "Randers klima monitor"
