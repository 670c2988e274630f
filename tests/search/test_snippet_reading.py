"""Snippets read as a municipal employee reads a result card: prose that shows why the case
matched, not a diagram's labels, a table, a directory tree, a caption in capitals or a link."""

from innosearch.search.snippet import mark_spans, snippet

PROSE = (
    "Automatiseringsløsningen er opbygget som løst koblet arkitektur, hvor data styres igennem "
    "en række komponenter, der er simple at vedligeholde og udskifte. Først tilgår to digitale "
    "assistenter borgerservicesystemet og pensionssystemet. Derefter sendes de rå data igennem "
    "et datafilter, der normaliserer dem, og en regelmotor beregner tilskuddet til fodpleje. "
    "Forslagene udstilles til sidst som beslutningsstøtte til en sagsbehandler på en webflade."
)


def marked(window: str, marks: list[tuple[int, int]]) -> list[str]:
    return [window[s:e] for s, e in marks]


def test_a_diagrams_labels_before_the_prose_are_passed_over():
    diagram = (
        "Diagram: Borgerservice Workletsystem; Kommunernes Pensionssystem; Lokal Kontor-PC; "
        "Data; Webflade; Rå borgerdata TXT; Lokal digital assistent; JSON; Datafilter; regelmotor"
    )
    window, marks = snippet(diagram + "\n\n" + PROSE, "tilskud til fodpleje")
    assert window.startswith("… Automatiseringsløsningen er opbygget")
    assert marked(window, marks) == ["tilskuddet", "fodpleje"]


def test_a_match_in_prose_beats_more_matches_in_a_directory_tree():
    tree = "\n".join(
        [
            "Repository oversigt",
            "├───dashboard [Frontend]",
            "│ ├───dashboard-assets",
            "│ └───Components",
            "├───data_access [Backend data utilities]",
            "└───model [Backend]",
            "├───pogi [Baggrund for CO2e]",
            "└───qampo [Backend - Optimeringsalgoritmer]",
        ]
    )
    text = (
        "Værktøjet viser kommunens kørselsdata på et dashboard, så forvaltningen kan se "
        "CO2-udledningen og anvendelsesgraden for hver bil. Dokumentationen er delt i to dele, "
        "en teknisk del til udviklere og en del til slutbrugere.\n\n" + tree + "\n" + tree
    )
    window, marks = snippet(text, "dashboard")
    assert window.startswith("Værktøjet viser kommunens kørselsdata")
    assert marks[0][0] < window.index("├")


def test_a_table_of_figures_flattened_by_the_pdf_reader_is_passed_over():
    table = (
        "Priskategori Pris (kr/m2) Bælgsæd 0,8 Læggekartofler 5,6 Bær 40,3 Lucerne 0,8 Brak 0,0 "
        "Majs til helsæd 0,9 Chipskartofler 3,9 Oliefrø 0,7 Energiafgrøder 11,0 Frugt 14,5 "
        "Skovdrift 11,0 Græs, permanent 0,7 Spisekartofler 4,6 Grøntsager 4,8 Havre 0,8"
    )
    prose = (
        "8. Erhverv\nModellen anvendes til at bestemme, hvilke private virksomheder der "
        "oversvømmes, og hvor mange medarbejdere der påvirkes. Modellen udregner ikke økonomiske "
        "tab, men ser på antallet af virksomheder og medarbejdere, der berøres af vandet."
    )
    window, _ = snippet(table + "\n\n" + prose, "hjemmesygepleje statistik")
    assert window.startswith("… 8. Erhverv\nModellen anvendes")


def test_figure_captions_in_capitals_are_passed_over():
    captions = (
        "FIGUR 10. SCREENDUMP AF DATAMODELLEN FOR OFFENTLIG_SERVICE FRA QGIS’ FELT-FANE.\n\n"
        "FIGUR 11. O_TYPE- OG U-TYPE-STRUKTUREN BAG DATAMODELLEN FOR OFFENTLIG_SERVICE\n\n"
    )
    prose = (
        "Geometrierne blev herefter sammenflettet til én fil, som vi har valgt at kalde "
        "offentlig service. Den samlede fil blev eksporteret til databasen. Herunder gennemgås, "
        "hvilke datasæt der udgør samfundskritisk infrastruktur i kommunen, og hvordan de er "
        "blevet til, så andre kommuner kan gøre det samme."
    )
    window, _ = snippet(captions + prose, "virtuel hjemmesygepleje")
    assert window.startswith("… Geometrierne blev herefter")


def test_words_inside_a_web_or_mail_address_are_not_marked():
    text = "Takster fra lægerne: https://www.laeger.dk/sites/takster.pdf eller laeger@laeger.dk"
    assert marked(text, mark_spans(text, "læger")) == ["lægerne"]


def test_a_window_starts_after_a_leading_link_when_it_shows_as_much():
    link = (
        "https://www.kulturarv.dk/geoserver/wfs?service=WFS&version=1.0.0&request=GetCapabilities"
    )
    text = (
        link + ". Der findes ikke et ID til at koble med bygningerne, så en simpel analyse af "
        "overlap er brugt for at finde de relevante bygninger. Bevaringsværdige bygninger findes "
        "ud fra samme metode. Spildevandets pumpestationer blev leveret af forsyningen som en "
        "fil, der kunne indlæses direkte, og de blev koblet med bygningerne uden besvær."
    )
    window, _ = snippet(text, "byrådet chatbot")
    assert window.startswith("… Der findes ikke et ID")


def test_a_passage_that_is_all_references_is_shown_from_its_start():
    references = "\n\n".join(
        [
            "Lane, K., Charles-Guzman, K., Wheeler, K., & Matte, T. (2013). Health Effects of "
            "Coastal Storms and Flooding in Urban Areas. Journal of Environmental and Public "
            "Health, 2013, 1–13. https://doi.org/10.1155/2013/913064",
            "Levin, G., Iosub, C.-I., & Rudbeck Jepsen, M. (2017). Basemap02. Technical "
            "documentation of a model for a land-use map for Denmark. Aarhus University.",
            "Møllenberg, S. (2021). Vurderingspriser og opgørelsesmetoder for gartneri 2021. "
            "Danmarks Statistik. https://www.dst.dk/Site/Dst/SingleFiles/GetArchiveFile.aspx",
        ]
    )
    window, _ = snippet(references, "varmeforbrug sensorer")
    assert window.startswith("Lane, K.")


def test_a_cut_window_keeps_its_last_whole_word():
    text = PROSE + " " + PROSE
    window, _ = snippet(text, "fodpleje", max_chars=120)
    assert window.endswith(" …")
    assert (window.removesuffix(" …").removeprefix("… ") + " ") in text
