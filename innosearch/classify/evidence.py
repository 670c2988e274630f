"""Evidence level from Danish text: sentence-level patterns and tables, aware of sections.

The evidence ladder (design.md): 0 none described; 1 expected or only experienced effect;
2 measured (before/after, a measured change, a survey result); 3 compared with a control group or
a benchmark; 4 causal design (randomised, quasi-experimental) or an independent evaluation.
"""

import math
import re
from dataclasses import dataclass

from innosearch.classify.vocab import (
    EFFECT_HEADINGS,
    EMPTY_CONTENT,
    PROBLEM_HEADINGS,
)
from innosearch.ingest.normalise import ABBREVIATIONS

# --- sentences ----------------------------------------------------------------------------------

# Abbreviations after which a full stop does not end a sentence.
_UNIT_ABBREVIATIONS = frozenset({"pct", "kr", "stk", "mio", "mia"})
_SPLIT_RE = re.compile(r"(?<=[.!?:;])\s+(?=[\"'«(\[]?[A-ZÆØÅ0-9•\-–])")


@dataclass
class Sentence:
    text: str
    heading: str  # lowercased heading of the section it came from ("" when none)
    index: int  # position in the document


def split_sentences(text: str) -> list[str]:
    """Split Danish text into sentences; lines and bullets are separate sentences."""
    out: list[str] = []
    for line in re.split(r"\n+", text):
        line = re.sub(r"^\s*([-*•–]|\d+[.)])\s+", "", line).strip()
        if not line:
            continue
        start = 0
        for m in _SPLIT_RE.finditer(line):
            before = line[start : m.start()].rstrip(".!?:; ")
            last = before.rsplit(" ", 1)[-1].lower() if before else ""
            # A unit abbreviation before a capital ends the sentence: "... 17 pct. På landsplan".
            unit_end = last in _UNIT_ABBREVIATIONS and line[m.end() : m.end() + 1].isupper()
            if (
                line[m.start() - 1] == "."
                and not unit_end
                and (
                    last in ABBREVIATIONS
                    or (len(last) == 1 and last.isalpha())
                    or last.endswith(".")
                )
            ):
                continue
            if line[m.start() - 1] == ":" and re.match(r"[-−–+]?\s?\d", line[m.end() :]):
                continue  # a value after its label: "Før: 12 | Efter: 7"
            out.append(line[start : m.start()].strip())
            start = m.end()
        out.append(line[start:].strip())
    return [s for s in out if s]


def heading_matches(heading: str, patterns: tuple[str, ...]) -> bool:
    h = heading.strip().lower().rstrip(":")
    return bool(h) and any(re.search(p, h) for p in patterns)


def is_empty_content(text: str) -> bool:
    """A template field that says nothing ("Ingen", "-", "Ikke relevant", a few words)."""
    t = " ".join(text.split()).lower()
    return len(t.split()) < 4 or bool(re.match(EMPTY_CONTENT, t))


# --- evidence -----------------------------------------------------------------------------------

# Grouped, so that "{_NUM}" can sit inside an alternation without splitting it.
_NUM = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_PCT = r"\s?(?:%|pct\.?|procent(?:point)?|procentpoint)"
_FLAGS = re.IGNORECASE

_CHANGE_VERB = re.compile(
    r"\b(fald\w*|faldt|steg|steget|stigning\w*|reduc\w*|reduktion\w*|nedbr\w*|øget|øgede|øgning|"
    r"forøg\w*|forbedr\w*|mindsk\w*|sænk\w*|forkort\w*|halver\w*|fordobl\w*|gå(et|r) (ned|op|fra)|"
    r"gik (ned|op|fra)|dal\w*|ændr\w*|skåret|løftet|hævet|nedsat|sparet|frigjort|frigivet|"
    r"bedre|færre|flere|skrump\w*)\b",
    _FLAGS,
)
_ABOUT = (
    r"(?:ca\.\s+|cirka\s+|omkring\s+|knap\s+|godt\s+|næsten\s+|over\s+|under\s+|kun\s+|"
    r"i (?:snit|gennemsnit)\s+|gennemsnitligt\s+)"
)
_FROM_TO = re.compile(
    rf"\bfra\s+{_ABOUT}?(?P<a>{_NUM})(?P<ap>{_PCT})?"
    rf"(?:\s+[a-zæøå.]+){{0,2}}?\s+til\s+{_ABOUT}?(?P<b>{_NUM})(?P<bp>{_PCT})?",
    _FLAGS,
)
# "er steget til 48 procent fra 31 procent": the same change, the other way round.
_TO_FROM = re.compile(
    rf"\btil\s+{_ABOUT}?(?P<b>{_NUM})(?P<bp>{_PCT})?(?:\s+[a-zæøå.]+){{0,3}}?\s+fra\s+"
    rf"(?:tidligere\s+|før\s+)?{_ABOUT}?(?P<a>{_NUM})(?P<ap>{_PCT})?",
    _FLAGS,
)
# Shares and counts in words: "fra hver tredje til hver femte", "fra to ud af ti til seks".
_WORD_NUM = (
    r"(?:hver (?:anden|tredje|fjerde|femte|sjette|syvende|ottende|tiende)|halvdelen|"
    r"en (?:tredjedel|fjerdedel|femtedel)|to tredjedele|tre fjerdedele|"
    r"(?:en|et|to|tre|fire|fem|seks|syv|otte|ni|ti) ud af (?:\w+))"
)
_FROM_TO_WORDS = re.compile(
    rf"\bfra\s+{_ABOUT}?{_WORD_NUM}(?:\s+\w+){{0,2}}?\s+til\s+{_ABOUT}?{_WORD_NUM}", _FLAGS
)
# A level now set against the level before: "er nu 4 uger mod tidligere 9", "32 dage, hvor den
# tidligere var 61", "38 minutter mod 64 minutter året før", "før 12, nu 5".
_BEFORE = (
    r"(?:tidligere|før|førhen|inden|året før|sidste år|forrige år|året inden|ved (?:start|"
    r"opstart|projektstart|begyndelsen)|i udgangspunktet|(?:i|for) (?:19|20)\d\d)"
)
_VERSUS = re.compile(
    rf"{_NUM}[^.;]{{0,40}}?\b(?:mod|mens|hvor|mod hele|"
    rf"sammenlignet med|i forhold til|end)\b(?:\s+\w+){{0,4}}?\s+{_BEFORE}\b.{{0,25}}?{_NUM}|"
    rf"{_NUM}[^.;]{{0,50}}?\bmod\s+(?:\w+\s+){{0,2}}?{_NUM}[^.;]{{0,40}}?\b{_BEFORE}\b|"
    rf"{_NUM}[^.;]{{0,50}}?\bmod\s+{_BEFORE}\s+{_NUM}|"
    rf"\b{_BEFORE}\b[^.;]{{0,30}}?{_NUM}[^.;]{{0,40}}?\bnu\b[^.;]{{0,30}}?{_NUM}|"
    rf"{_NUM}[^.;]{{0,60}}?,\s+(?:mens\s+|hvor\s+)?(?:i|for) (?:19|20)\d\d (?:var|lå) "
    rf"(?:tallet|det|den|antallet|andelen|niveauet)(?: på)? {_ABOUT}?{_NUM}|"
    rf"\b(?:nu|i dag)\b[^.;]{{0,40}}?{_NUM}[^.;]{{0,50}}?\b(?:før|tidligere|førhen)\b\s+"
    rf"(?:var|lå|havde|tog)\b[^.;]{{0,25}}?{_NUM}",
    _FLAGS,
)
# A change stated by its end point: "tilfredsheden steg til 4,2", "er faldet til 6 uger".
_CHANGE_TO = re.compile(
    rf"\b(faldet|faldt|steget|steg|reduceret|reducerede|nedbragt|nedbragte|øget|øgede|forbedret|"
    rf"forbedrede|mindsket|mindskede|sænket|sænkede|forkortet|forkortede|gået (ned|op)|"
    rf"gik (ned|op)|dalet|dalede|vokset|voksede|hævet|løftet|skåret ned|skar ned|bragt ned|"
    rf"bragte ned|halveret|kortet ned)\b(?:\s+[\wæøå.,]+){{0,6}}?\s+til\s+"
    rf"{_ABOUT}?(?:{_NUM}|en (?:tredjedel|fjerdedel|femtedel)|halvdelen|det halve)",
    _FLAGS,
)
# A counted difference: "140 færre indlæggelser end året før", "sammenlignet med året før er der
# 140 færre akutte indlæggelser". A bare count ("120 flere ældre") needs the reference point.
_COUNT_COMPARATIVE = re.compile(
    rf"{_NUM}\s+(færre|flere)\b|\b(halvt|dobbelt|(?:\d+|to|tre|fire|fem) gange) så "
    rf"(mange|få|ofte|meget|lang|hurtig\w*|mange \w+)",
    _FLAGS,
)
_REFERENCE = re.compile(
    r"\b(end|sammenlignet med|i forhold til|siden|efter|før|tidligere|året før|sidste år|"
    r"mod|som)\b",
    _FLAGS,
)
_CHANGE_BY = re.compile(
    rf"\b(faldet|faldt|steget|steg|reduceret|reducerede|reducere|nedbragt|nedbragte|øget|øgede|"
    rf"forbedret|forbedrede|mindsket|mindskede|sænket|sænkede|forkortet|forkortede|skåret ned|"
    rf"gået (ned|op)|gik (ned|op)|dalet|dalede|vokset|voksede|hævet|løftet|nedsat|nedsatte|"
    rf"skåret|skar|bragt ned|bragte ned)\b(?:\s+[\wæøå.,\-]+){{0,12}}?\s+med\s+"
    rf"(?:ca\.\s+|cirka\s+|knap\s+|godt\s+|over\s+|næsten\s+|hele\s+|mere end\s+|"
    rf"omkring\s+|gennemsnitligt\s+|i (?:snit|gennemsnit)\s+)?"
    rf"(?:{_NUM}|en (tredjedel|fjerdedel|femtedel)|to tredjedele|tre fjerdedele|halvdelen|"
    rf"en halv|(?:to|tre|fire|fem|seks|syv|otte|ni|ti|tolv|femten|tyve) \w+)",
    _FLAGS,
)
_CHANGE_NOUN = re.compile(
    rf"\b(en |et )?(reduktion|fald|stigning|forbedring|besparelse|nedgang|fremgang|øgning|"
    rf"nedbringelse|forkortelse|halvering)"
    rf"(?:\s+\w+){{0,2}}\s+på\s+{_ABOUT}?({_NUM}|en (tredjedel|fjerdedel|femtedel)|"
    rf"halvdelen)",
    _FLAGS,
)
_PCT_COMPARATIVE = re.compile(
    rf"({_NUM}){_PCT}\s+(færre|flere|mindre|mere|lavere|højere|kortere|hurtigere|bedre|større|"
    rf"billigere|sjældnere|oftere)\b",
    _FLAGS,
)
_MULTIPLE = re.compile(
    r"\b(halveret|halvering|fordoblet|fordobling|tredoblet|firedoblet|næsten halveret)\b", _FLAGS
)
_SAVED = re.compile(
    rf"\b(sparet|spart|frigjort|frigivet|sparer|frigør)\b(?:\s+[\w.,]+){{0,8}}?\s+({_NUM})\s*"
    rf"(mio\.?|mia\.?|millioner|kr\.?|timer|dage|årsværk|arbejdstimer|minutter)",
    _FLAGS,
)
_MEASURED = re.compile(
    r"\b(før- og eftermåling\w*|eftermåling\w*|"
    r"(målinger\w*|målingen|data|tallene|opgørelse\w*|registrering\w*|evalueringen|"
    r"resultaterne|undersøgelsen|spørgeskemaundersøgelse\w*|analysen|brugerundersøgelse\w*|"
    r"tilfredshedsmåling\w*|trivselsmåling\w*|statistikken|monitorering\w*|effektmåling\w*) "
    r"(\w+ )?(viser|viste|har vist|dokumenterer|dokumenterede|bekræfter|bekræftede|peger på)|"
    r"målt (før|efter|inden)|(har|blev|er) (blevet )?målt|vi har (set|registreret|dokumenteret|"
    r"opgjort|talt op) (et|en|at)|der er registreret|kan (nu )?dokumentere)\b",
    _FLAGS,
)
_SURVEY_SHARE = re.compile(
    rf"({_NUM}(?:{_PCT}|\s+ud\s+af\s+{_NUM}))(?:\s+af)?\s+(de\s+)?(\w+\s+)?"
    rf"(borgerne|deltagerne|medarbejderne|eleverne|"
    rf"patienterne|brugerne|forældrene|beboerne|de ledige|pårørende|borgere|deltagere|"
    rf"medarbejdere|elever|patienter|brugere|forældre|beboere|ledige)\b",
    _FLAGS,
)

