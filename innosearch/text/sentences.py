"""Danish sentence splitting: one splitter, read in the styles its users were tuned with.

A sentence ends at an end character ("." "!" "?" ...) followed by space and a character that can
start one (a capital, a digit, an opening quote). A full stop after a Danish abbreviation
("bl.a.", "fx.", "ca.") or an initial ("A. Jensen") ends none. The styles:

- PROSE (the chunker): running text; a line break alone ends nothing.
- NOTES (the classifiers): every line and list item is a sentence, ":" and ";" end one too, since
  effects and pitfalls are stated in notes, tables and bullet lists as often as in prose; a unit
  abbreviation before a capital ends one ("17 pct. På landsplan").
- QUICK (search's snippet windows): ".", "!" and "?" before a capital, a digit or a quote, with no
  knowledge of abbreviations. QUICK_LINES (search's first sentence of a passage): the same before
  a capital only, and every line ends one.

Making the styles one would change stored chunks, classifications and snippets: a change of its
own, to be measured, not a part of keeping them in one place.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Danish abbreviations whose full stop does not end a sentence (lower case, without the final
# full stop).
ABBREVIATIONS = frozenset(
    {
        "adm",
        "afd",
        "afs",
        "ang",
        "anm",
        "apr",
        "aug",
        "bl",
        "bl.a",
        "bla",
        "ca",
        "cand",
        "d.v.s",
        "dec",
        "dr",
        "dvs",
        "e.g",
        "eks",
        "ekskl",
        "etc",
        "evt",
        "ex",
        "f.eks",
        "feb",
        "fig",
        "fx",
        "gl",
        "gns",
        "hhv",
        "i.e",
        "i.f.t",
        "i.h.t",
        "iflg",
        "ifm",
        "ift",
        "iht",
        "inkl",
        "jan",
        "jf",
        "jul",
        "jun",
        "jvf",
        "kap",
        "kl",
        "kr",
        "m.fl",
        "m.h.t",
        "m.m",
        "m.v",
        "mag",
        "maks",
        "mar",
        "max",
        "md",
        "mdr",
        "mht",
        "mia",
        "min",
        "mio",
        "mm",
        "mr",
        "mrs",
        "mv",
        "nov",
        "nr",
        "o.l",
        "okt",
        "osv",
        "p.g.a",
        "p.t",
        "pct",
        "pga",
        "ph.d",
        "pkt",
        "prof",
        "pt",
        "red",
        "s",
        "sct",
        "sep",
        "sept",
        "st",
        "stk",
        "tel",
        "tlf",
        "v.h.a",
        "vedr",
        "vha",
        "vol",
        "vs",
    }
)

# Units whose abbreviation ends a sentence when a capital follows (NOTES).
UNIT_ABBREVIATIONS = frozenset({"pct", "kr", "stk", "mio", "mia"})

_INITIAL = re.compile(r"[^\W\d_]")
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")  # "f.eks", "m.fl", "t.o.m"
_VALUE = re.compile(r"[-−–+]?\s?\d")
_LIST_MARKER = re.compile(r"\s*(?:[-*•–]|\d+[.)])\s+")
_LINE = re.compile(r"[^\n]+")

NoEnd = Callable[[str, str, str], bool]
"""(end character, text before it, text after the space) -> True when it ends no sentence."""


@dataclass(frozen=True)
class SentenceStyle:
    """Where sentences end; see the module's docstring for the styles."""

    end: re.Pattern[str]  # the space after an end character, which stands just before the match
    lines: bool = False  # a line break ends a sentence
    # With `lines`: a line's bullet or number ("-", "•", "2.") is dropped.
    list_markers: bool = False
    no_end: NoEnd | None = None  # abbreviations and the like, after which no sentence ends


