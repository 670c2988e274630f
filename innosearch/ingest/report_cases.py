"""Multi-case reports: one document per chapter that is a project of its own, linked to the report.

Evaluations from national centres often describe several projects in one report, a chapter each.
Stored as one document, such a report gets one sector, one evidence level and one pitfall flag for
projects that have different ones, and a search for one project finds all of them. So a report
whose chapters are separate projects becomes the report (its framing chapters and a list of its
cases) plus one document per case, each classified on its own and linked to the report.

Decided by content, never by the file's name. A chapter is a project when
- its heading names something (not "Indledning", "Metode", "Resultater", ...) and not a phase or a
  part of one piece of work ("Fase 2: Udbredelse", "Delprojekt 1"),
- it has at least `_MIN_WORDS` words, and
- its subsections tell a case's own story: at least two of problem, solution, effect and lessons.
The chapters are separate projects when at least two are projects and they name at least two
different things (the proper nouns of their headings and the organisations named first in their
text). A report whose chapters are parts of one project (its phases, or the same organisation's
areas without names of their own) stays one document.

Chapters come from the outline the parser keeps (Markdown and Word heading levels; PDFs and bold
Word headings through `chapter_paths`, which sees a chapter heading with no text of its own);
otherwise from the headings' numbering ("3.2 Resultater" lies in chapter 3), and an unnumbered
"Udfordring"/"Resultater" after a chapter heading lies in that chapter.
"""

import re
from dataclasses import dataclass, field

from innosearch.classify.classifier import organisation_mentions
from innosearch.documents import ParsedDocument, Section
from innosearch.text.headings import (
    is_background_heading,
    is_economy_heading,
    is_effect_heading,
    is_lessons_heading,
    is_stage_heading,
    is_status_heading,
    is_target_heading,
)

# The heading of the report's section that lists its cases.
CASES_HEADING = "Cases i rapporten"
# A chapter shorter than this is a summary or a box, not a case told in full.
_MIN_WORDS = 60
# Kinds of subsections a case's own story has (two are enough: reports word them differently).
_STORY_KINDS = 2

_NUMBER_RE = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(?=\S)")
_PREFIX_RE = re.compile(
    r"^(?:(?:kapitel|case|sag|eksempel|projekt)\s+\d+\s*[:.–-]?\s*|\d+(?:\.\d+)*[.:)]?\s+)",
    re.IGNORECASE,
)
_SOLUTION_RE = re.compile(
    r"løsning|indsats|tiltag|hvad (?:gjorde|har|gør) (?:vi|de|man)|sådan|aktivitet|forløb|idé|"
    r"innovation|det gjorde|metode|tilgang|koncept|om projektet|implementering|afprøvning|"
    r"beskrivelse",
    re.IGNORECASE,
)
# Chapters of the report as a whole: they stay with the report.
_FRAMING_RE = re.compile(
    r"^(?:forord|indledning|resum|sammenfatning|sammendrag|konklusion|opsummering|metode|"
    r"læsevejledning|anbefaling|bilag|litteratur|referencer|kilder|indhold|om (?:rapporten|"
    r"evalueringen|undersøgelsen|analysen)|tværgående|samlet|samlede|perspektiv|afrunding|"
    r"executive summary|summary|appendiks|noter|datagrundlag|evalueringsdesign)",
    re.IGNORECASE,
)
# Chapters that are phases or parts of one piece of work, not projects of their own.
_PHASE_RE = re.compile(
    r"^(?:fase|etape|trin|delprojekt|delindsats|delmål|spor|runde|år|periode|del|afprøvning|"
    r"pilot|implementering|udbredelse|opstart|evaluering|første|anden|tredje|fjerde)\b",
    re.IGNORECASE,
)
_PROPER_NOUN_RE = re.compile(r"(?<![\wæøåÆØÅ])[A-ZÆØÅ][\wæøåÆØÅ²-]+")