# Quantities that measure a result: shares, times, money, weights, scores.
_UNIT = (
    r"(?:%|pct\.?|procent(?:point)?|procentpoint|dage?|døgn|uger?|måneder|timer?|minutter|"
    r"min\.?|sekunder|(?:mio\.?\s*|mia\.?\s*|millioner\s+)?kr\.?|tons?|kg|kilo|årsværk|point|"
    r"klassetrin|karakterpoint)"
)
# A table row or list rendered as text: "Før: 12 | Efter: 7", "Baseline 31 %, nu 47 %".
_BEFORE_AFTER_TABLE = re.compile(
    rf"\b(?:før|inden|baseline|start|førmåling)\b\s*[:=]?[^|;\n]{{0,40}}?(?P<a>{_NUM})"
    rf"[^|;\n]{{0,40}}?(?:\||;|,|/|–|-)\s*(?:\w+\s+)?\b(?:efter|nu|i dag|slut|eftermåling)\b"
    rf"\s*[:=]?[^|;\n]{{0,30}}?(?P<b>{_NUM})",
    _FLAGS,
)
# "14 % → 9 %", "5,2 dage -> 3,8 dage".
_ARROW = re.compile(
    rf"(?P<a>{_NUM})\s*(?:{_UNIT})?\s*(?:→|->|=>|⇒|➝)\s*(?P<b>{_NUM})\s*(?:{_UNIT})?", _FLAGS
)
# Verbs that report an outcome of the work: "har givet", "betød", "resulterede i".
_RESULT_VERB = re.compile(
    r"\b(har givet|gav|giver|betød|betyder|har betydet|resulterede i|har resulteret i|"
    r"førte til|har ført til|opnåede|har opnået|nedbragte|har nedbragt|rykkede|har rykket|"
    r"endte (på|med)|landede på|viste|viser|sparede|har sparet|er der|var der|blev der|"
    r"fik vi|har vi fået|har vi|oplevede vi|blevet|blev|er nu)\b",
    _FLAGS,
)
# A quantity of a difference: "38 tons mindre affald", "0,4 klassetrin mere", "3 dage kortere".
_UNIT_COMPARATIVE = re.compile(
    rf"{_NUM}\s*{_UNIT}(?:\s+\w+)?\s+(færre|flere|mindre|mere|lavere|højere|kortere|"
    rf"hurtigere|bedre|større|billigere|sjældnere|oftere|længere)\b",
    _FLAGS,
)
# A level the work has reached, stated now: "ligger ventetiden på 8 dage", "er nu 4 uger".
_NOW_LEVEL = re.compile(
    rf"\b(i dag|nu|efter (omlægningen|indsatsen|projektet|forløbet|indførelsen)|"
    rf"ved (slutmålingen|eftermålingen|projektets afslutning)|"
    rf"(?:et(?: halvt)?|halvandet|to|tre|fire|fem|seks|ni|tolv|\d+) (?:år|måneder|uger) "
    rf"(?:efter|senere))\b[^.;]{{0,60}}?"
    rf"{_ABOUT}?{_NUM}\s*{_UNIT}",
    _FLAGS,
)
_PAST_LEVEL = re.compile(
    rf"\b(var|tog|lå|ventede|havde|brugte|kostede|målte|udgjorde)\b[^.;]{{0,60}}?"
    rf"{_ABOUT}?{_NUM}\s*{_UNIT}",
    _FLAGS,
)
# Harm averted or resources saved, counted: "forhindret 310 indlæggelser", "4,1 mio. kr. sparet".
_AVERTED = re.compile(
    rf"\b(forhindret|forhindrede|undgået|undgik|forebygget|forebyggede|afværget|afværgede)\b"
    rf"(?:\s+\w+){{0,3}}?\s+{_ABOUT}?{_NUM}\s+\w+|"
    rf"{_NUM}\s*{_UNIT}\s+(sparet|frigjort|frigivet|mindre|billigere)\b",
    _FLAGS,
)
# A table with a year for each column: "Ventetid | 2022: 34 dage | 2024: 12 dage".
_YEAR_TABLE = re.compile(
    rf"\b(?:19|20)\d\d(?:/\d\d)?\s*:\s*(?P<a>{_NUM})\s*(?P<au>{_UNIT})?[^:\n]{{0,20}}?\b(?:19|20)\d\d(?:/\d\d)?\s*:"
    rf"\s*(?P<b>{_NUM})\s*(?P<bu>{_UNIT})?",
    _FLAGS,
)
# The same, with the time named instead of a unit: "Medicinfejl er nu nede på 3 om måneden.
# Sidste år lå vi på 15."
_NOW_SAID = re.compile(
    rf"\b((er|ligger|har vi|lander|står) (nu|i dag)|i år|i første (halvår|kvartal)|"
    rf"i (?:19|20)\d\d (?=var|lå|havde|tog)|efter (?:et|to|tre|seks|tolv|\d+) (?:år|måneder|uger)"
    rf"(?= var| lå| havde| tog)|i (?:projekt|pilot|forsøgs)\w*(?:året|perioden))\b"
    rf"[^.;]{{0,60}}?(?<![\d.,]){_NUM}(?![\d.,]*\s*år\b)",
    _FLAGS,
)
_THEN_SAID = re.compile(
    rf"\b({_BEFORE}|før (projektet|indsatsen)|ved start\w*)\b[^.;]{{0,30}}?"
    rf"\b(lå|var|havde|tog)\b[^.;]{{0,30}}?(?<![\d.,]){_NUM}|"
    rf"^(samme periode )?(sidste år|året før)\s*:\s*{_NUM}\.?$",
    _FLAGS,
)
# Counts of the work's own resources: a change in them is no effect ("er nu 14 medarbejdere").
_RESOURCES = re.compile(
    r"\b(medarbejdere|ansatte|frivillige|medlemmer|deltagere|årsværk|stillinger|pladser|"
    r"boliger|vi var|vi er)\b",
    _FLAGS,
)
# A before/after table written as two lines: "Før projektet: 850" / "Efter projektet: 610".
_BEFORE_LINE = re.compile(
    rf"^([^:.;]{{0,40}}\s)?(før|inden|baseline)\b[^:]{{0,40}}:\s*{_ABOUT}?{_NUM}|"
    rf"^[^:.;]{{3,60}}:\s*(før|inden|baseline)\b\s*:?\s*{_ABOUT}?{_NUM}",
    _FLAGS,
)
_AFTER_LINE = re.compile(rf"^(efter|nu|i dag|slutmåling)\b[^:]{{0,40}}:\s*{_ABOUT}?{_NUM}", _FLAGS)
# Headings of targets and expectations: what they hold is not yet measured.
_TARGET_HEADINGS = (
    r"^mål(et|ene)?\b(?! ?opfyldelse)",  # "Mål", "Målet", "Mål og milepæle"; not "Målinger"
    r"succeskriteri",
    r"forvent",
    r"ambition",
    r"målsætning",
    r"milepæl",
)
# Any reported change: a change verb with a quantity (used inside an effect section).
_QUANTITY = re.compile(
    rf"{_NUM}\s*{_UNIT}\b|{_NUM}\s*%|\b(en (tredjedel|fjerdedel|femtedel)|to tredjedele|"
    rf"halvdelen|hver (anden|tredje|fjerde|femte|tiende)|\w+ ud af \w+)\b",
    _FLAGS,
)
# The sentence after a problem statistic that says it is the problem: "Det er baggrunden for".
_PROBLEM_FOLLOWS = re.compile(
    r"^(derfor|det er (derfor|baggrunden|grunden|årsagen)|"
    r"det (vil|skal) vi (lave om|ændre|gøre noget)|"
    r"det ønsker vi at|det problem|den udvikling)\b",
    _FLAGS,
)
# A control or the rest: "mod 11 minutter i de andre distrikter", "hvor de øvrige områder",
# "end elever på skoler uden læsebånd". Only counts with a measured result.
_COMPARISON_LOOSE = re.compile(
    r"\b(mod|end|hvor|mens)\b[^.;]{0,60}?\b(i|på|hos|blandt|for|med|ved) (de |alle |kommunens |"
    r"regionens |landets )?(andre|øvrige|resterende)\b|"
    r"\b(hvor|mens) (de|alle) (andre|øvrige)\b|"
    r"\b(end|mod|som) (i |på |ved |hos |med )?(den |det |de |kommunens |regionens )?"
    r"(almindelige|sædvanlige|vanlige|traditionelle|ordinære|eksisterende) (indsats|praksis|"
    r"forløb|tilbud|behandling|undervisning|model|ordning)|"
    r"\b(end|som) (\w+ ){0,6}?(uden|som ikke|der ikke)\b|"
    r"\bi forhold til (\w+ ){0,3}?(resten|de andre|de øvrige|landsgennemsnittet|gennemsnittet)|"
    r"\bmens tallet\b|\bmod (landsgennemsnittet|gennemsnittet|resten)",
    _FLAGS,
)
# Others named as partners in the work, not as a comparison: "udviklet sammen med to
# nabokommuner", "i samarbejde med de øvrige kommuner i regionen".
_PARTNERS = re.compile(
    r"\b(sammen med|i samarbejde med|samarbejd\w* med|i fællesskab med|i partnerskab med|"
    r"deles med|delt med|udbredt til|spredt til)\s+(\w+\s+){0,3}?"
    r"(nabokommune\w*|kommuner|de (andre|øvrige|tilsvarende) \w+)",
    _FLAGS,
)
# Two quantities set against each other: "7 minutter mod 11 minutter", "58 %, hvor ... 34 %".
_VS_NUMBERS = re.compile(
    rf"{_NUM}\s*{_UNIT}[^.;]{{0,60}}?\b(mod|end|hvor|mens)\b[^.;]{{0,60}}?{_NUM}", _FLAGS
)

