"""Automatic classification of a parsed Danish document: sector, stage, status, organisation type,
evidence level (with the sentences that justify it) and whether pitfalls are described.

Design:
- Rules first. Every field has a Danish vocabulary (sector_vocab.py, vocab.py) written
  from the taxonomy's meaning, matched as stems, so any source kind works: template case records,
  PDFs without headings, web pages, Markdown. Section headings sharpen the rules where present:
  an "Effekt" section is where effect is stated, a "Faldgruber" section with real content means
  pitfalls, numbers under "Udfordring"/"Baggrund" describe the problem, not an effect.
- Sector also uses the embedding model when one is given: the document's vector (passed by the
  caller, e.g. the mean of its passage vectors, so the text is not embedded twice; otherwise the
  title and the first ~300 words embedded once as a passage) is compared with a few Danish
  prototype descriptions per sector (embedded once per Classifier). The two distributions are
  mixed, the model weighing more where the vocabulary finds little.
- Stage is the furthest stage the text states as fact; a measured effect of work never called a
  pilot or a test leans to "implementering" rather than the default "udvikling".
- Values a source states in `doc.fields` (sector, stage, status, organisation_type) are returned
  as stated with confidence 1.0 when they name a taxonomy key or label; free wording ("I drift")
  goes through the same rules with a high confidence.
- For sector, stage and status a low-confidence guess is preferred over None (confidence <= 0.35
  means "a guess"; filters can threshold on it). None only for an empty document, and for the
  organisation type when neither a name nor any hint is found, since guessing an owner from
  nothing would mislead the contact information shown with it.
- Confidences are heuristic but ordered: ~0.9 a stated template field or decisive phrase,
  0.6-0.8 clear vocabulary, <= 0.4 a guess.
"""

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from innosearch.classify.contact import find_contact
from innosearch.classify.evidence import evidence_level
from innosearch.classify.pitfalls import pitfalls
from innosearch.classify.sector_vocab import SECTOR_PROTOTYPES, SECTOR_TERMS
from innosearch.classify.sentence import Sentence
from innosearch.classify.vocab import (
    FUTURE_MARKERS,
    ORG_NAME_PATTERNS,
    ORG_TEXT_HINTS,
    STAGE_TERMS,
    STATUS_TERMS,
)
from innosearch.documents import Classification, FoundContact, Inferred, ParsedDocument
from innosearch.embed.base import Embedder
from innosearch.taxonomy import ORGANISATION_TYPES, SECTORS, STAGES, STATUSES
from innosearch.text.headings import is_background_heading, is_stage_heading, is_status_heading
from innosearch.text.normalise import label_key
from innosearch.text.sentences import NOTES, split_sentences

STAGE_ORDER = ("udforskning", "udvikling", "implementering", "spredning")
EMBED_WORDS = 300  # how much of a document the model sees
# Softmax temperature for cosine similarities: e5 similarities sit in a narrow band (~0.75-0.9).
EMBED_TEMPERATURE = 0.015


_REGEX_SYNTAX = frozenset("\\.^$*+?{}[]|()")


@dataclass(frozen=True)
class _Term:
    """One term of a vocabulary. A plain word or phrase is counted with str.find: Python's re
    has no fast scan for a pattern that opens with a lookbehind, and trying several hundred such
    patterns at every position of a 500-page report took seconds per field."""

    weight: float
    literal: str = ""  # lowercased; "" when the term is a regex
    anywhere: bool = False  # "~": inside a word too, not only at a word's start
    regex: re.Pattern[str] | None = None
    # Texts of which every match of the regex holds one: where all are missing, as in most
    # sentences, the regex is not run.
    required: tuple[str, ...] = ()

    def count(self, text: str, lowered: str) -> int:
        if self.regex is None:
            return _count_literal(lowered, self.literal, self.anywhere)
        if self.required and not any(text in lowered for text in self.required):
            return 0
        return sum(1 for _ in self.regex.finditer(text))


