"""Main-text extraction: word-level precision, recall and F1 of each extractor on saved pages.

The pages (bench/extraction/pages/, written by bench/extraction/make_pages.py) are Danish
public-sector pages of ten templates, each with its expected main text (title excluded). Words
are compared as bags (lower-cased \\w+ tokens), so order does not count and a word repeated
from a menu counts against precision. Run from the repository root:
    PYTHONPATH=. python bench/bench_extraction.py [--pages DIR] [--per-template]
"""

import argparse
import html
import re
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import justext
import trafilatura

from innosearch.ingest.html import HtmlParser

PAGES = Path(__file__).parent / "extraction" / "pages"
WORD_RE = re.compile(r"\w+")


def hand_written(path: Path) -> str:
    """The hand-written boilerplate remover alone (innosearch before the comparison)."""
    return HtmlParser(with_trafilatura=False).parse(path)[0].text


def product(path: Path) -> str:
    """The product's HtmlParser: trafilatura decides what is content, our walk its structure."""
    return HtmlParser().parse(path)[0].text


def trafilatura_default(path: Path) -> str:
    found = trafilatura.extract(path.read_bytes(), include_tables=True, include_comments=False)
    return found or ""


def trafilatura_precision(path: Path) -> str:
    found = trafilatura.extract(
        path.read_bytes(), include_tables=True, include_comments=False, favor_precision=True
    )
    return found or ""


def trafilatura_recall(path: Path) -> str:
    found = trafilatura.extract(
        path.read_bytes(), include_tables=True, include_comments=False, favor_recall=True
    )
    return found or ""


def jus_text(path: Path) -> str:
    paragraphs = justext.justext(path.read_bytes(), justext.get_stoplist("Danish"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


EXTRACTORS: dict[str, Callable[[Path], str]] = {
    "håndskrevet (html.py alene)": hand_written,
    "trafilatura": trafilatura_default,
    "trafilatura favor_precision": trafilatura_precision,
    "trafilatura favor_recall": trafilatura_recall,
    "jusText (dansk stopliste)": jus_text,
    "kombineret (html.py nu)": product,
}


def words(text: str) -> Counter[str]:
    return Counter(WORD_RE.findall(text.lower()))


def scores(found: str, expected: str, title: str) -> tuple[float, float, float]:
    # Every extractor reports the title apart; a title line in the text is not counted.
    found = "\n".join(line for line in found.splitlines() if line.strip() != title)
    got, want = words(found), words(expected)
    overlap = sum((got & want).values())
    precision = overlap / max(sum(got.values()), 1)
    recall = overlap / max(sum(want.values()), 1)
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1


def page_title(path: Path) -> str:
    match = re.search(r"<h1>(.*?)</h1>", path.read_text(encoding="utf-8"))
    return html.unescape(match.group(1)) if match else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--per-template", action="store_true", help="F1 per template too")
    args = parser.parse_args()
    pages = sorted(args.pages.glob("*.html"))
    print(f"{len(pages)} pages, {len({p.stem.split('-', 1)[1] for p in pages})} templates\n")
    print("| extractor | precision | recall | F1 | lowest F1 | pages F1 < 0.95 | ms/page |")
    print("|---|---|---|---|---|---|---|")
    per_template: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for name, extract in EXTRACTORS.items():
        rows = []
        started = time.perf_counter()
        for path in pages:
            expected = path.with_suffix(".txt").read_text(encoding="utf-8")
            try:
                found = extract(path)
            except Exception:  # an extractor that fails on a page scores zero there
                found = ""
            rows.append(scores(found, expected, page_title(path)))
            per_template[path.stem.split("-", 1)[1]][name].append(rows[-1][2])
        ms = (time.perf_counter() - started) * 1000 / len(pages)
        p, r, f = (statistics.mean(col) for col in zip(*rows, strict=True))
        low = min(row[2] for row in rows)
        weak = sum(row[2] < 0.95 for row in rows)
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {low:.3f} | {weak} | {ms:.1f} |")
    if args.per_template:
        names = list(EXTRACTORS)
        print("\n| template | " + " | ".join(names) + " |")
        print("|---|" + "---|" * len(names))
        for template, by_name in sorted(per_template.items()):
            cells = " | ".join(f"{statistics.mean(by_name[n]):.3f}" for n in names)
            print(f"| {template} | {cells} |")


if __name__ == "__main__":
    main()