_COMPARISON = re.compile(
    r"\b(kontrolgruppe\w*|kontrol(afdeling|område|distrikt|klasse|enhed|plejecent)\w*|"
    r"sammenlignings\w+|referencegruppe\w*|kontrolkommune\w*|"
    r"kontrolskole\w*|benchmark\w*|nabokommune\w*|landsgennemsnit\w*|kontrol\s*:?\s*\d|"
    r"parallelklasse\w*|parallelhold\w*|"
    r"(i|hos|på|blandt|for) de (\w+ )?(andre|øvrige) (\w+ )?(teams?|hold|afdelinger|skoler|"
    r"klasser|distrikter|kommuner|enheder|grupper|institutioner|plejecentre|områder|jobcentre|"
    r"bosteder|dagtilbud|børnehaver|vuggestuer|sektioner|afsnit)|"
    r"(som|der) ikke (deltog|var med|indgik|har deltaget|var en del af)\b|"
    r"(som|der) ikke (fik|modtog|har fået|blev tilbudt) (tilbuddet|indsatsen|forløbet|metoden|"
    r"ordningen|hjælpen|støtten|projektet|besøgene)\b|"
    r"mens\b.{0,30}\b(på landsplan|på landsbasis|i hele landet|nationalt)|"
    r"(en|et) sammenlignelig\w* (\w+ )?(gruppe|kommune|skole|afdeling|område|enhed|population)|"
    r"(i|hos|blandt|end|for|med) de ikke-\s?\w+e\b|"
    r"gennemsnittet (for|i) (landet|regionen|kommunerne|de andre|andre|resten)|"
    r"sammenlign\w* med (\w+ ){0,3}?(andre|øvrige|tilsvarende|lignende|landet|resten|"
    r"gennemsnit\w*|kommuner|afdelinger|skoler|grupper|en gruppe|borgere,? (der|som) ikke|"
    r"dem,? (der|som) ikke|landsplan|regionen)|"
    r"(end|som) (i |på |hos )?(de )?(andre|øvrige|tilsvarende|sammenlignelige) (kommuner|"
    r"afdelinger|skoler|regioner|hospitaler|enheder|grupper|plejecentre|distrikter|"
    r"institutioner|jobcentre|borgere)|"
    r"i forhold til (de )?(andre|øvrige|landsgennemsnittet|resten af landet|"
    r"sammenlignelige)|"
    r"(i|hos|på|blandt|for|mod) (de |den |det )?(sammenlignelige|tilsvarende|lignende) (\w+ )?"
    r"(kommuner|afdelinger|skoler|regioner|hospitaler|enheder|grupper|gruppe|plejecentre|familier|"
    r"borgere|patienter|elever|børn|institutioner|jobcentre|daginstitutioner|områder|boligområder|"
    r"bydele|virksomheder|klasser)|"
    r"sammenlign\w* med (\w+ ){0,3}?(sammenlignelige|tilsvarende|en matchet|en kontrol)|"
    r"(borgere|elever|patienter|deltagere|børn|ledige|beboere),? (der|som) ikke "
    r"(deltog|fik|modtog|var med|deltager|indgik)|til sammenligning|"
    r"\bend (blandt|hos|i|på|for) .{0,40}\b(andre|øvrige|tilsvarende|sammenlignelige)\b|"
    r"(i|for|på|end) resten af (landet|kommunen|regionen|politikredsen|\w+)|"
    r"(i|hos|på|blandt|for|mod|med) (\d+|to|tre|fire|fem|seks|syv|otte|ni|ti) "
    r"(sammenlignelige|tilsvarende|lignende) \w+\b[^.;]{0,60}?\b(uden|som ikke|der ikke|"
    r"uændret\w*|stabil\w*|faldt|steg|lå|ligger|var (\w+ )?(på|uændret|stabil\w*))|"
    r"(på landsplan|på landsbasis|i hele landet|nationalt)\b.{0,80}\b(i samme periode|samtidig)|"
    r"(i samme periode|samtidig)\b.{0,80}\b(på landsplan|på landsbasis|i hele landet)|"
    r"mens (det|den|de|andelen|antallet|niveauet) (\w+ )?(i|på|hos|for) (de )?(andre|øvrige)|"
    r"mens\b.{0,60}\b(i|på|hos|for|blandt) (de |kommunens |regionens |landets )?(andre|øvrige|"
    r"sammenlignelige|tilsvarende)\b)",
    _FLAGS,
)

