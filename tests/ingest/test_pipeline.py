import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from innosearch.embed.hashing import HashingEmbedder
from innosearch.errors import ModelMismatch
from innosearch.index.store import Store
from innosearch.ingest.pipeline import Ingestor
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher
from tests.conftest import SAMPLE_CASES, write_case

REPO = Path(__file__).resolve().parents[2]


def test_ingest_adds_every_case_with_its_metadata(settings, embedder, case_folder):
    report = Ingestor(settings, embedder).ingest([case_folder])
    assert sorted(report.added) == [
        "aeldre-rehab.json",
        "klima-skybrud.json",
        "skole-laesning.json",
    ]
    assert report.ok
    store = Store(settings.store_path)
    doc = next(d for d in store.all_documents() if d.source == "aeldre-rehab.json")
    assert doc.organisation == "Fjordby Kommune"
    assert doc.contact_email == "anna@example.dk"
    assert doc.sector == "aeldre" and "sector" not in doc.inferred
    assert doc.chunks == [] and store.stats()["chunks"] >= 3


def test_reingest_of_unchanged_files_does_no_embedding_work(settings, embedder, case_folder):
    Ingestor(settings, embedder).ingest([case_folder])
    before = embedder.passages_embedded
    report = Ingestor(settings, embedder).ingest([case_folder])
    assert len(report.unchanged) == 3 and not report.added and not report.updated
    assert embedder.passages_embedded == before


def test_files_whose_names_hold_a_hash_sign_are_told_apart_from_a_files_documents(
    settings, embedder, case_folder
):
    # "plan#2.json" is a file of its own, not the second document of a file "plan".
    write_case(
        case_folder, "plan.json", title="Plan for ældreområdet", summary="Flere ældre bor hjemme."
    )
    write_case(
        case_folder, "plan#2.json", title="Plan for skoleområdet", summary="Flere elever trives."
    )
    Ingestor(settings, embedder).ingest([case_folder])
    write_case(
        case_folder, "plan#2.json", title="Ny plan for skoleområdet", summary="Flere elever trives."
    )
    report = Ingestor(settings, embedder).ingest([case_folder])
    assert report.updated == ["plan#2.json"]
    assert "plan.json" in report.unchanged
    titles = {d.source: d.title for d in Store(settings.store_path).all_documents()}
    assert titles["plan#2.json"] == "Ny plan for skoleområdet"
    assert titles["plan.json"] == "Plan for ældreområdet"


def test_changed_file_replaces_its_old_chunks(settings, embedder, case_folder):
    Ingestor(settings, embedder).ingest([case_folder])
    write_case(case_folder, "klima-skybrud.json", title="Grønne tage", summary="Sedum på taget.")
    report = Ingestor(settings, embedder).ingest([case_folder])
    assert report.updated == ["klima-skybrud.json"]
    store = Store(settings.store_path)
    doc = next(d for d in store.all_documents() if d.source == "klima-skybrud.json")
    chunks = store.chunks_of(doc.id)
    assert doc.title == "Grønne tage"
    assert all("regnbede" not in c["text"] for c in chunks)
    assert any("Sedum" in c["text"] for c in chunks)


def test_prune_removes_documents_whose_files_are_gone(settings, embedder, case_folder):
    Ingestor(settings, embedder).ingest([case_folder])
    (case_folder / "skole-laesning.json").unlink()
    kept = Ingestor(settings, embedder).ingest([case_folder])
    assert kept.removed == [] and "skole-laesning.json" in Store(settings.store_path).sources()
    report = Ingestor(settings, embedder).ingest([case_folder], prune=True)
    assert report.removed == ["skole-laesning.json"]
    assert "skole-laesning.json" not in Store(settings.store_path).sources()


def test_prune_leaves_other_folders_alone(settings, embedder, case_folder, tmp_path):
    other = tmp_path / "andre"
    write_case(other, "droner.json", title="Droner tilser diger", summary="Droner flyver langs.")
    Ingestor(settings, embedder).ingest([case_folder])
    Ingestor(settings, embedder).ingest([other])
    (case_folder / "skole-laesning.json").unlink()
    report = Ingestor(settings, embedder).ingest([case_folder], prune=True)
    assert report.removed == ["skole-laesning.json"]
    assert "droner.json" in Store(settings.store_path).sources()


def test_two_folders_with_a_file_of_the_same_name_keep_both(settings, embedder, tmp_path):
    first, second = tmp_path / "kommuneA", tmp_path / "kommuneB"
    write_case(first, "sag.json", title="Sag fra Aby", summary="Regnvand i kældre.")
    write_case(second, "sag.json", title="Sag fra Bby", summary="Ensomme ældre.")
    Ingestor(settings, embedder).ingest([first])
    report = Ingestor(settings, embedder).ingest([second])
    assert report.added == ["kommuneB/sag.json"] and not report.updated
    again = Ingestor(settings, embedder).ingest([first, second])
    assert sorted(again.unchanged) == ["kommuneB/sag.json", "sag.json"]
    titles = {d.source: d.title for d in Store(settings.store_path).all_documents()}
    assert titles == {"sag.json": "Sag fra Aby", "kommuneB/sag.json": "Sag fra Bby"}


