"""Fictional reports for the multi-case tests: one of three separate projects, one of one project.

The multi-case report is an evaluation from a national centre with a chapter per project, each in
another municipality and sector, with its own problem, solution, result and (for one) pitfalls.
The one-project report has chapters too, but they are the phases of one municipality's work.
"""

from html import escape
from pathlib import Path

import docx
from fpdf import FPDF

CENTRE_TITLE = "Evaluering af lokale innovationsprojekter 2024"

# (chapter title, [(subheading, text)]) per project; the titles name a place or an organisation.
PROJECTS = [
    (
        "Spiserobotter på Plejecenter Solbakken i Odder Kommune",
        [
            (
                "Udfordring",
                "Mange beboere på plejecentret har svært ved at spise selv på grund af lammelser "
                "og rystelser. Personalet bruger lang tid på madning, og beboerne oplever tab af "
                "værdighed, når de skal mades af andre ved måltiderne.",
            ),
            (
                "Løsning",
                "Odder Kommune afprøvede spiserobotter til tolv ældre beboere med demens og "
                "nedsat armfunktion. Terapeuter trænede beboerne i at bruge robotten, og "
                "plejepersonalet fik en kort uddannelse i rengøring og opsætning.",
            ),
            (
                "Resultater",
                "Tiden til madning faldt fra 38 minutter til 21 minutter pr. måltid for de "
                "beboere, der brugte robotten, målt før og efter i tre måneder. Otte af tolv "
                "beboere spiser nu selv ved hovedmåltiderne.",
            ),
            (
                "Erfaringer",
                "Det gik galt i starten, fordi robotterne blev sat op uden at plejepersonalet var "
                "inddraget. Vi ville ønske, at vi havde givet aftenvagterne uddannelse fra dag "
                "ét, for robotterne stod ubrugte om aftenen de første uger.",
            ),
        ],
    ),
    (
        "Digital lektiehjælp på Nordskolen i Vejen Kommune",
        [
            (
                "Baggrund",
                "Elever i udskolingen på Nordskolen i Vejen Kommune får ikke lavet lektier, og "
                "lærerne oplever, at de fagligt svage elever sakker bagud i matematik og dansk "
                "op til afgangsprøverne i 9. klasse.",
            ),
            (
                "Indsatsen",
                "Skolen oprettede en digital lektiecafé, hvor lærere og frivillige studerende "
                "hjælper eleverne over video tre aftener om ugen. Elever og forældre blev "
                "inviteret på skoleintra, og klasselærerne fulgte op i undervisningen.",
            ),
            (
                "Resultater",
                "Lektiecaféen er stadig i gang, og skolen har endnu ikke målt effekten på "
                "karaktererne. Lærerne fortæller, at flere elever afleverer opgaver til tiden, "
                "og at eleverne er glade for at kunne få hjælp hjemmefra.",
            ),
        ],
    ),
    (
        "Regnbede og skybrudsveje i Holstebro Kommune",
        [
            (
                "Problem",
                "Kraftige skybrud oversvømmer kældre og veje i bymidten, og kloaksystemet kan "
                "ikke tage de store mængder regnvand. Klimaforandringerne gør skybrud hyppigere, "
                "og forsikringsskaderne er steget år for år.",
            ),
            (
                "Sådan gjorde vi",
                "Holstebro Kommune og forsyningen anlagde regnbede, grønne tage og en skybrudsvej, "
                "der leder regnvand uden om kloakken til en sø i byparken. Borgerne blev "
                "inddraget i placeringen af regnbedene på deres villaveje.",
            ),
            (
                "Effekt",
                "Ved skybruddet i august 2023 blev der anmeldt 14 oversvømmede kældre i området "
                "mod 96 ved et tilsvarende skybrud i 2019, før anlæggene blev bygget.",
            ),
        ],
    ),
]

FRAMING = [
    (
        "Indledning",
        "Det nationale center for velfærdsinnovation har fulgt tre lokale projekter gennem et år. "
        "Rapporten beskriver hvert projekt for sig og samler til sidst op på tværs af dem.",
    ),
    (
        "Metode",
        "Evalueringen bygger på interview med projektledere og medarbejdere, observationer og de "
        "data, projekterne selv har indsamlet undervejs.",
    ),
]
CONCLUSION = (
    "Samlet vurdering",
    "På tværs af projekterne ser vi, at tidlig inddragelse af medarbejderne afgør, om en ny "
    "løsning bliver brugt i hverdagen.",
)