_CAUSAL = re.compile(
    r"\b(\w*randomiser\w*|lodtrækning\w*|rct|tilfældigt (udtrukket|udvalgt|fordelt|udtaget|"
    r"inddelt)\w*|kvasi-?eksperiment\w*|difference-in-difference\w*|"
    r"forskel-i-forskel\w*|propensity|match(et|ede) (kontrol|sammenlignings)\w*|"
    r"(uafhængig|ekstern|eksterne|uvildig)[et]? (evaluering\w*|evaluator\w*|effektevaluering\w*|"
    r"forsker\w*|evalueret|undersøgelse|forskningsinstitut\w*)|"
    r"følgeforskning\w*|statistisk signifikant\w*|"
    r"videnskabelig\w* (studie|undersøgelse|evaluering|artikel))\b",
    _FLAGS,
)
# Who evaluated: a research institute, a consultancy or a university, in either word order.
_EVALUATORS = (
    r"(VIVE|KORA|SFI|DEFACTUM|Rambøll|COWI|Deloitte|PwC|EY|KPMG|Implement|Epinion|"
    r"Oxford Research|Als Research|Applaus|Moos-Bjerre|Damvad|Niras|NIRAS|Copenhagen Economics|"
    r"Incentive|Statens Institut for Folkesundhed|Nationalt Center[\w ]*|"
    r"[A-ZÆØÅ]\w+ Universitet\w*|Universitet\w*|DPU|CBS|DTU|SDU|AAU|KU|RUC|"
    r"[Pp]rofessionshøjskole\w*|UC [A-ZÆØÅ]\w+|VIA|Københavns Professionshøjskole|"
    r"forskere|en forsker|et forskerhold|forskningsenhed\w*|eksterne konsulenter|"
    r"en (ekstern|uafhængig) konsulent|et (eksternt|uafhængigt) konsulentfirma|"
    r"uafhængige konsulenter)"
)
# The evaluators' names are matched with their capitals ("KU", "EY"), the words around them not.
_EVALUATED_BY = re.compile(
    rf"(?i:\b(evaluer\w*|effektevaluer\w*|undersøgt|analyseret|målt|fulgt)\b(?:\s+\w+){{0,4}}?"
    rf"\s+(af|ved|fra)\s+){_EVALUATORS}",
)
_EVALUATOR_DID = re.compile(
    rf"{_EVALUATORS}\b(?i:(?:\s+\w+){{0,5}}?\s+(har|havde|har nu)\s+(\w+\s+)?"
    rf"(evalueret|gennemført|lavet|foretaget|udarbejdet|målt|undersøgt|fulgt|dokumenteret))|"
    rf"{_EVALUATORS}\b(?i:\s+(fandt|påviste|dokumenterede|målte)\b)",
)
_EVALUATION_BY = re.compile(
    rf"(?i:\b(evaluering\w*|effektevaluering\w*|effektmåling\w*|undersøgelse\w*|analyse\w*|"
    rf"rapport\w*|følgeforskning\w*)\s+(fra|af|ved|udført af|foretaget af|lavet af|"
    rf"gennemført af|udarbejdet af)\s+){_EVALUATORS}|"
    rf"{_EVALUATORS}s\s(?i:(effekt)?(evaluering|undersøgelse|analyse|måling)\w*)",
)

# "sværere end forventet" looks back at what happened; it states no expected effect.
_EXPECTED = re.compile(
    r"\b((?<!end )(?<!som )(?<!ikke )forvent(?!ede,? at [^.]*\bmen\b)\w*|"
    r"målet (er|var)|mål(et)? om|målsætning\w*|ambition\w*|potentiale\w*|"
    r"potentiel\w*|estimer\w*|anslå\w*|skønne\w*|business ?case\w*|håber,? (at|på)|"
    r"skal (give|føre|bidrage|reducere|mindske|øge|nedbringe|forbedre|sikre|spare|frigøre|styrke)|"
    r"vil kunne|vil give|kan (give|spare|reducere|frigøre|mindske|nedbringe|forbedre)|"
    r"(beregnet|forventet|mulig|mulige) (besparelse|gevinst|effekt)\w*|gevinstrealisering|"
    r"formodning\w*|forhåbentlig|regner med|skal (ned|op) på|kan komme (ned|op) på|"
    r"skal (falde|stige|halveres|reduceres|øges|nedbringes|forbedres))\b",
    _FLAGS,
)
_EXPERIENCED = re.compile(
    r"\b(oplev\w* (en |et )?(bedre|større|mindre|mere|øget|færre|højere|positiv\w*|markant)|"
    r"(positive|gode) (tilbagemeldinger|erfaringer|resultater|reaktioner)|"
    r"(medarbejderne|borgerne|brugerne|patienterne|eleverne|beboerne|forældrene|de ledige) "
    r"(er|har været|var) (meget )?(glade|tilfredse|begejstrede|positive)|"
    r"(har|havde) (haft )?(en )?(positiv|stor|god) effekt|har (givet|skabt) (bedre|mere|større)|"
    r"(oplev|mærk|ser|så|fornem|vurder)\w*,? at .{0,80}\b(bedre|hurtigere|færre|kortere|"
    r"flere|mere|mindre|større|tryggere|gladere|sjældnere|lettere|nemmere|mere selvhjulpne|"
    r"mere trygge)\b|"
    r"(tilbagemeldinger|erfaringer)(ne)? (er|har været|var) (meget )?(gode|positive)|"
    r"(virker|fungerer|virkede|fungerede) (rigtig |meget |langt |særdeles )?(bedre|godt|"
    r"efter hensigten))\b",
    _FLAGS,
)

_QUALITATIVE_EFFECT = re.compile(
    r"\b(færre|flere|bedre|kortere|hurtigere|mindre|mere|øget|større|lavere|højere|"
    r"forbedr\w*|reduc\w*|tilfredse|gladere|tryggere|sparet|spare\w*)\b",
    _FLAGS,
)

