"""Benchmark end-to-end query latency on a home of ~10,000 chunks.

Requirement checked (the figures are printed, nothing is asserted): median query under 80 ms and
95th percentile under 200 ms on this 2-core machine for a corpus of 10,000 chunks.

Embedding 10,000 real passages would take ~20 minutes here, so the home is built synthetically
but realistically: a real source folder is ingested once with the real model, then its documents
are replicated through `Store.write` under new ids and sources, with each chunk's vector set to the
real vector plus a little gaussian noise (re-normalised) and the text lightly varied (another
place name, a sentence dropped), until the store holds at least --chunks chunks. A `Searcher` with
the real embedder then answers --queries different Danish challenge queries through
`Searcher.search(SearchRequest(q))`, the path the API uses (query embedding, FAISS, lexical FTS5,
fusion, facets, inspiration), after 3 warm-up queries. Also timed: the query embedding alone, a
sector-filtered search, and `Searcher.related`.

Reproduce from the repo root:

    python bench/bench_latency.py                            # data/, 10,000 chunks, 50 queries
    python bench/bench_latency.py --keep /tmp/lat10k         # build once, keep the home ...
    python bench/bench_latency.py --keep /tmp/lat10k         # ... and reuse it on the next run
    python bench/bench_latency.py --source ../shared/real-docs --chunks 20000
    python bench/bench_latency.py --keep /tmp/lat10k --topic-words-weight 0   # a ranking variant
    python bench/bench_latency.py --keep /tmp/lat10k --outline-weight 0   # the first stage alone
"""

import argparse
import cProfile
import pstats
import random
import re
import shutil
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

from innosearch.config import Settings
from innosearch.documents import DocumentRecord, StoredChunk
from innosearch.embed.base import Embedder
from innosearch.embed.factory import load_embedder
from innosearch.filters import Filters
from innosearch.index.store import Store
from innosearch.index.vectors.factory import open_vector_index
from innosearch.ingest.pipeline import Ingestor, document_id
from innosearch.search.fusion import RankingConfig
from innosearch.search.query import SearchRequest
from innosearch.search.searcher import Searcher

REPO = Path(__file__).resolve().parent.parent
SYNTHETIC = "synthetic/"  # source prefix of the replicated documents

