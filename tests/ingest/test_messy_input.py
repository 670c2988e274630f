"""Real-world messy input: odd file names, files that are no files, links that lead nowhere,
JSON that no store can hold. Each bad file is named with a Danish problem, the rest lands."""

import errno
import io
import json
import os
import threading
import time
from contextlib import suppress
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from innosearch.config import Settings
from innosearch.documents import sections_text
from innosearch.embed.hashing import HashingEmbedder
from innosearch.errors import ParseError
from innosearch.index.store import Store
from innosearch.ingest.case_records import CaseRecordParser
from innosearch.ingest.docx import DocxParser
from innosearch.ingest.jsonl_import import import_documents
from innosearch.ingest.pdf import PdfParser
from innosearch.ingest.pipeline import Ingestor, IngestReport, find_files
from innosearch.ingest.text import MarkdownParser, PlainTextParser
from innosearch.search.export import documents_jsonl
from innosearch.search.searcher import Searcher
from tests.conftest import write_case
from tests.test_cli import hashing_model, run  # noqa: F401 (hashing_model: a fixture)

SUMMARY = "Ældre borgere træner daglige gøremål med en terapeut og klarer sig længere selv."


def test_a_file_name_that_is_not_utf8_is_named_and_the_rest_goes_on(
    settings, embedder, case_folder
):
    # A name from an old Windows share, in Latin-1: no text the store or a terminal can hold.
    with open(os.path.join(os.fsencode(case_folder), b"pl\xe6ne.json"), "w") as file:
        json.dump({"title": "Plan", "summary": SUMMARY}, file)
    report = Ingestor(settings, embedder).ingest([case_folder])
    assert len(report.added) == 3
    ((source, problem),) = report.failed
    assert source == "pl\ufffdne.json"
    assert "ikke gyldig UTF-8" in problem and "nyt navn" in problem
    source.encode("utf-8")  # printable and storable as it is