# Sentences speaking of a plan or possibility rather than of what happened.
_HYPOTHETICAL = re.compile(
    r"\b((?<!end )(?<!som )forvent\w*|skal|vil kunne|ville|kan give|kan spare|estimer\w*|"
    r"vil (betyde|give|medføre|føre til|falde|stige)|hvis|foreslå\w*|forslag\w*|"
    r"potentiale\w*|"
    r"målet (er|var)|mål om|håber|ambition\w*|business ?case\w*|beregn\w*|anslå\w*|"
    r"(?<!for at )vurder(?!ing)\w*|mulig\w* (besparelse|gevinst|effekt)\w*|"
    r"skønne\w*|frem mod|planlæg\w*|påtænk\w*|overvej\w*|kommer til at|"
    r"bliver(?! (i dag|nu)\b)|regner med)\b|"
    r"\b(evalueres|undersøges|måles|sammenlignes|følges|gennemføres|foretages|indsamles|"
    r"afprøves|igangsættes|ventes|opgøres|planlagt\w*|vil følge|scenarie\w*|prognose\w*|"
    r"fremskrivning\w*)\b|"
    r"\b((har|med|er sat) som mål|sigter (efter|mod)|mål(et)? for (19|20)\d\d|hypotese\w*|"
    r"succeskriteri\w*|det er planen|planen er|for tidligt|aftale om|vil (nedbringe|reducere|"
    r"halvere|øge|mindske|forbedre|sænke|forkorte|nå|styrke))\b",
    _FLAGS,
)
_NEGATED_DESIGN = re.compile(
    r"\b(ikke|ingen|intet|endnu ikke|uden)\b(\s+\w+){0,3}\s+(randomiser\w*|kontrolgruppe\w*|"
    r"evaluer\w*|evaluering\w*|sammenlign\w*|lodtrækning\w*|rct|effektmåling\w*|målt|"
    r"målinger|data)",
    _FLAGS,
)
# A problem statement with numbers ("antallet af ældre er steget fra 3.000 til 4.200 de seneste
# år") is not an effect unless the sentence ties the change to the work.
_PROBLEM_CUE = re.compile(
    r"\b(udfordring\w*|problem\w*|(?<!vestlig )(?<!etnisk )(?<!anden )baggrund\w*|"
    r"demografi\w*|de (sidste|seneste|kommende) "
    r"(\w+ )?år|(sidste|seneste|kommende) (\d+|to|tre|fire|fem|seks|ti|mange) år|frem mod|"
    r"stigende|danmarks statistik)\b",
    _FLAGS,
)
_INTERVENTION_CUE = re.compile(
    r"\b(projekt\w*|indsats\w*|forløb\w*|løsning\w*|tiltag\w*|efter|siden|pilot\w*|ordning\w*|"
    r"metode\w*|initiativ\w*|deltag\w*|indførelse\w*|implementering\w*|afprøvning\w*|"
    r"forsøg\w*|det nye|den nye|de nye|introduktion\w*|resultat\w*|effekt\w*)\b",
    _FLAGS,
)
# Quantities of the work's own money and take-up: when they change, that is not an effect.
_NOT_EFFECT_CONTEXT = re.compile(
    r"\b(\w*budget\w*|bevilg\w*|\w*bevilling\w*|rådighedsbeløb\w*|tilskud\w*|finansier\w*|"
    r"pulje\w*|ansøg(?:t|te|er|e)|ansøgning(?:en)? (?:om|til)|ansøgningsrunde\w*|afsat|"
    r"deltog|tilmeldt\w*|tilmelding\w*|besøgende|pladser|stillinger|åbningstid\w*|"
    r"nyansat\w*|deltagerantal\w*|søgt ind|ansøgere|medlemmer|tilmeldte)\b",
    _FLAGS,
)
# Spending measured against the plan is the work's own economy, not its effect.
_AGAINST_PLAN = re.compile(r"\b(end|i forhold til) (budgetteret|budgettet|planlagt)\b", _FLAGS)
# Words that describe who or when ("de 15-24-årige", "udbredelsen", "kl. 8"): they discount
# only weak signals, since a clear measured change about an age group is still an effect.
_DESCRIPTIVE_CONTEXT = re.compile(
    r"\b(udvid\w*|udbred\w*|opskal\w*|i alderen|årige|alder\w*|kl\.|klokken|"
    r"telefonnummer\w*|telefon(?=:?\s*\d)|tlf)\b",
    _FLAGS,
)
# A finding reported from data ("viser vores registreringer", "målingen viste") together with
# a direction of change: measured, even when the numbers are left out.
_FINDING = re.compile(
    r"\b(vis(er|te)|målt\w*|måling\w*|registrering\w*|opgørelse\w*|statistik\w*|"
    r"evaluering\w*|opfølgning\w*|tallene|data)\b",
    _FLAGS,
)
_DIRECTION = re.compile(
    r"\b(fald\w*|faldt|steg|steget|stigning\w*|reducer\w*|nedbragt\w*|øget|øgede|"
    r"forbedr\w*|færre|flere|mindre|bedre|halver\w*|fordobl\w*|kortere|lavere|højere)\b",
    _FLAGS,
)
_NUMBER_WORD = (
    r"(?:en|et|én|ét|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tretten|fjorten|femten|"
    r"seksten|sytten|atten|nitten|tyve|tredive|fyrre|halvtreds|tres|halvfjerds|firs|halvfems|"
    r"hundrede|tusind)"
)
# "fra seks uger til to uger", "nedbragt ventetiden til under to uger": numbers as words.
_FROM_TO_SPELLED = re.compile(
    rf"\bfra\s+(?:{_NUMBER_WORD}|{_NUM})\s+\w+\s+til\s+{_ABOUT}?(?:{_NUMBER_WORD}|{_NUM})\b",
    _FLAGS,
)
_DOWN_TO_SPELLED = re.compile(
    rf"\b(nedbragt|reduceret|sænket|forkortet|skåret)\b[^.]{{0,40}}?\btil\s+{_ABOUT}?"
    rf"{_NUMBER_WORD}\s+(dage|uger|måneder|timer|minutter|procent)\b",
    _FLAGS,
)
# A score or share measured afterwards: "tilfredsheden ligger på 4,5 ud af 5".
_SCORE = re.compile(rf"\b{_NUM}\s+ud\s+af\s+(5|6|7|10|100)\b", _FLAGS)
# "hver anden borger har ikke længere brug for hjemmehjælp efter forløbet"
_SHARE_AFTER = re.compile(
    r"\bhver\s+(anden|tredje|fjerde|femte)\b[^.]{0,80}\b(efter|siden)\s+"
    r"(forløbet|projektet|indsatsen|indførelsen|starten|opstarten)\b",
    _FLAGS,
)
# "andelen af elever med fravær over 10 % er nu 6 %"
_SHARE_NOW = re.compile(
    rf"\b(andelen|antallet|niveauet|ventetiden|fraværet|sygefraværet)\b[^.]{{0,80}}?"
    rf"\b(er|ligger)\s+nu\s+(på\s+)?{_ABOUT}?{_NUM}",
    _FLAGS,
)
# "et fald i antallet af genindlæggelser på 18 procent"
_CHANGE_OF = re.compile(
    rf"\b(fald|stigning|reduktion|forbedring|nedgang)\b[^.]{{0,60}}?\bpå\s+{_ABOUT}?{_NUM}{_PCT}",
    _FLAGS,
)
# "antallet af klager er gået markant ned": a counted quantity that moved, without figures.
_COUNT_MOVED = re.compile(
    r"\b(antallet|andelen|mængden|omfanget|ventetiden|fraværet|sygefraværet|udgifterne|"
    r"forbruget)\b[^.]{0,60}?\b(er|har)\s+(\w+\s+){0,2}(gået\s+(\w+\s+)?(ned|op)|faldet|steget|"
    r"mindsket|reduceret|halveret|fordoblet)\b",
    _FLAGS,
)
_WE_SAW = re.compile(r"\bvi\s+(kan\s+se|har\s+set|ser|har\s+målt|måler|kan\s+måle)\b", _FLAGS)

_OWN_WORK = re.compile(
    r"\b(projekt\w*|indsats\w*|forløb\w*|tiltag\w*|ordning\w*|pilot\w*|vores|deltager\w*|"
    r"indførelse\w*|opstart\w*)\b",
    _FLAGS,
)
# An outcome counted among the participants: "40 af de 55 deltagere har fået job".
_OUTCOME_COUNT = re.compile(
    r"\b\d+\s+(?:ud\s+)?af\s+(?:(?:de\s+|i\s+alt\s+)?\d+\b|(?:de\s+)?(?:deltagerne|borgerne|"
    r"eleverne|de unge|patienterne|familierne|beboerne)\b)[^.]{0,80}?\b(fået|fik|kom|kommet|"
    r"(?:et|fast|ordinært|stadig et|stadig) (?:job|arbejde)|"
    r"gennemført\w*|bestod|bestået|vendt\s+tilbage|"
    r"i\s+(?:\w+\s+)?(?:job|arbejde|uddannelse|beskæftigelse)|"
    r"selvforsørgende|undgik|undgået|stoppet|holdt\s+op)",
    _FLAGS,
)

