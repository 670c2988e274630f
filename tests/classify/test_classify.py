"""Tests for the ingest classifier on small Danish documents written for the purpose.

DEV_SET is the classifier's own development set: varied documents across sectors, source kinds
(template case records, PDF text without headings, web pages, Markdown) and evidence levels. The
rules were written from the taxonomy's meaning and checked against it; the accuracy test guards
against regressions. STYLE_SET is a second development set in other writing styles (press releases,
dry reports, enthusiastic project leaders, bullet lists, English-Danish mixes) and many wordings of
measured effects, stages and pitfalls. Targeted tests below pin the behaviours that matter most.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from innosearch.classify.classifier import Classifier, org_type_of_name, organisation_mentions
from innosearch.documents import ParsedDocument, Section
from tests.classify.labelled_sets import BENCH, TODAY, classify_set

STAGE_KEYS = ("udforskning", "udvikling", "implementering", "spredning")


def case(title: str, org: str | None = None, **sections: str) -> ParsedDocument:
    """A case record from the sharing template; keyword names become section headings."""
    heads = {
        "resume": "Resumé",
        "udfordring": "Udfordring",
        "loesning": "Løsning",
        "proces": "Proces",
        "faldgruber": "Faldgruber",
        "effekt": "Effekt",
        "ressourcer": "Ressourcer",
        "barrierer": "Barrierer",
        "status": "Status",
    }
    fields = {"organisation": org} if org else {}
    return ParsedDocument(
        title=title,
        kind="case",
        sections=[Section(text=t, heading=heads.get(k, k)) for k, t in sections.items()],
        fields=fields,
    )


def pdf(title: str, *pages: str) -> ParsedDocument:
    return ParsedDocument(
        title=title,
        kind="pdf",
        sections=[Section(text=p, page=i + 1) for i, p in enumerate(pages)],
    )


def web(title: str, text: str, **fields: Any) -> ParsedDocument:
    return ParsedDocument(title=title, kind="html", sections=[Section(text=text)], fields=fields)


def md(title: str, *parts: tuple[str, str]) -> ParsedDocument:
    return ParsedDocument(
        title=title, kind="markdown", sections=[Section(text=t, heading=h) for h, t in parts]
    )


@dataclass
class Example:
    doc: ParsedDocument
    expect: dict[str, Any] = field(default_factory=dict)


DEV_SET: list[Example] = [
    Example(
        case(
            "Hverdagsrehabilitering før hjemmehjælp",
            "Vejle Kommune",
            udfordring="Flere ældre borgere søger hjemmehjælp, og mange mister funktionsevne.",
            loesning="Alle nye ansøgere til hjemmepleje får først et rehabiliteringsforløb på "
            "8-12 uger med en terapeut og en social- og sundhedshjælper.",
            effekt="Efter ét år var andelen af borgere, der blev helt selvhjulpne, steget fra "
            "22 % til 41 %. Det samlede antal visiterede timer faldt med 14 %.",
            faldgruber="Vi undervurderede behovet for at uddanne hjemmeplejens medarbejdere. I "
            "starten oplevede borgerne det som en spareøvelse, og det skulle vi have "
            "kommunikeret bedre.",
            status="Løsningen er i drift i hele kommunen.",
        ),
        dict(
            sector="aeldre",
            stage="implementering",
            org="kommune",
            level=2,
            pitfalls=True,
        ),
    ),
    Example(
        case(
            "Spiserobot på plejecenter",
            "Odense Kommune",
            udfordring="Beboere med nedsat funktion i armene skal mades af personalet.",
            loesning="Vi afprøver en spiserobot på to plejecentre i en pilot på seks måneder.",
            effekt="Vi forventer at beboerne får mere selvbestemmelse, og at personalet kan "
            "frigøre tid. Den forventede besparelse er estimeret til 0,8 mio. kr. årligt.",
            faldgruber="Ingen",
        ),
        dict(
            sector="aeldre",
            stage="udvikling",
            status="igangvaerende",
            org="kommune",
            level=1,
            pitfalls=False,
        ),
    ),
    Example(
        pdf(
            "Demensvenlige plejeboliger - evalueringsrapport",
            "Rapporten beskriver et projekt i Aalborg Kommune, hvor tre plejecentre indrettede "
            "afdelinger for beboere med demens efter nye principper. Projektet løb fra 2019 til "
            "2021 og blev støttet med 2,5 mio. kr. fra Socialstyrelsen.",
            "VIVE har evalueret indsatsen. Evalueringen sammenlignede de tre plejecentre med "
            "fem sammenlignelige plejecentre uden ændringer. Brugen af beroligende medicin "
            "faldt med 30 % på de deltagende plejecentre, mens den var uændret på de øvrige.",
        ),
        dict(
            sector="aeldre",
            status="afsluttet",
            org="kommune",
            level=4,
        ),
    ),
    Example(
        web(
            "Ny teknologi skal mindske ensomhed blandt ældre",
            "I Region Midtjylland er vi i gang med at undersøge, hvordan ældre borgere, der bor "
            "alene, oplever ensomhed. Vi har gennemført 25 interviews og vil i efteråret holde "
            "workshops med borgere og pårørende. Målet er at finde ideer, der kan afprøves "
            "næste år.",
        ),
        dict(
            sector="aeldre",
            stage="udforskning",
            status="igangvaerende",
            org="region",
            level=1,
            pitfalls=False,
        ),
    ),
    Example(
        case(
            "Opfølgende hjemmebesøg efter udskrivelse",
            "Region Syddanmark",
            udfordring="For mange patienter genindlægges inden for 30 dage efter udskrivelse "
            "fra sygehuset.",
            loesning="En sygeplejerske fra hospitalet og en fra kommunen besøger patienten "
            "sammen inden for tre dage efter udskrivelsen.",
            effekt="Forsøget blev gennemført som et randomiseret studie med 600 patienter. "
            "Genindlæggelser faldt fra 18 % til 12 % i interventionsgruppen, mens de var "
            "uændrede i kontrolgruppen.",
            status="Projektet blev afsluttet i 2020.",
        ),
        dict(
            sector="sundhed",
            status="afsluttet",
            org="region",
            level=4,
        ),
    ),
    Example(
        pdf(
            "Telemedicin til borgere med KOL",
            "Borgere med KOL i Region Nordjylland har fået en tablet, så de kan måle iltmætning "
            "og vægt hjemme. Sygeplejersker følger målingerne og ringer, hvis værdierne ændrer "
            "sig. Løsningen er nu udbredt til alle landets regioner og tilbydes som en national "
            "løsning.",
            "Antallet af indlæggelser pr. patient faldt med 11 procent sammenlignet med "
            "landsgennemsnittet for KOL-patienter.",
        ),
        dict(sector="sundhed", stage="spredning", org="region", level=3),
    ),
    Example(
        web(
            "Akutteam i almen praksis",
            "Praktiserende læger kan nu ringe direkte til kommunens akutteam. Vi har oplevet "
            "en bedre dialog mellem lægerne og sygeplejerskerne, og patienterne er glade for "
            "at blive behandlet hjemme. Ordningen er en fast del af driften i Holbæk Kommune.",
        ),
        dict(sector="sundhed", stage="implementering", org="kommune", level=1),
    ),
    Example(
        case(
            "Rygestop for gravide",
            "Sundhedsstyrelsen",
            udfordring="Hver tiende gravide ryger, og det skader barnet.",
            loesning="Jordemødre tilbyder et kort rygestopforløb ved første konsultation.",
            effekt="Ingen effektmåling endnu.",
            status="Igangværende",
        ),
        dict(
            sector="sundhed",
            status="igangvaerende",
            org="stat",
            level=0,
            pitfalls=False,
        ),
    ),
    Example(
        case(
            "Housing First til hjemløse",
            "Aarhus Kommune",
            udfordring="Antallet af hjemløse er steget fra 600 til 800 de seneste fem år.",
            loesning="Hjemløse borgere tilbydes egen bolig og bostøtte efter Housing First-"
            "metoden, i stedet for først at skulle blive stabile på et herberg.",
            effekt="Efter to år boede 78 % af deltagerne stadig i egen bolig.",
            faldgruber="Vi manglede billige boliger, så ventetiden blev lang. Samarbejdet med "
            "boligselskaberne burde vi have startet meget tidligere.",
        ),
        dict(sector="social", org="kommune", level=2, pitfalls=True),
    ),
    Example(
        md(
            "Netværk for pårørende til borgere med udviklingshæmning",
            (
                "",
                "Foreningen LEV og tre kommuner har skabt et netværk for pårørende til voksne "
                "med udviklingshæmning, der bor på botilbud.",
            ),
            (
                "Hvad har vi lært?",
                "Møderne skal ligge om aftenen. Vi holdt dem om "
                "eftermiddagen i starten, og der kom næsten ingen. Sørg for at personalet på "
                "botilbuddet kender netværket, ellers bliver det ikke nævnt for de pårørende.",
            ),
        ),
        dict(sector="social", org="andet", level=0, pitfalls=True),
    ),
    Example(
        pdf(
            "Misbrugsbehandling i eget hjem",
            "Rapport udarbejdet af Socialstyrelsen. Udfordringen er, at mange borgere med "
            "alkoholmisbrug ikke møder op til behandling i rusmiddelcentret. Derfor tilbyder "
            "fem kommuner nu behandling i borgerens eget hjem. Projektet afsluttes i 2027, og "
            "der er endnu ingen resultater.",
        ),
        dict(
            sector="social",
            status="igangvaerende",
            org="stat",
            level=0,
            pitfalls=False,
        ),
    ),
    Example(
        case(
            "Tidlig opsporing af udsatte børn i dagtilbud",
            "Herning Kommune",
            udfordring="Underretninger om børn kommer ofte for sent.",
            loesning="Pædagoger i alle daginstitutioner bruger et fælles screeningsværktøj to "
            "gange om året, og sundhedsplejersken deltager i opfølgningen.",
            effekt="Andelen af underretninger fra dagtilbud, der kom før barnet fyldte tre år, "
            "steg med 9 procentpoint. Til sammenligning var der ingen ændring i "
            "nabokommunerne.",
            faldgruber="Det tog længere tid end forventet at få lederne med.",
        ),
        dict(
            sector="boern_unge",
            org="kommune",
            level=3,
            pitfalls=True,
        ),
    ),
    Example(
        web(
            "Familiebehandling via video",
            "Børne- og Familieafdelingen tester videosamtaler med familier, hvor forældrene har "
            "svært ved at møde op. Vi er i gang med en testperiode på et halvt år med 20 "
            "familier. Vi håber, at flere forældre vil gennemføre forløbet.",
            organisation="Frederikshavn Kommune",
        ),
        dict(
            sector="boern_unge",
            stage="udvikling",
            status="igangvaerende",
            org="kommune",
            level=1,
        ),
    ),
    Example(
        md(
            "Plejefamilier med netværk",
            (
                "Baggrund",
                "Mange anbragte børn skifter plejefamilie flere gange. Det er den "
                "store udfordring for området.",
            ),
            (
                "Indsats",
                "Plejefamilier får en fast netværksgruppe og supervision hver måned. "
                "Indsatsen er udviklet af Egmont Fonden sammen med seks kommuner.",
            ),
            (
                "Resultater",
                "Sammenbrud i anbringelser faldt fra 14 til 6 på to år blandt "
                "familierne i netværkene.",
            ),
        ),
        dict(sector="boern_unge", org="andet", level=2, pitfalls=False),
    ),
    Example(
        case(
            "Læseløft i indskolingen",
            "Silkeborg Kommune",
            udfordring="For mange elever i 3. klasse kan ikke læse alderssvarende.",
            loesning="Elever med læsevanskeligheder får 20 minutters daglig læsetræning i små "
            "grupper med en læsevejleder.",
            effekt="Forskere fra Aarhus Universitet har evalueret forløbet med et kvasi-"
            "eksperimentelt design. Eleverne i forløbet læste markant bedre end elever på "
            "sammenlignelige skoler.",
        ),
        dict(sector="skole", org="kommune", level=4),
    ),
    Example(
        web(
            "Skolevægring: tidlig kontakt til hjemmet",
            "Når en elev har mere end 10 % fravær, kontakter klasselæreren hjemmet inden for en "
            "uge. Ordningen bruges nu på alle kommunens skoler. Fraværet blandt eleverne er "
            "gået fra 7,2 % til 5,9 % siden ordningen blev indført i 2021.",
            organisation="Gladsaxe Kommune",
        ),
        dict(sector="skole", stage="implementering", org="kommune", level=2),
    ),
    Example(
        pdf(
            "Undervisning i bevægelse - erfaringsopsamling",
            "Erfaringsopsamling fra projektet Bevægelse i Undervisningen, 2016-2018. "
            "Lærerne på 12 folkeskoler har afprøvet 45 minutters bevægelse om dagen. "
            "Lærerne fortæller om positive erfaringer og mere koncentrerede elever.",
            "Læring: Bevægelse fungerede ikke, når den blev lagt i sidste lektion. Vi ville "
            "gøre det anderledes i dag og lade lærerne planlægge sammen.",
        ),
        dict(
            sector="skole",
            status="afsluttet",
            level=1,
            pitfalls=True,
        ),
    ),
    Example(
        case(
            "Virksomhedsrettet indsats for langtidsledige",
            "Jobcenter Randers",
            udfordring="Mange borgere på kontanthjælp har været ledige i mere end fem år.",
            loesning="Virksomhedskonsulenter finder småjob på få timer om ugen til hver borger.",
            effekt="Af 120 deltagere kom 35 i ordinært job eller uddannelse. Projektet havde "
            "et budget på 3,2 mio. kr.",
        ),
        dict(sector="beskaeftigelse", org="kommune", pitfalls=False),
    ),
    Example(
        pdf(
            "Sygedagpenge: tidlig dialog med arbejdsgiveren",
            "Styrelsen for Arbejdsmarked og Rekruttering har i samarbejde med 18 jobcentre "
            "afprøvet en model, hvor sygemeldte og arbejdsgiver holder et møde i første uge.",
            "Deltagerne blev fundet ved lodtrækning. Varigheden af sygedagpengeforløb var "
            "i gennemsnit 2,1 uger kortere end i kontrolgruppen.",
        ),
        dict(sector="beskaeftigelse", stage="udvikling", org="stat", level=4),
    ),
    Example(
        web(
            "Flere flygtninge i job",
            "Vi har samlet danskundervisning og virksomhedspraktik i ét forløb. Vi forventer, "
            "at flere kvinder kommer i job, og målet er at halvere tiden til selvforsørgelse. "
            "En stor udfordring var, at mange kvinder ikke kunne få børnepasning, så vi måtte "
            "udskyde opstarten.",
            organisation="Kolding Kommune",
        ),
        dict(sector="beskaeftigelse", org="kommune", level=1, pitfalls=True),
    ),
    Example(
        case(
            "Klimatilpasning med regnbede",
            "Middelfart Kommune",
            udfordring="Skybrud oversvømmer kældre i bymidten.",
            loesning="Vi har anlagt regnbede og grønne veje, der leder regnvand væk fra kloakken.",
            effekt="Der er ikke målt effekt endnu.",
            status="Igangværende. Anlægget løber til 2028.",
        ),
        dict(
            sector="klima_miljoe",
            status="igangvaerende",
            org="kommune",
            level=0,
        ),
    ),
    Example(
        pdf(
            "Madspild i kommunale køkkener",
            "Madspildet i fem produktionskøkkener er reduceret med 25 % efter at køkkenerne "
            "begyndte at veje affaldet dagligt. Det svarer til 40 ton CO2 om året.",
            "Andre kommuner har taget metoden i brug, og den er nu spredt til 14 kommuner.",
        ),
        dict(sector="klima_miljoe", stage="spredning", level=2),
    ),
    Example(
        md(
            "Solceller på kommunens bygninger",
            (
                "",
                "Vi overvejer at sætte solceller på skoler og rådhuse og undersøger, "
                "hvilke tage der egner sig. Den første kortlægning viser et potentiale på 2 GWh.",
            ),
        ),
        dict(sector="klima_miljoe", stage="udforskning", level=1, pitfalls=False),
    ),
    Example(
        case(
            "Sensorer i skraldespande",
            "Københavns Kommune",
            udfordring="Skraldespandene i parkerne tømmes efter faste ruter, også når de er tomme.",
            loesning="Sensorer måler fyldningsgraden, og ruterne planlægges efter behov.",
            effekt="Antallet af tømninger er halveret, og kørslen er faldet med 30 %.",
            faldgruber="Sensorerne fungerede ikke i frostvejr den første vinter.",
        ),
        dict(sector="teknik_trafik", org="kommune", level=2, pitfalls=True),
    ),
    Example(
        web(
            "Trafiksikker skolevej",
            "Vejdirektoratet og Sønderborg Kommune afprøver intelligente fodgængerfelter ved "
            "fem skoler. Feltet lyser op, når et barn nærmer sig. Pilotprojektet evalueres af "
            "Aalborg Universitet i 2026.",
        ),
        dict(sector="teknik_trafik", stage="udvikling", level=0),
    ),
    Example(
        pdf(
            "Flextrafik - samkørsel af patientbefordring",
            "Trafikselskabet samkører nu kørsel til hospitaler og kommunal kørsel i hele "
            "regionen. Sammenlignet med andre trafikselskaber er prisen pr. tur 12 % lavere.",
        ),
        dict(sector="teknik_trafik", stage="implementering", level=3),
    ),
    Example(
        case(
            "Biblioteket som borgerservice i yderområder",
            "Lolland Kommune",
            udfordring="Borgerservice er lukket i de mindre byer.",
            loesning="Bibliotekerne har åbent med selvbetjening, og borgerne kan booke hjælp "
            "til digital selvbetjening hos en bibliotekar.",
            effekt="Borgerne er glade for ordningen.",
            barrierer="Det var svært at få it-systemerne til at tale sammen, og medarbejderne "
            "manglede adgang til borgerservicesystemet i de første måneder.",
        ),
        dict(sector="kultur_fritid", org="kommune", level=1, pitfalls=True),
    ),
    Example(
        web(
            "Idræt for alle i foreningerne",
            "DGI og Holstebro Kommune har udviklet et koncept, hvor idrætsforeninger tager imod "
            "børn fra familier med få penge. Konceptet er nu udbredt til 30 kommuner, og flere "
            "kommuner har overtaget modellen.",
        ),
        dict(sector="kultur_fritid", stage="spredning", level=0),
    ),
    Example(
        md(
            "Kulturpas til unge",
            (
                "Om projektet",
                "Unge mellem 15 og 24 år får et kulturpas med gratis adgang til "
                "museer, teater og koncerter. Projektet kørte fra 2018 til 2020 i Viborg.",
            ),
            (
                "Effekt",
                "42 % af de unge brugte passet mindst tre gange, og 61 % af brugerne "
                "svarede, at de var kommet på et museum for første gang.",
            ),
        ),
        dict(sector="kultur_fritid", status="afsluttet", level=2),
    ),
    Example(
        case(
            "Softwarerobot til sygedagpengesager",
            "Esbjerg Kommune",
            udfordring="Sagsbehandlerne bruger meget tid på at indhente oplysninger.",
            loesning="En softwarerobot (RPA) henter data fra eIndkomst og journaliserer "
            "dokumenter automatisk.",
            effekt="Robotten har frigjort 1.200 timer om året. Sagsbehandlingstiden er "
            "forkortet fra 14 til 9 dage.",
            status="I drift",
        ),
        dict(sector="administration", org="kommune", level=2),
    ),
    Example(
        pdf(
            "Chatbot i borgerservice",
            "Digitaliseringsstyrelsen har sammen med KL udviklet en prototype på en chatbot, "
            "der kan svare på spørgsmål om digital post og MitID. Prototypen testes lige nu i "
            "to borgerservicecentre.",
            "Vi lærte, at chatbotten skal kunne sende borgeren videre til en medarbejder. Det "
            "gjorde den ikke i første version, og mange borgere gav op.",
        ),
        dict(
            sector="administration",
            stage="udvikling",
            status="igangvaerende",
            org="stat",
            pitfalls=True,
        ),
    ),
    Example(
        web(
            "Kortere møder i forvaltningen",
            "Ledelsen i Center for HR og Økonomi har indført en ny mødeform med stående møder "
            "på højst 20 minutter. Medarbejderne oplever en større ro i kalenderen. Vi "
            "undgår, at møderne bliver lange.",
            organisation="Region Hovedstaden",
        ),
        dict(sector="administration", org="region", level=1, pitfalls=False),
    ),
    Example(
        case(
            "Tryghedsvandringer i boligområder",
            "Midt- og Vestsjællands Politi",
            udfordring="Beboerne i udsatte boligområder føler sig utrygge, og der er mange "
            "indbrud.",
            loesning="Politi, kommune og boligselskab går tryghedsvandringer med beboerne hver "
            "måned og retter op på belysning og beplantning.",
            effekt="Antallet af anmeldte indbrud faldt med 35 % fra 2022 til 2024, mens det i "
            "resten af politikredsen var uændret.",
        ),
        dict(sector="politi_beredskab", org="stat", level=3),
    ),
    Example(
        pdf(
            "Frivillige hjerteløbere",
            "Når alarmcentralen modtager et 112-opkald om hjertestop, sendes frivillige "
            "hjerteløbere med en hjertestarter. Ordningen er udviklet i Region Hovedstaden og "
            "er nu landsdækkende.",
            "En uafhængig evaluering fra Københavns Universitet viser, at overlevelsen er "
            "steget, siden ordningen blev indført.",
        ),
        dict(sector="politi_beredskab", stage="spredning", org="region", level=4),
    ),
    Example(
        web(
            "Droner i brandslukning",
            "Beredskabet afprøver droner med varmekamera ved større brande. Vi er netop gået i "
            "gang, og forsøget løber frem til 2027. Droner kan give et hurtigere overblik.",
            organisation="Beredskab Fyn",
        ),
        dict(
            sector="politi_beredskab",
            stage="udvikling",
            status="igangvaerende",
            level=1,
        ),
    ),
    Example(
        case(
            "Fælles indkøb af hjælpemidler",
            "KL",
            udfordring="Kommunerne betaler meget forskellige priser for de samme hjælpemidler.",
            loesning="Et fælleskommunalt udbud af kørestole og rollatorer.",
            effekt="Priserne faldt med 18 % i gennemsnit.",
        ),
        dict(org="andet", level=2),
    ),
    Example(
        web(
            "Region Sjællands Innovationspris",
            "Danske Regioner uddeler hvert år en pris til gode idéer i sundhedsvæsenet. "
            "Læs om årets vindere på hospitalerne.",
            organisation="Danske Regioner",
        ),
        dict(sector="sundhed", org="andet", level=0, pitfalls=False),
    ),
    Example(
        case(
            "Mad med mening på plejecentre",
            "Slagelse Kommune",
            udfordring="Udfordringen er, at mange beboere på plejecentre er underernærede, og "
            "at måltidet er en travl tid for personalet.",
            loesning="Køkkenet laver mad i afdelingerne, og personalet spiser med beboerne.",
            effekt="Beboerne tager på i vægt, og personalet fortæller om mere ro ved måltiderne.",
            faldgruber="-",
        ),
        dict(sector="aeldre", org="kommune", pitfalls=False),
    ),
    Example(
        pdf(
            "Årsrapport for Center for Sundhed 2023",
            "Centret har 120 medarbejdere og et budget på 45,6 mio. kr. I 2023 havde vi "
            "3.400 borgere i forløb. Kontakt os på telefon 72 36 00 00 mellem kl. 8 og 15. "
            "Centret tilbyder kurser i rygestop og hjælp til borgere med diabetes fra 2023 til "
            "2025.",
        ),
        dict(sector="sundhed", level=0, pitfalls=False),
    ),
    Example(
        case(
            "Digital genoptræning efter knæoperation",
            "Hvidovre Hospital",
            udfordring="Patienter venter længe på genoptræning efter en knæoperation.",
            loesning="Patienterne træner hjemme med en app og videokonsultationer.",
            effekt="Ventetiden til første træning er forkortet fra 21 til 5 dage. Patienterne i "
            "app-forløbet havde samme funktionsniveau efter tre måneder som en matchet "
            "sammenligningsgruppe.",
            faldgruber="Ældre patienter uden smartphone faldt fra. Vi skulle have haft en "
            "tablet-ordning fra start.",
        ),
        dict(sector="sundhed", org="region", level=4, pitfalls=True),
    ),
]

# --- second development set: other writing styles ------------------------------------------------
# Written later than DEV_SET, in styles unlike it: press releases, dry reports, enthusiastic project
# leaders, bullet lists, English-Danish mixes, many ways of saying "we measured", "it is in
# operation", "it has spread", "we are exploring" and "this went wrong".

STYLE_SET: list[Example] = [
    Example(
        web(
            "Pressemeddelelse: Markant færre faldulykker i hjemmeplejen",
            "Horsens Kommune kan nu dokumentere, at den faldforebyggende træning virker. Efter "
            "to år har kommunen reduceret antallet af faldulykker blandt hjemmeplejens borgere "
            "med en tredjedel. Træningen er nu en del af driften i alle hjemmeplejegrupper. "
            "- Det er en stor glæde at se, siger ældrechef Hanne Lund.",
        ),
        dict(sector="aeldre", stage="implementering", level=2, pitfalls=False),
    ),
    Example(
        pdf(
            "Statusnotat: Telemedicinsk hjemmemonitorering",
            "Modellen for telemedicinsk hjemmemonitorering af borgere med KOL er siden 2021 "
            "udbredt til samtlige fem regioner. Opgørelsen omfatter 2.400 patienter. Antallet af "
            "indlæggelser pr. patient var 0,8 om året mod 1,3 i sammenlignelige kommuner uden "
            "tilbuddet.",
        ),
        dict(sector="sundhed", stage="spredning", level=3, pitfalls=False),
    ),
    Example(
        web(
            "Vi er i gang med familierne!",
            "Vi er så glade for at være kommet i gang! Lige nu er vi ved at kortlægge, hvordan "
            "familier med udsatte børn oplever mødet med kommunen, og vi laver interviews med "
            "forældre for at forstå, hvor det går i stå. Det er en fantastisk proces, og til "
            "efteråret samler vi indsigterne i et idékatalog.",
        ),
        dict(
            sector="boern_unge",
            stage="udforskning",
            status="igangvaerende",
            level=0,
            pitfalls=False,
        ),
    ),
    Example(
        md(
            "Digital postsortering",
            (
                "Status",
                "- Softwarerobotten er indført i hele borgerservice\n"
                "- Sagsbehandlingstiden er nu 3 dage mod tidligere 11 dage\n"
                "- Et benspænd var, at robotten ikke kunne læse håndskrevne breve\n"
                "- Erfaringen er, at man skal have it-afdelingen med fra dag ét",
            ),
        ),
        dict(sector="administration", stage="implementering", level=2, pitfalls=True),
    ),
    Example(
        web(
            "EdTech-pilot: AI-feedback i udskolingen",
            "Vi tester et AI-baseret feedback-tool i to 8. klasser. Vores proof of concept kører "
            "hele foråret, og vi itererer løbende på baggrund af feedback fra lærerne. "
            "Forventningen er, at eleverne får hurtigere feedback, og at lærerne sparer tid på "
            "retning af opgaver.",
        ),
        dict(sector="skole", stage="udvikling", status="igangvaerende", level=1, pitfalls=False),
    ),
    Example(
        web(
            "Tidlig opsporing af forværring",
            "Sygeplejerskerne på medicinsk afdeling scorer hver patient ved hver vagt med en fast "
            "guide. Andelen af patienter, der overflyttes akut til intensiv, er gået fra 12 til "
            "5 procent. Alle afsnit på hospitalet arbejder nu sådan.",
        ),
        dict(sector="sundhed", stage="implementering", level=2, pitfalls=False),
    ),
    Example(
        web(
            "Mentorer til unge ledige breder sig",
            "Jobcenter Holstebros model med mentorstøtte til unge ledige er blevet overtaget af "
            "seks andre kommuner, og konceptet tilbydes nu som en del af et landsdækkende "
            "netværk. Medarbejderne oplever, at de unge kommer hurtigere i gang.",
        ),
        dict(sector="beskaeftigelse", stage="spredning", level=1, pitfalls=False),
    ),
    Example(
        md(
            "Sortering i etageboliger",
            (
                "",
                "Siden ordningen blev rullet ud i alle boligafdelinger, er der 38 procent færre "
                "tons restaffald. Sorteringen er forankret hos viceværterne, som følger op hver "
                "måned.",
            ),
        ),
        dict(sector="klima_miljoe", stage="implementering", level=2, pitfalls=False),
    ),
    Example(
        case(
            "Hurtigere hjælp fra PPR",
            udfordring="Familierne ventede for længe på en første samtale med PPR.",
            loesning="Visitationen er lagt om, så en psykolog ringer til forældrene inden for en "
            "uge. Den nye model er indført på alle skoler.",
            effekt="Ventetiden er nu 4 uger mod tidligere 9 uger.",
        ),
        dict(sector="skole", stage="implementering", level=2, pitfalls=False),
    ),
    Example(
        web(
            "Makerspace på hovedbiblioteket",
            "Biblioteket har åbnet et makerspace for unge med 3D-printere og symaskiner. I den "
            "seneste brugerundersøgelse steg tilfredsheden til 4,2 på en 5-skala. Vi afprøver "
            "stadig forskellige åbningstider i pilotperioden.",
        ),
        dict(
            sector="kultur_fritid",
            stage="udvikling",
            status="igangvaerende",
            level=2,
            pitfalls=False,
        ),
    ),
    Example(
        web(
            "Tryghedsvandringer giver resultater",
            "Politiet, boligforeningen og beboerne går tryghedsvandringer hver måned. Vi har set "
            "et fald på 25 % i anmeldte indbrud i området siden vandringerne begyndte. "
            "Vandringerne er blevet en fast del af politiets arbejde i bydelen.",
        ),
        dict(sector="politi_beredskab", stage="implementering", level=2, pitfalls=False),
    ),
    Example(
        md(
            "Housing First i Esbjerg",
            ("Indsats", "Hjemløse borgere får egen bolig først og derefter bostøtte."),
            (
                "Hvad viser tallene",
                "Resultaterne viser, at to ud af tre borgere stadig bor i egen bolig efter et år, "
                "og at antallet af udsættelser er halveret.",
            ),
        ),
        dict(sector="social", level=2, pitfalls=False),
    ),
    Example(
        web(
            "Færre akutte indlæggelser fra plejecentrene",
            "Akutsygeplejersker rykker ud til plejecentrene, når en beboer bliver dårlig. "
            "Sammenlignet med året før er der 140 færre akutte indlæggelser af beboere. "
            "Ordningen er nu permanent.",
        ),
        dict(sector="aeldre", stage="implementering", level=2, pitfalls=False),
    ),
    Example(
        pdf(
            "Virksomhedsrettet indsats for sygemeldte",
            "Sygemeldte borgere fik tilbudt en virksomhedskonsulent fra første uge. Deltagerne "
            "kom i gennemsnit fem uger hurtigere tilbage i job i forhold til kontrolgruppen. "
            "Det lykkedes ikke at få de mindre virksomheder med, og det vil vi gøre om.",
        ),
        dict(sector="beskaeftigelse", level=3, pitfalls=True),
    ),
    Example(
        web(
            "Sprogpakke i dagtilbud",
            "Evalueringen fra VIVE viser, at børnene i de deltagende daginstitutioner har et "
            "bedre ordforråd end børn i andre daginstitutioner. Sprogpakken bruges nu i alle "
            "kommunens børnehaver.",
        ),
        dict(sector="boern_unge", stage="implementering", level=4, pitfalls=False),
    ),
    Example(
        md(
            "Grønne indkøb",
            (
                "Resultater",
                "Rambøll har fulgt projektet og målt CO2-udledningen fra kommunens indkøb. "
                "Udledningen faldt med 18 % på to år.",
            ),
        ),
        dict(sector="klima_miljoe", level=4, pitfalls=False),
    ),
    Example(
        web(
            "Forundersøgelse: ensomme unge i foreningslivet",
            "Vi er i gang med en forundersøgelse af, hvorfor unge med angst falder fra i "
            "idrætsforeningerne. Vi har foreløbig talt med 14 unge og seks trænere. Om et halvt "
            "år beslutter vi, om der skal udvikles en løsning.",
        ),
        dict(
            sector="kultur_fritid",
            stage="udforskning",
            status="igangvaerende",
            level=0,
            pitfalls=False,
        ),
    ),
    Example(
        md(
            "Prototype på ny ansøgningsblanket",
            (
                "",
                "Vi har bygget en prototype på en digital ansøgning om hjælpemidler og afprøver "
                "den med 20 borgere i to uger. Borgerne får lov at klikke rundt, mens vi "
                "observerer.",
            ),
        ),
        dict(stage="udvikling", status="igangvaerende", level=0, pitfalls=False),
    ),
    Example(
        web(
            "Nyt vagtplanlægningsværktøj i hospitalsafdelingerne",
            "Projektet blev forsinket et halvt år, fordi leverandøren ikke kunne levere "
            "integrationen til lønsystemet. Vi undervurderede også, hvor meget oplæring der "
            "skulle til. Værktøjet er nu taget i brug på alle afdelinger på hospitalet.",
        ),
        dict(sector="sundhed", stage="implementering", level=0, pitfalls=True),
    ),
    Example(
        pdf(
            "Erfaringsopsamling: Ny skolestruktur",
            "Sammenlægningen af de tre skoler mødte modstand blandt medarbejderne, og vi måtte "
            "lave om på tidsplanen to gange. Vores råd er: gør det ikke som os - inddrag "
            "lærerne, før beslutningen træffes.",
        ),
        dict(sector="skole", level=0, pitfalls=True),
    ),
    Example(
        web(
            "Cykelstier i Odder",
            "Kommunen har anlagt 12 km nye cykelstier for 18 mio. kr. Projektet omfattede fem "
            "strækninger og blev udført i 2023. 300 borgere deltog i borgermøderne.",
        ),
        dict(sector="teknik_trafik", level=0, pitfalls=False),
    ),
    Example(
        case(
            "Digitale hjemmetræningsprogrammer",
            udfordring="Mange borgere stopper med at træne efter genoptræningsforløbet.",
            loesning="Borgerne får en app med videoer og påmindelser.",
            effekt="Effekten skal måles i efteråret med en før- og eftermåling af borgernes "
            "funktionsevne. Vi håber på færre genhenvisninger.",
        ),
        dict(sector="sundhed", level=1, pitfalls=False),
    ),
    Example(
        web(
            "Nattevagter med sensorer",
            "Sensorerne er installeret på 40 plejeboliger. Projektet har et budget på 3,2 mio. "
            "kr., og 65 medarbejdere er blevet uddannet. Beboerne er mellem 68 og 97 år.",
        ),
        dict(sector="aeldre", level=0, pitfalls=False),
    ),
    Example(
        web(
            "Udfordringen med skybrud",
            "Udfordringen er, at skybrud oversvømmer kældre i bymidten hvert andet år. Derfor "
            "bygger vi regnvandsbassiner og grønne tage. Arbejdet er i gang og ventes færdigt "
            "i 2027.",
        ),
        dict(sector="klima_miljoe", status="igangvaerende", level=0, pitfalls=False),
    ),
    Example(
        md(
            "Robotstøvsugere på rådhuset",
            ("Baggrund", "Rengøringen af kontorerne tog meget tid."),
            (
                "Hvad skete der",
                "Robotterne blev udrullet på alle etager. Rengøringstiden er reduceret med 30 "
                "procent, men det lykkedes ikke at få dem til at køre under skrivebordene, så vi "
                "måtte lave om på møbleringen.",
            ),
        ),
        dict(sector="administration", stage="implementering", level=2, pitfalls=True),
    ),
    Example(
        web(
            "Virtuelle hjemmebesøg spreder sig",
            "Skærmbesøg i hjemmeplejen startede som et pilotprojekt i Aabenraa. I dag er "
            "løsningen udbredt til 22 kommuner, og KL har lavet en drejebog, så flere kan komme "
            "i gang.",
        ),
        dict(sector="aeldre", stage="spredning", level=0, pitfalls=False),
    ),
    Example(
        web(
            "Ung-til-ung rådgivning",
            "Frivillige unge rådgiver andre unge om studieliv og ensomhed. Konceptet er nu "
            "kopieret af otte gymnasier rundt om i landet, og vi deler gerne materialerne.",
        ),
        dict(stage="spredning", level=0, pitfalls=False),
    ),
    Example(
        md(
            "Kortlægning af borgerrejser i borgerservice",
            (
                "Hvor er vi",
                "Vi er ved at kortlægge, hvordan borgere oplever at søge om pas og kørekort. "
                "Vi har holdt interviews med borgere og fulgt sagsbehandlerne for at forstå, "
                "hvor ventetiden opstår.",
            ),
        ),
        dict(
            sector="administration",
            stage="udforskning",
            status="igangvaerende",
            level=0,
            pitfalls=False,
        ),
    ),
    Example(
        web(
            "Medicinhåndtering på bosteder",
            "Efter indførelsen af elektronisk medicinmodul på bostederne er der registreret 60 "
            "procent færre medicinfejl. Personalet er tilfredse, og modulet er nu standard på "
            "kommunens botilbud.",
        ),
        dict(sector="social", stage="implementering", level=2, pitfalls=False),
    ),
    Example(
        web(
            "Mindre sygefravær i dagplejen",
            "Sygefraværet i dagplejen er faldet fra 6,8 procent til 4,9 procent, mens det "
            "i resten af kommunens institutioner lå stabilt på 6,5 procent. Indsatsen med "
            "fleksible vagter fortsætter.",
        ),
        dict(sector="boern_unge", level=3, pitfalls=False),
    ),
    Example(
        pdf(
            "Evaluering af lektiecaféer",
            "Aalborg Universitet har evalueret lektiecaféerne med et kvasieksperimentelt "
            "design. Eleverne, der deltog, fik i gennemsnit 0,6 karakterpoint mere i "
            "matematik end en matchet sammenligningsgruppe.",
        ),
        dict(sector="skole", level=4, pitfalls=False),
    ),
    Example(
        web(
            "Job først for flygtninge",
            "Andelen af flygtninge i ordinært job efter tre år er steget til 48 procent fra "
            "31 procent, før vi lagde indsatsen om.",
        ),
        dict(sector="beskaeftigelse", level=2, pitfalls=False),
    ),
    Example(
        web(
            "Klimavenlig mad i kantinerne",
            "Kantinerne har lagt menuen om, så der serveres mere plantebaseret mad. Klimaaftrykket "
            "pr. måltid er nu 1,1 kg CO2 mod 1,9 kg, før omlægningen begyndte. Vi måtte "
            "justere opskrifterne flere gange, fordi medarbejderne ikke spiste maden.",
        ),
        dict(sector="klima_miljoe", level=2, pitfalls=True),
    ),
    Example(
        md(
            "Smart parkering",
            (
                "Projektet",
                "Sensorer i p-pladserne viser ledige pladser i en app. Løsningen blev testet på "
                "to p-pladser, og nu rulles den ud i hele midtbyen.",
            ),
            (
                "Erfaringer",
                "Vi havde ikke forudset, at sensorerne ikke virker under sne. Det tog længere tid "
                "end ventet at få leverandøren til at rette fejlen.",
            ),
        ),
        dict(sector="teknik_trafik", stage="implementering", level=0, pitfalls=True),
    ),
    Example(
        web(
            "Motion på recept i foreningerne",
            "Borgere med livsstilssygdomme bliver henvist til motionshold i lokale "
            "idrætsforeninger. Vi håber, at flere borgere fortsætter i foreningerne efter "
            "forløbet. Ordningen er i sin første afprøvning i to foreninger.",
        ),
        dict(stage="udvikling", status="igangvaerende", level=1, pitfalls=False),
    ),
    Example(
        web(
            "Hurtigere sagsbehandling af byggesager",
            "Byggesagsafdelingen har indført digital forhåndsdialog. Den gennemsnitlige "
            "sagsbehandlingstid er nu 32 dage, hvor den tidligere var 61 dage. Det gik dog "
            "ikke uden problemer: i starten var der stor modstand blandt sagsbehandlerne, og vi "
            "undervurderede behovet for oplæring.",
        ),
        dict(sector="teknik_trafik", stage="implementering", level=2, pitfalls=True),
    ),
    Example(
        web(
            "Opsporing af ensomme ældre via apotekerne",
            "Vi undersøger sammen med apotekerne, om de kan opspore ensomme ældre. Først "
            "interviewer vi farmaceuter og ældre borgere for at forstå behovet. Der er endnu "
            "ikke udviklet en løsning.",
        ),
        dict(sector="aeldre", stage="udforskning", status="igangvaerende", level=0, pitfalls=False),
    ),
    Example(
        pdf(
            "Slutrapport: Brandforebyggende hjemmebesøg",
            "Beredskabet har besøgt 1.800 ældre borgere og tjekket røgalarmer. Sammenlignet med "
            "de tre foregående år er antallet af brande i boliger faldet med 22 %. Projektet er "
            "afsluttet, og besøgene er overgået til drift.",
        ),
        dict(sector="politi_beredskab", stage="implementering", level=2, pitfalls=False),
    ),
    Example(
        web(
            "Feedback-informeret behandling",
            "Misbrugscentret har i et år brugt korte spørgeskemaer efter hver samtale. Andelen "
            "af borgere, der afbryder behandlingen, er faldet markant - fra næsten hver tredje "
            "til hver femte. Erfaringen er, at metoden kræver tid til at falde på plads.",
        ),
        dict(sector="social", level=2, pitfalls=True),
    ),
    Example(
        md(
            "Åben skole med musikskolen",
            (
                "Kort fortalt",
                "Musikskolen underviser alle 3. klasser i skoletiden. Samarbejdet er forankret i "
                "en fast aftale mellem skoleforvaltningen og musikskolen.",
            ),
            (
                "Det tager vi med os",
                "Det var sværere end forventet at få skemaerne til at passe, og lærerne følte "
                "sig ikke inddraget fra starten.",
            ),
        ),
        dict(stage="implementering", level=0, pitfalls=True),
    ),
    Example(
        web(
            "Gennemsnitlige ventetid i akutmodtagelsen",
            "Efter indførelsen af triage ved døren er ventetiden i akutmodtagelsen faldet. "
            "Målinger viser en gennemsnitlig ventetid på 38 minutter mod 64 minutter året før.",
        ),
        dict(sector="sundhed", level=2, pitfalls=False),
    ),
    Example(
        web(
            "Hjemmebesøg til gravide i sårbare familier",
            "Sundhedsplejen har gennem tre år tilbudt ekstra hjemmebesøg. Familierne i "
            "ordningen havde halvt så mange underretninger som sammenlignelige familier i "
            "nabokommunen.",
        ),
        dict(sector="boern_unge", level=3, pitfalls=False),
    ),
    Example(
        md(
            "Chatbot i borgerservice",
            (
                "",
                "Vi har lanceret en chatbot, der besvarer spørgsmål om affald og parkering. "
                "Chatbotten er i drift og håndterer omkring 2.000 henvendelser om måneden.",
            ),
        ),
        dict(sector="administration", stage="implementering", level=0, pitfalls=False),
    ),
    Example(
        web(
            "Ny model for hjemmepleje afprøves",
            "Vi afprøver selvstyrende teams i to hjemmeplejegrupper. Det første halve år har "
            "vist, at teamene bruger 15 % mindre tid på koordinering. Et benspænd var "
            "vagtplanerne, som ikke passede til den nye måde at arbejde på.",
        ),
        dict(sector="aeldre", stage="udvikling", status="igangvaerende", level=2, pitfalls=True),
    ),
    # Written after the rules had been tuned on the examples above, as a check that they generalise.
    Example(
        web(
            "Sådan arbejder vi med overgange fra hospital til hjem",
            "Når en ældre borger udskrives, ringer en sygeplejerske fra kommunen hjem dagen "
            "efter. Ordningen har kørt i fire år, og antallet af genindlæggelser inden for 30 "
            "dage ligger nu på 9 procent, hvor det før lå på 14 procent.",
        ),
        dict(sector="aeldre", stage="implementering", level=2, pitfalls=False),
    ),
    Example(
        md(
            "Dialogcafé for pårørende",
            (
                "Om projektet",
                "Vi har afholdt tre workshops med pårørende til borgere med demens for at finde "
                "ud af, hvad de savner. Næste skridt er at udvikle et koncept sammen med dem.",
            ),
        ),
        dict(sector="aeldre", stage="udforskning", status="igangvaerende", level=0, pitfalls=False),
    ),
    Example(
        web(
            "Sundhedsplejens videokonsultationer - nu i hele landet",
            "Efter en vellykket pilot i Vejle tilbyder over 30 kommuner nu videokonsultationer "
            "med sundhedsplejersken. Metoden er beskrevet i en fælles guide, som alle kan bruge.",
        ),
        dict(sector="boern_unge", stage="spredning", level=0, pitfalls=False),
    ),
    Example(
        web(
            "Ny rute til genbrugspladsen",
            "Vores genbrugsplads har fået nye skilte og ny indretning. Borgerne sorterer nu "
            "bedre: 72 procent af affaldet genanvendes mod 61 procent sidste år.",
        ),
        dict(sector="klima_miljoe", level=2, pitfalls=False),
    ),
    Example(
        pdf(
            "Notat om ungeindsats",
            "Indsatsen blev evalueret af Oxford Research. 62 % af de unge var i uddannelse "
            "eller job et år efter forløbet. Evalueringen peger på, at mentorerne var "
            "afgørende.",
        ),
        dict(sector="beskaeftigelse", level=4, pitfalls=False),
    ),
    Example(
        web(
            "Skolernes nye frikvartersaktiviteter",
            "Legepatruljer i frikvarteret er afprøvet på tre skoler. Elevernes trivsel målt i "
            "den nationale trivselsmåling gik fra 3,7 til 3,9, mens den var uændret på de "
            "øvrige skoler i kommunen.",
        ),
        dict(sector="skole", stage="udvikling", level=3, pitfalls=False),
    ),
    Example(
        web(
            "Tværfaglige teams i socialpsykiatrien",
            "Vi forventede, at borgerne hurtigt ville tage imod tilbuddet, men sådan gik det "
            "ikke. Mange borgere blev væk fra de første møder, og vi måtte bruge et halvt år "
            "på at opbygge tillid. Teamene er i dag en fast del af socialpsykiatrien.",
        ),
        dict(sector="social", stage="implementering", level=0, pitfalls=True),
    ),
    Example(
        md(
            "Digital rekruttering",
            (
                "Effekt",
                "Tiden fra opslag til ansættelse er skåret ned fra 58 til 35 dage i snit.",
            ),
            (
                "Hvad vi ville gøre anderledes",
                "Vi skulle have testet systemet med ledere fra flere forvaltninger.",
            ),
        ),
        dict(sector="administration", level=2, pitfalls=True),
    ),
    Example(
        web(
            "Natlig tilsyn med kamera",
            "Borgere i hjemmeplejen kan vælge natligt tilsyn via kamera i stedet for fysiske "
            "besøg. 150 borgere har valgt løsningen. Tilbuddet koster 1,2 mio. kr. om året.",
        ),
        dict(sector="aeldre", level=0, pitfalls=False),
    ),
    Example(
        web(
            "Forsøg med firedages arbejdsuge",
            "Kommunen gennemfører et forsøg med firedages arbejdsuge på to rådhuskontorer. "
            "Forsøget evalueres efter et år, hvor sygefravær og trivsel sammenlignes med "
            "kontorer, der fortsætter som hidtil.",
        ),
        dict(
            sector="administration",
            stage="udvikling",
            status="igangvaerende",
            level=0,
            pitfalls=False,
        ),
    ),
    Example(
        web(
            "Styrket brandsyn",
            "Efter omlægningen af brandsynet finder beredskabet flere fejl ved første besøg: "
            "i 2023 blev der fundet fejl i 41 % af bygningerne mod 23 % i 2021.",
        ),
        dict(sector="politi_beredskab", level=2, pitfalls=False),
    ),
    Example(
        web(
            "Vi søger partnere!",
            "Vores app til unge med angst er klar, og vi vil gerne i kontakt med kommuner, der "
            "har lyst til at afprøve den. Appen er udviklet sammen med 40 unge.",
        ),
        dict(stage="udvikling", level=0, pitfalls=False),
    ),
    Example(
        pdf(
            "Årsrapport for trafiksikkerhed",
            "Hastighedsdæmpning ved 12 skoler er nu gennemført og indgår i den faste "
            "vejdrift. Antallet af personskader på de ombyggede strækninger er faldet med 40 "
            "procent, mens det er steget med 5 procent på kommunens øvrige veje.",
        ),
        dict(sector="teknik_trafik", stage="implementering", level=3, pitfalls=False),
    ),
    Example(
        web(
            "Fællesskaber for seniorer i kulturhuset",
            "Kulturhuset inviterer hver torsdag seniorer til sang og kaffe. Det har været "
            "en udfordring at nå de mest ensomme, og vi har lært, at personlig invitation virker "
            "bedre end plakater.",
        ),
        dict(sector="kultur_fritid", level=1, pitfalls=True),
    ),
    Example(
        web(
            "Færre tvangsforanstaltninger",
            "Afsnittet har arbejdet med sansestimulering i to år. Bæltefikseringer er nu "
            "sjældne: vi har registreret 11 i år mod 35 året før.",
        ),
        dict(sector="sundhed", level=2, pitfalls=False),
    ),
    Example(
        web(
            "Læsevenner",
            "Pensionerede lærere læser med børn i 1. klasse. Indsatsen er udvidet fra 4 til "
            "14 skoler, og flere kommuner har spurgt efter konceptet.",
        ),
        dict(sector="skole", stage="spredning", level=0, pitfalls=False),
    ),
]

FIELDS = {
    "sector": lambda c: c.sector and c.sector.value,
    "stage": lambda c: c.stage and c.stage.value,
    "status": lambda c: c.status and c.status.value,
    "org": lambda c: c.organisation_type and c.organisation_type.value,
    "level": lambda c: c.evidence_level and c.evidence_level.value,
    "pitfalls": lambda c: c.has_pitfalls and c.has_pitfalls.value,
}


def dev_accuracy(
    classifier: Classifier, examples: list[Example] | None = None
) -> dict[str, tuple[int, int, list[str]]]:
    """Per field: (correct, labelled, titles of the misses)."""
    out: dict[str, tuple[int, int, list[str]]] = {}
    examples = DEV_SET if examples is None else examples
    results = [(ex, classifier.classify(ex.doc, today=TODAY)) for ex in examples]
    for name, get in FIELDS.items():
        labelled = [(ex, c) for ex, c in results if name in ex.expect]
        misses = [
            f"{ex.doc.title}: {get(c)!r} != {ex.expect[name]!r}"
            for ex, c in labelled
            if get(c) != ex.expect[name]
        ]
        out[name] = (len(labelled) - len(misses), len(labelled), misses)
    return out


# --- development set ----------------------------------------------------------------------------


def test_dev_set_is_varied() -> None:
    sectors = {ex.expect.get("sector") for ex in DEV_SET} - {None}
    assert len(DEV_SET) >= 40
    assert len(sectors) == 11
    assert {ex.doc.kind for ex in DEV_SET} == {"case", "pdf", "html", "markdown"}
    assert {ex.expect.get("level") for ex in DEV_SET} >= {0, 1, 2, 3, 4}


def test_dev_set_accuracy_rules_only() -> None:
    acc = dev_accuracy(Classifier())
    # Floors a little under what the rules reach now, so a regression fails loudly.
    floors = {"sector": 0.9, "stage": 0.8, "status": 0.8, "org": 0.9, "level": 0.8, "pitfalls": 0.9}
    for name, (ok, n, misses) in acc.items():
        assert ok / n >= floors[name], f"{name}: {ok}/{n}; misses: {misses}"


def test_style_set_is_varied() -> None:
    assert len(STYLE_SET) >= 40
    assert {ex.doc.kind for ex in STYLE_SET} == {"case", "pdf", "html", "markdown"}
    assert {ex.expect.get("level") for ex in STYLE_SET} >= {0, 1, 2, 3, 4}
    assert {ex.expect.get("stage") for ex in STYLE_SET} >= set(STAGE_KEYS)


def test_style_set_accuracy_rules_only() -> None:
    acc = dev_accuracy(Classifier(), STYLE_SET)
    floors = {"sector": 0.9, "stage": 0.9, "status": 0.8, "level": 0.9, "pitfalls": 0.9}
    for name, floor in floors.items():
        ok, n, misses = acc[name]
        assert ok / n >= floor, f"{name}: {ok}/{n}; misses: {misses}"


def test_style_set_documented_effect_precision_and_recall() -> None:
    classifier = Classifier()
    pairs = [
        (ex.expect["level"] >= 2, classifier.classify(ex.doc, today=TODAY).evidence_level)
        for ex in STYLE_SET
        if "level" in ex.expect
    ]
    got = [(truth, level is not None and level.value >= 2) for truth, level in pairs]
    tp = sum(1 for truth, pred in got if truth and pred)
    precision = tp / max(1, sum(1 for _, pred in got if pred))
    recall = tp / max(1, sum(1 for truth, _ in got if truth))
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


# --- evidence -----------------------------------------------------------------------------------


def test_measured_change_in_effect_section_is_level_2_with_its_sentence() -> None:
    doc = case(
        "Sundhedsfremme for medarbejdere",
        "Viborg Kommune",
        udfordring="Sygefraværet var højt i ældreplejen.",
        effekt="Sygefraværet faldt fra 8,1 % til 6,4 % på et år. Medarbejderne er glade.",
    )
    c = Classifier().classify(doc, today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value == 2
    assert c.evidence_level.confidence >= 0.7
    assert "Sygefraværet faldt fra 8,1 % til 6,4 % på et år." in c.evidence_sentences


def test_numbers_that_are_not_effects_give_level_0() -> None:
    doc = pdf(
        "Projektbeskrivelse",
        "Projektet har et budget på 2,5 mio. kr. og 120 deltagere. Det løber fra 2024 til "
        "2026. Ring på tlf. 33 12 45 67 fra kl. 9 til 15. Børn fra 0 til 6 år kan deltage.",
    )
    c = Classifier().classify(doc, today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value == 0
    assert c.evidence_sentences == []


def test_problem_statistics_are_not_effects() -> None:
    doc = case(
        "Flere ældre",
        "Randers Kommune",
        udfordring="Antallet af borgere over 80 år er steget fra 4.100 til 5.600 siden 2015.",
        loesning="Vi vil afprøve nye former for hjemmepleje.",
    )
    c = Classifier().classify(doc, today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value == 0


def test_expected_effect_is_level_1() -> None:
    doc = web("Ny app", "Vi forventer at spare 300 timer om året, og målet er færre klager.")
    c = Classifier().classify(doc, today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value == 1
    assert c.evidence_sentences


def test_comparison_with_benchmark_is_level_3() -> None:
    doc = web(
        "Ventetid i PPR",
        "Efter omlægningen er ventetiden faldet til 6 uger, mod 14 uger i gennemsnit i "
        "nabokommunerne.",
    )
    c = Classifier().classify(doc, today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value == 3


def test_planned_independent_evaluation_is_not_level_4() -> None:
    doc = web(
        "Nyt forløb",
        "Projektet skal evalueres af VIVE, når det er afsluttet. Der er ikke lavet en "
        "randomiseret undersøgelse.",
    )
    c = Classifier().classify(doc, today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value < 4


def test_randomised_trial_is_level_4() -> None:
    doc = pdf(
        "Rapport",
        "Borgerne blev fordelt ved lodtrækning. Gruppen med forløbet havde 20 % færre "
        "indlæggelser.",
    )
    c = Classifier().classify(doc, today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value == 4
    assert any("lodtrækning" in s for s in c.evidence_sentences)
    assert any("20 % færre" in s for s in c.evidence_sentences)


# --- pitfalls -----------------------------------------------------------------------------------


def test_udfordring_as_the_problem_is_not_a_pitfall() -> None:
    doc = web(
        "Ensomhed",
        "Udfordringen er, at mange ældre føler sig ensomme. Udfordringerne på området er "
        "store, og derfor har vi lavet en besøgsordning med frivillige.",
    )
    c = Classifier().classify(doc, today=TODAY)
    assert c.has_pitfalls is not None and c.has_pitfalls.value is False


def test_pitfalls_section_with_content_means_pitfalls() -> None:
    doc = case(
        "Nyt vagtplanssystem",
        "Region Sjælland",
        loesning="Et nyt system til vagtplaner.",
        faldgruber="Vi valgte leverandør, før vi havde talt med dem, der lægger vagtplanerne.",
    )
    c = Classifier().classify(doc, today=TODAY)
    assert c.has_pitfalls is not None and c.has_pitfalls.value is True
    assert c.has_pitfalls.confidence >= 0.7


@pytest.mark.parametrize("empty", ["Ingen", "-", "Ikke relevant", "Ingen faldgruber.", ""])
def test_empty_pitfalls_section_is_not_pitfalls(empty: str) -> None:
    doc = case("Et projekt", "Ikast-Brande Kommune", loesning="Et nyt tilbud.", faldgruber=empty)
    c = Classifier().classify(doc, today=TODAY)
    assert c.has_pitfalls is not None and c.has_pitfalls.value is False


def test_lessons_in_running_text_are_pitfalls() -> None:
    doc = pdf(
        "Erfaringer",
        "Set i bakspejlet skulle vi have inddraget medarbejderne tidligere. Implementeringen "
        "tog længere tid end forventet.",
    )
    c = Classifier().classify(doc, today=TODAY)
    assert c.has_pitfalls is not None and c.has_pitfalls.value is True


# --- recall of measured effects, stages and pitfalls in many wordings --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Andelen af borgere, der klarer sig selv, er gået fra 30 til 45 procent.",
        "Vi har reduceret antallet af akutte udkald til plejecentrene med en tredjedel.",
        "Der er nu 25 procent færre klager over vintertjenesten.",
        "Ventetiden er nu 4 uger mod tidligere 9 uger.",
        "Tilfredsheden steg til 4,2 på en 5-skala i den seneste måling.",
        "Vi har set et fald på 18 % i antallet af forsinkede afgange.",
        "Sammenlignet med året før er der 140 færre indlæggelser.",
        "Sagsbehandlingstiden er 32 dage, hvor den tidligere var 61 dage.",
        "Andelen i job er steget til 48 procent fra 31 procent.",
        "Frafaldet er faldet fra næsten hver tredje til hver femte deltager.",
        "Efter omlægningen genanvendes 72 procent af affaldet mod 61 procent sidste år.",
        "Resultaterne viser, at 80 % af deltagerne er kommet i job eller uddannelse.",
    ],
)
def test_measured_change_wordings_are_level_2(text: str) -> None:
    c = Classifier().classify(web("Resultater", text), today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value == 2, text
    assert c.evidence_sentences


@pytest.mark.parametrize(
    "text",
    [
        "Fraværet faldt med 2 procentpoint i forhold til kontrolgruppen.",
        "Børnene havde halvt så mange sygedage som børn i sammenlignelige kommuner.",
        "Ventetiden faldt fra 9 til 5 uger, mens den var uændret på de øvrige skoler.",
        "Antallet af indlæggelser var 0,8 pr. patient mod 1,3 i sammenlignelige kommuner.",
    ],
)
def test_compared_effect_wordings_are_level_3(text: str) -> None:
    c = Classifier().classify(web("Resultater", text), today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value == 3, text


@pytest.mark.parametrize(
    "text",
    [
        "Evalueringen fra VIVE viser, at eleverne læser bedre.",
        "Rambøll har evalueret indsatsen, og ventetiden faldt med 20 %.",
        "Aalborg Universitet har fulgt projektet og målt borgernes funktionsevne.",
    ],
)
def test_independent_evaluation_wordings_are_level_4(text: str) -> None:
    c = Classifier().classify(web("Resultater", text), today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value == 4, text


@pytest.mark.parametrize(
    ("text", "most"),
    [
        ("300 borgere deltog i borgermøderne, og projektet kostede 2 mio. kr.", 0),
        ("Opgørelsen omfatter 2.400 patienter fra fem kommuner.", 0),
        ("Beboerne er mellem 68 og 97 år, og 65 medarbejdere er uddannet.", 0),
        ("Der er ikke målt effekt endnu.", 0),
        ("Effekten skal måles med en før- og eftermåling næste år.", 1),
        ("Det var sværere end forventet at få skemaerne til at passe.", 0),
        ("Antallet af borgere over 80 år er steget de seneste år fra 4.100 til 5.600.", 0),
    ],
)
def test_numbers_plans_and_problems_are_not_measured_effects(text: str, most: int) -> None:
    c = Classifier().classify(web("Projekt", text), today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value <= most, text


# --- reported results in wordings beyond from-to: tables, arrows, two sentences, results ------


@pytest.mark.parametrize(
    "doc",
    [
        web("Ventetid", "Ventetiden er skåret ned til 3 minutter fra tidligere 12 minutter."),
        web("Hjemmepleje", "Borgerne møder nu 4 forskellige hjælpere om måneden – før var det 11."),
        web("Jobcenter", "Det tog i gennemsnit 19 dage. I dag ligger ventetiden på 8 dage."),
        web("Tweet", "Medicinfejl er nu nede på 3 om måneden. Sidste år lå vi på 15."),
        web("Psykolog", "Ventelisten er nu 5 uger. Ved projektstart var den på 16 uger."),
        web("Tilsyn", "I år fandt vi fejl i 4 % af listerne. I 2022 var andelen 17 %."),
        web("Uheld", "Politiet registrerede 9 uheld i 2024, i 2022 var tallet 23."),
        web("Sygdom", "Sygemeldingerne er gået fra i snit 14 dage til 9 dage om året."),
        web("Overarbejde", "Antallet af overarbejdstimer er faldet til en fjerdedel."),
        web("Genbrug", "Butikken har givet 38 tons mindre affald det første år."),
        web("Bus", "Rejsetiden er i myldretiden blevet 9 minutter kortere."),
        web(
            "Akutteam", "Teamet har forhindret 310 indlæggelser, svarende til 4,1 mio. kr. sparet."
        ),
        web("Robotter", "Robotterne har frigjort ca. 25 timer om ugen til andre opgaver."),
        web("Fravær", "Fraværet i 9. klasse: 2022/23: 8,4 % — 2023/24: 6,1 %."),
        md("Skolevej", ("Effekt", "- Før: 140 biler | Efter: 65 biler")),
        md("Kort fortalt", ("Resultater", "• Genindlæggelser: 14 % → 9 %")),
        md("Borgerservice", ("Resultater", "Før projektet: 850\n\nEfter projektet: 610")),
        md("KPI", ("Resultater", "Ventetid på hjælpemidler | 2022: 34 dage | 2024: 12 dage")),
        md("Ydelser", ("Effekt", "Medarbejderne sparer nu 1.800 timer årligt på ansøgningerne.")),
    ],
    ids=lambda d: d.title,
)
def test_reported_results_are_level_2(doc: ParsedDocument) -> None:
    c = Classifier().classify(doc, today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value == 2, doc.sections
    assert c.evidence_sentences


@pytest.mark.parametrize(
    "text",
    [
        "I pilotdistriktet er responstiden nu 7 minutter mod 11 minutter i de andre distrikter.",
        "Husstandene sorterer nu 58 % af madaffaldet fra, hvor de øvrige områder ligger på 34 %.",
        "Eleverne rykkede 0,4 klassetrin mere i læsning end elever på skoler uden læsebånd.",
        "Unge i projektet gennemfører dobbelt så ofte som unge i samme situation uden mentor.",
        "41 procent kom i job, hvilket er 15 procentpoint mere end i den almindelige indsats.",
        "Sygefraværet faldt til 5,2 %, mens det på kontrolafdelingerne lå omkring 8 %.",
        "Af de 64 kom 22 i job. I den tilsvarende gruppe på jobcentret var det 9 af 60.",
    ],
)
def test_results_set_against_others_are_level_3(text: str) -> None:
    c = Classifier().classify(web("Resultater", text), today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value == 3, text


@pytest.mark.parametrize(
    ("doc", "level"),
    [
        (web("Analyse", "Ifølge Danmarks Statistik faldt ulykkerne med 6 % i 2023."), 0),
        (web("Baggrund", "Indbrud steg fra 1.210 til 1.450 i 2023. Det er derfor, vi starter."), 0),
        (web("Ansøgere", "I år har 312 søgt ind på uddannelsen mod 280 sidste år."), 0),
        (web("Personale", "Afdelingen er nu 14 medarbejdere. Sidste år var vi 11."), 0),
        (web("Frivillige", "Vi har i dag 85 frivillige, og i 2019 var der 30."), 0),
        (web("Tilmeldte", "Før sommerferien: 40 tilmeldte | Efter sommerferien: 65 tilmeldte."), 0),
        (md("Økonomi", ("Økonomi", "Budget 2024: 1,2 mio. kr. | Budget 2025: 1,5 mio. kr.")), 0),
        (
            web(
                "Forslag",
                "Vi foreslår at spare 2 mio. kr., hvilket vil betyde 30 % færre km asfalt.",
            ),
            1,
        ),
        (md("Projektplan", ("Succeskriterier", "- 10 % færre genindlæggelser inden 2026")), 1),
        (md("Gevinster", ("Forventet effekt", "Ventetiden reduceres fra 12 til 6 uger.")), 1),
        (md("Plan", ("Mål", "Vi skal ned på 5 % sygefravær fra 8 % i dag.")), 1),
        (web("Ansøgning", "Vi regner med, at ventetiden kan komme ned på 6 uger."), 1),
    ],
    ids=lambda x: x.title if isinstance(x, ParsedDocument) else str(x),
)
def test_problems_counts_and_targets_are_not_reported_results(
    doc: ParsedDocument, level: int
) -> None:
    c = Classifier().classify(doc, today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value == level, doc.sections


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Metoden er nu en del af driften i hjemmeplejen.", "implementering"),
        ("Alle afdelinger på hospitalet arbejder nu sådan.", "implementering"),
        ("Løsningen rulles ud i hele midtbyen i år.", "implementering"),
        ("Den nye visitation er indført på alle skoler.", "implementering"),
        ("Ordningen har kørt i fire år og indgår i den faste drift.", "implementering"),
        ("Modellen er udbredt til 22 kommuner.", "spredning"),
        ("Seks andre kommuner har overtaget konceptet.", "spredning"),
        ("Over 30 kommuner tilbyder nu videokonsultationer med sundhedsplejen.", "spredning"),
        ("Vi er ved at kortlægge, hvordan borgerne oplever ventetiden.", "udforskning"),
        ("Vi er i gang med en forundersøgelse af behovet.", "udforskning"),
        ("Vi har holdt interviews med borgere for at forstå, hvor det går galt.", "udforskning"),
        ("Vi har bygget en prototype og afprøver den med 20 borgere.", "udvikling"),
        ("Pilotprojektet kører på to plejecentre.", "udvikling"),
    ],
)
def test_stage_wordings(text: str, stage: str) -> None:
    c = Classifier().classify(web("Projekt", text), today=TODAY)
    assert c.stage is not None and c.stage.value == stage, text


def test_measured_effect_without_pilot_words_leans_to_implementation() -> None:
    doc = web("Natlige opkald", "Antallet af natlige opkald er faldet fra 40 til 22 om ugen.")
    c = Classifier().classify(doc, today=TODAY)
    assert c.stage is not None and c.stage.value == "implementering"
    assert c.stage.confidence <= 0.35  # a guess


@pytest.mark.parametrize(
    "text",
    [
        "Det lykkedes ikke at få de små virksomheder med.",
        "Vi måtte lave om på tidsplanen to gange.",
        "Erfaringen er, at man skal have it-afdelingen med fra dag ét.",
        "Gør det ikke som os: inddrag lærerne, før beslutningen træffes.",
        "Vi undervurderede, hvor meget oplæring der skulle til.",
        "Projektet blev forsinket et halvt år af leverandøren.",
        "Vi mødte modstand blandt medarbejderne i starten.",
        "Et benspænd var vagtplanerne, som ikke passede.",
        "Vi havde ikke forudset, at sensorerne ikke virker under sne.",
        "Det var sværere end forventet at få skemaerne til at passe.",
    ],
)
def test_pitfall_wordings(text: str) -> None:
    c = Classifier().classify(web("Erfaringer", text), today=TODAY)
    assert c.has_pitfalls is not None and c.has_pitfalls.value is True, text


@pytest.mark.parametrize(
    "text",
    [
        "Udfordringen er, at mange unge dropper ud af ungdomsuddannelserne.",
        "Projektet skal sikre, at flere ældre kan blive boende hjemme.",
        "Vi har gode erfaringer med at inddrage de pårørende.",
    ],
)
def test_not_pitfalls(text: str) -> None:
    c = Classifier().classify(web("Projekt", text), today=TODAY)
    assert c.has_pitfalls is not None and c.has_pitfalls.value is False, text


# --- organisation type --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Aarhus Kommune", "kommune"),
        ("Københavns Kommune", "kommune"),
        ("Bornholms Regionskommune", "kommune"),
        ("Ringkøbing-Skjern Kommune", "kommune"),
        ("Jobcenter Aalborg", "kommune"),
        ("Region Hovedstaden", "region"),
        ("Region Midtjylland, Psykiatrien", "region"),
        ("Aarhus Universitetshospital", "region"),
        ("Sygehus Lillebælt", "region"),
        ("Sundhedsstyrelsen", "stat"),
        ("Styrelsen for Arbejdsmarked og Rekruttering", "stat"),
        ("Social- og Boligministeriet", "stat"),
        ("Rigspolitiet", "stat"),
        ("Nordsjællands Politi", "stat"),
        ("Udbetaling Danmark", "stat"),
        ("Danske Regioner", "andet"),
        ("KL", "andet"),
        ("Kommunernes Landsforening", "andet"),
        ("TrygFonden", "andet"),
        ("Egmont Fonden", "andet"),
        ("Ældre Sagen", "andet"),
        ("Netcompany A/S", "andet"),
        ("Dansk Handicap Forbund", "andet"),
        ("Hjemmeplejen Nord", None),  # a name that does not tell; the caller reads the text
        # the owner is named before its partners
        ("Region Vestkyst i samarbejde med Fjordby og Lindå kommuner", "region"),
        ("Fjordby Kommune sammen med Region Vestkyst", "kommune"),
        ("Bornholms Regionskommune", "kommune"),
        ("Bestyrelsen", None),  # a board, which every kind of organisation has; no agency
        ("Kommunalbestyrelsen", "kommune"),
    ],
)
def test_org_type_of_name(name: str, kind: str | None) -> None:
    assert org_type_of_name(name) == kind


def test_org_type_from_text_when_not_stated() -> None:
    doc = pdf("Rapport", "Silkeborg Kommune har i samarbejde med VIA afprøvet en ny model.")
    c = Classifier().classify(doc, today=TODAY)
    assert c.organisation_type is not None and c.organisation_type.value == "kommune"


def test_org_type_is_the_contacts_organisation_before_the_partners_named_in_the_text() -> None:
    doc = md(
        "Evaluering af fælles udskrivelse",
        (
            "Om projektet",
            "Fjordby Kommune, Havnstrup Kommune og Lindå Kommune afprøvede opfølgende besøg. "
            "Fjordby Kommune stod for besøgene, Lindå Kommune for telefonopkaldene.",
        ),
        (
            "Anbefalinger",
            "Følg genindlæggelserne løbende. Kontakt: Peter Holm Sandager, specialkonsulent, "
            "Region Vestkyst, phsa@regionvestkyst.example.dk, +45 78 41 30 09",
        ),
    )
    c = Classifier().classify(doc, today=TODAY)
    assert c.organisation is not None and c.organisation.value == "Region Vestkyst"
    assert c.organisation_type is not None and c.organisation_type.value == "region"


def test_the_contacts_organisation_is_the_one_after_their_name() -> None:
    doc = md(
        "Evaluering af fælles udskrivelse",
        ("Om projektet", "Fjordby Kommune og Lindå Kommune afprøvede opfølgende besøg."),
        ("Kontakt", "Peter Holm Sandager, Region Vestkyst, phs@regionvestkyst.example.dk"),
    )
    c = Classifier().classify(doc, today=TODAY)
    assert c.organisation is not None and c.organisation.value == "Region Vestkyst"


def test_the_contacts_organisation_is_the_one_their_mail_domain_spells_in_one_word() -> None:
    """ "jpvi@regionvestkyst…" is Region Vestkyst's, named in the text but not beside the name."""
    doc = md(
        "Akutteam på tværs",
        ("Om projektet", "Region Vestkyst og Lindå Kommune har afprøvet et fælles akutteam."),
        ("Kontakt", "Projektleder Jens Peter Vium\nTlf. +45 78 41 30 45 · jpvi@regionvestkyst.dk"),
    )
    c = Classifier().classify(doc, today=TODAY)
    assert c.organisation is not None and c.organisation.value == "Region Vestkyst"


