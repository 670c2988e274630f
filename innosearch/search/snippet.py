"""Snippets: the part of the best passage that shows why it matched, with matched words marked."""

import re
import sys
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache

from innosearch.text.analysis import stems, tokens
from innosearch.text.normalise import spelling_key
from innosearch.text.sentences import QUICK, sentence_spans

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_LINK = re.compile(r"(?:https?://|www\.)\S+")
_LINE = re.compile(r"[^\n]+")
# "Lane, K., Charles-Guzman, K., … (2013)." and "Altinget 2021. https://…": a reference list.
_AUTHOR = re.compile(r"\b[A-ZÆØÅ][\w'-]+, (?:[A-ZÆØÅ]\.[ -]?)+")
_YEAR = re.compile(r"\(?\b(?:19|20)\d\d[a-z]?\)?[.:,]")
_DIGITS = re.compile(r"\d+")
_NUMBER = re.compile(r"[-+]?\d[\d.,]*%?")
_TREE = frozenset("├└│─┌┐┘┬┴┼")
_CAPITAL = re.compile(r"[A-ZÆØÅÄÖÜÉ]")
_SMALL = re.compile(r"[a-zæøåäöüé]")


# Small words the lexical index keeps (they are no stop words of Snowball's list) but that say
# nothing of why a passage matched: marked, "[ved] at fjerne" and "[uden] betydning" drew the eye
# from the words that did.
_UNMARKED = frozenset(
    "ved uden mellem blandt samt via inden før gennem omkring hver hvert hele helt både enten "  # noqa: SIM905
    "ifølge fx".split()
)


def mark_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans in `text` of words that share a stem with a content word of the query;
    none inside a web or e-mail address."""
    wanted = set(stems(" ".join(w for w in tokens(query) if w not in _UNMARKED)))
    if not wanted:
        return []
    # A stem starts with its word's first letter as the index spells it (Danish Snowball keeps a
    # word's first three letters), so a word of another initial needs no stemming: stemming the
    # words a passage holds that no search has seen yet was most of a snippet's time.
    initials = {stem[0] for stem in wanted}
    spans = [
        (m.start(), m.end())
        for m in _WORD.finditer(text)
        if _initial(m.group()[0]) in initials and _stem_of(m.group()) in wanted
    ]
    if spans:
        addresses = _addresses(text)
        if addresses:
            spans = [s for s in spans if not _inside(s, addresses)]
    return spans


def _addresses(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of the web and e-mail addresses in `text`: their words are a
    link's, not the case's ("https://www.laeger.dk/…", "waja@aarhus.dk")."""
    found = [m.span() for m in _LINK.finditer(text)] if "/" in text or "www." in text else []
    # Found from their "@" outwards: a pattern for the whole address tries every position.
    at = text.find("@")
    while at != -1:
        low, high = at, at + 1
        while low > 0 and not text[low - 1].isspace():
            low -= 1
        while high < len(text) and not text[high].isspace():
            high += 1
        found.append((low, high))
        at = text.find("@", high)
    return _merged(sorted(found), text)


@lru_cache(maxsize=4096)
def _initial(letter: str) -> str:
    return spelling_key(unicodedata.normalize("NFC", letter).lower())[:1]


@lru_cache(maxsize=100_000)
def _stem_of(word: str) -> str | None:
    """The word's stem as the lexical index sees it; None for stop words."""
    found = stems(word)
    return found[0] if found else None


def snippet(text: str, query: str, max_chars: int = 360) -> tuple[str, list[tuple[int, int]]]:
    """A window of whole sentences around the most matches in prose, and the marks inside it.

    A passage may hold a table, a diagram's labels, a reference or link list or a figure caption
    in capitals beside its prose; a match there counts only between windows with as many matches
    in prose, and only in a window that is mostly prose.
    """
    spans = mark_spans(text, query)
    if len(text) <= max_chars:
        return text, spans
    noise = _noise(text)
    prose = [s for s in spans if not _inside(s, noise)]
    marked_starts = [s for s, _ in spans]
    count_prose, count_all, noise_before = _counter(prose), _counter(spans), _running(noise)
    # A line break starts a window too: a diagram's or table's line often ends without a full stop.
    starts = sorted(
        {0}
        | {start for start, _ in sentence_spans(text, QUICK)[1:]}
        | {m.start() for m in _LINE.finditer(text)}
    )
    best_start, best_end, best_key = 0, max_chars, (-1, 0, 0)
    for start in starts:
        end = _end_before_noise(start, start + max_chars, noise, marked_starts, text)
        size = min(end, len(text)) - start
        in_prose = count_prose(start, end)
        shown = size - (noise_before(end) - noise_before(start))
        # A match in a diagram or table still shows why the case matched, in a window that is
        # mostly prose; prose shown, not noise avoided, breaks ties, or a short window at the
        # passage's end would win for holding little of anything.
        elsewhere = count_all(start, end) - in_prose if shown * 2 >= size else 0
        key = (in_prose, elsewhere, shown)
        if key > best_key:
            best_start, best_end, best_key = start, end, key
    window = text[best_start:best_end]
    if best_end < len(text):
        cut = window.rfind(" ")
        # A window that stops before a table ends at a line's end; any other at its last space,
        # unless that loses most of it (a long address).
        if best_end == best_start + max_chars and cut > max_chars // 2:
            window = window[:cut]
        window = window.rstrip() + " …"
    prefix = "… " if best_start > 0 else ""
    shift = len(prefix) - best_start
    visible = len(prefix) + len(window.removesuffix(" …"))
    inside = [(s + shift, e + shift) for s, e in spans if s >= best_start and e + shift <= visible]
    return prefix + window, inside