# A quantity, in digits or in words: "412", "fjorten", "hver tyvende", "tre ud af fire".
_QTY = (
    rf"(?:{_NUM}|{_WORD_NUM}|hver \w+(?:ende|te|de)\b|halvdelen|en halv|nul|ingen|én|ét|"
    rf"(?:to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|"
    rf"atten|nitten|tyve|tredive|fyrre|halvtreds|hundrede)\b)"
)
_QTY_RE = re.compile(rf"(?<![\w,.]){_QTY}(?![\w,])", _FLAGS)
# "fra 212 i 2020 til 168 i 2024", "fra fjorten til seks", "fra over hundrede til godt tyve".
_FROM_TO_ANY = re.compile(
    rf"\bfra\s+{_ABOUT}?(?P<a>{_QTY})(?:\s+[^\s;]+){{0,4}}?\s+til\s+{_ABOUT}?(?P<b>{_QTY})",
    _FLAGS,
)
_LABEL_COLON = re.compile(r"^[^:.;]{3,80}:\s*fra\b", _FLAGS)
# A level now and a level before, in one sentence: "ligger nu på 96 % mod 81 % for fire år
# siden", "Hver sjette forlod tidligere jobbet, nu er det kun hver tyvende".
_NOW_MARK = re.compile(
    r"\b(nu|i dag|i år(?! (19|20|21)\d\d)|efter (forløbet|indsatsen|projektet|omlægningen|"
    r"implementering\w*|indførelsen|ændringen|omstillingen)|"
    r"(et|to|tre|seks|\d+) (år|måneder|uger) efter|"
    r"efter (et|to|tre|seks|tolv|\d+) (år|måneder|uger)|i (19|20)\d\d|"
    r"hvor (det|den|de|vi) (tidligere|før)|i (projekt|pilot|forsøgs)\w*(året|perioden))\b",
    _FLAGS,
)
_THEN_MARK = re.compile(
    r"\b(tidligere|før|førhen|året før|sidste år|for \w+ (år|måneder) siden|ved (den )?(første|"
    r"start\w*|opstart\w*|forløbets start|projektstart\w*|begyndelsen)|i udgangspunktet|"
    r"førmåling\w*|nulpunktsmåling\w*|baseline\w*)\b",
    _FLAGS,
)
# Values tied to years: "58 (2022) → 21 (2024)", "2022: 48, 2023: 19", "134 i 2022, 87 i 2024".
_YEAR_VALUE = re.compile(
    rf"(?:\b(?P<y1>(?:19|20)\d\d)(?:/\d\d)?\)?\s*[:|]?\s*(?:[a-zæøå]+\s+){{0,3}}?"
    rf"(?<![\d.,])(?P<v1>{_NUM})(?![\d.,]*\s*år\b)"
    rf"|(?<![\d.,])(?P<v2>{_NUM})\s*(?:{_UNIT})?(?:\s*\(|(?:\s+[a-zæøå]+){{0,2}}?\s+(?:i|for)\s+|"
    rf"(?<=%)\s+)(?P<y2>(?:19|20)\d\d)\b)",
    _FLAGS,
)
# "Ventetid før: 9 uger", "6,4 dage (før) / 4,1 dage (efter)", "før robot 3.400 efter robot 450".
_NUM_BEFORE = rf"(?:(?<![\d.,]){_NUM}\s*(?:{_UNIT})?\s*\(?før\b|\bfør\b[^.;|\d]{{0,25}}?{_NUM})"
_NUM_AFTER = rf"(?:(?<![\d.,]){_NUM}[^.;|\d]{{0,25}}?\(?\befter\b|\befter\b[^.;|\d]{{0,25}}?{_NUM})"
_BEFORE_AFTER_PAIR = re.compile(rf"{_NUM_BEFORE}[^.;]{{0,40}}?{_NUM_AFTER}", _FLAGS)
# A signed change in a key-figure line: "Energiforbrug: -23 %", "(-28 %)".
_SIGNED_CHANGE = re.compile(rf"(?::\s*|\(|(?<=\d)\s)[-−–+]\s?{_NUM}\s?(?:%|pct\.?|procent)", _FLAGS)
# The level now, the level before in brackets: "0 kg (før 240 kg)".
_NOW_THEN_BRACKET = re.compile(
    rf"(?<![\d.,]){_NUM}\s*(?:{_UNIT})?\s*\(\s*(?:før|tidligere|mod)\s*:?\s*{_NUM}", _FLAGS
)
# "en tredjedel færre faldulykker", "dobbelt så mange borgere deltager nu".
_FRACTION_COMPARATIVE = re.compile(
    r"\b(en (tredjedel|fjerdedel|femtedel)|to tredjedele|tre fjerdedele|halvt så|dobbelt så|"
    r"tre gange så|(\d+|to|tre|fire) gange (så|flere|mere))\s+(færre|flere|mindre|mere|mange|få|"
    r"lang|høj|lav)\b",
    _FLAGS,
)
# Gains stated as realised, not planned: "realiseret besparelse 2024: 2,6 mio. kr.".
_REALISED = re.compile(
    rf"\b(realiser\w*|reelt|faktisk\w*|opnået)\b[^.;]{{0,60}}?\b(besparelse\w*|gevinst\w*|"
    rf"nettogevinst\w*|frigjort|sparet|frigivet)\b[^.;]{{0,40}}?{_NUM}\s*{_UNIT}",
    _FLAGS,
)


def _year_values(s: str) -> dict[str, str]:
    """Values tied to different years in one sentence, year -> value."""
    pairs: dict[str, str] = {}
    for m in _YEAR_VALUE.finditer(s):
        year = m.group("y1") or m.group("y2")
        value = m.group("v1") or m.group("v2")
        if not _is_year(value) and value != year:
            pairs.setdefault(year, value)
    return pairs


def _general_change(s: str) -> float:
    """Broader readings of a measured change than the specific patterns above."""
    pairs = _year_values(s)
    changed_by_year = len(pairs) >= 2 and len(set(pairs.values())) >= 2
    change_word = bool(_CHANGE_VERB.search(s) or _PAST_CHANGE.search(s) or _LABEL_COLON.search(s))
    from_to = change_word and any(
        m.group("a").lower() != m.group("b").lower()
        and not (_is_year(m.group("a")) and _is_year(m.group("b")))
        for m in _FROM_TO_ANY.finditer(s)
    )
    if (
        changed_by_year
        or from_to
        or _BEFORE_AFTER_PAIR.search(s)
        or _SIGNED_CHANGE.search(s)
        or _REALISED.search(s)
        or _NOW_THEN_BRACKET.search(s)
    ):
        return 0.75
    now = bool(_NOW_MARK.search(s))
    # Two of "now", "before" and "mod" with two quantities set a level against another.
    marks = now + bool(_THEN_MARK.search(s)) + bool(re.search(r"\bmod\b", s, _FLAGS))
    quantities = [q for q in _QTY_RE.findall(s) if not _is_year(q)]
    if (len(quantities) >= 2 and marks >= 2) or (
        _FRACTION_COMPARATIVE.search(s) and (now or _CHANGE_VERB.search(s))
    ):
        return 0.7
    return 0.0


_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass
class EvidenceHit:
    level: int
    sentence: Sentence
    strength: float  # 0..1, how sure this sentence supports its level


def _is_year(num: str) -> bool:
    return bool(_YEAR.match(num))


def _two_numbers(m: re.Match[str]) -> bool:
    """Two different numbers that are not a span of years."""
    a, b = m.group("a"), m.group("b")
    return a != b and not (_is_year(a) and _is_year(b))


# An opinion share counted once, after the work ("72 % er tilfredse"): no before to compare
# with, so it documents an experienced effect (level 1), not a measured change.
COUNTED_ONCE = 0.45
# "svarede 72 %, at de var tilfredse", "87 % af deltagerne vil anbefale forløbet".
_OPINION_SHARE = re.compile(
    rf"\b(svare\w*|angiv\w*|angav|siger|sagde)\s+{_NUM}\s?(%|procent)|"
    rf"{_NUM}\s?(%|procent)[^.;]{{0,60}}\b(tilfreds\w*|oplev\w*|anbefal\w*)",
    _FLAGS,
)
_OPINION = re.compile(
    r"\b(tilfreds\w*|utilfreds\w*|oplev\w*|synes|syntes|mener|mente|vurder\w*|angiv\w*|"
    r"svare\w*|anbefal\w*|tommelfinger\w*|positiv\w*|glade|trygge|tryghed)\b",
    _FLAGS,
)