def _ingest_within(ingestor: Ingestor, paths: list[Path], pipe: Path) -> IngestReport:
    """The ingest, failing the test (instead of hanging it) when it waits on the pipe."""
    reports: list[IngestReport] = []
    worker = threading.Thread(target=lambda: reports.append(ingestor.ingest(paths)), daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():
        while worker.is_alive():  # a writer that closes at once lets each waiting read end
            with suppress(OSError):  # no reader waiting at this moment
                os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
            worker.join(0.1)
        pytest.fail("the ingest waited for someone to write to a named pipe")
    return reports[0]


def test_a_named_pipe_is_named_not_waited_for(settings, embedder, case_folder):
    pipe = case_folder / "noter.md"
    os.mkfifo(pipe)
    report = _ingest_within(Ingestor(settings, embedder), [case_folder], pipe)
    assert len(report.added) == 3
    assert report.failed == [
        ("noter.md", "stien er ikke en almindelig fil, men fx en navngiven pipe eller en enhed")
    ]
    # Given by name it is the same problem, not "findes ikke".
    named = _ingest_within(Ingestor(settings, embedder), [pipe], pipe)
    assert [problem for _, problem in named.failed] == [report.failed[0][1]]


def test_links_that_lead_nowhere_and_unreadable_files_are_named_in_danish(
    settings, embedder, case_folder, monkeypatch
):
    (case_folder / "flyttet.json").symlink_to(case_folder / "findes-ikke.json")
    (case_folder / "ring.json").symlink_to(case_folder / "ring.json")
    locked = write_case(case_folder, "laast.json", title="Låst", summary=SUMMARY)
    # Tests may run as root, who reads any file: the refusal is the operating system's own.
    read_bytes = Path.read_bytes

    def refused(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refused)
    report = Ingestor(settings, embedder).ingest([case_folder])
    assert len(report.added) == 3
    assert dict(report.failed) == {
        "flyttet.json": "linket peger på en fil, der ikke findes",
        "laast.json": "ingen adgang til filen (tjek rettighederne)",
        "ring.json": "filen er et link, der peger i ring",
    }


def test_half_of_an_emoji_in_json_is_stored_as_a_replacement_character(
    settings, embedder, case_folder
):
    # An export that cut "😀" (\ud83d\ude00) in two; json reads the half into the string.
    (case_folder / "emoji.json").write_text(
        json.dumps({"title": "Glade borgere @", "summary": SUMMARY}).replace("@", "\\ud83d"),
        encoding="utf-8",
    )
    report = Ingestor(settings, embedder).ingest([case_folder])
    assert report.ok and len(report.added) == 4
    titles = {doc.title for doc in Store(settings.store_path).all_documents()}
    assert "Glade borgere \ufffd" in titles


def test_json_nested_too_deep_is_named_and_a_json_lines_files_good_lines_land(
    settings, embedder, case_folder
):
    deep = "[" * 100_000 + "]" * 100_000
    (case_folder / "dyb.json").write_text(deep, encoding="utf-8")
    good = json.dumps({"title": "God sag", "summary": SUMMARY}, ensure_ascii=False)
    (case_folder / "sager.jsonl").write_text(f"{good}\n{deep}\n", encoding="utf-8")
    report = Ingestor(settings, embedder).ingest([case_folder])
    too_deep = "JSON'en er indlejret for dybt ([ og { inden i hinanden)"
    assert dict(report.failed) == {"dyb.json": too_deep, "sager.jsonl": f"linje 2: {too_deep}"}
    assert "sager.jsonl#1" in report.added


def test_a_list_of_organisations_or_contact_details_is_read_as_its_items(tmp_path):
    path = write_case(
        tmp_path,
        "faelles.json",
        title="Fælles indsats",
        summary=SUMMARY,
        organisation=["Fjordby Kommune", "Søby Kommune"],
        contact=["Anna Holm", "anna@example.dk"],
        place={"by": "Fjordby"},
    )
    (doc,) = CaseRecordParser().parse(path)
    assert doc.fields["organisation"] == "Fjordby Kommune, Søby Kommune"
    assert doc.fields["contact_name"] == "Anna Holm"
    assert doc.fields["contact_email"] == "anna@example.dk"
    assert "place" not in doc.fields and doc.extra["place"] == {"by": "Fjordby"}


def _exported(settings: Settings, embedder: HashingEmbedder, folder: Path) -> list[str]:
    """The lines of `innosearch export` of a home holding the folder's documents."""
    Ingestor(settings, embedder).ingest([folder])
    return list(documents_jsonl(Searcher(settings, embedder).all_documents()))


def test_an_import_line_with_half_an_emoji_or_nested_too_deep_does_not_stop_the_import(
    settings, embedder, case_folder, tmp_path
):
    lines = _exported(settings, embedder, case_folder)
    lines[0] = lines[0].replace('"title": "', '"title": "\\ud83d ', 1)
    export = tmp_path / "alle.jsonl"
    export.write_text("\n".join([*lines, "[" * 100_000]) + "\n", encoding="utf-8")
    report = import_documents(Ingestor(settings, embedder), export, None)
    assert [number for number, _ in report.failed] == [f"alle.jsonl:{len(lines) + 1}"]
    assert len(report.updated) == 1 and len(report.unchanged) == len(lines) - 1
    assert any(
        doc.title.startswith("\ufffd ") for doc in Store(settings.store_path).all_documents()
    )


@pytest.mark.usefixtures("hashing_model")
def test_names_and_values_are_shown_as_they_are_in_the_ingest_report(tmp_path):
    folder = tmp_path / "sager"
    (folder / "rapport [endelig]").mkdir(parents=True)
    (folder / "rapport [endelig]" / "[red]tom.md").write_bytes(b"")
    (folder / "navn\nmed linjeskift.md").write_bytes(b"")
    write_case(folder, "sag.json", title="Sag", summary=SUMMARY, sector="rumfart [/b]")
    result = run("ingest", folder, "--home", tmp_path / "home")
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert "FEJL rapport [endelig]/[red]tom.md: filen er tom" in lines
    assert "FEJL navn\\nmed linjeskift.md: filen er tom" in lines
    assert any(
        line.startswith("ADVARSEL sag.json: ") and "'rumfart [/b]'" in line for line in lines
    )
    assert "Tilføjet: 1" in result.stdout


def test_front_matter_whose_aliases_repeat_a_list_is_read_as_lines_not_expanded(tmp_path):
    # Each level repeats the one before nine times: at nine levels, 387 million values.
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for before, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]")
    path = tmp_path / "bombe.md"
    path.write_text(
        "---\ntitle: Plan\n" + "\n".join(levels) + f"\n---\n\n{SUMMARY}\n", encoding="utf-8"
    )
    (doc,) = MarkdownParser().parse(path)
    assert doc.title == "Plan"
    assert doc.extra["i"].startswith("&i [*h, *h")  # the line as written
    assert len(json.dumps(doc.extra)) < 2_000


