"""Snippets with the matched words in <b>, and the passage (section or FAQ) a hit is best shown at.

Computed only for the hits that are shown, straight from the term's text (no Whoosh highlighter: it
re-analyses whole documents and was the slow part, 22 ms p50 for ten hits). A regex built from the query's
stems finds candidate words in an accent-folded copy of each passage; each candidate is confirmed by
stemming just that word. Everything outside the <b> tags is HTML-escaped.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.search.analysis import analyze, fold_same_length, stem_word
from desktop_app.search.documents import Passage

SNIPPET_CHARS = 180  # about two lines in the results list
LEAD_CHARS = 40  # context shown before the first matched word
MAX_MATCHES = 400  # per term; enough to pick the best passage and window


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    stem: str


@dataclass(frozen=True)
class Highlighter:
    """Finds the query's words (any inflection) in text."""

    stems: frozenset[str]
    pattern: re.Pattern[str] | None  # any case (for text that could not be lower-cased in place)
    lower_pattern: re.Pattern[str] | None = None  # the same for lower-case text, measured ~2x faster
    probes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (stem, lower-case prefixes that suggest it)

    @classmethod
    def for_words(cls, folded_words: Iterable[str]) -> Highlighter:
        stems: set[str] = set()
        prefixes: dict[str, set[str]] = {}
        for w in folded_words:
            s = stem_word(w)
            if not s:
                continue
            stems.add(s)
            # Porter stems are nearly always a prefix of the word once their last letters are dropped
            # ("anxieti" for "anxiety"), so a short prefix finds every candidate; stemming confirms it.
            prefixes.setdefault(s, set()).update((s[: max(3, len(s) - 2)], w[: max(3, len(w) - 2)]))
        if not stems:
            return cls(frozenset(), None)
        every = {p for ps in prefixes.values() for p in ps}
        alternatives = "|".join(sorted((re.escape(p) for p in every), key=len, reverse=True))
        probes = tuple((s, tuple(sorted(ps))) for s, ps in prefixes.items())
        return cls(frozenset(stems), re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE),
                   re.compile(rf"\b(?:{alternatives})\w*"), probes)

    def present(self, lowered: str) -> set[str]:
        """The stems that probably occur in lower-case ``lowered`` text: a fast check (str.find, no stemming)."""
        found = set()
        for stem, prefixes in self.probes:
            for p in prefixes:
                if _find_word_start(lowered, p):
                    found.add(stem)
                    break
        return found

    def matches(self, text: str, folded: str | None = None, lowered: bool = False) -> list[Match]:
        """Matches in ``text`` (``folded``: its fold_same_length(), if already computed; ``lowered``: and
        lower-cased)."""
        if self.pattern is None or self.lower_pattern is None or not text:
            return []
        out: list[Match] = []
        pattern = self.lower_pattern if lowered and folded is not None else self.pattern
        for m in pattern.finditer(fold_same_length(text) if folded is None else folded):
            s = stem_word(m.group().lower())
            if s in self.stems:
                out.append(Match(m.start(), m.end(), s))
                if len(out) >= MAX_MATCHES:
                    break
        return out


def _find_word_start(text: str, prefix: str) -> bool:
    """Whether ``prefix`` occurs at the start of a word of ``text`` (C-speed find, then a boundary check)."""
    i = text.find(prefix)
    tries = 0
    while i != -1 and tries < 50:
        if i == 0 or not text[i - 1].isalnum():
            return True
        i = text.find(prefix, i + 1)
        tries += 1
    return False


@dataclass(frozen=True)
class Snippet:
    passage: Passage
    html: str
    matched: int  # distinct query stems found in the passage


