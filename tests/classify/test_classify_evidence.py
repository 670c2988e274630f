"""The evidence-level rules on their development sets and on wordings of measured change.

bench/effect_sentences holds 1,333 Danish sentences labelled "reports a measured result" or not,
written for the purpose (tidy case text and the messy text PDFs and web pages give); bench/
validation holds 60 documents. The rules were developed against both, so these tests guard
against regressions; bench/labelled stays the held-out measure.
"""

import csv

import pytest

from innosearch.classify.classifier import Classifier
from innosearch.classify.evidence import evidence_level
from innosearch.classify.sentence import Sentence
from innosearch.documents import ParsedDocument, Section
from innosearch.text.sentences import NOTES, split_sentences
from tests.classify.labelled_sets import BENCH, TODAY, classify_set, precision_recall


def _level(*parts: tuple[str, str]) -> int:
    """Evidence level of a document made of (heading, text) sections."""
    doc = ParsedDocument("Projekt", "markdown", [Section(text=t, heading=h) for h, t in parts])
    c = Classifier().classify(doc, today=TODAY)
    assert c.evidence_level is not None
    return int(c.evidence_level.value)


def test_effect_sentence_set() -> None:
    rows: list[tuple[int, str]] = []
    for path in sorted((BENCH / "effect_sentences").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            rows += [(int(r["label"]), r["sentence"]) for r in reader]
    assert len(rows) >= 1300 and {label for label, _ in rows} == {0, 1}
    pairs = []
    for label, text in rows:
        sentences = [Sentence(s, "", i) for i, s in enumerate(split_sentences(text, NOTES))]
        pairs.append((evidence_level(sentences)[0] >= 2, label == 1))
    precision, recall = precision_recall(pairs)
    assert precision >= 0.93 and recall >= 0.95, (precision, recall)


def test_validation_set_levels() -> None:
    classified = classify_set(BENCH / "validation")
    assert len(classified) == 60
    exact = 0
    pairs = []
    for row, c in classified:
        assert c.evidence_level is not None
        got, want = int(c.evidence_level.value), int(row["evidence_level"])
        exact += got == want
        pairs.append((got >= 2, want >= 2))
    precision, recall = precision_recall(pairs)
    assert exact / len(classified) >= 0.8
    assert precision >= 0.93 and recall >= 0.95, (precision, recall)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # values tied to years, in every layout key figures come in
        ("Antal klager: 58 (2022) → 21 (2024).", 2),
        ("Klager over støj 2021: 340, 2023: 120.", 2),
        ("Der var 212 henvendelser i 2022 og 97 henvendelser i 2024.", 2),
        ("Genbrugsandel 41 % 2021 | 63 % 2024", 2),
        # before and after named beside the numbers, and signed changes
        ("Gns. ventetid 12 dage før, 5 dage efter.", 2),
        ("Ventetid før: 12 dage. Efter: 5 dage.", 2),
        ("Forbrug af vejsalt 3 tons (før 11 tons).", 2),
        ("Sygefravær: -18 %", 2),
        # a level now against a level before, in digits or in words
        ("Affaldet pr. husstand er nu 310 kg mod 420 kg for tre år siden.", 2),
        ("Hver fjerde borger klarede sig selv tidligere, nu er det hver anden.", 2),
        ("Antallet af brande i boligerne er faldet fra ni til to.", 2),
        ("Ventelisten er skrumpet fra 300 til 80 børn.", 2),
        ("En tredjedel færre klager efter omlægningen.", 2),
        ("Den realiserede besparelse blev 1,8 mio. kr. i 2024.", 2),
        (
            "Projektet har reduceret antallet af udsættelser, som ellers ville ramme familierne, "
            "med 30 %.",
            2,
        ),
        # a comparison group named in the singular, and those "not" in the work
        ("Efter et år var 70 % i job mod 50 % i en sammenlignelig gruppe.", 3),
        ("Forbruget ligger 20 % under forbruget i de ikke-renoverede boliger.", 3),
        # aims, scenarios, plans and budgets are no results
        ("Kommunen har som mål at reducere madspildet med 50 % i forhold til 2020.", 1),
        ("Scenariet viser et fald fra 400 til 250 tons i 2040.", 1),
        ("Den faktiske besparelse kan først opgøres i 2026.", 0),
        ("Anlægsbudget 2025: 1,2 mio. kr. 2026: 1,4 mio. kr.", 0),
        ("Evalueringen gennemføres af en ekstern evaluator i 2026.", 0),
        ("Beskæftigelsen for borgere med ikke-vestlig baggrund er steget fra 48 % til 55 %.", 2),
    ],
)
def test_wordings_of_measured_change(text: str, level: int) -> None:
    assert _level(("", f"Kommunen prøvede noget nyt. {text}")) == level, text