def _count_literal(text: str, term: str, anywhere: bool) -> int:
    r"""Non-overlapping occurrences, as re.finditer counts them; unless `anywhere`, only those
    not preceded by a word character (the regex terms' `(?<![\wæøå])`)."""
    n = 0
    i = text.find(term)
    while i != -1:
        if anywhere or i == 0 or not _is_word_char(text[i - 1]):
            n += 1
            i = text.find(term, i + len(term))
        else:
            i = text.find(term, i + 1)
    return n


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _compile(vocab: dict[str, dict[str, float]]) -> dict[str, list[_Term]]:
    out: dict[str, list[_Term]] = {}
    for key, terms in vocab.items():
        compiled = []
        for term, weight in terms.items():
            anywhere = term.startswith("~")
            body = term[1:] if anywhere else term
            if _REGEX_SYNTAX.isdisjoint(body):
                compiled.append(_Term(float(weight), literal=body.lower(), anywhere=anywhere))
            else:
                pattern = body if anywhere else r"(?<![\wæøå])" + body
                rx = re.compile(pattern, re.IGNORECASE)
                compiled.append(_Term(float(weight), regex=rx, required=_required_texts(body)))
        out[key] = compiled
    return out


def _required_texts(pattern: str) -> tuple[str, ...]:
    """Plain texts of which every match of `pattern` holds one, lowercased: "ved at" of
    "(er|er nu) ved at (undersøge|kortlægge)", "museum" and "museer" of "museum|museer"; none
    when some alternative has no text to be sure of."""
    texts = tuple(_longest_plain_run(branch) for branch in _top_level_branches(pattern))
    return texts if all(texts) else ()


def _top_level_branches(pattern: str) -> list[str]:
    """The alternatives of `pattern` split at its top-level "|"."""
    branches, start, depth, i = [], 0, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = pattern.index("]", i + 2) + 1
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*branches, pattern[start:]]


def _longest_plain_run(branch: str) -> str:
    """The longest text outside groups that every match of `branch` (no top-level "|") holds."""
    runs, run, depth, i = [], "", 0, 0
    while i < len(branch):
        char = branch[i]
        if char not in _REGEX_SYNTAX:
            if depth == 0:
                run += char
            i += 1
            continue
        if char in "?*{":
            run = run[:-1]  # "kol?" may lack its last letter
        runs.append(run)
        run = ""
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "\\":
            i += 2  # an escape ("\\b", "\\.") is no plain text
        elif char in "[{":
            # A class is one of several characters, a count is no text: past their end.
            i = branch.index("]" if char == "[" else "}", i + 2) + 1
        else:
            i += 1
    runs.append(run)
    return max(runs, key=len).lower()


_SECTOR_RX = _compile(SECTOR_TERMS)
_STAGE_RX = _compile(STAGE_TERMS)
_STATUS_RX = _compile(STATUS_TERMS)
_ORG_HINT_RX = _compile(ORG_TEXT_HINTS)
_ORG_NAME_RX = {k: [re.compile(p) for p in ps] for k, ps in ORG_NAME_PATTERNS.items()}
_FUTURE_RX = re.compile(FUTURE_MARKERS, re.IGNORECASE)
# Organisation names in running text, strongest forms first. A name's words are on one line:
# "Baggrund\nAalborg Kommune" is a heading over a name, not the name.
_ORG_MENTION_RX = re.compile(
    r"\b(?:[A-ZÆØÅ][\wæøåÆØÅ.-]*[ \t]){1,3}(?:Regions)?[Kk]ommunes?\b"
    r"|\bRegion (?:Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland)\b"
    r"|\bRegion [A-ZÆØÅ]\w+"
    r"|\b(?:[A-ZÆØÅ][\wæøå-]+[ \t]){0,3}[A-ZÆØÅ]?[\wæøå-]*(?:styrelsen|[Mm]inisteriet)\b"
    r"|\bStyrelsen for [A-ZÆØÅ]?[\wæøå ]+?\b(?=[,.\n]|\s[a-zæøå])"
    r"|\bDanske Regioner\b|\bKL\b|\bKommunernes Landsforening\b"
    r"|\b[A-ZÆØÅ][\wæøå-]+ (?:Universitetshospital|Hospital|Sygehus|Universitet|Politi)\b"
    r"|\b(?:Hospital|Sygehus|Hospitalsenhed) [A-ZÆØÅ]\w+"
    r"|\b(?:Rigshospitalet|Rigspolitiet|Udbetaling Danmark|Kriminalforsorgen)\b"
    r"|\b[A-ZÆØÅ][\wæøå-]*(?:fonden|[Ff]orening)\b"
)