# One project told in phases: the chapters share the municipality and are no projects of their own.
ONE_PROJECT = [
    (
        "Fase 1: Afprøvning i hjemmeplejen",
        [
            (
                "Udfordring",
                "Hjemmeplejen i Silkeborg Kommune mangler tid til de borgere, der har mest brug "
                "for hjælp, fordi mange korte besøg går til at minde borgere om deres medicin.",
            ),
            (
                "Løsning",
                "Silkeborg Kommune afprøvede skærmbesøg, hvor medarbejderne ringer op på en "
                "tablet og ser borgeren tage sin medicin, hos tredive borgere i et distrikt.",
            ),
            (
                "Resultater",
                "Medarbejderne sparede i gennemsnit 11 minutter pr. besøg, og ingen borgere "
                "glemte deres medicin oftere end før.",
            ),
        ],
    ),
    (
        "Fase 2: Udbredelse til hele kommunen",
        [
            (
                "Udfordring",
                "Efter afprøvningen skulle skærmbesøgene i Silkeborg Kommune bruges i alle "
                "distrikter, men ikke alle medarbejdere var trygge ved teknologien.",
            ),
            (
                "Løsning",
                "Kommunen uddannede superbrugere i hvert distrikt og lavede en fast visitation, "
                "så borgere med stabil medicin altid får tilbudt skærmbesøg.",
            ),
            (
                "Resultater",
                "I dag får 240 borgere skærmbesøg, og hjemmeplejen har frigjort tid svarende til "
                "seks fuldtidsstillinger, som bruges på de tungeste borgere.",
            ),
        ],
    ),
]


def multi_case_markdown(folder: Path, name: str = "evaluering.md") -> Path:
    lines = [f"# {CENTRE_TITLE}", ""]
    for heading, text in FRAMING:
        lines += [f"## {heading}", "", text, ""]
    for number, (title, parts) in enumerate(PROJECTS, start=1):
        lines += [f"## {number}. {title}", ""]
        for heading, text in parts:
            lines += [f"### {heading}", "", text, ""]
    lines += [f"## {CONCLUSION[0]}", "", CONCLUSION[1], ""]
    path = folder / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def one_project_markdown(folder: Path, name: str = "skaermbesoeg.md") -> Path:
    lines = ["# Skærmbesøg i hjemmeplejen i Silkeborg Kommune", ""]
    for title, parts in ONE_PROJECT:
        lines += [f"## {title}", ""]
        for heading, text in parts:
            lines += [f"### {heading}", "", text, ""]
    path = folder / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def pdf_writers(pdf):
    """A bold heading of a given size and a paragraph of body text, written to `pdf`."""

    def heading(text: str, size: int) -> None:
        pdf.set_font("Helvetica", "B", size)
        pdf.multi_cell(0, 8, text)
        pdf.ln(1)

    def paragraph(text: str) -> None:
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, text)
        pdf.ln(3)

    return heading, paragraph


def multi_case_pdf(folder: Path, name: str = "evaluering.pdf") -> Path:
    """The multi-case report as a real PDF with numbered chapters ("2", "2.1 Udfordring")."""
    pdf = FPDF()
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 10, CENTRE_TITLE)
    pdf.ln(4)

    heading, paragraph = pdf_writers(pdf)

    for number, (title, text) in enumerate(FRAMING, start=1):
        heading(f"{number} {title}", 14)
        paragraph(text)
    for number, (title, parts) in enumerate(PROJECTS, start=len(FRAMING) + 1):
        heading(f"{number} {title}", 14)
        paragraph("Kapitlet beskriver projektet, som det blev fulgt i evalueringen.")
        for sub, (sub_heading, text) in enumerate(parts, start=1):
            heading(f"{number}.{sub} {sub_heading}", 12)
            paragraph(text)
    heading(f"{len(FRAMING) + len(PROJECTS) + 1} {CONCLUSION[0]}", 14)
    paragraph(CONCLUSION[1])
    path = folder / name
    pdf.output(str(path))
    return path


# Plain text knows a heading by its shortness (at most six words): shorter chapter titles.
SHORT_TITLES = ["Spiserobotter i Odder", "Lektiecafé på Nordskolen", "Regnbede i Holstebro"]