def _noise(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint spans of `text` that are not prose: table rows, diagram labels, directory
    trees, reference lists, flattened tables of figures, captions in capitals and addresses."""
    found = _addresses(text)
    for m in _LINE.finditer(text):
        line = m.group()
        if _noise_line(line):
            found.append(m.span())
            continue
        low = m.start()
        if len(_CAPITAL.findall(line)) < 16:
            continue
        for a, b in sentence_spans(line, QUICK):
            if _in_capitals(line[a:b]):
                found.append((low + a, low + b))
    return _merged(sorted(found), text)


def _merged(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sorted spans joined where they overlap or only white space parts them: the blank lines
    between a list's entries belong to the list."""
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and (a <= merged[-1][1] or text[merged[-1][1] : a].isspace()):
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _noise_line(line: str) -> bool:
    stripped = line.strip()
    if stripped.startswith("Diagram:") or line.count("|") >= 2 or not _TREE.isdisjoint(line):
        return True
    if _YEAR.search(line) and _AUTHOR.search(line):
        return True
    if len(_DIGITS.findall(line)) < 6:
        return False
    words = stripped.split()
    numbers = sum(1 for w in words if _NUMBER.fullmatch(w))
    # A table flattened by the PDF reader: figures between words, no sentence ending the line.
    return numbers >= 6 and numbers * 10 >= len(words) * 3 and stripped[-1:] not in ".!?"


def _in_capitals(sentence: str) -> bool:
    """A figure caption or heading shouted in capitals ("FIGUR 10. SCREENDUMP AF …"), not an
    abbreviation or a short heading like "1. ORGANISERING"."""
    capitals = len(_CAPITAL.findall(sentence))
    if capitals < 16 or len(sentence.split()) < 4:
        return False
    return capitals >= 4 * len(_SMALL.findall(sentence))


def _end_before_noise(
    start: int, end: int, noise: list[tuple[int, int]], marked_starts: list[int], text: str
) -> int:
    """`end`, or the start of the table or list line the window would otherwise run into, when no
    mark follows it inside the window and a third of the window is shown before it."""
    for a, _ in noise:
        if a >= end:
            break
        if a - start >= (end - start) // 3 and (a == 0 or text[a - 1] == "\n"):
            if bisect_left(marked_starts, a) == bisect_left(marked_starts, end):
                return a
            break
    return end


def _counter(spans: list[tuple[int, int]]) -> Callable[[int, int], int]:
    """How many of the sorted, disjoint `spans` lie inside [start, end), by bisection: windows
    are tried at every sentence and line."""
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    return lambda start, end: max(0, bisect_right(ends, end) - bisect_left(starts, start))


def _running(spans: list[tuple[int, int]]) -> Callable[[int], int]:
    """How many characters of the sorted, disjoint `spans` lie before a position."""
    starts = [s for s, _ in spans]
    before = [0]
    for s, e in spans:
        before.append(before[-1] + e - s)

    def count(position: int) -> int:
        i = bisect_right(starts, position)
        if i == 0:
            return 0
        s, e = spans[i - 1]
        return before[i - 1] + min(e, position) - s

    return count


def _inside(span: tuple[int, int], within: list[tuple[int, int]]) -> bool:
    """Whether `span` lies inside one of the sorted, disjoint spans `within`."""
    i = bisect_right(within, (span[0], sys.maxsize)) - 1
    return i >= 0 and within[i][0] <= span[0] and span[1] <= within[i][1]
