"""Whether one sentence states a measured change (evidence level 2), and how surely.

A measured change is a result with figures the work can point to: before and after, a change by
or to a quantity, a level now set against one before, values by year, a table row rendered as
text, a survey share among participants. Opinions counted once have no before to compare with
(COUNTED_ONCE: experienced, level 1).
"""

import re

from innosearch.classify.quantities import (
    ABOUT,
    BEFORE,
    FLAGS,
    LEVEL,
    NUM,
    NUMBER_WORD,
    PCT,
    QTY,
    UNIT,
    WORD_NUM,
    is_year,
    two_numbers,
)

_CHANGE_VERB = re.compile(
    r"\b(fald\w*|faldt|steg|steget|stigning\w*|reduc\w*|reduktion\w*|nedbr\w*|øget|øgede|øgning|"
    r"forøg\w*|forbedr\w*|mindsk\w*|sænk\w*|forkort\w*|halver\w*|fordobl\w*|gå(et|r) (ned|op|fra)|"
    r"gik (ned|op|fra)|dal\w*|ændr\w*|skåret|løftet|hævet|nedsat|sparet|frigjort|frigivet|"
    r"bedre|færre|flere|skrump\w*)\b",
    FLAGS,
)

_FROM_TO = re.compile(
    rf"\bfra\s+{ABOUT}?(?P<a>{NUM})(?P<ap>{PCT})?"
    rf"(?:\s+[a-zæøå.]+){{0,2}}?\s+til\s+{ABOUT}?(?P<b>{NUM})(?P<bp>{PCT})?",
    FLAGS,
)

# "er steget til 48 procent fra 31 procent": the same change, the other way round.
_TO_FROM = re.compile(
    rf"\btil\s+{ABOUT}?(?P<b>{NUM})(?P<bp>{PCT})?(?:\s+[a-zæøå.]+){{0,3}}?\s+fra\s+"
    rf"(?:tidligere\s+|før\s+)?{ABOUT}?(?P<a>{NUM})(?P<ap>{PCT})?",
    FLAGS,
)

_FROM_TO_WORDS = re.compile(
    rf"\bfra\s+{ABOUT}?{WORD_NUM}(?:\s+\w+){{0,2}}?\s+til\s+{ABOUT}?{WORD_NUM}", FLAGS
)

# A level now set against the level before: "er nu 4 uger mod tidligere 9", "32 dage, hvor den
# tidligere var 61", "38 minutter mod 64 minutter året før", "før 12, nu 5".
_VERSUS = re.compile(
    rf"{LEVEL}[^.;]{{0,40}}?\b(?:mod|mens|hvor|mod hele|"
    rf"sammenlignet med|i forhold til|end)\b(?:\s+\w+){{0,4}}?\s+{BEFORE}\b.{{0,25}}?{LEVEL}|"
    rf"{LEVEL}[^.;]{{0,50}}?\bmod\s+(?:\w+\s+){{0,2}}?{LEVEL}[^.;]{{0,40}}?\b{BEFORE}\b|"
    rf"{LEVEL}[^.;]{{0,50}}?\bmod\s+{BEFORE}\s+{LEVEL}|"
    rf"\b{BEFORE}\b[^.;]{{0,30}}?{LEVEL}[^.;]{{0,40}}?\bnu\b[^.;]{{0,30}}?{LEVEL}|"
    rf"{LEVEL}[^.;]{{0,60}}?,\s+(?:mens\s+|hvor\s+)?(?:i|for) (?:19|20)\d\d (?:var|lå) "
    rf"(?:tallet|det|den|antallet|andelen|niveauet)(?: på)? {ABOUT}?{LEVEL}|"
    rf"\b(?:nu|i dag)\b[^.;]{{0,40}}?{LEVEL}[^.;]{{0,50}}?\b(?:før|tidligere|førhen)\b\s+"
    rf"(?:var|lå|havde|tog)\b[^.;]{{0,25}}?{LEVEL}",
    FLAGS,
)

