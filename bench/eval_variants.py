"""Evaluate ranking variants on one or more judged sets; prints a Markdown table.

    python bench/eval_variants.py --set dev ../shared/dev-eval/corpus \
        ../shared/dev-eval/queries.tsv ../shared/dev-eval/qrels.tsv [--variant NAME ...]

Each corpus is ingested once into its own home under .innosearch/eval/ (reused on later runs,
since unchanged files are skipped; sets over the same corpus share it); every variant then runs
the same queries through the Searcher, exactly as `innosearch eval` does, with only the
RankingConfig changed. Defaults are chosen by the mean nDCG@10 over the --set sets, each with a
bootstrap confidence interval over its queries; --also sets are shown but don't decide.
"""

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from innosearch.config import Settings
from innosearch.embed.factory import load_embedder
from innosearch.ingest.pipeline import Ingestor
from innosearch.search.evaluate import (
    EvalReport,
    bootstrap_interval,
    evaluate,
    read_qrels,
    read_queries,
)
from innosearch.search.fusion import RankingConfig
from innosearch.search.searcher import Searcher

DEFAULT = RankingConfig()
# The default before its second stage (the outline, search/outline.py): the first stage alone.
FIRST_STAGE = replace(DEFAULT, outline_weight=0.0)
# The default until issue 10: best passage only, the same lexical weight for every query length.
BEFORE = replace(
    FIRST_STAGE,
    lexical_weight=0.06,
    top_passages_weight=0.0,
    lexical_full_terms=0,
    topic_words_weight=0.0,
)
DENSE = replace(BEFORE, fusion="dense", feedback_weight=0.0)
NO_FEEDBACK = replace(BEFORE, feedback_weight=0.0)
VARIANTS: dict[str, RankingConfig] = {
    "default": DEFAULT,
    "first stage alone (the default before the outline's second stage)": FIRST_STAGE,
    **{
        f"default with the outline's weight {w}": replace(DEFAULT, outline_weight=w)
        for w in (0.1, 0.5)
    },
    "default with the outline over every candidate, not the first 30": replace(
        DEFAULT, outline_candidates=0
    ),
    "default before issue 10 (best passage; lexical weight for every query length)": BEFORE,
    "first stage before 2026-12-07 (the question's vector alone)": replace(
        FIRST_STAGE, topic_words_weight=0.0
    ),
    **{
        f"default with pseudo-relevance feedback {w} from top {n}": replace(
            DEFAULT, feedback_weight=w, feedback_documents=n
        )
        for w, n in ((0.0, 2), (0.6, 2), (0.3, 4))
    },
    "default without the lexical scaling for long questions": replace(
        DEFAULT, lexical_full_terms=0
    ),
    "dense only (best passage)": DENSE,
    "dense only + pseudo-relevance feedback 0.3 from top 2": replace(DENSE, feedback_weight=0.3),
    "lexical only (BM25, Danish stems)": replace(BEFORE, fusion="lexical"),
    "previous default without pseudo-relevance feedback": NO_FEEDBACK,
    **{
        f"RRF k=60, lexical weight {w}": replace(
            BEFORE, fusion="rrf", lexical_weight=w, feedback_weight=0.0
        )
        for w in (0.3, 1.0)
    },
    **{
        f"score fusion, lexical {w} x BM25/best BM25 of the query": replace(
            BEFORE, fusion="score", lexical_weight=w, lexical_saturation=0.0, feedback_weight=0.0
        )
        for w in (0.02, 0.04, 0.08)
    },
    **{
        f"score fusion, lexical {w} x min(1, BM25/{t:g})": replace(
            BEFORE, fusion="score", lexical_weight=w, lexical_saturation=t, feedback_weight=0.0
        )
        for w in (0.04, 0.06, 0.08)
        for t in (10.0, 15.0, 20.0)
    },
    **{
        f"previous default + next 2 passages bonus {w} (window 0.05)": replace(
            BEFORE, extra_passage_weight=w
        )
        for w in (0.5, 1.0)
    },
    **{
        f"previous default + {w} x document (mean passage) cosine": replace(
            BEFORE, document_weight=w
        )
        for w in (0.3, 0.6)
    },
    **{
        f"default + {w} x document (mean passage) cosine": replace(DEFAULT, document_weight=w)
        for w in (0.05, 0.1)
    },
    **{
        f"default, query vector {w} x its content words alone": replace(
            DEFAULT, topic_words_weight=w
        )
        for w in (0.2, 0.3)
    },
    **{
        f"score fusion 0.06 x min(1, BM25/20) + pseudo-relevance feedback {w} from top {n}": (
            replace(BEFORE, feedback_weight=w, feedback_documents=n)
        )
        for w in (0.3, 0.6)
        for n in (2, 4)
    },
    **{
        f"previous default + {w} x mean of the best {n} passages": replace(
            BEFORE, top_passages_weight=w, top_passages=n
        )
        for w in (0.3, 0.6, 1.0)
        for n in (3,)
    },
    **{
        f"lexical {lw} x min(1, BM25/20) + 0.6 x mean of the best 3 passages": (
            replace(BEFORE, lexical_weight=lw, top_passages_weight=0.6)
        )
        for lw in (0.0, 0.03)
    },
    "dense only + 0.6 x mean of the best 3 passages": replace(DENSE, top_passages_weight=0.6),
    **{
        f"lexical scaled by {t}/stems beyond {t} + {w} x mean of the best {n} passages": (
            replace(BEFORE, lexical_full_terms=t, top_passages_weight=w, top_passages=n)
        )
        for t in (4, 8)
        for w in (0.6, 1.0)
        for n in (3, 5)
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
        help="a judged set; the mean over these sets decides",
    )
    parser.add_argument(
        "--also",
        nargs=4,
        action="append",
        default=[],
        metavar=("NAME", "CORPUS", "QUERIES", "QRELS"),
        help="a judged set reported beside the others but left out of the mean",
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
    if "default" not in names:
        names.insert(0, "default")  # every difference is against the default
    low, high = CHUNKINGS[args.chunking]
    judged_sets = [(spec, True) for spec in args.set] + [(spec, False) for spec in args.also]
    homes: dict[Path, Path] = {}  # sets over the same corpus share one home
    results: dict[str, dict[str, EvalReport]] = {name: {} for name in names}
    for (set_name, corpus, queries, qrels), _ in judged_sets:
        key = Path(corpus).resolve()
        if key not in homes:
            suffix = "" if (low, high) == (120, 250) else f"-{low}-{high}"
            homes[key] = args.home_root / f"{set_name}{suffix}"
        settings = base.model_copy(
            update={"home": homes[key], "chunk_min_words": low, "chunk_max_words": high}
        )
        report = Ingestor(settings, embedder).ingest([Path(corpus)], prune=True)
        if report.failed:
            print(f"{set_name}: {len(report.failed)} files failed to ingest", file=sys.stderr)
        judged = read_qrels(Path(qrels))
        asked = read_queries(Path(queries))
        for variant in names:
            searcher = Searcher(settings, embedder, ranking=VARIANTS[variant])
            results[variant][set_name] = evaluate(searcher, asked, judged)
            print(f"{set_name}: {variant}", file=sys.stderr, flush=True)
    deciding = [spec[0] for spec, decides in judged_sets if decides]
    print_table(results, [spec[0] for spec, _ in judged_sets], deciding, args.chunking)


def _ndcgs(report: EvalReport) -> list[float]:
    return [row["ndcg@10"] for row in report.per_query]


def print_table(
    results: dict[str, dict[str, EvalReport]],
    set_names: list[str],
    deciding: list[str],
    chunking: str,
) -> None:
    """One row per variant: nDCG@10 [95 % CI] / R@10 / MRR per set, then the mean that decides.

    The last column is the paired bootstrap interval of the variant's mean minus the default's:
    an interval that holds 0 is a change within noise.
    """
    header = ["variant", "chunks"]
    for name in set_names:
        header += [f"{name} nDCG@10 [95% CI]", f"{name} R@10", f"{name} MRR"]
    header += ["mean nDCG@10 [95% CI]", "vs default [95% CI]"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    default = results["default"]
    for variant, per_set in results.items():
        cells = [variant, chunking]
        for name in set_names:
            r = per_set[name]
            low, high = bootstrap_interval([_ndcgs(r)])
            cells += [f"{r.ndcg_at_10:.3f} [{low:.2f}, {high:.2f}]", f"{r.recall_at_10:.3f}"]
            cells.append(f"{r.mrr:.3f}")
        mean = sum(per_set[n].ndcg_at_10 for n in deciding) / len(deciding)
        low, high = bootstrap_interval([_ndcgs(per_set[n]) for n in deciding])
        cells.append(f"**{mean:.3f}** [{low:.2f}, {high:.2f}]")
        differences = [
            [a - b for a, b in zip(_ndcgs(per_set[n]), _ndcgs(default[n]), strict=True)]
            for n in deciding
        ]
        delta = mean - sum(default[n].ndcg_at_10 for n in deciding) / len(deciding)
        low, high = bootstrap_interval(differences)
        verdict = "" if variant == "default" else (" noise" if low <= 0 <= high else "")
        cells.append(f"{delta:+.3f} [{low:+.3f}, {high:+.3f}]{verdict}")
        print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
