"""One vocabulary of section kinds: what a section's heading says its text is about.

The classifiers read a heading lowercased, without surrounding space and a final colon, against
patterns, since reports and web pages word one kind many ways ("Resultater", "Hvad kom der ud af
det?"). Search reads a stored section label the way it was tuned with.

Two kinds exist twice, because they answer different questions:
- Pitfalls. `is_lessons_heading` (classifiers): does this section report what went wrong, so the
  document has pitfalls? Risks still ahead are none. `is_pitfall_section` (search): is this a
  passage to show someone asking what to avoid? Risks ("Risici") are.
- The problem. `is_background_heading` (classifiers): are numbers here the problem's rather than
  the work's effect? `is_problem_section` (search): does this passage state the case's problem, to
  match it with other sectors' cases? The summary ("Resumé") does; an introduction does not.

The parsers ask `document_title` which heading names what a document is about: not a part's name
("Indledning") nor, alone, the kind of document ("Procesbeskrivelse", "TO BE FORSLAG").
"""

import re
from collections.abc import Iterable, Sequence

_EFFECT = (
    r"effekt",
    r"resultat",
    r"gevinst",
    r"evaluering",
    r"virkning",
    r"opnået",
    r"hvad (kom|fik) (der )?ud",
    r"outcome",
    r"udbytte",
    # "Dokumentation" alone is a case's evidence; "Teknisk dokumentation" or "Oprettelse af
    # opgaver og dokumentation" is about software.
    r"^dokumentation$",
    r"^målinger|^måling|^målte|målopfyldelse",
)
# What went wrong, and nothing else: "Erfaringer" and "Læring" also head results.
_PITFALLS = (
    r"faldgrube",
    r"fejl",
    r"det gik galt",
    r"hvad gik (galt|skidt|mindre godt)",
    r"hvad (ville|vil) (i|vi) gøre anderledes",
    r"gøre anderledes",
    r"barrier",
    r"forhindring",
    r"benspænd",
    r"pas på",
    r"udfordringer undervejs",
)
_LESSONS = _PITFALLS + (
    r"læring",
    r"lært|lærte",
    r"erfaring",
    r"lessons",
    r"opmærksomhedspunkt",
    r"gode råd",
    r"råd til andre",
)
_BACKGROUND = (
    r"^udfordring(en)?$",
    r"baggrund",
    r"problem",
    r"formål",
    r"indledning",
    r"hvorfor",
    r"beskriv(else af)? udfordring",
)
_TARGET = (
    r"^mål(et|ene)?\b(?! ?opfyldelse)",  # "Mål", "Målet", "Mål og milepæle"; not "Målinger"
    r"succeskriteri",
    r"forvent",
    r"ambition",
    r"målsætning",
    r"milepæl",
)
_ECONOMY = (
    r"økonomi",
    r"budget",
    r"finansiering",
    r"ressource",
    r"udgift",
    r"omkostning",
    r"tidsplan",
    r"bevilling",
)
_STATUS = (r"^status$", r"^projektstatus$")
_STAGE = (r"^fase$", r"^stadie$", r"^innovationsfase$", r"^stage$")


def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_EFFECT_RE = _compile(_EFFECT)
_LESSONS_RE = _compile(_LESSONS)
_PITFALLS_RE = _compile(_PITFALLS)
_BACKGROUND_RE = _compile(_BACKGROUND)
_TARGET_RE = _compile(_TARGET)
_ECONOMY_RE = _compile(_ECONOMY)
_STATUS_RE = _compile(_STATUS)
_STAGE_RE = _compile(_STAGE)


def _heading_is(heading: str, kind: re.Pattern[str]) -> bool:
    h = heading.strip().lower().rstrip(":")
    return bool(h) and bool(kind.search(h))


def is_effect_heading(heading: str) -> bool:
    """Where the work's effect is stated: numbers here are results ("Effekt", "Resultater")."""
    return _heading_is(heading, _EFFECT_RE)


def is_lessons_heading(heading: str) -> bool:
    """Mistakes, obstacles, lessons and advice: real content here means pitfalls."""
    return _heading_is(heading, _LESSONS_RE)


def is_pitfalls_heading(heading: str) -> bool:
    """Mistakes and obstacles only, not lessons or experience in general."""
    return _heading_is(heading, _PITFALLS_RE)


def is_background_heading(heading: str) -> bool:
    """The problem and why the work began: numbers here describe the problem, not an effect."""
    return _heading_is(heading, _BACKGROUND_RE)


def is_target_heading(heading: str) -> bool:
    """Targets and expectations ("Mål", "Succeskriterier"): nothing here is measured yet."""
    return _heading_is(heading, _TARGET_RE)


