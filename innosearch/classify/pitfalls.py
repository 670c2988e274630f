"""Whether a Danish document describes pitfalls of the work: mistakes, what went wrong,
obstacles met, what one would do differently, advice about what to avoid.

A section headed "Faldgruber"/"Barrierer"/"Det gik galt" with real content decides it; otherwise
sentence patterns add up. Sentences in the problem statement are skipped (the problem being
solved is no pitfall of the work), and risks named in advance count for little.
"""

import math
import re

from innosearch.classify.contact import EMAIL, PHONE
from innosearch.classify.sentence import Sentence
from innosearch.text.headings import is_background_heading, is_lessons_heading

_FLAGS = re.IGNORECASE

# Section content that says there is nothing ("Ingen", "-", "Ikke relevant").
_EMPTY_CONTENT = re.compile(
    r"^\W*(ingen|intet|nej|ikke relevant|ikke oplyst|ikke udfyldt|n/?a|-+|–|\.+|ukendt|"
    r"ingen faldgruber|ingen kendte|ikke endnu|endnu ikke|ingen særlige|"
    r"der (har ikke været|var ingen|er ingen)[^.]*)\W*$"
)

_PITFALL_PATTERNS: dict[str, float] = {
    r"faldgrube\w*": 2.5,
    r"(det |noget )?gik (helt |rigtig )?(galt|skidt)|gik ikke som (forventet|planlagt|håbet)|"
    r"sådan gik det ikke|det gik ikke sådan|"
    r"gik ikke (helt )?(efter planen|så godt)|(det )?gik ikke uden (problemer|bump)": 2.5,
    r"(var|blev) en fejl|en fejl (var|at)|vi (lavede|begik) \w* ?fejl|fejlen var|fejltagelse": 2.5,
    r"vi (burde|skulle) (have|nok have)|det (burde|skulle) vi (have|nok have)": 2,
    r"(ville|vil|skulle) vi (have )?gøre (det |noget |tingene )?anderledes|"
    r"gøre (det |noget |tingene )?anderledes (i dag|næste gang|en anden gang)|"
    r"hvis vi skulle (gøre det|starte) (igen|om|forfra)|næste gang (vil|ville|skal) vi": 2.5,
    r"gør (det )?ikke som (os|vi gjorde)|(lær|tag ved lære) af vores fejl": 2.5,
    r"(set )?i bakspejlet|bagklogskab\w*": 2,
    r"undervurder\w*|overvurder\w*|var (for|alt for) (optimistiske|ambitiøse|naive)": 2,
    r"lykkedes ikke|ikke lykkedes|mislykked\w*|slog fejl|kom ikke i mål|nåede ikke (i mål|at)": 2,
    r"virkede ikke|fungerede ikke|ikke (virkede|fungerede)|virker ikke efter hensigten": 2,
    r"(tog|tager|har taget) (meget |langt )?længere tid end (forventet|planlagt|ventet)": 2,
    r"(sværere|vanskeligere|dyrere|mere besværligt|langsommere|mere tidskrævende|"
    r"længere tid|mere tid|flere ressourcer) end (forventet|ventet|planlagt|vi troede|"
    r"antaget|vi havde regnet med)": 2,
    r"(blev|er blevet|var) (\w+ )?forsinket|forsinkede (projektet|os|arbejdet|processen)": 2,
    r"forsinkelse\w*": 1,
    r"måtte (vi )?(stoppe|opgive|droppe|lukke|starte forfra|udskyde|skrotte|lave om|ændre|"
    r"justere|ombygge|omlægge|revidere|gå tilbage|genoverveje|tænke om|skifte)": 2,
    r"måtte (vi )?bruge (\w+ ){0,4}(på at|ekstra)": 1.5,
    r"\b(opgav|droppede|skrottede)\b|blev (droppet|opgivet|skrottet|skrinlagt)": 1.5,
    r"(mødte|oplevede|var|gav|stødte på|har været) (\w+ )?modstand|modstand (blandt|fra|hos|i)": 2,
    r"manglende (opbakning|ejerskab|forankring|involvering|inddragelse|ledelsesopbakning|"
    r"kompetencer|tid|ressourcer|kommunikation)": 1.5,
    r"lav\w* (fremmøde|deltagelse|tilslutning|brug)|"
    r"(få|for få) (deltagere|brugere) (mødte|brugte)": 1.5,
    r"kom (for )?sent i gang|for sent (ind|i gang|involveret|inddraget)": 2,
    r"(følte|oplevede) sig (ikke|overset|overhørt)|(var|blev) ikke (\w+ )?(inddraget|"
    r"involveret|hørt|klædt på)": 1.5,
    r"(et|det|vores|et stort|det største|en|den største|en stor) (benspænd|stopklods|"
    r"barriere|forhindring|knast) (var|har været|blev|viste sig)": 2.5,
    r"barrier\w*|benspænd\w*|bump på vejen|knaster": 1,
    r"stødte (vi )?på": 1,
    r"(ikke|havde ikke|ikke havde) (\w+ )?(forudset|taget højde for|tænkt på)": 2,
    r"erfaring(en|erne) (er|var|viser|har vist),? at|vi har erfaret,? at": 2,
    r"(vi har|vores|den vigtigste|en vigtig|vi) (lært|læring|lærte)\w*": 1,
    r"(vi|de) (har )?lærte?,? at|lærte (vi|det) på den hårde måde": 1,
    r"gav op\b|opgav (at|forløbet)": 1,
    r"gode råd|råd til andre|(vores|mit|et|vigtigste|bedste) råd (er|til|lyder)": 1.5,
    r"undgå at|pas på (med|at)|vær opmærksom på|husk at|sørg for at": 1,
    r"(den |en )?(største|stor|væsentlig|anden|særlig)e? udfordring (var|har været|blev|"
    r"undervejs|i projektet)|udfordringer undervejs|viste sig (at være )?(svært|vanskeligt|"
    r"en udfordring|sværere)|var (svært|vanskeligt|sværere end) at|"
    r"(det )?har været en (\w+ )?udfordring at": 1.5,
    r"(i starten|undervejs|i begyndelsen|i opstarten).{0,60}\budfordring": 1,
    r"(stort|højt|betydeligt) frafald|frafaldet (var|blev) (stort|højt|større)": 1.5,
    r"frafald": 0.5,
    r"tekniske (problemer|vanskeligheder)|(it|system)-?problemer|"
    r"ikke (kunne|ville) (tale sammen|fungere)": 1.5,
    r"(var|blev|var meget) (skeptiske|usikre|frustrerede|utrygge ved)": 1,
    # Admitted omissions: "Vi fik ikke medarbejderne med", "Vi testede ikke løsningen".
    r"vi (fik|havde|nåede) (\w+ ){0,2}ikke (\w+ ){0,3}?(afklaret|afstemt|sikret|tænkt|testet|"
    r"gennemskuet|inddraget|involveret|defineret|lavet|regnet med|spurgt|informeret|orienteret|"
    r"prioriteret|planlagt|budgetteret|afsat|med\b|tid til)": 2,
    r"vi (testede|inddrog|spurgte|lyttede|koordinerede|lavede|informerede|involverede|afklarede|"
    r"sikrede|prioriterede|planlagde|tænkte|undersøgte|tjekkede) (\w+ ){0,3}?ikke": 2,
    r"vi (glemte|overså|misforstod|fejlvurderede|fejlede|manglede)": 2,
    r"uden at (spørge|inddrage|involvere|høre|informere|orientere|teste|afklare|tænke)": 2,
    # "Appen blev aldrig brugt", not a method's choice: "Der er ikke anvendt priser for …"
    r"(?<!der )(blev|var|er) (\w+ )?(aldrig|ikke) (blevet )?(brugt|anvendt|omsat|fulgt|opdateret|"
    r"annonceret|uddannet|forklaret)|ubrugt\w*|aldrig (blev|kom) (brugt|i gang|skaleret)": 2,
    r"(alt )?for sent (ude|i gang|ind|i forløbet|involveret|inddraget)|kom (alt )?for sent|"
    r"var (alt )?for sent|ikke i tide": 2,
    r"(alt )?for (optimistisk\w*|ambitiøs\w*|lidt tid|meget tid|stort scope|bredt defineret)": 2,
    r"\balt for \w+": 1,
    r"(manglende|mangelfuld\w*|utilstrækkelig\w*|uklar\w*|svag\w*|ingen) (\w+ )?(kommunikation|"
    r"inddragelse|ledelse\w*|opbakning|forankring|planlægning|kravspecifikation|integration|"
    r"datagrundlag|rollefordeling|ansvarsfordeling|aftale\w*|mandat|ejerskab|overlevering|"
    r"koordinering|oplæring|information|plan for|product owner|afklaring)": 2,
    r"manglede (\w+ )?(en |et )?(\w+ )?(plan|mandat|ejer|afklaring|aftale|overblik|ressourcer|"
    r"tid|kompetencer|midler)": 2,
    r"ingen (havde|tog|ejede) (rigtig\w* )?(ansvar\w*|ejerskab|opgaven|tid)|ingen rigtig ejede": 2,
    r"gik i stå|stod stille|druknede i|faldt fra hinanden|strandede|satte (projektet|os|"
    r"arbejdet) (\w+ )?tilbage|mistede (vi )?(momentum|goodwill)|ramte en mur|"
    r"blev overhalet|kostede os": 2,
    r"holdt ikke\b|levede ikke op til|passede (ikke|dårligt) til": 2,
    r"(budget\w*|udgift\w*) (\w+ )?(blev |er )?(overskredet|eksploderede)|overskred\w*|"
    r"budgetoverskridelse\w*|dyrere end (forudsat|lovet|budgetteret)": 2,
    r"konkurs|sygemeldt med stress|meldte sig (hurtigt )?ud|takkede nej|trak sig": 1.5,
    r"forkert\w*|fejlagtig\w*|misvisende|mangelfuld\w*": 1,
    r"det (betalte|mærkede) vi|vi gjorde det omvendt|som vi gjorde\b|det gjorde vi ikke|"
    r"det glemte vi": 2,
    r"(jeg|vi) ville ønske|ville have (haft gavn af|været (klogt|bedre|smart|en fordel))|"
    r"i dag ville vi|næste gang (starter|gør|laver|begynder|vil|skal) vi": 2.5,
    r"lær af os|lad være med|tag ikke for givet|undervurder ikke|start småt|"
    r"tænk \w+ ind fra (begyndelsen|starten|dag ét)|få styr på|lessons learned|key learning|"
    r"(vores|den) (største|vigtigste) (learning|læring)|en klar læring|på den hårde måde": 2,
    r"(må|måtte|har måttet) erkende|erkender|ærligt talt|det største problem var": 2,
    r"(vi troede|vi gik ud fra|vi havde regnet med|vores antagelse)\b.{0,100}\b(men|holdt ikke)": 2,
    r"gik det op for os|det viste sig,? at|blev det klart,? at": 1,
    r"\b(fejlede|svigtede|opgav)\b|i stedet for at": 1,
}
# Risks named in advance and plans to avoid them are no pitfalls that happened; nor is a plan's
# promise to record the mistakes that come ("Planen er, at vi løbende dokumenterer aftaler,
# fejltagelser og resultater").
_ANTICIPATED = re.compile(
    r"\b(vil|ønsker at|forventer|risiko\w*|mulige|kan (komme|opstå)|for at undgå|beskriv\w*|"
    r"guide\w*|vejledning\w*|læs mere|afsnit|typiske|kendt\w*|planen (er|går ud på))\b",
    _FLAGS,
)
# Uncertainties and risks named before they happened: "Det er uafklaret, hvordan …".
_RISKS_AHEAD = re.compile(
    r"\b(uafklaret|usikkerhed\w*|risiko\w*|risici|kan blive|kan være svært|"
    r"skal (indhentes|afklares)|typisk\w*|muligvis|eventuelt)\b",
    _FLAGS,
)
# Advice addressed to citizens is service information, not a lesson from the work.
_ADVICE_TO_CITIZENS = re.compile(r"\b(råd|husk) (til )?borger\w*", _FLAGS)
# The sentences kept to show what went wrong, and the weight a sentence of a pitfalls section has
# (the clearest pattern's), so that none of it falls below a stray "forsinkelse" elsewhere.
SHOWN = 3
_SECTION_WEIGHT = 3.0
_PITFALL_RES = [(re.compile(rf"\b(?:{p})", _FLAGS), w) for p, w in _PITFALL_PATTERNS.items()]
_CONTACT_LABEL = re.compile(r"\s*(?:kontakt\w*|forfatter\w*)\s*:", re.IGNORECASE)
_NO_PITFALLS = re.compile(
    r"\b(ingen (særlige |kendte )?(faldgruber|fejl|problemer|udfordringer|barrierer)|"
    r"har ikke (oplevet|haft|mødt) (nogen |nogle |særlige )?(faldgruber|problemer|"
    r"udfordringer|barrierer))\b",
    _FLAGS,
)