# Partners, evaluators, funders and the sources of data are named beside the owner: "støttet af",
# "følgeforskningen på", "henter data fra".
_PARTNER_RX = re.compile(
    r"\b(samarbejde med|sammen med|evaluer\w*|undersøgt|forsker\w*|følgeforsk\w*|støtte\w*|"
    r"finansier\w*|bevilling\w* fra|midler fra|data fra|inspir\w*|partner\w*)\b",
    re.IGNORECASE,
)


def _count_score(terms: list[_Term], text: str, lowered: str) -> float:
    """Sum of term weights with diminishing returns for repeats (1 + ln n)."""
    total = 0.0
    for term in terms:
        n = term.count(text, lowered)
        if n:
            total += term.weight * (1.0 + math.log(n))
    return total


def _vocab_scores(compiled: dict[str, list[_Term]], text: str) -> dict[str, float]:
    lowered = text.lower()
    return {key: _count_score(terms, text, lowered) for key, terms in compiled.items()}


def _stated(doc: ParsedDocument, field: str, taxonomy: dict[str, str]) -> str | None:
    """A taxonomy key the source states for `field`, matched on key or Danish label."""
    value = doc.fields.get(field)
    if not isinstance(value, str) or not value.strip():
        return None
    key = label_key(value)
    for k, lbl in taxonomy.items():
        if key in (k, label_key(lbl)):
            return k
    return None


@dataclass
class _Doc:
    """A document prepared once for all the field classifiers."""

    title: str
    sections: list[tuple[str, str]]  # (lowercased heading, text)
    sentences: list[Sentence]
    body: str  # all section text, lowercased
    lead: str  # title and the first words, lowercased
    words: int

    @classmethod
    def of(cls, doc: ParsedDocument) -> "_Doc":
        sections = []
        sentences: list[Sentence] = []
        for section in doc.sections:
            text = unicodedata.normalize("NFC", section.text or "")
            heading = unicodedata.normalize("NFC", section.heading or "").strip().lower()
            sections.append((heading, text))
            for s in split_sentences(text, NOTES):
                sentences.append(Sentence(s, heading, len(sentences)))
        body = "\n".join(t for _, t in sections)
        title = unicodedata.normalize("NFC", doc.title or "")
        words = body.split()
        lead = (title + "\n" + " ".join(words[:EMBED_WORDS])).lower()
        return cls(title, sections, sentences, body.lower(), lead, len(words))

    @property
    def opening(self) -> str:
        return self.title + "\n" + " ".join(self.body.split()[:EMBED_WORDS])


def opening_text(doc: ParsedDocument) -> str:
    """What the sector model reads of a document given without a vector: title and opening."""
    return _Doc.of(doc).opening