def test_table_with_points_in_time_is_a_measured_change() -> None:
    table = "Indikator | Før | Efter\nVentetid i dage | 41 | 17\nKlager pr. år | 120 | 45"
    assert _level(("Resultater", table)) == 2


def test_table_with_a_row_for_those_outside_the_work_is_a_comparison() -> None:
    table = (
        "2021 | 2024\nDeltagende skoler | 9,1 % | 6,2 %\nKommunens øvrige skoler | 9,0 % | 8,8 %"
    )
    assert _level(("Resultater", table)) == 3


@pytest.mark.parametrize(
    ("heading", "table"),
    [
        ("Mål", "2025 | 2027\nVentetid i dage | 41 | 17"),
        ("Resultater", "Målsætning | 2025 | 2027\nVentetid i dage | 41 | 17"),
        ("Baggrund", "2015 | 2025\nBorgere over 80 år | 3.100 | 4.400"),
        ("Økonomi", "2025 | 2026\nBudget | 1,2 | 1,4"),
    ],
)
def test_tables_of_targets_problems_and_budgets_are_no_results(heading: str, table: str) -> None:
    assert _level((heading, table)) < 2


@pytest.mark.parametrize(
    ("text", "level"),
    [
        (
            "I parallelklasserne, der ikke var med, steg fraværet i samme periode, mens det "
            "faldt fra 8 % til 5 % i projektklasserne.",
            3,
        ),
        ("Til sammenligning lå et andet team, der arbejdede som før, stabilt på 12 %.", 3),
        ("Sammenlignet med tre lignende boligområder faldt hærværket mere i vores område.", 3),
        ("Ledigheden faldt fra 9 % til 6 %, hvor landsgennemsnittet faldt fra 9 % til 8 %.", 3),
        (
            "Elever i projektklasserne forbedrede sig 0,4 karakter mere end eleverne i "
            "parallelklasserne.",
            3,
        ),
        (
            "Det andet distrikt, som ikke fik tilbuddet, havde ingen ændring, mens vores "
            "fald var 20 %.",
            3,
        ),
        (
            "Vores resultater er bedre end gennemsnittet for regionens øvrige akutteams: 14 "
            "% mod 19 %.",
            3,
        ),
        ("Genindlæggelserne faldt fra 18 % til 12 %. I de to andre teams var tallet uændret.", 3),
        ("Ventetiden faldt med 30 %, mere end i de andre jobcentre i klyngen.", 3),
        ("Trivslen steg fra 3,6 til 4,0, mens den på landsplan lå stille på 3,8.", 3),
        (
            "En ekstern forsker fra Københavns Professionshøjskole har evalueret forløbet og "
            "fandt et fald i fravær.",
            4,
        ),
        (
            "Deltagerne blev fordelt ved lodtrækning, og gruppen med tilbuddet havde 20 % "
            "færre indlæggelser.",
            4,
        ),
        ("Forløbet er evalueret af VIVE, som finder en effekt på 5 procentpoint.", 4),
        (
            "DTU har gennemført en uafhængig evaluering, der viser et fald i energiforbruget "
            "på 12 %.",
            4,
        ),
        (
            "Forskere fra Roskilde Universitet har fulgt projektet og sammenlignet med en "
            "tilfældigt udvalgt kontrolgruppe.",
            4,
        ),
        (
            "Evalueringen er udført af et uafhængigt konsulentfirma og viser, at "
            "sagsbehandlingstiden faldt med 20 %.",
            4,
        ),
        ("Designet var et kvasieksperiment med matchede kontrolkommuner.", 4),
        ("Et klyngerandomiseret forsøg på 24 skoler viste en effekt på læsningen.", 4),
        ("En difference-in-differences-analyse viser et fald på 8 procentpoint.", 4),
        (
            "Aalborg Universitet har evalueret indsatsen: Fraværet faldt 2 procentpoint mere "
            "end på sammenlignelige skoler.",
            4,
        ),
        ("Den eksterne evaluering fra Rambøll viser, at 62 % kom i job mod 41 % før.", 4),
        ("Skolerne blev tilfældigt udtrukket til at starte først eller sidst.", 4),
        (
            "Sammenlignet med målingerne ved forløbets start er smerterne faldet markant: "
            "fra 6,1 til 3,9 på en skala fra 0 til 10.",
            2,
        ),
        (
            "Sammenlignet med målingerne ved forløbets start har 70 % af deltagerne fået "
            "mindre smerte.",
            2,
        ),
        ("Ved opfølgningen efter seks måneder havde 40 af 60 deltagere stadig et job.", 2),
        ("Antallet af fald er gået ned med en tredjedel siden opstarten.", 2),
        ("Vi gik fra gennemsnitligt 14 til 9 dages ventetid.", 2),
        ("Sygefraværet er bragt ned til 5,2 % fra 7,9 %.", 2),
        ("Efter et år var ventetiden 4 uger. Før projektet var den 11 uger.", 2),
        ("Klagerne er mere end halveret siden 2022.", 2),
        (
            "Fire måneder efter start brugte borgerne 2 timer mindre hjemmehjælp om ugen end "
            "ved visitationen.",
            2,
        ),
        ("Tallet for akutte indlæggelser var 112 året før og 71 i projektåret.", 2),
    ],
)
def test_wordings_of_comparison_design_and_change(text: str, level: int) -> None:
    """Parallel classes, other teams, those who did not take part; random assignment in any
    wording; two-sentence and one-sentence before/after."""
    assert _level(("", f"Kommunen prøvede noget nyt. {text}")) == level, text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I brugerundersøgelsen svarede 72 %, at de var tilfredse med forløbet.", 1),
        ("Resultaterne viser, at 80 % af deltagerne er kommet i job eller uddannelse.", 2),
        ("Pædagogerne oplever, at flere børn deltager i samtalerne.", 1),
        ("Anlægsudgifterne blev 12 % højere end budgetteret.", 0),
        ("Tilfredsheden steg fra 61 % til 78 % mellem første og anden måling.", 2),
    ],
)
def test_opinions_counted_once_and_spending_are_no_measured_change(text: str, level: int) -> None:
    assert _level(("", f"Kommunen prøvede noget nyt. {text}")) == level, text


