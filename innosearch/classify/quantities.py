"""Numbers, units and quantities as Danish reports write them, for the evidence patterns."""

import re

# Grouped, so that "{NUM}" can sit inside an alternation without splitting it. A number glued to
# a letter or inside another number is part of a code, not a quantity: "T100", "Y30R21", "CO2".
NUM = r"(?<!\w)(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"

# A number that is no year: a level, a count or a share ("i 2017" dates a level, it is none).
LEVEL = rf"(?!(?:19|20|21)\d\d\b){NUM}"

PCT = r"\s?(?:%|pct\.?|procent(?:point)?|procentpoint)"

FLAGS = re.IGNORECASE

ABOUT = (
    r"(?:ca\.\s+|cirka\s+|omkring\s+|knap\s+|godt\s+|næsten\s+|over\s+|under\s+|kun\s+|"
    r"i (?:snit|gennemsnit)\s+|gennemsnitligt\s+)"
)

# Shares and counts in words: "fra hver tredje til hver femte", "fra to ud af ti til seks".
WORD_NUM = (
    r"(?:hver (?:anden|tredje|fjerde|femte|sjette|syvende|ottende|tiende)|halvdelen|"
    r"en (?:tredjedel|fjerdedel|femtedel)|to tredjedele|tre fjerdedele|"
    r"(?:en|et|to|tre|fire|fem|seks|syv|otte|ni|ti) ud af (?:\w+))"
)

# Words that place a level before the work: "tidligere", "året før", "ved projektstart".
BEFORE = (
    r"(?:tidligere|før|førhen|inden|året før|sidste år|forrige år|året inden|ved (?:start|"
    r"opstart|projektstart|begyndelsen)|i udgangspunktet|(?:i|for) (?:19|20)\d\d)"
)

# Quantities that measure a result: shares, times, money, weights, scores.
UNIT = (
    r"(?:%|pct\.?|procent(?:point)?|procentpoint|dage?|døgn|uger?|måneder|timer?|minutter|"
    r"min\.?|sekunder|(?:mio\.?\s*|mia\.?\s*|millioner\s+)?kr\.?|tons?|kg|kilo|årsværk|point|"
    r"klassetrin|karakterpoint)"
)

NUMBER_WORD = (
    r"(?:en|et|én|ét|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tretten|fjorten|femten|"
    r"seksten|sytten|atten|nitten|tyve|tredive|fyrre|halvtreds|tres|halvfjerds|firs|halvfems|"
    r"hundrede|tusind)"
)

# A quantity, in digits or in words: "412", "fjorten", "hver tyvende", "tre ud af fire".
QTY = (
    rf"(?:{NUM}|{WORD_NUM}|hver \w+(?:ende|te|de)\b|halvdelen|en halv|nul|ingen|én|ét|"
    rf"(?:to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|"
    rf"atten|nitten|tyve|tredive|fyrre|halvtreds|hundrede)\b)"
)

# Climate and planning documents look to the next century: "en T100 i 2117".
_YEAR = re.compile(r"^(19|20|21)\d\d$")


def is_year(num: str) -> bool:
    return bool(_YEAR.match(num))


def two_numbers(m: re.Match[str]) -> bool:
    """Two different numbers that are not a span of years."""
    a, b = m.group("a"), m.group("b")
    return a != b and not (is_year(a) and is_year(b))