def _measured_change(s: str, in_effect: bool = False) -> float:
    """Strength (0..1) with which a sentence states a measured change; 0 when it does not.

    In an effect section any quantity reported with a change counts, since the section speaks of
    what the work achieved.
    """
    best = 0.0
    if any(_two_numbers(m) for m in _BEFORE_AFTER_TABLE.finditer(s)):
        best = max(best, 0.8)
    for m in _YEAR_TABLE.finditer(s):
        if _two_numbers(m) and (in_effect or m.group("au") or m.group("bu")):
            best = max(best, 0.75)
    if _AVERTED.search(s):
        best = max(best, 0.7)
    if any(_two_numbers(m) for m in _ARROW.finditer(s)):
        best = max(best, 0.8 if in_effect else 0.7)
    if _UNIT_COMPARATIVE.search(s) and (
        in_effect or _RESULT_VERB.search(s) or _REFERENCE.search(s)
    ):
        best = max(best, 0.75)
    if (
        in_effect
        and _QUANTITY.search(s)
        and (_CHANGE_VERB.search(s) or _RESULT_VERB.search(s) or _NOW_LEVEL.search(s))
    ):
        best = max(best, 0.7)
    has_change_verb = bool(_CHANGE_VERB.search(s))
    # (pattern, strength with a percentage, strength without one, a change verb needed for a %)
    for pattern, with_pct, without_pct, pct_needs_verb in (
        (_FROM_TO, 0.9, 0.8, False),
        (_TO_FROM, 0.85, 0.75, True),
    ):
        for m in pattern.finditer(s):
            a, b = m.group("a"), m.group("b")
            has_pct = bool(m.group("ap") or m.group("bp"))
            if a == b or (_is_year(a) and _is_year(b) and not has_pct):
                continue  # "fra 2019 til 2021"
            if has_pct and (has_change_verb or not pct_needs_verb):
                best = max(best, with_pct)
            elif has_change_verb:
                best = max(best, without_pct)
    if _FROM_TO_WORDS.search(s) and _CHANGE_VERB.search(s):
        best = max(best, 0.75)
    if _VERSUS.search(s):
        best = max(best, 0.8)
    m = _CHANGE_TO.search(s)
    if m:
        best = max(best, 0.85 if re.match(rf"\s*{_PCT}", s[m.end() :], _FLAGS) else 0.75)
    if _COUNT_COMPARATIVE.search(s) and _REFERENCE.search(s):
        best = max(best, 0.7)
    if _CHANGE_BY.search(s) or _PCT_COMPARATIVE.search(s):
        best = max(best, 0.85)
    if _CHANGE_NOUN.search(s):
        best = max(best, 0.75)
    if _MULTIPLE.search(s) or _SAVED.search(s):
        best = max(best, 0.7)
    if _FROM_TO_SPELLED.search(s) and _CHANGE_VERB.search(s + " gået"):
        best = max(best, 0.7)
    if _DOWN_TO_SPELLED.search(s) or _CHANGE_OF.search(s):
        best = max(best, 0.75)
    best = max(best, _general_change(s))
    if best == 0.0 and (_OUTCOME_COUNT.search(s) or _SHARE_AFTER.search(s)):
        best = 0.6
    about_the_work = bool(in_effect or _OWN_WORK.search(s) or _WE_SAW.search(s))
    if best == 0.0 and _SCORE.search(s) and _OPINION.search(s):
        best = COUNTED_ONCE
    if best == 0.0 and (
        _SCORE.search(s) or (about_the_work and (_SHARE_NOW.search(s) or _COUNT_MOVED.search(s)))
    ):
        best = 0.5
    if (
        best == 0.0
        and _FINDING.search(s)
        and _DIRECTION.search(s)
        # about the work, not the problem: "Undersøgelser viser, at flere ældre er ensomme"
        and (in_effect or _OWN_WORK.search(s) or _WE_SAW.search(s))
    ):
        best = 0.55
    if best == 0.0 and _SURVEY_SHARE.search(s):
        # An outcome among participants ("80 % er kommet i job") is measured; an opinion
        # counted once ("72 % er tilfredse") has no before to compare with.
        best = COUNTED_ONCE if _OPINION.search(s) else 0.5
    if best == 0.0 and _MEASURED.search(s):
        best = 0.5
    return best


# A change that has happened ("faldt fra 12 % til 7 %") is a result even when the sentence also
# says "bliver", "skal" or "vurderer" about something else ("men vi skal stadig blive bedre"),
# unless the change itself is what is expected or aimed at.
_PAST_CHANGE = re.compile(
    r"\b(faldt|steg|faldet|steget|er blevet|blev (\w+ )?(reduceret|halveret|forbedret|kortere|"
    r"færre|flere)|(har|er) (\w+ )?(reduceret|nedbragt|øget|halveret|forbedret|mindsket|sænket|"
    r"forkortet|fordoblet|tredoblet|skrumpet|bragt ned)|gik (ned|op|fra)|er gået (ned|op|fra)|"
    r"reduceredes)\b",
    _FLAGS,
)
_CHANGE_EXPECTED = re.compile(
    r"\b((?<!end )(?<!som )forvent\w*|målet (er|var)|mål om|estimer\w*|business ?case\w*|"
    r"potentiale\w*|håber|regner med|skal (falde|stige|ned|op|reducere\w*|halvere\w*|øge\w*)|"
    r"vil (falde|stige|betyde|give|medføre|føre til)|kommer til at)\b",
    _FLAGS,
)


def _reports_past_change(s: str) -> bool:
    return (
        _measured_change(s) >= 0.7
        and bool(_PAST_CHANGE.search(s))
        and not _CHANGE_EXPECTED.search(s)
    )


def _problem_like(sent: Sentence, in_problem: bool, in_effect: bool) -> bool:
    """Numbers in a problem statement describe the problem, not the work's effect.

    "Udfordringen var stor, men fraværet faldt ..." turns from the problem to the result.
    """
    return in_problem or (
        not in_effect
        and bool(_PROBLEM_CUE.search(sent.text))
        and not _INTERVENTION_CUE.search(sent.text)
        and not re.search(r"\bmen\b", sent.text, _FLAGS)
    )


def sentence_evidence(sent: Sentence) -> list[EvidenceHit]:
    """All evidence levels one sentence supports (a sentence may support several)."""
    s = sent.text
    hits: list[EvidenceHit] = []
    target = heading_matches(sent.heading, _TARGET_HEADINGS)
    in_effect = heading_matches(sent.heading, EFFECT_HEADINGS) and not target
    in_problem = heading_matches(sent.heading, PROBLEM_HEADINGS)
    hypothetical = target or (bool(_HYPOTHETICAL.search(s)) and not _reports_past_change(s))
    negated = bool(_NEGATED_DESIGN.search(s))
    problem_like = _problem_like(sent, in_problem, in_effect)
    boost = 0.1 if in_effect else 0.0

    if not negated and not hypothetical and not in_problem:
        if _CAUSAL.search(s) or _EVALUATED_BY.search(s) or _EVALUATOR_DID.search(s):
            hits.append(EvidenceHit(4, sent, 0.85 + boost))
        elif _EVALUATION_BY.search(s):
            hits.append(EvidenceHit(4, sent, 0.75 + boost))

    measured = _measured_change(s, in_effect)
    if negated and measured <= 0.5:
        measured = 0.0
    if measured and (
        _AGAINST_PLAN.search(s) or (_NOT_EFFECT_CONTEXT.search(s) and measured < 0.85)
    ):
        measured = 0.0
    if measured < 0.7 and _EXPERIENCED.search(s) and not re.search(r"\d", s):
        measured = 0.0  # felt by those involved, with no figure: experienced, not measured
    if measured and _DESCRIPTIVE_CONTEXT.search(s) and measured <= 0.6:
        measured = 0.0
    # Partners named in a collaboration are no comparison: "sammen med to nabokommuner".
    comparison = bool(_COMPARISON.search(_PARTNERS.sub(" ", s))) or bool(
        (measured >= 0.7 or _VS_NUMBERS.search(s)) and _COMPARISON_LOOSE.search(s)
    )
    if comparison and not negated and not hypothetical and not problem_like:
        # A comparison must carry a result (a number or a comparative), not only name a group.
        has_result = bool(
            measured
            or re.search(r"\d", s)
            or re.search(
                r"\b(færre|flere|lavere|højere|bedre|større|mindre|hurtigere|kortere|"
                r"længere|mere|end|uændret\w*|ingen ændring|halvt så|dobbelt så|så (mange|få))\b",
                s,
                _FLAGS,
            )
        )
        if has_result:
            hits.append(EvidenceHit(3, sent, 0.75 + boost))
    if measured and not problem_like:
        if hypothetical:
            hits.append(EvidenceHit(1, sent, 0.7 + boost))
        elif measured == COUNTED_ONCE:
            hits.append(EvidenceHit(1, sent, 0.6 + boost))
        else:
            hits.append(EvidenceHit(2, sent, min(1.0, measured + boost)))
    if _EXPECTED.search(s) or (hypothetical and measured and problem_like is False):
        hits.append(EvidenceHit(1, sent, 0.7 + boost))
    elif (_EXPERIENCED.search(s) or _OPINION_SHARE.search(s)) and not problem_like:
        hits.append(EvidenceHit(1, sent, 0.6 + boost))
    elif in_effect and not hits and _QUALITATIVE_EFFECT.search(s) and not negated:
        # An effect section that names a change without numbers: effect described, not measured.
        hits.append(EvidenceHit(1, sent, 0.55))
    return hits