def test_table_with_start_and_follow_up_columns_and_any_unit() -> None:
    table = (
        "Indikator | Ved start | Efter 6 mdr.\nVarme (MWh) | 4.920 | 2.610\nCO2 (ton) | 610 | 290"
    )
    assert _level(("Resultater", table)) == 2


def test_a_measurements_section_is_no_target_section() -> None:
    text = "Langtidsblodsukkeret er i gennemsnit faldet med 6 mmol/mol."
    assert _level(("Målinger", text)) == 2
    assert _level(("Mål", "Langtidsblodsukkeret skal falde med 6 mmol/mol.")) == 1


def test_a_planned_external_evaluation_is_no_evaluation() -> None:
    text = "Der er planlagt en ekstern evaluering i 2026."
    assert _level(("", f"Familiehuset åbnede i 2024. {text}")) == 0


@pytest.mark.parametrize(
    "text",
    [
        # wordings from the real documents in ../shared/real-docs that were read as results
        "Vi har samlet gode råd, dels fra de 14 myndigheder i projektet, dels fra "
        "følgeforskningen på Aarhus Universitet, som er tilknyttet projektet.",
        "Der er indgået aftale med Aalborg Universitet om følgeforskning.",
        "Den endelige score er summen af de to delscorer og går fra 0 til 19.",
        "Hvor mange punkter på kortet er målt forkert?",
        "Det betyder, at en forkert aflæst kote i gennemsnit er målt 56 cm forkert.",
    ],
)
def test_research_named_scales_questions_and_measurement_errors_are_no_results(text: str) -> None:
    assert _level(("", f"Kommunen prøvede noget nyt. {text}")) == 0, text