def test_front_matter_nested_too_deep_is_read_as_lines(tmp_path):
    path = tmp_path / "dyb.md"
    nested = "[" * 5_000 + "]" * 5_000
    path.write_text(f"---\ntitle: Plan\nx: {nested}\n---\n\n{SUMMARY}\n", encoding="utf-8")
    (doc,) = MarkdownParser().parse(path)
    assert doc.title == "Plan" and doc.extra["x"] == nested


def test_a_folder_that_cannot_be_listed_is_named_and_prune_keeps_its_documents(
    settings, embedder, case_folder, monkeypatch
):
    write_case(case_folder / "2024", "droner.json", title="Droner tilser diger", summary=SUMMARY)
    Ingestor(settings, embedder).ingest([case_folder])
    # The share's permissions changed (root lists every folder: the refusal is simulated).
    scandir = os.scandir

    def refused(path):
        if Path(path) == case_folder / "2024":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refused)
    report = Ingestor(settings, embedder).ingest([case_folder], prune=True)
    assert report.failed == [
        (str(case_folder / "2024"), "ingen adgang til mappen (tjek rettighederne)")
    ]
    assert report.removed == []
    assert "2024/droner.json" in Store(settings.store_path).sources()
    # Once the folder is gone for good, prune removes what it held.
    monkeypatch.setattr(os, "scandir", scandir)
    (case_folder / "2024" / "droner.json").unlink()
    assert Ingestor(settings, embedder).ingest([case_folder], prune=True).removed == [
        "2024/droner.json"
    ]


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256"])
def test_a_pdf_secured_with_aes_but_no_password_to_open_it_is_read(tmp_path, algorithm):
    """Most "secured" reports: AES, with an owner's password only (no printing, no copying)."""
    path = tmp_path / "sikret.pdf"
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "", 11)
    pdf.cell(0, 6, "Aeldre borgere traener i eget hjem.")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf.output())))
    writer.encrypt(user_password="", owner_password="ejer", algorithm=algorithm)
    writer.write(path)
    [document] = PdfParser().parse(path)
    assert "traener i eget hjem" in sections_text(document.sections)


def test_a_word_file_saved_with_a_password_is_called_so_not_damaged(tmp_path):
    # Word keeps a .docx saved with a password in an OLE compound file (as the old .doc).
    path = tmp_path / "budget.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + os.urandom(3584))
    with pytest.raises(ParseError) as refused:
        DocxParser().parse(path)
    assert "beskyttet med adgangskode" in refused.value.message


def test_a_text_file_of_many_lines_is_read_in_linear_time(tmp_path):
    # A log or an export saved as .txt: 150,000 short lines (5 MB, within the size limit).
    path = tmp_path / "udtræk.txt"
    lines = (f"Linje {i}: borgeren fik besøg af hjemmeplejen." for i in range(150_000))
    path.write_text("Udtræk fra omsorgssystemet\n\n" + "\n".join(lines), encoding="utf-8")
    started = time.perf_counter()
    (doc,) = PlainTextParser().parse(path)
    assert time.perf_counter() - started < 8  # about 0.5 s; each line scanning the rest: 30 s
    assert doc.title == "Udtræk fra omsorgssystemet"