@dataclass(frozen=True)
class TermText:
    """A term's passages joined once (and folded once), so a snippet is one regex scan. Cache it per term."""

    passages: list[Passage]
    joined: str
    folded: str
    starts: list[int]  # offset of each passage in ``joined``
    name_stems: frozenset[str] = frozenset()  # index terms of the title, aliases and brand names
    lowered: bool = False  # ``folded`` is also lower-cased (lower() kept every offset)

    @classmethod
    def of(cls, passages: list[Passage], names: Iterable[str] = ()) -> TermText:
        starts, pos = [], 0
        for p in passages:
            starts.append(pos)
            pos += len(p.text) + 1
        joined = "\n".join(p.text for p in passages)
        folded = fold_same_length(joined)
        lowered = folded.lower()
        name_stems = frozenset(analyze(" \n".join(names)))
        same = len(lowered) == len(folded)
        return cls(passages, joined, lowered if same else folded, starts, name_stems, same)

    @property
    def lower(self) -> str:
        """Folded, lower-case text for :meth:`Highlighter.present` (offsets may differ in rare scripts)."""
        return self.folded if self.lowered else self.folded.lower()


def best_passage(tt: TermText, hl: Highlighter, matches: list[Match] | None = None) -> tuple[Passage, list[Match]]:
    """The passage holding the most distinct query words (then the most matches; ties: page order).

    ``matches``: ``hl.matches(tt.joined, tt.folded)`` if the caller already has it.
    """
    per: dict[int, list[Match]] = {}
    for m in hl.matches(tt.joined, tt.folded, tt.lowered) if matches is None else matches:
        i = bisect.bisect_right(tt.starts, m.start) - 1
        base = tt.starts[i]
        per.setdefault(i, []).append(Match(m.start - base, m.end - base, m.stem))
    if not per:
        return tt.passages[0], []
    best = max(per, key=lambda i: (len({m.stem for m in per[i]}), len(per[i]), -i))
    return tt.passages[best], per[best]


def _window(text: str, ms: list[Match]) -> tuple[int, int]:
    if len(text) <= SNIPPET_CHARS:
        return 0, len(text)
    if not ms:
        start = 0
    else:
        best_start, best_key = ms[0].start, (-1, -1)
        for m in ms:  # the window starting near each match; keep the one covering most distinct words
            inside = [x for x in ms if m.start <= x.start and x.end <= m.start + SNIPPET_CHARS - LEAD_CHARS]
            key = (len({x.stem for x in inside}), len(inside))
            if key > best_key:
                best_start, best_key = m.start, key
        start = max(0, best_start - LEAD_CHARS)
    end = min(len(text), start + SNIPPET_CHARS)
    if end == len(text):
        start = max(0, end - SNIPPET_CHARS)
    if start > 0:  # begin on a word
        sp = text.find(" ", start)
        start = sp + 1 if 0 <= sp < start + 20 else start
    if end < len(text):  # end on a word
        sp = text.rfind(" ", start, end)
        end = sp if sp > start + SNIPPET_CHARS // 2 else end
    return start, end


def render(text: str, ms: list[Match]) -> str:
    """The best window of ``text``, escaped, with the matches in <b>…</b> and "…" where text was cut."""
    start, end = _window(text, ms)
    parts: list[str] = ["…"] if start > 0 else []
    pos = start
    for m in ms:
        if m.start < pos or m.end > end:
            continue
        parts.append(html.escape(text[pos : m.start], quote=False))
        parts.append("<b>" + html.escape(text[m.start : m.end], quote=False) + "</b>")
        pos = m.end
    parts.append(html.escape(text[pos:end], quote=False))
    if end < len(text):
        parts.append("…")
    return "".join(parts)


def make_snippet(tt: TermText, hl: Highlighter, summary_only: bool = False,
                 matches: list[Match] | None = None) -> Snippet:
    """The snippet of the best passage (``summary_only``: of the summary, if the query's words are in it)."""
    passage, ms = tt.passages[0], []
    if summary_only:
        ms = hl.matches(passage.text, tt.folded[: len(passage.text)], tt.lowered)
    if not ms:
        passage, ms = best_passage(tt, hl, matches)
    return Snippet(passage, render(passage.text, ms), len({m.stem for m in ms}))