@pytest.mark.parametrize(
    "text",
    [
        # funded by an agency, followed by a university's researchers: neither owns the work
        "Projektet blev støttet af Digitaliseringsstyrelsen, og følgeforskningen på Roskilde "
        "Universitet har fulgt arbejdet.",
        # a source of data is no owner either
        "Robotten henter hver nat data fra Styrelsen for Arbejdsmarked og Rekruttering.",
        # a name in a file name is no organisation named
        "Satserne er taget fra socialstyrelsen-satser-2024.xlsx.",
        # a board and a department belong to every kind of organisation
        "Bestyrelsen har godkendt planen. Hver afdeling får sin egen oversigt, og afdelingens "
        "leder kan se tallene for afdelingen.",
    ],
)
def test_org_type_is_not_guessed_from_others_named_in_the_text(text: str) -> None:
    c = Classifier().classify(md("Vejledning", ("Om værktøjet", text)), today=TODAY)
    assert c.organisation_type is None, c.organisation_type


def test_unrecognised_stated_organisation_is_andet() -> None:
    doc = web("Om os", "Vi laver software til plejecentre.", organisation="Nexus Health")
    c = Classifier().classify(doc, today=TODAY)
    assert c.organisation_type is not None and c.organisation_type.value == "andet"


def test_no_organisation_at_all_gives_none() -> None:
    doc = md("Noter", ("", "Vi afprøvede en ny metode til at planlægge ruter for cykler."))
    assert Classifier().classify(doc, today=TODAY).organisation_type is None