class Classifier:
    """Infers the taxonomy fields of a ParsedDocument from its text (and stated fields)."""

    def __init__(self, embedder: Embedder | None = None):
        self._embedder = embedder
        self._prototypes: tuple[list[str], np.ndarray] | None = None

    # -- public ----------------------------------------------------------------------------------

    def classify(
        self, doc: ParsedDocument, vector: np.ndarray | None = None, *, today: date
    ) -> Classification:
        """Classify `doc` as of `today`, which decides whether stated years lie in the past.

        `vector`, when given, is the document's embedding in the embedder's passage space (e.g. the
        mean of its passage vectors, L2-normalised); the sector prototypes are compared with it
        instead of embedding the document's opening again. It needs an embedder for the
        prototypes; without one it is ignored and the rules decide alone.
        """
        d = _Doc.of(doc)
        if not d.body.strip() and not d.title.strip():
            return Classification()
        level, level_conf, ev_sentences = evidence_level(d.sentences)
        has_pitfalls, pit_conf, pit_sentences = pitfalls(d.sections, d.sentences)
        stage = self._stage(doc, d, level)
        contact = _contact(doc)
        organisation = _contact_organisation(doc, contact)
        return Classification(
            sector=self._sector(doc, d, vector),
            stage=stage,
            status=self._status(doc, d, stage, level, today.year),
            organisation_type=self._organisation_type(doc, d, organisation),
            evidence_level=Inferred(level, level_conf),
            evidence_sentences=ev_sentences,
            has_pitfalls=Inferred(has_pitfalls, pit_conf),
            pitfall_sentences=pit_sentences,
            contact=contact,
            organisation=organisation,
        )

    # -- sector ----------------------------------------------------------------------------------

    def _sector(self, doc: ParsedDocument, d: _Doc, vector: np.ndarray | None = None) -> Inferred:
        stated = _stated(doc, "sector", SECTORS)
        if stated:
            return Inferred(stated, 1.0)
        # The title and opening name the subject; later text wanders (partners, side effects).
        scores = _vocab_scores(_SECTOR_RX, d.body)
        for key, s in _vocab_scores(_SECTOR_RX, d.title.lower()).items():
            scores[key] += 2.0 * s
        for key, s in _vocab_scores(_SECTOR_RX, " ".join(d.body.split()[:80])).items():
            scores[key] += 0.5 * s
        tags = doc.fields.get("tags")
        if tags:
            text = " ".join(tags) if isinstance(tags, list) else str(tags)
            for key, s in _vocab_scores(_SECTOR_RX, text.lower()).items():
                scores[key] += 1.5 * s
        # Who does the work says more about its sector than whom it is for: the owner's stated
        # name ("Midtlands Brand & Redning", "Trafikselskabet Midtvest") counts like the title.
        owner = doc.fields.get("organisation")
        if isinstance(owner, str):
            for key, s in _vocab_scores(_SECTOR_RX, owner.lower()).items():
                scores[key] += 2.0 * s
        total = sum(scores.values())
        keys = list(SECTORS)
        rule_p = np.array([scores[k] for k in keys]) / total if total > 0 else None

        emb_p = self._sector_embedding(d, vector)
        if rule_p is None and emb_p is None:
            return Inferred("administration", 0.1)  # nothing to go on: the most generic sector
        if emb_p is None:
            p = rule_p
            strength = 1 - math.exp(-total / 6)
        elif rule_p is None:
            p = emb_p
            strength = 0.6
        else:
            # The vocabulary is precise when it finds much; the model fills in when it finds little.
            w_rule = 0.35 + 0.4 * (1 - math.exp(-total / 10))
            p = w_rule * rule_p + (1 - w_rule) * emb_p
            strength = 0.75 + 0.25 * (1 - math.exp(-total / 6))
        assert p is not None
        best = int(np.argmax(p))
        return Inferred(keys[best], round(float(p[best]) * strength, 2))

    def _sector_embedding(self, d: _Doc, vector: np.ndarray | None = None) -> np.ndarray | None:
        """Probability over sectors from similarity to the prototypes.

        Uses the given document vector, or else one embedding call on the title and opening.
        """
        if self._embedder is None:
            return None
        if vector is not None:
            vec = np.asarray(vector, dtype=np.float32).reshape(-1)
            norm = float(np.linalg.norm(vec))
            if not np.isfinite(norm) or norm == 0.0:
                return None
            vec = vec / norm
        elif d.lead.strip():
            vec = np.asarray(self._embedder.embed_passages([d.opening])[0], dtype=np.float32)
        else:
            return None
        names, protos = self._sector_prototypes()
        if protos.shape[1] != vec.shape[0]:
            raise ValueError(
                f"document vector has dimension {vec.shape[0]}, the embedder {protos.shape[1]}"
            )
        sims = protos @ vec
        keys = list(SECTORS)
        best = np.full(len(keys), -1.0)
        for name, sim in zip(names, sims, strict=True):
            i = keys.index(name)
            best[i] = max(best[i], float(sim))
        z = np.exp((best - best.max()) / EMBED_TEMPERATURE)
        return z / z.sum()

    def _sector_prototypes(self) -> tuple[list[str], np.ndarray]:
        if self._prototypes is None:
            assert self._embedder is not None
            names = [k for k, texts in SECTOR_PROTOTYPES.items() for _ in texts]
            texts = [t for ts in SECTOR_PROTOTYPES.values() for t in ts]
            vecs = np.asarray(self._embedder.embed_queries(texts), dtype=np.float32)
            self._prototypes = (names, vecs)
        return self._prototypes

    # -- stage -----------------------------------------------------------------------------------

    def _stage(self, doc: ParsedDocument, d: _Doc, level: int = 0) -> Inferred:
        stated = _stated(doc, "stage", STAGES)
        if stated:
            return Inferred(stated, 1.0)
        # A free-worded stated stage or a "Fase" section is read with the same vocabulary.
        stated_text = [str(doc.fields["stage"])] if isinstance(doc.fields.get("stage"), str) else []
        stated_text += [t for h, t in d.sections if is_stage_heading(h)]
        for text in stated_text:
            scores = _vocab_scores(_STAGE_RX, text.lower())
            if max(scores.values()) > 0:
                best = max(scores, key=lambda k: scores[k])
                return Inferred(best, 0.9)

        scores = {k: 0.0 for k in STAGE_ORDER}
        for sent in d.sentences:
            low = sent.text.lower()
            # Plans are not the current stage; the problem section says little about the work.
            factor = 0.3 if _FUTURE_RX.search(low) else 1.0
            if is_background_heading(sent.heading):
                factor *= 0.5
            for key, s in _vocab_scores(_STAGE_RX, low).items():
                scores[key] += factor * s
        for key, s in _vocab_scores(_STAGE_RX, d.title.lower()).items():
            scores[key] += s
        # The current stage is the furthest one the text states as fact with some weight:
        # a case that piloted and then implemented is implemented.
        threshold = 2.5
        reached = [k for k in STAGE_ORDER if scores[k] >= threshold]
        total = sum(scores.values())
        if reached:
            best = reached[-1]
            presence = 1 - math.exp(-scores[best] / 3)
            share = scores[best] / total
            return Inferred(best, round(min(0.9, 0.35 + 0.3 * presence + 0.25 * share), 2))
        if level >= 2 and scores["udforskning"] == 0 and scores["udvikling"] == 0:
            # A measured effect of work that is never called a trial, a pilot or a test: it has
            # been running long enough to be measured, so it is most likely in operation.
            return Inferred("implementering", 0.3)
        if total > 0:
            best = max(scores, key=lambda k: scores[k])
            return Inferred(best, round(0.25 + 0.1 * scores[best] / total, 2))
        # Nothing said: most shared work has at least been tried out.
        return Inferred("udvikling", 0.2)

    # -- status ----------------------------------------------------------------------------------

    def _status(
        self, doc: ParsedDocument, d: _Doc, stage: Inferred, level: int, this_year: int
    ) -> Inferred:
        stated = _stated(doc, "status", STATUSES)
        if stated:
            return Inferred(stated, 1.0)
        stated_text = (
            [str(doc.fields["status"])] if isinstance(doc.fields.get("status"), str) else []
        )
        stated_text += [t for h, t in d.sections if is_status_heading(h)]
        for text in stated_text:
            scores = _vocab_scores(_STATUS_RX, text.lower())
            scores = self._status_scores(text, scores, this_year)
            if max(scores.values()) > 0:
                best = max(scores, key=lambda k: scores[k])
                return Inferred(best, 0.9)

        scores = {"afsluttet": 0.0, "igangvaerende": 0.0}
        for sent in d.sentences:
            low = sent.text.lower()
            s = _vocab_scores(_STATUS_RX, low)
            # "når projektet er afsluttet" speaks of the future.
            if _FUTURE_RX.search(low):
                s["afsluttet"] *= 0.2
            for key in scores:
                scores[key] += s[key]
        scores = self._status_scores(d.body, scores, this_year)
        year = _as_year(doc.fields.get("year"))
        if year is not None and year <= this_year - 3:
            scores["afsluttet"] += 0.75  # old work is mostly over
        if stage.value in ("udforskning", "udvikling") and stage.confidence >= 0.5:
            scores["igangvaerende"] += 0.75
        if level >= 2:
            scores["afsluttet"] += 0.5  # measured results often come at the end
        total = scores["afsluttet"] + scores["igangvaerende"]
        if total == 0:
            return Inferred("igangvaerende", 0.3)
        best = max(scores, key=lambda k: scores[k])
        margin = abs(scores["afsluttet"] - scores["igangvaerende"])
        conf = 0.5 + 0.4 * (1 - math.exp(-margin / 2.5))
        return Inferred(best, round(min(conf, 0.9), 2))

    @staticmethod
    def _status_scores(text: str, scores: dict[str, float], this_year: int) -> dict[str, float]:
        """Add what year spans say: a period that ended is over, one that runs on is not."""
        scores = dict(scores)
        for m in re.finditer(
            r"(?:(?:19|20)\d\d\s?[-–]\s?|frem til |indtil |til og med |løber til |"
            r"slutter i |udgangen af )((?:19|20)\d\d)\b",
            text,
            re.IGNORECASE,
        ):
            end = int(m.group(1))
            if end < this_year:
                scores["afsluttet"] += 1.0
            elif end > this_year:
                scores["igangvaerende"] += 1.5
        return scores

    # -- organisation type -----------------------------------------------------------------------

    def _organisation_type(
        self, doc: ParsedDocument, d: _Doc, organisation: Inferred | None = None
    ) -> Inferred | None:
        stated = _stated(doc, "organisation_type", ORGANISATION_TYPES)
        if stated:
            return Inferred(stated, 1.0)
        name = doc.fields.get("organisation")
        if isinstance(name, str) and name.strip():
            kind = org_type_of_name(name)
            if kind:
                return Inferred(kind, 0.95)
        # The contact's organisation owns the work: a region's report on a project with three
        # municipalities names the municipalities more often than itself.
        if organisation is not None and (kind := org_type_of_name(str(organisation.value))):
            return Inferred(kind, min(0.9, organisation.confidence))
        # Organisation names in the title and text; the first ones are most likely the owner.
        text = d.title + "\n" + "\n".join(t for _, t in d.sections)
        votes = {k: 0.0 for k in ORGANISATION_TYPES}
        for i, m in enumerate(_ORG_MENTION_RX.finditer(text)):
            kind = org_type_of_name(m.group(0))
            # A name in lower case is part of a file name or a web address
            # ("socialstyrelsen-satser-2024.xlsx"), not an organisation the text names.
            if kind and m.group(0)[0].isupper():
                weight = 3.0 if i == 0 else 1.5 / (1 + 0.3 * i)
                # Partners, evaluators and funders are named too, but they do not own the work.
                if _PARTNER_RX.search(text[max(0, m.start() - 50) : m.start()]):
                    continue
                votes[kind] += weight
        if max(votes.values()) > 0:
            best = max(votes, key=lambda k: votes[k])
            share = votes[best] / sum(votes.values())
            return Inferred(best, round(0.5 + 0.35 * share, 2))
        # The names set aside above (partners, sources) are not read again as loose words.
        hints = _vocab_scores(_ORG_HINT_RX, _ORG_MENTION_RX.sub(" ", text).lower())
        if isinstance(name, str) and name.strip() and max(hints.values()) < 3:
            # A stated name that is none of the public forms: a company, a network, a project.
            return Inferred("andet", 0.5)
        if max(hints.values()) > 0:
            best = max(hints, key=lambda k: hints[k])
            share = hints[best] / sum(hints.values())
            return Inferred(best, round(0.2 + 0.25 * share, 2))
        return None