def test_research_that_reports_a_finding_is_an_evaluation() -> None:
    text = "Følgeforskningen viste, at fraværet faldt mere end på sammenligningsskolerne."
    assert _level(("", f"Kommunen prøvede noget nyt. {text}")) == 4
    scale = "Smerterne faldt fra 6,1 til 3,9 på en skala fra 0 til 10."
    assert _level(("", f"Kommunen prøvede noget nyt. {scale}")) == 2


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # "forventer", "ambition" and "skal sikre" about something that is no effect
        ("Systemet forventer en forbindelse til databasen ved opstart.", 0),
        ("Vi afstemmer ambitionsniveauet med ledelsen inden næste møde.", 0),
        ("Man skal sikre sig, at tallene står i samme enhed.", 0),
        # an expected effect names what it is about
        ("Vi forventer færre indlæggelser af ældre borgere.", 1),
        ("Ambitionen er at spare to årsværk i administrationen.", 1),
        ("Løsningen skal sikre, at borgerne får svar hurtigere.", 1),
        # a number names an effect only as a quantity, not as a code, a criterion or a count
        ("Pt. hentes data fra serien Y30R21, men forventningen er, at scope udvides.", 0),
        ("R3 | 2 | Løsningen har fælles offentligt potentiale | Standard:", 0),
        ("Det forventes også at gælde for de 4 ovennævnte punkter.", 0),
        ("Vi forventer 30 % færre henvendelser til borgerservice.", 1),
        ("Målet er 200 flere i job inden 2027.", 1),
        ("Langtidsblodsukkeret skal falde med 6 mmol/mol.", 1),
        # a process's rule is no expected effect
        ("Hvis der er registreret udeblivelse på timesedlen, sendes der en advis.", 0),
    ],
)
def test_an_expected_effect_names_an_effect(text: str, level: int) -> None:
    assert _level(("Beskrivelse", text)) == level


def test_a_software_documentation_section_is_no_effect_section() -> None:
    steps = "Hvis du ønsker at tilføje flere opgaver, trykker du blot på 'enter'."
    assert _level(("Oprettelse af opgaveliste og dokumentation", steps)) == 0
    assert _level(("Teknisk dokumentation", steps)) == 0
    assert _level(("Dokumentation", "Efter forsøget oplever borgerne færre fald.")) == 1


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # how a model or a method arrives at a figure is no expected effect
        ("Køretiden estimeres ud fra trafikdata og en timepris på 300 kr.", 0),
        ("Værdien af grønne områder er svær at anslå, fordi den afhænger af flere forhold.", 0),
        ("Forskerne har estimeret den årlige værdi af de større naturområder.", 0),
        # an estimated effect or change is
        ("Besparelsen anslås til 2 mio. kr. om året.", 1),
        ("Vi estimerer 300 færre indlæggelser om året.", 1),
        ("Gevinsten ved den nye vagtplan er estimeret til fire årsværk.", 1),
        ("Anslået energibesparelse: 120 MWh om året.", 1),
    ],
)
def test_an_estimate_is_an_expected_effect_only_of_an_effect(text: str, level: int) -> None:
    assert _level(("Beskrivelse", text)) == level


@pytest.mark.parametrize(
    "row",
    [
        "K2 | 1 | Løsningen kan bruges af flere | 🟢 | Mange kommuner bruger den; potentiale.",
        "Materiale til ledelsen findes. | 🟡 | Business case nævnt, men kan styrkes.",
    ],
)
def test_a_graded_row_of_an_assessment_is_no_effect(row: str) -> None:
    assert _level(("Relevans", row)) == 0


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # "sparring" is advice from a peer, not a saving
        ("Vi forventer, at grupperne tager imod rådgivning og sparring fra sekretariatet.", 0),
        # a business case and benefits realisation named as a task name no effect
        (
            "Styregruppen inddrages, når der skal følges op på business case og "
            "gevinstrealisering.",
            0,
        ),
        ("Business casen viser en forventet besparelse på 2 mio. kr. om året.", 1),
        # an item of a list of tasks names work to do, not the effect expected of it
        ("Leverancer:\n\n- udarbejde skabeloner\n- beskrive forventede gevinster og effekter", 0),
        ("Vi forventer færre klager, når svarbrevene er skrevet om.", 1),
    ],
)
def test_tasks_and_tools_of_management_are_no_expected_effect(text: str, level: int) -> None:
    assert _level(("Ydelser", text)) == level