# --- stated values, status, stage ---------------------------------------------------------------


def test_stated_fields_are_taken_as_stated() -> None:
    doc = web(
        "Noget",
        "Tekst om plejehjem.",
        sector="Skole og uddannelse",
        stage="spredning",
        status="Afsluttet",
        organisation_type="stat",
    )
    c = Classifier().classify(doc, today=TODAY)
    assert c.sector is not None and (c.sector.value, c.sector.confidence) == ("skole", 1.0)
    assert c.stage is not None and c.stage.value == "spredning"
    assert c.status is not None and c.status.value == "afsluttet"
    assert c.organisation_type is not None and c.organisation_type.value == "stat"


def test_free_worded_stated_stage_and_status() -> None:
    doc = web("Noget", "Tekst.", stage="Løsningen er i drift", status="Forventes afsluttet 2030")
    c = Classifier().classify(doc, today=TODAY)
    assert c.stage is not None and c.stage.value == "implementering"
    assert c.status is not None and c.status.value == "igangvaerende"


def test_future_stage_is_a_plan_not_the_current_stage() -> None:
    doc = web(
        "Pilot med nattesensorer",
        "Vi afprøver sensorer i en pilot på ét plejecenter. Hvis piloten lykkes, skal "
        "løsningen implementeres og senere spredes til andre kommuner.",
    )
    c = Classifier().classify(doc, today=TODAY)
    assert c.stage is not None and c.stage.value == "udvikling"


