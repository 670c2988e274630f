"""Character cleanup and the ways Danish words are folded for matching.

Everything that reaches a `Section` goes through `clean_text`, so chunking, classification and
lexical search see one consistent form: NFC, no ligatures, soft hyphens or zero-width characters,
single spaces, and paragraphs separated by exactly one blank line.

Three folds, each for its own job:
- `label_key`: a key for matching field names and labels ("Løsning" -> "loesning").
- `ascii_typing`: how someone without æ, ø and å types a word ("ældre" -> "aeldre").
- `spelling_key`: one spelling for every way æ, ø and å get typed ("møde", "moede", "mode" ->
  "mode"), applied to stems on both sides of the lexical index.
"""

import re
import unicodedata

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


def strip_leading_symbols(s: str) -> str:
    """ "📈 PoC: Helbredsanalyse" -> "PoC: Helbredsanalyse" (emoji decorate, they do not title)."""
    return re.sub(r"^[^\w(\"'«]+", "", s).strip() or s


def paragraphs(s: str) -> list[str]:
    """Split cleaned text into paragraphs on blank lines."""
    return [p.strip() for p in re.split(r"\n\s*\n", s) if p.strip()]


def word_count(s: str) -> int:
    return len(s.split())


# --- folds ----------------------------------------------------------------------------------------

_LABEL_LETTERS = (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("ä", "ae"), ("ö", "oe"))
_TYPED_LETTERS = (("æ", "ae"), ("ø", "o"), ("å", "aa"))
# "aa" and "oe" come after å and ø, so "gaa" and "gå" (or "moede" and "møde") meet.
_SPELLING_LETTERS = (("æ", "ae"), ("ø", "o"), ("å", "a"), ("aa", "a"), ("oe", "o"), ("é", "e"))


def label_key(s: str) -> str:
    """Lowercase ASCII key for matching names and labels: "Løsning" -> "loesning",
    "E-mail" -> "e_mail"."""
    s = unicodedata.normalize("NFC", s).strip().lower()
    for src, dst in _LABEL_LETTERS:
        s = s.replace(src, dst)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def ascii_typing(word: str) -> str:
    """The spelling someone without æøå would type: "ældre" -> "aeldre", "møde" -> "mode"."""
    for src, dst in _TYPED_LETTERS:
        word = word.replace(src, dst)
    return word


def spelling_key(word: str) -> str:
    """One spelling for every way æ, ø and å are typed: "møde", "moede" and "mode" -> "mode"."""
    for src, dst in _SPELLING_LETTERS:
        word = word.replace(src, dst)
    return word