@dataclass
class _Chapter:
    heading: str
    sections: list[tuple[tuple[str, ...], Section]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _PREFIX_RE.sub("", self.heading).strip() or self.heading

    def words(self) -> int:
        return sum(len(section.text.split()) for _, section in self.sections)

    def story_kinds(self) -> set[str]:
        """Which parts of a case's story the chapter's subsections tell."""
        kinds = set()
        for path, _ in self.sections:
            if len(path) < 2:
                continue
            heading = _PREFIX_RE.sub("", path[1])
            if is_background_heading(heading):
                kinds.add("problem")
            elif is_effect_heading(heading):
                kinds.add("effect")
            elif is_lessons_heading(heading):
                kinds.add("lessons")
            elif _SOLUTION_RE.search(heading):
                kinds.add("solution")
        return kinds

    def is_project(self) -> bool:
        title = self.title
        return (
            not _is_section_kind(title)
            and not _FRAMING_RE.match(title)
            and not _PHASE_RE.match(title)
            and self.words() >= _MIN_WORDS
            and len(self.story_kinds()) >= _STORY_KINDS
        )

    def names(self) -> frozenset[str]:
        """What the chapter names: its heading's proper nouns and the first organisations."""
        title_words = _PROPER_NOUN_RE.findall(self.title)
        if title_words and self.title.startswith(title_words[0]):
            title_words = title_words[1:]  # a capital at the start says nothing
        text = " ".join(section.text for _, section in self.sections)[:600]
        return frozenset(title_words + organisation_mentions(text)[:2])


def split_report(doc: ParsedDocument) -> list[ParsedDocument]:
    """The report and its cases when its chapters are separate projects; else `[doc]`."""
    if doc.kind == "case" or doc.part_of_suffix is not None:
        return [doc]
    chapters = _chapters(doc.sections)
    projects = [c for c in chapters if c.heading and c.is_project()]
    names = {c.names() for c in projects} - {frozenset()}
    if len(projects) < 2 or len(names) < 2:
        return [doc]
    cases = [
        ParsedDocument(
            title=chapter.title,
            kind=doc.kind,
            sections=[
                Section(text=s.text, heading=s.heading if len(path) > 1 else "", page=s.page)
                for path, s in chapter.sections
            ],
            source_suffix=f"{doc.source_suffix}#sag-{number}",
            part_of_suffix=doc.source_suffix,
            part_of_title=doc.title,
        )
        for number, chapter in enumerate(projects, start=1)
    ]
    framing = [s for c in chapters if c not in projects for _, s in c.sections]
    listing = Section(text="\n".join(f"- {case.title}" for case in cases), heading=CASES_HEADING)
    report = ParsedDocument(
        title=doc.title,
        kind=doc.kind,
        sections=[*framing, listing],
        fields=doc.fields,
        extra=doc.extra,
        source_suffix=doc.source_suffix,
    )
    return [report, *cases]


def _is_section_kind(heading: str) -> bool:
    return any(
        check(heading)
        for check in (
            is_background_heading,
            is_effect_heading,
            is_lessons_heading,
            is_target_heading,
            is_economy_heading,
            is_status_heading,
            is_stage_heading,
        )
    )


def _chapters(sections: list[Section]) -> list[_Chapter]:
    """Consecutive sections grouped by the chapter they lie in (text before any: heading "")."""
    chapters: list[_Chapter] = []
    for path, section in zip(_paths(sections), sections, strict=True):
        heading = path[0] if path else ""
        if not chapters or chapters[-1].heading != heading:
            chapters.append(_Chapter(heading))
        chapters[-1].sections.append((path, section))
    return chapters


def _paths(sections: list[Section]) -> list[tuple[str, ...]]:
    """Each section's chapter path, outermost heading first, its own heading last."""
    if any(s.outline for s in sections):
        paths = [s.outline + ((s.heading,) if s.heading else ()) for s in sections]
        # A heading above everything (a title given as "## …") is no chapter.
        while True:
            firsts = {p[0] for p in paths if p}
            if len(firsts) != 1 or not any(len(p) > 1 for p in paths):
                return paths
            paths = [p[1:] for p in paths]
    return chapter_paths([s.heading for s in sections])


def chapter_paths(headings: list[str]) -> list[tuple[str, ...]]:
    """Each heading's chapter path, outermost first and the heading itself last ("" for text
    before any heading: the open chapter), where no heading levels are known (PDF, plain text,
    bold paragraphs in Word): from the headings' numbering ("3.2 Resultater" lies in chapter 3)
    and from section kinds after a named heading ("Udfordring" lies in the chapter above it).
    """
    paths: list[tuple[str, ...]] = []
    chapter = ""
    chapter_number: tuple[str, ...] = ()
    for heading in headings:
        m = _NUMBER_RE.match(heading)
        number = tuple(m.group(1).split(".")) if m else ()
        nested = len(number) > 1 and number[:1] == chapter_number
        unnumbered_part = not number and _is_section_kind_or_solution(heading)
        if not heading:
            paths.append((chapter,) if chapter else ())
        elif chapter and (nested or unnumbered_part):
            paths.append((chapter, heading))
        else:
            chapter, chapter_number = heading, number[:1]
            paths.append((heading,))
            if _is_section_kind_or_solution(_PREFIX_RE.sub("", heading)):
                chapter, chapter_number = "", ()  # "Resultater" opens no chapter of its own
    return paths


def _is_section_kind_or_solution(heading: str) -> bool:
    return _is_section_kind(heading) or bool(_SOLUTION_RE.search(heading))
