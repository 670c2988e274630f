"""Writes the extraction test set: Danish public-sector web pages with their expected main text.

Each page takes one fictional case from data/cases/ as its article and wraps it in one of ten
site templates (municipality, region, agency, news, project, knowledge-bank case, FAQ, ...),
each with the clutter such sites carry: cookie banners, menus, breadcrumbs, related-links boxes,
share buttons, newsletter forms, sidebars and footers. `NN-template.html` is the page,
`NN-template.txt` the text a reader would call the page's content (title excluded: every
extractor reports the title apart). Run from the repository root:
    PYTHONPATH=. python bench/extraction/make_pages.py
"""

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

from innosearch.taxonomy import SECTORS

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).parent / "pages"

HEADINGS = {
    "challenge": "Udfordringen",
    "solution": "Sådan gjorde vi",
    "process": "Forløbet",
    "effect": "Resultater",
    "pitfalls": "Det skal I være opmærksomme på",
    "obstacles": "Barrierer",
    "resources": "Ressourcer",
    "reusable": "Det kan I genbruge",
}

COOKIE_TEXT = (
    "Vi bruger cookies for at forbedre din oplevelse af hjemmesiden, til statistik og til at "
    "huske dine valg. Nogle cookies er nødvendige for at siden virker, mens andre kun sættes, "
    "hvis du giver samtykke. Du kan altid ændre eller trække dit samtykke tilbage. Læs mere om, "
    "hvordan vi behandler dine oplysninger, i vores cookie- og privatlivspolitik."
)
MENU = ["Borger", "Erhverv", "Politik og demokrati", "Job i kommunen", "Om kommunen"]
FOOTER = (
    "Rådhuspladsen 1, 8000 Fjordby · Telefon 70 11 22 33 · Åbningstider: mandag-onsdag 10-15, "
    "torsdag 10-17, fredag 10-13 · EAN-nummer 5798000012345 · CVR 29189900 · "
    "Tilgængelighedserklæring · Privatlivspolitik · Cookiepolitik"
)


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9»])", text.strip()) if s]


class Article:
    """One case as blocks: ("p"|"h2"|"ul"|"table"|"dl", payload), and their expected text."""

    def __init__(self, case: dict):
        self.case = case
        self.title = case["title"]
        self.blocks: list[tuple[str, object]] = [("p", case["summary"])]
        for key, heading in HEADINGS.items():
            if not case.get(key):
                continue
            self.blocks.append(("h2", heading))
            parts = sentences(case[key])
            if key == "solution" and len(parts) >= 3:
                self.blocks.append(("ul", parts))
            elif len(parts) >= 4:
                half = len(parts) // 2
                self.blocks += [("p", " ".join(parts[:half])), ("p", " ".join(parts[half:]))]
            else:
                self.blocks.append(("p", case[key]))
        facts = [("Organisation", case["organisation"])]
        facts += [("Sted", case["place"])] if case.get("place") else []
        facts += [("Sektor", SECTORS[case["sector"]])] if case.get("sector") else []
        facts += [("År", case["year"])] if case.get("year") else []
        self.facts = facts
        contact = case.get("contact") or {}
        self.contact = [str(contact[k]) for k in ("name", "email", "phone") if contact.get(k)]

    def expected(self, facts: bool, contact: bool) -> str:
        lines: list[str] = []
        for _kind, payload in self.blocks:
            lines.extend(payload if isinstance(payload, list) else [str(payload)])
        if facts:
            lines.extend(f"{k} {v}" for k, v in self.facts)
        if contact and self.contact:
            lines += ["Kontakt", " ".join(self.contact)]
        return "\n".join(lines) + "\n"


def body(article: Article, style: str) -> str:
    """The article's blocks as markup: semantic tags, bold paragraphs or <br> runs."""
    out = []
    for kind, payload in article.blocks:
        if kind == "h2":
            if style == "strong":
                out.append(f"<p><strong>{e(payload)}</strong></p>")
            elif style == "h3":
                out.append(f"<h3 class='subheading'>{e(payload)}</h3>")
            else:
                out.append(f"<h2>{e(payload)}</h2>")
        elif kind == "ul":
            items = "".join(f"<li>{e(s)}</li>" for s in payload)  # type: ignore[union-attr]
            out.append(f"<ul class='bullets'>{items}</ul>")
        elif style == "br":
            out.append(f"{e(payload)}<br><br>")
        else:
            out.append(f"<p>{e(payload)}</p>")
    return "\n".join(out)


