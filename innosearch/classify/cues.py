"""The evidence patterns besides a measured change: a comparison (level 3), a causal design or
an independent evaluation (level 4), an expected or experienced effect (level 1), and the context
that says a sentence is no result of the work (a plan, a problem statement, the work's own money).
"""

import re

from innosearch.classify.quantities import FLAGS, NUM, UNIT

# --- level 3: compared with others ----------------------------------------------------------------

# A control or the rest: "mod 11 minutter i de andre distrikter", "hvor de øvrige områder",
# "end elever på skoler uden læsebånd". Only counts with a measured result.
COMPARISON_LOOSE = re.compile(
    r"\b(mod|end|hvor|mens)\b[^.;]{0,60}?\b(i|på|hos|blandt|for|med|ved) (de |alle |kommunens |"
    r"regionens |landets )?(andre|øvrige|resterende)\b|"
    r"\b(hvor|mens) (de|alle) (andre|øvrige)\b|"
    r"\b(end|mod|som) (i |på |ved |hos |med )?(den |det |de |kommunens |regionens )?"
    r"(almindelige|sædvanlige|vanlige|traditionelle|ordinære|eksisterende) (indsats|praksis|"
    r"forløb|tilbud|behandling|undervisning|model|ordning)|"
    r"\b(end|som) (\w+ ){0,6}?(uden|som ikke|der ikke)\b|"
    r"\bi forhold til (\w+ ){0,3}?(resten|de andre|de øvrige|landsgennemsnittet|gennemsnittet)|"
    r"\bmens tallet\b|\bmod (landsgennemsnittet|gennemsnittet|resten)",
    FLAGS,
)

# Others named as partners in the work, not as a comparison: "udviklet sammen med to
# nabokommuner", "i samarbejde med de øvrige kommuner i regionen".
PARTNERS = re.compile(
    r"\b(sammen med|i samarbejde med|samarbejd\w* med|i fællesskab med|i partnerskab med|"
    r"deles med|delt med|udbredt til|spredt til)\s+(\w+\s+){0,3}?"
    r"(nabokommune\w*|kommuner|de (andre|øvrige|tilsvarende) \w+)",
    FLAGS,
)

# Two quantities set against each other: "7 minutter mod 11 minutter", "58 %, hvor ... 34 %".
VS_NUMBERS = re.compile(
    rf"{NUM}\s*{UNIT}[^.;]{{0,60}}?\b(mod|end|hvor|mens)\b[^.;]{{0,60}}?{NUM}", FLAGS
)

# Named comparisons: a control group, a benchmark, those who did not take part, the rest of
# the country.
COMPARISON = re.compile(
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
    FLAGS,
)

# --- level 4: a causal design or an independent evaluation ----------------------------------------

# Random assignment, quasi-experiments, statistical significance, an independent evaluation.
CAUSAL = re.compile(
    r"\b(\w*randomiser\w*|lodtrækning\w*|rct|tilfældigt (udtrukket|udvalgt|fordelt|udtaget|"
    r"inddelt)\w*|kvasi-?eksperiment\w*|difference-in-difference\w*|"
    r"forskel-i-forskel\w*|propensity|match(et|ede) (kontrol|sammenlignings)\w*|"
    r"(uafhængig|ekstern|eksterne|uvildig)[et]? (evaluering\w*|evaluator\w*|effektevaluering\w*|"
    r"forsker\w*|evalueret|undersøgelse|forskningsinstitut\w*)|"
    r"statistisk signifikant\w*|"
    r"videnskabelig\w* (studie|undersøgelse|evaluering|artikel))\b",
    FLAGS,
)

