"""Every name a reader may type for a term (title, aliases, brand examples), in memory, for instant matching.

This is what makes the exact match come first and what answers each keystroke: exact (folded) and
stem-exact lookups are dict hits, prefix lookups are a binary search over sorted names, and typo
tolerance is a rapidfuzz scan over the names only (not the body), which stays in the low milliseconds.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from desktop_app.content.model import Term
from desktop_app.search.analysis import fold, name_key
from desktop_app.search.analysis import words as _words


def surface_words(text: str) -> list[str]:
    """Folded words with apostrophes dropped first ("can't sleep" -> ["cant", "sleep"])."""
    return _words(text.replace("'", "").replace("’", ""))

# Match tiers, best first. A tier always outranks every lower tier, whatever the relevance scores.
EXACT = 5  # the whole query is a title or alias (case, accents and punctuation ignored)
STEM_EXACT = 4  # the same words up to inflection ("panic attacks" -> "Panic attack")
PREFIX = 3  # a title or alias starts with the query ("neuroplas" -> "Neuroplasticity")
WORD_PREFIX = 2  # a later word of a title or alias starts with the query ("attack" -> "Panic attack")
FUZZY = 1  # close to a title or alias despite a typo ("schizophernia" -> "Schizophrenia")

PREFIX_SCAN_CAP = 400  # entries looked at per prefix lookup, so one letter stays as fast as ten
FUZZY_MIN_CHARS = 4
FUZZY_MAX_CHARS = 48  # a longer query is a question or a sentence, not a misspelt name
FUZZY_CUTOFF = 82.0


@dataclass(frozen=True)
class NameEntry:
    slug: str
    name: str  # as written in the content
    folded: str  # fold(name)
    is_title: bool
    is_lay: bool = False  # an everyday word people search with (lay_terms): matched, never shown as a name


@dataclass(frozen=True)
class NameMatch:
    entry: NameEntry
    tier: int
    quality: float  # within a tier, higher is better (0..1)

    @property
    def alias(self) -> str | None:
        """The alias that matched, or None when it was the title or a lay word (never shown as a name)."""
        return None if self.entry.is_title or self.entry.is_lay else self.entry.name


class NameTable:
    """Titles, aliases and brand examples of every term, indexed for exact, prefix and fuzzy lookup."""

    def __init__(self, terms: Iterable[Term]):
        self.entries: list[NameEntry] = []
        self._by_folded: dict[str, list[int]] = {}
        self._by_key: dict[str, list[int]] = {}
        full: list[tuple[str, int]] = []
        tails: list[tuple[str, int]] = []
        self._brand_count: dict[str, int] = {}
        brands: set[tuple[str, str]] = set()
        for term in terms:
            names = [(n, False) for n in term.all_names] + [(n, True) for n in term.lay_terms]
            self._brand_count[term.slug] = len(term.brand_examples)
            brands.update((term.slug, fold(b)) for b in term.brand_examples)
            for name, lay in names:
                folded = fold(name)
                if not folded:
                    continue
                i = len(self.entries)
                self.entries.append(NameEntry(term.slug, name, folded, name == term.title and not lay, lay))
                self._by_folded.setdefault(folded, []).append(i)
                key = name_key(name)
                # A lay phrase that loses words to the stop list ("me time" -> time) would match any query with
                # that one word left ("what time is it"): lay words match up to inflection only when whole.
                if key and (not lay or len(key.split()) == len(folded.split())):
                    self._by_key.setdefault(key, []).append(i)
                full.append((folded, i))
                pos = folded.find(" ")
                while pos != -1:
                    tails.append((folded[pos + 1 :], i))
                    pos = folded.find(" ", pos + 1)
        full.sort()
        tails.sort()
        self._full_keys = [k for k, _ in full]
        self._full_ids = [i for _, i in full]
        self._tail_keys = [k for k, _ in tails]
        self._tail_ids = [i for _, i in tails]
        self._choices = [e.folded for e in self.entries]
        # Typos are rarely in the first letter: comparing with names of the same first letter only keeps the
        # fuzzy scan ~20x smaller (about 1 ms even at 20,000 terms).
        self._buckets: dict[str, list[int]] = {}
        for i, name in enumerate(self._choices):
            self._buckets.setdefault(name[0], []).append(i)
        self._bucket_names = {ch: [self._choices[i] for i in ids] for ch, ids in self._buckets.items()}
        # Names by their first word, for finding names said inside a longer query (contained()).
        self._by_first_word: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for i, e in enumerate(self.entries):
            ws = tuple(surface_words(e.name))
            if ws:
                self._by_first_word.setdefault(ws[0], []).append((ws, i))
        self._brands = frozenset(brands)
        self.words: frozenset[str] = frozenset(w for e in self.entries if not e.is_lay
                                               for w in e.folded.split() if len(w) >= 3)

    def __len__(self) -> int:
        return len(self.entries)

    def _prefix(self, keys: list[str], ids: list[int], q: str) -> list[int]:
        out: list[int] = []
        start = bisect.bisect_left(keys, q)
        for j in range(start, min(start + PREFIX_SCAN_CAP, len(keys))):
            if not keys[j].startswith(q):
                break
            out.append(ids[j])
        return out

    def lookup(self, text: str, *, prefixes: bool = True, fuzzy: bool = True) -> list[NameMatch]:
        """Every name matching ``text``, best first, at most one match per term (its best)."""
        q = fold(text)
        if not q:
            return []
        best: dict[str, NameMatch] = {}

        def offer(i: int, tier: int, quality: float) -> None:
            e = self.entries[i]
            if e.is_title:  # a title beats an alias of the same tier (clearly so for prefixes: "n" -> Neuron, not NE)
                quality += 0.5 if tier in (PREFIX, WORD_PREFIX) else 0.001
            elif e.is_lay:  # an alias beats an everyday word of the same tier
                quality -= 0.05
            elif (e.slug, e.folded) in self._brands:
                # A brand shared by a medicine and its class ("Seroquel": quetiapine and antipsychotics): the
                # medicine first; a class lists many brands as examples, a medicine one or two.
                quality -= 0.01 * min(self._brand_count.get(e.slug, 0), 10)
            cur = best.get(e.slug)
            if cur is None or (tier, quality) > (cur.tier, cur.quality):
                best[e.slug] = NameMatch(e, tier, quality)

        for i in self._by_folded.get(q, ()):
            offer(i, EXACT, 1.0)
        key = name_key(q)
        for i in self._by_key.get(key, ()) if key else ():
            offer(i, STEM_EXACT, 1.0)
        if prefixes:
            for i in self._prefix(self._full_keys, self._full_ids, q):
                offer(i, PREFIX, len(q) / len(self.entries[i].folded))
            for i in self._prefix(self._tail_keys, self._tail_ids, q):
                offer(i, WORD_PREFIX, len(q) / len(self.entries[i].folded))
        if fuzzy and not best and FUZZY_MIN_CHARS <= len(q) <= FUZZY_MAX_CHARS:
            for m in self.fuzzy(q, limit=10, prefix=prefixes):
                offer(m.entry_index, FUZZY, m.score / 100.0)
        return sorted(best.values(), key=lambda m: (-m.tier, -m.quality, m.entry.folded))

    def contained(self, query_words: list[str]) -> list[tuple[NameEntry, tuple[str, ...]]]:
        """Names (titles, aliases, lay words) said whole inside a longer query, word for word (folded, with
        apostrophes dropped): "feel like im being followed" holds the lay words "being followed"."""
        out: list[tuple[NameEntry, tuple[str, ...]]] = []
        n = len(query_words)
        for pos, w in enumerate(query_words):
            for ws, i in self._by_first_word.get(w, ()):
                k = len(ws)
                if k < n and tuple(query_words[pos : pos + k]) == ws:
                    out.append((self.entries[i], ws))
        return out

    def fuzzy(self, folded_query: str, limit: int = 10, prefix: bool = False) -> list[_Fuzzy]:
        """Names within a typo or two of the query (``prefix``: of what the query has typed so far)."""
        scorer = fuzz.partial_ratio if prefix else fuzz.ratio
        bucket = self._buckets.get(folded_query[:1], [])
        found = process.extract(folded_query, self._bucket_names.get(folded_query[:1], []), scorer=scorer, limit=limit * 3,
                                score_cutoff=FUZZY_CUTOFF)
        out = []
        n = len(folded_query)
        for _choice, score, j in found:
            i = bucket[j]
            name = self._choices[i]
            if prefix and len(name) < n - 2:
                continue  # a short name inside a long query is not a typo of it
            if prefix:  # prefer names whose whole length is close to what was typed
                score = max(score - 0.5 * max(0, len(name) - n) / max(n, 1), fuzz.ratio(folded_query, name))
            out.append(_Fuzzy(i, score))
        out.sort(key=lambda m: -m.score)
        return out[:limit]


@dataclass(frozen=True)
class _Fuzzy:
    entry_index: int
    score: float
