"""Markdown and plain text."""

import pytest

from innosearch.errors import ParseError
from innosearch.ingest.text import MarkdownParser, PlainTextParser

MARKDOWN = """---
title: "Skærmbesøg i hjemmeplejen"
organisation: Randers Kommune
sektor: Ældre
status: Igangværende
år: 2023
tags: [velfærdsteknologi, ensomhed]
forfatter: Anna
summary: Borgere får besøg via tablet.
---

# Skærmbesøg

Indledning med **fed** tekst, *kursiv* og et [link](https://example.org/side)
der fortsætter på næste linje. ![logo](logo.png)

## Udfordring

Mange ældre er ensomme.

- Første punkt med `kode`
- Andet punkt

| Mål | Før | Efter |
|-----|-----|-------|
| Besøg | 10 | 14 |

### Effekt

Færre kørsler.

```python
print("kode bevares")
```

```mermaid
flowchart LR
    A[Borger ringer] --> B{Visitation}
```
"""


def test_markdown_front_matter_sections_and_markup(tmp_path):
    path = tmp_path / "case.md"
    path.write_text(MARKDOWN, "utf-8")
    (doc,) = MarkdownParser().parse(path)
    assert doc.kind == "markdown"
    assert doc.title == "Skærmbesøg i hjemmeplejen"
    assert doc.fields["organisation"] == "Randers Kommune"
    assert doc.fields["sector"] == "aeldre"
    assert doc.fields["status"] == "igangvaerende"
    assert doc.fields["year"] == 2023
    assert doc.fields["tags"] == ["velfærdsteknologi", "ensomhed"]
    assert doc.extra["forfatter"] == "Anna"
    headings = [s.heading for s in doc.sections]
    # The first level-1 heading is the document's title, never a section label.
    assert headings == ["Resumé", "", "Udfordring", "Effekt"]
    intro = doc.sections[1].text
    assert intro == ("Indledning med fed tekst, kursiv og et link der fortsætter på næste linje.")
    challenge = doc.sections[2].text
    assert "- Første punkt med kode\n- Andet punkt" in challenge
    assert "Mål | Før | Efter\nBesøg | 10 | 14" in challenge
    assert "---" not in challenge
    effect = doc.sections[3].text
    assert 'print("kode bevares")' in effect
    assert "Diagram: Borger ringer; Visitation" in effect
    assert "flowchart" not in effect


def test_a_site_generators_navigation_keys_are_not_kept_as_the_cases_own(tmp_path):
    path = tmp_path / "side.md"
    front = "---\nlayout: default\nparent: Forslag\nnav_order: 3\nhas_children: true\n"
    front += "permalink: /forslag/side\nauthor: Anna Holm\nbudget: 2 mio. kr.\n---\n"
    path.write_text(front + "# Fælles booking\n\nMødelokaler bookes ét sted.\n", "utf-8")
    (doc,) = MarkdownParser().parse(path)
    assert doc.extra == {"author": "Anna Holm", "budget": "2 mio. kr."}


def test_a_label_whose_value_the_site_generator_fills_in_is_dropped(tmp_path):
    path = tmp_path / "side.md"
    page = "---\nlayout: default\n---\n\n"
    page += "📆 _sidst opdateret: {{ site.time | date: '%B %d, %Y' }}_\n"
    page += "\n## Proces\n\nVi afprøvede løsningen kl. 10:30 i {{ site.title }} og tre kommuner.\n"
    path.write_text(page, "utf-8")
    (doc,) = MarkdownParser().parse(path)
    assert [(s.heading, s.text) for s in doc.sections] == [
        ("Proces", "Vi afprøvede løsningen kl. 10:30 i og tre kommuner.")
    ]


def test_markdown_title_from_h1_then_filename(tmp_path):
    path = tmp_path / "genbrug_af_hjaelpemidler.md"
    path.write_text("# 🌍 Genbrug af hjælpemidler\n\nTekst om genbrug.\n", "utf-8")
    (doc,) = MarkdownParser().parse(path)
    assert doc.title == "Genbrug af hjælpemidler"
    assert doc.sections[0].heading == ""
    path.write_text("Bare tekst uden overskrift.\n", "utf-8")
    (doc,) = MarkdownParser().parse(path)
    assert doc.title == "Genbrug af hjaelpemidler"


