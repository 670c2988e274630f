"""Snippets: the part of the best passage that shows why it matched, with matched words marked."""

import re
import unicodedata
from functools import lru_cache

from innosearch.text.analysis import stems
from innosearch.text.normalise import spelling_key
from innosearch.text.sentences import QUICK, sentence_spans

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def mark_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans in `text` of words that share a stem with a content word of the query."""
    wanted = set(stems(query))
    if not wanted:
        return []
    # A stem starts with its word's first letter as the index spells it (Danish Snowball keeps a
    # word's first three letters), so a word of another initial needs no stemming: stemming the
    # words a passage holds that no search has seen yet was most of a snippet's time.
    initials = {stem[0] for stem in wanted}
    return [
        (m.start(), m.end())
        for m in _WORD.finditer(text)
        if _initial(m.group()[0]) in initials and _stem_of(m.group()) in wanted
    ]


@lru_cache(maxsize=4096)
def _initial(letter: str) -> str:
    return spelling_key(unicodedata.normalize("NFC", letter).lower())[:1]


@lru_cache(maxsize=100_000)
def _stem_of(word: str) -> str | None:
    """The word's stem as the lexical index sees it; None for stop words."""
    found = stems(word)
    return found[0] if found else None


def snippet(text: str, query: str, max_chars: int = 360) -> tuple[str, list[tuple[int, int]]]:
    """A window of whole sentences around the most matches, and the marks inside it."""
    spans = mark_spans(text, query)
    if len(text) <= max_chars:
        return text, spans
    starts = [0] + [start for start, _ in sentence_spans(text, QUICK)[1:]]
    best_start, best_count = 0, -1
    for start in starts:
        end = start + max_chars
        count = sum(1 for s, e in spans if s >= start and e <= end)
        if count > best_count:
            best_start, best_count = start, count
    window = text[best_start : best_start + max_chars]
    cut = window.rfind(" ")
    if best_start + max_chars < len(text) and cut > max_chars // 2:
        window = window[:cut] + " …"
    prefix = "… " if best_start > 0 else ""
    shift = len(prefix) - best_start
    inside = [
        (s + shift, e + shift)
        for s, e in spans
        if s >= best_start and e + shift <= len(prefix) + len(window.rstrip(" …"))
    ]
    return prefix + window, inside
