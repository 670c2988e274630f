"""Bounded parsing: hostile files finish or are refused by name and limit; the batch goes on."""

import io
import json
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager

from pypdf import PdfWriter

from innosearch.ingest.html import HtmlParser
from innosearch.ingest.pipeline import Ingestor
from innosearch.ingest.registry import parse_file
from innosearch.ingest.text import MarkdownParser
from tests.ingest.test_pdf import make_pdf


def _failures(report) -> dict[str, str]:
    return dict(report.failed)


def test_deeply_nested_html_finishes_in_linear_time(tmp_path):
    def parse_seconds(depth: int) -> float:
        path = tmp_path / f"deep-{depth}.html"
        path.write_text("<html><body>" + "<div>tekst " * depth + "</div>" * depth + "</body>")
        started = time.perf_counter()
        docs = HtmlParser().parse(path)
        assert docs[0].text.count("tekst") == depth
        return time.perf_counter() - started

    small, large = parse_seconds(2_000), parse_seconds(20_000)
    # Linear: ten times the depth costs about ten times the time (quadratic would be ~100x).
    assert large < 30 * small + 0.5


def test_deeply_nested_lists_finish(tmp_path):
    path = tmp_path / "lists.html"
    path.write_text("<body><main>" + "<ul><li>punkt " * 5000 + "</li></ul>" * 5000 + "</main>")
    assert HtmlParser().parse(path)[0].text.count("punkt") == 5000


def test_deeply_nested_lists_are_indented_only_so_far(tmp_path):
    path = tmp_path / "lists.html"
    path.write_text("<body><main>" + "<ul><li>punkt " * 5000 + "</li></ul>" * 5000 + "</main>")
    lines = HtmlParser().parse(path)[0].text.splitlines()
    # Indented all the way, the text would grow with the square of the depth (50 MB here).
    assert lines[1] == "  - punkt" and max(len(line) for line in lines) == len(" " * 20 + "- punkt")


def test_text_nested_deeper_than_trafilatura_reads_is_kept(tmp_path):
    # libxml2, under trafilatura, drops what is nested over 256 levels deep: such a page goes to
    # our own remover alone rather than losing its deepest paragraphs.
    path = tmp_path / "dyb.html"
    words = [f"ord{i}" for i in range(400)]
    path.write_text("<html><body>" + "".join(f"<div>{w} " for w in words) + "</div>" * 400)
    assert HtmlParser().parse(path)[0].text.split() == words


