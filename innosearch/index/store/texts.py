"""The stored forms of texts (migration 010): each text once, compressed, the rest derived.

A passage's text and a document's sections are stored zlib-compressed; a document's text is
derived from its sections (stored only where it differs), a passage's stemmed text for the
contentless lexical index from its title, section and text. Pure functions: the SQL that uses
them is in documents.py, derived.py and passages.py (where a passage that is a slice of its
document's text keeps no text of its own, migration 011).
"""

import hashlib
import json
import zlib

from innosearch.documents import Section, sections_text
from innosearch.text.analysis import STOP_WORDS, stems


def lexical_text(title: str, section: str, text: str) -> str:
    """What the lexical index holds for a passage: the stems of its title, section and text.

    The index is contentless, so a delete hands FTS5 this text again and it must be the very
    text the insert gave. When the analysis changes (text.analysis), the store finds another
    lexical_analysis() at open and rebuilds the index (StoreBase._follow_lexical_analysis);
    otherwise deletes would leave the old stems of removed passages behind.
    """
    return " ".join(stems(f"{title} {section} {text}"))


# Text that exercises what lexical_text depends on: the tokenizer (hyphens, digits, case, letters
# outside ASCII), the stemmer (Danish inflections and compounds) and, with STOP_WORDS added, the
# stop words. Its stems are the fingerprint of the analysis the lexical index was built with.
_ANALYSIS_PROBE = (
    "Hverdagsrehabilitering i Fjordby-Kommune: 31 % færre visitationer efter forløbene. Ældre "
    "borgere trænede daglige gøremål; sundhedsplejerskernes, lærernes og skoleelevernes "
    "erfaringer blev evalueret i 2021-2023 af VIVE og KL's konsulenter, der anbefalede løsningen."
)
# The meta key that records which analysis built the lexical index.
LEXICAL_ANALYSIS_KEY = "lexical_analysis"


def lexical_analysis() -> str:
    """A fingerprint of the text analysis that lexical_text applies today."""
    probe = f"{_ANALYSIS_PROBE} {' '.join(sorted(STOP_WORDS))}"
    return hashlib.sha256(lexical_text("Titel", "Afsnit", probe).encode("utf-8")).hexdigest()


def packed_text(text: str) -> bytes:
    """The stored form of a passage's text and of a document's sections (zlib)."""
    return zlib.compress(text.encode("utf-8"))


def unpacked_text(stored: bytes) -> str:
    return zlib.decompress(stored).decode("utf-8")


def stored_document_text(text: str, sections: list[Section]) -> str | None:
    """documents.text: NULL where the text is its sections joined, as every parser makes it."""
    return None if text == sections_text(sections) else text


def packed_sections(sections: list[Section]) -> bytes:
    rows = [{"heading": s.heading, "text": s.text, "page": s.page} for s in sections]
    return packed_text(json.dumps(rows, ensure_ascii=False))


def read_sections(stored: bytes) -> list[Section]:
    return [Section(**section) for section in json.loads(unpacked_text(stored))]