def _level_then_now(prev: Sentence, sent: Sentence) -> list[EvidenceHit]:
    """A level before, then the level now, over two sentences: "Det tog 19 dage. I dag ligger
    ventetiden på 8 dage." is a measured change."""
    if prev.heading != sent.heading or heading_matches(sent.heading, PROBLEM_HEADINGS):
        return []
    both = prev.text + " " + sent.text
    in_effect = heading_matches(sent.heading, EFFECT_HEADINGS)
    if not in_effect and _PROBLEM_CUE.search(both) and not _INTERVENTION_CUE.search(both):
        return []
    if (
        _HYPOTHETICAL.search(both)
        or _NEGATED_DESIGN.search(both)
        or _NOT_EFFECT_CONTEXT.search(both)
        or _RESOURCES.search(both)
    ):
        return []
    if _PAST_LEVEL.search(prev.text) and _NOW_LEVEL.search(sent.text):
        return [EvidenceHit(2, sent, 0.7)]
    if _BEFORE_LINE.search(prev.text) and _AFTER_LINE.search(sent.text):
        return [EvidenceHit(2, sent, 0.75)]
    for now, then in ((sent, prev), (prev, sent)):
        if _NOW_SAID.search(now.text) and _THEN_SAID.search(then.text):
            return [EvidenceHit(2, now, 0.7)]
    return []


# --- tables -------------------------------------------------------------------------------------

# Column labels that put a measure in time: "2021 | 2023", "Før | Efter", "Baseline | Slutmåling".
_TIME_LABEL = re.compile(
    r"^((19|20)\d\d(/\d\d)?|(målt |ved |i |efter |før |til )?(før|efter|baseline|start|opstart|"
    r"slut|afslutning|nu|i dag|førmåling|eftermåling|nulpunktsmåling|slutmåling|opfølgning|"
    r"første|sidste|indskrivning|udskrivning)\b.{0,25}|(q[1-4]|uge|kvartal|halvår)\s?\d.{0,12})$",
    _FLAGS,
)
# A table of what is planned or estimated is no measurement.
_PLANNED_TABLE = re.compile(
    r"\b(mål\w*|forvent\w*|budget\w*|prognose\w*|estimat\w*|skøn\w*|forventning\w*)\b", _FLAGS
)
# Sections about the work's own money and time plan: their tables are plans and spending.
_MONEY_HEADINGS = (
    r"økonomi",
    r"budget",
    r"finansiering",
    r"ressource",
    r"udgift",
    r"omkostning",
    r"tidsplan",
    r"bevilling",
)
# A row for those outside the work: "Kommunens øvrige praksisser", "Landsgennemsnit".
_COMPARISON_ROW = re.compile(
    r"\b(øvrige|ikke[- ]deltagende|kontrol\w*|landsgennemsnit\w*|landsplan|hele landet|"
    r"sammenlign\w*|andre kommuner|resten af|uden (indsats|tilbud)\w*)",
    _FLAGS,
)
# A value cell: a number with any short unit ("4.920", "−47 %", "97,4 kg", "1.380 MWh").
_CELL_NUMBER = re.compile(rf"^(?:ca\.\s*)?[-−–+]?\s?(?P<n>{_NUM})\s*[^\d\s|]{{0,10}}\.?$", _FLAGS)


def _cells(text: str) -> list[str]:
    return [c.strip() for c in text.split("|") if c.strip()]


def _cell_number(cell: str) -> float | None:
    m = _CELL_NUMBER.match(cell)
    if not m or _is_year(m.group("n")):
        return None
    return float(m.group("n").replace(".", "").replace(",", "."))


def table_evidence(sentences: list[Sentence]) -> list[EvidenceHit]:
    """Measured changes in tables rendered as "a | b | c" lines (Markdown, HTML, some PDFs).

    Under a header whose columns are points in time ("2021 | 2023", "Før | Efter"), a row whose
    values differ is a measured change; a changed row beside a row for those outside the work
    ("Kommunens øvrige praksisser", "Landsgennemsnit") is a comparison.
    """
    hits: list[EvidenceHit] = []
    header: Sentence | None = None
    changed: list[Sentence] = []
    outside: Sentence | None = None

    def close() -> None:
        if changed:
            hits.extend(EvidenceHit(2, row, 0.75) for row in changed)
            if outside is not None:
                hits.extend([EvidenceHit(3, changed[0], 0.7), EvidenceHit(3, outside, 0.7)])

    for sent in sentences:
        cells = _cells(sent.text) if "|" in sent.text else []
        times = [c for c in cells if _TIME_LABEL.match(c)]
        if len(times) >= 2 and not _PLANNED_TABLE.search(sent.text):
            close()
            usable = not any(
                heading_matches(sent.heading, headings)
                for headings in (PROBLEM_HEADINGS, _TARGET_HEADINGS, _MONEY_HEADINGS)
            )
            header, changed, outside = (sent if usable else None), [], None
            continue
        if header is None or len(cells) < 2 or sent.heading != header.heading:
            close()
            header, changed, outside = None, [], None
            continue
        values = [v for v in (_cell_number(c) for c in cells[1:]) if v is not None]
        if len(values) >= 2 and values[0] != values[-1] and not _PLANNED_TABLE.search(cells[0]):
            if _COMPARISON_ROW.search(cells[0]):
                outside = sent
            else:
                changed.append(sent)
    close()
    return hits


def evidence_level(sentences: list[Sentence]) -> tuple[int, float, list[str]]:
    """(level, confidence, justifying sentences) for a document's sentences."""
    hits: list[EvidenceHit] = []
    for i, sent in enumerate(sentences):
        nxt = sentences[i + 1] if i + 1 < len(sentences) else None
        if (
            nxt is not None
            and nxt.heading == sent.heading
            and _PROBLEM_FOLLOWS.search(nxt.text)
            and not heading_matches(sent.heading, EFFECT_HEADINGS)
        ):
            continue  # "... faldt med 6 %. Det er baggrunden for projektet": the problem
        own = sentence_evidence(sent)
        hits += own
        prev = sentences[i - 1] if i > 0 else None
        if prev is not None and not any(h.level >= 2 for h in own):
            hits += _level_then_now(prev, sent)
    hits += table_evidence(sentences)
    if not hits:
        words = sum(len(s.text.split()) for s in sentences)
        # A long text that never speaks of effect is more surely level 0 than a short one.
        return 0, round(0.5 + 0.35 * (1 - math.exp(-words / 300)), 2), []
    level = max(h.level for h in hits)
    top = [h for h in hits if h.level == level]
    strength = max(h.strength for h in top)
    # Several independent sentences at the level make it surer.
    confidence = min(0.95, strength + 0.05 * (len(top) - 1))
    # Justify with the sentences at the level, then the measured ones that carry the numbers.
    chosen: list[EvidenceHit] = sorted(top, key=lambda h: (-h.strength, h.sentence.index))
    if level >= 3:
        chosen += sorted(
            (h for h in hits if h.level == 2), key=lambda h: (-h.strength, h.sentence.index)
        )
    texts: list[str] = []
    for h in chosen:
        if h.sentence.text not in texts:
            texts.append(h.sentence.text)
    return level, round(min(confidence, 0.95), 2), texts[:5]
