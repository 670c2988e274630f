"""Evaluate ranking variants on one or more judged sets; prints a Markdown table.

    python bench/eval_variants.py --set dev ../shared/dev-eval/corpus \
        ../shared/dev-eval/queries.tsv ../shared/dev-eval/qrels.tsv [--variant NAME ...]

Each set's corpus is ingested once into its own home under .innosearch/eval/ (reused on later
runs, since unchanged files are skipped); every variant then runs the same queries through the
Searcher, exactly as `innosearch eval` does, with only the RankingConfig changed.
"""

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from innosearch.config import Settings
from innosearch.embed.factory import load_embedder
from innosearch.ingest.pipeline import Ingestor
from innosearch.search.evaluate import evaluate, read_qrels, read_queries
from innosearch.search.fusion import RankingConfig
from innosearch.search.searcher import Searcher

DEFAULT = RankingConfig()
DENSE = RankingConfig(fusion="dense", feedback_weight=0.0)
NO_FEEDBACK = replace(DEFAULT, feedback_weight=0.0)
VARIANTS: dict[str, RankingConfig] = {
    "default": DEFAULT,
    "dense only (best passage)": DENSE,
    "dense only + pseudo-relevance feedback 0.3 from top 2": replace(DENSE, feedback_weight=0.3),
    "lexical only (BM25, Danish stems)": RankingConfig(fusion="lexical"),
    "default without pseudo-relevance feedback": NO_FEEDBACK,
    **{
        f"RRF k=60, lexical weight {w}": RankingConfig(
            fusion="rrf", lexical_weight=w, feedback_weight=0.0
        )
        for w in (0.3, 1.0)
    },
    **{
        f"score fusion, lexical {w} x BM25/best BM25 of the query": RankingConfig(
            fusion="score", lexical_weight=w, lexical_saturation=0.0, feedback_weight=0.0
        )
        for w in (0.02, 0.04, 0.08)
    },
    **{
        f"score fusion, lexical {w} x min(1, BM25/{t:g})": RankingConfig(
            fusion="score", lexical_weight=w, lexical_saturation=t, feedback_weight=0.0
        )
        for w in (0.04, 0.06, 0.08)
        for t in (10.0, 15.0, 20.0)
    },
    **{
        f"default + next 2 passages bonus {w} (window 0.05)": replace(
            DEFAULT, extra_passage_weight=w
        )
        for w in (0.5, 1.0)
    },
    **{
        f"default + {w} x document (mean passage) cosine": replace(DEFAULT, document_weight=w)
        for w in (0.3, 0.6)
    },
    **{
        f"score fusion 0.06 x min(1, BM25/20) + pseudo-relevance feedback {w} from top {n}": (
            replace(DEFAULT, feedback_weight=w, feedback_documents=n)
        )
        for w in (0.3, 0.6)
        for n in (2, 4)
    },
}


# Chunk sizes (min, max words); each needs its own ingest, so they have their own homes.
CHUNKINGS: dict[str, tuple[int, int]] = {
    "120-250 words": (120, 250),
    "60-120 words": (60, 120),
    "200-350 words": (200, 350),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--set",
        nargs=4,
        action="append",
        metavar=("NAME", "CORPUS", "QUERIES", "QRELS"),
        required=True,
    )
    parser.add_argument("--variant", action="append", help="only these variants (by name)")
    parser.add_argument("--match", help="only variants whose name contains this text")
    parser.add_argument(
        "--chunking", choices=list(CHUNKINGS), default="120-250 words", help="chunk sizes"
    )
    parser.add_argument("--home-root", type=Path, default=Path(".innosearch/eval"))
    args = parser.parse_args()

    base = Settings()
    embedder = load_embedder(base)
    names = args.variant or [n for n in VARIANTS if not args.match or args.match in n]
    low, high = CHUNKINGS[args.chunking]
    print("| variant | chunks | set | nDCG@10 | Recall@10 | Recall@5 | MRR |")
    print("|---|---|---|---|---|---|---|")
    for name, corpus, queries, qrels in args.set:
        suffix = "" if (low, high) == (120, 250) else f"-{low}-{high}"
        settings = base.model_copy(
            update={
                "home": args.home_root / f"{name}{suffix}",
                "chunk_min_words": low,
                "chunk_max_words": high,
            }
        )
        report = Ingestor(settings, embedder).ingest([Path(corpus)], prune=True)
        if report.failed:
            print(f"{name}: {len(report.failed)} files failed to ingest", file=sys.stderr)
        judged = read_qrels(Path(qrels))
        asked = read_queries(Path(queries))
        for variant in names:
            searcher = Searcher(settings, embedder, ranking=VARIANTS[variant])
            r = evaluate(searcher, asked, judged)
            print(
                f"| {variant} | {args.chunking} | {name} | {r.ndcg_at_10:.3f} "
                f"| {r.recall_at_10:.3f} | {r.recall_at_5:.3f} | {r.mrr:.3f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