def multi_case_text(folder: Path, name: str = "evaluering.txt") -> Path:
    """The multi-case report as plain text: unnumbered headings, each case with an intro line."""
    lines = [CENTRE_TITLE, ""]
    for heading, text in FRAMING:
        lines += [heading, text, ""]
    for title, (_, parts) in zip(SHORT_TITLES, PROJECTS, strict=True):
        lines += [title, "Kapitlet beskriver projektet, som det blev fulgt i evalueringen.", ""]
        for heading, text in parts:
            lines += [heading, text, ""]
    lines += [CONCLUSION[0], CONCLUSION[1]]
    path = folder / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# A national centre's evaluation as such reports are laid out: a cover with the title in large
# type over the publisher and the date, a table of contents, a running header and page numbers,
# framing chapters, then one chapter per project on a page of its own, its heading straight over
# its first numbered subsection, and an appendix. The chapter headings name a municipality and
# the project, a region, a city and the project ("Aalborg: …"), or only the municipality.
EVALUATION_TITLE = "Evaluering af velfærdsteknologi og nye arbejdsgange i fire kommuner og regioner"
EVALUATION_FRAMING = [
    (
        "Forord",
        "Nationalt Center for Offentlig Innovation har i 2023 og 2024 fulgt fire lokale "
        "projekter, der alle afprøver nye måder at løse velfærdsopgaver på. Rapporten er skrevet "
        "til ledere og projektmagere i kommuner og regioner, som overvejer lignende indsatser.",
    ),
    (
        "Sammenfatning",
        "Evalueringen viser, at alle fire projekter har skabt værdi for borgerne, men på "
        "forskellige måder. På tværs af projekterne er tidlig inddragelse af medarbejderne den "
        "vigtigste forudsætning for, at løsningen bliver brugt i hverdagen.",
    ),
    (
        "Metode",
        "Evalueringen bygger på 42 interview med projektledere, medarbejdere og borgere, "
        "observationer på arbejdspladserne og de data, projekterne selv har indsamlet.",
    ),
]
# (chapter heading, organisation, [(subheading, text)]); each chapter names its own contact.
EVALUATION_PROJECTS = [
    (
        "Fjordby Kommune: Demensvenlige boliger med sensorer",
        "Fjordby Kommune",
        [
            (
                "Baggrund",
                "I Fjordby Kommune bor 340 borgere med demens i eget hjem. Pårørende og "
                "hjemmeplejen oplevede, at borgerne vandrede om natten og faldt, uden at nogen "
                "opdagede det før morgenbesøget.",
            ),
            (
                "Indsats",
                "Kommunen installerede bevægelsessensorer og dørsensorer hos 60 borgere med "
                "demens. Sensorerne sender en besked til nattevagten, når borgeren forlader sengen "
                "om natten, og hjemmeplejens medarbejdere blev uddannet i at tolke beskederne.",
            ),
            (
                "Resultater",
                "Antallet af fald om natten, der først blev opdaget om morgenen, faldt fra 31 til "
                "9 på et år, målt før og efter indsatsen.",
            ),
            (
                "Erfaringer",
                "Det gik galt i starten, fordi sensorerne gav mange falske alarmer, og "
                "nattevagterne holdt op med at reagere på dem. Kontaktperson: Projektleder Mette "
                "Kjærgaard, Fjordby Kommune, mette.kjaergaard@fjordby.dk.",
            ),
        ],
    ),
    (
        "Region Vestkyst: Virtuelle konsultationer for patienter med KOL",
        "Region Vestkyst",
        [
            (
                "Baggrund",
                "Patienter med KOL i Region Vestkyst bliver ofte indlagt akut, fordi forværringer "
                "opdages for sent. Mange patienter bor langt fra sygehuset.",
            ),
            (
                "Indsats",
                "Lungemedicinsk afdeling tilbød 200 patienter virtuelle konsultationer på en "
                "tablet, hvor sygeplejersken ser patienten og aflæser iltmætning og puls "
                "hjemmefra. 200 andre patienter fik almindelig kontrol og var kontrolgruppe.",
            ),
            (
                "Resultater",
                "Patienterne med virtuelle konsultationer havde 24 procent færre akutte "
                "indlæggelser end kontrolgruppen over tolv måneder.",
            ),
            (
                "Erfaringer",
                "En udfordring var, at ældre patienter uden erfaring med tablets faldt fra i de "
                "første uger. Kontaktperson: Lars Bech, Region Vestkyst, lars.bech@rvk.dk.",
            ),
        ],
    ),
    (
        "Aalborg: Hverdagsrehabilitering i hjemmeplejen",
        "Aalborg Kommune",
        [
            (
                "Baggrund",
                "Aalborg Kommune oplevede, at flere ældre borgere fik mere hjemmehjælp år for år, "
                "selv om mange kunne lære at klare opgaverne selv igen. Kommunen var inspireret "
                "af Fjordby Kommune, som tidligere havde arbejdet med rehabilitering.",
            ),
            (
                "Indsats",
                "Før borgeren får hjemmehjælp, tilbydes et forløb på op til tolv uger, hvor en "
                "terapeut og en hjemmehjælper træner med borgeren i at klare påklædning, bad og "
                "indkøb selv.",
            ),
            (
                "Resultater",
                "Af de 410 borgere, der gennemførte et forløb i 2023, klarer 46 procent sig nu "
                "helt uden hjemmehjælp. Kommunen har ikke sammenlignet med borgere uden forløb.",
            ),
            (
                "Erfaringer",
                "Vi lærte, at hjemmehjælperne har brug for tæt sparring med terapeuterne de "
                "første måneder. Kontakt: Hanne Mølgaard, hanne.molgaard@aalborg.dk.",
            ),
        ],
    ),
    (
        "Randers Kommune",
        "Randers Kommune",
        [
            (
                "Baggrund",
                "I Randers Kommune ventede unge med angst i op til et år på behandling i "
                "psykiatrien, og mange af dem droppede ud af ungdomsuddannelsen imens.",
            ),
            (
                "Indsats",
                "Kommunen oprettede et åbent tilbud, hvor unge mellem 15 og 24 år kan få otte "
                "samtaler med en psykolog uden henvisning, på ungdomsuddannelserne og i et "
                "ungehus i centrum.",
            ),
            (
                "Resultater",
                "Tilbuddet er stadig i gang. Kommunen forventer, at færre unge dropper ud af "
                "uddannelse, men effekten er endnu ikke målt.",
            ),
            (
                "Erfaringer",
                "Det var svært at nå de unge, der ikke går på en uddannelse. Kontaktperson: Sofie "
                "Dahl, Randers Kommune, sofie.dahl@randers.dk.",
            ),
        ],
    ),
]
EVALUATION_APPENDIX = (
    "Bilag 1: Interviewguide",
    "Interviewene fulgte en fælles guide med spørgsmål om projektets baggrund, forløb, "
    "resultater og de vigtigste erfaringer.",
)


