"""Migration 010 on a home written at schema 009: each text stored once, nothing else changed."""

import json
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from innosearch.config import Settings
from innosearch.documents import sections_text
from innosearch.index.store import Store
from innosearch.index.store.texts import read_sections, unpacked_text
from innosearch.ingest.chunk import embed_text
from innosearch.ingest.pipeline import Ingestor
from innosearch.text.analysis import match_expression, stems
from tests.index.conftest import record, unit_vectors
from tests.index.old_homes import (
    COPY_THE_REST,
    QUERIES,
    after_next_ingest,
    exported,
    float32,
    fresh_and_old,
    lexical_hits,
    passage_now,
    reimported,
    results,
    schema_at,
)

REPO = Path(__file__).resolve().parents[2]
# documents as migration 009 left them: text and sections both stored
DOCUMENT_COLUMNS_009 = (
    "id, source, kind, title, text, sections, organisation, organisation_type, place, sector, "
    "stage, status, year, contact_name, contact_email, contact_phone, evidence_level, "
    "evidence_sentences, has_pitfalls, tags, links, extra, inferred, content_hash, ingested_at, "
    "part_of"
)
EDITED = "Sagen, som en redaktør har skrevet den om i eksporten."


def _old_stemmed(title: str, section: str, text: str) -> str:
    """What the 009 pipeline gave the lexical index (ingest/pipeline.py before 010)."""
    return " ".join(stems(f"{title} {section} {text}"))


def _full_text(stored: str | None, sections: bytes) -> str:
    return sections_text(read_sections(sections)) if stored is None else stored


def _copy_as_009(new: Path, old: Path) -> None:
    """Write `new`'s home again in the 009 layout, every text stored as the 009 code stored it."""
    old.parent.mkdir(parents=True)
    db = schema_at(old, 9)
    db.create_function("full_text", 2, _full_text)
    db.create_function("unpacked", 1, unpacked_text)
    db.create_function("passage", 4, passage_now)
    db.create_function("float32", 1, float32)
    db.create_function("embed_text", 3, embed_text)
    db.create_function("old_stemmed", 3, _old_stemmed)
    db.execute("ATTACH ? AS new", (str(new),))
    select_documents = DOCUMENT_COLUMNS_009.replace(
        "text, sections,", "full_text(text, sections), unpacked(sections),", 1
    )
    passage = "passage(d.sections, c.text, c.text_start, c.text_end)"
    db.executescript(
        f"""
        INSERT INTO documents ({DOCUMENT_COLUMNS_009})
            SELECT {select_documents} FROM new.documents ORDER BY rowid;
        INSERT INTO chunks (id, document_id, ord, section, page, text, embed_text, vector)
            SELECT c.id, c.document_id, c.ord, c.section, c.page, {passage},
                   embed_text(d.title, c.section, {passage}), c.vector
            FROM new.chunks c JOIN new.documents d ON d.id = c.document_id ORDER BY c.id;
        INSERT INTO chunks_fts (rowid, stemmed)
            SELECT c.id, old_stemmed(d.title, c.section, {passage})
            FROM new.chunks c JOIN new.documents d ON d.id = c.document_id ORDER BY c.id;
        """
        + COPY_THE_REST
    )
    db.commit()
    db.execute("DETACH new")
    db.close()


@pytest.fixture
def homes(tmp_path, embedder) -> tuple[Settings, Settings]:
    """(a home written by today's code, the same home written at 009 and not yet migrated)."""
    return fresh_and_old(tmp_path, embedder, _copy_as_009)


def test_a_009_home_keeps_its_documents_lexical_hits_and_results(homes, embedder):
    fresh, old = homes
    db = sqlite3.connect(old.store_path)
    first = db.execute("SELECT id FROM documents ORDER BY rowid LIMIT 1").fetchone()[0]
    db.execute("UPDATE documents SET text = ? WHERE id = ?", (EDITED, first))
    db.commit()
    db.close()
    before = lexical_hits(old.store_path)
    assert all(before)

    store = Store(old.store_path)  # migrates
    assert store.schema_version >= 10
    assert store.document(first).text == EDITED
    store.close()
    db = sqlite3.connect(old.store_path)
    assert "embed_text" not in {row[1] for row in db.execute("PRAGMA table_info(chunks)")}
    fts = db.execute("SELECT sql FROM sqlite_master WHERE name = 'chunks_fts'").fetchone()[0]
    assert "content=''" in fts
    no_copy = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'chunks_fts_content'"
    assert db.execute(no_copy).fetchone()[0] == 0
    stored = dict(db.execute("SELECT id, text FROM documents").fetchall())
    assert stored[first] == EDITED  # not derivable, so kept
    assert all(text is None for doc_id, text in stored.items() if doc_id != first)
    db.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('integrity-check')")
    db.close()

    after = lexical_hits(old.store_path)
    assert [[chunk for chunk, _ in hits] for hits in after] == [
        [chunk for chunk, _ in hits] for hits in before
    ]
    for hits_after, hits_before in zip(after, before, strict=True):
        assert [score for _, score in hits_after] == pytest.approx(
            [score for _, score in hits_before], rel=1e-12
        )

    # Apart from the one edited text, the migrated home reads as the home today's code wrote.
    migrated_documents = {d.id: d for d in Store(old.store_path).all_documents()}
    fresh_documents = {d.id: d for d in Store(fresh.store_path).all_documents()}
    migrated_documents[first].text = fresh_documents[first].text
    assert migrated_documents == fresh_documents
    assert all(results(old, embedder))  # by the first stage until the next ingest
    assert results(after_next_ingest(old, embedder), embedder) == results(fresh, embedder)