def is_economy_heading(heading: str) -> bool:
    """The work's own money and time plan: its tables are plans and spending, not effects."""
    return _heading_is(heading, _ECONOMY_RE)


def is_status_heading(heading: str) -> bool:
    """A section that states the work's status ("Status", "Projektstatus")."""
    return _heading_is(heading, _STATUS_RE)


def is_stage_heading(heading: str) -> bool:
    """A section that states the work's stage ("Fase", "Innovationsfase")."""
    return _heading_is(heading, _STAGE_RE)


_PITFALL_SECTION = re.compile(
    r"faldgrube|benspænd|barrier|gik galt|fejl|erfaring|læring|udfordringer undervejs|risici",
    re.IGNORECASE,
)
_PROBLEM_SECTIONS = frozenset({"udfordring", "resumé", "baggrund", "problem", "formål"})


def is_pitfall_section(label: str) -> bool:
    """A passage to show someone asking what to avoid: pitfalls, obstacles, lessons, risks."""
    return bool(_PITFALL_SECTION.search(label or ""))


def is_problem_section(label: str) -> bool:
    """A passage that states a case's problem (the template's Udfordring and Resumé, ...)."""
    return label.strip().lower() in _PROBLEM_SECTIONS


# A heading that names a part of any document, not what this one is about: as a title it says
# nothing ("Indledning", "2. Baggrund").
_PART_NAME = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:indledning|introduktion|intro|baggrund|formål|resumé|resume|"
    r"sammenfatning|sammendrag|forord|indhold|indholdsfortegnelse|beskrivelse|konklusion|"
    r"abstract|summary|introduction|background)$"
)
# Words that say what kind of document it is ("Forslag", "Procesbeskrivelse", "Blog indlæg"),
# and the words that go with them: a version or a period ("H1 2025", "v2") and the states of a
# process map ("AS IS", "TO BE").
_GENRE_WORD = re.compile(
    r"forslag|notat|procesbeskrivelse|projektbeskrivelse|rapport|statusrapport|readme|"
    r"vejledning|brugervejledning|dokumentation|referat|udkast|oplæg|præsentation|nyhed|"
    r"nyheder|nyhedsbrev|blog|blogindlæg|indlæg|status"
)
_GENRE_COMPANION = re.compile(r"to|be|as|is|version|v?\d+(?:\.\d+)*|[hq][1-4]|[-–:]")


def is_part_name(heading: str) -> bool:
    """A heading that names a part of any document ("Indledning"), not its subject."""
    return bool(_PART_NAME.match(heading.strip().lower().rstrip(":")))


def is_genre_name(title: str) -> bool:
    """A title that only says what kind of document it is: "TO BE FORSLAG", "Procesbeskrivelse",
    "Blog indlæg H1 2025"."""
    words = title.strip().lower().rstrip(":").split()
    return any(_GENRE_WORD.fullmatch(w) for w in words) and all(
        _GENRE_WORD.fullmatch(w) or _GENRE_COMPANION.fullmatch(w) for w in words
    )


def document_title(title: str, headings: Sequence[str], fallback: str) -> str:
    """A document's title from the title it states (or its level-1 heading) and the headings over
    its first section, outermost first: the first that names what it is about. A title that only
    names the kind of document is followed by the heading that names its subject ("Forslag: Fælles
    booking af mødelokaler"); a part's name ("Indledning") is passed over."""
    subject = next((h for h in headings if h and not is_part_name(h) and not is_genre_name(h)), "")
    if title and subject and is_genre_name(title):
        return f"{title}: {subject}"
    return next((t for t in (title, subject, *headings) if t and not is_part_name(t)), fallback)


# The case template's headings: every case has them, so they say nothing of its subject.
_TEMPLATE_HEADINGS = frozenset(
    {
        "resumé",
        "resume",
        "indledning",
        "baggrund",
        "formål",
        "udfordring",
        "løsning",
        "effekt",
        "faldgruber",
        "kontakt",
    }
)
OUTLINE_HEADINGS = 30  # a long report's first headings say what it covers; the rest add length


def outline_text(title: str, headings: Iterable[str]) -> str:
    """ "Title. Heading; heading; …": a document's title and its own headings, each once, beyond
    the case template's. A compact view of what it covers, compared with the question as a whole
    (search/outline.py)."""
    unique = dict.fromkeys(h.strip() for h in headings if h.strip())
    own = [h for h in unique if h.lower() not in _TEMPLATE_HEADINGS]
    return f"{title}. " + "; ".join(own[:OUTLINE_HEADINGS])