def test_expected_end_in_future_is_ongoing() -> None:
    doc = web("Projekt", "Projektet forventes afsluttet i 2031, når evalueringen er færdig.")
    c = Classifier().classify(doc, today=TODAY)
    assert c.status is not None and c.status.value == "igangvaerende"


def test_empty_document_gives_empty_classification() -> None:
    c = Classifier().classify(ParsedDocument(title="", kind="text", sections=[]), today=TODAY)
    assert c.sector is None and c.evidence_level is None


def test_confidences_are_in_range() -> None:
    classifier = Classifier()
    for ex in DEV_SET:
        c = classifier.classify(ex.doc, today=TODAY)
        for value in (c.sector, c.stage, c.status, c.organisation_type, c.evidence_level):
            if value is not None:
                assert 0.0 <= value.confidence <= 1.0


# --- embedder -----------------------------------------------------------------------------------


class CountingEmbedder:
    """Fake embedder: every text maps to one axis per sector word it mentions; counts calls."""

    dim = 16
    model_id = "test/counting"

    def __init__(self) -> None:
        self.query_calls = 0
        self.passage_calls = 0
        self.passage_texts: list[str] = []

    def _vec(self, text: str) -> np.ndarray:
        v = np.full(self.dim, 0.01, dtype=np.float32)
        for i, word in enumerate(["bibliotek", "plejehjem", "jobcenter", "affald"]):
            if word in text.lower():
                v[i] = 1.0
        return v / np.linalg.norm(v)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        self.query_calls += 1
        return np.stack([self._vec(t) for t in texts])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.passage_calls += 1
        self.passage_texts += texts
        return np.stack([self._vec(t) for t in texts])