def _end(ends: str, starts: str, closers: str = "", openers: str = "") -> re.Pattern[str]:
    """The space after one of `ends` (and any `closers`), before an optional opener and one of
    `starts`; the arguments are bodies of regular-expression character classes."""
    closing = f"[{closers}]*" if closers else ""
    opening = f"[{openers}]?" if openers else ""
    return re.compile(rf"(?<=[{ends}]){closing}\s+(?={opening}[{starts}])")


# Abbreviations only before a number: "tab. 3" is a table, while "… af dette tab. Der er …" ends
# a sentence about a loss (a flood model's "tab" is everywhere in its guide).
NUMBERED_ABBREVIATIONS = frozenset({"tab"})


def _numbered(token: str, after: str) -> bool:
    return token in NUMBERED_ABBREVIATIONS and after.lstrip()[:1].isdigit()


def _prose_no_end(end: str, before: str, after: str) -> bool:
    """A full stop after an abbreviation, an initial or a dotted short form ("t.o.m.")."""
    if end != ".":
        return False
    words = before.split()
    token = words[-1].rstrip(".").lower() if words else ""
    return (
        token in ABBREVIATIONS
        or _numbered(token, after)
        or bool(_INITIAL.fullmatch(token) or _DOTTED.fullmatch(token))
    )


def _notes_no_end(end: str, before: str, after: str) -> bool:
    """A full stop after an abbreviation or an initial, but not after a unit before a capital;
    a colon before a value ("Før: 12 | Efter: 7")."""
    if end == ":":
        return bool(_VALUE.match(after))
    if end != ".":
        return False
    trimmed = before.rstrip(".!?:; ")
    last = trimmed.rsplit(" ", 1)[-1].lower() if trimmed else ""
    if last in UNIT_ABBREVIATIONS and after[:1].isupper():
        return False
    return last in ABBREVIATIONS or _numbered(last, after) or (len(last) == 1 and last.isalpha())


PROSE = SentenceStyle(
    end=_end(".!?…", starts="A-ZÆØÅÄÖÜ0-9-", closers=r"\"'”»)\]", openers=r"\"“«(\["),
    no_end=_prose_no_end,
)
NOTES = SentenceStyle(
    end=_end(".!?:;", starts=r"A-ZÆØÅ0-9•\-–", openers=r"\"'«(\["),
    lines=True,
    list_markers=True,
    no_end=_notes_no_end,
)
QUICK = SentenceStyle(end=_end(".!?", starts=r"A-ZÆØÅ0-9\"«"))
QUICK_LINES = SentenceStyle(end=_end(".!?", starts="A-ZÆØÅ"), lines=True)


def sentence_spans(text: str, style: SentenceStyle = PROSE) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of its sentences, without the space around them."""
    spans: list[tuple[int, int]] = []
    for low, high in _blocks(text, style):
        block = text[low:high]
        start = 0
        for m in style.end.finditer(block):
            if style.no_end is not None and style.no_end(
                block[m.start() - 1], block[start : m.start()], block[m.end() :]
            ):
                continue
            spans.append(_strip(text, low + start, low + m.end()))
            start = m.end()
        spans.append(_strip(text, low + start, high))
    return [(a, b) for a, b in spans if a < b]


def split_sentences(text: str, style: SentenceStyle = PROSE) -> list[str]:
    """The sentences of `text`, in order."""
    return [text[a:b] for a, b in sentence_spans(text, style)]


def _blocks(text: str, style: SentenceStyle) -> Iterator[tuple[int, int]]:
    """The stretches of `text` split on their own: all of it, or each line."""
    if not style.lines:
        yield 0, len(text)
        return
    for line in _LINE.finditer(text):
        low, high = line.span()
        marker = _LIST_MARKER.match(text, low, high) if style.list_markers else None
        low, high = _strip(text, marker.end() if marker else low, high)
        if low < high:
            yield low, high


def _strip(text: str, low: int, high: int) -> tuple[int, int]:
    """`low`, `high` moved inwards past white space, as str.strip does."""
    while low < high and text[low].isspace():
        low += 1
    while high > low and text[high - 1].isspace():
        high -= 1
    return low, high
