"""The SQLite store: every SQL statement of the project lives in this package.

One `Store` over one file, put together from one class per group of tables: the connection,
transactions and migrations (base.py), documents and passages (documents.py), web sources
(web.py) and saved searches (saved.py); values derived from stored rows (derived.py), the
stored forms of texts (texts.py) and a passage's text as a slice of its document's (passages.py)
beside them. Schema changes are numbered migrations in
`index/migrations/`.
"""

from innosearch.index.store.base import unusable
from innosearch.index.store.derived import document_vector
from innosearch.index.store.documents import DocumentStore
from innosearch.index.store.saved import SavedStore
from innosearch.index.store.web import WebStore

__all__ = ["Store", "document_vector", "unusable"]


class Store(DocumentStore, WebStore, SavedStore):
    """Documents, passages, vectors, web sources and saved searches in one SQLite file.

    Each thread gets its own connection (opened on first use): SQLite then keeps one thread's
    read transaction apart from another's writes, which a shared connection cannot.
    """