def _contact(doc: ParsedDocument) -> FoundContact | None:
    """The contact the text names, unless a field states one (then nothing is mixed in)."""
    if any(doc.fields.get(k) for k in ("contact_name", "contact_email", "contact_phone")):
        return None
    author = doc.extra.get("author") or doc.extra.get("forfatter")  # Markdown front matter
    return find_contact(doc.sections, author if isinstance(author, str) else None)


def _contact_organisation(doc: ParsedDocument, contact: FoundContact | None) -> Inferred | None:
    """The contact's organisation: named beside them, else the one their e-mail domain names."""
    if contact is None or doc.fields.get("organisation"):
        return None
    # After the name first: the context also holds the end of the sentence before the contact
    # ("... Lindå Kommune for telefonopkaldene. Kontakt: Peter Holm, Region Vestkyst").
    at = contact.context.find(contact.name) if contact.name else -1
    for context in ((contact.context[at:],) if at > 0 else ()) + (contact.context,):
        beside = _ORG_MENTION_RX.search(context)
        if beside:
            return Inferred(_whole_name(context, beside), 0.8)
    if contact.email:
        # "helle.konig@randers.dk" works for the "Randers Kommune" the document names, and
        # "jpvi@regionvestkyst.dk" for "Region Vestkyst".
        domain = label_key(contact.email.split("@")[1].split(".")[0]).replace("_", "")
        for name in organisation_mentions(doc.title + "\n" + doc.text):
            words = [label_key(word).replace("_", "") for word in name.split()]
            if domain in (words[0], "".join(words[:2])):
                return Inferred(name, 0.7)
    return None