def facts_table(article: Article) -> str:
    rows = "".join(f"<tr><th scope='row'>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in article.facts)
    return f"<table class='facts'><tbody>{rows}</tbody></table>"


def facts_dl(article: Article) -> str:
    rows = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in article.facts)
    return f"<dl class='project-facts'>{rows}</dl>"


def contact_box(article: Article) -> str:
    lines = "<br>".join(e(x) for x in article.contact)
    return f"<h2>Kontakt</h2><p class='contact'>{lines}</p>" if article.contact else ""


def related(others: list[Article], title: str = "Læs også") -> str:
    links = "".join(f"<li><a href='/cases/{i}'>{e(o.title)}</a></li>" for i, o in enumerate(others))
    return f"<h2>{e(title)}</h2><ul>{links}</ul>"


def head(title: str, site: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='da'><head><meta charset='utf-8'>"
        f"<title>{e(title)} | {e(site)}</title>"
        f"<meta property='og:title' content='{e(title)}'>"
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
        "</script><style>.hidden{display:none}</style></head>"
    )


def menu(tag: str = "nav", cls: str = "main-menu") -> str:
    items = "".join(f"<li><a href='/{i}'>{e(m)}</a></li>" for i, m in enumerate(MENU))
    return f"<{tag} class='{cls}'><ul>{items}</ul></{tag}>"


def crumbs(article: Article, markup: str = "nav") -> str:
    trail = ["Forside", "Borger", SECTORS.get(article.case.get("sector", ""), "Projekter")]
    links = " › ".join(f"<a href='/{i}'>{e(t)}</a>" for i, t in enumerate(trail))
    if markup == "nav":
        return f"<nav aria-label='Brødkrumme'>{links} › {e(article.title)}</nav>"
    return f"<div class='path-trail'>{links}</div>"


# --------------------------------------------------------------------------------- templates


def municipality(a: Article, others: list[Article]) -> tuple[str, str]:
    """Semantic CMS page: <main>, a related-links box inside it, cookie banner at the end."""
    page = (
        head(a.title, a.case["organisation"])
        + "<body><a class='skip' href='#content'>Spring til indhold</a>"
        + f"<header><a href='/'><img src='/logo.svg' alt='{e(a.case['organisation'])}'></a>"
        + menu()
        + "</header>"
        + crumbs(a)
        + f"<main id='content'><h1>{e(a.title)}</h1>"
        + body(a, "semantic")
        + f"<aside class='related'>{related(others)}</aside>"
        + "<p class='updated'>Senest opdateret 3. marts 2024</p></main>"
        + f"<footer><p>{e(FOOTER)}</p></footer>"
        + "<div id='CybotCookiebotDialog'><h2>Denne hjemmeside bruger cookies</h2>"
        + f"<p>{e(COOKIE_TEXT)}</p><button>Tillad alle</button><button>Afvis</button></div>"
        + "</body></html>"
    )
    return page, a.expected(facts=False, contact=False)


def div_soup(a: Article, others: list[Article]) -> tuple[str, str]:
    """Older municipal site: no semantic tags, a sidebar with links and a service box."""
    sidebar = (
        "<div class='col-md-4 sidebar'><div class='box'>"
        + related(others, "Se også")
        + "</div><div class='box service'><h3>Kontakt Borgerservice</h3>"
        "<p>Ring på 70 11 22 33 eller skriv sikkert via borger.dk. Vi svarer inden for fem "
        "hverdage.</p></div></div>"
    )
    page = (
        head(a.title, "Kommune")
        + "<body><div id='wrapper'><div id='top'><div class='logo'>Kommunen</div>"
        + menu("div", "topmenu")
        + "</div>"
        + crumbs(a, "div")
        + "<div class='row'><div class='col-md-8 content-area'>"
        + f"<h1>{e(a.title)}</h1>"
        + body(a, "semantic")
        + contact_box(a)
        + "</div>"
        + sidebar
        + "</div>"
        + f"<div id='bottom'><p>{e(FOOTER)}</p></div>"
        + f"<div class='cc-window'><span>{e(COOKIE_TEXT)}</span><a>OK</a></div></div>"
        + "</body></html>"
    )
    return page, a.expected(facts=False, contact=True)