# A change stated by its end point: "tilfredsheden steg til 4,2", "er faldet til 6 uger".
_CHANGE_TO = re.compile(
    rf"\b(faldet|faldt|steget|steg|reduceret|reducerede|nedbragt|nedbragte|øget|øgede|forbedret|"
    rf"forbedrede|mindsket|mindskede|sænket|sænkede|forkortet|forkortede|gået (ned|op)|"
    rf"gik (ned|op)|dalet|dalede|vokset|voksede|hævet|løftet|skåret ned|skar ned|bragt ned|"
    rf"bragte ned|halveret|kortet ned)\b(?:\s+[\wæøå.,]+){{0,6}}?\s+til\s+"
    rf"{ABOUT}?(?:{NUM}|en (?:tredjedel|fjerdedel|femtedel)|halvdelen|det halve)",
    FLAGS,
)

# A counted difference: "140 færre indlæggelser end året før", "sammenlignet med året før er der
# 140 færre akutte indlæggelser". A bare count ("120 flere ældre") needs the reference point.
_COUNT_COMPARATIVE = re.compile(
    rf"{NUM}\s+(færre|flere)\b|\b(halvt|dobbelt|(?:\d+|to|tre|fire|fem) gange) så "
    rf"(mange|få|ofte|meget|lang|hurtig\w*|mange \w+)",
    FLAGS,
)

_REFERENCE = re.compile(
    r"\b(end|sammenlignet med|i forhold til|siden|efter|før|tidligere|året før|sidste år|"
    r"mod|som)\b",
    FLAGS,
)

_CHANGE_BY = re.compile(
    rf"\b(faldet|faldt|steget|steg|reduceret|reducerede|reducere|nedbragt|nedbragte|øget|øgede|"
    rf"forbedret|forbedrede|mindsket|mindskede|sænket|sænkede|forkortet|forkortede|skåret ned|"
    rf"gået (ned|op)|gik (ned|op)|dalet|dalede|vokset|voksede|hævet|løftet|nedsat|nedsatte|"
    rf"skåret|skar|bragt ned|bragte ned)\b(?:\s+[\wæøå.,\-]+){{0,12}}?\s+med\s+"
    rf"(?:ca\.\s+|cirka\s+|knap\s+|godt\s+|over\s+|næsten\s+|hele\s+|mere end\s+|"
    rf"omkring\s+|gennemsnitligt\s+|i (?:snit|gennemsnit)\s+)?"
    rf"(?:{NUM}|en (tredjedel|fjerdedel|femtedel)|to tredjedele|tre fjerdedele|halvdelen|"
    rf"en halv|(?:to|tre|fire|fem|seks|syv|otte|ni|ti|tolv|femten|tyve) \w+)",
    FLAGS,
)

_CHANGE_NOUN = re.compile(
    rf"\b(en |et )?(reduktion|fald|stigning|forbedring|besparelse|nedgang|fremgang|øgning|"
    rf"nedbringelse|forkortelse|halvering)"
    rf"(?:\s+\w+){{0,2}}\s+på\s+{ABOUT}?({NUM}|en (tredjedel|fjerdedel|femtedel)|"
    rf"halvdelen)",
    FLAGS,
)

_PCT_COMPARATIVE = re.compile(
    rf"({NUM}){PCT}\s+(færre|flere|mindre|mere|lavere|højere|kortere|hurtigere|bedre|større|"
    rf"billigere|sjældnere|oftere)\b",
    FLAGS,
)

_MULTIPLE = re.compile(
    r"\b(halveret|halvering|fordoblet|fordobling|tredoblet|firedoblet|næsten halveret)\b", FLAGS
)

_SAVED = re.compile(
    rf"\b(sparet|spart|frigjort|frigivet|sparer|frigør)\b(?:\s+[\w.,]+){{0,8}}?\s+({NUM})\s*"
    rf"(mio\.?|mia\.?|millioner|kr\.?|timer|dage|årsværk|arbejdstimer|minutter)",
    FLAGS,
)