def test_plain_text_utf8_bom_and_cp1252(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Løsning\n\nVi købte skærme til ældre.".encode())
    (doc,) = PlainTextParser().parse(path)
    assert doc.title == "Løsning"
    assert doc.sections[0].text == "Vi købte skærme til ældre."
    path.write_bytes("Vi har indført æbletræer på Ærø, ca. 5 € pr. stk.".encode("cp1252"))
    (doc,) = PlainTextParser().parse(path)
    assert doc.title == "Note"
    assert doc.sections[0].text == "Vi har indført æbletræer på Ærø, ca. 5 € pr. stk."


@pytest.mark.parametrize("parser", [PlainTextParser(), MarkdownParser()])
def test_empty_and_binary_files_are_rejected(tmp_path, parser):
    empty = tmp_path / "tom.txt"
    empty.write_bytes(b"")
    with pytest.raises(ParseError, match="filen er tom"):
        parser.parse(empty)
    binary = tmp_path / "billede.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    with pytest.raises(ParseError, match="filen kan ikke læses som tekst"):
        parser.parse(binary)


def test_markdown_with_only_front_matter_has_no_text(tmp_path):
    path = tmp_path / "tom.md"
    path.write_text("---\ntitle: Tom\n---\n\n<!-- kommentar -->\n", "utf-8")
    with pytest.raises(ParseError, match="ingen tekst"):
        MarkdownParser().parse(path)


def test_generic_page_names_and_missing_h1_give_way_to_the_content(tmp_path):
    from innosearch.ingest.text import MarkdownParser

    home = tmp_path / "forside.md"
    home.write_text("---\ntitle: Home\n---\n\n# Brugervejledning\nTekst om værktøjet.\n")
    no_h1 = tmp_path / "os2sek_hvad_er.md"
    no_h1.write_text("Kladde.\n\n## Hvad er et fællesskab?\nEt fællesskab deler kode.\n")
    assert MarkdownParser().parse(home)[0].title == "Brugervejledning"
    assert MarkdownParser().parse(no_h1)[0].title == "Hvad er et fællesskab?"


def test_plain_text_headings_start_sections(tmp_path):
    path = tmp_path / "sag.txt"
    path.write_text(
        "Faldteam i Vest\n\nUdfordring\nMange ældre falder i eget hjem hvert eneste år.\n\n"
        "3.2 Resultater:\nAntallet af fald faldt fra 14 til 10 pr. 100 borgere om året.\n\n"
        "Vi har i projektet\narbejdet tæt sammen med hjemmeplejen og de praktiserende læger.\n",
        "utf-8",
    )
    (doc,) = PlainTextParser().parse(path)
    assert doc.title == "Faldteam i Vest"
    assert [s.heading for s in doc.sections] == ["Udfordring", "3.2 Resultater"]
    # a short line that goes on in lower case is hard-wrapped text, joined back into its sentence
    assert "Vi har i projektet arbejdet tæt sammen" in doc.sections[1].text


def test_markdown_keeps_the_address_of_an_e_mail_autolink(tmp_path):
    path = tmp_path / "grundlag.md"
    path.write_text("# Grundlag\n\nAf: Jakob Vang (<jv@havnsoe.dk>), Havnsø Kommune\n", "utf-8")
    (doc,) = MarkdownParser().parse(path)
    assert "Af: Jakob Vang (jv@havnsoe.dk), Havnsø Kommune" in doc.text


def test_markdown_setext_headings_head_their_section_only(tmp_path):
    path = tmp_path / "overblik.md"
    path.write_text(
        "Overblik\n========\n\nHer er listen.\n\nTeknik\n---\n\n- To do 1\n\n"
        "Organisering\n---\n\n- Anbefaling 1\n",
        "utf-8",
    )
    (doc,) = MarkdownParser().parse(path)
    assert doc.title == "Overblik"
    assert [(s.heading, s.text) for s in doc.sections] == [
        ("", "Her er listen."),
        ("Teknik", "- To do 1"),
        ("Organisering", "- Anbefaling 1"),
    ]


def test_markdown_character_references_and_emoji_shortcodes(tmp_path):
    """A character reference is the character it names; an emoji shortcode is a picture."""
    path = tmp_path / "forside.md"
    path.write_text(
        "# Forside\n\nSend en mail til sofbu&#64;aarhus.dk om Data &amp; drift.\n\n"
        ":gear: | Apache SuperSet | Node-RED |\n\n"
        "Løsningen kræver en række :cloud: netværksadgange, fra kl. 10:30:00. "
        "Skriv &lt;måned&gt; i titlen.\n",
        "utf-8",
    )
    (doc,) = MarkdownParser().parse(path)
    assert "sofbu@aarhus.dk om Data & drift." in doc.text
    assert "Apache SuperSet | Node-RED" in doc.text
    assert "en række netværksadgange, fra kl. 10:30:00." in doc.text
    assert "Skriv <måned> i titlen." in doc.text
    assert ":" + "gear" not in doc.text


def test_markdown_page_navigation_is_not_text(tmp_path):
    path = tmp_path / "README.md"
    path.write_text(
        "# Tilskud til fodterapi\n"
        "|  [**Beskrivelse**](#beskrivelse)  |  [**Ressourcer**](#Ressourcer)   |\n\n"
        "## Beskrivelse\n\nRobotten behandler ansøgninger. Se [vejledningen](#ressourcer).\n\n"
        "[↑ Til toppen](#top)\n",
        "utf-8",
    )
    (doc,) = MarkdownParser().parse(path)
    assert [s.heading for s in doc.sections] == ["Beskrivelse"]
    assert doc.sections[0].text == "Robotten behandler ansøgninger. Se vejledningen."


def test_markdown_comment_over_several_paragraphs_is_not_text(tmp_path):
    path = tmp_path / "vurdering.md"
    path.write_text(
        "# Vurdering\n\nTabellen viser status.\n\n<!--\nNedenfor er mermaid kode.\n\n"
        "Color codes used:\nGreen: 008000\n\n-->\n\nEfter tabellen.\n",
        "utf-8",
    )
    (doc,) = MarkdownParser().parse(path)
    assert " ".join(doc.text.split()) == "Tabellen viser status. Efter tabellen."


def test_markdown_site_page_keeps_only_its_text(tmp_path):
    """A page written for a site generator: its CSS, attribute lists, heading ids and diagram
    styling are markup, not text, and must not reach the passages or the section labels."""
    path = tmp_path / "suveraenitet.md"
    path.write_text(
        "# Digital suverænitet\n\n"
        "<style>\n.value-grid {\n  display: grid;\n  gap: 1rem;\n}\n</style>\n\n"
        "## Værdier {#vaerdier}\n\n"
        "♻️ Genbrug og fælles løsninger{: .btn .btn-green } 👁️ Åbne standarder{: .btn }\n\n"
        "## Tjekliste\n\n- [ ] Afklar behov og mål\n- [x] Vælg åben licens\n\n"
        "## Overblik\n\n"
        "```mermaid\nflowchart TB\n"
        '  CKAN[("📊 <b>Dataportal</b><br><small>Login via OS2 Adgang</small>")]\n'
        "  CKAN@{ shape: rounded}\n"
        "  classDef Aqua stroke-width:1px, fill:#DEFFF8\n```\n",
        "utf-8",
    )
    (doc,) = MarkdownParser().parse(path)
    assert [s.heading for s in doc.sections] == ["Værdier", "Tjekliste", "Overblik"]
    values, checklist, overview = (s.text for s in doc.sections)
    assert checklist == "- Afklar behov og mål\n- Vælg åben licens"
    assert values == "♻️ Genbrug og fælles løsninger 👁️ Åbne standarder"
    assert overview == "Diagram: Dataportal Login via OS2 Adgang"
    assert "grid" not in doc.sections[0].text + doc.title


def test_markdown_bold_lines_are_the_headings_of_a_file_without_any(tmp_path):
    """A project plan written with "**Baggrund**" lines for headings, not "#": each passage is
    labelled with the bold line it stands under; a bold phrase inside prose stays text."""
    path = tmp_path / "projektgrundlag.md"
    path.write_text(
        "# Projektgrundlag for søgning i byrådets dagsordener\n\n"
        "Af: Projektleder, Fælles IT og Digitalisering\n\n"
        "**Baggrund**\n\n"
        "Kommunen ønsker at styrke tilgængeligheden af dagsordener og referater for politikere, "
        "og **alle data** publiceres allerede via web.\n\n"
        "**Succeskriterier**:\n"
        "* Stabil indlæsning af dagsordener via API.\n"
        "* Effektiv hybrid søgning med facetter.\n\n"
        "__Roadmap__\n\n"
        "1. Server med GPU til udvikling.\n"
        "2. Kort møde med sekretariatet.\n",
        encoding="utf-8",
    )
    (doc,) = MarkdownParser().parse(path)
    assert doc.title == "Projektgrundlag for søgning i byrådets dagsordener"
    assert [s.heading for s in doc.sections] == ["", "Baggrund", "Succeskriterier", "Roadmap"]
    assert "og alle data publiceres" in doc.sections[1].text
    assert doc.sections[2].text.startswith("- Stabil indlæsning")


def test_markdown_short_plain_lines_are_headings_only_with_evidence(tmp_path):
    """A short line in a paragraph of its own over running text is a heading where the file
    repeats the pattern and has no "#" headings below its title; one such line alone (a
    salutation) and a short line of prose are text."""
    plain = tmp_path / "hackathon.md"
    plain.write_text(
        "# Indledende hackathon\n\n"
        "Hackathon\n\n"
        "Et hackathon er en intensiv begivenhed, hvor teams arbejder sammen om en prototype.\n\n"
        "Deltagere og roller\n\n"
        "Det anbefales at invitere arkitekter, facilitatorer og udviklere til to dages arbejde.\n\n"
        "Det var det.\n\n"
        "Mere tekst om hackathonnet følger her i et afsnit med mange ord i sig.\n",
        encoding="utf-8",
    )
    (doc,) = MarkdownParser().parse(plain)
    assert [s.heading for s in doc.sections] == ["Hackathon", "Deltagere og roller"]
    assert "Det var det." in doc.sections[1].text

    letter = tmp_path / "komigang.md"
    letter.write_text(
        "---\ntitle: Sådan kommer du i gang\n---\n\n"
        "Kære ven af FleetOptimiser\n\n"
        "Vi håber, at du har lyst til at springe på klimavognen og implementere løsningen.\n",
        encoding="utf-8",
    )
    (doc,) = MarkdownParser().parse(letter)
    assert [s.heading for s in doc.sections] == [""]
    assert doc.sections[0].text.startswith("Kære ven af FleetOptimiser")

    structured = tmp_path / "guide.md"
    structured.write_text(
        "# Guide\n\n## Opsætning\n\n**Leverancer:**\n\n- En rapport\n\n"
        "**Aktiviteter:**\n\n- Et møde med styregruppen\n",
        encoding="utf-8",
    )
    (doc,) = MarkdownParser().parse(structured)
    assert [s.heading for s in doc.sections] == ["Opsætning"]


def test_markdown_html_headings_on_their_own_line_are_headings(tmp_path):
    # A site generator's page writes its headings as HTML; stripped as inline markup, the page
    # had no section labels and its outline named nothing.
    page = tmp_path / "tilslutning.md"
    page.write_text(
        '---\ntitle: Tilslutning og økonomi\n---\n<div class="row">\n'
        "  <h3>Det koster det at være med</h3>\n"
        "  <p>Prisen afhænger af antallet af køretøjer.</p>\n"
        '  <h3 class="big">Der er flere fordele ved at tilslutte sig!</h3>\n'
        "  <ul><li>I bliver en del af et stærkt fællesskab.</li></ul>\n</div>\n",
        encoding="utf-8",
    )
    (doc,) = MarkdownParser().parse(page)
    assert [(s.heading, s.text) for s in doc.sections] == [
        ("Det koster det at være med", "Prisen afhænger af antallet af køretøjer."),
        ("Der er flere fordele ved at tilslutte sig!", "I bliver en del af et stærkt fællesskab."),
    ]