def _whole_name(text: str, mention: re.Match) -> str:
    """The mention on its own line, with the capitalised words before it on that line:
    "Danmarks Tekniske Universitet", not "Tekniske Universitet"; not "Kontakt\nRanders Kommune"."""
    name = mention.group(0).splitlines()[-1].strip()
    name_start = mention.end() - len(name)
    before = text[text.rfind("\n", 0, name_start) + 1 : name_start]
    words = re.search(r"(?:\b[A-ZÆØÅ][\wæøå-]*\s)*$", before)
    return (words.group(0) if words else "") + name


def organisation_mentions(text: str) -> list[str]:
    """Names of municipalities, regions, agencies, hospitals and the like in `text`, in order."""
    return [m.group(0) for m in _ORG_MENTION_RX.finditer(text)]


def org_type_of_name(name: str) -> str | None:
    """Organisation type for an organisation's name, or None when the name does not tell."""
    name = " ".join(unicodedata.normalize("NFC", name).split())
    # "Region Vestkyst i samarbejde med Fjordby, Havnstrup og Lindå kommuner": the owner is the
    # one named before its partners.
    partners = _PARTNER_RX.search(name)
    if partners and partners.start() > 0:
        name = name[: partners.start()]
    # The interest organisations and private forms are checked first: "Danske Regioner" is not a
    # region and "Region Hovedstadens Fond" is not the region itself.
    for kind in ("andet", "stat", "region", "kommune"):
        if any(rx.search(name) for rx in _ORG_NAME_RX[kind]):
            # "Bornholms Regionskommune" and "Kommune" beat a looser region match.
            if kind == "region" and re.search(r"[Kk]ommune", name):
                return "kommune"
            # "Københavns Universitetshospital" is a hospital, not a university.
            if kind == "stat" and re.search(r"[Hh]ospital|[Ss]ygehus", name):
                return "region"
            return kind
    return None


def _as_year(value: Any) -> int | None:
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        m = re.search(r"\b(19|20)\d\d\b", value)
        return int(m.group(0)) if m else None
    return None