_MEASURED = re.compile(
    r"\b(før- og eftermåling\w*|eftermåling\w*|"
    r"(målinger\w*|målingen|data|tallene|opgørelse\w*|registrering\w*|evalueringen|"
    r"resultaterne|undersøgelsen|spørgeskemaundersøgelse\w*|analysen|brugerundersøgelse\w*|"
    r"tilfredshedsmåling\w*|trivselsmåling\w*|statistikken|monitorering\w*|effektmåling\w*) "
    r"(\w+ )?(viser|viste|har vist|dokumenterer|dokumenterede|bekræfter|bekræftede|peger på)|"
    r"målt (før|efter|inden)|(har|blev|er) (blevet )?målt|vi har (set|registreret|dokumenteret|"
    r"opgjort|talt op) (et|en|at)|der er registreret|kan (nu )?dokumentere)\b",
    FLAGS,
)

_SURVEY_SHARE = re.compile(
    rf"({NUM}(?:{PCT}|\s+ud\s+af\s+{NUM}))(?:\s+af)?\s+(de\s+)?(\w+\s+)?"
    rf"(borgerne|deltagerne|medarbejderne|eleverne|"
    rf"patienterne|brugerne|forældrene|beboerne|de ledige|pårørende|borgere|deltagere|"
    rf"medarbejdere|elever|patienter|brugere|forældre|beboere|ledige)\b",
    FLAGS,
)

# A table row or list rendered as text: "Før: 12 | Efter: 7", "Baseline 31 %, nu 47 %".
_BEFORE_AFTER_TABLE = re.compile(
    rf"\b(?:før|inden|baseline|start|førmåling)\b\s*[:=]?[^|;\n]{{0,40}}?(?P<a>{NUM})"
    rf"[^|;\n]{{0,40}}?(?:\||;|,|/|–|-)\s*(?:\w+\s+)?\b(?:efter|nu|i dag|slut|eftermåling)\b"
    rf"\s*[:=]?[^|;\n]{{0,30}}?(?P<b>{NUM})",
    FLAGS,
)

# "14 % → 9 %", "5,2 dage -> 3,8 dage".
_ARROW = re.compile(
    rf"(?P<a>{NUM})\s*(?:{UNIT})?\s*(?:→|->|=>|⇒|➝)\s*(?P<b>{NUM})\s*(?:{UNIT})?", FLAGS
)

# Verbs that report an outcome of the work: "har givet", "betød", "resulterede i".
_RESULT_VERB = re.compile(
    r"\b(har givet|gav|giver|betød|betyder|har betydet|resulterede i|har resulteret i|"
    r"førte til|har ført til|opnåede|har opnået|nedbragte|har nedbragt|rykkede|har rykket|"
    r"endte (på|med)|landede på|viste|viser|sparede|har sparet|er der|var der|blev der|"
    r"fik vi|har vi fået|har vi|oplevede vi|blevet|blev|er nu)\b",
    FLAGS,
)

# A quantity of a difference: "38 tons mindre affald", "0,4 klassetrin mere", "3 dage kortere".
_UNIT_COMPARATIVE = re.compile(
    rf"{NUM}\s*{UNIT}(?:\s+\w+)?\s+(færre|flere|mindre|mere|lavere|højere|kortere|"
    rf"hurtigere|bedre|større|billigere|sjældnere|oftere|længere)\b",
    FLAGS,
)

# A level the work has reached, stated now: "ligger ventetiden på 8 dage", "er nu 4 uger".
NOW_LEVEL = re.compile(
    rf"\b(i dag|nu|efter (omlægningen|indsatsen|projektet|forløbet|indførelsen)|"
    rf"ved (slutmålingen|eftermålingen|projektets afslutning)|"
    rf"(?:et(?: halvt)?|halvandet|to|tre|fire|fem|seks|ni|tolv|\d+) (?:år|måneder|uger) "
    rf"(?:efter|senere))\b[^.;]{{0,60}}?"
    rf"{ABOUT}?{NUM}\s*{UNIT}",
    FLAGS,
)

