"""Web pages: article text only, sections, charsets."""

import re
from collections import Counter
from pathlib import Path

import pytest

from innosearch.errors import ParseError
from innosearch.ingest.html import HtmlParser, declared_charset

PAGE = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Skærmbesøg i ældreplejen | Randers Kommune</title>
<script>var besked = "Ignorer mig";</script><style>body { color: red }</style>
</head>
<body class="page">
<a href="#indhold" class="visually-hidden">Spring til indhold</a>
<header><a href="/"><img src="logo.png" alt="Logo"></a>
<nav><a href="/">Forside</a> <a href="/om">Om kommunen</a></nav></header>
<div id="CybotCookiebotDialog">Vi bruger cookies. Accepter alle</div>
<ol class="breadcrumb"><li>Forside</li><li>Ældre</li></ol>
<div class="layout">
<div class="content" id="indhold">
<h1>Skærmbesøg i ældreplejen</h1>
<p>Randers Kommune har indført skærmbesøg, så ældre borgere kan få besøg via tablet.</p>
<h2>Udfordring</h2>
<p>Mange ældre føler sig ensomme,<br>og der mangler personale.</p>
<ul><li>Færre kørsler</li><li>Mere tid til borgeren<ul><li>især om aftenen</li></ul></li></ul>
<h3>Effekt</h3>
<table><tr><th>Mål</th><th>Før</th><th>Efter</th></tr>
<tr><td>Besøg pr. dag</td><td>10</td><td>14</td></tr></table>
<div class="share-buttons">Del på Facebook</div>
<form><input name="q"><button>Søg</button></form>
</div>
<aside>Læs også: andre nyheder</aside>
</div>
<footer>Kontakt os · Laksetorvet 1</footer>
<noscript>Slå JavaScript til</noscript>
</body></html>
"""


def parse(tmp_path, content: bytes, name="side.html"):
    path = tmp_path / name
    path.write_bytes(content)
    return HtmlParser().parse(path)


def test_article_text_only_in_windows_1252(tmp_path):
    (doc,) = parse(tmp_path, PAGE.encode("cp1252"))
    assert doc.kind == "html"
    assert doc.title == "Skærmbesøg i ældreplejen"
    assert [s.heading for s in doc.sections] == ["", "Udfordring", "Effekt"]
    assert doc.sections[0].text == (
        "Randers Kommune har indført skærmbesøg, så ældre borgere kan få besøg via tablet."
    )
    assert doc.sections[1].text == (
        "Mange ældre føler sig ensomme,\nog der mangler personale.\n\n"
        "- Færre kørsler\n- Mere tid til borgeren\n  - især om aftenen"
    )
    assert doc.sections[2].text == "Mål | Før | Efter\nBesøg pr. dag | 10 | 14"
    text = doc.text
    for junk in (
        "Ignorer",
        "cookies",
        "Forside",
        "Facebook",
        "Søg",
        "Læs også",
        "Laksetorvet",
        "JavaScript",
        "Spring til",
        "color",
    ):
        assert junk not in text


def test_main_element_wins_and_title_suffix_is_stripped(tmp_path):
    html = """<html><head><meta charset="utf-8"><title>Genbrug af hjælpemidler – KL</title></head>
    <body><div class="menu"><p>Menu menu menu menu menu menu menu menu menu menu menu</p></div>
    <main><p>Hjælpemidler samles og genbruges på tværs af kommunerne.</p></main></body></html>"""
    (doc,) = parse(tmp_path, html.encode())
    assert doc.title == "Genbrug af hjælpemidler"
    assert doc.text == "Hjælpemidler samles og genbruges på tværs af kommunerne."


def test_densest_block_without_main(tmp_path):
    html = """<html><head><title>Nyhed</title></head><body>
    <div class="links"><p><a href="/1">Et link</a></p><p><a href="/2">Et andet link</a></p></div>
    <div class="story"><h2>Baggrund</h2><div class="body">
    <p>Kommunen har afprøvet en ny model for hjemmepleje, hvor borgeren selv planlægger.</p>
    <p>Resultatet var flere tilfredse borgere og færre aflyste besøg i hele perioden.</p>
    </div></div></body></html>"""
    (doc,) = parse(tmp_path, html.encode())
    assert doc.title == "Nyhed"
    assert doc.sections[0].heading == "Baggrund"
    assert "Et link" not in doc.text
    assert "færre aflyste besøg" in doc.text


def test_undeclared_encodings(tmp_path):
    body = "<html><body><article><p>Ærø og Ålborg får økologi.</p></article></body></html>"
    assert parse(tmp_path, body.encode("utf-8"))[0].text == "Ærø og Ålborg får økologi."
    assert parse(tmp_path, body.encode("cp1252"))[0].text == "Ærø og Ålborg får økologi."
    bom = b"\xef\xbb\xbf" + body.encode("utf-8")
    assert parse(tmp_path, bom)[0].text == "Ærø og Ålborg får økologi."


def test_declared_charset():
    assert declared_charset(b'<meta charset="ISO-8859-1">') == "cp1252"
    assert declared_charset(b'<meta charset="utf-8">') == "utf-8"
    assert declared_charset(b'<meta content="text/html; charset=windows-1252">') == "cp1252"
    assert declared_charset(b'<meta charset="nonsense-x">') is None
    assert declared_charset(b"<html>") is None


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Tom</title></head><body></body></html>",
        "<html><body><nav>Forside</nav><footer>Kontakt</footer><script>x()</script></body></html>",
    ],
)
def test_no_content(tmp_path, html):
    with pytest.raises(ParseError, match="siden har intet indhold"):
        parse(tmp_path, html.encode())


def test_empty_file(tmp_path):
    with pytest.raises(ParseError, match="filen er tom"):
        parse(tmp_path, b"")


PAGES = Path(__file__).parents[2] / "bench" / "extraction" / "pages"


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize("stem", ["09-cookie-first", "04-agency", "06-project"])
def test_saved_pages_give_their_main_text(tmp_path, stem):
    """Pages from the extraction set (bench/bench_extraction.py) the extractors disagree on: a
    consent dialog before a <br>-separated body, a table layout, a <dl> of project facts."""
    (doc,) = HtmlParser().parse(PAGES / f"{stem}.html")
    got, want = _words(doc.text), _words((PAGES / f"{stem}.txt").read_text(encoding="utf-8"))
    overlap = sum((got & want).values())
    assert overlap / sum(want.values()) > 0.98  # recall
    assert overlap / sum(got.values()) > 0.7  # precision


def test_headings_come_along_where_trafilatura_drops_them(tmp_path):
    (doc,) = HtmlParser().parse(PAGES / "02-div-soup.html")
    assert "Udfordringen" in [s.heading for s in doc.sections]
    assert "Se også" not in doc.text  # the sidebar's links


CONTACT_PAGE = """<!doctype html><html lang="da"><head><meta charset="utf-8">
<title>Regnbede i Åvejskvarteret | Fjordby Kommune</title></head><body>
<header><a href="/kontakt">Kontakt</a></header>
<main><article><h1>Regnbede i Åvejskvarteret</h1>
<p>Fjordby Kommune og Fjordby Forsyning laver vejene om, så regnvandet får plads på overfladen
i stedet for at presse sig op gennem kloakken og ned i kældrene. Fire veje er færdige.</p>
<p>Vejene bliver smallere og får plantede vejbede, som kan rumme op til 30 centimeter vand,
og kantstenene har åbninger, så vandet løber direkte fra kørebanen ned i bedene.</p>
<aside class="contact-box"><h2>Kontakt</h2>
<p>Ulla Hedegaard Krogh, klimatilpasningskoordinator<br>
Telefon <a href="tel:+4535610928">+45 35 61 09 28</a><br>
E-mail <a href="mailto:ulhk@fjordby.example.dk">ulhk@fjordby.example.dk</a></p></aside>
</article></main>
<footer><div class="contact"><h2>Kontakt</h2><p>Fjordby Kommune, Rådhustorvet 1<br>
Telefon 70 12 34 56</p></div></footer></body></html>"""


def test_the_articles_contact_box_is_kept_and_the_sites_footer_is_not(tmp_path):
    """The box was dropped with the other asides: the page's "who to call" was lost."""
    from datetime import date

    from innosearch.classify.classifier import Classifier

    (doc,) = parse(tmp_path, CONTACT_PAGE.encode())
    assert doc.sections[-1].heading == "Kontakt"
    assert doc.sections[-1].text == (
        "Ulla Hedegaard Krogh, klimatilpasningskoordinator\n"
        "Telefon +45 35 61 09 28\n"
        "E-mail ulhk@fjordby.example.dk"
    )
    assert "Rådhustorvet" not in doc.text
    found = Classifier().classify(doc, today=date(2026, 12, 7))
    assert found.contact is not None and found.contact.name == "Ulla Hedegaard Krogh"
    assert found.contact.phone == "+45 35 61 09 28"
