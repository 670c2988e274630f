"""The read side's snapshot over a real store: what a search reads, and what it keeps."""

import numpy as np
import pytest

from innosearch.ingest.pipeline import Ingestor
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher
from innosearch.text.analysis import unique_stems
from tests.conftest import write_case


@pytest.fixture
def searcher(settings, embedder, case_folder):
    Ingestor(settings, embedder).ingest([case_folder])
    return Searcher(settings, embedder)


def test_document_vectors_read_one_at_a_time_are_the_stored_matrix_rows(searcher):
    snapshot = searcher.corpus.current()
    ids, matrix = snapshot.store.document_vectors()
    assert len(ids) >= 3
    for row, doc_id in enumerate(ids):
        np.testing.assert_array_equal(snapshot.document_vectors[doc_id], matrix[row])
    assert "no-such-document" not in snapshot.document_vectors
    assert set(snapshot.document_vectors) == set(ids)


def test_a_search_and_its_panel_never_read_every_document_vector(searcher):
    searcher.search(SearchRequest("ældre borgere i eget hjem", own_sector="aeldre"))
    searcher.search(SearchRequest("skybrud og oversvømmede kældre"))
    snapshot = searcher.corpus.current()
    # Read whole, the vectors of 1M passages' documents would take 300+ MB in every server.
    assert "document_matrix" not in vars(snapshot)
    # Related cases do compare one document with all of them.
    doc_id = snapshot.table.documents.ids[0]
    assert searcher.related(doc_id)
    assert "document_matrix" in vars(snapshot)


def test_term_counts_are_kept_per_generation(searcher, settings, embedder, tmp_path):
    (stem,) = unique_stems("snekasteren")
    first = searcher.corpus.current()
    assert first.term_counts.get_many([stem]) == {stem: 0}
    case = write_case(
        tmp_path / "new",
        "sne.json",
        title="Snekasteren på rådhuspladsen",
        sector="teknik_trafik",
        summary="Kommunen lånte en snekasteren ud til borgerne i vinterferien.",
    )
    Ingestor(settings, embedder).ingest([case])
    second = searcher.corpus.current()
    assert second.term_counts.get_many([stem]) == second.store.passage_counts([stem])
    assert second.term_counts.get_many([stem])[stem] >= 1
    assert first.term_counts.get_many([stem]) == {stem: 0}  # the old generation's, kept