# Harm averted or resources saved, counted: "forhindret 310 indlæggelser", "4,1 mio. kr. sparet".
_AVERTED = re.compile(
    rf"\b(forhindret|forhindrede|undgået|undgik|forebygget|forebyggede|afværget|afværgede)\b"
    rf"(?:\s+\w+){{0,3}}?\s+{ABOUT}?{NUM}\s+\w+|"
    rf"{NUM}\s*{UNIT}\s+(sparet|frigjort|frigivet|mindre|billigere)\b",
    FLAGS,
)

# A table with a year for each column: "Ventetid | 2022: 34 dage | 2024: 12 dage".
_YEAR_TABLE = re.compile(
    rf"\b(?:19|20)\d\d(?:/\d\d)?\s*:\s*(?P<a>{NUM})\s*(?P<au>{UNIT})?[^:\n]{{0,20}}?\b(?:19|20)\d\d(?:/\d\d)?\s*:"
    rf"\s*(?P<b>{NUM})\s*(?P<bu>{UNIT})?",
    FLAGS,
)

# Any reported change: a change verb with a quantity (used inside an effect section).
_QUANTITY = re.compile(
    rf"{NUM}\s*{UNIT}\b|{NUM}\s*%|\b(en (tredjedel|fjerdedel|femtedel)|to tredjedele|"
    rf"halvdelen|hver (anden|tredje|fjerde|femte|tiende)|\w+ ud af \w+)\b",
    FLAGS,
)

# A finding reported from data ("viser vores registreringer", "målingen viste") together with
# a direction of change: measured, even when the numbers are left out.
_FINDING = re.compile(
    r"\b(vis(er|te)|målt\w*|måling\w*|registrering\w*|opgørelse\w*|statistik\w*|"
    r"evaluering\w*|opfølgning\w*|tallene|data)\b",
    FLAGS,
)

_DIRECTION = re.compile(
    r"\b(fald\w*|faldt|steg|steget|stigning\w*|reducer\w*|nedbragt\w*|øget|øgede|"
    r"forbedr\w*|færre|flere|mindre|bedre|halver\w*|fordobl\w*|kortere|lavere|højere)\b",
    FLAGS,
)

# "fra seks uger til to uger", "nedbragt ventetiden til under to uger": numbers as words.
_FROM_TO_SPELLED = re.compile(
    rf"\bfra\s+(?:{NUMBER_WORD}|{NUM})\s+\w+\s+til\s+{ABOUT}?(?:{NUMBER_WORD}|{NUM})\b",
    FLAGS,
)

_DOWN_TO_SPELLED = re.compile(
    rf"\b(nedbragt|reduceret|sænket|forkortet|skåret)\b[^.]{{0,40}}?\btil\s+{ABOUT}?"
    rf"{NUMBER_WORD}\s+(dage|uger|måneder|timer|minutter|procent)\b",
    FLAGS,
)

# A score or share measured afterwards: "tilfredsheden ligger på 4,5 ud af 5".
_SCORE = re.compile(rf"\b{NUM}\s+ud\s+af\s+(5|6|7|10|100)\b", FLAGS)

# "hver anden borger har ikke længere brug for hjemmehjælp efter forløbet"
_SHARE_AFTER = re.compile(
    r"\bhver\s+(anden|tredje|fjerde|femte)\b[^.]{0,80}\b(efter|siden)\s+"
    r"(forløbet|projektet|indsatsen|indførelsen|starten|opstarten)\b",
    FLAGS,
)

# "andelen af elever med fravær over 10 % er nu 6 %"
_SHARE_NOW = re.compile(
    rf"\b(andelen|antallet|niveauet|ventetiden|fraværet|sygefraværet)\b[^.]{{0,80}}?"
    rf"\b(er|ligger)\s+nu\s+(på\s+)?{ABOUT}?{NUM}",
    FLAGS,
)

