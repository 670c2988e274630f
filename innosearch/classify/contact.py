"""Who to call, from a document's own text when no field states it.

Real documents rarely follow the sharing template: a README says "Kontaktperson: Det er Sidney
Bakar (sidney.bakar@randers.dk)", a project basis "Af: Jakob Wang (<waja@aarhus.dk>), Fælles IT,
Aarhus Kommune", a process description has the owner's address in a table and in every step that
mails them, a report lists "Forfattere" under a heading of that name. In order of trust:

1. a contact cue ("Kontaktperson:", "Af:", "Forfatter:", "Projektejer:", a "Kontakt" heading)
   followed by a name and an e-mail address;
2. the person's e-mail address the document uses most (first seen wins a tie), with the name
   written beside it or else read from the address ("marianne.schumann.ahlburg@" →
   "Marianne Schumann Ahlburg");
3. a cue with a name and no address ("Kontaktperson: Helle Kõnig", "Helle Kõnig er ejer.").

Names in running prose without a cue ("aftale kan indgås med Jacob Pedersen") are not taken: they
are as often someone else's people. The caller finds the organisation in the returned context.
"""

import re
import unicodedata
from collections import Counter

from innosearch.documents import FoundContact, Section

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
# Addresses of a function, not a person: still worth showing, never a name.
_ROLE_ADDRESS = re.compile(
    r"^(info|kontakt|post|support|mail|service|sekretariat\w*|noreply|no-reply|admin|hej|"
    r"digitalisering|it)$",
    re.IGNORECASE,
)
_NAME_WORD = r"[A-ZÆØÅÄÖÜÉÕ][a-zæøåäöüéõß]+(?:-[A-ZÆØÅÄÖÜÉÕ][a-zæøåäöüéõß]+)?"
# Two to six words, each capitalised or a one-letter initial ("Sidney Tawfik Nor Eldin P Bakar").
NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|[A-ZÆØÅ]\.?)){{1,5}}(?![\wæøå])")
_CUE = (
    r"kontakt(?:person|personer|oplysninger)?|af|forfatter(?:e)?|udarbejdet af|skrevet af|"
    r"projekt ?ejer|projektleder|procesejer|systemejer|ansvarlig|tovholder|author"
)
# "Kontaktperson: Det er Sidney …", "**Projekt ejer**: Thor …": a cue, a colon, maybe filler; or
# a line that begins with "Forfattere" or "Kontaktperson" and goes on with a name (a PDF's
# layout, a heading and its text).
_CUE_AT = re.compile(
    rf"(?:^|[>|*]|(?<=[.!?])[ \t])[ \t]*\**(?i:{_CUE})\**[ \t]*:\**\s*(?i:det er\s+)?"
    rf"|^[ \t]*(?i:forfattere?|kontaktpersoner?|kontakt|udarbejdet af|skrevet af)\s+(?=[A-ZÆØÅ])",
    re.MULTILINE,
)
# "Helle Kõnig er ejer."
_NAME_IS_OWNER = re.compile(
    rf"({NAME.pattern}) er (?:ejer|kontaktperson|projektleder|tovholder|ansvarlig)\b"
)
# A Danish number after "tlf."/"telefon"/"mobil", or any number written with +45.
PHONE = re.compile(
    r"(?:(?i:tlf\.?|telefon|mobil|phone)\s*(?i:nr\.?)?\s*:?\s*(\+45\s?)?|(\+45\s?))"
    r"((?:\d{2}\s?){3}\d{2})\b"
)
# Titles written before a name ("Projektleder Jens Peter Vium", "Overlæge Lars Bech"): dropped
# from the name. Danish job titles are compounds ending in a handful of words.
_ROLE = re.compile(
    r"^(?:[^\W\d_]*(?:leder|chef|konsulent|rådgiver|plejerske|terapeut|læge|koordinator|"
    r"medarbejder|fuldmægtig|specialist|direktør|pædagog|lærer|psykolog|assistent|sekretær|"
    r"ansvarlig|analytiker|tovholder|hjælper)|jordemoder)\s+",
    re.IGNORECASE,
)
# Words that make a capitalised run an organisation's name, not a person's.
_ORGANISATION_WORD = re.compile(
    r"\b(?:jobcenter|beredskab\w*|kommune|region|center|centret|team\w*|afdeling\w*|"
    r"forvaltning\w*|sekretariat\w*|styrelse\w*|universitet\w*|hospital\w*|sygehus\w*|"
    r"politi|skole\w*|enhed\w*)\b",
    re.IGNORECASE,
)
# Capitalised words that open table rows and labels, never a person's first name.
_NOT_A_FIRST_NAME = re.compile(
    r"(dato|version|initial|rettelse|kontakt|virksomhed|team|bruger|side|status|beskrivelse|"
    r"formål|baggrund|projekt|den|det|der|de|og|i|for|fælles|region|kommune|styrelsen|send|"
    r"trin|afsnit|tabel|figur|bilag)",
    re.IGNORECASE,
)
_CONTEXT_CHARS = 160