def region(a: Article, others: list[Article]) -> tuple[str, str]:
    """Region site: role attributes instead of tags, share box and feedback form in the body."""
    page = (
        head(a.title, "Region Midtland")
        + "<body><div role='banner' class='site-top'><span>Region Midtland</span>"
        + menu("div", "navigation")
        + "</div><div role='main' class='page'>"
        + f"<div class='intro'><h1>{e(a.title)}</h1></div><div class='page-body'>"
        + body(a, "semantic")
        + "</div><div class='share'><span>Del siden:</span> <a>Facebook</a> <a>LinkedIn</a> "
        "<a>E-mail</a></div><div class='feedback'><p>Var siden nyttig?</p><form>"
        "<button>Ja</button><button>Nej</button></form></div></div>"
        + f"<div role='contentinfo'><p>{e(FOOTER)}</p>{related(others, 'Genveje')}</div>"
        + f"<div class='consent-banner'><p>{e(COOKIE_TEXT)}</p></div></body></html>"
    )
    return page, a.expected(facts=False, contact=False)


def agency(a: Article, others: list[Article]) -> tuple[str, str]:
    """Agency site on a table layout: left menu column, content cell, bottom link bar."""
    left = "".join(f"<p><a href='/{i}'>{e(o.title)}</a></p>" for i, o in enumerate(others))
    page = (
        head(a.title, "Styrelsen for Velfærd")
        + "<body><table width='100%' class='layout'><tr><td colspan='2' class='top'>"
        + "<b>Styrelsen for Velfærd</b> | <a href='/en'>English</a> | <a href='/s'>Søg</a></td>"
        + f"</tr><tr><td class='left' width='25%'><p><b>Publikationer</b></p>{left}</td>"
        + f"<td class='main'><h1>{e(a.title)}</h1>"
        + body(a, "strong")
        + facts_table(a)
        + "</td></tr><tr><td colspan='2' class='bottom'>"
        + f"<p>{e(FOOTER)}</p></td></tr></table>"
        + f"<div id='coiOverlay'><p>{e(COOKIE_TEXT)}</p></div></body></html>"
    )
    return page, a.expected(facts=True, contact=False)


def news(a: Article, others: list[Article]) -> tuple[str, str]:
    """News article: byline, lead, tags and a "Relaterede nyheder" list after the article."""
    tags = "".join(f"<li><a href='/tag/{e(t)}'>{e(t)}</a></li>" for t in a.case.get("tags", []))
    page = (
        head(a.title, "Nyheder")
        + "<body><header class='masthead'>"
        + menu()
        + "</header><div class='container'><article class='news'>"
        + f"<header><h1>{e(a.title)}</h1><p class='byline'>Af Kommunikation · "
        "<time datetime='2024-02-12'>12. februar 2024</time></p></header>"
        + body(a, "semantic")
        + f"<ul class='tags'>{tags}</ul></article>"
        + f"<section class='more-news'>{related(others, 'Relaterede nyheder')}</section>"
        + "<div class='newsletter'><h2>Få nyhederne i din indbakke</h2><p>Tilmeld dig vores "
        "nyhedsbrev og få de vigtigste nyheder fra kommunen hver fredag.</p><form><input "
        "type='email'><button>Tilmeld</button></form></div></div>"
        + f"<footer>{e(FOOTER)}</footer></body></html>"
    )
    return page, a.expected(facts=False, contact=False)


def project(a: Article, others: list[Article]) -> tuple[str, str]:
    """Project page: mega menu with descriptions, project facts as <dl>, contact in the body."""
    mega = "".join(
        f"<div class='mega-col'><h3>{e(m)}</h3><p>Find information, selvbetjening og "
        f"vejledning om {e(m.lower())} samlet ét sted.</p></div>"
        for m in MENU
    )
    page = (
        head(a.title, "Projekter")
        + f"<body><header><div class='mega-menu'>{mega}</div></header>"
        + crumbs(a)
        + f"<div class='project'><h1>{e(a.title)}</h1>"
        + facts_dl(a)
        + "<div class='rich-text'>"
        + body(a, "semantic")
        + "</div>"
        + contact_box(a)
        + "</div><div class='partners'><h2>Partnere</h2><p><img src='/p1.png' alt='Partner'>"
        "<img src='/p2.png' alt='Partner'></p></div>"
        + f"<footer>{e(FOOTER)}</footer></body></html>"
    )
    return page, a.expected(facts=True, contact=True)


