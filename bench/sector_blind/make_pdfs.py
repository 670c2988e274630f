"""Write the report-style PDFs of the blind sector set with fpdf2 (title, cover line, headings).

Run from the repository root: `python bench/sector_blind/make_pdfs.py`.
"""

from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent / "documents"

REPORTS: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    "b03_sundhed_hjerterehabilitering.pdf": (
        "Hjerterehabilitering på video",
        "Evalueringsrapport · Region Nordvest · Hjertemedicinsk Afdeling, Vestby Sygehus",
        [
            (
                "1 Baggrund",
                "Patienter, der har haft en blodprop i hjertet eller fået en ballonudvidelse, "
                "tilbydes et genoptræningsforløb med træning og undervisning på sygehuset. "
                "Mange patienter, især dem med lang transport, gennemfører ikke forløbet. "
                "Uden rehabilitering er risikoen for genindlæggelse og ny blodprop højere.",
            ),
            (
                "2 Forløbet",
                "Hjertemedicinsk Afdeling tilbyder nu hjerterehabilitering hjemme over video. "
                "Fysioterapeuter leder holdtræning på skærmen to gange om ugen i tolv uger, og "
                "hjertesygeplejersker holder samtaler om medicin, kost og rygestop. Patienterne "
                "låner en tablet og et pulsur. Forløbet er aftalt med de praktiserende læger og "
                "kommunernes sundhedscentre, som overtager efter de tolv uger.",
            ),
            (
                "3 Resultater",
                "Andelen af patienter, der gennemførte rehabiliteringen, steg fra 54 procent "
                "med fremmøde på sygehuset i 2021 til 79 procent med video i 2023. "
                "Patienternes kondital steg lige så meget som på holdene på sygehuset. "
                "Genindlæggelser inden for et år faldt fra 17 til 12 procent.",
            ),
            (
                "4 Økonomi",
                "Tablets og licenser koster 420.000 kr. om året, mens udgifterne til "
                "patienttransport faldt med 610.000 kr.",
            ),
        ],
    ),
    "b08_boern_unge_eftervaern.pdf": (
        "Efterværn for anbragte unge: en voksen, der bliver",
        "Rapport · Familieafdelingen · Stenlille Kommune",
        [
            (
                "Indledning",
                "Unge, der har været anbragt i familiepleje eller på institution, står ofte "
                "alene, når anbringelsen slutter ved 18 år. Mange af dem mister kontakten til "
                "skole og uddannelse, og flere end blandt andre unge ender i hjemløshed.",
            ),
            (
                "Indsatsen",
                "Familieafdelingen tilbyder alle anbragte unge fra 17 år en fast kontaktperson, "
                "som følger dem til de fylder 23. Kontaktpersonen er en socialrådgiver eller "
                "pædagog, som den unge selv har valgt. Sammen laver de en plan for bolig, "
                "uddannelse og økonomi, og plejefamilien kan fortsætte som netværksfamilie. "
                "Sagsbehandlerne i børne- og ungerådgivningen starter planen et år før "
                "anbringelsen slutter.",
            ),
            (
                "Resultater",
                "Af de 38 unge, der har haft en kontaktperson, var 29 i uddannelse eller job "
                "ved 20 år. Blandt de unge, der forlod en anbringelse de fem år før, var det 16 "
                "af 41. Ingen af de 38 unge har været hjemløse.",
            ),
            (
                "Erfaringer",
                "Vi fik for sent fat i plejefamilierne. Når de er med fra starten, bliver "
                "overgangen meget lettere for den unge.",
            ),
        ],
    ),
    "b12_beskaeftigelse_sygemeldte.pdf": (
        "Tidlig indsats for sygemeldte",
        "Jobcenter Fjordvang · Afrapportering af projekt 2022-2024",
        [
            (
                "1 Formål",
                "Projektets formål var at få sygemeldte borgere hurtigere tilbage i arbejde. "
                "Borgere, der er sygemeldt med stress, angst eller smerter i ryg og nakke, "
                "var i gennemsnit 26 uger på sygedagpenge, og mange mistede deres job "
                "undervejs.",
            ),
            (
                "2 Projektets indhold",
                "Sygedagpengeteamet holder den første samtale inden for to uger i stedet for "
                "otte. Borgeren får tilbudt samtaler med en psykolog eller fysioterapeut i "
                "jobcentret, og en virksomhedskonsulent tager kontakt til arbejdsgiveren om "
                "delvis raskmelding og skånehensyn. Den praktiserende læge får besked om "
                "planen.",
            ),
            (
                "3 Resultater",
                "Den gennemsnitlige varighed af sygedagpengeforløbene faldt fra 26 til 19 uger "
                "for de 530 borgere i projektet. Andelen, der vendte tilbage til samme "
                "arbejdsplads, steg fra 48 til 63 procent.",
            ),
            (
                "4 Opmærksomhedspunkter",
                "Lægerne svarede ofte sent på jobcentrets henvendelser. Et fast telefonmøde "
                "med lægerne en gang om måneden hjalp.",
            ),
        ],
    ),
    "b16_teknik_trafik_vejbelysning.pdf": (
        "Intelligent vejbelysning",
        "Notat · Vej og Trafik · Kornholt Kommune",
        [
            (
                "Baggrund",
                "Kommunens 9.400 gadelamper var gamle kviksølvlamper med høje udgifter til el "
                "og vedligehold. Mange lamper var i stykker i ugevis, før det blev opdaget, og "
                "borgerne klagede over mørke stier og cykelstier.",
            ),
            (
                "Løsningen",
                "Vej og Trafik har skiftet alle lamper til LED med en styreboks, der dæmper "
                "lyset om natten og skruer op, når en cyklist eller fodgænger nærmer sig. "
                "Styreboksen melder selv fejl til driftsafdelingen, og entreprenøren skal "
                "udskifte en defekt lampe inden for fem dage. Trafiksikkerheden på stier og i "
                "kryds er vurderet af trafikplanlæggerne.",
            ),
            (
                "Resultater",
                "Elforbruget til vejbelysning faldt fra 4,1 til 1,6 GWh om året. Tiden fra en "
                "lampe går i stykker til den er repareret faldt fra 23 til 4 dage.",
            ),
        ],
    ),
    "b21_politi_beredskab_droner.pdf": (
        "Droner i brand- og redningsindsatsen",
        "Erfaringsopsamling · Beredskab Nordkysten",
        [
            (
                "Udfordring",
                "Ved brande i store bygninger, naturbrande og eftersøgninger ved kysten har "
                "indsatslederen ofte ikke overblik over, hvor ilden breder sig, eller hvor en "
                "savnet person kan være. Det koster tid, og brandfolkene sendes ind i farlige "
                "områder uden at kende situationen.",
            ),
            (
                "Hvad gjorde vi",
                "Beredskabet har uddannet 12 dronepiloter blandt brandfolkene og har to droner "
                "med varmekamera på vagt døgnet rundt. Dronen sendes med ved alle større "
                "brande og eftersøgninger, og billederne vises live hos indsatslederen og hos "
                "politiets indsatsleder på skadestedet. Vi samarbejder med Kystredningstjenesten "
                "og politiet om eftersøgninger.",
            ),
            (
                "Resultater",
                "Dronerne har været i brug ved 143 indsatser i 2024. Ved eftersøgninger er "
                "den gennemsnitlige tid, før en savnet person blev fundet, faldet fra 84 til "
                "37 minutter i forhold til 2022.",
            ),
            (
                "Læring",
                "Vejret sætter grænser: i kraftig blæst kan dronerne ikke flyve, og det skal "
                "indsatslederne vide.",
            ),
        ],
    ),
    "b23_aeldre_loftlifte_evaluering.pdf": (
        "Evaluering af loftlifte i hjemmeplejen",
        "Sundhed og Ældre · Egbjerg Kommune · Evaluering 2024",
        [
            (
                "Sammenfatning",
                "Evalueringen viser, at loftlifte hos ældre borgere i eget hjem har halveret "
                "antallet af forflytninger, hvor der skal to hjemmehjælpere til.",
            ),
            (
                "Baggrund",
                "Ældre borgere, der ikke selv kan komme ud af sengen, skal forflyttes med en "
                "mobil lift af to medarbejdere fra hjemmeplejen. Det binder mange timer i "
                "plejen og giver arbejdsskader i ryggen hos social- og sundhedshjælperne.",
            ),
            (
                "Indsatsen",
                "Hjælpemiddelafdelingen har monteret loftlifte hos 75 borgere. Terapeuterne "
                "har trænet personalet i at forflytte borgeren alene med loftliften, og "
                "borgerne er blevet spurgt, hvordan de oplever det.",
            ),
            (
                "Metode og resultater",
                "Antallet af besøg med to medarbejdere faldt fra 210 til 98 om ugen hos de 75 "
                "borgere, sammenlignet før og efter monteringen. Der blev anmeldt 3 "
                "arbejdsskader ved forflytning i 2024 mod 11 i 2022.",
            ),
            (
                "Anbefalinger",
                "Evalueringen anbefaler at tilbyde loftlifte til alle borgere, der forflyttes "
                "af to medarbejdere, og at følge op på borgernes tryghed.",
            ),
        ],
    ),
}


def _latin1(text: str) -> str:
    return text.replace("–", "-").replace("·", "-")


def write(name: str, title: str, cover: str, sections: list[tuple[str, str]]) -> None:
    pdf = FPDF()
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.multi_cell(0, 10, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, _latin1(cover), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for heading, text in sections:
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(0, 8, _latin1(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 6, _latin1(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(HERE / name))


if __name__ == "__main__":
    for name, (title, cover, sections) in REPORTS.items():
        write(name, title, cover, sections)
