"""`innosearch export` read back: the same documents and the same search results."""

import json
from pathlib import Path

from innosearch.config import Settings
from innosearch.ingest.jsonl_import import import_documents
from innosearch.ingest.pipeline import Ingestor
from innosearch.search.export import documents_jsonl
from innosearch.search.query import SearchRequest
from innosearch.search.results import hit_json
from innosearch.search.searcher import Searcher

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


def test_a_file_that_is_not_text_is_refused_by_name(settings, embedder, tmp_path):
    export = tmp_path / "billede.jsonl"
    export.write_bytes(b"\xff\xd8\xff\xe0 not utf-8")
    report = import_documents(Ingestor(settings, embedder), export)
    assert [source for source, _ in report.failed] == [str(export)]
    assert not Path(settings.store_path).exists() or report.added == []
