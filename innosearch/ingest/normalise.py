"""Text cleanup shared by every source parser.

Everything that reaches a `Section` goes through `clean_text`, so chunking, classification and
lexical search see one consistent form: NFC, no ligatures, soft hyphens or zero-width characters,
single spaces, and paragraphs separated by exactly one blank line.
"""

import re
import unicodedata

from innosearch.errors import ParseError

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_LIGATURE_RE = re.compile("[" + "".join(LIGATURES) + "]")

# Soft hyphen, zero-width space/joiners, word joiner, BOM: invisible, but they split words for
# search and tokenisers.
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Every Unicode space (NBSP, thin space, ...) and tab becomes a plain space.
_SPACES_RE = re.compile(r"[^\S\n]+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# "inno-\nvation": a letter, a hyphen at line end, then a lowercase letter on the next line.
_HYPHEN_BREAK_RE = re.compile(r"(\w+)-[ \t]*\n[ \t]*([a-zæøåäöüé]\w*)")

_CONJUNCTIONS = frozenset({"og", "eller", "samt", "til", "and", "or"})


def fold(s: str) -> str:
    """Lowercase ASCII-ish key for matching names and labels: "Løsning" -> "loesning"."""
    s = unicodedata.normalize("NFC", s).strip().lower()
    for src, dst in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("ä", "ae"), ("ö", "oe")):
        s = s.replace(src, dst)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def fix_characters(s: str) -> str:
    """NFC, ligatures expanded, invisible and control characters removed, newlines unified."""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = _LIGATURE_RE.sub(lambda m: LIGATURES[m.group()], s)
    s = _INVISIBLE_RE.sub("", s)
    s = _CONTROL_RE.sub(" ", s)
    return unicodedata.normalize("NFC", s)


def repair_hyphenation(s: str) -> str:
    """Join words split across a line end: "inno-\\nvation" -> "innovation".

    Real hyphens survive: mid-line ones are untouched, and at a line end the hyphen is kept when
    the first part is an abbreviation or compound prefix ("it-\\nsystem", "SMS-\\nbesked",
    "COVID-\\n19"), since Danish writes such compounds with a hyphen.
    """

    def join(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        if right in _CONJUNCTIONS:
            # "sundheds-\nog ældreområdet": a suspended compound, not a split word.
            return f"{left}- {right}"
        keep_hyphen = len(left) <= 2 or any(c.isupper() or c.isdigit() for c in left[1:])
        return f"{left}-{right}" if keep_hyphen else f"{left}{right}"

    return _HYPHEN_BREAK_RE.sub(join, s)


def collapse_whitespace(s: str) -> str:
    """Single spaces inside lines, no trailing spaces, at most one blank line between paragraphs."""
    lines = [_SPACES_RE.sub(" ", line).strip() for line in s.split("\n")]
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()


def clean_text(s: str) -> str:
    """The standard cleanup: characters fixed and whitespace collapsed, paragraphs kept."""
    return collapse_whitespace(fix_characters(s))


def clean_line(s: str) -> str:
    """Clean a short one-line value (title, heading, metadata): no line breaks at all."""
    return " ".join(fix_characters(s).split())


def paragraphs(s: str) -> list[str]:
    """Split cleaned text into paragraphs on blank lines."""
    return [p.strip() for p in re.split(r"\n\s*\n", s) if p.strip()]


def word_count(s: str) -> int:
    return len(s.split())


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
    # NUL bytes never occur in 8-bit text; they mark images, archives, Office files etc.
    if b"\x00" in data[:8192]:
        raise ParseError("filen kan ikke læses som tekst")
    codecs_to_try = []
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
        return text
    raise ParseError("filen kan ikke læses som tekst")


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


# Danish abbreviations whose full stop does not end a sentence (lower case, without the final
# full stop). Shared by the chunker and the classifiers' sentence splitting.
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
        "tab",
        "tel",
        "tlf",
        "v.h.a",
        "vedr",
        "vha",
        "vol",
        "vs",
    }
)
