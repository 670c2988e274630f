"""Case records: JSON, JSON Lines, CSV in the Danish sharing template."""

import json

import pytest

from innosearch.errors import ParseError
from innosearch.ingest.base import warnings_of
from innosearch.ingest.case_records import (
    CaseRecordParser,
    parse_year,
    stated_value_problems,
    taxonomy_key,
)

CASE = {
    "Titel": "Skærmbesøg i hjemmeplejen",
    "Organisation": "Randers Kommune",
    "Organisationstype": "Kommune",
    "Sted": "Randers",
    "Kontaktperson": {"navn": "Anna Jensen", "email": "anna@randers.dk", "telefon": "89 15 15 15"},
    "Resumé": "Borgere får besøg via tablet.",
    "Udfordring": "Mange ældre er ensomme.",
    "Løsning": "Vi indførte skærmbesøg.",
    "Effekt": "20 % færre kørsler.",
    "Faldgruber": "Wifi hos borgeren.",
    "Benspænd": "Jura om samtykke.",
    "Genbrug": "Drejebogen kan genbruges.",
    "Status": "Igangværende",
    "Fase": "Implementering",
    "År": "maj 2021",
    "Nøgleord": "velfærdsteknologi, ensomhed; tablet",
    "Links": "https://a.dk https://b.dk",
    "Sektor": "Ældre",
    "Budget_note": "ukendt felt",
}


def parse(tmp_path, name, content, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(content.encode(encoding) if isinstance(content, str) else content)
    return CaseRecordParser().parse(path)


def test_single_json_case_with_danish_keys(tmp_path):
    (doc,) = parse(tmp_path, "case.json", json.dumps(CASE, ensure_ascii=False))
    assert doc.kind == "case"
    assert doc.title == "Skærmbesøg i hjemmeplejen"
    assert doc.source_suffix == ""
    assert [s.heading for s in doc.sections] == [
        "Resumé",
        "Udfordring",
        "Løsning",
        "Faldgruber",
        "Effekt",
        "Benspænd",
        "Det kan genbruges",
    ]
    assert doc.sections[2].text == "Vi indførte skærmbesøg."
    assert doc.fields == {
        "organisation": "Randers Kommune",
        "organisation_type": "kommune",
        "place": "Randers",
        "contact_name": "Anna Jensen",
        "contact_email": "anna@randers.dk",
        "contact_phone": "89 15 15 15",
        "status": "igangvaerende",
        "stage": "implementering",
        "year": 2021,
        "tags": ["velfærdsteknologi", "ensomhed", "tablet"],
        "links": ["https://a.dk", "https://b.dk"],
        "sector": "aeldre",
    }
    assert doc.extra == {"Budget_note": "ukendt felt"}


def test_list_and_container_give_numbered_suffixes(tmp_path):
    other = {"title": "Robot i lønnen", "challenge": "Manuelle tastninger.", "year": 2020}
    for content in ([CASE, other], {"cases": [CASE, other]}):
        docs = parse(tmp_path, "cases.json", json.dumps(content, ensure_ascii=False))
        assert [d.source_suffix for d in docs] == ["#1", "#2"]
        assert docs[1].title == "Robot i lønnen"
        assert docs[1].fields == {"year": 2020}


def test_unrecognised_taxonomy_values_stay_in_extra(tmp_path):
    case = {
        "title": "X",
        "summary": "Tekst.",
        "status": "På pause",
        "sektor": "Rumfart",
        "year": "engang",
    }
    (doc,) = parse(tmp_path, "x.json", json.dumps(case, ensure_ascii=False))
    assert "status" not in doc.fields and "sector" not in doc.fields and "year" not in doc.fields
    assert doc.extra == {"status": "På pause", "sector": "Rumfart", "year": "engang"}
    problems = stated_value_problems(doc)
    assert [p.split(":")[0] for p in problems] == [
        "feltet sektor (sector)",
        "feltet status (status)",
        "feltet år (year)",
    ]
    assert "ukendt værdi 'Rumfart'; sektor er udledt af teksten" in problems[0]
    assert "'engang' er intet årstal" in problems[2]


def test_a_danish_date_gives_the_year(tmp_path):
    case = {"title": "X", "summary": "Tekst.", "dato": "3. marts 2024"}
    (doc,) = parse(tmp_path, "x.json", json.dumps(case, ensure_ascii=False))
    assert doc.fields["year"] == 2024 and doc.extra == {"dato": "3. marts 2024"}
    assert stated_value_problems(doc) == []


def test_flat_contact_fields_and_contact_string(tmp_path):
    case = {
        "title": "X",
        "summary": "Tekst.",
        "contact_name": "Bo",
        "mail": "bo@x.dk",
        "tlf": "12345678",
    }
    (doc,) = parse(tmp_path, "x.json", json.dumps(case))
    assert doc.fields == {
        "contact_name": "Bo",
        "contact_email": "bo@x.dk",
        "contact_phone": "12345678",
    }
    case = {"title": "X", "summary": "Tekst.", "kontakt": "Bo Hansen, bo@x.dk, tlf. 12 34 56 78"}
    (doc,) = parse(tmp_path, "x.json", json.dumps(case))
    assert doc.fields == {
        "contact_name": "Bo Hansen",
        "contact_email": "bo@x.dk",
        "contact_phone": "12 34 56 78",
    }


def test_bad_records_become_warnings_not_losses(tmp_path):
    content = [
        {"title": "God", "summary": "Tekst."},
        {"summary": "Uden titel."},
        {"title": "Uden tekst", "year": 2020},
        "ikke et objekt",
    ]
    docs = parse(tmp_path, "cases.json", json.dumps(content))
    assert [d.title for d in docs] == ["God"]
    assert docs[0].source_suffix == "#1"
    assert warnings_of(docs) == [
        "post 2: mangler titel",
        "post 3: har ingen tekst (fx resumé, udfordring eller løsning)",
        "post 4: er ikke et objekt",
    ]


def test_all_records_bad_is_a_parse_error(tmp_path):
    with pytest.raises(ParseError, match="ingen gyldige cases.*post 1: mangler titel"):
        parse(tmp_path, "cases.json", json.dumps([{"summary": "x"}]))


def test_invalid_json_reports_line_and_column(tmp_path):
    with pytest.raises(ParseError, match="ugyldig JSON på linje 3, kolonne 5: "):
        parse(tmp_path, "bad.json", '{\n  "title": "x",\n    oops\n}')


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"title": }', "her mangler en værdi"),
        ('{"title": "x" "summary": "y"}', "her mangler et komma"),
        ('{"title": "x', 'en tekst, der begynder her, slutter aldrig med "'),
    ],
)
def test_invalid_json_is_explained_in_danish(tmp_path, content, problem):
    with pytest.raises(ParseError) as raised:
        parse(tmp_path, "bad.json", content)
    assert raised.value.message.endswith(problem)