def test_a_folder_tree_deeper_than_a_thousand_folders_is_read(settings, embedder, case_folder):
    # A backup copied into itself, again and again: "a/a/a/…/sag.json".
    deep = case_folder
    for _ in range(1_200):  # one at a time: Path.mkdir(parents=True) recurses as deep
        deep /= "a"
        deep.mkdir()
    write_case(deep, "sag.json", title="Dybt begravet sag", summary=SUMMARY)
    try:
        report = Ingestor(settings, embedder).ingest([case_folder])
    finally:  # pytest's clean-up recurses as deep as os.walk did
        (deep / "sag.json").unlink()
        for folder in [deep, *deep.parents][:1_200]:
            folder.rmdir()
    assert report.ok and len(report.added) == 4
    assert "a/" * 1_200 + "sag.json" in report.added


def test_a_text_file_padded_with_nul_bytes_is_read_without_them(tmp_path):
    # Written into a file allocated ahead, or cut short by a crash: the rest of the block is NUL.
    path = tmp_path / "notat.md"
    path.write_bytes(f"# Notat om træning\n\n{SUMMARY}\n".encode() + bytes(4096))
    (doc,) = MarkdownParser().parse(path)
    assert doc.title == "Notat om træning" and doc.text == SUMMARY


def test_an_export_piped_into_import_is_refused_in_danish_not_as_an_illegal_seek(
    settings, embedder, case_folder, tmp_path
):
    # innosearch export --home A | innosearch import /dev/stdin --home B
    export = "".join(f"{line}\n" for line in _exported(settings, embedder, case_folder))
    read, write = os.pipe()
    os.write(write, export.encode())  # a few kB: within the pipe's buffer
    os.close(write)
    other = settings.model_copy(update={"home": tmp_path / "andet-hjem"})
    try:
        report = import_documents(Ingestor(other, embedder), Path(f"/dev/fd/{read}"), None)
    finally:
        os.close(read)
    ((_, problem),) = report.failed
    assert "kan ikke læse fra en pipe" in problem and "innosearch export > " in problem
    assert not report.added


def test_classifying_a_file_of_many_cases_shows_progress(settings, embedder, tmp_path):
    # A spreadsheet export of thousands of cases: after their vectors, minutes of classifying.
    cases = [{"title": f"Sag {i}", "summary": f"{SUMMARY} Nr. {i}."} for i in range(30)]
    (tmp_path / "sager.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    seen: list[tuple[str, int, int]] = []
    Ingestor(settings, embedder).ingest(
        [tmp_path / "sager.json"], progress=lambda *step: seen.append(step)
    )
    classified = [(done, total) for stage, done, total in seen if stage == "Klassificerer"]
    assert classified[0] == (0, 30) and classified[-1] == (30, 30)
    assert len(classified) == 31


def test_the_note_word_keeps_while_a_document_is_open_is_left_out_of_a_folder(
    settings, embedder, case_folder
):
    # "~$rapport.docx": 162 bytes naming who has rapport.docx open, hidden on Windows.
    (case_folder / "~$rapport.docx").write_bytes(b"\x0bAnna Holm  " + bytes(150))
    report = Ingestor(settings, embedder).ingest([case_folder])
    assert report.ok and not report.skipped and len(report.added) == 3


def test_a_web_page_saved_whole_is_one_document_not_its_parts(tmp_path):
    """A browser's "Webside, komplet" saves the page and a folder of its frames and scripts."""
    folder = tmp_path / "gemt"
    (folder / "hverdagsrehabilitering_files").mkdir(parents=True)
    page = "<html><head><title>Hverdagsrehabilitering</title></head><body><main><h1>Træning"
    page += "</h1><p>Ældre borgere træner i eget hjem med en terapeut i otte uger.</p></main>"
    (folder / "hverdagsrehabilitering.html").write_text(page + "</body></html>", encoding="utf-8")
    frame = "<html><body><p>Cookie-indstillinger for hele webstedet og dets partnere.</p>"
    (folder / "hverdagsrehabilitering_files" / "cookies.html").write_text(frame, encoding="utf-8")
    (folder / "noter_files").mkdir()  # no page of that name beside it: an ordinary folder
    (folder / "noter_files" / "noter.md").write_text("# Noter\n\nTræning hjemme.", "utf-8")
    found, problems = find_files([folder])
    sources = sorted(f.source for f in found)
    assert sources == ["hverdagsrehabilitering.html", "noter_files/noter.md"]
    assert problems == []
