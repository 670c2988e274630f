"""Query spelling against the corpus's own words: æøå restored, simple typos corrected.

People type "aeldre", "borgere der moder op" or "hvordn". Lexical search copes through
folded stems, but the embedding model reads "aeldre" as another word than "ældre" (measured on
dev-eval: nDCG@10 0.83 -> 0.72 with æøå written as ae/o/aa). Words are only changed when they do
not occur in the corpus and a frequent corpus word is one fold or one edit away, and never when
they are Danish words the corpus happens not to use: a corpus of a few hundred documents lacks
most of the language, and "ude", "skrive" and "åen" became "uden", "skrives" and "åben" in a
fifth of the challenge questions (docs/quality.md).
"""

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache

from innosearch.text.analysis import words
from innosearch.text.normalise import ascii_typing

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DANISH = "abcdefghijklmnopqrstuvwxyzæøå"
# A typo correction must be a word the corpus uses at least this often, so that rare words and
# names in the query are left alone.
MIN_COUNT = 3
MIN_TYPO_LENGTH = 3


def _typos(word: str) -> set[str]:
    """Words the typed one could be with one dropped letter put back ("hvordn", "ikk").

    Only that, the commonest slip: replacing, deleting or swapping letters turned valid words
    the corpus happens not to use into other words ("bruge" -> "brug", "borgernes" ->
    "borgerens").
    """
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {a + c + b for a, b in splits for c in _DANISH}


@cache
def danish_words() -> Mapping[str, float]:
    """Danish words and their frequency in general Danish text (wordfreq's list, about 30,000
    words; loaded in milliseconds, once)."""
    import wordfreq

    return wordfreq.get_frequency_dict("da", wordlist="small")


class Vocabulary:
    """Word counts of a corpus, and the most frequent æøå spelling behind each folded form.

    `language` holds the words of the language beyond the corpus, with their frequency: none of
    them is taken for a typo.
    """

    def __init__(self, counts: Mapping[str, int], language: Mapping[str, float] | None = None):
        self.counts: Counter[str] = Counter(counts)
        self.language = language if language is not None else danish_words()
        self._unfolded: dict[str, str] = {}
        for word, _ in self.counts.most_common():
            folded = ascii_typing(word)
            if folded != word:
                self._unfolded.setdefault(folded, word)

    @classmethod
    def of_texts(
        cls, texts: Iterable[str], language: Mapping[str, float] | None = None
    ) -> "Vocabulary":
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(words(text))
        return cls(counts, language)

    def _correct_word(self, word: str) -> str:
        lower = word.lower()
        if self.counts[lower] or len(lower) < 3:
            return word
        known = self.language.get(lower, 0.0)
        restored = self._unfolded.get(lower) or self._unfolded.get(lower.replace("oe", "o"))
        # "moder" is Danish too, but far rarer than the "møder" it was typed for.
        if restored and (not known or known < self.language.get(restored, 0.0)):
            return restored
        if known or len(lower) < MIN_TYPO_LENGTH:
            return word
        # A letter put back at the end only inflects a word ("projektledere" -> "projektlederen",
        # "opsummere" -> "opsummeres"): the typed form is as likely meant.
        candidates = [w for w in _typos(lower) if self.counts[w] >= MIN_COUNT and w[:-1] != lower]
        return max(candidates, key=lambda w: self.counts[w]) if candidates else word

    def correct(self, query: str) -> str:
        """The query with unknown words replaced by their likely corpus spelling."""
        return _WORD.sub(lambda m: _same_case(m.group(), self._correct_word(m.group())), query)


def _same_case(typed: str, corrected: str) -> str:
    return corrected[:1].upper() + corrected[1:] if typed[:1].isupper() else corrected
