"""Experiment: adapt the embedding model to an ingested corpus without labels, then measure it.

    python bench/adapt_model.py --train .innosearch/eval/real \
        --set dev .innosearch/eval/dev ../shared/dev-eval/queries.tsv ../shared/dev-eval/qrels.tsv \
        --set real .innosearch/eval/real ../shared/dev-eval-real/queries.tsv \
            ../shared/dev-eval-real/qrels.tsv \
        --set challenges .innosearch/eval/real bench/challenges/queries.tsv \
            bench/challenges/qrels.tsv [--epochs 1] [--pairs 400]

Training pairs come from the structure of the documents in the --train home (nothing judged):
a document's problem statement (its Udfordring/Baggrund/Formål passages, else its first) as the
"query" side, each of its other passages (solution, effect, lessons) as the positive, and the
other documents' passages in the batch as negatives (multiple-negatives ranking loss, the loss
sentence-transformers uses for such pairs). A specific heading (three words or more) is paired
with its own text too. The homes are the ones `bench/eval_variants.py` ingests. Both the
bundled model and the adapted one then embed every stored passage of each --set home and its
questions, and rank documents dense-only with the default aggregation (mean of the best passage
and the best three); per set the script prints nDCG@10 with bootstrap intervals and the paired
difference. The dev corpus is never trained on: it tests whether the adaptation generalises.

Runs on the CPU; the adapted model goes to --out (git-ignored under .innosearch/), never into a
home: the product keeps the bundled model (issue 10 measures here, it does not ship a model).
"""

import argparse
import os
import random
import time
from pathlib import Path

import numpy as np

from innosearch.config import Settings
from innosearch.embed.e5_weights import ensure_default_model
from innosearch.index.store import Store
from innosearch.ingest.chunk import embed_text
from innosearch.search.evaluate import bootstrap_interval, ndcg, read_qrels, read_queries
from innosearch.text.headings import is_problem_section

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def passages_of(home: Path) -> list[tuple[str, str, str, str]]:
    """(document id, source, section, embedded text) of every stored passage of a home."""
    store = Store(Settings(home=home).store_path)
    rows = []
    for document in store.all_documents():
        for chunk in store.chunks_of(document.id):
            text = embed_text(document.title, chunk["section"], chunk["text"])
            rows.append((document.id, document.source, chunk["section"], text))
    return rows


def structure_pairs(home: Path, limit: int, seed: int) -> list[tuple[str, str]]:
    """(anchor, positive) pairs from the documents' own structure, at most `limit`."""
    by_document: dict[str, list[tuple[str, str]]] = {}
    store = Store(Settings(home=home).store_path)
    for document in store.all_documents():
        chunks = store.chunks_of(document.id)
        problem = [c for c in chunks if is_problem_section(c["section"])] or chunks[:1]
        others = [c for c in chunks if c not in problem]
        pairs = by_document.setdefault(document.id, [])
        for anchor in problem:
            words = anchor["text"].split()[:80]  # a problem told briefly, as a question is
            for positive in others:
                pairs.append(
                    (
                        " ".join(words),
                        embed_text(document.title, positive["section"], positive["text"]),
                    )
                )
        for chunk in chunks:
            # A generic heading ("Effekt", "Baggrund") heads many documents' passages: as an
            # anchor it would make every other such passage in the batch a false negative.
            if len(chunk["section"].split()) >= 3:
                pairs.append((chunk["section"], chunk["text"]))
    rng = random.Random(seed)
    # Round robin over documents, so that a long report does not fill the budget alone.
    for pairs in by_document.values():
        rng.shuffle(pairs)
    chosen: list[tuple[str, str]] = []
    queues = list(by_document.values())
    while len(chosen) < limit and any(queues):
        for queue in queues:
            if queue and len(chosen) < limit:
                chosen.append(queue.pop())
    rng.shuffle(chosen)
    return chosen


def train(model_path: str, pairs: list[tuple[str, str]], args: argparse.Namespace):
    """The model fine-tuned on the pairs with in-batch negatives; returns it."""
    import torch
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(args.seed)
    model = SentenceTransformer(model_path, device="cpu", local_files_only=True)
    model.max_seq_length = args.max_tokens
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.learning_rate)
    model.train()
    steps = 0
    started = time.perf_counter()
    for _ in range(args.epochs):
        for start in range(0, len(pairs), args.batch):
            batch = pairs[start : start + args.batch]
            if len(batch) < 2:
                continue
            anchors = model.tokenize(["query: " + a for a, _ in batch])
            positives = model.tokenize(["passage: " + p for _, p in batch])
            a = torch.nn.functional.normalize(model(anchors)["sentence_embedding"], dim=-1)
            p = torch.nn.functional.normalize(model(positives)["sentence_embedding"], dim=-1)
            logits = a @ p.T * args.scale
            loss = torch.nn.functional.cross_entropy(logits, torch.arange(len(batch)))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            steps += 1
            elapsed = time.perf_counter() - started
            print(f"step {steps}: loss {loss.item():.3f} ({elapsed:.0f} s)", flush=True)
    model.eval()
    return model