def find_contact(sections: list[Section], author: str | None = None) -> FoundContact | None:
    """The document's contact person, or None when its text names none with a cue or address."""
    text = "\n".join(f"{s.heading}\n{s.text}" if s.heading else s.text for s in sections)
    cued = [m.end() for m in _CUE_AT.finditer(text)]  # where a name may follow a cue
    return (
        _cued_with_address(text, cued) or _most_used_address(text) or _cued_name(text, cued, author)
    )


def _cued_with_address(text: str, cued: list[int]) -> FoundContact | None:
    for start in cued:
        window = text[start : start + _CONTEXT_CHARS]
        email = EMAIL.search(window)
        name = _name_at(window)
        if email and name and name.end() <= email.start():
            return _found(text, start, name.group(0), email.group(0), 0.9)
    return None


def _most_used_address(text: str) -> FoundContact | None:
    counts: Counter[str] = Counter()
    first_seen: dict[str, re.Match[str]] = {}
    for m in EMAIL.finditer(text):
        counts[m.group(0).lower()] += 1
        first_seen.setdefault(m.group(0).lower(), m)
    if not counts:
        return None
    address = max(counts, key=lambda a: (counts[a], -first_seen[a].start()))
    at = first_seen[address]
    local = address.split("@")[0]
    name = None
    if not _ROLE_ADDRESS.match(local):
        name = _name_of_address(text, local) or _name_before(text, at.start(), local)
    return _found(text, at.start(), name, at.group(0), 0.8 if name else 0.6)


def _cued_name(text: str, cued: list[int], author: str | None) -> FoundContact | None:
    for start in cued:
        name = _name_at(text[start : start + _CONTEXT_CHARS])
        if name:
            return _found(text, start, name.group(0), None, 0.7)
        found = _found(text, start, None, None, 0.6)
        if found.phone:  # "Kontakt: Beredskab Vestkyst, Stabsfunktionen, telefon 76 12 34 00"
            return found
    owner = _NAME_IS_OWNER.search(text)
    if owner and _is_name(owner.group(1)):
        return _found(text, owner.start(), owner.group(1), None, 0.7)
    if author and _is_name(author.strip()):
        return FoundContact(author.strip(), None, None, "", 0.6)
    return None


def _name_at(window: str) -> re.Match | None:
    """A person's name at the start of the window (after brackets and a title), not a label."""
    start = window[: len(window) - len(window.lstrip(" \t(<*_"))]
    role = _ROLE.match(window[len(start) :])
    offset = len(start) + (role.end() if role else 0)
    m = NAME.match(window, offset)
    return m if m is not None and _is_name(m.group(0)) else None


def _name_of_address(text: str, local: str) -> str | None:
    """ "marianne.schumann.ahlburg" → the name as the text spells it, else capitalised parts."""
    parts = [p for p in re.split(r"[._]", local) if p]
    if len(parts) < 2 or not all(p.isalpha() and len(p) > 1 for p in parts):
        return None
    wanted = [_fold(p) for p in parts]
    words = list(re.finditer(r"[^\W\d_]+", text))
    for i in range(len(words) - len(wanted) + 1):
        run = words[i : i + len(wanted)]
        if [_fold(w.group(0)) for w in run] == wanted and run[0].group(0)[0].isupper():
            return " ".join(w.group(0) for w in run)
    return " ".join(p.capitalize() for p in parts)


def _name_before(text: str, at: int, local: str) -> str | None:
    """The name written just before an address ("Rasmus Frey, rasmus@…", "Jakob Wang (<waja@…")."""
    before = text[max(0, at - 80) : at].rstrip(" \t(<,:;-–")
    run = re.search(rf"(?:(?:{_NAME_WORD}|[A-ZÆØÅ]\.?)\s+){{0,5}}{_NAME_WORD}$", before)
    if run is None:
        return None
    words = run.group(0).split()
    # The run may begin with the owner's organisation ("Randers Kommune Arbejdsmarked Helle
    # König"): start at the word the address begins with, when one matches.
    first = next((i for i, w in enumerate(words) if _fold(w).startswith(_fold(local)[:3])), None)
    words = words[first:] if first is not None else words[-3:]
    name = _ROLE.sub("", " ".join(words), count=1)
    return name if len(name.split()) >= 2 and _is_name(name) else None


def _is_name(candidate: str) -> bool:
    first = candidate.split()[0].lower()
    return (
        not _NOT_A_FIRST_NAME.fullmatch(first)
        and len(candidate.split()) <= 6
        and not _ORGANISATION_WORD.search(candidate)
    )


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("æ", "ae").replace("ø", "o").replace("å", "a")


def _found(
    text: str, at: int, name: str | None, email: str | None, confidence: float
) -> FoundContact:
    start = text.rfind(" ", 0, max(0, at - 40)) + 1  # a whole word, not "nders Kommune"
    context = text[start : at + _CONTEXT_CHARS]
    phone = PHONE.search(context)
    number = None
    if phone:
        prefix = phone.group(1) or phone.group(2) or ""
        number = " ".join(prefix.split() + phone.group(3).split())
    return FoundContact(name, email, number, context, confidence)
