"""Milvus, through pymilvus, over the store's passages: filters and ranking run inside the engine.

The collection is a copy of the store's passages, one row per chunk: its vector, its document id
(the partition key, so a document's passages live and are deleted together) and the document's
filterable values as scalar fields. It is brought up to date with the store's generation
incrementally: rows whose fingerprint (vector, document, filter values) is unchanged stay, rows
the store no longer has are deleted, new ones are upserted. A sidecar in the home (milvus.json)
records the generation the collection was last brought to, so an unchanged store costs nothing.

Documents and their metadata stay in the store; the engine only answers "which passages".
`INNOSEARCH_MILVUS_URI` is a milvus-lite folder (`….db`, the default `milvus.db` in the home) or
the address of a Milvus standalone or cluster (`http://host:19530`).
"""

import functools
import hashlib
import json
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import numpy as np

from innosearch.config import Settings
from innosearch.errors import InvalidSetting, StaleTable
from innosearch.file_lock import file_lock
from innosearch.filters import CHOICE_FIELDS, Filters
from innosearch.index.store import Store
from innosearch.index.tables import PassageTable
from innosearch.index.vectors.base import query_row, table_vectors

# Milvus refuses a larger limit per search (its `topk` maximum).
MAX_TOPK = 16_384
# Rows sent or read per request while syncing: well under gRPC's 64 MB message limit at 1024
# dimensions.
SYNC_BATCH = 2_000
# Choice values are short slugs from taxonomy.py; document ids are 16 hex digits.
VARCHAR_LENGTH = 128
# Sidecar layout; another value rebuilds the sync state from the collection itself.
FORMAT = 1


class MilvusIndex:
    kind = "milvus"

    def __init__(self, client: Any, collection: str, dim: int, table: PassageTable):
        self._client = client
        self._collection = collection
        self._dim = dim
        self._table = table

    @property
    def size(self) -> int:
        return self._table.size

    def search(
        self, query: np.ndarray, k: int, filters: Filters | None = None, rough: bool = False
    ) -> list[tuple[int, float]]:
        if self.size == 0 or k <= 0:
            return []
        row = query_row(query, self._dim)
        hits = self._client.search(
            self._collection,
            data=[row[0].tolist()],
            anns_field="vector",
            limit=min(k, self.size, MAX_TOPK),
            filter=filter_expression(filters),
            search_params={"metric_type": "IP"},
            output_fields=[],
        )[0]
        found = [(int(hit["id"]), float(hit["distance"])) for hit in hits]
        # Another process may have brought the collection to a newer generation than this
        # table: its new passages are for the next snapshot, not this one.
        return [(c, s) for c, s in found if _holds(self._table, c)]


def _holds(table: PassageTable, chunk_id: int) -> bool:
    position = int(np.searchsorted(table.chunk_ids, chunk_id))
    return position < table.size and int(table.chunk_ids[position]) == chunk_id


def filter_expression(filters: Filters | None) -> str:
    """Filters as a Milvus boolean expression over the scalar fields ('' when none)."""
    if filters is None or not filters.active:
        return ""
    terms = [
        f"{name} in {json.dumps(sorted(getattr(filters, name)))}"
        for name in CHOICE_FIELDS
        if getattr(filters, name)
    ]
    # A missing year or level is null, and a comparison with null is false: it never passes.
    if filters.year_from is not None:
        terms.append(f"year >= {int(filters.year_from)}")
    if filters.year_to is not None:
        terms.append(f"year <= {int(filters.year_to)}")
    if filters.min_level is not None:
        terms.append(f"evidence_level >= {int(filters.min_level)}")
    if filters.has_pitfalls is not None:
        terms.append(f"has_pitfalls == {1 if filters.has_pitfalls else 0}")
    return " and ".join(terms)


def open_index(settings: Settings, store: Store, dim: int, table: PassageTable) -> MilvusIndex:
    """The collection brought to the table's generation, then searched in the engine."""
    if store.generation != table.generation:
        raise StaleTable("Indekset blev ændret under indlæsningen. Prøv igen.")
    client = _connect(settings)
    collection = settings.milvus_collection
    sidecar = settings.home / "milvus.json"
    state = {
        "format": FORMAT,
        "uri": _uri(settings),
        "collection": collection,
        "generation": table.generation,
        "dim": dim,
        "size": table.size,
    }
    with _locked(sidecar):
        current = _read(sidecar) == state and (table.size == 0 or client.has_collection(collection))
        if not current:
            _sync(client, collection, dim, table, table_vectors(store, table, dim))
            sidecar.write_text(json.dumps(state))
    if table.size:
        # An engine opened again (milvus-lite in the next process, a restarted server) holds its
        # collections released, and searching one fails until it is loaded; loading a loaded
        # collection costs nothing.
        client.load_collection(collection)
    return MilvusIndex(client, collection, dim, table)


def _uri(settings: Settings) -> str:
    return settings.milvus_uri or str(settings.home / "milvus.db")


def _connect(settings: Settings) -> Any:
    return _client(_uri(settings))