# "et fald i antallet af genindlæggelser på 18 procent"
_CHANGE_OF = re.compile(
    rf"\b(fald|stigning|reduktion|forbedring|nedgang)\b[^.]{{0,60}}?\bpå\s+{ABOUT}?{NUM}{PCT}",
    FLAGS,
)

# "antallet af klager er gået markant ned": a counted quantity that moved, without figures.
_COUNT_MOVED = re.compile(
    r"\b(antallet|andelen|mængden|omfanget|ventetiden|fraværet|sygefraværet|udgifterne|"
    r"forbruget)\b[^.]{0,60}?\b(er|har)\s+(\w+\s+){0,2}(gået\s+(\w+\s+)?(ned|op)|faldet|steget|"
    r"mindsket|reduceret|halveret|fordoblet)\b",
    FLAGS,
)

_WE_SAW = re.compile(r"\bvi\s+(kan\s+se|har\s+set|ser|har\s+målt|måler|kan\s+måle)\b", FLAGS)

_OWN_WORK = re.compile(
    r"\b(projekt\w*|indsats\w*|forløb\w*|tiltag\w*|ordning\w*|pilot\w*|vores|deltager\w*|"
    r"indførelse\w*|opstart\w*)\b",
    FLAGS,
)

# An outcome counted among the participants: "40 af de 55 deltagere har fået job".
_OUTCOME_COUNT = re.compile(
    r"\b\d+\s+(?:ud\s+)?af\s+(?:(?:de\s+|i\s+alt\s+)?\d+\b|(?:de\s+)?(?:deltagerne|borgerne|"
    r"eleverne|de unge|patienterne|familierne|beboerne)\b)[^.]{0,80}?\b(fået|fik|kom|kommet|"
    r"(?:et|fast|ordinært|stadig et|stadig) (?:job|arbejde)|"
    r"gennemført\w*|bestod|bestået|vendt\s+tilbage|"
    r"i\s+(?:\w+\s+)?(?:job|arbejde|uddannelse|beskæftigelse)|"
    r"selvforsørgende|undgik|undgået|stoppet|holdt\s+op)",
    FLAGS,
)

_QTY_RE = re.compile(rf"(?<![\w,.]){QTY}(?![\w,])", FLAGS)

# "fra 212 i 2020 til 168 i 2024", "fra fjorten til seks", "fra over hundrede til godt tyve".
_FROM_TO_ANY = re.compile(
    rf"\bfra\s+{ABOUT}?(?P<a>{QTY})(?:\s+[^\s;]+){{0,4}}?\s+til\s+{ABOUT}?(?P<b>{QTY})",
    FLAGS,
)

# A scale's range is no change: "bioscoren går fra 0 til 19", "på en skala fra 1 til 5".
_SCALE_BEFORE = re.compile(r"\b(skala\w*|går|spænder|rækker|løber|varierer)\s*$", FLAGS)


def _is_scale(s: str, m: re.Match) -> bool:
    return m.group("a") in ("0", "1") and bool(_SCALE_BEFORE.search(s[: m.start()]))


_LABEL_COLON = re.compile(r"^[^:.;]{3,80}:\s*fra\b", FLAGS)

# A level now and a level before, in one sentence: "ligger nu på 96 % mod 81 % for fire år
# siden", "Hver sjette forlod tidligere jobbet, nu er det kun hver tyvende".
_NOW_MARK = re.compile(
    r"\b(nu|i dag|i år(?! (19|20|21)\d\d)|efter (forløbet|indsatsen|projektet|omlægningen|"
    r"implementering\w*|indførelsen|ændringen|omstillingen)|"
    r"(et|to|tre|seks|\d+) (år|måneder|uger) efter|"
    r"efter (et|to|tre|seks|tolv|\d+) (år|måneder|uger)|i (19|20)\d\d|"
    r"hvor (det|den|de|vi) (tidligere|før)|i (projekt|pilot|forsøgs)\w*(året|perioden))\b",
    FLAGS,
)