QUERIES = [
    "Hvordan får vi ældre til at klare sig selv længere derhjemme?",
    "Hvad kan vi gøre ved, at mange ældre føler sig ensomme?",
    "Hvordan mindsker vi nedslidning blandt medarbejderne på plejehjem?",
    "Kan hjemmeplejen bruge mindre tid i bil mellem borgerne?",
    "Hvordan undgår vi, at ældre falder i eget hjem?",
    "Hvordan kan velfærdsteknologi frigøre tid i ældreplejen?",
    "Hvordan undgår vi genindlæggelser efter udskrivelse fra hospitalet?",
    "Hvordan får vi borgere med kronisk sygdom til at måle selv derhjemme?",
    "Hvordan kan vi korte ventetiden i psykiatrien for unge?",
    "Hvordan kan vi forebygge type 2-diabetes i udsatte boligområder?",
    "Hvordan kan sygeplejen følge patienter på video i stedet for besøg?",
    "Hvordan hjælper vi borgere med handicap til at få et job?",
    "Hvordan støtter vi hjemløse i at få en fast bolig?",
    "Hvordan kan bostederne undgå magtanvendelse over for beboerne?",
    "Hvordan får vi udsatte familier til at tage imod hjælp tidligt?",
    "Hvordan forebygger vi, at unge dropper ud af en ungdomsuddannelse?",
    "Hvad virker mod mistrivsel og angst blandt unge?",
    "Hvordan kan vi hjælpe anbragte børn til at få en uddannelse?",
    "Hvordan kan opsøgende medarbejdere nå unge, der hænger ud om aftenen?",
    "Hvordan øger vi elevernes trivsel i udskolingen?",
    "Hvordan får vi flere elever til at læse og skrive bedre?",
    "Hvordan kan undervisningen flyttes ud i naturen?",
    "Hvordan nedbringer vi fraværet i folkeskolen?",
    "Hvordan får vi tosprogede elever bedre med i undervisningen?",
    "Hvordan får vi langtidsledige i job hurtigere?",
    "Hvordan kan jobcentret bruge virksomhedspraktik bedre?",
    "Hvordan hjælper vi sygemeldte tilbage på arbejde?",
    "Hvordan får vi unge uden uddannelse i gang med en uddannelse eller et job?",
    "Hvordan undgår vi oversvømmede kældre ved skybrud?",
    "Hvordan kan vi reducere madspild i de kommunale køkkener?",
    "Hvordan nedbringer vi kommunens CO2-udledning fra egne biler?",
    "Hvordan får vi borgerne til at sortere mere affald?",
    "Hvordan kan vi beskytte drikkevandet mod pesticider?",
    "Hvordan får vi flere til at cykle til arbejde?",
    "Hvordan sænker vi farten på vejene ved skolerne?",
    "Hvordan kan vi planlægge vedligeholdelse af veje med data?",
    "Hvordan kan den kollektive trafik i landdistrikterne blive bedre?",
    "Hvordan får vi flere ældre til at dyrke motion i foreningslivet?",
    "Hvordan kan biblioteket blive et samlingssted for hele lokalsamfundet?",
    "Hvordan kan kultur bruges til at mindske stress og ensomhed?",
    "Hvordan kan vi nedbringe sagsbehandlingstiden i byggesager?",
    "Hvordan kan en chatbot aflaste borgerservice?",
    "Hvordan kan vi automatisere fakturabehandling med softwarerobotter?",
    "Hvordan skriver vi breve, som borgerne forstår?",
    "Hvordan kan kunstig intelligens hjælpe med journalisering?",
    "Hvordan rekrutterer vi medarbejdere, når der er mangel på ansøgere?",
    "Hvordan kan droner hjælpe beredskabet med at finde forsvundne personer?",
    "Hvordan forebygger vi brande i boliger hos ældre?",
    "Hvordan kan politiet og kommunen samarbejde mod utryghed i boligområder?",
    "Hvad gik galt, da andre kommuner indførte ny velfærdsteknologi?",
]

PLACES = [
    "Søhøj",
    "Fjordvig",
    "Bakkeby",
    "Birkemose",
    "Lyngå",
    "Egeskov",
    "Havnsø",
    "Skovlund",
    "Vesterå",
    "Nørrebæk",
    "Kildevang",
    "Mølleby",
    "Strandholm",
    "Engvad",
    "Rødby Vest",
    "Højmark",
]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _vary_text(text: str, org: str | None, place: str, rng: random.Random) -> str:
    """The same passage, lightly changed: another organisation name, maybe one sentence less."""
    if org and len(org) > 3:
        text = text.replace(org, f"{place} Kommune")
    sentences = _SENTENCE_END.split(text)
    if len(sentences) > 3 and rng.random() < 0.6:
        del sentences[rng.randrange(len(sentences))]
        text = " ".join(sentences)
    return text


