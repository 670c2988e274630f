"""Generate the sample evaluation report (fictional) used by the demo corpus.

Run from anywhere:  python data/make_report.py
Writes evaluering-sammen-om-udskrivelsen.pdf next to this script. Needs fpdf2 (dev extra).
Uses the PDF core font Helvetica (latin-1), so the text must stay within latin-1.
"""

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

HERE = Path(__file__).resolve().parent / "reports"
OUT = HERE / "evaluering-sammen-om-udskrivelsen.pdf"
TITLE = "Evaluering af Sammen om udskrivelsen"
SUBTITLE = "Opfølgende hjemmebesøg til ældre medicinske patienter - et randomiseret forsøg"


class Report(FPDF):
    def header(self):
        if self.page_no() == 1:
            return
        self.set_font("Helvetica", "I", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 6, TITLE, align="L")
        self.ln(10)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 8, f"Side {self.page_no()} af {{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    def h1(self, text):
        self.ln(2)
        self.set_font("Helvetica", "B", 15)
        self.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def h2(self, text):
        self.ln(1)
        self.set_font("Helvetica", "B", 12)
        self.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def para(self, text):
        self.set_font("Helvetica", "", 10.5)
        self.multi_cell(0, 5.4, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(2.5)

    def bullets(self, items):
        self.set_font("Helvetica", "", 10.5)
        for item in items:
            self.set_x(self.l_margin + 4)
            self.multi_cell(0, 5.4, "- " + item, new_x="LMARGIN", new_y="NEXT")
            self.ln(1)
        self.ln(1.5)


def build() -> None:
    pdf = Report(format="A4")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(TITLE)
    pdf.set_subject(SUBTITLE)
    pdf.set_author("Enhed for Sundhedstjenesteforskning, Vestkystens Universitet (fiktiv)")
    pdf.set_keywords("genindlæggelser, udskrivelse, hjemmebesøg, randomiseret forsøg, evaluering")
    pdf.set_creator("innosearch sample corpus, data/make_report.py")
    pdf.set_creation_date(datetime(2023, 6, 15, 12, 0, tzinfo=UTC))
    pdf.alias_nb_pages()

    # --- Side 1: titel og sammenfatning ---------------------------------------------------
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.multi_cell(0, 10, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 13)
    pdf.multi_cell(0, 7, SUBTITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 9.5)
    pdf.set_text_color(70, 70, 70)
    pdf.multi_cell(
        0,
        5,
        "Evalueringsrapport udarbejdet for Region Vestkyst samt Fjordby, Havnstrup og Lindå "
        "kommuner. "
        "Enhed for Sundhedstjenesteforskning, Vestkystens Universitet. Juni 2023. "
        "Alle organisationer, personer og tal i denne rapport er fiktive.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0, 0, 0)
    pdf.ln(5)

    pdf.h1("Sammenfatning")
    pdf.para(
        "Sammen om udskrivelsen er et tværsektorielt projekt, hvor ældre medicinske patienter "
        "med høj "
        "risiko for genindlæggelse inden for 48 timer efter udskrivelsen får et fælles "
        "hjemmebesøg af en "
        "kommunal sygeplejerske og en hospitalssygeplejerske. Ved besøget afstemmes medicinen, "
        "faresignaler gennemgås med en skriftlig hvis-så-plan, og det sikres, at opfølgningen "
        "hos egen "
        "læge er aftalt."
    )
    pdf.para(
        "Indsatsen er afprøvet i et randomiseret forsøg med 1.212 patienter i perioden 2020-2022. "
        "Evalueringen viser, at andelen af patienter, der blev genindlagt inden for 30 dage, var "
        "14,8 pct. "
        "i indsatsgruppen mod 19,6 pct. i kontrolgruppen. Forskellen på 4,8 procentpoint er "
        "statistisk "
        "signifikant. Medicinrelaterede genindlæggelser blev næsten halveret. Der var ingen "
        "forskel i "
        "dødelighed efter 90 dage. Indsatsen skønnes at give en nettobesparelse på ca. 1.900 kr. "
        "pr. "
        "patient, men besparelsen og udgiften falder hos forskellige parter."
    )
    pdf.para(
        "Evalueringsgruppen anbefaler, at indsatsen videreføres og udbredes, og at "
        "genindlæggelsesrisikovurderingsværktøjet indbygges automatisk i hospitalets "
        "journalsystem, så "
        "identifikationen af patienter ikke afhænger af den enkelte sygeplejerskes tid i en travl "
        "udskrivningssituation."
    )

    # --- Baggrund, indsats og metode ----------------------------------------------------
    pdf.add_page()
    pdf.h1("1. Baggrund og formål")
    pdf.para(
        "Før projektet blev omkring hver femte patient over 65 år, der blev udskrevet fra "
        "regionens "
        "medicinske afdelinger, genindlagt inden for 30 dage. En journalgennemgang af 150 "
        "genindlæggelser "
        "pegede på to hovedårsager: uoverensstemmelser i medicinen efter udskrivelsen og "
        "mangelfuld eller "
        "forsinket overlevering af oplysninger til hjemmesygeplejen. Formålet med evalueringen "
        "var at "
        "undersøge, om et fælles opfølgende hjemmebesøg reducerer genindlæggelser, og hvad "
        "indsatsen koster."
    )
    pdf.h1("2. Indsatsen")
    pdf.bullets(
        [
            "Risikoscore ved udskrivelsen (alder, antal præparater, indlæggelser det seneste år, "
            "bor alene).",
            "Fælles hjemmebesøg inden for 48 timer; hospitalssygeplejersken kan deltage via video.",
            "Medicinafstemning mod udskrivningsnotatet og Det Fælles Medicinkort.",
            "Skriftlig hvis-så-plan på én side med faresignaler og telefonnumre.",
            "Telefonisk opfølgning efter syv dage ved den kommunale sygeplejerske.",
        ]
    )
    pdf.h1("3. Design og metode")
    pdf.para(
        "Patienter, der opfyldte inklusionskriterierne og gav informeret samtykke, blev ved "
        "udskrivelsen "
        "fordelt ved computergenereret lodtrækning i forholdet 1:1 til indsats (n = 604) eller "
        "sædvanlig "
        "praksis (n = 608). Lodtrækningen var stratificeret efter kommune. Det primære "
        "udfaldsmål var "
        "akut genindlæggelse inden for 30 dage, opgjort fra registerdata. Sekundære udfaldsmål "
        "var "
        "medicinrelaterede genindlæggelser, død inden for 90 dage, patientoplevet tryghed og "
        "omkostninger. "
        "Analyserne blev udført efter intention-to-treat-princippet af forskere, som ikke deltog "
        "i driften "
        "af indsatsen, og analyseplanen blev offentliggjort, før data blev åbnet."
    )

    # --- Resultater (egen side med tal) ---------------------------------------------------
    pdf.add_page()
    pdf.h1("4. Resultater")
    pdf.para(
        "I alt indgik 598 patienter i indsatsgruppen og 601 i kontrolgruppen i analysen af det "
        "primære "
        "udfaldsmål; 13 patienter trak deres samtykke tilbage. Grupperne var sammenlignelige ved "
        "inklusion: gennemsnitsalderen var 81,3 og 81,0 år, og patienterne fik i gennemsnit 9,4 "
        "og 9,2 "
        "faste præparater. 91 pct. af patienterne i indsatsgruppen fik besøget inden for 48 timer."
    )
    pdf.h2("Tabel 1. Primære og sekundære udfaldsmål")
    pdf.set_font("Helvetica", "", 9.5)
    rows = [
        ("Udfaldsmål", "Indsats", "Kontrol", "Forskel (95 pct. KI)"),
        ("Genindlagt inden for 30 dage", "14,8 %", "19,6 %", "-4,8 pp (-9,1 til -0,5)"),
        ("Medicinrelateret genindlæggelse", "2,9 %", "5,7 %", "-2,8 pp (-5,0 til -0,6)"),
        ("Død inden for 90 dage", "8,1 %", "8,4 %", "-0,3 pp (-3,4 til 2,8)"),
        ("Meget eller ret tryg ved udskrivelsen", "82 %", "64 %", "+18 pp (13 til 23)"),
        ("Sengedage pr. patient, 90 dage", "3,1", "4,0", "-0,9 (-1,6 til -0,2)"),
    ]
    with pdf.table(
        col_widths=(62, 22, 22, 48),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
        headings_style=FontFace(emphasis="BOLD", fill_color=(225, 230, 240)),
        line_height=6,
    ) as table:
        for r in rows:
            row = table.row()
            for c in r:
                row.cell(c)
    pdf.ln(4)
    pdf.para(
        "Effekten var størst blandt patienter med ti eller flere faste præparater, hvor andelen "
        "af "
        "genindlagte faldt fra 24,2 pct. til 16,9 pct. I Lindå Kommune, hvor en større del af "
        "besøgene "
        "foregik på video, var effekten på niveau med de to andre kommuner."
    )
    pdf.h2("Tabel 2. Omkostninger pr. patient (kr., 2022-priser)")
    pdf.set_font("Helvetica", "", 9.5)
    cost = [
        ("Post", "Beløb"),
        ("Fælles hjemmebesøg inkl. transport", "1.400"),
        ("Telefonopfølgning og koordinering", "350"),
        ("Sparede udgifter til genindlæggelser", "-3.650"),
        ("Nettobesparelse pr. patient", "-1.900"),
    ]
    with pdf.table(
        col_widths=(110, 44),
        text_align=("LEFT", "RIGHT"),
        headings_style=FontFace(emphasis="BOLD", fill_color=(225, 230, 240)),
        line_height=6,
    ) as table:
        for r in cost:
            row = table.row()
            for c in r:
                row.cell(c)
    pdf.ln(4)
    pdf.para(
        "Besparelsen ved færre genindlæggelser tilfalder overvejende regionen, mens udgiften til "
        "de "
        "kommunale sygeplejersker afholdes af kommunerne. Beregningen er følsom over for "
        "antagelsen om "
        "prisen pr. sengedag; med en 20 pct. lavere pris falder nettobesparelsen til ca. 1.150 kr."
    )

    # --- Erfaringer og faldgruber ---------------------------------------------------------
    pdf.add_page()
    pdf.h1("5. Erfaringer og faldgruber")
    pdf.para(
        "Interviews med 22 sygeplejersker, 6 ledere og 14 patienter og pårørende samt projektets "
        "egne logbøger peger på en række erfaringer, som er vigtige for andre, der vil gøre det "
        "samme."
    )
    pdf.h2("Rekruttering af patienter")
    pdf.para(
        "Rekrutteringen gik langt langsommere end planlagt. Projektet havde regnet med 60 "
        "patienter om "
        "måneden, men nåede i de første måneder kun 25. Sygeplejerskerne på sengeafsnittene "
        "havde ikke tid "
        "til manuelt at beregne risikoscoren midt i udskrivelsen. Først da scoren blev beregnet "
        "automatisk "
        "i journalsystemet, steg rekrutteringen til det planlagte niveau."
    )
    pdf.h2("Adgang til medicinoplysninger")
    pdf.para(
        "Medicinafstemningen forudsætter, at både hospitals- og kommunesygeplejersken har adgang "
        "til Det "
        "Fælles Medicinkort. I begyndelsen manglede flere kommunale sygeplejersker adgang, og "
        "besøgene "
        "blev lange og frustrerende. Medicinafstemningsprocedurerne blev derfor beskrevet trin "
        "for trin."
    )
    pdf.h2("Én model passer ikke til alle")
    pdf.para(
        "Kommunerne havde forskellige arbejdsgange. Tværsektorielsamarbejdskoordinatorfunktionen "
        "i "
        "projektet brugte meget tid på at tilpasse modellen, og Lindå Kommune fik lov til at "
        "gennemføre "
        "flere besøg på video på grund af store afstande."
    )
    pdf.h2("Finansiering")
    pdf.para(
        "Fordi gevinsten og udgiften falder hos forskellige parter, tog det halvandet år at "
        "forhandle en "
        "varig finansiering på plads i Sundhedsaftalesamarbejdsorganisationen. Vi anbefaler, at "
        "en aftale "
        "om deling af udgifter og gevinster indgås, før en lignende indsats sættes i gang."
    )

    pdf.h1("6. Anbefalinger")
    pdf.bullets(
        [
            "Videreføre indsatsen og udbrede den til de øvrige kommuner i regionen.",
            "Beregne risikoscoren automatisk og vise den i udskrivningsoverblikket.",
            "Sikre adgang til Det Fælles Medicinkort for alle deltagende sygeplejersker "
            "fra dag ét.",
            "Give kommunerne frihed til at vælge mellem fysisk besøg og video for "
            "hospitalssygeplejersken.",
            "Følge genindlæggelser løbende i den fælles ledelsesinformation.",
        ]
    )
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(
        0,
        5,
        "Kontakt: Peter Holm Sandager, specialkonsulent, Region Vestkyst, "
        "phsa@regionvestkyst.example.dk, +45 78 41 30 09.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.output(str(OUT))


if __name__ == "__main__":
    build()
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
