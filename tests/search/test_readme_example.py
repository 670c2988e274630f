"""The README's example question over the bundled data/, with the real model."""

from pathlib import Path

import pytest

from innosearch.config import Settings
from innosearch.errors import ModelUnavailable
from innosearch.filters import Filters
from innosearch.ingest.pipeline import Ingestor
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher

pytestmark = pytest.mark.model

DATA = Path(__file__).parents[2] / "data"
README = Path(__file__).parents[2] / "README.md"
QUESTION = "Hvordan får vi flere ældre til at klare sig selv længere derhjemme?"
# Sundhed's follow-up home visits to older patients after discharge: the one case in data/ from
# another sector whose problem statement is older people coping at home (read by hand; the
# panel's reason quotes it).
MATCH = "cases/sundhed-opfoelgende-hjemmebesoeg-genindlaeggelser.json"


@pytest.fixture(scope="module")
def searcher(tmp_path_factory) -> Searcher:
    from innosearch.embed.factory import load_embedder

    settings = Settings(home=tmp_path_factory.mktemp("home"))
    try:
        embedder = load_embedder(settings)
    except ModelUnavailable as exc:
        pytest.skip(f"the default model could not be built: {exc.message}")
    report = Ingestor(settings, embedder).ingest([DATA])
    assert report.ok and [path for path, _ in report.skipped] == ["make_report.py"]  # a script
    return Searcher(settings, embedder)


def test_the_question_is_the_readmes():
    assert QUESTION in " ".join(README.read_text(encoding="utf-8").split())  # lines wrap


def test_inspiration_for_the_readme_question_without_a_sector(searcher):
    found = searcher.search(SearchRequest(QUESTION))
    assert (found.own_sector, found.own_sector_basis) == ("aeldre", "results")
    assert found.own_sector_reason.startswith("I har ikke valgt en sektor, så vi har antaget Ældre")
    panel = [h.document.source for h in found.inspiration]
    assert MATCH in panel
    assert all(h.document.sector not in ("aeldre", None) for h in found.inspiration)
    match = next(h for h in found.inspiration if h.document.source == MATCH)
    assert match.reason.startswith("Samme udfordring løst i Sundhed: ")


@pytest.mark.parametrize(
    "request_",
    [
        SearchRequest(QUESTION, own_sector="aeldre"),
        SearchRequest(QUESTION, Filters(sector=["aeldre"])),
    ],
    ids=["named", "filtered"],
)
def test_the_same_case_when_the_sector_is_named_or_filtered(searcher, request_):
    found = searcher.search(request_)
    assert found.own_sector == "aeldre"
    assert MATCH in [h.document.source for h in found.inspiration]