def test_a_list_item_in_an_effect_section_is_an_expected_effect() -> None:
    assert _level(("Forventede gevinster", "- forventet besparelse på indkøb\n- færre klager")) == 1


_GUIDE = (
    "Sådan gør du",
    "Du vælger først en lokation i menuen. Derefter kan du tilføje eller fjerne biler. "
    "Din simulering gemmes, så du kan finde den igen. Du kan altid starte forfra.",
)


def test_a_guides_results_are_what_the_tool_shows_not_an_effect() -> None:
    results = (
        "Resultater",
        "Her vises de mulige gevinster ved den nye flåde. I eksemplet er to biler fjernet, og "
        "det giver en forventet besparelse på 40.000 kr. om året.",
    )
    assert _level(_GUIDE, results) == 0
    # the same results in a report about the work are an expected effect
    assert _level(("Om projektet", "Kommunen har afprøvet en ny flåde."), results) == 1


def test_a_guide_still_reports_a_measured_result() -> None:
    measured = (
        "Erfaringer",
        "Kørslen i hjemmeplejen faldt fra 120.000 km i 2022 til 95.000 km i 2024.",
    )
    assert _level(_GUIDE, measured) == 2


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # "sådan, at" (such that) states a rule of price, not something seen
        ("Generelt er det sådan, at jo flere der deltager, jo billigere bliver det pr. gang.", 0),
        ("Vi ser, at borgerne kommer hurtigere i gang med træningen.", 1),
    ],
)
def test_an_experienced_effect_is_something_seen(text: str, level: int) -> None:
    assert _level(("Erfaringer", text)) == level


@pytest.mark.parametrize(
    "pitfall",
    [
        "Flere borgere stoppede efter et par måneder, fordi de følte, at de målte for vores skyld.",
        "En enhed syet ind i foret på den jakke, borgeren altid tager på, virkede langt bedre.",
    ],
)
def test_what_went_wrong_is_no_effect_of_the_work(pitfall: str) -> None:
    """A pitfalls section's sentences read like changes ("flere … stoppede", "virkede langt
    bedre"), and a case without any effect section was rated "Målt før og efter" on them."""
    solution = ("Løsning", "Borgerne måler selv iltmætning og vægt på en tablet tre gange om ugen.")
    assert _level(solution, ("Faldgruber", pitfall)) == 0
    # Experience in general is not a pitfall: "Erfaringer" also heads results.
    assert _level(solution, ("Erfaringer", pitfall)) >= 1


def test_an_evaluation_paid_for_is_no_evaluation_design() -> None:
    """The budget names the external evaluation; only the effect section says what it showed."""
    effect = ("Effekt", "Genindlæggelserne faldt fra 19 % i 2021 til 15 % i 2023.")
    budget = (
        "Ressourcer",
        "I alt 7,2 mio. kr. over fire år, heraf 2,1 mio. kr. til den eksterne evaluering.",
    )
    assert _level(effect, budget) == 2
    assert _level(effect, ("Metode", budget[1])) == 4


def test_a_table_flattened_into_a_sentence_is_shown_after_the_sentences() -> None:
    """The measured result leads the sentences a card shows; a PDF's table read as one
    "sentence" holds the figures but cannot be read, and it came first."""
    table = (
        "Genindlagt inden for 30 dage 14,8 % 19,6 % -4,8 pp (-9,1 til -0,5) Medicinrelateret "
        "genindlæggelse 2,9 % 5,7 % -2,8 pp (-5,0 til -0,6) Død inden for 90 dage 8,1 % 8,4 % "
        "-0,3 pp (-3,4 til 2,8) Effekten var størst blandt patienter med ti eller flere faste "
        "præparater, hvor andelen af genindlagte faldt fra 24,2 pct. til 16,9 pct."
    )
    prose = "Medicinrelaterede genindlæggelser blev næsten halveret."
    heading = "udfaldsmål indsats kontrol forskel (95 pct. ki)"
    sentences = [Sentence(table, heading, 0), Sentence(prose, "resultater", 1)]
    level, _, shown = evidence_level(sentences)
    assert level == 2 and shown == [prose, table]


