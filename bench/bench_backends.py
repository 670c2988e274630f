"""Every vector backend on the same homes: nDCG@10 of the judged sets and query latency p50/p95;
then the lexical side alone, today's FTS5 (Danish Snowball stems) against Milvus's own BM25.

    python bench/bench_backends.py \
        --set dev ../shared/dev-eval/corpus ../shared/dev-eval/queries.tsv \
            ../shared/dev-eval/qrels.tsv \
        --set realdocs ../shared/real-docs bench/eval/realdocs-queries.tsv \
            bench/eval/realdocs-qrels.tsv \
        --set real ../shared/real-docs ../shared/dev-eval-real/queries.tsv \
            ../shared/dev-eval-real/qrels.tsv

Each set is ingested once into .innosearch/eval/NAME (reused, like bench/eval_variants.py).
Latency is the whole Searcher.search (embedding the query included), each query 3 times after
one warm-up pass, so every backend answers the same requests on the same home. Needs the extras
innosearch[milvus] for the Milvus rows; without them those rows are left out.
"""

import argparse
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from innosearch.config import Settings
from innosearch.embed.factory import load_embedder
from innosearch.index.store import Store
from innosearch.index.vectors.factory import BACKENDS
from innosearch.ingest.pipeline import Ingestor
from innosearch.search.evaluate import CUTOFF, evaluate, ndcg, read_qrels, read_queries
from innosearch.search.fusion import RankingConfig
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher
from innosearch.text.analysis import stems

REPEATS = 3
LEXICAL_CANDIDATES = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", nargs=4, action="append", required=True)
    parser.add_argument("--home-root", type=Path, default=Path(".innosearch/eval"))
    args = parser.parse_args()
    base = Settings()
    embedder = load_embedder(base)
    backends = [b for b in BACKENDS if b != "milvus" or importlib.util.find_spec("pymilvus")]
    quality, latency, lexical = [], [], []
    for name, corpus, queries_path, qrels_path in args.set:
        settings = base.model_copy(update={"home": args.home_root / name})
        report = Ingestor(settings, embedder).ingest([Path(corpus)], prune=True)
        if report.failed:
            print(f"{name}: {len(report.failed)} files failed to ingest", file=sys.stderr)
        qrels, queries = read_qrels(Path(qrels_path)), read_queries(Path(queries_path))
        judged = [q for q in queries if q.query_id in qrels]
        for backend in backends:
            searcher = Searcher(settings.model_copy(update={"vector_backend": backend}), embedder)
            started = time.perf_counter()
            searcher.corpus.current()  # the first open: build or sync the index
            opened = time.perf_counter() - started
            result = evaluate(searcher, queries, qrels)
            times = []
            for _ in range(REPEATS):
                for q in judged:
                    started = time.perf_counter()
                    searcher.search(SearchRequest(q.query, own_sector=q.own_sector))
                    times.append((time.perf_counter() - started) * 1000)
            p50, p95 = statistics.median(times), statistics.quantiles(times, n=20)[18]
            quality.append(f"| {name} | {backend} | {result.ndcg_at_10:.3f} | {result.mrr:.3f} |")
            latency.append(
                f"| {name} | {backend} | {len(times)} | {p50:.1f} | {p95:.1f} | {opened:.2f} |"
            )
        store = Store(settings.store_path)
        if importlib.util.find_spec("pymilvus"):
            lexical.extend(_lexical_rows(name, settings, store, judged, qrels))
        fts = Searcher(settings, embedder, ranking=RankingConfig(fusion="lexical"))
        today = evaluate(fts, queries, qrels).ndcg_at_10
        lexical.append(f"| {name} | FTS5, Snowball stems (today) | {today:.3f} |")
    print("| set | backend | nDCG@10 | MRR |\n|---|---|---|---|")
    print("\n".join(quality))
    print(
        "\n| set | backend | queries | p50 ms | p95 ms | first open s |\n|---|---|---|---|---|---|"
    )
    print("\n".join(latency))
    print("\n| set | lexical side alone | nDCG@10 |\n|---|---|---|")
    print("\n".join(lexical))


def _lexical_rows(name, settings, store, judged, qrels) -> list[str]:
    """Milvus BM25 over the passages as FTS5 indexes them (title, section, text), best passage
    per document; once with the engine's analyzer on the raw text, once on our Danish stems."""
    from pymilvus import DataType, Function, FunctionType, MilvusClient

    table = store.passage_table()
    chunks = store.chunks(table.chunk_ids.tolist())
    documents = store.documents(list(table.documents.ids))
    rows = []
    for analysed, analyse in (
        ("Milvus BM25, its standard analyzer", lambda text: text),
        ("Milvus BM25 over innosearch's Danish stems", lambda text: " ".join(stems(text))),
    ):
        client = MilvusClient(str(settings.home / "bm25.db"))
        collection = "stems" if "stems" in analysed else "raw"
        if client.has_collection(collection):
            client.drop_collection(collection)
        schema = MilvusClient.create_schema(auto_id=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("text", DataType.VARCHAR, max_length=65535, enable_analyzer=True)
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(
            Function(
                name="bm25",
                function_type=FunctionType.BM25,
                input_field_names=["text"],
                output_field_names=["sparse"],
            )
        )
        indexes = client.prepare_index_params()
        indexes.add_index(
            field_name="sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25"
        )
        client.create_collection(collection, schema=schema)
        client.create_index(collection, indexes, sync=False)
        passages = []
        for chunk_id, chunk in chunks.items():
            title = documents[chunk["document_id"]].title
            passages.append(
                {"id": chunk_id, "text": analyse(f"{title} {chunk['section']} {chunk['text']}")}
            )
        for start in range(0, len(passages), 1000):
            client.insert(collection, passages[start : start + 1000])
        client.load_collection(collection)

        def search(query: str, client=client, collection=collection, analyse=analyse) -> list[int]:
            return _bm25(client, collection, analyse(query))

        figure = _ndcg(search, table, documents, judged, qrels)
        rows.append(f"| {name} | {analysed} | {figure:.3f} |")
    return rows


def _bm25(client, collection: str, text: str) -> list[int]:
    hits = client.search(collection, data=[text], anns_field="sparse", limit=LEXICAL_CANDIDATES)
    return [int(hit["id"]) for hit in hits[0]]


def _ndcg(search: Callable[[str], list[int]], table, documents, judged, qrels) -> float:
    scores = []
    for q in judged:
        ranked: list[str] = []
        for chunk_id in search(q.query):
            source = documents[table.document_of(chunk_id)].source
            if source not in ranked:
                ranked.append(source)
        scores.append(ndcg(ranked[:CUTOFF], qrels[q.query_id]))
    return sum(scores) / len(scores)


if __name__ == "__main__":
    main()