def test_embedder_is_called_once_per_document_and_prototypes_once() -> None:
    embedder = CountingEmbedder()
    classifier = Classifier(embedder)
    long_text = "Om biblioteket. " + "ord " * 2000
    for _ in range(3):
        classifier.classify(web("Bibliotekets nye tilbud", long_text), today=TODAY)
    assert embedder.passage_calls == 3
    assert embedder.query_calls == 1
    assert all(len(t.split()) <= 320 for t in embedder.passage_texts)


def test_embedding_decides_when_vocabulary_is_silent() -> None:
    # No sector vocabulary in the text; the fake model says "bibliotek" via the title.
    doc = web("Bibliotek", "Vi har ændret åbningstiderne og lavet nye aftaler.")
    c = Classifier(CountingEmbedder()).classify(doc, today=TODAY)
    assert c.sector is not None and c.sector.value == "kultur_fritid"


def test_given_vector_replaces_the_document_embedding() -> None:
    embedder = CountingEmbedder()
    classifier = Classifier(embedder)
    # The text says nothing of a sector; the given vector points at "bibliotek".
    vector = embedder._vec("bibliotek")
    for _ in range(3):
        c = classifier.classify(
            web("Nye aftaler", "Vi har lavet nye aftaler."), vector=vector, today=TODAY
        )
        assert c.sector is not None and c.sector.value == "kultur_fritid"
    assert embedder.passage_calls == 0  # the document is not embedded again
    assert embedder.query_calls == 1  # the prototypes once per Classifier
    # A different vector gives a different answer: the vector is really used.
    c = classifier.classify(
        web("Nye aftaler", "Vi har lavet nye aftaler."), embedder._vec("affald"), today=TODAY
    )
    assert c.sector is not None and c.sector.value == "klima_miljoe"


