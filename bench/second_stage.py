"""Experiment: a second-stage scorer over the first stage's top 30 documents.

    python bench/second_stage.py \
        --set dev .innosearch/eval/dev ../shared/dev-eval/queries.tsv ../shared/dev-eval/qrels.tsv \
        --set real .innosearch/eval/real ../shared/dev-eval-real/queries.tsv \
            ../shared/dev-eval-real/qrels.tsv \
        --set challenges .innosearch/eval/real bench/challenges/queries.tsv \
            bench/challenges/qrels.tsv \
        --also realdocs .innosearch/eval/real bench/eval/realdocs-queries.tsv \
            bench/eval/realdocs-qrels.tsv

The homes are the ones `bench/eval_variants.py` ingests. For every question the first stage
(`retrieve`, duplicates collapsed: the default without its own second stage, the outline of
search/outline.py, so the row "+ 0.3 x outline as question" is what the product does) gives its
top 30 documents; each is rescored as the first stage's score plus a weight times one feature,
and the new top 10 is judged. The row "default" is the first stage alone. Features: the
cosine between the question and the document's mean passage vector, its problem statement
(inspiration's problem vector), its title, its outline (the title and the headings it names
beyond the case template's), its best sentence and its best three sentences
(sentence max-sim: every sentence of the home embedded here, which the product does not store),
and document-level BM25 over Danish stems, with and without compounds split into parts that the
corpus uses as words ("hjemmepleje" -> "hjemmepleje", "hjemme", "pleje"). Prints the same table
as `bench/eval_variants.py` (bootstrap intervals, paired difference against the default); the
weights are a fixed coarse grid, not fitted.
"""

import argparse
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.eval_variants import print_table
from innosearch.config import Settings
from innosearch.embed.factory import load_embedder
from innosearch.search.evaluate import (
    CUTOFF,
    EvalReport,
    ndcg,
    read_qrels,
    read_queries,
    recall,
    reciprocal_rank,
)
from innosearch.search.query import normalise_query
from innosearch.search.rank import collapse_duplicates
from innosearch.search.retrieve import retrieve
from innosearch.search.searcher import Searcher
from innosearch.text.analysis import stems, tokens
from innosearch.text.headings import is_problem_section, outline_text
from innosearch.text.sentences import split_sentences

CANDIDATES = 30
# A question that asks for measured effect, in the phrasings Danish askers use (not product code:
# the rescoring it drives did not win).
ASKS_EFFECT = re.compile(
    r"målt|måling|målbar|dokumenter|evidens|effekt|resultat|tal på|betale sig|gevinst|spar|"
    r"kom der ud af|virker det|har det virket|regnet på|gjort op",
    re.IGNORECASE,
)
# A word is split only into parts the corpus uses at least this often, each of 4+ letters.
PART_MIN_COUNT = 2
PART_MIN_LETTERS = 4
LINKS = ("", "s", "e")  # Danish linking letters: "sundhed-s-væsen", "ældre-pleje"


def _known(part: str, vocabulary: set[str]) -> bool:
    found = stems(part)
    return len(part) >= PART_MIN_LETTERS and bool(found) and found[0] in vocabulary


def compound_parts(word: str, vocabulary: set[str], depth: int = 0) -> list[str]:
    """A compound's parts whose stems the corpus uses as words (longest head first), else the word.

    `vocabulary` holds stems, so an inflected last part ("hjemme|plejen") is found too.
    """
    if depth > 2 or len(word) < 2 * PART_MIN_LETTERS:
        return [word]
    for cut in range(len(word) - PART_MIN_LETTERS, PART_MIN_LETTERS - 1, -1):
        head, tail = word[:cut], word[cut:]
        for link in LINKS:
            if not head.endswith(link):
                continue
            first = head[: len(head) - len(link)]
            if _known(first, vocabulary) and _known(tail, vocabulary):
                return [first, *compound_parts(tail, vocabulary, depth + 1)]
    return [word]


def analyse(text: str, vocabulary: set[str] | None) -> list[str]:
    """Stems of the content words; with a vocabulary, a compound's parts' stems as well."""
    out = []
    for token in tokens(text):
        for word in token.split("-"):
            found = stems(word)  # empty for a stop word
            out += found
            if found and vocabulary is not None:
                parts = compound_parts(word, vocabulary)
                if len(parts) > 1:
                    out += [s for p in parts for s in stems(p)]
    return out


@dataclass
class Bm25:
    """Document-level BM25 (k1 1.2, b 0.75) over one analysis of the home's passages."""

    counts: dict[str, Counter]
    frequency: Counter
    average_length: float

    @classmethod
    def build(cls, texts: dict[str, str], vocabulary: set[str] | None) -> "Bm25":
        counts = {d: Counter(analyse(t, vocabulary)) for d, t in texts.items()}
        frequency: Counter = Counter()
        for c in counts.values():
            frequency.update(set(c))
        average = float(np.mean([sum(c.values()) for c in counts.values()]))
        return cls(counts, frequency, average)

    def score(self, terms: list[str], doc_id: str) -> float:
        found = self.counts.get(doc_id, Counter())
        length = sum(found.values())
        total = len(self.counts)
        result = 0.0
        for term in set(terms):
            if found[term]:
                df = self.frequency[term]
                idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
                tf = found[term]
                result += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / self.average_length))
        return result


