"""`innosearch export` read back: the same documents and the same search results."""

import json
from pathlib import Path

import pytest

from innosearch.config import Settings
from innosearch.filters import Filters
from innosearch.ingest.jsonl_import import import_documents
from innosearch.ingest.pipeline import Ingestor
from innosearch.search.export import documents_jsonl
from innosearch.search.query import SearchRequest
from innosearch.search.results import hit_json
from innosearch.search.searcher import Searcher
from tests.ingest.report_files import multi_case_markdown

QUERIES = ["skybrud og oversvømmede kældre", "ældre træner i hjemmet", "læsning i skolen"]


def _export(settings: Settings, embedder) -> list[str]:
    return list(documents_jsonl(Searcher(settings, embedder).all_documents()))


def _results(settings: Settings, embedder) -> list[list[dict]]:
    searcher = Searcher(settings, embedder)
    return [
        [hit_json(hit) for hit in searcher.search(SearchRequest(query=q)).hits] for q in QUERIES
    ]


def test_an_export_imported_into_an_empty_home_gives_the_same_documents_and_results(
    settings, embedder, case_folder, tmp_path
):
    (case_folder / "notat.md").write_text(
        "# Notat om skybrud\n\n## Baggrund\n\nKældre blev oversvømmet i tre år.\n\n"
        "## Resultat\n\nRegnbede tog vandet, og ingen kældre blev oversvømmet igen.\n",
        encoding="utf-8",
    )
    assert Ingestor(settings, embedder).ingest([case_folder]).ok
    export = tmp_path / "eksport.jsonl"
    export.write_text("\n".join(_export(settings, embedder)) + "\n", encoding="utf-8")

    copy = Settings(home=tmp_path / "kopi", cache_dir=settings.cache_dir)
    report = import_documents(Ingestor(copy, embedder), export)
    assert report.ok and len(report.added) == 4

    assert _export(copy, embedder) == _export(settings, embedder)
    assert _results(copy, embedder) == _results(settings, embedder)
    assert any(json.loads(line)["inferred"] for line in _export(copy, embedder))
    # The import kept each content hash: ingesting the same files again changes nothing.
    assert Ingestor(copy, embedder).ingest([case_folder]).unchanged == sorted(
        p.name for p in case_folder.iterdir()
    )


def test_unreadable_lines_are_named_by_number_and_the_rest_is_imported(
    settings, embedder, case_folder, tmp_path
):
    assert Ingestor(settings, embedder).ingest([case_folder]).ok
    good = _export(settings, embedder)
    export = tmp_path / "eksport.jsonl"
    broken = json.loads(good[1])
    del broken["title"]
    lines = [good[0], json.dumps(broken), "{ikke json", "[1, 2]", "", good[2]]
    export.write_text("\n".join(lines), encoding="utf-8")

    copy = Settings(home=tmp_path / "kopi", cache_dir=settings.cache_dir)
    report = import_documents(Ingestor(copy, embedder), export)
    assert len(report.added) == 2
    problems = dict(report.failed)
    assert set(problems) == {"eksport.jsonl:2", "eksport.jsonl:3", "eksport.jsonl:4"}
    assert problems["eksport.jsonl:2"].startswith("mangler title")
    assert problems["eksport.jsonl:3"].startswith("ikke gyldig JSON")


def test_a_value_holding_unicode_line_separators_comes_back_whole(
    settings, embedder, case_folder, tmp_path
):
    """JSON leaves U+2028, U+2029 and U+0085 unescaped; only a newline ends an export's line.

    Ingest turns them into spaces, but an export corrected by hand may hold them: Word pastes
    a manual line break as U+2028.
    """
    good = _exported_home(settings, embedder, case_folder)
    corrected = json.loads(good[0])
    corrected["title"] = "Første linje\u2028anden linje\u2029tredje\x85fjerde"
    lines = [json.dumps(corrected, ensure_ascii=False), *good[1:]]
    export = tmp_path / "eksport.jsonl"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")

    copy = Settings(home=tmp_path / "kopi", cache_dir=settings.cache_dir)
    report = import_documents(Ingestor(copy, embedder), export)
    assert report.ok and len(report.added) == 3, report.failed
    assert _export(copy, embedder) == lines


def test_a_line_that_is_not_utf8_is_named_and_the_rest_is_imported(
    settings, embedder, case_folder, tmp_path
):
    good = _exported_home(settings, embedder, case_folder)
    export = tmp_path / "eksport.jsonl"
    edited = good[1].replace("Kommune", "Kommune – rettet").encode("cp1252")  # saved in Excel
    export.write_bytes(b"\n".join([good[0].encode(), edited, good[2].encode()]))

    copy = Settings(home=tmp_path / "kopi", cache_dir=settings.cache_dir)
    report = import_documents(Ingestor(copy, embedder), export)
    assert len(report.added) == 2
    assert [line for line, _ in report.failed] == ["eksport.jsonl:2"]
    assert report.failed[0][1].startswith("linjen er ikke UTF-8-tekst (byte ")


def test_a_file_that_is_not_text_is_refused_by_name(settings, embedder, tmp_path):
    export = tmp_path / "billede.jsonl"
    export.write_bytes(b"\xff\xd8\xff\xe0 not utf-8")
    report = import_documents(Ingestor(settings, embedder), export)
    assert [source for source, _ in report.failed] == [str(export)]
    assert not Path(settings.store_path).exists() or report.added == []