def test_given_vector_is_normalised_and_checked() -> None:
    embedder = CountingEmbedder()
    doc = web("Nye aftaler", "Vi har lavet nye aftaler.")
    c = Classifier(embedder).classify(doc, vector=5.0 * embedder._vec("jobcenter"), today=TODAY)
    assert c.sector is not None and c.sector.value == "beskaeftigelse"
    with pytest.raises(ValueError, match="dimension"):
        Classifier(embedder).classify(doc, vector=np.ones(7, dtype=np.float32), today=TODAY)


def test_vector_without_embedder_uses_rules_only() -> None:
    doc = web("Plejehjemmets have", "Beboerne på plejehjemmet dyrker grøntsager.")
    vector = CountingEmbedder()._vec("bibliotek")
    with_vector = Classifier().classify(doc, vector=vector, today=TODAY)
    assert with_vector == Classifier().classify(doc, today=TODAY)
    assert with_vector.sector is not None and with_vector.sector.value == "aeldre"


def test_without_vector_the_embedder_embeds_the_document() -> None:
    embedder = CountingEmbedder()
    Classifier(embedder).classify(web("Bibliotek", "Om biblioteket."), vector=None, today=TODAY)
    assert embedder.passage_calls == 1


@pytest.fixture(scope="module")
def real_embedder():  # type: ignore[no-untyped-def]
    try:
        from innosearch.config import Settings
        from innosearch.embed.factory import load_embedder
        from innosearch.errors import ModelUnavailable
    except ImportError as exc:
        pytest.skip(f"embedder module not importable yet: {exc}")
    try:
        return load_embedder(Settings())
    except (ModelUnavailable, ImportError) as exc:
        pytest.skip(f"real embedding model unavailable: {exc}")