class _RunningHeaderPdf(FPDF):
    """Pages after the cover carry the centre's name on top and "Side N" at the bottom."""

    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 6, "Nationalt Center for Offentlig Innovation  |  Evaluering 2024")
            self.ln(10)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 6, f"Side {self.page_no()}", align="C")


def centre_evaluation_pdf(
    folder: Path,
    name: str = "evaluering-2024.pdf",
    projects: list[tuple[str, str, list[tuple[str, str]]]] = EVALUATION_PROJECTS,
    numbered: bool = True,
) -> Path:
    """The evaluation as a PDF; `numbered=False` leaves the chapters and subsections without
    numbers, as many reports are set."""
    pdf = _RunningHeaderPdf()
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.multi_cell(0, 11, EVALUATION_TITLE)
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 12)
    pdf.multi_cell(0, 7, "Nationalt Center for Offentlig Innovation\nJuni 2024")
    pdf.ln(8)

    heading, paragraph = pdf_writers(pdf)

    def label(number: str, title: str) -> str:
        return f"{number} {title}" if numbered else title

    chapters = [title for title, _ in EVALUATION_FRAMING] + [title for title, _, _ in projects]
    pdf.add_page()
    heading("Indhold", 16)
    pdf.set_font("Helvetica", "", 11)
    for number, title in enumerate(chapters, start=1):
        pdf.cell(0, 6, f"{label(f'{number}.', title)} {'.' * 20} {number + 2}")
        pdf.ln(6)
    for number, (title, text) in enumerate(EVALUATION_FRAMING, start=1):
        pdf.add_page()
        heading(label(f"{number}.", title), 15)
        paragraph(text)
    for number, (title, _, parts) in enumerate(projects, start=len(EVALUATION_FRAMING) + 1):
        pdf.add_page()
        heading(label(f"{number}.", title), 15)
        for sub, (sub_heading, text) in enumerate(parts, start=1):
            heading(label(f"{number}.{sub}", sub_heading), 12)
            paragraph(text)
    pdf.add_page()
    heading(EVALUATION_APPENDIX[0], 15)
    paragraph(EVALUATION_APPENDIX[1])
    path = folder / name
    pdf.output(str(path))
    return path