def _shown(*parts: tuple[str, str]) -> tuple[int, list[str]]:
    """Evidence level and the sentences shown for it, of a document of (heading, text) sections."""
    doc = ParsedDocument("Rapport", "pdf", [Section(text=t, heading=h) for h, t in parts])
    c = Classifier().classify(doc, today=TODAY)
    assert c.evidence_level is not None
    return int(c.evidence_level.value), c.evidence_sentences


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a count of deliverables beside codes and years is no level set against another
        ("Det giver i alt 11 kortlag, hvor en T10 i 2018 og en T200 i 2120 mangler.", 0),
        ("Vi leverer 14 datasæt, hvor serien K30R12 i 2019 og serien K100R40 stadig mangler.", 0),
        # a level now set against one before still is
        ("Ventetiden er nu 4 uger, hvor den i 2020 var 9 uger.", 2),
        ("CO2-udledningen fra bilerne faldt fra 120 til 80 tons om året.", 2),
    ],
)
def test_a_code_or_a_year_is_no_level(text: str, level: int) -> None:
    """Codes ("T200", "K100R40") and years ("2120") are no levels: before, "11 kortlag, hvor …
    i 2018 … T200" read as a level now against a level before."""
    assert _level(("Resultater", text)) == level


_COVER = (
    "",
    "Hjemmetræning efter hoftebrud - et randomiseret forsøg Evalueringsrapport udarbejdet for "
    "Region Nordvest og Ulvsø Kommune.",
)
_RESULT = (
    "Resultater",
    "Efter tre måneder gik patienterne i indsatsgruppen i gennemsnit 120 meter længere end "
    "patienterne i kontrolgruppen.",
)


def test_a_cover_names_the_report_not_its_design() -> None:
    """A PDF's cover (title, subtitle, byline: no verb) is no evidence sentence; the report's own
    sentences about its design are."""
    level, shown = _shown(_COVER, _RESULT)
    assert level == 3 and _COVER[1] not in shown
    design = ("Metode", "Patienterne blev fordelt ved lodtrækning til træning eller vanlig pleje.")
    level, shown = _shown(_COVER, _RESULT, design)
    assert level == 4 and _COVER[1] not in shown and design[1] in shown
    # A sentence before the first heading still counts, and so does a key figure without a verb.
    assert _shown(("", "Evalueringen er gennemført af en uafhængig forskergruppe."))[0] == 4
    assert _shown(("", "Forventet besparelse: 1,8 mio. kr. årligt"))[0] == 1


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a hedge on who may use it, demands made of the work, strengths and what is still to
        # improve are no effects
        ("Kommunen ønsker at styrke adgangen til referater for politikere og potentielt andre.", 0),
        ("Robotten kan potentielt frigøre 2.000 timer om året.", 1),
        ("Platformen udvikles i takt med brugernes krav og forventninger og forbedres løbende.", 0),
        ("Løsningen viser potentiale, hvis de beskrevne forbedringsområder bliver prioriteret.", 0),
        ("Systemet har styrker, men der bør arbejdes videre for at realisere potentialet.", 0),
        ("Vi forventer, at løsningen styrker samarbejdet og giver færre genbestillinger.", 1),
        # experience to gain is none reported
        ("Der er gode erfaringer at hente, selv med et lille hold.", 0),
        ("Vi har fået gode erfaringer med de nye skemaer.", 1),
        # a guide's advice and a model's computation describe the tool, not the work's effect
        (
            "Det anbefales, at man gentager beregningen med andre værdier, da det vil give et "
            "bedre billede af tabet.",
            0,
        ),
        (
            "Modulet beregner et værditab, fordi salgspriserne må forventes at blive reduceret "
            "efter en oversvømmelse.",
            0,
        ),
        ("Modellen beregner en forventet besparelse på 2 mio. kr. om året.", 1),
    ],
)
def test_an_expected_effect_is_an_effect_of_the_work(text: str, level: int) -> None:
    assert _level(("Beskrivelse", text)) == level