def knowledge_bank(a: Article, others: list[Article]) -> tuple[str, str]:
    """Case page in a national knowledge bank: facts table, related cases in <article> cards."""
    cards = "".join(
        f"<article class='card'><h3><a href='/{i}'>{e(o.title)}</a></h3>"
        f"<p>{e(sentences(o.case['summary'])[0])}</p></article>"
        for i, o in enumerate(others)
    )
    page = (
        head(a.title, "Vidensbanken")
        + "<body><header>"
        + menu()
        + "</header><main><div class='case'>"
        + f"<h1>{e(a.title)}</h1>"
        + facts_table(a)
        + body(a, "semantic")
        + contact_box(a)
        + f"</div><section class='similar'><h2>Lignende cases</h2>{cards}</section></main>"
        + f"<footer>{e(FOOTER)}</footer></body></html>"
    )
    return page, a.expected(facts=True, contact=True)


def faq_style(a: Article, others: list[Article]) -> tuple[str, str]:
    """CMS without <main>: headings as h3, a "Mest læste" list and skip links."""
    most_read = "".join(f"<li><a href='/{i}'>{e(o.title)}</a></li>" for i, o in enumerate(others))
    page = (
        head(a.title, "Kommune")
        + "<body><div class='skiplinks'><a href='#c'>Gå til hovedindhold</a></div>"
        + menu("div", "menu-bar")
        + "<div class='grid'><div class='grid-left'><div class='most-read'><h2>Mest læste</h2>"
        + f"<ol>{most_read}</ol></div></div><div class='grid-center' id='c'>"
        + f"<h1>{e(a.title)}</h1>"
        + body(a, "h3")
        + "</div></div>"
        + f"<div class='site-footer'><p>{e(FOOTER)}</p></div></body></html>"
    )
    return page, a.expected(facts=False, contact=False)


def cookie_first(a: Article, others: list[Article]) -> tuple[str, str]:
    """A long consent dialog before the content, a <br>-separated body and a sidebar."""
    page = (
        head(a.title, "Kommune")
        + "<body><div class='cookie-dialog' role='dialog'><h2>Vi passer på dine data</h2>"
        + f"<p>{e(COOKIE_TEXT)}</p><p>{e(COOKIE_TEXT)}</p><button>Accepter</button></div>"
        + menu()
        + "<div class='page-wrap'>"
        + f"<div class='text-content'><h1>{e(a.title)}</h1><div class='text'>"
        + body(a, "br")
        + "</div></div>"
        + f"<div class='side'>{related(others, 'Andre projekter')}</div></div>"
        + f"<footer>{e(FOOTER)}</footer></body></html>"
    )
    return page, a.expected(facts=False, contact=False)


def plain_article(a: Article, others: list[Article]) -> tuple[str, str]:
    """A small site: <article> with the body, a print/share toolbar and a footer menu."""
    page = (
        head(a.title, "Netværket")
        + "<body><div class='header'><a href='/'>Netværket for velfærdsinnovation</a></div>"
        + menu()
        + f"<article><div class='toolbar'><a>Print</a> <a>Del</a></div><h1>{e(a.title)}</h1>"
        + body(a, "semantic")
        + contact_box(a)
        + "</article>"
        + f"<div class='footer-links'>{related(others, 'Nyttige links')}</div>"
        + f"<footer>{e(FOOTER)}</footer></body></html>"
    )
    return page, a.expected(facts=False, contact=True)


TEMPLATES: list[Callable[[Article, list[Article]], tuple[str, str]]] = [
    municipality,
    div_soup,
    region,
    agency,
    news,
    project,
    knowledge_bank,
    faq_style,
    cookie_first,
    plain_article,
]


def main() -> None:
    cases = []
    for path in sorted((ROOT / "data" / "cases").glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(case, dict) and case.get("challenge"):  # full articles, not stubs
            cases.append(Article(case))
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*"):
        old.unlink()
    for i, article in enumerate(cases):
        template = TEMPLATES[i % len(TEMPLATES)]
        others = [cases[(i + k) % len(cases)] for k in (3, 7, 11)]
        page, expected = template(article, others)
        stem = f"{i + 1:02d}-{template.__name__.replace('_', '-')}"
        (OUT / f"{stem}.html").write_text(page, encoding="utf-8")
        (OUT / f"{stem}.txt").write_text(expected, encoding="utf-8")
    print(f"{len(cases)} pages in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
