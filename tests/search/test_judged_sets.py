"""The judged sets in bench/ are consistent: a judgment names a known question and a real document.

A qrels row with a misspelt source or question id would silently count as a document no ranking
can find, and lower every variant's figure alike; these checks catch it before a table is run.
"""

from functools import cache
from pathlib import Path

import pytest

from innosearch.ingest.registry import parse_file
from innosearch.search.evaluate import read_qrels, read_queries

REPO = Path(__file__).resolve().parents[2]
REAL_DOCS = REPO.parent / "shared" / "real-docs"
SETS = [  # questions, judgments, the corpus the sources are relative to
    ("bench/challenges/queries.tsv", "bench/challenges/qrels.tsv", REAL_DOCS),
    ("bench/challenges-overlap/queries.tsv", "bench/challenges-overlap/qrels.tsv", REAL_DOCS),
    ("bench/eval/realdocs-queries.tsv", "bench/eval/realdocs-qrels.tsv", REAL_DOCS),
    ("bench/challenges-data/queries.tsv", "bench/challenges-data/qrels.tsv", REPO / "data"),
]


@cache
def _records(path: Path) -> int:
    """How many documents the file holds (a CSV or JSONL file holds one per row)."""
    return len(parse_file(path))


def _exists(corpus: Path, source: str) -> bool:
    """Whether `source` names a document of `corpus`: a file, or row N of a multi-record file."""
    name, _, row = source.partition("#")
    path = corpus / name
    if not path.is_file():
        return False
    return not row or 1 <= int(row) <= _records(path)


@pytest.mark.parametrize(("queries", "qrels", "corpus"), SETS, ids=[s[0] for s in SETS])
def test_every_judgment_names_a_question_and_a_document(queries, qrels, corpus):
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is not here")
    asked = {q.query_id for q in read_queries(REPO / queries)}
    judged = read_qrels(REPO / qrels)
    assert set(judged) <= asked, f"judgments for unknown questions: {set(judged) - asked}"
    missing = sorted({s for grades in judged.values() for s in grades if not _exists(corpus, s)})
    assert not missing, f"sources not in {corpus.name}: {missing}"
    grades = {g for grades in judged.values() for g in grades.values()}
    assert grades <= {1, 2}, f"grades other than 1 and 2: {grades - {1, 2}}"


def test_a_misspelt_source_is_caught(tmp_path):
    (tmp_path / "a.md").write_text("# A\n\nTekst.\n", "utf-8")
    rows = '{"title": "En", "summary": "Tekst."}\n{"title": "To", "summary": "Mere tekst."}\n'
    (tmp_path / "rows.jsonl").write_text(rows, "utf-8")
    assert _exists(tmp_path, "a.md")
    assert _exists(tmp_path, "rows.jsonl#2")
    assert not _exists(tmp_path, "rows.jsonl#3")
    assert not _exists(tmp_path, "b.md")
