"""A passage's text as stored (migration 011): a slice of its document's text, or its own.

Passages are cut from their document's sections, so most of them are a slice of the document's
text (its sections joined, documents.sections_text): such a passage stores only where it lies
(chunks.text_start, text_end, in characters) and its text is read from the document's sections;
the others (a merged passage that leaves out a repeated heading, sentences joined across a line
break) keep their own compressed text in chunks.text. Every read of a passage's text goes
through passage_texts, which reads each document's sections once per call.
"""

import sqlite3
from collections.abc import Iterator, Sequence

from innosearch.documents import sections_text
from innosearch.index.store.select import select_in
from innosearch.index.store.texts import packed_text, read_sections, unpacked_text

# A passage's stored text columns, in the order passage_texts reads them after its document id.
TEXT_COLUMNS = "text, text_start, text_end"


def stored_passage(
    document_text: str, text: str, after: int = 0
) -> tuple[bytes | None, int | None, int | None]:
    """(chunks.text, text_start, text_end) for a passage of the document whose text is given.

    `after`: where the previous passage started; passages follow each other, so the search
    starts there and only looks from the beginning when the text is not found after it.
    """
    start = document_text.find(text, after)
    if start < 0 and after:
        start = document_text.find(text)
    if start < 0:
        return packed_text(text), None, None
    return None, start, start + len(text)


def passage_text(
    stored: bytes | None, start: int | None, end: int | None, document_text: str
) -> str:
    return document_text[start:end] if stored is None else unpacked_text(stored)


def document_texts(db: sqlite3.Connection, doc_ids: Sequence[str]) -> dict[str, str]:
    """document id -> its sections joined: the text its passages are slices of."""
    rows = select_in(db, "SELECT id, sections FROM documents WHERE id IN ({})", list(doc_ids))
    return {row[0]: sections_text(read_sections(row[1])) for row in rows}


def passage_texts(db: sqlite3.Connection, rows: Sequence[Sequence]) -> list[str]:
    """The texts of passages given as (document id, text, text_start, text_end, ...) rows.

    Only the documents of sliced passages are read, each once.
    """
    sliced = {row[0] for row in rows if row[1] is None}
    texts = document_texts(db, sorted(sliced)) if sliced else {}
    return [passage_text(row[1], row[2], row[3], texts.get(row[0], "")) for row in rows]


def lexical_rows(db: sqlite3.Connection, documents: int = 2000) -> Iterator[list[tuple]]:
    """(chunk id, document title, section, text) of every passage, a batch of documents at a time.

    What the lexical index is rebuilt from; each document's sections are read once.
    """
    last = -1
    while True:
        batch = db.execute(
            "SELECT rowid, id, title, sections FROM documents WHERE rowid > ? "
            f"ORDER BY rowid LIMIT {documents}",
            (last,),
        ).fetchall()
        if not batch:
            return
        last = batch[-1][0]
        titles = {row[1]: row[2] for row in batch}
        texts = {row[1]: sections_text(read_sections(row[3])) for row in batch}
        passages = select_in(
            db,
            f"SELECT id, document_id, section, {TEXT_COLUMNS} FROM chunks "
            "WHERE document_id IN ({})",
            list(titles),
        )
        yield [
            (id_, titles[doc], section, passage_text(stored, start, end, texts[doc]))
            for id_, doc, section, stored, start, end in passages
        ]