def centre_evaluation_docx(
    folder: Path, name: str = "evaluering-2024.docx", styled: bool = True
) -> Path:
    """The evaluation written in Word: with Heading 1/Heading 2 styles, or (`styled=False`) with
    its headings as bold paragraphs, as many reports are written. No Title style: the chapters
    are the Heading 1s."""
    document = docx.Document()

    def heading(text: str, level: int) -> None:
        if styled:
            document.add_heading(text, level=level)
        else:
            document.add_paragraph().add_run(text).bold = True

    document.add_paragraph(EVALUATION_TITLE)
    for title, text in EVALUATION_FRAMING:
        heading(title, 1)
        document.add_paragraph(text)
    for title, _, parts in EVALUATION_PROJECTS:
        heading(title, 1)
        for sub_heading, text in parts:
            heading(sub_heading, 2)
            document.add_paragraph(text)
    heading(EVALUATION_APPENDIX[0], 1)
    document.add_paragraph(EVALUATION_APPENDIX[1])
    path = folder / name
    document.save(str(path))
    return path


# A chapter: its heading and its (subheading, text) parts; its own text has no subheading.
_Chapter = tuple[str, list[tuple[str, str]]]


def _evaluation_chapters(projects: list[tuple[str, str, list[tuple[str, str]]]]) -> list[_Chapter]:
    framing = [(title, [("", text)]) for title, text in EVALUATION_FRAMING]
    appendix = (EVALUATION_APPENDIX[0], [("", EVALUATION_APPENDIX[1])])
    return [*framing, *((title, parts) for title, _, parts in projects), appendix]


def centre_evaluation_markdown(folder: Path, name: str = "evaluering-2024.md") -> Path:
    """The evaluation in Markdown: "#" title, "##" chapters, "###" subsections."""
    lines = [f"# {EVALUATION_TITLE}", ""]
    for title, parts in _evaluation_chapters(EVALUATION_PROJECTS):
        lines += [f"## {title}", ""]
        for sub_heading, text in parts:
            lines += [*([f"### {sub_heading}", ""] if sub_heading else []), text, ""]
    path = folder / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# A web page as a site serves it: a header with the site's menu, breadcrumbs, a cookie banner and