class HomeFeatures:
    """What the features need from one home, computed once."""

    def __init__(self, searcher: Searcher):
        snapshot = searcher.corpus.current()
        store = searcher.store
        self.snapshot = snapshot
        documents = store.documents(list(snapshot.table.documents.ids))
        self.source = {d: r.source for d, r in documents.items()}
        texts: dict[str, list[str]] = {}
        problems: dict[str, list[str]] = {}
        firsts: dict[str, str] = {}
        sentences: list[tuple[str, str]] = []
        words: Counter = Counter()
        for doc_id in documents:
            for number, chunk in enumerate(store.chunks_of(doc_id)):
                texts.setdefault(doc_id, []).append(f"{chunk['section']} {chunk['text']}")
                if is_problem_section(chunk["section"]):
                    problems.setdefault(doc_id, []).append(chunk["text"])
                elif number == 0:
                    firsts[doc_id] = chunk["text"]
                words.update(tokens(chunk["text"]))
                sentences += [
                    (doc_id, s) for s in split_sentences(chunk["text"]) if len(s.split()) >= 3
                ]
        vocabulary = {
            s
            for w, n in words.items()
            if n >= PART_MIN_COUNT and len(w) >= PART_MIN_LETTERS
            for s in stems(w)
        }
        self.vocabulary = vocabulary
        joined = {d: " ".join(t) for d, t in texts.items()}
        self.bm25 = Bm25.build(joined, None)
        self.bm25_compounds = Bm25.build(joined, vocabulary)
        embedder = searcher.embedder
        ids = list(documents)
        self.titles = dict(
            zip(ids, embedder.embed_passages([documents[d].title for d in ids]), strict=True)
        )
        self.sentence_vectors = embedder.embed_passages([s for _, s in sentences])
        # The same texts embedded as questions ("query: " on both sides, e5's form for symmetric
        # similarity): a challenge question may resemble a problem statement more than a passage.
        self.titles_as_questions = dict(
            zip(ids, embedder.embed_queries([documents[d].title for d in ids]), strict=True)
        )
        self.problems_as_questions = dict(
            zip(
                ids,
                embedder.embed_queries(
                    [_problem_text(problems.get(d) or [firsts.get(d, "")]) for d in ids]
                ),
                strict=True,
            )
        )
        self.sentences_as_questions = embedder.embed_queries([s for _, s in sentences])
        # The document's outline, its title and the headings it names beyond the template's own
        # (what it covers, in its own compact words), in both of e5's forms.
        outlines = [
            outline_text(documents[d].title, [s.heading for s in documents[d].sections])
            for d in ids
        ]
        self.outlines = dict(zip(ids, embedder.embed_passages(outlines), strict=True))
        self.outlines_as_questions = dict(zip(ids, embedder.embed_queries(outlines), strict=True))
        self.sentences_of: dict[str, list[int]] = {}
        for i, (doc_id, _) in enumerate(sentences):
            self.sentences_of.setdefault(doc_id, []).append(i)

    def of(self, query: str, query_vector: np.ndarray, doc_id: str) -> dict[str, float]:
        rows = self.sentences_of.get(doc_id, [])
        sentence_scores = np.sort(self.sentence_vectors[rows] @ query_vector)[::-1]
        if not len(sentence_scores):
            sentence_scores = np.zeros(1)
        problem = self.snapshot.problem_vectors.get(doc_id)
        symmetric = np.sort(self.sentences_as_questions[rows] @ query_vector)[::-1]
        if not len(symmetric):
            symmetric = np.zeros(1)
        return {
            "problem as question": float(self.problems_as_questions[doc_id] @ query_vector),
            "title as question": float(self.titles_as_questions[doc_id] @ query_vector),
            "outline": float(self.outlines[doc_id] @ query_vector),
            "outline as question": float(self.outlines_as_questions[doc_id] @ query_vector),
            "best sentence as question": float(symmetric[0]),
            "best 3 sentences as question": float(symmetric[:3].mean()),
            "document": float(self.snapshot.document_vectors[doc_id] @ query_vector),
            "problem": float(problem @ query_vector) if problem is not None else 0.0,
            "title": float(self.titles[doc_id] @ query_vector),
            "best sentence": float(sentence_scores[0]),
            "best 3 sentences": float(sentence_scores[:3].mean()),
            "measured effect": float((self.snapshot.value(doc_id, "evidence_level") or 0) >= 2),
            "bm25": self.bm25.score(analyse(query, None), doc_id),
            "bm25 compounds": self.bm25_compounds.score(analyse(query, self.vocabulary), doc_id),
        }