def _replicate(store: Store, dim: int, target: int, noise: float, seed: int) -> float:
    """Add varied copies of the real (non-synthetic) documents until `target` chunks are stored."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    base = [d for d in store.all_documents() if not d.source.startswith(SYNTHETIC)]
    chunks_of = {d.id: store.chunks_of(d.id) for d in base}
    vectors_of = {
        d.id: store.chunk_vectors([c["id"] for c in chunks_of[d.id]], dim)
        for d in base
        if chunks_of[d.id]
    }
    base = [d for d in base if d.id in vectors_of]
    if not base:
        raise SystemExit("the source folder gave no chunks to replicate")
    have = store.stats()["chunks"]
    copy = 1 + sum(1 for s in store.sources() if s.startswith(SYNTHETIC))
    start = time.perf_counter()
    batch: list[DocumentRecord] = []
    while have < target:
        doc = base[copy % len(base)]
        place = rng.choice(PLACES)
        source = f"{SYNTHETIC}{copy:06d}/{doc.source}"
        title = f"{doc.title} ({place})"
        noisy = vectors_of[doc.id] + nrng.normal(0.0, noise, vectors_of[doc.id].shape)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        noisy = noisy.astype(np.float32)
        chunks = []
        for chunk, vector in zip(chunks_of[doc.id], noisy, strict=True):
            text = _vary_text(chunk["text"], doc.organisation, place, rng)
            chunks.append(
                StoredChunk(
                    text=text,
                    section=chunk["section"],
                    page=chunk["page"],
                    embed_text=text,
                    vector=vector.tobytes(),
                )
            )
        batch.append(
            replace(
                doc,
                id=document_id(source),
                source=source,
                title=title,
                text=_vary_text(doc.text, doc.organisation, place, rng),
                organisation=f"{place} Kommune" if doc.organisation else None,
                place=place,
                year=(doc.year + rng.randint(-3, 1)) if doc.year else None,
                chunks=chunks,
            )
        )
        have += len(chunks)
        copy += 1
        if len(batch) >= 200:
            store.write(batch)
            batch = []
    if batch:
        store.write(batch)
    return time.perf_counter() - start


def _build_home(
    settings: Settings, embedder: Embedder, sources: list[Path], args: argparse.Namespace
) -> None:
    store = Store(settings.store_path)
    try:
        if not any(not s.startswith(SYNTHETIC) for s in store.sources()):
            t0 = time.perf_counter()
            report = Ingestor(settings, embedder, store).ingest(sources)
            stats = store.stats()
            print(
                f"ingested {', '.join(map(str, sources))} with the real model: "
                f"{stats['documents']} documents, {stats['chunks']} chunks, "
                f"{len(report.failed)} failures, {time.perf_counter() - t0:.1f} s"
            )
            for source, message in report.failed:
                print(f"  failed: {source}: {message}")
        if store.stats()["chunks"] < args.chunks:
            seconds = _replicate(store, embedder.dim, args.chunks, args.noise, args.seed)
            print(f"replicated to {store.stats()['chunks']} chunks in {seconds:.1f} s")
        # The copies (and a home kept from before outlines were stored) get each document's
        # outline as an ingest gives it, so the search's second stage runs as in production.
        t0 = time.perf_counter()
        Ingestor(settings, embedder, store).ingest([])
        print(f"document outlines filled in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        open_vector_index(settings, store, embedder.dim, store.passage_table())
        print(f"vector index opened/built in {time.perf_counter() - t0:.2f} s")
    finally:
        store.close()


def _summary(name: str, times_ms: list[float]) -> str:
    median = statistics.median(times_ms)
    p95 = float(np.percentile(times_ms, 95))
    return (
        f"{name:<42} n={len(times_ms):<3} median {median:7.1f} ms   p95 {p95:7.1f} ms   "
        f"max {max(times_ms):7.1f} ms"
    )


def _time_each(calls) -> list[float]:
    out = []
    for call in calls:
        t0 = time.perf_counter()
        call()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chunks", type=int, default=10_000, help="chunks in the home (≥)")
    parser.add_argument("--queries", type=int, default=50, help=f"≤ {len(QUERIES)} queries")
    parser.add_argument(
        "--source",
        type=Path,
        action="append",
        help="real folder(s) to ingest and replicate (default: data/; repeatable)",
    )
    parser.add_argument(
        "--keep", type=Path, help="build the home here, or reuse it if it is already built"
    )
    parser.add_argument("--noise", type=float, default=0.015, help="gaussian σ per dimension")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--related", type=int, default=20, help="documents to time related() on")
    parser.add_argument(
        "--torch-threads",
        type=int,
        help="call torch.set_num_threads(N) after loading the model (default: torch's choice)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="also profile the query loop (cProfile top 20)"
    )
    parser.add_argument(
        "--topic-words-weight",
        type=float,
        help="share of the content words in the query vector (0 = the question alone)",
    )
    parser.add_argument(
        "--outline-weight",
        type=float,
        help="a ranking variant: the second stage's weight (0: the first stage alone)",
    )
    args = parser.parse_args()
    queries = QUERIES[: max(1, min(args.queries, len(QUERIES)))]
    sources = args.source or [REPO / "data"]

    home = args.keep or Path(tempfile.mkdtemp(prefix="innosearch-bench-latency-"))
    try:
        settings = Settings(home=home)
        t0 = time.perf_counter()
        embedder = load_embedder(settings)
        print(
            f"model: {embedder.model_id} (dim {embedder.dim}), loaded in "
            f"{time.perf_counter() - t0:.1f} s"
        )
        import torch

        if args.torch_threads:
            torch.set_num_threads(args.torch_threads)
        print(f"torch intra-op threads: {torch.get_num_threads()}")
        _build_home(settings, embedder, sources, args)

        t0 = time.perf_counter()
        ranking = RankingConfig()
        if args.topic_words_weight is not None:
            ranking = replace(ranking, topic_words_weight=args.topic_words_weight)
        if args.outline_weight is not None:
            ranking = replace(ranking, outline_weight=args.outline_weight)
        searcher = Searcher(settings, embedder, ranking=ranking)
        stats = searcher.stats()  # opens the index and the in-memory maps
        open_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        searcher.store.document_vectors()  # what the first inspiration/related pays
        doc_vectors_ms = (time.perf_counter() - t0) * 1000
        print(f"\nhome: {home}")
        print(
            f"chunks: {stats['chunks']}  documents: {stats['documents']}  "
            f"index type: {stats['index_type']}"
        )
        print(
            f"searcher open (index + maps): {open_ms:.0f} ms; doc vectors: {doc_vectors_ms:.0f} ms"
        )

        warm = ["Hvordan kommer vi i gang?", "ensomhed", "Hvordan sparer vi tid på administration?"]
        first = _time_each([lambda q=q: searcher.search(SearchRequest(q)) for q in warm])
        print(f"warm-up queries (ms): {', '.join(f'{t:.0f}' for t in first)}")

        profile = cProfile.Profile() if args.profile else None
        if profile:
            profile.enable()
        results = []
        search_ms = []
        for q in queries:
            t0 = time.perf_counter()
            results.append(searcher.search(SearchRequest(q)))
            search_ms.append((time.perf_counter() - t0) * 1000)
        if profile:
            profile.disable()
        embed_ms = _time_each([lambda q=q: embedder.embed_queries([q]) for q in queries])

        facets = searcher.store.document_facets()
        sectors = Counter(d["sector"] for d in facets.values() if d["sector"])
        sector = sectors.most_common(1)[0][0]
        filtered_ms = _time_each(
            [
                lambda q=q: searcher.search(SearchRequest(q, filters=Filters(sector=[sector])))
                for q in queries
            ]
        )
        rng = random.Random(args.seed)
        doc_ids = rng.sample(sorted(facets), min(args.related, stats["documents"]))
        related_ms = _time_each([lambda d=d: searcher.related(d) for d in doc_ids])
        related_other_ms = _time_each(
            [lambda d=d: searcher.related(d, other_sectors=True) for d in doc_ids]
        )

        print("\n== latency (end to end through Searcher) ==")
        print(_summary("search", search_ms))
        print(_summary("  of which query embedding alone", embed_ms))
        share = sectors[sector] / sum(sectors.values())
        print(_summary(f"search, sector={sector} ({share:.0%} docs)", filtered_ms))
        print(_summary("related(doc)", related_ms))
        print(_summary("related(doc, other_sectors=True)", related_other_ms))
        median = statistics.median(search_ms)
        p95 = float(np.percentile(search_ms, 95))
        print(
            f"\nrequirement (median < 80 ms, p95 < 200 ms at 10,000 chunks): "
            f"median {median:.1f} ms -> {'met' if median < 80 else 'NOT met'}, "
            f"p95 {p95:.1f} ms -> {'met' if p95 < 200 else 'NOT met'}"
        )
        totals = [r.total for r in results]
        inspiration = sum(1 for r in results if r.inspiration)
        print(
            f"results per query: median total {statistics.median(totals):.0f}, "
            f"{inspiration}/{len(results)} queries with inspiration"
        )
        if profile:
            print("\n== profile of the query loop (cumulative) ==")
            pstats.Stats(profile).sort_stats("cumulative").print_stats(20)
        searcher.store.close()
    finally:
        if args.keep is None:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