def _exported_home(settings: Settings, embedder, folder: Path) -> list[str]:
    assert Ingestor(settings, embedder).ingest([folder]).ok
    return _export(settings, embedder)


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("year", "sidste år", "year"),
        ("year", 1.5, "year"),
        ("evidence_level", "høj", "evidence_level"),
        ("evidence_level", 9, "evidence_level"),
        ("has_pitfalls", "ja", "has_pitfalls"),
        ("sector", "rumfart", "sector"),
        ("sector", ["aeldre"], "sector"),
        ("kind", {"case": 1}, "kind"),
        ("stage", "måske", "stage"),
        ("status", "snart", "status"),
        ("organisation_type", "forening", "organisation_type"),
        ("kind", "rumskib", "kind"),
        ("title", 5, "title"),
        ("contact_email", ["a@b.dk"], "contact_email"),
        ("evidence_sentences", "én sætning", "evidence_sentences"),
        ("tags", [1, 2], "tags"),
        ("extra", "x", "extra"),
        ("inferred", {"sector": "høj"}, "inferred"),
        ("sections", [{"text": "x", "page": "to"}], "page"),
    ],
)
def test_a_line_with_a_value_no_document_can_hold_is_refused_and_the_home_stays_whole(
    settings, embedder, case_folder, tmp_path, name, value, problem
):
    good = _exported_home(settings, embedder, case_folder)
    bad = json.loads(good[0])
    bad[name] = value
    export = tmp_path / "eksport.jsonl"
    export.write_text("\n".join([json.dumps(bad, ensure_ascii=False), good[1]]), encoding="utf-8")

    copy = Settings(home=tmp_path / "kopi", cache_dir=settings.cache_dir)
    report = import_documents(Ingestor(copy, embedder), export)

    assert [line for line, _ in report.failed] == ["eksport.jsonl:1"]
    assert problem in report.failed[0][1]
    assert report.added == [json.loads(good[1])["source"]]
    # The home is whole: what was imported reads back exactly, the refused line is not there.
    assert _export(copy, embedder) == [good[1]]
    searcher = Searcher(copy, embedder)
    assert searcher.overview(Filters())[0] == 1


def test_a_case_line_before_its_report_line_survives_a_reimport(settings, embedder, tmp_path):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    multi_case_markdown(folder)
    good = _exported_home(settings, embedder, folder)
    assert len(good) == 4  # the report and its three cases
    report_line = json.loads(good[0])
    assert report_line["parts"] and report_line["part_of"] is None
    report_line["place"] = "Vejle"  # corrected by hand: the report is written again
    edited = [json.dumps(report_line, ensure_ascii=False), *good[1:]]
    export = tmp_path / "eksport.jsonl"
    # Cases first: a file sorted or filtered by other tools need not keep the export's order.
    export.write_text("\n".join(reversed(edited)), encoding="utf-8")

    report = import_documents(Ingestor(settings, embedder), export)

    # Writing the report replaces its cases, so they are written after it, though unchanged.
    assert report.ok and len(report.updated) == 4
    after = _export(settings, embedder)
    assert [json.loads(line)["title"] for line in after] == [
        json.loads(line)["title"] for line in good
    ]
    assert after == edited


def test_an_export_read_back_into_its_own_home_changes_nothing(
    settings, embedder, case_folder, tmp_path
):
    good = _exported_home(settings, embedder, case_folder)
    export = tmp_path / "eksport.jsonl"
    export.write_text("\n".join(good), encoding="utf-8")
    changed = json.loads(good[1])
    changed["sector"] = "social"
    export.write_text("\n".join([good[0], json.dumps(changed, ensure_ascii=False), good[2]]))

    report = import_documents(Ingestor(settings, embedder), export)

    assert report.ok and report.added == []
    assert report.updated == [changed["source"]]
    assert report.unchanged == [json.loads(good[0])["source"], json.loads(good[2])["source"]]
    assert json.loads(_export(settings, embedder)[1])["sector"] == "social"


def test_a_missing_field_is_named_in_danish(settings, embedder, case_folder, tmp_path):
    good = _exported_home(settings, embedder, case_folder)
    bad = json.loads(good[0])
    del bad["content_hash"]
    export = tmp_path / "eksport.jsonl"
    export.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")

    copy = Settings(home=tmp_path / "kopi", cache_dir=settings.cache_dir)
    report = import_documents(Ingestor(copy, embedder), export)
    assert report.failed == [
        ("eksport.jsonl:1", "mangler content_hash (er filen fra 'innosearch export'?)")
    ]


def test_a_case_without_its_report_is_imported_with_a_warning(settings, embedder, tmp_path):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    multi_case_markdown(folder)
    cases = [line for line in _exported_home(settings, embedder, folder) if '"part_of": {' in line]
    export = tmp_path / "sager.jsonl"
    export.write_text("\n".join(cases), encoding="utf-8")

    copy = Settings(home=tmp_path / "kopi", cache_dir=settings.cache_dir)
    report = import_documents(Ingestor(copy, embedder), export)
    assert report.ok and len(report.added) == 3
    assert [line for line, _ in report.warnings] == [
        "sager.jsonl:1",
        "sager.jsonl:2",
        "sager.jsonl:3",
    ]
    assert "Evaluering af lokale innovationsprojekter 2024" in report.warnings[0][1]


def test_the_export_command_offers_no_choice_it_does_not_have(
    settings, embedder, case_folder, monkeypatch
):
    from typer.testing import CliRunner

    from innosearch.cli import app as cli_app

    assert Ingestor(settings, embedder).ingest([case_folder]).ok
    monkeypatch.setenv("INNOSEARCH_MODEL", "hashing")
    runner = CliRunner()
    shown = runner.invoke(cli_app, ["export", "--help"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0 and "JSON Lines" in shown.output
    assert "--json" not in shown.output  # it is always JSON Lines
    written = runner.invoke(cli_app, ["export", "--json", "--home", str(settings.home)])
    assert written.exit_code == 0  # still accepted from scripts
    assert written.stdout.splitlines() == _export(settings, embedder)