@pytest.mark.parametrize("content", ["", "  \n", "42", '"tekst"', "[]"])
def test_empty_or_wrong_json(tmp_path, content):
    with pytest.raises(ParseError):
        parse(tmp_path, "bad.json", content)


def test_jsonl_with_a_broken_line(tmp_path):
    lines = [
        json.dumps({"titel": "A", "udfordring": "Tekst a."}),
        "",
        "{ikke json",
        json.dumps({"titel": "B", "løsning": "Tekst b."}, ensure_ascii=False),
        "[1, 2]",
    ]
    docs = parse(tmp_path, "cases.jsonl", "\n".join(lines))
    assert [(d.title, d.source_suffix) for d in docs] == [("A", "#1"), ("B", "#3")]
    warnings = warnings_of(docs)
    assert warnings[0] == (
        "linje 3: ugyldig JSON i kolonne 2: her skulle et feltnavn i dobbelte anførselstegn stå "
        "(eller der er et komma for meget)"
    )
    assert warnings[1] == "linje 5: er ikke et objekt"


def test_csv_semicolon_cp1252_with_unknown_column(tmp_path):
    content = (
        "Titel;Kommune;Udfordring;Løsning;Effekt;Status;År;Ekstra kolonne\r\n"
        "Skærmbesøg;Randers Kommune;Ensomhed blandt ældre;Tablets;Færre kørsler;"
        "Afsluttet;2021;x\r\n"
        ";Aarhus Kommune;Uden titel;;;;;\r\n"
        'Robot;Aarhus;"Mange\r\nlinjer";Robot;;I gang;2019-03-01;\r\n'
    )
    docs = parse(tmp_path, "cases.csv", content, encoding="cp1252")
    assert [d.title for d in docs] == ["Skærmbesøg", "Robot"]
    assert [d.source_suffix for d in docs] == ["#1", "#3"]
    first = docs[0]
    assert first.fields == {"organisation": "Randers Kommune", "status": "afsluttet", "year": 2021}
    assert first.extra == {"Ekstra kolonne": "x"}
    assert [s.heading for s in first.sections] == ["Udfordring", "Løsning", "Effekt"]
    assert docs[1].sections[0].text == "Mange\nlinjer"
    assert docs[1].fields["status"] == "igangvaerende"
    assert docs[1].fields["year"] == 2019
    assert warnings_of(docs) == ["række 3: mangler titel"]


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_csv_comma_and_tab_with_bom(tmp_path, delimiter):
    rows = [["title", "summary", "tags"], ["Genbrug", "Hjælpemidler genbruges.", "a, b"]]
    content = "\n".join(delimiter.join(f'"{c}"' for c in row) for row in rows)
    (doc,) = parse(tmp_path, "c.csv", b"\xef\xbb\xbf" + content.encode())
    assert doc.title == "Genbrug"
    assert doc.fields["tags"] == ["a", "b"]
    assert doc.source_suffix == ""


def test_csv_quotes_that_break_a_row_are_reported_and_the_rest_is_read(tmp_path):
    text = 'titel;resume\nA;"tekst" mere\nB;ok\n"C";"aldrig lukket\nD;tabt\n'
    docs = parse(tmp_path, "sager.csv", text)
    assert [d.title for d in docs] == ["B"]
    assert warnings_of(docs) == [
        'række 2: efter et afsluttende anførselstegn (") skal der stå et skilletegn (;)',
        'række 4: et anførselstegn (") lukkes aldrig; resten af filen er ikke læst',
    ]


def test_csv_without_title_column(tmp_path):
    with pytest.raises(ParseError, match="mangler en kolonne med titel"):
        parse(tmp_path, "c.csv", "navn;tekst\nA;B\n")


def test_parse_year_and_taxonomy_helpers():
    assert [parse_year(v) for v in (2021, 2021.0, "2021", "2021-05-01", "maj 2021")] == [2021] * 5
    assert parse_year("ingen") is None and parse_year(True) is None
    assert taxonomy_key("sector", "Børn og unge") == "boern_unge"
    assert taxonomy_key("sector", "boern_unge") == "boern_unge"
    assert taxonomy_key("organisation_type", "Region") == "region"
    assert taxonomy_key("stage", "Spredning") == "spredning"
    assert taxonomy_key("status", "noget andet") is None
