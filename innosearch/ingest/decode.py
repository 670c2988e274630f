"""From a file's bytes and name to text: the charset, and a readable title from the name."""

import re

from innosearch.errors import ParseError


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode file bytes: BOM first, then a declared charset, then UTF-8, then Windows-1252.

    Raises ParseError for empty input and for content that is evidently binary.
    """
    if not data.strip():
        raise ParseError("filen er tom")
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise ParseError("filen kan ikke læses som tekst") from exc
    # Some tools pad a text file with NUL bytes to the end of a block (a file allocated ahead,
    # or cut short by a crash): no part of the text. In UTF-16 they go two by two, as its letters.
    utf16 = _utf16_without_bom(data.rstrip(b"\x00"))
    if utf16:
        while data.endswith(b"\x00\x00"):
            data = data[:-2]
    else:
        data = data.rstrip(b"\x00")
    # Beyond a stray one, NUL bytes do not occur in 8-bit text; they mark images, archives,
    # Office files etc.
    if not utf16 and data[:8192].count(b"\x00") > _STRAY_NULS:
        raise ParseError("filen kan ikke læses som tekst")
    codecs_to_try = [utf16] if utf16 else []
    if declared:
        codecs_to_try.append(declared)
    codecs_to_try += ["utf-8", "cp1252"]
    for codec in codecs_to_try:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_binary(text):
            break
        return text.replace("\x00", "")
    raise ParseError("filen kan ikke læses som tekst")


_STRAY_NULS = 2


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "-be" for text in UTF-16 that lacks its byte order mark, else None.

    Latin letters, digits and spaces are one byte and a zero in UTF-16 (æ, ø and å too), so
    nearly every other byte is zero, on the odd places for little-endian, the even for big.
    """
    sample = data[:8192]
    if len(sample) < 8:
        return None
    odd, even = sample[1::2], sample[0::2]
    for zeros, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) > 0.9 * len(zeros) and others.count(0) < 0.05 * len(others):
            return codec
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return controls / len(sample) > 0.02


def prettify_filename(stem: str) -> str:
    """A readable title from a file name: "randers_klima-monitor" -> "Randers klima monitor"."""
    words = re.sub(r"[_\-.]+", " ", stem).split()
    if not words:
        return stem
    text = " ".join(words)
    return text[0].upper() + text[1:]