def pitfalls(
    sections: list[tuple[str, str]], sentences: list[Sentence]
) -> tuple[bool, float, list[str]]:
    """Whether the document describes mistakes, obstacles or lessons, with a confidence, and
    the sentences that say so most clearly (at most SHOWN; none when it describes none).

    `sections` are (lowercased heading, text) pairs.
    """
    score = 0.0
    lessons: set[str] = set()  # headings of the sections that count as a pitfalls section
    for heading, text in sections:
        if is_lessons_heading(heading) and not is_empty_content(text):
            if _NO_PITFALLS.search(text) and len(text.split()) < 25:
                continue
            happened = any(rx.search(text) for rx, w in _PITFALL_RES if w >= 2)
            if _RISKS_AHEAD.search(text) and not happened:
                score += 0.5  # a pitfalls field that lists risks still ahead
                continue
            strong = re.search(r"faldgrube|fejl|galt|anderledes|barrier|forhindring", heading)
            score += 3.0 if strong else 2.0
            lessons.add(heading)
    telling: list[tuple[bool, float, int, str]] = []
    for sent in sentences:
        if is_background_heading(sent.heading):
            continue  # the problem being solved is not a pitfall of the work
        if _is_contact_line(sent.text):
            # A report's chapter ends its lessons with whom to call ("Kontaktperson:", "Sofie
            # Dahl, Randers Kommune, sofie.dahl@randers.dk."): shown as what went wrong, before.
            continue
        if _NO_PITFALLS.search(sent.text):
            score -= 1.0
            continue
        sent_score = sum(w for rx, w in _PITFALL_RES if rx.search(sent.text))
        if _ANTICIPATED.search(sent.text) or _ADVICE_TO_CITIZENS.search(sent.text):
            sent_score *= 0.3
        # Weak words ("frafald", "barrierer") add up only beside a clearer sign.
        if sent_score >= 1.0:
            score += min(sent_score, 3.0)
        # A pitfalls section's own words say what went wrong as its writer put it: they come
        # first, then the clearest sentences elsewhere.
        own = sent.heading in lessons
        weight = _SECTION_WEIGHT if own else sent_score
        if weight >= 1.0:
            telling.append((not own, -min(weight, _SECTION_WEIGHT), sent.index, sent.text))
    words = sum(len(s.text.split()) for s in sentences)
    if score >= 2.0:
        shown = [text for *_, text in sorted(telling)[:SHOWN]]
        return True, round(min(0.95, 0.55 + 0.4 * (1 - math.exp(-(score - 1.5) / 2.5))), 2), shown
    # No pitfall found: surer the longer the text we looked through.
    certainty = 0.5 + 0.35 * (1 - math.exp(-words / 400)) - 0.1 * max(score, 0.0)
    return False, round(max(0.4, certainty), 2), []


def _is_contact_line(text: str) -> bool:
    return bool(EMAIL.search(text) or PHONE.search(text) or _CONTACT_LABEL.match(text))


def is_empty_content(text: str) -> bool:
    """A template field that says nothing ("Ingen", "-", "Ikke relevant", a few words)."""
    t = " ".join(text.split()).lower()
    return len(t.split()) < 4 or bool(_EMPTY_CONTENT.match(t))