def encode(model, texts: list[str], prefix: str) -> np.ndarray:
    return model.encode(
        [prefix + t for t in texts],
        batch_size=16,
        normalize_embeddings=True,
        show_progress_bar=False,
    )


def ranked_ndcgs(
    model, home: Path, queries: Path, qrels: Path, embedded: dict[Path, tuple[list, np.ndarray]]
) -> list[float]:
    """Per question nDCG@10, dense only, the default's aggregation over passages."""
    if home not in embedded:  # sets over one corpus share its passages' vectors
        rows = passages_of(home)
        embedded[home] = (rows, encode(model, [r[3] for r in rows], "passage: "))
    rows, passage_vectors = embedded[home]
    asked = read_queries(queries)
    judged = read_qrels(qrels)
    query_vectors = encode(model, [q.query for q in asked], "query: ")
    source_of = {r[0]: r[1] for r in rows}
    values = []
    for question, vector in zip(asked, query_vectors, strict=True):
        scores = passage_vectors @ vector
        per_document: dict[str, list[float]] = {}
        for (doc_id, *_), score in zip(rows, scores.tolist(), strict=True):
            per_document.setdefault(doc_id, []).append(score)
        aggregated = {}
        for doc_id, found in per_document.items():
            top = sorted(found, reverse=True)[:3]
            aggregated[doc_id] = (top[0] + sum(top) / len(top)) / 2
        order = sorted(aggregated, key=lambda d: -aggregated[d])
        values.append(ndcg([source_of[d] for d in order], judged.get(question.query_id, {})))
    return values


def measure(model, sets: list[list[str]]) -> dict[str, list[float]]:
    embedded: dict[Path, tuple[list, np.ndarray]] = {}
    return {
        name: ranked_ndcgs(model, Path(h), Path(q), Path(r), embedded) for name, h, q, r in sets
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", type=Path, required=True, help="the home trained on")
    parser.add_argument(
        "--set",
        nargs=4,
        action="append",
        required=True,
        metavar=("NAME", "HOME", "QUERIES", "QRELS"),
    )
    parser.add_argument("--pairs", type=int, default=400)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--max-tokens", type=int, default=128)
    parser.add_argument("--learning-rate", type=float, default=2e-5)
    parser.add_argument("--scale", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1, help="torch threads")
    parser.add_argument("--out", type=Path, default=Path(".innosearch/adapted-e5"))
    args = parser.parse_args()

    import torch
    from sentence_transformers import SentenceTransformer

    model_path = str(ensure_default_model(Settings().cache_dir))
    pairs = structure_pairs(args.train, args.pairs, args.seed)
    print(f"{len(pairs)} pairs from {args.train}", flush=True)
    base = SentenceTransformer(model_path, device="cpu", local_files_only=True)
    torch.set_num_threads(args.threads)
    before = measure(base, args.set)
    adapted = train(model_path, pairs, args)
    adapted.save(str(args.out))
    with torch.no_grad():
        after = measure(adapted, args.set)
    print("| set | bundled nDCG@10 [95% CI] | adapted nDCG@10 [95% CI] | difference [95% CI] |")
    print("|---|---|---|---|")
    for name, *_ in args.set:
        cells = [name]
        for values in (before[name], after[name]):
            low, high = bootstrap_interval([values])
            cells.append(f"{np.mean(values):.3f} [{low:.2f}, {high:.2f}]")
        difference = [a - b for a, b in zip(after[name], before[name], strict=True)]
        low, high = bootstrap_interval([difference])
        cells.append(f"{np.mean(difference):+.3f} [{low:+.3f}, {high:+.3f}]")
        print("| " + " | ".join(cells) + " |")
    for label, results in (("bundled", before), ("adapted", after)):
        names = [n for n in results if n != "realdocs"]
        mean = np.mean([np.mean(results[n]) for n in names])
        print(f"mean over {', '.join(names)} ({label}): {mean:.3f}")


if __name__ == "__main__":
    main()