@contextmanager
def _within(seconds: float) -> Iterator[None]:
    """Fails the block, rather than letting it hang the suite, once it runs `seconds`."""

    def stop(signum, frame):
        raise TimeoutError(f"not finished in {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_twenty_thousand_nested_anchors_finish(tmp_path):
    # Each <a href="#"> is checked for being a skip link; reading each one's whole text made this
    # page take ~200 s. Read only as far as a skip link goes, it takes a few seconds.
    path = tmp_path / "ankre.html"
    path.write_text("<body><p>Indledning.</p>" + '<a href="#">x ' * 20_000 + "</body>")
    with _within(120):
        text = HtmlParser().parse(path)[0].text
    assert text.startswith("Indledning.") and text.count("x") == 20_000


def test_a_skip_link_is_still_removed_however_its_text_is_marked_up(tmp_path):
    path = tmp_path / "skip.html"
    path.write_text(
        '<body><a href="#indhold"><span>Spring <b>til</b></span> indhold</a>'
        '<a href="#top">Gå til toppen af siden</a><p>Sagen om ældrepleje.</p></body>'
    )
    # The hand-written remover alone: trafilatura would drop the links anyway.
    text = HtmlParser(with_trafilatura=False).parse(path)[0].text
    assert text == "Gå til toppen af siden\n\nSagen om ældrepleje."


def test_unclosed_table_cells_are_read_once_each(tmp_path):
    # html.parser nests an unclosed <td> inside the one before; read whole, every cell repeated
    # the rest of the row (4.5 million cells of text here, 5 GB at 20,000 cells).
    path = tmp_path / "celler.html"
    path.write_text(
        "<body><main><p>Resultater fra alle kommuner.</p><table><tr>"
        + "<td>celle tekst " * 3_000
        + "</table></main></body>"
    )
    text = HtmlParser().parse(path)[0].text
    assert text.count("celle") == 3_000 and len(text) < 20 * 3_000


def test_unclosed_cells_and_rows_keep_their_own_text(tmp_path):
    path = tmp_path / "tabel.html"
    path.write_text(
        "<body><main><p>Kommunen målte effekten af indsatsen i et år.</p><table>"
        "<tr><th>Kommune<th>Effekt<tr><td>Aarhus<td>12 %<tr><td>Odense<td>9 %</table></main>"
    )
    assert HtmlParser().parse(path)[0].text.split("\n\n")[1] == (
        "Kommune | Effekt\nAarhus | 12 %\nOdense | 9 %"
    )


def test_a_file_over_the_size_limit_is_refused_and_the_rest_goes_on(settings, embedder, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "stor.html").write_text("<p>" + "ord " * 5000 + "</p>")
    (folder / "lille.json").write_text(json.dumps({"title": "Lille sag", "summary": "Tekst."}))
    settings = settings.model_copy(update={"max_file_bytes": 10_000})
    report = Ingestor(settings, embedder).ingest([folder])
    assert report.added == ["lille.json"]
    message = _failures(report)["stor.html"]
    assert message == "filen fylder 20,0 kB; grænsen er 10,0 kB (INNOSEARCH_MAX_FILE_BYTES)"


def test_an_over_long_title_is_refused_and_the_other_records_land(settings, embedder, tmp_path):
    path = tmp_path / "sager.jsonl"
    rows = [
        {"title": "T" * 2000, "summary": "Tekst om ældre."},
        {"title": "Kort", "summary": "Ok."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    report = Ingestor(settings, embedder).ingest([path])
    assert len(report.added) == 1
    assert any("INNOSEARCH_MAX_FIELD_CHARS" in p and "titel" in p for _, p in report.failed)


def test_a_document_with_too_many_passages_is_refused(settings, embedder, tmp_path):
    path = tmp_path / "lang.md"
    path.write_text("\n\n".join(f"## Afsnit {i}\n\n" + "ord " * 200 for i in range(30)))
    settings = settings.model_copy(update={"max_passages": 5})
    report = Ingestor(settings, embedder).ingest([path])
    assert report.added == []
    assert "INNOSEARCH_MAX_PASSAGES" in _failures(report)["lang.md"]


def test_a_list_given_as_title_is_refused_not_stored_as_its_repr(settings, embedder, tmp_path):
    path = tmp_path / "liste.json"
    path.write_text(json.dumps({"title": ["a", "list"], "summary": "Tekst om skybrud."}))
    report = Ingestor(settings, embedder).ingest([path])
    assert report.added == []
    assert "titlen (title) skal være tekst" in _failures(report)["liste.json"]


def test_a_valid_pdf_without_pages_is_called_empty_not_corrupt(tmp_path):
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    path = tmp_path / "tom.pdf"
    path.write_bytes(buffer.getvalue())
    try:
        parse_file(path)
    except Exception as exc:
        assert "ingen sider" in str(exc)
    else:
        raise AssertionError("a PDF without pages was accepted")


def test_a_pdf_over_the_page_limit_is_refused_by_name_and_the_rest_goes_on(
    settings, embedder, tmp_path
):
    folder = tmp_path / "in"
    folder.mkdir()
    topics = ["hjemmeplejen", "skybrud", "ensomhed", "skolen", "trafikken", "sygefravær"]
    for name, pages in (("lang.pdf", 6), ("kort.pdf", 3)):
        lines = [
            f"Kommunen afprøvede nye metoder mod problemer med {t} i et helt år." for t in topics
        ]
        make_pdf(folder / name, [[("", line)] for line in lines[:pages]])
    settings = settings.model_copy(update={"max_pages": 5})
    report = Ingestor(settings, embedder).ingest([folder])
    assert _failures(report) == {
        "lang.pdf": "PDF'en har 6 sider; grænsen er 5 (INNOSEARCH_MAX_PAGES)"
    }
    assert report.added == ["kort.pdf"]


def test_a_long_soft_wrapped_markdown_paragraph_is_read_in_linear_time(tmp_path):
    # Each wrapped line was added to the growing paragraph by copying it: 100,000 short lines
    # of one paragraph took three minutes.
    def parse_seconds(lines: int) -> float:
        path = tmp_path / f"wrapped-{lines}.md"
        path.write_text("\n".join(f"ord nummer {n} i et langt afsnit" for n in range(lines)))
        started = time.perf_counter()
        (doc,) = MarkdownParser().parse(path)
        assert doc.text.count("ord nummer") == lines
        return time.perf_counter() - started

    small, large = parse_seconds(2_000), parse_seconds(20_000)
    # Linear: ten times the lines cost about ten times the time (quadratic would be ~100x).
    assert large < 30 * small + 0.5