# a footer around the article, whose <h1> is the page's title.
_WEB_PAGE = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8">
<title>{title} | {site}</title></head>
<body>
<div class="cookie-banner"><p>Vi bruger cookies til statistik.</p><button>Accepter</button></div>
<header class="site-header"><a href="/">{site}</a>
<nav><ul><li><a href="/borger">Borger</a></li><li><a href="/erhverv">Erhverv</a></li>
<li><a href="/politik">Politik</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Forside</a> / <a href="/udgivelser">Udgivelser</a></div>
<main><article>
<h1>{title}</h1>
{article}
</article></main>
<footer><p>{site}, Rådhustorvet 1. Telefon 70 10 20 30.</p></footer>
</body></html>
"""


def _web_page(folder: Path, name: str, title: str, site: str, article: list[str]) -> Path:
    path = folder / name
    page = _WEB_PAGE.format(title=escape(title), site=escape(site), article="\n".join(article))
    path.write_text(page, encoding="utf-8")
    return path


def _chapters_html(chapters: list[_Chapter]) -> list[str]:
    """An <h2> per chapter; one that opens with a subsection stands straight over its <h3>, with
    no text of its own."""
    html: list[str] = []
    for title, parts in chapters:
        html += ["<section>", f"<h2>{escape(title)}</h2>"]
        for sub_heading, text in parts:
            html += [f"<h3>{escape(sub_heading)}</h3>"] if sub_heading else []
            html += [f"<p>{escape(text)}</p>"]
        html += ["</section>"]
    return html


def centre_evaluation_html(
    folder: Path,
    name: str = "evaluering-2024.html",
    projects: list[tuple[str, str, list[tuple[str, str]]]] = EVALUATION_PROJECTS,
) -> Path:
    """The evaluation published as a web page: publisher and date under the <h1>, a table of
    contents, an <h2> per chapter and an <h3> per subsection."""
    chapters = _evaluation_chapters(projects)
    article = [
        '<p class="byline">Nationalt Center for Offentlig Innovation, juni 2024</p>',
        '<nav class="toc"><ol>',
        *(
            f'<li><a href="#kapitel-{n}">{escape(t)}</a></li>'
            for n, (t, _) in enumerate(chapters, 1)
        ),
        "</ol></nav>",
        *_chapters_html(chapters),
    ]
    site = "Nationalt Center for Offentlig Innovation"
    return _web_page(folder, name, EVALUATION_TITLE, site, article)


def centre_evaluation_word_html(folder: Path, name: str = "evaluering-2024.htm") -> Path:
    """The evaluation as Word's "Save as web page" writes it: the title a <p class="MsoTitle">,
    each chapter an <h1> and each subsection an <h2>, no site around it."""
    body = [f'<p class="MsoTitle">{escape(EVALUATION_TITLE)}</p>']
    for title, parts in _evaluation_chapters(EVALUATION_PROJECTS):
        body.append(f"<h1>{escape(title)}</h1>")
        for sub_heading, text in parts:
            body += [f"<h2>{escape(sub_heading)}</h2>"] if sub_heading else []
            body.append(f'<p class="MsoNormal">{escape(text)}</p>')
    page = (
        '<html><head><meta charset="utf-8"><title>Evaluering</title></head>'
        f'<body lang="DA"><div class="WordSection1">{"".join(body)}</div></body></html>'
    )
    path = folder / name
    path.write_text(page, encoding="utf-8")
    return path


def one_project_html(folder: Path, name: str = "skaermbesoeg.html") -> Path:
    """One municipality's project told in phases, an <h2> per phase over its <h3> subsections."""
    article = _chapters_html(ONE_PROJECT)
    title = "Skærmbesøg i hjemmeplejen i Silkeborg Kommune"
    return _web_page(folder, name, title, "Silkeborg Kommune", article)


# An ordinary municipal service page: <h2> sections, two of them with <h3> subsections.
MUNICIPAL_PAGE_TITLE = "Hjemmehjælp"
MUNICIPAL_PAGE: list[_Chapter] = [
    (
        "Hvem kan få hjemmehjælp?",
        [
            (
                "Praktisk hjælp",
                "Du kan få hjælp til rengøring, tøjvask og indkøb, hvis du på grund af nedsat "
                "funktionsevne ikke selv kan klare opgaverne. Hjælpen gives efter en vurdering "
                "af, hvad du kan selv.",
            ),
            (
                "Personlig pleje",
                "Du kan få hjælp til bad, påklædning og toiletbesøg. Hjælpen tilrettelægges "
                "sammen med dig, så du bevarer så meget af din hverdag som muligt.",
            ),
        ],
    ),
    (
        "Sådan søger du",
        [
            (
                "Ansøgning",
                "Du søger om hjemmehjælp ved at kontakte Visitationen på telefon eller med "
                "Digital Post. Pårørende kan søge på dine vegne, hvis du giver lov.",
            ),
            (
                "Afgørelse",
                "En visitator besøger dig og vurderer dit behov. Du får en skriftlig afgørelse "
                "inden for fire uger, og du kan klage over afgørelsen.",
            ),
        ],
    ),
    ("Kontakt", [("", "Visitationen, Fjordby Kommune, telefon 70 10 20 40, hverdage kl. 8-12.")]),
]


def municipal_page_html(folder: Path, name: str = "hjemmehjaelp.html") -> Path:
    article = [
        "<p>Hjemmehjælp er hjælp til praktiske opgaver og personlig pleje i dit eget hjem.</p>",
        *_chapters_html(MUNICIPAL_PAGE),
    ]
    return _web_page(folder, name, MUNICIPAL_PAGE_TITLE, "Fjordby Kommune", article)
