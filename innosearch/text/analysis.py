"""Danish text analysis for the lexical index: tokens, stop words and Snowball stems."""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from innosearch.text.normalise import spelling_key

_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)

# Danish function words (Snowball's list plus common question words of challenge phrasing).
STOP_WORDS = frozenset(
    [
        "og",
        "i",
        "jeg",
        "det",
        "at",
        "en",
        "den",
        "til",
        "er",
        "som",
        "på",
        "de",
        "med",
        "han",
        "af",
        "for",
        "ikke",
        "der",
        "var",
        "mig",
        "sig",
        "men",
        "et",
        "har",
        "om",
        "vi",
        "min",
        "havde",
        "ham",
        "hun",
        "nu",
        "over",
        "da",
        "fra",
        "du",
        "ud",
        "sin",
        "dem",
        "os",
        "op",
        "man",
        "hans",
        "hvor",
        "eller",
        "hvad",
        "skal",
        "selv",
        "her",
        "alle",
        "vil",
        "blev",
        "kunne",
        "ind",
        "når",
        "være",
        "dog",
        "noget",
        "ville",
        "jo",
        "deres",
        "efter",
        "ned",
        "skulle",
        "denne",
        "end",
        "dette",
        "mit",
        "også",
        "under",
        "have",
        "dig",
        "anden",
        "hende",
        "mine",
        "alt",
        "meget",
        "sit",
        "sine",
        "vor",
        "mod",
        "disse",
        "hvis",
        "din",
        "nogle",
        "hos",
        "blive",
        "mange",
        "ad",
        "bliver",
        "hendes",
        "været",
        "thi",
        "jer",
        "sådan",
        "hvordan",
        "hvorfor",
        "hvilke",
        "hvilken",
        "kan",
        "får",
        "få",
        "gør",
        "gøre",
        "vores",
        "jeres",
        "mere",
        "mest",
        "flere",
        "fleste",
        "bedre",
        "godt",
        "kun",
        "lige",
        "bare",
        "sådanne",
        "andre",
    ]
)

_stemmer = snowballstemmer.stemmer("danish")


@lru_cache(maxsize=200_000)
def _stem(token: str) -> str:
    # People type "aeldre", "moder" or "gaar" when their keyboard or habit drops æ, ø and å.
    # Stems get one spelling on both sides of the index so those queries still match.
    return spelling_key(_stemmer.stemWord(token))


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens of a text, NFC-normalised."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text).lower())


def stems(text: str) -> list[str]:
    """Stems of the content words of a text, in order; stop words and 1-letter words dropped."""
    result = []
    for token in tokens(text):
        for part in token.split("-"):
            if len(part) > 1 and part not in STOP_WORDS:
                result.append(_stem(part))
    return result


def query_stems(text: str) -> list[str]:
    """The query's distinct stems, in the order they first occur."""
    return list(dict.fromkeys(stems(text)))


def match_expression(text: str) -> str | None:
    """An FTS5 MATCH expression that ORs the query's stems (quoted so none is an operator)."""
    unique = query_stems(text)
    if not unique:
        return None
    return " OR ".join(f'"{stem}"' for stem in unique)
