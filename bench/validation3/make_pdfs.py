"""Generate the 14 PDF documents of validation set 3 with fpdf2.

Run from the repository root:
    .venv/bin/python bench/validation3/make_pdfs.py

Each document is a list of blocks:
    ("h", text)          heading
    ("h2", text)         sub-heading
    ("p", text)          paragraph
    ("b", [items])       bullet list
    ("q", text)          quote / call-out box
    ("t", rows)          key-figure table drawn with fpdf2 table(); first row = header
    ("tc", rows)         key-figure table drawn manually with cell()
    ("br",)              page break
"""

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

OUT = Path(__file__).resolve().parent / "documents"

FONTS = {
    "dejavu": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
    ),
    "liberation": (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Italic.ttf",
    ),
    "serif": (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf",
    ),
}


class Report(FPDF):
    def __init__(self, doc):
        super().__init__(format="A4")
        self.doc = doc
        reg, bold, ital = FONTS[doc.get("font", "dejavu")]
        self.add_font("body", "", reg)
        self.add_font("body", "B", bold)
        self.add_font("body", "I", ital)
        self.accent = doc.get("accent", (0, 70, 130))
        self.set_margins(22, 22, 22)
        self.set_auto_page_break(True, margin=22)

    def header(self):
        if self.doc.get("cover") and self.page_no() == 1:
            return
        text = self.doc.get("header")
        if not text:
            return
        self.set_font("body", "", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="R")
        self.set_draw_color(*self.accent)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(5)
        self.set_text_color(0, 0, 0)

    def footer(self):
        style = self.doc.get("footer", "page_of")
        if style is None:
            return
        self.set_y(-15)
        self.set_font("body", "", 8)
        self.set_text_color(110, 110, 110)
        if style == "page_of":
            txt = f"Side {self.page_no()} af {{nb}}"
        elif style == "page":
            txt = f"Side {self.page_no()}"
        else:
            txt = f"{style}   ·   {self.page_no()}"
        self.cell(0, 8, txt, align="C")
        self.set_text_color(0, 0, 0)


