"""The second stage: a document's outline (title and own headings) compared with the question."""

import sqlite3

import pytest

from innosearch.filters import Filters
from innosearch.ingest.pipeline import Ingestor
from innosearch.search.fusion import RankingConfig
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher
from innosearch.text.headings import outline_text

QUESTION = "hjemmepleje kørsel ruteplan"
FILLER = " ".join(
    f"afsnittet beskriver arbejdet nummer {n} med borgere medarbejdere ledere og møder"
    for n in range(14)
)
OTHER_FILLER = " ".join(
    f"notatet samler erfaringer fra uge {n} om budget indkøb aftaler og planer" for n in range(14)
)
# Its one passage names two of the question's three subjects among many words; its outline
# names none of them.
ONE_PASSAGE = "# Notat om drift\n\nVi har set på hjemmepleje og kørsel. " + OTHER_FILLER + "\n"
# Its headings name all three, each over a passage of words of its own (each >= 120 words, so
# the chunker keeps them apart).
THREE_CHAPTERS = "# Rapport om drift\n\n" + "".join(
    f"## {heading}\n\n{FILLER}\n\n" for heading in ("Hjemmepleje", "Kørsel", "Ruteplan")
)


@pytest.fixture
def home(settings, embedder, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notat.md").write_text(ONE_PASSAGE, encoding="utf-8")
    (folder / "rapport.md").write_text(THREE_CHAPTERS, encoding="utf-8")
    Ingestor(settings, embedder).ingest([folder])
    return settings


def _first(settings, embedder, ranking: RankingConfig | None = None) -> list[str]:
    found = Searcher(settings, embedder, ranking=ranking).search(SearchRequest(QUESTION))
    return [hit.document.source for hit in found.hits]


def test_the_outline_lifts_the_document_whose_headings_name_the_question(home, embedder):
    first_stage = _first(home, embedder, RankingConfig(outline_weight=0.0))
    assert first_stage == ["notat.md", "rapport.md"]  # the passage's own words win alone
    assert _first(home, embedder) == ["rapport.md", "notat.md"]


def test_a_home_with_a_document_missing_its_outline_ranks_by_the_first_stage(home, embedder):
    with sqlite3.connect(home.store_path) as db:
        db.execute(
            "UPDATE document_vectors SET outline = NULL WHERE document_id = "
            "(SELECT id FROM documents WHERE source = 'notat.md')"
        )
    # A bonus for some documents only would rank the newer ones first, whatever they say.
    assert _first(home, embedder) == ["notat.md", "rapport.md"]
    # The next ingest, with nothing new to read, gives the document its outline back.
    Ingestor(home, embedder).ingest([])
    with sqlite3.connect(home.store_path) as db:
        missing = db.execute("SELECT COUNT(*) FROM document_vectors WHERE outline IS NULL")
        assert missing.fetchone()[0] == 0
    assert _first(home, embedder) == ["rapport.md", "notat.md"]


def test_effects_asked_with_a_question_rank_as_the_search_does(home, embedder):
    searcher = Searcher(home, embedder)
    _, hits = searcher.effects(QUESTION, filters=Filters(), min_level=0)
    assert [hit.document.source for hit in hits] == ["rapport.md", "notat.md"]


def test_an_outline_is_the_title_and_the_documents_own_headings_once():
    headings = ["Resumé", "Baggrund", "Økonomi", "Målgruppe", "Økonomi ", "", "Kontakt"]
    assert outline_text("Fælles kørsel", headings) == "Fælles kørsel. Økonomi; Målgruppe"
    assert outline_text("Kun titel", []) == "Kun titel. "
