"""Multi-case reports become the report plus one linked document per project (real files)."""

import json
from datetime import date

import pytest
from fastapi.testclient import TestClient

from innosearch.api.app import create_app
from innosearch.classify.classifier import Classifier
from innosearch.index.store import Store
from innosearch.ingest.base import NO_LIMITS
from innosearch.ingest.jsonl_import import import_documents
from innosearch.ingest.pipeline import Ingestor
from innosearch.ingest.registry import parse_file
from innosearch.ingest.report_cases import CASES_HEADING, split_report
from innosearch.search.export import documents_jsonl, effects_csv
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher
from tests.ingest.report_files import (
    CENTRE_TITLE,
    PROJECTS,
    SHORT_TITLES,
    multi_case_markdown,
    multi_case_pdf,
    multi_case_text,
    one_project_markdown,
)

TITLES = [title for title, _ in PROJECTS]
TODAY = date(2026, 12, 6)


def _split(path):
    (doc,) = parse_file(path, NO_LIMITS)
    return split_report(doc)


@pytest.mark.parametrize(
    ("write", "titles"),
    [
        (multi_case_markdown, TITLES),
        (multi_case_pdf, TITLES),
        (multi_case_text, SHORT_TITLES),
    ],
    ids=["markdown", "pdf", "text"],
)
def test_a_report_of_separate_projects_becomes_the_report_and_one_case_each(
    tmp_path, write, titles
):
    report, *cases = _split(write(tmp_path))
    assert report.title == CENTRE_TITLE and report.part_of_suffix is None
    assert [case.title for case in cases] == titles
    assert [case.source_suffix for case in cases] == ["#sag-1", "#sag-2", "#sag-3"]
    assert all(case.part_of_suffix == "" for case in cases)
    # The report keeps its framing chapters and lists its cases; no case text is in it twice.
    assert report.sections[-1].heading == CASES_HEADING
    assert all(title in report.sections[-1].text for title in titles)
    assert "spiserobot" not in report.text.replace(titles[0], "").lower()
    assert "Indledning" in report.text and "Samlet vurdering" in report.text
    assert "Løsning" in cases[0].text and "Skybrud" in cases[2].text.title()


def test_each_case_gets_its_own_sector_evidence_and_pitfalls(tmp_path):
    _, *cases = _split(multi_case_markdown(tmp_path))
    classifier = Classifier()  # the rules alone: the vocabulary decides here, not the model
    got = [classifier.classify(case, today=TODAY) for case in cases]
    assert [c.sector.value for c in got] == ["aeldre", "skole", "klima_miljoe"]
    assert [c.evidence_level.value >= 2 for c in got] == [True, False, True]
    assert [c.has_pitfalls.value for c in got] == [True, False, False]


def test_a_report_whose_chapters_are_phases_of_one_project_stays_one_document(tmp_path):
    docs = _split(one_project_markdown(tmp_path))
    assert len(docs) == 1 and "240 borgere" in docs[0].text


def test_chapters_that_name_the_same_thing_are_no_separate_projects(tmp_path):
    # Two chapters with a full story each, but both about the same municipality and no names of
    # their own: areas of one piece of work.
    story = (
        "### Udfordring\n\nBorgerne i Silkeborg Kommune venter for længe på hjælp, og "
        "medarbejderne bruger tiden på transport mellem korte besøg hos de mange borgere.\n\n"
        "### Løsning\n\nSilkeborg Kommune samlede besøgene i faste ruter og gav medarbejderne "
        "tablets, så de kan dokumentere hos borgeren i stedet for på kontoret bagefter.\n\n"
        "### Resultater\n\nVentetiden faldt fra fem til to dage, målt før og efter indsatsen.\n"
    )
    path = tmp_path / "omraader.md"
    path.write_text(
        f"# Ny tilrettelæggelse\n\n## Hjemmeplejen\n\n{story}\n## Sygeplejen\n\n{story}",
        encoding="utf-8",
    )
    assert len(_split(path)) == 1


def _documents(settings):
    store = Store(settings.store_path)
    return {d.source: d for d in store.all_documents()}


def test_ingest_stores_the_cases_linked_to_the_report(settings, embedder, tmp_path):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    multi_case_markdown(folder)
    result = Ingestor(settings, embedder).ingest([folder])
    assert result.ok
    docs = _documents(settings)
    assert sorted(docs) == [
        "evaluering.md",
        "evaluering.md#sag-1",
        "evaluering.md#sag-2",
        "evaluering.md#sag-3",
    ]
    report = docs["evaluering.md"]
    assert report.part_of is None
    assert [link.title for link in report.parts] == TITLES
    for number, title in enumerate(TITLES, start=1):
        case = docs[f"evaluering.md#sag-{number}"]
        assert case.title == title
        assert case.part_of is not None
        assert (case.part_of.id, case.part_of.title) == (report.id, CENTRE_TITLE)
        assert case.sector is not None and "sector" in case.inferred