def cover(pdf, doc):
    pdf.add_page()
    pdf.set_fill_color(*pdf.accent)
    pdf.rect(0, 0, pdf.w, 70, style="F")
    pdf.set_xy(22, 25)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("body", "B", 12)
    pdf.cell(0, 8, doc["org"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_xy(22, 95)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("body", "B", 22)
    pdf.multi_cell(0, 10, doc["title"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if doc.get("subtitle"):
        pdf.ln(4)
        pdf.set_font("body", "", 13)
        pdf.set_text_color(70, 70, 70)
        pdf.multi_cell(0, 7, doc["subtitle"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if doc.get("date"):
        pdf.set_xy(22, 250)
        pdf.set_font("body", "", 10)
        pdf.set_text_color(70, 70, 70)
        pdf.cell(0, 6, doc["date"])
    pdf.set_text_color(0, 0, 0)
    pdf.add_page()


def title_block(pdf, doc):
    pdf.add_page()
    pdf.set_font("body", "", 9)
    pdf.set_text_color(*pdf.accent)
    pdf.cell(0, 6, doc["org"].upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("body", "B", 18)
    pdf.multi_cell(0, 9, doc["title"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if doc.get("subtitle"):
        pdf.set_font("body", "I", 11)
        pdf.multi_cell(0, 6, doc["subtitle"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if doc.get("date"):
        pdf.set_font("body", "", 9)
        pdf.set_text_color(90, 90, 90)
        pdf.cell(0, 6, doc["date"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
    pdf.ln(4)


def table_fpdf(pdf, rows, size):
    pdf.set_font("body", "", size - 1)
    pdf.set_draw_color(150, 150, 150)
    with pdf.table(
        line_height=6,
        text_align="LEFT",
        headings_style=FontFace(
            emphasis="BOLD", fill_color=tuple(min(255, c + 170) for c in pdf.accent)
        ),
        first_row_as_headings=True,
    ) as table:
        for r in rows:
            row = table.row()
            for c in r:
                row.cell(c)
    pdf.ln(3)


def table_cells(pdf, rows, size):
    width = pdf.w - pdf.l_margin - pdf.r_margin
    n = len(rows[0])
    first = width * 0.46 if n > 2 else width * 0.6
    other = (width - first) / (n - 1)
    widths = [first] + [other] * (n - 1)
    for i, r in enumerate(rows):
        if i == 0:
            pdf.set_font("body", "B", size - 1)
            pdf.set_fill_color(*[min(255, c + 170) for c in pdf.accent])
        else:
            pdf.set_font("body", "", size - 1)
            pdf.set_fill_color(255, 255, 255)
        for j, c in enumerate(r):
            pdf.cell(widths[j], 7, c, border=1, fill=True, align="L" if j == 0 else "C")
        pdf.ln(7)
    pdf.ln(3)


def render(doc):
    pdf = Report(doc)
    size = doc.get("size", 10.5)
    if doc.get("cover"):
        cover(pdf, doc)
    else:
        title_block(pdf, doc)
    for block in doc["blocks"]:
        kind = block[0]
        if kind == "h":
            pdf.ln(2)
            pdf.set_font("body", "B", size + 3)
            pdf.set_text_color(*pdf.accent)
            pdf.multi_cell(0, 7, block[1], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(0, 0, 0)
            pdf.ln(1)
        elif kind == "h2":
            pdf.set_font("body", "B", size + 0.5)
            pdf.multi_cell(0, 6, block[1], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif kind == "p":
            pdf.set_font("body", "", size)
            pdf.multi_cell(0, size * 0.53, block[1], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2.5)
        elif kind == "b":
            pdf.set_font("body", "", size)
            for item in block[1]:
                pdf.set_x(pdf.l_margin + 4)
                pdf.cell(5, size * 0.53, "•")
                pdf.multi_cell(0, size * 0.53, item, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(0.8)
            pdf.ln(2)
        elif kind == "q":
            pdf.set_font("body", "I", size)
            pdf.set_fill_color(238, 242, 247)
            pdf.multi_cell(
                0, size * 0.55, block[1], fill=True, padding=3, new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            pdf.ln(3)
        elif kind == "t":
            table_fpdf(pdf, block[1], size)
        elif kind == "tc":
            table_cells(pdf, block[1], size)
        elif kind == "br":
            pdf.add_page()
        else:
            raise ValueError(kind)
    pdf.set_title(doc["title"])
    pdf.set_author(doc["org"])
    pdf.output(str(OUT / doc["file"]))
    return pdf.page_no()


DOCS = []

# ---------------------------------------------------------------- x02
DOCS.append(
    dict(
        file="x02_aeldre_spiserobot.pdf",
        org="Nørreå Kommune · Sundhed og Omsorg",
        title="Spiserobotter på plejecentrene",
        subtitle="Projektbeskrivelse og midtvejsstatus for afprøvning af velfærdsteknologi",
        date="Statusnotat til Ældreudvalget, oktober 2024",
        header="Nørreå Kommune – Spiserobotter – Midtvejsstatus",
        footer="page_of",
        font="liberation",
        accent=(0, 110, 90),
        blocks=[
            ("h", "1. Baggrund"),
            (
                "p",
                "På kommunens fem plejecentre er der 38 beboere, som ikke selv kan føre maden til munden, typisk på grund af sclerose, følger efter apopleksi eller muskelsvind. De er afhængige af, at en medarbejder mader dem ved hvert måltid. Mange beboere har givet udtryk for, at det er svært at skulle spise i en andens tempo, og måltidet kan tage op til 40 minutter.",
            ),
            (
                "p",
                "En spiserobot er en lille robotarm med en ske, som borgeren selv styrer med en knap, med hagen eller med en joystick. Robotten tager maden fra en tallerken med fire rum og fører skeen op til munden.",
            ),
            ("h", "2. Formål og forventede gevinster"),
            (
                "p",
                "Afprøvningen skal vise, om spiserobotter kan bruges i kommunens plejecentre. Vi forventer:",
            ),
            (
                "b",
                [
                    "at beboerne oplever større værdighed og selvbestemmelse ved måltiderne,",
                    "at medarbejderne frigør tid, anslået ca. 20 minutter pr. måltid pr. beboer,",
                    "at flere beboere kan spise sammen med de andre beboere i fællesstuen.",
                ],
            ),
            (
                "p",
                "Målet er, at 15 beboere bruger en spiserobot til mindst ét måltid om dagen ved projektets afslutning i juni 2025.",
            ),
            ("h", "3. Status"),
            (
                "p",
                "Der er indkøbt seks robotter, som roterer mellem plejecentrene. Indtil videre har 11 beboere prøvet robotten, og 7 bruger den fast til frokost eller aftensmad. 34 medarbejdere er oplært af leverandøren, og hvert plejecenter har en superbruger.",
            ),
            (
                "q",
                "»Jeg bestemmer selv, hvornår jeg vil have den næste bid. Det har jeg ikke gjort i fire år.« – beboer, Rosenhaven",
            ),
            (
                "p",
                "Medarbejderne oplever, at robotten giver ro ved bordet, men også at det tager tid at stille den op og gøre den ren. Ved en kort rundspørge i september svarede 7 af 9 beboere, der havde prøvet robotten, at de var glade for den.",
            ),
            ("h", "4. Økonomi"),
            (
                "t",
                [
                    ["Post", "Beløb (kr.)"],
                    ["Indkøb af 6 spiserobotter", "312.000"],
                    ["Oplæring og superbrugerforløb", "48.000"],
                    ["Projektledelse (0,2 årsværk)", "110.000"],
                    ["I alt", "470.000"],
                ],
            ),
            ("p", "Projektet er finansieret af kommunens velfærdsteknologipulje."),
            ("h", "5. Videre forløb"),
            (
                "p",
                "I foråret 2025 gennemføres en velfærdsteknologisk vurdering (VTV), hvor borgernes oplevelse, medarbejdernes tidsforbrug og økonomien belyses. På den baggrund beslutter Ældreudvalget, om spiserobotter skal være et fast tilbud.",
            ),
        ],
    )
)

# ---------------------------------------------------------------- x05
DOCS.append(
    dict(
        file="x05_sundhed_telemedicin_kol.pdf",
        org="Region Sydkyst og kommunerne Havnsø, Lindholt, Åbjerg og Egeskov",
        title="Telemedicinsk hjemmemonitorering af borgere med KOL",
        subtitle="Sammenfatning af evalueringen af et randomiseret forsøg 2021–2023",
        date="Marts 2024",
        header="Telemedicin til borgere med KOL · Sammenfatning",
        footer="page_of",
        cover=True,
        accent=(120, 30, 60),
        blocks=[
            ("h", "Sammenfatning"),
            (
                "p",
                "Region Sydkyst og fire kommuner har afprøvet telemedicinsk hjemmemonitorering af borgere med svær kronisk obstruktiv lungesygdom (KOL). Borgerne måler selv iltmætning, puls og vægt tre gange om ugen og besvarer et kort spørgeskema på en tablet. Målingerne vurderes af en kommunal sygeplejerske, som kontakter borgeren ved afvigelser og kan inddrage lungemedicinsk afdeling.",
            ),
            (
                "p",
                "Afprøvningen blev gennemført som et randomiseret forsøg, og effekten er evalueret af en uafhængig forskergruppe fra Syddansk Universitet. Forsøget viser, at telemedicin reducerede antallet af KOL-relaterede indlæggelser med 19 procent, mens der ikke kunne påvises forskelle i livskvalitet eller dødelighed.",
            ),
            ("h", "Forsøgets design"),
            (
                "b",
                [
                    "612 borgere med svær eller meget svær KOL blev inkluderet fra lungeambulatorierne.",
                    "Ved lodtrækning blev 306 tildelt telemedicin og 306 den sædvanlige behandling.",
                    "Borgerne blev fulgt i 12 måneder. Data om indlæggelser er hentet fra Landspatientregistret.",
                    "Forskergruppen havde ingen rolle i gennemførelsen af indsatsen.",
                ],
            ),
            ("h", "Resultater"),
            (
                "t",
                [
                    ["Udfald (12 måneder)", "Telemedicin", "Sædvanlig behandling", "Forskel"],
                    ["KOL-indlæggelser pr. borger", "0,82", "1,01", "-19 % (p = 0,03)"],
                    ["Sengedage pr. borger", "5,9", "7,4", "-1,5 dage"],
                    ["Livskvalitet (CAT-score, ændring)", "-1,1", "-0,7", "ikke signifikant"],
                    ["Dødelighed", "9,5 %", "10,1 %", "ikke signifikant"],
                ],
            ),
            (
                "p",
                "Forskerne har også beregnet de samlede sundhedsudgifter pr. borger. De var 3.100 kr. lavere i telemedicingruppen, men forskellen er ikke statistisk sikker, fordi udgifterne til udstyr og sygeplejerskernes tid modsvarer en stor del af besparelsen på indlæggelser.",
            ),
            ("h", "Borgernes og medarbejdernes oplevelser"),
            (
                "p",
                "I interviews fortæller mange borgere, at de føler sig mere trygge og bedre forstår deres egen sygdom. Sygeplejerskerne oplever, at de kan reagere tidligere, men peger også på, at mange målinger genererer alarmer, som ikke kræver handling.",
            ),
            (
                "q",
                "»Jeg ringer ikke længere 112, bare fordi jeg bliver forpustet. Jeg kan se på tallene, at det går.« – borger, 71 år",
            ),
            ("br",),
            ("h", "Anbefalinger"),
            (
                "b",
                [
                    "Telemedicin tilbydes fremover til borgere med svær KOL i hele regionen.",
                    "Grænseværdierne for alarmer justeres for at mindske antallet af unødvendige opkald.",
                    "Borgere med let KOL indgår ikke, da forsøget ikke omfattede denne gruppe.",
                ],
            ),
            ("h", "Økonomi og udbredelse"),
            (
                "p",
                "Forsøget kostede i alt 14,2 mio. kr., heraf 6 mio. kr. fra den nationale pulje for telemedicin. Ved fuld udbredelse forventes ca. 1.800 borgere at få tilbuddet. Regionen og kommunerne har aftalt at dele udgifterne, og målet er, at udbredelsen er afsluttet ved udgangen af 2025.",
            ),
        ],
    )
)

# ---------------------------------------------------------------- x08
DOCS.append(
    dict(
        file="x08_teknik_cykelgade_noerregade.pdf",
        org="Åbjerg Kommune · By, Land og Trafik",
        title="Evaluering af cykelgaden Nørregade",
        subtitle="Notat til Teknik- og Miljøudvalget",
        date="Juni 2024",
        header="Åbjerg Kommune · Evaluering af cykelgaden Nørregade",
        footer="page",
        accent=(30, 100, 40),
        blocks=[
            ("h", "Indledning"),
            (
                "p",
                "I august 2022 blev Nørregade mellem Banegården og Torvet omdannet til Åbjergs første cykelgade. Hastighedsgrænsen blev sat ned til 30 km/t, cyklisterne kører midt på kørebanen, og biler må kun køre på cyklisternes præmisser. Der blev etableret rød asfalt, nye skilte og fire hævede flader ved sidevejene. Anlægget kostede 3,6 mio. kr.",
            ),
            (
                "p",
                "Dette notat samler de målinger, som forvaltningen har gennemført i efteråret 2023, og sammenligner med to boliggader i samme bydel, Vestergade og Skolevej, som har samme funktion i vejnettet, men ikke er ombygget.",
            ),
            ("h", "Trafiktællinger og hastighed"),
            (
                "tc",
                [
                    ["Efterår 2023, hverdagsdøgn", "Nørregade", "Vestergade", "Skolevej"],
                    ["Cyklister pr. døgn", "3.400", "1.250", "980"],
                    ["Motorkøretøjer pr. døgn", "1.900", "2.700", "2.300"],
                    ["Gennemsnitshastighed, biler (km/t)", "24", "37", "35"],
                    ["Andel biler over 40 km/t", "2 %", "29 %", "24 %"],
                ],
            ),
            (
                "p",
                "Cyklisterne udgør nu knap to tredjedele af trafikken på Nørregade, mens de udgør under en tredjedel på de to sammenligningsgader. Bilisternes hastighed er markant lavere end på de sammenlignelige gader. Før ombygningen talte kommunen 2.100 cyklister pr. døgn på Nørregade.",
            ),
            ("h", "Tryghed"),
            (
                "p",
                "I en spørgeskemaundersøgelse blandt 412 cyklister på Nørregade svarede 78 procent, at de føler sig trygge eller meget trygge. Forældre fra Nørregades Skole fortæller, at flere børn nu cykler selv til skole.",
            ),
            ("h", "Uheld"),
            (
                "p",
                "Der er registreret ét politiregistreret uheld med materiel skade på Nørregade siden ombygningen. Perioden er for kort til at vurdere udviklingen i uheld.",
            ),
            ("h", "Vurdering og anbefaling"),
            (
                "p",
                "Forvaltningen vurderer, at cykelgaden fungerer efter hensigten. Det kan dog ikke udelukkes, at en del af cyklisterne er flyttet fra andre gader. Kommunens cykelstrategi har som mål, at 30 procent af alle ture under 5 km foretages på cykel i 2030. Forvaltningen anbefaler, at Skolevej omdannes til cykelgade i 2025 med et budget på 2,8 mio. kr.",
            ),
        ],
    )
)

# ---------------------------------------------------------------- x13
DOCS.append(
    dict(
        file="x13_skole_to_voksenordning.pdf",
        org="Strandskolen · Vestkyst Kommune",
        title="To voksne i indskolingen",
        subtitle="Evaluering af to-voksenordningen i 0.–3. klasse, skoleårene 2021/22–2023/24",
        date="August 2024",
        header="Strandskolen – Evaluering af to-voksenordning",
        footer="page_of",
        font="serif",
        accent=(40, 60, 140),
        blocks=[
            ("h", "Baggrund"),
            (
                "p",
                "Strandskolen har i skoleåret 2020/21 oplevet mange konflikter og megen uro i indskolingen. Lærerne brugte meget tid på at håndtere enkelte elever, og forældrene gav udtryk for bekymring. Skolen besluttede derfor at prioritere en to-voksenordning i dansk og matematik i 0.–3. klasse, hvor en lærer og en pædagog er sammen i klassen i 14 lektioner om ugen.",
            ),
            ("h", "Hvad har vi gjort?"),
            (
                "b",
                [
                    "Ti pædagoger fra SFO'en er fast tilknyttet hver sin klasse.",
                    "Lærer og pædagog planlægger sammen 45 minutter om ugen.",
                    "Klasserne deles ofte i to hold, så eleverne kan arbejde på deres eget niveau.",
                    "Pædagogen har særligt ansvar for overgange, frikvarterer og elevernes sociale relationer.",
                ],
            ),
            ("h", "Resultater"),
            (
                "p",
                "Vi har fulgt tre indikatorer fra skoleåret før ordningen til skoleåret 2023/24: elevernes trivsel i den nationale trivselsmåling, resultaterne i de nationale test i dansk/læsning i 2. klasse og antallet af registrerede konflikter, der krævede ledelsens involvering.",
            ),
            (
                "tc",
                [
                    ["Indikator", "2020/21", "2023/24"],
                    ["Elever i 0.-3. kl. med lav social trivsel", "14 %", "8 %"],
                    ["Elever i 2. kl. med 'gode' eller bedre i læsning", "52 %", "63 %"],
                    ["Konflikter med ledelsesinvolvering pr. halvår", "46", "27"],
                ],
            ),
            (
                "p",
                "Andelen af elever med lav trivsel er altså næsten halveret, og antallet af større konflikter er faldet med godt 40 procent. Læseresultaterne er forbedret med 11 procentpoint, men der er tale om forskellige årgange, og resultaterne svinger fra år til år.",
            ),
            ("h", "Oplevelser fra medarbejdere og forældre"),
            (
                "p",
                "Lærerne oplever, at de har bedre tid til den faglige undervisning, og pædagogerne beskriver, at de kender eleverne bedre. I forældrerådene er der generelt stor opbakning, men nogle forældre ønsker mere information om, hvad pædagogen laver i klassen.",
            ),
            (
                "q",
                "»Nu kan vi tage fat i en konflikt, før den vokser. Det er en helt anden skoledag.« – pædagog, 1.b",
            ),
            ("h", "Økonomi og fremtid"),
            (
                "p",
                "Ordningen koster ca. 2,2 mio. kr. om året, som finansieres inden for skolens budget ved at omprioritere timer fra understøttende undervisning og SFO. Skolebestyrelsen har besluttet at fortsætte ordningen og har som mål, at 75 procent af eleverne i 2. klasse er gode læsere i 2026.",
            ),
        ],
    )
)

# ---------------------------------------------------------------- x16
DOCS.append(
    dict(
        file="x16_klima_madspild_kantiner.pdf",
        org="Lindholt Kommune · Kost og Ernæring",
        title="Mindre madspild i Centralkøkkenet og de kommunale kantiner",
        subtitle="Resultatnotat 2023",
        header="Lindholt Kommune · Kost og Ernæring",
        footer="Resultatnotat madspild 2023",
        accent=(150, 90, 0),
        blocks=[
            ("h", "Kort fortalt"),
            (
                "p",
                "Madspildet i kommunens centralkøkken og i de fire største kantiner er faldet med knap 40 procent, efter at køkkenerne har ændret indkøb, portionsstørrelser og serveringsformer. Det viser vejninger af madaffaldet før og efter indsatsen.",
            ),
            ("h", "Baggrund"),
            (
                "p",
                "Centralkøkkenet producerer ca. 1.900 måltider om dagen til plejecentre og hjemmeboende ældre, og kantinerne på rådhuset, jobcentret, materielgården og sygehusets servicebygning serverer tilsammen ca. 1.100 frokoster. Madspild var ikke tidligere blevet opgjort systematisk.",
            ),
            ("h", "Indsatsen"),
            (
                "b",
                [
                    "Alle madrester fra produktion, buffet og tallerkener vejes i tre uger hvert år.",
                    "Buffeterne er erstattet af mindre fade, der fyldes op løbende.",
                    "Menuplanen tager højde for fremmøde, som registreres i en app.",
                    "Overskudsmad sælges billigt via en 'restekasse' til medarbejderne kl. 13.30.",
                    "29 køkkenmedarbejdere har gennemført et kursus om madspild.",
                ],
            ),
            ("h", "Resultater"),
            (
                "p",
                "Vejningerne er foretaget i de samme tre uger i september 2022 og september 2023.",
            ),
            (
                "t",
                [
                    ["", "September 2022", "September 2023", "Ændring"],
                    ["Madspild pr. kuvert", "68 g", "41 g", "-40 %"],
                    ["Tallerkenrester, andel af spild", "47 %", "38 %", "-9 procentpoint"],
                    ["Omregnet madspild pr. år", "31 ton", "19 ton", "-12 ton"],
                ],
            ),
            (
                "p",
                "Det svarer ifølge kommunens klimaberegner til en reduktion på ca. 30 ton CO2e om året. Derudover har køkkenerne sparet ca. 210.000 kr. på råvarer. Medarbejderne i kantinerne oplever, at gæsterne er blevet mere opmærksomme på at tage mindre ad gangen.",
            ),
            ("h", "Mål og videre arbejde"),
            (
                "p",
                "FN's verdensmål 12.3 sigter mod at halvere madspildet inden 2030. Lindholt Kommune har sat et mål om højst 35 g madspild pr. kuvert i 2025 og udvider vejningerne til skolernes madordning. Indsatsen har kostet ca. 85.000 kr. til vægte, app og kursus.",
            ),
        ],
    )
)

# ---------------------------------------------------------------- x20
DOCS.append(
    dict(
        file="x20_kultur_fritidspas_vestparken.pdf",
        org="Havnsø Kommune · Kultur og Fritid",
        title="Fritidspas i Vestparken – status efter tre år",
        subtitle="Til Kultur- og Fritidsudvalget",
        date="Januar 2024",
        header="Havnsø Kommune – Fritidspas Vestparken",
        footer="page_of",
        font="liberation",
        accent=(170, 40, 40),
        blocks=[
            ("h", "Indsatsen"),
            (
                "p",
                "Siden 2021 har børn og unge mellem 6 og 17 år i boligområdet Vestparken kunnet få et fritidspas. Passet dækker kontingent og udstyr op til 1.500 kr. om året i en forening efter eget valg. To fritidsguider, ansat i den boligsociale helhedsplan, hjælper børnene med at finde en aktivitet og følger dem de første gange. Foreningerne får et mindre tilskud for at tage imod børnene.",
            ),
            (
                "p",
                "I 2023 blev der udstedt 214 fritidspas, og 31 foreninger har taget imod børn fra Vestparken. Det samlede budget er 1,15 mio. kr. om året, heraf 600.000 kr. fra Landsbyggefonden.",
            ),
            ("h", "Hvor mange går til noget?"),
            (
                "p",
                "Kommunen har hvert år opgjort, hvor stor en andel af børnene, der er medlem af en idræts- eller kulturforening, ved at samkøre foreningernes medlemslister (CPR) med bopælsoplysninger. I 2023 har vi for første gang lavet samme opgørelse for Østparken, et boligområde med en lignende beboersammensætning, hvor der ikke har været fritidspas, og med kommunen som helhed.",
            ),
            (
                "tc",
                [
                    ["Andel 6-17-årige i en forening", "2020", "2023"],
                    ["Vestparken (fritidspas)", "37 %", "58 %"],
                    ["Østparken (intet fritidspas)", "ikke opgjort", "41 %"],
                    ["Havnsø Kommune i alt", "ikke opgjort", "71 %"],
                ],
            ),
            (
                "p",
                "Andelen af foreningsaktive børn i Vestparken er steget med 21 procentpoint og ligger nu 17 procentpoint over Østparken, hvor børnene ikke har haft fritidspas. Stigningen er størst blandt piger i alderen 10-14 år. Vestparken ligger dog fortsat et godt stykke under kommunegennemsnittet.",
            ),
            ("h", "Erfaringer"),
            (
                "b",
                [
                    "Fritidsguiderne er afgørende: børn, der blev fulgt af en guide, blev oftere i foreningen.",
                    "Mange forældre kender ikke den danske foreningskultur og har brug for information på flere sprog.",
                    "Nogle foreninger har ikke plads på holdene, især i fodbold og svømning.",
                ],
            ),
            (
                "q",
                "»Min datter troede ikke, gymnastik var for hende. Nu er hun hjælpetræner.« – mor fra Vestparken",
            ),
            ("h", "Fremtiden"),
            (
                "p",
                "Helhedsplanen udløber i 2025. Forvaltningen foreslår, at fritidspasset gøres permanent og udvides til Østparken, med et mål om, at 65 procent af børnene i de to områder går til en fritidsaktivitet i 2027.",
            ),
        ],
    )
)

# ---------------------------------------------------------------- x26
DOCS.append(
    dict(
        file="x26_beskaeftigelse_unge_vejen_videre.pdf",
        org="Egeskov Kommune · Ungeenheden",
        title="»Vejen Videre« – uddannelsesbro for unge på uddannelseshjælp",
        subtitle="Projektbeskrivelse og første statusrapport",
        date="Februar 2025",
        header="Ungeenheden Egeskov · Vejen Videre",
        footer="page_of",
        cover=True,
        accent=(80, 40, 120),
        blocks=[
            ("h", "1. Resumé"),
            (
                "p",
                "Vejen Videre er et toårigt projekt for unge mellem 18 og 29 år uden en erhvervskompetencegivende uddannelse, som har modtaget uddannelseshjælp i mere end et år. De unge får en fast mentor, et forløb på FGU-skolen med fokus på praksis og mulighed for at afprøve en erhvervsuddannelse i op til fire uger. Projektet er i gang, og denne rapport beskriver indsatsen og de første erfaringer.",
            ),
            ("h", "2. Målgruppe og problemstilling"),
            (
                "p",
                "I december 2023 modtog 640 unge uddannelseshjælp i Egeskov Kommune. 28 procent af dem havde modtaget ydelsen i mere end to år, og en stor del har psykiske vanskeligheder, ordblindhed eller et misbrug. Tidligere indsatser har ofte bestået af mange skift mellem sagsbehandlere og tilbud.",
            ),
            ("h", "3. Indsatsen"),
            (
                "b",
                [
                    "Én fast mentor pr. ung, som også deltager i samtaler på uddannelsesstedet.",
                    "FGU-forløb med værkstedsundervisning i byggeri, køkken og logistik.",
                    "Brobygning til tre erhvervsskoler i samarbejde med studievejlederne.",
                    "Tværfaglige møder med misbrugscenter og psykiatri efter behov.",
                ],
            ),
            ("h", "4. Mål og forventede resultater"),
            ("p", "Projektet har følgende mål, som er aftalt med Beskæftigelsesudvalget:"),
            (
                "t",
                [
                    ["Nøgletal (KPI)", "Mål ved udgangen af 2025", "Status februar 2025"],
                    ["Unge indskrevet i projektet", "120", "46 indskrevet"],
                    ["Andel, der starter på en uddannelse", "40 %", "Måles første gang dec. 2025"],
                    [
                        "Andel, der er i uddannelse efter 6 mdr.",
                        "75 % af dem, der starter",
                        "Måles første gang dec. 2025",
                    ],
                    ["Gennemsnitlig ydelsesvarighed", "Fald på 10 %", "Ikke opgjort endnu"],
                ],
            ),
            (
                "p",
                "Ifølge projektets business case vil kommunen spare ca. 3,4 mio. kr. på forsørgelse over fem år, hvis målene nås. Vi forventer desuden, at flere unge får styr på deres bolig og økonomi undervejs.",
            ),
            ("h", "5. Første erfaringer"),
            (
                "p",
                "Mentorerne oplever, at det gør en stor forskel, at de unge har én fast voksen. Flere unge fortæller, at de for første gang føler sig set.",
            ),
            (
                "q",
                "»Min mentor kom med mig ud på tømrerskolen den første dag. Ellers var jeg ikke gået derind.« – ung, 22 år",
            ),
            (
                "p",
                "Det har været sværere end ventet at rekruttere unge med misbrug, og samarbejdet med psykiatrien er ikke på plads endnu.",
            ),
            ("h", "6. Økonomi og evaluering"),
            (
                "p",
                "Projektet har et budget på 5,8 mio. kr., heraf 3,2 mio. kr. fra Styrelsen for Arbejdsmarked og Rekruttering. Et eksternt konsulentfirma er valgt til at gennemføre en evaluering i 2026, som skal belyse både resultater og implementering.",
            ),
        ],
    )
)

# ---------------------------------------------------------------- x28
DOCS.append(
    dict(
        file="x28_digitalisering_popup_borgerservice.pdf",
        org="Bakkely Kommune · Borgerservice",
        title="Pop-up Borgerservice på lokalbibliotekerne",
        subtitle="Beskrivelse af tilbud og arbejdsgange",
        date="Version 1.2 – april 2024",
        header="Bakkely Kommune · Borgerservice · Intern arbejdsgangsbeskrivelse",
        footer="page_of",
        accent=(0, 90, 140),
        blocks=[
            ("h", "1. Om tilbuddet"),
            (
                "p",
                "Fra januar 2024 holder Borgerservice åbent hver tirsdag kl. 13-17 på et af de fire lokalbiblioteker i Lundby, Hvidsten, Skovby og Agerup efter en fast turnus. Borgerne kan få hjælp til MitID, Digital Post, ansøgning om pas og kørekort, sundhedskort, flytning og digital selvbetjening. Tilbuddet blev besluttet som en del af budgetaftalen for 2024 efter lukningen af Borgerservice i Skovby.",
            ),
            ("h", "2. Bemanding og udstyr"),
            (
                "b",
                [
                    "To medarbejdere fra Borgerservice pr. vagt, heraf én med pas- og kørekortsautorisation.",
                    "Bærbar passtation med fotoudstyr og fingeraftryksscanner.",
                    "Mobil arbejdsplads med sikker VPN-forbindelse og printer.",
                    "Bibliotekets frivillige IT-hjælpere deltager første tirsdag i måneden.",
                ],
            ),
            ("h", "3. Arbejdsgang ved fritagelse for Digital Post"),
            (
                "p",
                "Borgere, der ikke kan bruge Digital Post, kan søge om fritagelse. Medarbejderen gennemgår sammen med borgeren, om en af lovens fritagelsesgrunde er opfyldt, for eksempel kognitiv funktionsnedsættelse eller manglende adgang til computer. Ansøgningen registreres i fagsystemet, og borgeren får besked med almindelig post. Fritagelsen gælder i op til fire år.",
            ),
            (
                "p",
                "Borgere, der ønsker at bruge Digital Post, men har brug for hjælp, kan i stedet få oprettet en digital fuldmagt til en pårørende. Medarbejderen må ikke selv logge ind på borgerens vegne.",
            ),
            ("h", "4. Tidsbestilling"),
            (
                "p",
                "Pas og kørekort kræver tidsbestilling via kommunens hjemmeside. Øvrige henvendelser kan ske uden tidsbestilling. Biblioteket stiller et mødelokale til rådighed, så samtaler om økonomi og helbred kan foregå uforstyrret.",
            ),
            ("h", "5. Registrering"),
            (
                "p",
                "Alle henvendelser registreres i køsystemet med emne og lokalitet. I første kvartal 2024 blev der registreret 870 henvendelser, heraf 214 om pas og kørekort og 96 ansøgninger om fritagelse for Digital Post. Tallene indgår i Borgerservices kvartalsrapport.",
            ),
            (
                "tc",
                [
                    ["Lokalbibliotek", "Vagter i 1. kvt.", "Henvendelser"],
                    ["Lundby", "4", "301"],
                    ["Hvidsten", "3", "152"],
                    ["Skovby", "3", "248"],
                    ["Agerup", "3", "169"],
                ],
            ),
            ("h", "6. Økonomi"),
            (
                "p",
                "Tilbuddet er budgetteret med 640.000 kr. årligt til løn, kørsel og udstyr. Pasudstyret er indkøbt for 185.000 kr.",
            ),
        ],
    )
)

# ---------------------------------------------------------------- x29
DOCS.append(
    dict(
        file="x29_social_alkoholbehandling_hjemmebesoeg.pdf",
        org="Vestkyst Kommune · Rusmiddelcenter Vestkyst",
        title="Tæt på – alkoholbehandling med hjemmebesøg og sms-støtte",
        subtitle="Resumé af ekstern effektevaluering",
        date="November 2023",
        header="Rusmiddelcenter Vestkyst · Evaluering af »Tæt på«",
        footer="page_of",
        font="liberation",
        accent=(0, 100, 110),
        blocks=[
            ("h", "Hovedkonklusion"),
            (
                "q",
                "Borgere, der fik behandlingen »Tæt på«, blev markant oftere i behandling end sammenlignelige borgere i andre kommuner: Efter seks måneder var 71 procent stadig i behandling mod 55 procent i sammenligningsgruppen.",
            ),
            ("h", "Indsatsen"),
            (
                "p",
                "Mange borgere i ambulant alkoholbehandling stopper, før behandlingen er afsluttet. Rusmiddelcenter Vestkyst har derfor siden 2020 suppleret de almindelige samtaler med hjemmebesøg, hvis borgeren udebliver, og en ugentlig sms, hvor borgeren kan svare på, hvordan det går. Behandleren ringer op, hvis borgeren svarer, at det går dårligt. Pårørende tilbydes tre samtaler.",
            ),
            (
                "p",
                "I 2020-2022 deltog 388 borgere. Behandlerne gennemførte 1.120 hjemmebesøg og sendte ca. 16.000 sms'er.",
            ),
            ("h", "Evalueringens design"),
            (
                "p",
                "Evalueringen er gennemført af en forsker fra Center for Rusmiddelforskning, Aarhus Universitet, som ikke har været involveret i indsatsen. Forskeren har brugt data fra det nationale register over alkoholbehandling og sammenlignet borgerne i »Tæt på« med borgere fra otte andre kommuner, der startede i almindelig ambulant behandling i samme periode. Borgerne er matchet statistisk på alder, køn, tidligere behandlingsforløb, forbrug ved indskrivning, beskæftigelse og psykiatrisk diagnose (propensity score matching).",
            ),
            ("h", "Resultater"),
            (
                "t",
                [
                    ["Udfald", "Tæt på", "Sammenligningsgruppe"],
                    ["I behandling efter 6 måneder", "71 %", "55 %"],
                    ["Afsluttet efter planen", "48 %", "36 %"],
                    ["Ny indskrivning inden for 1 år", "14 %", "17 %"],
                    ["Skadestuebesøg relateret til alkohol", "0,31 pr. borger", "0,34 pr. borger"],
                ],
            ),
            (
                "p",
                "Forskellene i fastholdelse og planmæssig afslutning er statistisk signifikante. Der var ingen sikre forskelle i genindskrivning eller skadestuebesøg. Forskeren påpeger, at der kan være forskelle mellem grupperne, som registrene ikke fanger, for eksempel motivation.",
            ),
            ("h", "Borgernes oplevelse"),
            (
                "p",
                "I interviews beskriver borgerne sms'en som »en hånd på skulderen«. Flere behandlere oplevede i starten hjemmebesøgene som grænseoverskridende, men de fleste ser dem nu som en naturlig del af behandlingen.",
            ),
            ("h", "Økonomi og næste skridt"),
            (
                "p",
                "Indsatsen koster ca. 900.000 kr. om året ud over den almindelige behandling. Socialudvalget har besluttet at gøre »Tæt på« permanent og forventer, at flere borgere gennemfører behandlingen, når sms-støtten udvides til unge under 25 år i 2024.",
            ),
        ],
    )
)

# ---------------------------------------------------------------- x33
DOCS.append(
    dict(
        file="x33_beredskab_tryghedsindsats_soendermarken.pdf",
        org="Sydkyst Politi · Havnsø Kommune · Boligselskabet Havnsøhus",
        title="Tryghedsindsatsen i Søndermarken",
        subtitle="Status efter to år – fælles rapport fra politi, kommune og boligselskab",
        date="Maj 2024",
        header="Tryghedsindsatsen i Søndermarken · Statusrapport 2024",
        footer="page_of",
        cover=True,
        accent=(20, 40, 90),
        blocks=[
            ("h", "Baggrund"),
            (
                "p",
                "Søndermarken er et alment boligområde med ca. 2.600 beboere. I 2021 oplevede området en stigning i indbrud, hærværk og chikane, og i Politiets Tryghedsundersøgelse svarede kun 58 procent af beboerne, at de følte sig trygge i deres område om aftenen. Politi, kommune og boligselskab indgik derfor i januar 2022 en fælles tryghedsaftale.",
            ),
            ("h", "Indsatser"),
            (
                "b",
                [
                    "Fast nærpoliti med ugentlig træffetid i beboerhuset og gående patruljer.",
                    "Tryghedsvandringer med beboere to gange om året, som førte til ny belysning på 14 stier.",
                    "SSP-medarbejder og gadeplansmedarbejdere i aftentimerne fredag og lørdag.",
                    "Hurtig fjernelse af graffiti og reparation af hærværk inden for 24 timer.",
                    "Beboerrådgiver og lektiecafé i den boligsociale helhedsplan.",
                ],
            ),
            ("h", "Udviklingen i kriminalitet"),
            (
                "p",
                "Politiet har opgjort de anmeldte borgerrettede straffelovsovertrædelser (indbrud, tyveri, hærværk, vold og trusler) i Søndermarken og sammenlignet med to boligområder i politikredsen af samme størrelse og med en lignende beboersammensætning, som ikke har haft en tilsvarende indsats.",
            ),
            (
                "tc",
                [
                    ["Anmeldelser pr. 1.000 beboere", "2021", "2023"],
                    ["Søndermarken", "71", "54"],
                    ["Sammenligningsområde A", "-", "62"],
                    ["Sammenligningsområde B", "-", "60"],
                    ["Sydkyst Politikreds i alt", "-", "36"],
                ],
            ),
            (
                "p",
                "Anmeldelserne i Søndermarken er faldet med 24 procent, og i 2023 lå området under niveauet i de to sammenligningsområder. Søndermarken ligger dog fortsat over gennemsnittet for politikredsen.",
            ),
            ("h", "Tryghed"),
            (
                "p",
                "I Tryghedsundersøgelsen 2023 svarede 71 procent af beboerne i Søndermarken, at de føler sig trygge om aftenen, mod 58 procent i 2021. På landsplan var tallet 86 procent. Beboerne i de to sammenligningsområder lå i 2023 på henholdsvis 62 og 65 procent.",
            ),
            ("br",),
            ("h", "Læring"),
            (
                "p",
                "Parterne peger på, at den faste kontakt til nærpolitiet og de hurtige reparationer har været vigtige for beboernes tillid. Samarbejdet har dog været sårbart ved personaleudskiftning, og det har været svært at nå beboere, der ikke taler dansk.",
            ),
            (
                "q",
                "»Folk hilser på betjentene nu. For to år siden ringede man kun, når noget var gået galt.« – formand for afdelingsbestyrelsen",
            ),
            ("h", "Videre forløb"),
            (
                "p",
                "Tryghedsaftalen forlænges til 2027. Målet er, at mindst 80 procent af beboerne føler sig trygge om aftenen i 2026. Indsatsen koster ca. 2,4 mio. kr. om året fordelt mellem parterne, og der er søgt om midler fra Det Kriminalpræventive Råd til en ekstern evaluering.",
            ),
        ],
    )
)

# ---------------------------------------------------------------- x36
DOCS.append(
    dict(
        file="x36_sundhed_diabetes_patientuddannelse.pdf",
        org="Åbjerg Kommune · Sundhedscentret",
        title="Patientuddannelse for borgere med type 2-diabetes",
        subtitle="Resultatopgørelse for hold afsluttet i 2023",
        header="Åbjerg Sundhedscenter",
        footer="page_of",
        accent=(10, 110, 150),
        blocks=[
            ("h", "Om forløbet"),
            (
                "p",
                "Sundhedscentret tilbyder et 12-ugers forløb for borgere med type 2-diabetes, der er henvist af egen læge. Forløbet består af otte undervisningsgange om sygdom, medicin, kost og fødder, træning to gange om ugen og en individuel samtale med en diætist. I 2023 har der været 14 hold med i alt 146 deltagere, og 118 har gennemført forløbet.",
            ),
            ("h", "Målinger"),
            (
                "p",
                "Ved start og ved en opfølgning seks måneder efter forløbets afslutning har sundhedscentret fået langtidsblodsukker (HbA1c) oplyst fra lægen og selv målt vægt, taljemål og kondition (6 minutters gangtest). Deltagerne har desuden vurderet deres eget helbred.",
            ),
            (
                "t",
                [
                    ["Gennemsnit (n = 112 med opfølgning)", "Ved start", "Efter 6 mdr."],
                    ["HbA1c (mmol/mol)", "61", "55"],
                    ["Vægt (kg)", "97,4", "94,3"],
                    ["6 minutters gangtest (meter)", "462", "511"],
                    ["Godt/virkelig godt selvvurderet helbred", "31 %", "49 %"],
                ],
            ),
            (
                "p",
                "Langtidsblodsukkeret er i gennemsnit faldet med 6 mmol/mol, og deltagerne har tabt sig godt tre kilo. Andelen, der vurderer deres helbred som godt eller virkelig godt, er steget med 18 procentpoint. Resultaterne omfatter kun de deltagere, som mødte op til opfølgningen, og kan derfor være for positive.",
            ),
            ("h", "Hvad fortæller deltagerne?"),
            (
                "q",
                "»Jeg har forstået, hvad jeg selv kan gøre. Før troede jeg bare, at pillerne skulle klare det.« – deltager, 58 år",
            ),
            (
                "p",
                "Flere deltagere peger på, at det har været motiverende at træne sammen med andre i samme situation.",
            ),
            ("h", "Mål og udvikling"),
            (
                "p",
                "Ifølge de kliniske retningslinjer bør de fleste borgere med type 2-diabetes have et HbA1c på højst 53 mmol/mol. Sundhedscentret har som mål, at halvdelen af deltagerne når dette niveau seks måneder efter forløbet. I 2024 oprettes hold om aftenen for borgere i arbejde og et hold på arabisk.",
            ),
            (
                "p",
                "Forløbet koster ca. 7.800 kr. pr. deltager og finansieres af kommunens sundhedsbudget.",
            ),
        ],
    )
)

# ---------------------------------------------------------------- x39
DOCS.append(
    dict(
        file="x39_digitalisering_ai_journalisering.pdf",
        org="Region Sydkyst · Koncern Digitalisering",
        title="AI-understøttet journalisering af indgående post",
        subtitle="Beslutningsoplæg og business case for pilotprojekt",
        date="September 2024",
        header="Region Sydkyst – Koncern Digitalisering – Beslutningsoplæg",
        footer="page_of",
        font="liberation",
        accent=(60, 60, 60),
        blocks=[
            ("h", "Indstilling"),
            (
                "p",
                "Koncern Digitalisering indstiller, at direktionen godkender et pilotprojekt, hvor en sprogmodel foreslår journalnummer, sagstype og ansvarlig enhed for indgående e-mails og breve til regionens fælles postkasse. Medarbejderen godkender altid forslaget, før dokumentet journaliseres.",
            ),
            ("h", "Problemstilling"),
            (
                "p",
                "Regionens fælles postkasse modtager ca. 180.000 henvendelser om året. Journaliseringen foretages i dag manuelt af 11 medarbejdere i Dokumentcentret. Der er perioder med op til fem dages efterslæb, og Datatilsynet har ved et tilsyn i 2023 påpeget, at enkelte dokumenter ikke blev journaliseret rettidigt.",
            ),
            ("h", "Forventede gevinster"),
            (
                "p",
                "Business casen bygger på erfaringer fra to andre regioner og leverandørens oplysninger. Vi forventer:",
            ),
            (
                "b",
                [
                    "en tidsbesparelse svarende til ca. 2,5 årsværk, når løsningen er fuldt implementeret,",
                    "at efterslæbet i journaliseringen elimineres,",
                    "at færre dokumenter journaliseres på forkert sag,",
                    "at medarbejderne kan bruge mere tid på komplekse sager og vejledning.",
                ],
            ),
            (
                "t",
                [
                    ["Business case (kr.)", "2025", "2026", "2027"],
                    ["Udgifter: licens, udvikling og drift", "1.450.000", "620.000", "620.000"],
                    ["Forventet gevinst (frigjort tid)", "400.000", "1.350.000", "1.350.000"],
                    ["Netto", "-1.050.000", "730.000", "730.000"],
                ],
            ),
            (
                "p",
                "Målet for pilotperioden er, at mindst 90 procent af forslagene godkendes uden rettelser.",
            ),
            ("h", "Erfaringer fra en indledende test"),
            (
                "p",
                "Fem medarbejdere har i to uger afprøvet en demoversion. De oplever, at forslagene ofte rammer rigtigt, og at løsningen især er en hjælp ved sager, hvor der er mange parter. Medarbejderne er samtidig bekymrede for, om de mister overblikket over sagerne.",
            ),
            ("h", "Risici"),
            (
                "b",
                [
                    "Løsningen behandler personoplysninger og kræver en konsekvensanalyse (DPIA).",
                    "Modellen kan foreslå forkerte sager; derfor bevares menneskelig godkendelse.",
                    "Afhængighed af én leverandør.",
                ],
            ),
            ("h", "Tidsplan og opfølgning"),
            (
                "p",
                "Piloten løber fra januar til juni 2025 i Dokumentcentret. Der følges op på tidsforbrug, andel godkendte forslag og medarbejdertilfredshed, og direktionen forelægges en evaluering i august 2025.",
            ),
        ],
    )
)

# ---------------------------------------------------------------- x41
DOCS.append(
    dict(
        file="x41_boern_sprogloeft_dagtilbud.pdf",
        org="Lindholt, Havnsø og Nørreå Kommuner",
        title="Sprogløft i dagtilbud",
        subtitle="Sammenfatning af VIVE's evaluering af et fælleskommunalt udviklingsprojekt",
        date="Oktober 2023",
        header="Sprogløft i dagtilbud · Sammenfatning",
        footer="page_of",
        cover=True,
        font="serif",
        accent=(160, 60, 20),
        blocks=[
            ("h", "Om projektet"),
            (
                "p",
                "Tre kommuner har fra 2020 til 2022 gennemført Sprogløft, en indsats, hvor pædagogerne i børnehaverne arbejder systematisk med dialogisk læsning og sprogstimulerende samtaler i hverdagens rutiner, for eksempel ved frokost og påklædning. Indsatsen omfatter 42 børnehaver og ca. 2.300 børn.",
            ),
            (
                "p",
                "Hver børnehave har fået en sprogvejleder, og 310 pædagoger og medhjælpere har gennemført et kompetenceforløb på seks dage. Projektet kostede 9,6 mio. kr., heraf 5 mio. kr. fra A.P. Møller Fonden.",
            ),
            ("h", "Evalueringen"),
            (
                "p",
                "VIVE – Det Nationale Forsknings- og Analysecenter for Velfærd har evalueret projektet uafhængigt af kommunerne. VIVE har sammenlignet børnenes sprogvurderinger ved 3- og 5-årsalderen med børn i 40 børnehaver i fem andre kommuner, som ligner projektkommunernes børnehaver på blandt andet forældrenes uddannelse og indkomst og andelen af tosprogede børn. VIVE har i analyserne taget højde for børnenes og forældrenes baggrund.",
            ),
            ("h", "Resultater"),
            (
                "p",
                "Børnene i Sprogløft-børnehaverne havde ved 5-årsvurderingen et bedre sprog end børnene i sammenligningsgruppen. Effekten svarer til 0,15 standardafvigelse, hvilket VIVE betegner som en lille, men betydningsfuld effekt. Effekten var næsten dobbelt så stor for tosprogede børn og for børn af forældre uden en uddannelse ud over grundskolen.",
            ),
            (
                "t",
                [
                    [
                        "Andel børn med behov for særlig sprogindsats ved 5 år",
                        "Sprogløft",
                        "Sammenligning",
                    ],
                    ["Alle børn", "9 %", "12 %"],
                    ["Tosprogede børn", "19 %", "27 %"],
                ],
            ),
            (
                "p",
                "VIVE fandt ingen effekt på børnenes sociale kompetencer, som blev vurderet af pædagogerne med et standardiseret skema.",
            ),
            ("br",),
            ("h", "Implementering"),
            (
                "p",
                "Evalueringen viser, at effekten var størst i de børnehaver, hvor ledelsen havde prioriteret tid til sprogvejlederen. I en tredjedel af børnehaverne blev indsatsen kun delvist gennemført, typisk på grund af personaleudskiftning. Pædagogerne oplever, at de har fået et fælles fagligt sprog.",
            ),
            ("h", "Det videre arbejde"),
            (
                "p",
                "De tre kommuner har besluttet at videreføre Sprogløft i alle børnehaver. Målet er, at højst 7 procent af børnene har behov for en særlig sprogindsats ved skolestart i 2026. Kommunerne forventer, at en styrket indsats i vuggestuerne kan løfte resultaterne yderligere.",
            ),
        ],
    )
)

# ---------------------------------------------------------------- x45
DOCS.append(
    dict(
        file="x45_sundhed_sundhedshus_vestby.pdf",
        org="Vestkyst Kommune · Ejendomme og Sundhed",
        title="Sundhedshus Vestby",
        subtitle="Resumé af byggeprogram og funktionsbeskrivelse",
        date="Udkast til byrådets behandling, marts 2024",
        header="Vestkyst Kommune · Sundhedshus Vestby · Byggeprogram",
        footer="page_of",
        accent=(0, 120, 120),
        blocks=[
            ("h", "1. Indledning"),
            (
                "p",
                "Byrådet besluttede i budgetaftalen for 2024 at opføre et sundhedshus på den tidligere sygehusgrund i Vestby. Dette resumé beskriver de funktioner, der skal være i huset, rumprogrammet, økonomien og tidsplanen. Det fulde byggeprogram er vedlagt som bilag.",
            ),
            ("h", "2. Funktioner"),
            (
                "b",
                [
                    "Kommunal genoptræning og vederlagsfri fysioterapi (flytter fra Sportsvej)",
                    "Sundhedsplejen og børnetandplejen for Vestby-området",
                    "Tre praktiserende lægepraksisser med i alt otte læger",
                    "Regionalt ambulatorium for blodprøver og sårbehandling",
                    "Kommunens sygeplejeklinik og det kommunale akutteam",
                    "Lokaler til patientforeninger og frivillige",
                ],
            ),
            ("h", "3. Rumprogram"),
            (
                "tc",
                [
                    ["Funktion", "Areal (m²)"],
                    ["Genoptræning og træningssale", "1.350"],
                    ["Lægepraksisser", "1.100"],
                    ["Sundhedspleje og tandpleje", "780"],
                    ["Ambulatorium og sygeplejeklinik", "620"],
                    ["Fælles arealer, reception og mødelokaler", "950"],
                    ["I alt", "4.800"],
                ],
            ),
            (
                "p",
                "Huset opføres i tre etager med fælles reception og venteområde i stueetagen. Der etableres 140 parkeringspladser, heraf 12 handicappladser, og overdækket cykelparkering til 80 cykler.",
            ),
            ("h", "4. Økonomi"),
            (
                "p",
                "Den samlede anlægsudgift er budgetteret til 96 mio. kr. ekskl. moms. Lægerne og regionen lejer sig ind på markedsvilkår, og lejeindtægterne forventes at være ca. 2,9 mio. kr. om året. Kommunens egne driftsudgifter til bygningen er anslået til 1,7 mio. kr. om året.",
            ),
            ("h", "5. Proces og tidsplan"),
            (
                "t",
                [
                    ["Aktivitet", "Tidspunkt"],
                    ["Byrådets godkendelse af byggeprogram", "April 2024"],
                    ["Udbud af totalentreprise", "Efterår 2024"],
                    ["Byggestart", "Forår 2025"],
                    ["Ibrugtagning", "Sommer 2027"],
                ],
            ),
            (
                "p",
                "Brugerne af huset, herunder de praktiserende læger, Ældrerådet og Handicaprådet, har deltaget i fire workshops om indretning og adgangsforhold. Der nedsættes en styregruppe med repræsentanter fra kommunen, regionen og lægerne.",
            ),
        ],
    )
)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for doc in DOCS:
        pages = render(doc)
        print(f"{doc['file']}: {pages} pages")


if __name__ == "__main__":
    main()
