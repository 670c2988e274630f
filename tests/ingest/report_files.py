"""Fictional reports for the multi-case tests: one of three separate projects, one of one project.

The multi-case report is an evaluation from a national centre with a chapter per project, each in
another municipality and sector, with its own problem, solution, result and (for one) pitfalls.
The one-project report has chapters too, but they are the phases of one municipality's work.
"""

from pathlib import Path

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


def multi_case_pdf(folder: Path, name: str = "evaluering.pdf") -> Path:
    """The multi-case report as a real PDF with numbered chapters ("2", "2.1 Udfordring")."""
    pdf = FPDF()
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 10, CENTRE_TITLE)
    pdf.ln(4)

    def heading(text: str, size: int) -> None:
        pdf.set_font("Helvetica", "B", size)
        pdf.multi_cell(0, 8, text)
        pdf.ln(1)

    def paragraph(text: str) -> None:
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, text)
        pdf.ln(3)

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