def test_a_migrated_home_shrinks_and_exports_what_it_imports(homes, embedder, tmp_path):
    fresh, old = homes
    size_009 = old.store_path.stat().st_size
    Store(old.store_path).close()
    # 009 held every text four times, uncompressed; the vacuum after 010 gives the pages back.
    assert old.store_path.stat().st_size < 0.75 * size_009
    assert exported(old, embedder) == exported(fresh, embedder)

    copy, imported = reimported(old, embedder, tmp_path, fresh.cache_dir)
    assert imported
    assert exported(copy, embedder) == exported(old, embedder)
    assert results(copy, embedder) == results(after_next_ingest(old, embedder), embedder)


def test_ingesting_into_a_migrated_home_replaces_passages_without_leftovers(
    homes, embedder, tmp_path
):
    """Deletes hand FTS5 the derived text: a re-ingest leaves the index as a fresh ingest would."""
    fresh, old = homes
    folder = tmp_path / "cases"
    shutil.copytree(REPO / "data" / "cases", folder)
    changed = sorted(folder.iterdir())[0]
    body = json.loads(changed.read_text(encoding="utf-8"))
    body["summary"] = "Kvadratmeterfordeling af cykelparkering ved rådhuset."
    changed.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    sources = [folder, REPO / "data" / "reports"]

    assert Ingestor(old, embedder).ingest(sources).ok  # migrates, replaces, notes file origins
    (sorted(folder.iterdir())[1]).unlink()
    assert Ingestor(old, embedder).ingest(sources, prune=True).removed  # deletes
    rebuilt = Settings(home=tmp_path / "rebuilt", cache_dir=fresh.cache_dir)
    assert Ingestor(rebuilt, embedder).ingest(sources).ok

    def lexical(settings: Settings) -> list[list[tuple[float, str]]]:
        """Per query, the (score, passage text) pairs: chunk ids differ between the homes."""
        store = Store(settings.store_path)
        hits = []
        for query in [*QUERIES, "kvadratmeterfordeling cykelparkering"]:
            found = store.lexical_search(match_expression(query), 50)
            owners = store.chunks([chunk for chunk, _ in found])
            hits.append(sorted((round(score, 9), owners[chunk]["text"]) for chunk, score in found))
        store.close()
        return hits

    migrated = lexical(old)
    assert migrated[-1]  # the new text is found
    assert migrated == lexical(rebuilt)


def test_writes_leave_the_lexical_index_as_a_fresh_store_would(tmp_path):
    """Replaced and deleted passages leave no stems behind: BM25 equals a store written once."""
    rng = np.random.default_rng(5)
    texts = {
        "a": ["Ældre træner i eget hjem med en terapeut.", "Færre visitationer til hjemmehjælp."],
        "b": ["Skybrud oversvømmede kældre i tre år.", "Regnbede tager vandet fra tagene."],
        "c": ["Læseløft i indskolingen med små hold.", "Lærerne planlægger sammen."],
    }
    changed = ["Regnbede og grønne kiler tager vandet ved skybrud.", "Kældre holdes tørre."]
    written = Store(tmp_path / "written" / "store.sqlite3")
    written.write([record(k, v, unit_vectors(rng, len(v), 8)) for k, v in texts.items()])
    written.write([record("b", changed, unit_vectors(rng, 2, 8))], delete_sources=["c.json"])
    once = Store(tmp_path / "once" / "store.sqlite3")
    once.write(
        [record(k, v, unit_vectors(rng, len(v), 8)) for k, v in [("a", texts["a"]), ("b", changed)]]
    )

    def hits(store: Store) -> list[list[tuple[float, str]]]:
        found = []
        for query in ["skybrud kældre", "læseløft indskolingen", "ældre træner", "regnbede vandet"]:
            pairs = store.lexical_search(match_expression(query), 10)
            texts_by_id = store.chunks([chunk for chunk, _ in pairs])
            found.append(sorted((round(s, 9), texts_by_id[c]["text"]) for c, s in pairs))
        return found

    assert hits(written) == hits(once)
    assert hits(written)[1] == []  # the deleted document's words are gone
    terms = stems("læseløft skybrud")
    assert written.passage_counts(terms) == dict(zip(terms, [0, 1], strict=True))


def test_a_store_built_with_another_text_analysis_rebuilds_its_lexical_index(tmp_path):
    path = tmp_path / "home" / "store.sqlite3"
    store = Store(path)
    texts = ["Skybrud oversvømmede kældre i tre år.", "Regnbede tager vandet fra tagene."]
    store.write([record("b", texts, unit_vectors(np.random.default_rng(6), 2, 8))])
    expected = store.lexical_search(match_expression("skybrud regnbede"), 10)
    assert len(expected) == 2
    store.close()
    # An index whose stems another analysis made: here none at all, recorded as another one.
    db = sqlite3.connect(path)
    db.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('delete-all')")
    db.execute("UPDATE meta SET value = 'en ældre analyse' WHERE key = 'lexical_analysis'")
    db.commit()
    db.close()

    again = Store(path)
    assert again.lexical_search(match_expression("skybrud regnbede"), 10) == expected
    assert again.get_meta("lexical_analysis") != "en ældre analyse"
