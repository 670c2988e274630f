"""File bytes and names to text."""

import pytest

from innosearch.errors import ParseError
from innosearch.ingest.decode import decode_bytes, prettify_filename


def test_decode_bytes_utf8_bom_cp1252_and_binary():
    assert decode_bytes("æøå".encode()) == "æøå"
    assert decode_bytes(b"\xef\xbb\xbf" + "æøå".encode()) == "æøå"
    assert decode_bytes("Ærø – 5 €".encode("cp1252")) == "Ærø – 5 €"
    with pytest.raises(ParseError, match="tom"):
        decode_bytes(b"  \n ")
    with pytest.raises(ParseError, match="kan ikke læses som tekst"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_utf16_without_its_byte_order_mark_is_read():
    text = "Ældre borgere træner i eget hjem – også på Ærø."
    assert decode_bytes(text.encode("utf-16-le")) == text
    assert decode_bytes(text.encode("utf-16-be")) == text
    assert decode_bytes(text.encode("utf-16-le") + bytes(4096)) == text  # padded to its block


def test_a_stray_nul_does_not_make_a_text_unreadable():
    text = "Ældre borgere træner i eget hjem.\n"
    assert decode_bytes((text + "\x00" + text).encode()) == text + text
    with pytest.raises(ParseError, match="kan ikke læses som tekst"):
        decode_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(64))  # a zip's start


def test_a_declared_charset_is_tried_before_utf8():
    assert decode_bytes("Ærø".encode("latin-1"), declared="latin-1") == "Ærø"
    assert decode_bytes("Ærø".encode(), declared="no-such-codec") == "Ærø"


def test_prettify_filename():
    assert prettify_filename("randers_klima-monitor") == "Randers klima monitor"