_THEN_MARK = re.compile(
    r"\b(tidligere|før|førhen|året før|sidste år|for \w+ (år|måneder) siden|ved (den )?(første|"
    r"start\w*|opstart\w*|forløbets start|projektstart\w*|begyndelsen)|i udgangspunktet|"
    r"førmåling\w*|nulpunktsmåling\w*|baseline\w*)\b",
    FLAGS,
)

# Values tied to years: "58 (2022) → 21 (2024)", "2022: 48, 2023: 19", "134 i 2022, 87 i 2024".
_YEAR_VALUE = re.compile(
    rf"(?:\b(?P<y1>(?:19|20)\d\d)(?:/\d\d)?\)?\s*[:|]?\s*(?:[a-zæøå]+\s+){{0,3}}?"
    rf"(?<![\d.,])(?P<v1>{NUM})(?![\d.,]*\s*år\b)"
    rf"|(?<![\d.,])(?P<v2>{NUM})\s*(?:{UNIT})?(?:\s*\(|(?:\s+[a-zæøå]+){{0,2}}?\s+(?:i|for)\s+|"
    rf"(?<=%)\s+)(?P<y2>(?:19|20)\d\d)\b)",
    FLAGS,
)

# "Ventetid før: 9 uger", "6,4 dage (før) / 4,1 dage (efter)", "før robot 3.400 efter robot 450".
_NUM_BEFORE = rf"(?:(?<![\d.,]){NUM}\s*(?:{UNIT})?\s*\(?før\b|\bfør\b[^.;|\d]{{0,25}}?{NUM})"

_NUM_AFTER = rf"(?:(?<![\d.,]){NUM}[^.;|\d]{{0,25}}?\(?\befter\b|\befter\b[^.;|\d]{{0,25}}?{NUM})"

_BEFORE_AFTER_PAIR = re.compile(rf"{_NUM_BEFORE}[^.;]{{0,40}}?{_NUM_AFTER}", FLAGS)

# A signed change in a key-figure line: "Energiforbrug: -23 %", "(-28 %)".
_SIGNED_CHANGE = re.compile(rf"(?::\s*|\(|(?<=\d)\s)[-−–+]\s?{NUM}\s?(?:%|pct\.?|procent)", FLAGS)

# The level now, the level before in brackets: "0 kg (før 240 kg)".
_NOW_THEN_BRACKET = re.compile(
    rf"(?<![\d.,]){NUM}\s*(?:{UNIT})?\s*\(\s*(?:før|tidligere|mod)\s*:?\s*{NUM}", FLAGS
)

# "en tredjedel færre faldulykker", "dobbelt så mange borgere deltager nu".
_FRACTION_COMPARATIVE = re.compile(
    r"\b(en (tredjedel|fjerdedel|femtedel)|to tredjedele|tre fjerdedele|halvt så|dobbelt så|"
    r"tre gange så|(\d+|to|tre|fire) gange (så|flere|mere))\s+(færre|flere|mindre|mere|mange|få|"
    r"lang|høj|lav)\b",
    FLAGS,
)

# Gains stated as realised, not planned: "realiseret besparelse 2024: 2,6 mio. kr.".
_REALISED = re.compile(
    rf"\b(realiser\w*|reelt|faktisk\w*|opnået)\b[^.;]{{0,60}}?\b(besparelse\w*|gevinst\w*|"
    rf"nettogevinst\w*|frigjort|sparet|frigivet)\b[^.;]{{0,40}}?{NUM}\s*{UNIT}",
    FLAGS,
)


# A change stated as having happened: "faldt", "er blevet halveret", "gik ned".
PAST_CHANGE = re.compile(
    r"\b(faldt|steg|faldet|steget|er blevet|blev (\w+ )?(reduceret|halveret|forbedret|kortere|"
    r"færre|flere)|(har|er) (\w+ )?(reduceret|nedbragt|øget|halveret|forbedret|mindsket|sænket|"
    r"forkortet|fordoblet|tredoblet|skrumpet|bragt ned)|gik (ned|op|fra)|er gået (ned|op|fra)|"
    r"reduceredes)\b",
    FLAGS,
)


