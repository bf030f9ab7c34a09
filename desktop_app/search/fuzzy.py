"""Typo correction ("did you mean") over the glossary's own vocabulary, with rapidfuzz.

Whoosh's FuzzyTerm expands over the whole body vocabulary at query time and took 100–220 ms per query on
150 documents; a rapidfuzz scan over the names' words (then the body words, bucketed by first letter)
takes well under a millisecond. See docs/search.md for the measurement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

from desktop_app.search.analysis import STOP

MIN_WORD_CHARS = 4  # shorter words are too ambiguous to correct
NAME_CUTOFF = 80.0  # similarity (0..100) needed to correct towards a title/alias word
BODY_CUTOFF = 85.0  # ... towards any other word of the glossary
MIN_BODY_DF = 2  # a body word must be used by this many terms to be offered as a correction


class Corrector:
    """Suggests the closest known word for an unknown one."""

    def __init__(self, name_words: Iterable[str], vocab: Mapping[str, int]):
        self.known: frozenset[str] = frozenset(vocab) | frozenset(name_words)
        self._names = sorted(w for w in set(name_words) if w not in STOP)  # never "correct" towards "can"
        self._vocab = vocab
        buckets: dict[str, list[str]] = {}
        for w, df in vocab.items():
            if df >= MIN_BODY_DF and len(w) >= 3 and w.isalpha() and w not in STOP:
                buckets.setdefault(w[0], []).append(w)
        self._buckets = buckets

    def is_known(self, word: str) -> bool:
        return word in self.known or word in STOP or len(word) < MIN_WORD_CHARS or not word.isalpha()

    def correct(self, word: str) -> str | None:
        """The best correction for a folded ``word``, or None if it is known or nothing is close."""
        if self.is_known(word):
            return None
        hit = process.extractOne(word, self._names, scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF)
        if hit is not None:
            return hit[0]
        bucket = self._buckets.get(word[0], ())
        best = process.extract(word, bucket, scorer=fuzz.ratio, score_cutoff=BODY_CUTOFF, limit=5)
        if not best:
            return None
        # Among equally close words, the one more terms use is the likelier intent.
        best.sort(key=lambda m: (-m[1], -self._vocab.get(m[0], 0)))
        return best[0][0]