@pytest.mark.model
def test_dev_set_accuracy_with_model(real_embedder) -> None:  # type: ignore[no-untyped-def]
    classifier = Classifier(real_embedder)
    for examples in (DEV_SET, STYLE_SET):
        ok, n, misses = dev_accuracy(classifier, examples)["sector"]
        assert ok / n >= 0.9, misses


@pytest.mark.model
def test_mean_passage_vector_gives_the_same_sectors(real_embedder) -> None:  # type: ignore[no-untyped-def]
    # The pipeline passes the mean of a document's passage vectors; it should agree with
    # embedding the opening for nearly every document of the development set.
    classifier = Classifier(real_embedder)
    agree = 0
    for ex in DEV_SET:
        passages = [f"{s.heading}\n{s.text}".strip() for s in ex.doc.sections] or [ex.doc.title]
        vecs = np.asarray(real_embedder.embed_passages(passages), dtype=np.float32)
        mean = vecs.mean(axis=0)
        mean /= np.linalg.norm(mean)
        a = classifier.classify(ex.doc, vector=mean, today=TODAY).sector
        b = classifier.classify(ex.doc, today=TODAY).sector
        agree += a is not None and b is not None and a.value == b.value
    assert agree / len(DEV_SET) >= 0.9


@pytest.mark.model
def test_model_finds_sector_without_vocabulary(real_embedder) -> None:  # type: ignore[no-untyped-def]
    doc = web(
        "Fælles spisning",
        "Beboerne spiser sammen med personalet ved små borde, og de, der har svært ved at "
        "huske, får hjælp til at finde deres plads. Mange er over 85 år.",
    )
    c = Classifier(real_embedder).classify(doc, today=TODAY)
    assert c.sector is not None and c.sector.value == "aeldre"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Antallet af faldulykker er faldet markant, viser vores registreringer.", 2),
        ("Efter et år har 40 af de 55 deltagere fået job eller er startet på uddannelse.", 2),
        ("Opfølgningen efter projektet viser færre henvendelser til borgerservice.", 2),
        ("Undersøgelser viser, at flere ældre føler sig ensomme end for ti år siden.", 0),
        ("12 af de 20 pladser er besat.", 0),
        ("Ventetiden er gået fra seks uger til to uger.", 2),
        ("Vi har nedbragt ventetiden til under to uger.", 2),
        # an opinion score counted once has no before: experienced, not measured
        ("Tilfredsheden ligger nu på 4,5 ud af 5.", 1),
        ("Hver anden borger har ikke længere brug for hjemmehjælp efter forløbet.", 2),
        ("Der er sket et fald i antallet af genindlæggelser på 18 procent.", 2),
        ("Antallet af klager er gået markant ned, efter vi startede projektet.", 2),
        ("Vi kan se en markant forbedring i læsefærdighederne målt med nationale test.", 2),
        ("Projektet løber fra seks måneder til to år afhængigt af behov.", 0),
        ("Antallet af ældre over 80 år er steget i hele landet.", 0),
        ("Ventetiden er nu på 12 uger, og det er for lang tid for borgerne.", 0),
        ("Hver anden borger oplever ensomhed, viser en undersøgelse fra 2022.", 0),
        ("Vi ser et stigende antal borgere med demens.", 0),
    ],
)
def test_findings_without_before_and_after_figures(text: str, level: int) -> None:
    doc = ParsedDocument("Projekt", "text", [Section(f"Kommunen prøvede noget nyt. {text}")])
    c = Classifier().classify(doc, today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value == level, text


@pytest.mark.parametrize(
    "text",
    [
        "Kommunerne deler kildekoden som open source på GitHub, så andre kan genbruge koden. "
        "Løsningen kører i et fælles driftsmiljø med et testmiljø til nye versioner.",
        "Referencearkitekturen beskriver integrationer mellem fagsystemer via API'er og fælles "
        "brugerstyring med single sign-on, hostet hos en leverandør i et produktfællesskab.",
    ],
)
def test_public_it_is_administration_and_digitalisation(text: str) -> None:
    c = Classifier().classify(web("Fælles it-løsning", text), today=TODAY)
    assert c.sector is not None and c.sector.value == "administration", text


# --- the file-based development set (bench/devset) and the phrasings it brought in ----------

DEVSET = BENCH / "devset"


def test_devset_evidence_levels() -> None:
    """bench/devset: .txt, .md and .json documents labelled 0-4, parsed as the ingest parses them.

    A development set (the rules were tuned on it), so it guards against regressions; the held-out
    set is elsewhere.
    """
    classified = classify_set(DEVSET)
    rows = [row for row, _ in classified]
    assert len(rows) >= 45
    assert {int(r["evidence_level"]) for r in rows} == {0, 1, 2, 3, 4}
    assert {Path(r["file"]).suffix for r in rows} == {".txt", ".md", ".json"}
    exact = tp = fp = fn = 0
    wrong: list[str] = []
    for r, c in classified:
        assert c.evidence_level is not None
        got, want = c.evidence_level.value, int(r["evidence_level"])
        exact += got == want
        tp += got >= 2 and want >= 2
        fp += got >= 2 and want < 2
        fn += got < 2 and want >= 2
        if got != want:
            wrong.append(f"{r['file']}: {want} -> {got}")
    assert exact / len(rows) >= 0.8, wrong
    assert tp / max(1, tp + fp) >= 0.9, wrong
    assert tp / max(1, tp + fn) >= 0.9, wrong


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a named comparison unit of any kind, a counted set of similar units with its result
        ("Klagerne faldt med 30 % mere end på sammenligningsskolerne.", 3),
        (
            "Ventetiden faldt fra 10 til 6 uger, mens den på fem tilsvarende afdelinger "
            "var uændret.",
            3,
        ),
        ("På ti tilsvarende veje uden bump lå hastigheden fortsat på 45 km/t.", 3),
        # the nation over the same period, "end resten af landet"
        ("Sygefraværet faldt med 15 %. På landsplan steg det i samme periode med 2 %.", 3),
        ("Ulykkerne faldt med 25 %, hvilket er mere end resten af landet.", 3),
        # a level some time after, an outcome counted among the participants
        ("Ventetiden var 40 dage før omlægningen. Et halvt år efter ligger den på 22 dage.", 2),
        ("Efter 12 måneder var 30 af de 50 deltagere i ordinært job.", 2),
        # "for at vurdere effekten" is the purpose of a design, not a plan
        ("For at vurdere effekten har forskere lavet et kvasi-eksperimentelt studie.", 4),
        # business cases and possible savings are expectations
        ("Business casen peger på en mulig besparelse på 2 mio. kr. om året.", 1),
        # counts of similar units without a result, and plans, stay below
        ("Projektet er afprøvet i 3 tilsvarende kommuner med i alt 400 borgere.", 0),
        ("Løsningen er udviklet sammen med to nabokommuner og koster 1 mio. kr.", 0),
        ("Vi vurderer, at ventetiden kan falde fra 40 til 20 dage.", 1),
        ("Ventetiden faldt med 20 %, mens nabokommunerne lå stabilt.", 3),
        ("Vi samarbejdede med de øvrige kommuner, og ventetiden faldt fra 9 til 5 uger.", 2),
    ],
)
def test_devset_phrasings(text: str, level: int) -> None:
    doc = ParsedDocument("Projekt", "text", [Section(f"Kommunen prøvede noget nyt. {text}")])
    c = Classifier().classify(doc, today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value == level, text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Flere borgere bliver nu selvhjulpne: andelen steg fra 31 % til 52 %.", 2),
        ("Vi har beregnet, at sygefraværet faldt fra 8,1 % til 6,4 %.", 2),
        ("Medarbejderne vurderer, at ventetiden er faldet fra 14 til 9 dage.", 2),
        ("Ventetiden faldt fra 14 til 9 dage, men vi skal stadig blive bedre.", 2),
        ("Blandt de 15-24-årige faldt ledigheden med 4 procentpoint.", 2),
        ("Efter udbredelsen til alle skoler faldt fraværet fra 9 til 6 dage om året.", 2),
        ("Vi forventer, at ventetiden falder fra 14 til 9 dage.", 1),
        ("Målet er, at andelen stiger fra 31 % til 52 %.", 1),
        ("Hvis det lykkes, vil fraværet falde fra 12 % til 7 %.", 1),
        ("120 deltagere i alderen 18-25 år deltog i forløbet.", 0),
        ("Behovet for hjemmehjælp er faldet fra 40 % til 25 % af borgerne.", 2),
        ("Derfor er ventetiden nu faldet fra 14 til 9 dage.", 2),
        ("Udfordringen var stor, men fraværet faldt fra 12 % til 7 %.", 2),
        ("I de seneste ti år er antallet af ældre over 80 steget med 30 %.", 0),
        ("Problemet er stigende: antallet af ensomme ældre steg fra 12 % til 15 %.", 0),
    ],
)
def test_a_change_that_happened_is_a_result_whatever_else_the_sentence_says(
    text: str, level: int
) -> None:
    doc = ParsedDocument("Projekt", "text", [Section(f"Kommunen prøvede noget nyt. {text}")])
    c = Classifier().classify(doc, today=TODAY)
    assert c.evidence_level is not None and c.evidence_level.value == level, text


def test_a_heading_over_an_organisations_name_is_not_part_of_the_name() -> None:
    """A heading and the name below it ("Baggrund\\nAalborg Kommune") were one mention, so the
    chapter's organisation was lost."""
    assert organisation_mentions("Baggrund\nAalborg Kommune har i to år afprøvet") == [
        "Aalborg Kommune"
    ]
    assert organisation_mentions("Indsats\nSocialstyrelsen støttede") == ["Socialstyrelsen"]
