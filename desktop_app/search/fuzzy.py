"""Typo correction ("did you mean") over the glossary's own vocabulary, with rapidfuzz.

Whoosh's FuzzyTerm expands over the whole body vocabulary at query time and took 100–220 ms per query on
150 documents; a rapidfuzz scan over the names' words (then the body words, bucketed by first letter)
takes well under a millisecond. See docs/search.md for the measurement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

from desktop_app.search import english
from desktop_app.search.analysis import STOP

MIN_WORD_CHARS = 4  # shorter words are too ambiguous to correct
NAME_CUTOFF = 80.0  # similarity (0..100) needed to correct towards a title/alias word
BODY_CUTOFF = 85.0  # ... towards any other word of the glossary
MIN_BODY_DF = 2  # a body word must be used by this many terms to be offered as a correction

# Spellings that sound alike ("skizofrenia", "schizophrenia"): compared after these replacements, in order.
_SOUNDS = (("sch", "sk"), ("ph", "f"), ("ck", "k"), ("ch", "k"), ("c", "k"), ("q", "k"), ("z", "s"),
           ("y", "i"), ("x", "ks"))


def sound_key(word: str) -> str:
    """A rough English sound-alike key: 'schizophrenia' and 'skizofrenia' both give 'skisofrenia'."""
    for a, b in _SOUNDS:
        word = word.replace(a, b)
    out = []
    for ch in word:  # doubled letters sound single ("dissociation", "disociation")
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


class Corrector:
    """Suggests the closest known word for an unknown one."""

    def __init__(self, name_words: Iterable[str], vocab: Mapping[str, int]):
        self.known: frozenset[str] = frozenset(vocab) | frozenset(name_words)
        self._names = sorted(w for w in set(name_words) if w not in STOP)  # never "correct" towards "can"
        self._vocab = vocab
        self._sounds: dict[str, str] = {}
        for w in self._names:
            if len(w) >= MIN_WORD_CHARS:
                self._sounds.setdefault(sound_key(w), w)
        buckets: dict[str, list[str]] = {}
        for w, df in vocab.items():
            if df >= MIN_BODY_DF and len(w) >= 3 and w.isalpha() and w not in STOP:
                buckets.setdefault(w[0], []).append(w)
        self._buckets = buckets

    def is_known(self, word: str) -> bool:
        """Known words are never corrected: the glossary's own words, stop words, short or non-alphabetic
        words, and every ordinary English word (wordfreq), so "kill" never becomes "skills"."""
        return (word in self.known or word in STOP or len(word) < MIN_WORD_CHARS or not word.isalpha()
                or english.is_word(word))

    def correct(self, word: str) -> str | None:
        """The best correction for a folded ``word``, or None if it is known or nothing is close."""
        if self.is_known(word):
            return None
        hit = process.extractOne(word, self._names, scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF)
        if hit is not None:
            return hit[0]
        # Spelled by ear: compare how the words sound, against the names only.
        key = sound_key(word)
        if key in self._sounds:
            return self._sounds[key]
        hit = process.extractOne(key, list(self._sounds), scorer=fuzz.ratio, score_cutoff=BODY_CUTOFF)
        if hit is not None:
            return self._sounds[hit[0]]
        bucket = self._buckets.get(word[0], ())
        best = process.extract(word, bucket, scorer=fuzz.ratio, score_cutoff=BODY_CUTOFF, limit=5)
        if not best:
            return None
        # Among equally close words, the one more terms use is the likelier intent.
        best.sort(key=lambda m: (-m[1], -self._vocab.get(m[0], 0)))
        return best[0][0]