# Research that followed the work counts when it reports what it found; an agreement about it or
# advice from it is no evaluation yet ("Der er indgået aftale med Aalborg Universitet om
# følgeforskning").
FOLLOW_RESEARCH_FOUND = re.compile(
    r"\bfølgeforskning\w*\b[^.;]{0,80}?\b(viser|viste|har vist|fandt|finder|dokumenter\w*|"
    r"påvis\w*|konklu\w*|peger på|pegede på|målte|har målt)\b",
    FLAGS,
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
EVALUATED_BY = re.compile(
    rf"(?i:\b(evaluer\w*|effektevaluer\w*|undersøgt|analyseret|målt|fulgt)\b(?:\s+\w+){{0,4}}?"
    rf"\s+(af|ved|fra)\s+){_EVALUATORS}",
)

EVALUATOR_DID = re.compile(
    rf"{_EVALUATORS}\b(?i:(?:\s+\w+){{0,5}}?\s+(har|havde|har nu)\s+(\w+\s+)?"
    rf"(evalueret|gennemført|lavet|foretaget|udarbejdet|målt|undersøgt|fulgt|dokumenteret))|"
    rf"{_EVALUATORS}\b(?i:\s+(fandt|påviste|dokumenterede|målte)\b)",
)

EVALUATION_BY = re.compile(
    rf"(?i:\b(evaluering\w*|effektevaluering\w*|effektmåling\w*|undersøgelse\w*|analyse\w*|"
    rf"rapport\w*|følgeforskning\w*)\s+(fra|af|ved|udført af|foretaget af|lavet af|"
    rf"gennemført af|udarbejdet af)\s+){_EVALUATORS}|"
    rf"{_EVALUATORS}s\s(?i:(effekt)?(evaluering|undersøgelse|analyse|måling)\w*)",
)

# --- level 1: an effect expected or experienced ---------------------------------------------------

# "sværere end forventet" looks back at what happened; it states no expected effect.
EXPECTED = re.compile(
    # "krav og forventninger" are demands made of the work, not effects expected of it
    r"\b((?<!end )(?<!som )(?<!ikke )(?<!krav og )(?<!behov og )"
    r"forvent(?!ede,? at [^.]*\bmen\b)(?!ninger og (krav|behov))\w*|"
    r"målet (er|var)|mål(et)? om|målsætning\w*|ambition\w*|potentiale\w*|"
    # "potentielle besparelser", "kan potentielt frigøre", not the hedge "og potentielt borgere"
    r"potentiel(?!t\b)\w*|potentielt(?=\s+(\w+\s+)?(frigø|spar|reducer|mindsk|nedbring|øge|"
    r"forbedr|halver|give|fald|stig)\w*)|estimer\w*|anslå\w*|skønne\w*|business ?case\w*|"
    r"håber,? (at|på)|"
    r"skal (give|føre|bidrage|reducere|mindske|øge|nedbringe|forbedre|sikre|spare|frigøre|styrke)|"
    r"vil kunne|vil give|kan (give|spare|reducere|frigøre|mindske|nedbringe|forbedre)|"
    r"(beregnet|forventet|mulig|mulige) (besparelse|gevinst|effekt)\w*|gevinstrealisering|"
    r"formodning\w*|forhåbentlig|regner med|skal (ned|op) på|kan komme (ned|op) på|"
    r"skal (falde|stige|halveres|reduceres|øges|nedbringes|forbedres))\b",
    FLAGS,
)

# What an expected effect is about: without it, "forventer" or "ambition" is no effect at all
# ("Applikationen forventer en database forbindelse", "afstemning af ambitionsniveau"). A number
# names it only as a quantity ("30 %", "2 mio. kr.", "200 færre", "falde med 6 mmol/mol"): a
# code, a criterion's number or a count of steps does not ("serien Y30R21", "R3 | 2 |", "de 4
# punkter").
_CHANGE_NAMED = (
    rf"{NUM}\s+(færre|flere)\b|"
    rf"\b(fald\w*|stig\w*|reducer\w*|sænk\w*|ned|op)\b[^.;]{{0,30}}?\b(med|til|på)\s+{NUM}|"
    r"\b(effekt\w*|gevinst\w*|besparelse\w*|resultat\w*|nedbring\w*|mindsk\w*|øge\w*|"
    # "har styrker", "styrker og svagheder" are strengths, not a strengthening
    r"(?<!har )(?<!sine )(?<!dets )(?<!deres )(?<!klare )styrk(?!er og svagheder)\w*|"
    # "sparring" is advice from a peer, not saving
    r"frigø\w*|halver\w*|forebygg\w*|undgå\w*|spar(?!ring)\w*)\b"
)
EFFECT_NAMED = re.compile(rf"{NUM}\s*{UNIT}(?![a-zæøå])|{_CHANGE_NAMED}", FLAGS)

# A business case and benefits realisation are tools of management: named as a task ("styregruppen
# følger op på business casen"), they say nothing of an effect, which must be named beside them
# ("Business casen viser en besparelse på 2 mio. kr.").
MANAGEMENT_TOOLS = re.compile(r"\b(business ?case\w*|gevinstrealisering\w*)\b", FLAGS)

# An estimate is also how a model or a method arrives at a figure ("Køretiden estimeres ud fra
# trafikdata og en timepris", "værdien er svær at estimere"): it is an
# expected effect only when what is estimated is an effect or a change ("Besparelsen anslås til
# 2 mio. kr.", "Estimeret tidsgevinst: 4.500 timer", "vi estimerer 300 færre indlæggelser"), not
# any figure or comparative.
ESTIMATE = re.compile(r"estimer\w*|anslå\w*|skønne\w*", FLAGS)
ESTIMATED_EFFECT = re.compile(rf"{_CHANGE_NAMED}|\w(gevinst|besparelse|effekt)", FLAGS)

# An effect felt or reported by those involved: "oplever færre fald", "er glade".
EXPERIENCED = re.compile(
    r"\b(oplev\w* (en |et )?(bedre|større|mindre|mere|øget|færre|højere|positiv\w*|markant)|"
    # "der er gode erfaringer at hente" promises experience to gain, it reports none
    r"(positive|gode) (tilbagemeldinger|erfaringer|resultater|reaktioner)(?! at (hente|høste))|"
    r"(medarbejderne|borgerne|brugerne|patienterne|eleverne|beboerne|forældrene|de ledige) "
    r"(er|har været|var) (meget )?(glade|tilfredse|begejstrede|positive)|"
    r"(har|havde) (haft )?(en )?(positiv|stor|god) effekt|har (givet|skabt) (bedre|mere|større)|"
    # "ser, at" and "så, at" (saw), not "sådan, at" (such that)
    r"((oplev|mærk|fornem|vurder)\w*|ser|så),? at .{0,80}\b(bedre|hurtigere|færre|kortere|"
    r"flere|mere|mindre|større|tryggere|gladere|sjældnere|lettere|nemmere|mere selvhjulpne|"
    r"mere trygge)\b|"
    r"(tilbagemeldinger|erfaringer)(ne)? (er|har været|var) (meget )?(gode|positive)|"
    r"(virker|fungerer|virkede|fungerede) (rigtig |meget |langt |særdeles )?(bedre|godt|"
    r"efter hensigten))\b",
    FLAGS,
)

# "svarede 72 %, at de var tilfredse", "87 % af deltagerne vil anbefale forløbet".
OPINION_SHARE = re.compile(
    rf"\b(svare\w*|angiv\w*|angav|siger|sagde)\s+{NUM}\s?(%|procent)|"
    rf"{NUM}\s?(%|procent)[^.;]{{0,60}}\b(tilfreds\w*|oplev\w*|anbefal\w*)",
    FLAGS,
)

# A change named without figures (counted only inside an effect section).
QUALITATIVE_EFFECT = re.compile(
    r"\b(færre|flere|bedre|kortere|hurtigere|mindre|mere|øget|større|lavere|højere|"
    # "forbedringsområder" and "forbedringsforslag" name what is still to improve
    r"forbedr(?!ings(område|forslag|punkt|mulighed|potentiale))\w*|reduc\w*|tilfredse|gladere|"
    r"tryggere|sparet|spare\w*)\b",
    FLAGS,
)

# --- context: what makes a sentence no result of the work -----------------------------------------

# Advice to the reader of a guide, said impersonally: "Det anbefales derfor, at man kører modellen
# flere gange, da dette vil give en bedre fornemmelse af tabet". What following it gives the reader
# is no effect of the work.
ADVICE = re.compile(r"\banbefal\w*(\s+\w+)?,? at man\b|\bman (bør|skal|må)\b", FLAGS)

# What a model or a tool computes describes the tool: "én som beregner et værditab, … må forventes
# at blive reduceret". Only an effect with a figure stands beside it as an estimate of the work's.
TOOL_COMPUTES = re.compile(
    r"\b(model\w*|værktøj\w*|modul\w*|systemet|programmet|som|der)\s+"
    r"(beregner|udregner|simulerer|modellerer|estimerer)\b",
    FLAGS,
)

# A row of an assessment table that grades a criterion with a traffic light ("Kan genbruges |
# 🟢 | Bruges i mange kommuner") is a reviewer's judgement of a product against a standard, not an
# effect of the work.
GRADED_ROW = re.compile(r"\|\s*[🟢🟡🟠🔴⚪⚫✅❌]\s*(\||$)")

# Sentences speaking of a plan or possibility rather than of what happened.
HYPOTHETICAL = re.compile(
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
    FLAGS,
)

# A design or measurement said not to exist: "ikke evalueret", "uden kontrolgruppe".
NEGATED_DESIGN = re.compile(
    r"\b(ikke|ingen|intet|endnu ikke|uden)\b(\s+\w+){0,3}\s+(randomiser\w*|kontrolgruppe\w*|"
    r"evaluer\w*|evaluering\w*|sammenlign\w*|lodtrækning\w*|rct|effektmåling\w*|målt|"
    r"målinger|data)",
    FLAGS,
)

# A problem statement with numbers ("antallet af ældre er steget fra 3.000 til 4.200 de seneste
# år") is not an effect unless the sentence ties the change to the work.
PROBLEM_CUE = re.compile(
    r"\b(udfordring\w*|problem\w*|(?<!vestlig )(?<!etnisk )(?<!anden )baggrund\w*|"
    r"demografi\w*|de (sidste|seneste|kommende) "
    r"(\w+ )?år|(sidste|seneste|kommende) (\d+|to|tre|fire|fem|seks|ti|mange) år|frem mod|"
    r"stigende|danmarks statistik)\b",
    FLAGS,
)

# Words that tie a change to the work.
INTERVENTION_CUE = re.compile(
    r"\b(projekt\w*|indsats\w*|forløb\w*|løsning\w*|tiltag\w*|efter|siden|pilot\w*|ordning\w*|"
    r"metode\w*|initiativ\w*|deltag\w*|indførelse\w*|implementering\w*|afprøvning\w*|"
    r"forsøg\w*|det nye|den nye|de nye|introduktion\w*|resultat\w*|effekt\w*)\b",
    FLAGS,
)

# The sentence after a problem statistic that says it is the problem: "Det er baggrunden for".
PROBLEM_FOLLOWS = re.compile(
    r"^(derfor|det er (derfor|baggrunden|grunden|årsagen)|"
    r"det (vil|skal) vi (lave om|ændre|gøre noget)|"
    r"det ønsker vi at|det problem|den udvikling)\b",
    FLAGS,
)

# Quantities of the work's own money and take-up: when they change, that is not an effect.
NOT_EFFECT_CONTEXT = re.compile(
    r"\b(\w*budget\w*|bevilg\w*|\w*bevilling\w*|rådighedsbeløb\w*|tilskud\w*|finansier\w*|"
    r"pulje\w*|ansøg(?:t|te|er|e)|ansøgning(?:en)? (?:om|til)|ansøgningsrunde\w*|afsat|"
    r"deltog|tilmeldt\w*|tilmelding\w*|besøgende|pladser|stillinger|åbningstid\w*|"
    r"nyansat\w*|deltagerantal\w*|søgt ind|ansøgere|medlemmer|tilmeldte|"
    # a measurement's own error, not a change it found: "er målt 56 cm forkert"
    r"målefejl\w*|måleusikkerhed\w*|målt\b[^.;]{0,25}\bforkert\w*)\b",
    FLAGS,
)

# Spending measured against the plan is the work's own economy, not its effect.
AGAINST_PLAN = re.compile(r"\b(end|i forhold til) (budgetteret|budgettet|planlagt)\b", FLAGS)

# Words that describe who or when ("de 15-24-årige", "udbredelsen", "kl. 8"): they discount
# only weak signals, since a clear measured change about an age group is still an effect.
DESCRIPTIVE_CONTEXT = re.compile(
    r"\b(udvid\w*|udbred\w*|opskal\w*|i alderen|årige|alder\w*|kl\.|klokken|"
    r"telefonnummer\w*|telefon(?=:?\s*\d)|tlf)\b",
    FLAGS,
)