def _year_values(s: str) -> dict[str, str]:
    """Values tied to different years in one sentence, year -> value."""
    pairs: dict[str, str] = {}
    for m in _YEAR_VALUE.finditer(s):
        year = m.group("y1") or m.group("y2")
        value = m.group("v1") or m.group("v2")
        if not is_year(value) and value != year:
            pairs.setdefault(year, value)
    return pairs


def _general_change(s: str) -> float:
    """Broader readings of a measured change than the specific patterns above."""
    pairs = _year_values(s)
    changed_by_year = len(pairs) >= 2 and len(set(pairs.values())) >= 2
    change_word = bool(_CHANGE_VERB.search(s) or PAST_CHANGE.search(s) or _LABEL_COLON.search(s))
    from_to = change_word and any(
        m.group("a").lower() != m.group("b").lower()
        and not (is_year(m.group("a")) and is_year(m.group("b")))
        and not _is_scale(s, m)
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
    marks = now + bool(_THEN_MARK.search(s)) + bool(re.search(r"\bmod\b", s, FLAGS))
    quantities = [q for q in _QTY_RE.findall(s) if not is_year(q)]
    if (len(quantities) >= 2 and marks >= 2) or (
        _FRACTION_COMPARATIVE.search(s) and (now or _CHANGE_VERB.search(s))
    ):
        return 0.7
    return 0.0


# An opinion share counted once, after the work ("72 % er tilfredse"): no before to compare
# with, so it documents an experienced effect (level 1), not a measured change.
COUNTED_ONCE = 0.45

_OPINION = re.compile(
    r"\b(tilfreds\w*|utilfreds\w*|oplev\w*|synes|syntes|mener|mente|vurder\w*|angiv\w*|"
    r"svare\w*|anbefal\w*|tommelfinger\w*|positiv\w*|glade|trygge|tryghed)\b",
    FLAGS,
)


def measured_change(s: str, in_effect: bool = False) -> float:
    """Strength (0..1) with which a sentence states a measured change; 0 when it does not.

    In an effect section any quantity reported with a change counts, since the section speaks of
    what the work achieved.
    """
    best = 0.0
    if any(two_numbers(m) for m in _BEFORE_AFTER_TABLE.finditer(s)):
        best = max(best, 0.8)
    for m in _YEAR_TABLE.finditer(s):
        if two_numbers(m) and (in_effect or m.group("au") or m.group("bu")):
            best = max(best, 0.75)
    if _AVERTED.search(s):
        best = max(best, 0.7)
    if any(two_numbers(m) for m in _ARROW.finditer(s)):
        best = max(best, 0.8 if in_effect else 0.7)
    if _UNIT_COMPARATIVE.search(s) and (
        in_effect or _RESULT_VERB.search(s) or _REFERENCE.search(s)
    ):
        best = max(best, 0.75)
    if (
        in_effect
        and _QUANTITY.search(s)
        and (_CHANGE_VERB.search(s) or _RESULT_VERB.search(s) or NOW_LEVEL.search(s))
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
            if a == b or (is_year(a) and is_year(b) and not has_pct) or _is_scale(s, m):
                continue  # "fra 2019 til 2021"
            if has_pct and (has_change_verb or not pct_needs_verb):
                best = max(best, with_pct)
            elif has_change_verb:
                best = max(best, without_pct)
    if _FROM_TO_WORDS.search(s) and _CHANGE_VERB.search(s):
        best = max(best, 0.75)
    if _VERSUS.search(s):
        best = max(best, 0.8)
    change_to = _CHANGE_TO.search(s)
    if change_to:
        best = max(best, 0.85 if re.match(rf"\s*{PCT}", s[change_to.end() :], FLAGS) else 0.75)
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