def test_one_run_over_two_folders_with_a_file_of_the_same_name_keeps_both(
    settings, embedder, tmp_path
):
    first, second = tmp_path / "kommuneA", tmp_path / "kommuneB"
    write_case(first, "sag.json", title="Sag fra Aby", summary="Regnvand i kældre.")
    write_case(second, "sag.json", title="Sag fra Bby", summary="Ensomme ældre.")
    report = Ingestor(settings, embedder).ingest([first, second])
    assert sorted(report.added) == ["kommuneB/sag.json", "sag.json"]
    assert len(Store(settings.store_path).sources()) == 2


def test_a_file_reached_from_a_folder_above_is_the_same_document(settings, embedder, tmp_path):
    parent = tmp_path / "alle"
    write_case(parent / "kommuneA", "sag.json", title="Sag fra Aby", summary="Regnvand.")
    Ingestor(settings, embedder).ingest([parent / "kommuneA"])
    report = Ingestor(settings, embedder).ingest([parent])
    assert report.unchanged == ["sag.json"] and not report.added
    assert Store(settings.store_path).sources() == ["sag.json"]


def test_a_moved_folder_keeps_its_documents(settings, embedder, case_folder, tmp_path):
    Ingestor(settings, embedder).ingest([case_folder])
    moved = case_folder.rename(tmp_path / "flyttet")
    report = Ingestor(settings, embedder).ingest([moved], prune=True)
    assert len(report.unchanged) == 3 and not report.added and not report.removed


def test_a_stated_value_that_fits_no_field_is_a_warning(settings, embedder, case_folder):
    write_case(case_folder, "rum.json", title="Rumfart", summary="Satellitter.", sector=5)
    report = Ingestor(settings, embedder).ingest([case_folder])
    assert report.ok and len(report.added) == 4
    assert [(s, p.split(":")[0]) for s, p in report.warnings] == [
        ("rum.json", "feltet sektor (sector)")
    ]


def test_a_folders_files_of_other_kinds_are_skipped_and_named(settings, embedder, case_folder):
    (case_folder / "lav_rapport.py").write_text("print('hej')", encoding="utf-8")
    (case_folder / "budget.xlsx").write_bytes(b"PK\x03\x04")
    report = Ingestor(settings, embedder).ingest([case_folder])
    assert report.ok and len(report.added) == 3
    assert [source for source, _ in report.skipped] == ["budget.xlsx", "lav_rapport.py"]
    assert "filtypen .xlsx understøttes ikke" in report.skipped[0][1]
    named = Ingestor(settings, embedder).ingest([case_folder / "budget.xlsx"])
    assert [source for source, _ in named.failed] == ["budget.xlsx"] and not named.ok


def test_a_linked_folder_is_read_and_a_link_loop_ends(settings, embedder, case_folder, tmp_path):
    shared = tmp_path / "fælles"
    write_case(shared, "droner.json", title="Droner tilser diger", summary="Droner flyver.")
    (case_folder / "fælles").symlink_to(shared, target_is_directory=True)
    (shared / "tilbage").symlink_to(case_folder, target_is_directory=True)
    report = Ingestor(settings, embedder).ingest([case_folder])
    assert sorted(report.added) == [
        "aeldre-rehab.json",
        "fælles/droner.json",
        "klima-skybrud.json",
        "skole-laesning.json",
    ]