def _problem_text(passages: list[str], words: int = 100) -> str:
    """A document's problem statement (its problem sections, else its first passage), cut."""
    return " ".join(" ".join(passages).split()[:words])


@dataclass
class Question:
    grades: dict[str, int]
    sources: list[str]  # the default's order
    scores: np.ndarray  # the default's scores of the first CANDIDATES
    features: dict[str, np.ndarray]  # per feature, per candidate
    terms: int
    asks_effect: bool


Rescorer = Callable[[Question], np.ndarray]


def lexical(name: str, weight: float) -> Rescorer:
    """The default's lexical form: weight x 4/stems beyond 4, times min(1, BM25 / 20)."""

    def rescore(q: Question) -> np.ndarray:
        scaled = weight * (4 / q.terms if q.terms > 4 else 1.0)
        return q.scores + scaled * np.minimum(1.0, q.features[name] / 20)

    return rescore


RESCORERS: dict[str, Rescorer] = {
    "default": lambda q: q.scores,
    **{
        f"second stage: + {w} x {name} cosine": (
            lambda q, w=w, name=name: q.scores + w * q.features[name]
        )
        for name in (
            "document",
            "problem",
            "title",
            "best sentence",
            "best 3 sentences",
            "problem as question",
            "title as question",
            "outline",
            "outline as question",
            "best sentence as question",
            "best 3 sentences as question",
        )
        for w in (0.1, 0.3, 0.5)
    },
    **{
        f"second stage: + {w} x min(1, {name} / 20), scaled like the default's lexical": lexical(
            name, w
        )
        for name in ("bm25", "bm25 compounds")
        for w in (0.03, 0.06)
    },
    **{
        f"second stage: x {b} for evidence level >= 2 when the question asks for effect": (
            lambda q, b=b: q.scores * (1 + (b - 1) * q.asks_effect * q.features["measured effect"])
        )
        for b in (1.05, 1.25)
    },
}


def questions(searcher: Searcher, home: HomeFeatures, queries: Path, qrels: Path) -> list[Question]:
    snapshot = home.snapshot
    judged = read_qrels(qrels)
    asked = []
    for question in read_queries(queries):
        query = snapshot.vocabulary.correct(normalise_query(question.query, 1000))
        query_vector = searcher.query_vector(query)
        ranked = retrieve(snapshot, searcher.ranking, query, query_vector, None)
        ranked = collapse_duplicates(snapshot, ranked)
        top = ranked[:CANDIDATES]
        rows = [home.of(query, query_vector, hit.doc_id) for hit in top]
        features = {name: np.array([r[name] for r in rows]) for name in rows[0]} if rows else {}
        asked.append(
            Question(
                judged.get(question.query_id, {}),
                [home.source[h.doc_id] for h in ranked],
                np.array([h.score for h in top]),
                features,
                len(set(analyse(query, None))),
                bool(ASKS_EFFECT.search(query)),
            )
        )
    return asked


def report(asked: list[Question], rescore: Rescorer) -> EvalReport:
    per_query = []
    for q in asked:
        order = q.sources
        if len(q.scores):
            new = np.argsort(-rescore(q), kind="stable")
            order = [q.sources[i] for i in new] + q.sources[CANDIDATES:]
        per_query.append(
            {
                "ndcg@10": ndcg(order, q.grades),
                "recall@10": recall(order, q.grades, CUTOFF),
                "recall@5": recall(order, q.grades, 5),
                "rr": reciprocal_rank(order, q.grades),
            }
        )
    n = len(per_query) or 1
    return EvalReport(
        len(per_query),
        sum(r["ndcg@10"] for r in per_query) / n,
        sum(r["recall@10"] for r in per_query) / n,
        sum(r["recall@5"] for r in per_query) / n,
        sum(r["rr"] for r in per_query) / n,
        per_query,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for flag, help_text in (("--set", "a judged set; the mean decides"), ("--also", "shown only")):
        parser.add_argument(
            flag,
            nargs=4,
            action="append",
            default=[],
            metavar=("NAME", "HOME", "QUERIES", "QRELS"),
            help=help_text,
        )
    args = parser.parse_args()
    base = Settings()
    embedder = load_embedder(base)
    homes: dict[str, tuple[Searcher, HomeFeatures]] = {}
    results: dict[str, dict[str, EvalReport]] = {name: {} for name in RESCORERS}
    for name, home, queries, qrels in args.set + args.also:
        if home not in homes:
            searcher = Searcher(base.model_copy(update={"home": Path(home)}), embedder)
            homes[home] = (searcher, HomeFeatures(searcher))
        asked = questions(*homes[home], Path(queries), Path(qrels))
        for variant, rescore in RESCORERS.items():
            results[variant][name] = report(asked, rescore)
    print_table(
        results,
        [s[0] for s in args.set + args.also],
        [s[0] for s in args.set],
        f"120-250 words, top {CANDIDATES}",
    )


if __name__ == "__main__":
    main()