def test_reingest_replaces_the_cases_and_leaves_no_orphans(settings, embedder, tmp_path):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    path = multi_case_markdown(folder)
    Ingestor(settings, embedder).ingest([folder])
    # The same file now tells one project: its cases go, the report stays under its id.
    report_id = _documents(settings)["evaluering.md"].id
    path.write_text(one_project_markdown(tmp_path).read_text(encoding="utf-8"), encoding="utf-8")
    result = Ingestor(settings, embedder).ingest([folder])
    assert result.updated == ["evaluering.md"]
    assert result.ok
    docs = _documents(settings)
    assert list(docs) == ["evaluering.md"]
    assert docs["evaluering.md"].id == report_id and docs["evaluering.md"].parts == []
    store = Store(settings.store_path)
    assert store.stats()["chunks"] == len(store.chunks_of(report_id))
    # And back: the cases return.
    multi_case_markdown(folder)
    Ingestor(settings, embedder).ingest([folder])
    assert len(_documents(settings)) == 4


def test_deleting_the_report_deletes_its_cases(settings, embedder, tmp_path):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    multi_case_markdown(folder)
    one_project_markdown(folder)
    Ingestor(settings, embedder).ingest([folder])
    searcher = Searcher(settings, embedder)
    searcher.store.delete_document(_documents(settings)["evaluering.md"].id)
    assert list(_documents(settings)) == ["skaermbesoeg.md"]
    store = Store(settings.store_path)
    kept = _documents(settings)["skaermbesoeg.md"].id
    assert store.stats()["chunks"] == len(store.chunks_of(kept))


def test_search_hits_exports_and_import_carry_the_link(settings, embedder, tmp_path):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    multi_case_markdown(folder)
    Ingestor(settings, embedder).ingest([folder])
    searcher = Searcher(settings, embedder)
    result = searcher.search(SearchRequest(query="spiserobotter til beboere på plejecenter"))
    hit = next(h for h in result.hits if h.document.source == "evaluering.md#sag-1")
    assert hit.document.part_of is not None and hit.document.part_of.title == CENTRE_TITLE

    csv_text = effects_csv([hit]).decode("utf-8-sig")
    header, row = csv_text.splitlines()[:2]
    assert header.endswith("del af rapporten;rapportens id")
    assert row.endswith(f"{CENTRE_TITLE};{hit.document.part_of.id}")

    lines = list(documents_jsonl(searcher.all_documents()))
    by_source = {json.loads(line)["source"]: json.loads(line) for line in lines}
    assert by_source["evaluering.md#sag-2"]["part_of"]["title"] == CENTRE_TITLE
    assert [p["title"] for p in by_source["evaluering.md"]["parts"]] == TITLES

    exported = tmp_path / "alle.jsonl"
    exported.write_text("\n".join(lines), encoding="utf-8")
    other = settings.model_copy(update={"home": tmp_path / "other"})
    report = import_documents(Ingestor(other, embedder), exported)
    assert report.ok
    imported = _documents(other)
    assert imported["evaluering.md#sag-3"].part_of == by_source_link(by_source, "#sag-3")
    assert [p.title for p in imported["evaluering.md"].parts] == TITLES


def by_source_link(by_source, suffix):
    from innosearch.documents import DocumentLink

    return DocumentLink(**by_source[f"evaluering.md{suffix}"]["part_of"])


def test_the_api_names_the_report_of_a_case_and_the_cases_of_a_report(settings, embedder, tmp_path):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    multi_case_markdown(folder)
    Ingestor(settings, embedder).ingest([folder])
    docs = _documents(settings)
    report, case = docs["evaluering.md"], docs["evaluering.md#sag-3"]
    with TestClient(create_app(settings, embedder)) as client:
        body = client.get(f"/api/documents/{case.id}").json()
        assert body["part_of"] == {"id": report.id, "title": CENTRE_TITLE}
        assert body["parts"] == []
        body = client.get(f"/api/documents/{report.id}").json()
        assert body["part_of"] is None
        assert [p["title"] for p in body["parts"]] == TITLES
        hits = client.get("/api/search", params={"q": "regnbede mod skybrud"}).json()["results"]
        linked = [h for h in hits if h["id"] == case.id]
        assert linked and linked[0]["part_of"] == {"id": report.id, "title": CENTRE_TITLE}