def test_bad_files_are_reported_and_the_rest_goes_on(settings, embedder, case_folder):
    (case_folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    (case_folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (case_folder / "empty.txt").write_bytes(b"")
    (case_folder / "invalid.json").write_text("{ not json", encoding="utf-8")
    report = Ingestor(settings, embedder).ingest([case_folder, case_folder / "missing.json"])
    failed = dict(report.failed)
    assert set(failed) == {
        "broken.pdf",
        "notes.docx",
        "empty.txt",
        "invalid.json",
        str(case_folder / "missing.json"),
    }
    assert all(problem for problem in failed.values())
    assert len(report.added) == 3
    assert not report.ok


def test_a_file_that_turns_bad_keeps_its_stored_version(settings, embedder, case_folder):
    Ingestor(settings, embedder).ingest([case_folder])
    (case_folder / "aeldre-rehab.json").write_text("[", encoding="utf-8")
    report = Ingestor(settings, embedder).ingest([case_folder], prune=True)
    assert [s for s, _ in report.failed] == ["aeldre-rehab.json"]
    assert report.removed == []
    assert "aeldre-rehab.json" in Store(settings.store_path).sources()


def _three_records_ingested(settings, embedder, tmp_path):
    """A folder with one JSON Lines file of three cases, ingested: the folder, file and lines."""
    folder = tmp_path / "sager"
    folder.mkdir()
    lines = [
        json.dumps({"title": f"Sag {i}", "summary": f"Borgere i kommune {i} får hjælp hjemme."})
        for i in range(1, 4)
    ]
    jsonl = folder / "sager.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    Ingestor(settings, embedder).ingest([folder])
    return folder, jsonl, lines


def test_a_record_that_turns_bad_keeps_its_stored_version_and_is_reported_each_run(
    settings, embedder, tmp_path
):
    folder, jsonl, lines = _three_records_ingested(settings, embedder, tmp_path)
    stored = sorted(Store(settings.store_path).sources())
    assert len(stored) == 3
    lines[1] = '{"title": "Sag 2", "summary": '
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for _ in range(2):  # and again: the broken line is still there
        report = Ingestor(settings, embedder).ingest([folder], prune=True)
        assert [source for source, _ in report.failed] == ["sager.jsonl"]
        assert "linje 2" in report.failed[0][1]
        assert report.removed == []
        assert sorted(Store(settings.store_path).sources()) == stored


def test_a_record_taken_out_of_a_file_is_counted_as_removed(settings, embedder, tmp_path):
    """The record left the index, and the summary said "Fjernet: 0" unless --prune was given."""
    folder, jsonl, lines = _three_records_ingested(settings, embedder, tmp_path)
    jsonl.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    report = Ingestor(settings, embedder).ingest([folder])
    assert report.removed == ["sager.jsonl#3"]
    assert sorted(Store(settings.store_path).sources()) == ["sager.jsonl#1", "sager.jsonl#2"]


def test_index_built_with_another_model_is_refused(settings, case_folder):
    Ingestor(settings, HashingEmbedder(model_id="test/model-a")).ingest([case_folder])
    other = HashingEmbedder(model_id="test/model-b")
    with pytest.raises(ModelMismatch, match="test/model-a"):
        Searcher(settings, other)
    with pytest.raises(ModelMismatch, match="test/model-a"):
        Ingestor(settings, other).ingest([case_folder])


def test_kill_during_ingest_leaves_the_last_completed_state(
    settings, embedder, case_folder, tmp_path
):
    Ingestor(settings, embedder).ingest([case_folder])
    before = Searcher(settings, embedder).search(SearchRequest("skybrud regnbede"))
    second = tmp_path / "more"
    for i in range(30):
        write_case(
            second,
            f"extra-{i}.json",
            title=f"Ekstra sag {i}",
            summary=f"Skybrud og regnbede nummer {i} i byen.",
        )
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.ingest.kill_target", str(settings.home), str(second)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert process.stdout is not None
    for _ in range(3):  # let it embed a few batches, then kill it hard
        assert process.stdout.readline().strip() == "embedding"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    # Files finished before the kill are stored whole; the one being worked on is not there.
    store = Store(settings.store_path)
    stored = {d.source: d for d in store.all_documents()}
    assert set(SAMPLE_CASES) <= set(stored)
    finished = [s for s in stored if s.startswith("extra-")]
    assert len(finished) < 30
    with_vectors = set(store.document_vectors()[0])
    for source in finished:
        assert store.chunks_of(stored[source].id) and stored[source].id in with_vectors
    after = Searcher(settings, embedder).search(SearchRequest("skybrud regnbede", limit=50))
    assert {h.document.source for h in before.hits} <= {h.document.source for h in after.hits}
    # running it again completes and reuses the vectors computed before the kill
    report = Ingestor(settings, embedder).ingest([second])
    assert len(report.added) == 30 - len(finished)
    assert len(report.unchanged) == len(finished)


def test_a_document_without_contact_fields_gets_the_contact_its_text_names(settings, embedder):
    folder = settings.home.parent / "docs"
    folder.mkdir()
    (folder / "grundlag.md").write_text(
        "# Projektgrundlag: søgning i byrådets dagsordener\n\n"
        "Af: Jakob Mørup Vang (<jmv@havnsoe.dk>), Fælles IT og Digitalisering, Havnsø Kommune\n\n"
        "## Baggrund\n\nPolitikerne finder ikke tidligere beslutninger i lange mødepapirer.\n",
        "utf-8",
    )
    write_case(folder, "stated.json", **SAMPLE_CASES["aeldre-rehab.json"])
    Ingestor(settings, embedder).ingest([folder])
    docs = {d.source: d for d in Store(settings.store_path).all_documents()}
    found = docs["grundlag.md"]
    assert (found.contact_name, found.contact_email) == ("Jakob Mørup Vang", "jmv@havnsoe.dk")
    assert found.organisation == "Havnsø Kommune"
    assert found.inferred["contact"] >= 0.9 and "organisation" in found.inferred
    stated = docs["stated.json"]
    assert stated.contact_email == "anna@example.dk" and "contact" not in stated.inferred