# One client per engine address for the whole process: every store generation opens the index
# again, and a client per opening would leave the earlier ones' connections open.
@functools.cache
def _client(uri: str) -> Any:
    try:
        from pymilvus import MilvusClient
    except ImportError as exc:
        raise InvalidSetting(
            "Milvus er valgt som vektorindeks, men pymilvus er ikke installeret. "
            "Installér det med: pip install 'innosearch[milvus]'."
        ) from exc
    if uri.endswith(".db"):
        Path(uri).parent.mkdir(parents=True, exist_ok=True)
    try:
        return MilvusClient(uri=uri)
    except Exception as exc:  # pymilvus raises several kinds for a URI it cannot reach
        raise InvalidSetting(
            f"Kan ikke forbinde til Milvus på '{uri}' (INNOSEARCH_MILVUS_URI): {exc}"
        ) from exc


def _sync(client: Any, collection: str, dim: int, table: PassageTable, vectors: np.ndarray) -> None:
    """Bring the collection to the table: delete rows it no longer has, upsert new ones."""
    rows = _rows(table, vectors)
    if not rows and not client.has_collection(collection):
        return
    _ensure_collection(client, collection, dim)
    stored = _stored_fingerprints(client, collection)
    wanted = {row["id"]: row["fingerprint"] for row in rows}
    stale = [c for c, f in stored.items() if wanted.get(c) != f]
    for start in range(0, len(stale), SYNC_BATCH):
        client.delete(collection, ids=stale[start : start + SYNC_BATCH])
    missing = [row for row in rows if stored.get(row["id"]) != row["fingerprint"]]
    for start in range(0, len(missing), SYNC_BATCH):
        client.upsert(collection, missing[start : start + SYNC_BATCH])
    if missing or stale:
        client.flush(collection)


def _rows(table: PassageTable, vectors: np.ndarray) -> list[dict]:
    """One collection row per passage of the table, with its fingerprint."""
    documents = table.documents
    values: list[dict] = []
    for row in range(documents.size):
        fields: dict[str, Any] = {name: documents.values[name][row] for name in CHOICE_FIELDS}
        for name in ("year", "evidence_level"):
            number = documents.values[name][row]
            fields[name] = None if np.isnan(number) else int(number)
        fields["has_pitfalls"] = int(documents.values["has_pitfalls"][row])
        fields["doc_id"] = documents.ids[row]
        values.append(fields)
    described = [json.dumps(v, sort_keys=True).encode() for v in values]
    rows = []
    for position, chunk_id in enumerate(table.chunk_ids.tolist()):
        doc_row = int(table.doc_rows[position])
        vector = vectors[position]
        fingerprint = hashlib.sha1(vector.tobytes() + described[doc_row]).hexdigest()[:16]
        rows.append(
            {
                "id": chunk_id,
                "vector": vector.tolist(),
                "fingerprint": fingerprint,
                **values[doc_row],
            }
        )
    return rows


def _ensure_collection(client: Any, collection: str, dim: int) -> None:
    """The passage collection with this dimension; one of another dimension is replaced."""
    if client.has_collection(collection):
        fields = client.describe_collection(collection)["fields"]
        vector = next(f for f in fields if f["name"] == "vector")
        if int(vector["params"]["dim"]) == dim:
            return
        client.drop_collection(collection)
    from pymilvus import DataType, MilvusClient

    schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
    schema.add_field("fingerprint", DataType.VARCHAR, max_length=16)
    schema.add_field("doc_id", DataType.VARCHAR, max_length=VARCHAR_LENGTH, is_partition_key=True)
    for name in CHOICE_FIELDS:
        schema.add_field(name, DataType.VARCHAR, max_length=VARCHAR_LENGTH, nullable=True)
    schema.add_field("year", DataType.INT64, nullable=True)
    schema.add_field("evidence_level", DataType.INT64, nullable=True)
    schema.add_field("has_pitfalls", DataType.INT8)  # 1, 0, or -1 when unknown
    indexes = client.prepare_index_params()
    # Exact inner product, as the embedded backends; at scale an HNSW or IVF index replaces it
    # (docs/scale.md) and only this line changes.
    indexes.add_index(field_name="vector", index_type="FLAT", metric_type="IP")
    for name in (*CHOICE_FIELDS, "year", "evidence_level"):
        indexes.add_index(field_name=name, index_type="INVERTED")
    client.create_collection(collection, schema=schema, consistency_level="Strong")
    # Not waited for one by one (pymilvus polls each index every 0.5 s); loading waits for all.
    client.create_index(collection, indexes, sync=False)
    client.load_collection(collection)


def _stored_fingerprints(client: Any, collection: str) -> dict[int, str]:
    iterator = client.query_iterator(
        collection, batch_size=SYNC_BATCH, filter="", output_fields=["id", "fingerprint"]
    )
    stored: dict[int, str] = {}
    try:
        while batch := iterator.next():
            stored.update((int(row["id"]), row["fingerprint"]) for row in batch)
    finally:
        iterator.close()
    return stored


def _read(sidecar: Path) -> dict | None:
    try:
        return json.loads(sidecar.read_text())
    except (OSError, ValueError):
        return None


def _locked(sidecar: Path) -> AbstractContextManager[None]:
    """One process at a time brings the collection up to date and writes the sidecar."""
    return file_lock(sidecar.with_suffix(".lock"))
