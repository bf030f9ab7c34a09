"""The search engine the GUI and the CLI call: suggest, search, snippets, did-you-mean. Qt-free.

Ranking, best first (a higher tier always wins, whatever the relevance scores):

1. the whole query is a title or alias (folded), then the same up to inflection ("panic attacks");
2. a title or alias starts with the query, then a later word of one does ("attack" -> "Panic attack");
3. a title or alias within a typo or two;
4. BM25F relevance over all text fields with the boosts in :data:`schema.FIELD_BOOSTS`, scaled by how many
   of the query's words a term contains (coordination), so a question finds the term that answers all of it.

Thread safety: one engine serves one thread at a time (the Whoosh searcher and the caches are not
locked). The GUI calls suggest/search from a single worker thread; ``close()`` from that thread too.
No Whoosh type appears in this module's public API.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from whoosh.query import And, AndMaybe, AndNot, Or, Phrase, Query
from whoosh.query import Term as TermQuery

from desktop_app import paths
from desktop_app.content.model import Category, Term
from desktop_app.search import indexer
from desktop_app.search import schema as f
from desktop_app.search.analysis import fold, stem_word
from desktop_app.search.documents import passages
from desktop_app.search.fuzzy import Corrector
from desktop_app.search.names import EXACT, FUZZY, PREFIX, STEM_EXACT, NameMatch, NameTable
from desktop_app.search.query import ParsedQuery, parse
from desktop_app.search.snippets import Highlighter, Match, TermText, make_snippet

log = logging.getLogger(__name__)

MAX_LIMIT = 500  # hits per search, whatever the caller asks ("show them all" on the results page)
CANDIDATES_MIN = 30  # BM25 candidates fetched before coordination re-ranks them
POSTINGS_BUDGET = 600  # a field is walked for a word only if at most this many terms use the word there
COORD_FLOOR = 0.3  # a term matching one word of five keeps 0.3 + 0.7/5 of its relevance
TIER_WEIGHT = 1000.0  # Hit.score = tier * TIER_WEIGHT + 100 * name quality + relevance scaled to 0..99
PASSAGE_CACHE = 1024  # terms whose plain text is kept (about 12 KB each)

REASONS = {
    "missing": "The search index was missing and has been built.",
    "stale": "The search index was out of date and has been rebuilt.",
    "incompatible": "The search index was made by another version of the app and has been rebuilt.",
    "corrupt": "The search index was damaged and has been rebuilt.",
}


@dataclass(frozen=True)
class Suggestion:
    slug: str
    title: str
    category: str  # category name
    matched_alias: str | None  # the alias or brand name that matched, None when the title did


@dataclass(frozen=True)
class Hit:
    slug: str
    title: str
    category: str  # category name
    score: float  # higher is better; hits are sorted by it
    matched_alias: str | None  # "brain plasticity" when that alias of Neuroplasticity matched
    section: str | None  # anchor of the section to open at; "faq-N" for the N-th FAQ; None: the top
    section_heading: str | None  # that section's heading (or the FAQ question)
    snippet: str  # HTML-escaped text; matched words wrapped in <b>…</b>

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON shape (no section_heading)."""
        d = asdict(self)
        del d["section_heading"]
        d["score"] = round(self.score, 3)
        return d


@dataclass(frozen=True)
class SearchResults:
    hits: list[Hit]
    did_you_mean: str | None  # a corrected query when words were unknown; the hits are for it
    total: int  # terms that matched (the hits are the first ``limit`` of them)
    total_exact: bool = True  # False: ``total`` is a lower bound (more matched than were scored)


@dataclass(frozen=True)
class IndexStatus:
    location: Path | None  # the index folder in use; None for a temporary in-memory index
    rebuilt: bool
    message: str  # one line for the user; empty when nothing happened worth saying
    reason: str | None = None  # missing, stale, incompatible, corrupt (why it was rebuilt)


class IndexUnavailable(RuntimeError):
    """No index could be opened or built anywhere (not even in memory)."""


@dataclass
class _Candidate:
    slug: str
    tier: int = 0
    quality: float = 0.0
    relevance: float = 0.0
    alias: str | None = None
    matches: list[Match] | None = None  # the query's words in the term's text, once computed


class SearchEngine:
    """Answers queries over one glossary with one open, validated index."""

    def __init__(self, terms: Mapping[str, Term], categories: Sequence[Category], opened: indexer.OpenIndex):
        self._terms = dict(terms)
        self._categories = list(categories)
        self._opened = opened
        self._searcher: Any = opened.searcher
        self._names = NameTable(self._terms.values())
        self._corrector = Corrector(self._names.words, opened.vocab)
        self._slug_by_doc: dict[int, str] = dict(opened.slug_by_doc)
        self._doc_by_slug = {s: d for d, s in self._slug_by_doc.items()}
        self._cat_id_by_name = {c.name: c.id for c in self._categories}
        self._texts: OrderedDict[str, TermText] = OrderedDict()
        self.errors = 0  # unexpected exceptions swallowed by search/suggest (tests assert it stays 0)
        self.healthy = True  # False once the index failed mid-search: reopen with open_or_build to rebuild

    # ------------------------------------------------------------------------------------ opening

    @classmethod
    def open_or_build(cls, glossary: Any, on_progress: Callable[[int, int], None] | None = None,
                      warm: bool = True) -> tuple[SearchEngine, IndexStatus]:
        """Open the index for ``glossary``, rebuilding it if it is missing, stale, incompatible or damaged.

        Looks in ``paths.index_roots()`` (the shipped or checkout index, then the user cache); rebuilds into
        the first of ``paths.index_build_roots()`` that is writable (never a wheel's shipped index), else in
        memory. May take seconds when it builds: call it off the UI thread.
        ``warm``: also prepare the terms' text for snippets now (~0.5 ms a term), not at the first search.
        """
        terms, categories = glossary.terms, glossary.categories
        info = indexer.content_info(terms, categories)
        roots = paths.index_roots()
        build_roots = paths.index_build_roots()  # not a wheel's shipped index (site-packages is not ours)
        problems: list[indexer.IndexProblem] = []
        for root in roots:
            if root in build_roots:
                indexer.sweep_at_start(root)  # leftovers of killed builds, never a live build's folder
            try:
                engine = cls(terms, categories, indexer.open_index(root, info))
            except indexer.IndexProblem as p:
                problems.append(p)
                continue
            if warm:
                engine.warm()
            return engine, IndexStatus(root, False, "")
        worst = next((p for p in problems if p.kind != "missing"), problems[0])
        reason = worst.kind
        for root in build_roots:
            try:
                opened = _build_or_reuse(root, terms, categories, info, on_progress)
            except (OSError, indexer.IndexProblem) as exc:
                log.info("cannot build the index in %s: %s", root, exc)
                continue
            message = REASONS[reason]
            if root != roots[0] and roots[0] in build_roots:
                message = message[:-1] + f" in {root} (the app's own index folder is not writable)."
            engine = cls(terms, categories, opened)
            if warm:
                engine.warm()
            return engine, IndexStatus(root, True, message, reason)
        try:
            opened = indexer.build_in_memory(terms, categories, on_progress)
        except Exception as exc:  # pragma: no cover - nothing left to try
            raise IndexUnavailable(f"the search index cannot be built: {exc}") from exc
        message = REASONS[reason][:-1] + " for this session only (no writable folder to keep it in)."
        return cls(terms, categories, opened), IndexStatus(None, True, message, reason)

    def warm(self) -> None:
        """Prepare the plain text of the first terms (up to the cache size), so the first searches after
        opening do not pay for it (about 0.5 ms a term). ``open_or_build`` calls it unless told not to."""
        for slug in list(self._terms)[:PASSAGE_CACHE]:
            self._text_of(self._terms[slug])

    def close(self) -> None:
        self._opened.close()

    @property
    def location(self) -> Path | None:
        return self._opened.location

    def category_id(self, value: str | None) -> str | None:
        """Resolve a category id, name, or the unambiguous start of one (folded) to its id."""
        if not value:
            return None
        v = fold(value)
        if not v:
            return None
        exact = [c.id for c in self._categories if v in (fold(c.id), fold(c.name))]
        if exact:
            return exact[0]
        starts = [c.id for c in self._categories if fold(c.id).startswith(v) or fold(c.name).startswith(v)]
        return starts[0] if len(starts) == 1 else None

    # ------------------------------------------------------------------------------------ suggest

    def suggest(self, text: str, limit: int = 8) -> list[Suggestion]:
        """Titles and aliases matching what has been typed so far (exact, prefix, then typo-tolerant)."""
        try:
            pq = parse(text)
            name_text = pq.name_text or (" ".join(pq.phrases[0]) if pq.phrases else "")
            cat = self.category_id(pq.category)
            out: list[Suggestion] = []
            for m in self._names.lookup(name_text):
                term = self._terms.get(m.entry.slug)
                if term is None or (cat and self._cat_id_by_name.get(term.category) != cat):
                    continue
                out.append(Suggestion(term.slug, term.title, term.category, m.alias))
                if len(out) >= max(1, min(limit, MAX_LIMIT)):
                    break
            return out
        except Exception:
            self.errors += 1
            log.exception("suggest failed for %r", text[:100] if isinstance(text, str) else text)
            return []

    # ------------------------------------------------------------------------------------- search

    def search(self, text: str, limit: int = 20, category: str | None = None) -> SearchResults:
        """Ranked hits with snippets for ``text`` (see the module docstring for the ranking)."""
        try:
            return self._search(text, limit, category)
        except Exception:
            self.errors += 1
            log.exception("search failed for %r", text[:100] if isinstance(text, str) else text)
            return SearchResults([], None, 0)

    def _search(self, text: str, limit: int, category: str | None) -> SearchResults:
        limit = max(1, min(int(limit), MAX_LIMIT))
        pq = parse(text)
        if category:
            cat = self.category_id(category)
            if cat is None:
                return SearchResults([], None, 0)
        else:
            cat = self.category_id(pq.category)
            if pq.category and cat is None:  # not a category: the reader meant the words
                pq.words = [*pq.words, *fold(pq.category).split()]
        if pq.is_empty:
            return SearchResults([], None, 0)

        name_text = pq.name_text or (" ".join(pq.phrases[0]) if len(pq.phrases) == 1 else "")
        names = self._names.lookup(name_text) if name_text else []
        words = list(pq.words)
        did_you_mean = None
        corrected = [self._corrector.correct(w) or w for w in words]
        if corrected != words and not any(m.tier >= PREFIX for m in names):
            did_you_mean = _display_query(pq, corrected)
            words = corrected
            names = _merge(names, self._names.lookup(" ".join(corrected), prefixes=False, fuzzy=False))

        stems = list(dict.fromkeys(s for s in (stem_word(w) for w in words) if s))
        phrase_stems = [[s for s in (stem_word(w) for w in p) if s] for p in pq.phrases]
        phrase_stems = [p for p in phrase_stems if p]
        excluded = list(dict.fromkeys(s for s in (stem_word(w) for w in pq.excluded) if s))
        excluded_phrases = [[s for s in (stem_word(w) for w in p) if s] for p in pq.excluded_phrases]
        excluded_phrases = [p for p in excluded_phrases if p]

        cands: dict[str, _Candidate] = {}
        total = 0
        exact = True
        positive = self._positive_query(stems, phrase_stems)
        negative = _negative_query(excluded, excluded_phrases)
        cat_filter = TermQuery(f.CATEGORY, cat) if cat else None
        fetch = max(CANDIDATES_MIN, 2 * limit)
        if positive is not None:
            q: Query = AndNot(positive, negative) if negative is not None else positive
            try:
                results = self._searcher.search(q, limit=fetch, filter=cat_filter)
                # Counting every match would re-run the query; when fewer than the fetched number were scored,
                # that number is exact, otherwise Whoosh's lower bound is good enough for "N results".
                scored = results.scored_length()
                total = scored if scored < fetch else max(scored, results.estimated_min_length())
                exact = scored < fetch
                found: list[tuple[str | None, float]] = [(self._slug_by_doc.get(h.docnum), h.score)
                                                          for h in results]
            except Exception:  # damage Whoosh only noticed now: keep answering from the names
                self.healthy = False
                self.errors += 1
                log.exception("the search index failed; answering from titles and aliases only")
                found, negative = [], None
            for slug, score in found:
                if slug is not None:
                    cands[slug] = _Candidate(slug, relevance=score)

        if names:
            try:
                allowed = self._allowed_filter(phrase_stems, negative, cat)
            except Exception:
                self.healthy = False
                self.errors += 1
                log.exception("the search index failed while filtering names")
                return SearchResults([], did_you_mean, 0)
            for m in names:
                if m.tier == FUZZY and did_you_mean is None and cands:
                    continue  # typo-matches only when the query itself found nothing better
                if not allowed(m.entry.slug):
                    continue
                c = cands.get(m.entry.slug)
                if c is None:
                    c = cands[m.entry.slug] = _Candidate(m.entry.slug)
                    total += 1
                c.tier, c.quality, c.alias = m.tier, m.quality, m.alias

        if not cands:
            return SearchResults([], did_you_mean, 0)
        hl = Highlighter.for_words([*words, *(w for p in pq.phrases for w in p)])
        if len(stems) > 1:
            # Coordination: scale relevance by the share of the query's words the term contains (a quick probe
            # of the term's own text), so "can adults rewire their brains" ranks the term with all three words
            # above terms that say "brain" often. Only the fetched candidates pay.
            wanted = set(stems)
            for c in cands.values():
                if c.relevance:
                    tt = self._text_of(self._terms[c.slug])
                    present = hl.present(tt.lower) | (wanted & tt.name_stems)
                    c.relevance *= COORD_FLOOR + (1 - COORD_FLOOR) * len(present & wanted) / len(wanted)
        top_rel = max(c.relevance for c in cands.values()) or 1.0
        scored = sorted(((_score(c, top_rel), c) for c in cands.values()), key=lambda sc: (-sc[0], sc[1].slug))
        hits = [self._hit(c, score, hl) for score, c in scored[:limit]]
        return SearchResults(hits, did_you_mean, max(total, len(hits)), exact)

    def _fields_for(self, stems: list[str]) -> dict[str, float]:
        """The fields worth walking for these words: each whose posting list fits POSTINGS_BUDGET.

        Whoosh scores every posting it walks, in Python, so the cost of a query grows with the document
        frequency of its words. In a big glossary a very common word ("help" in 19 of 20 terms) adds almost
        nothing to BM25 in the body, so it is looked up only where it is rare enough (the title and aliases,
        usually). At the real glossary's size no field ever exceeds the budget and nothing changes.
        """
        reader = self._searcher.reader()
        dfs = {field: max(reader.doc_frequency(field, s) for s in stems) for field in f.FIELD_BOOSTS}
        fields = {field: b for field, b in f.FIELD_BOOSTS.items() if 0 < dfs[field] <= POSTINGS_BUDGET}
        if not fields:
            present = [field for field in f.FIELD_BOOSTS if dfs[field] > 0]
            if present:
                smallest = min(present, key=lambda field: dfs[field])
                fields = {smallest: f.FIELD_BOOSTS[smallest]}
        return fields

    def _positive_query(self, stems: list[str], phrases: list[list[str]]) -> Query | None:
        # One flat Or of (field, word) terms: measured 20-40 % faster in Whoosh than an Or of per-word Ors.
        clauses = [TermQuery(field, s, boost=b) for s in stems for field, b in self._fields_for([s]).items()]
        optional = Or(clauses) if clauses else None
        if not phrases:
            return optional
        parts = [_phrase_query(p, self._fields_for(p) or f.FIELD_BOOSTS) for p in phrases]
        required = And(parts) if len(parts) > 1 else parts[0]
        return AndMaybe(required, optional) if optional is not None else required

    def _allowed_filter(self, phrase_stems: list[list[str]], negative: Query | None,
                        cat: str | None) -> Callable[[str], bool]:
        """Whether a name-matched term also satisfies the phrases, exclusions and category."""
        need: set[int] | None = None
        if phrase_stems:
            need = set(self._searcher.docs_for_query(And([_phrase_query(p) for p in phrase_stems])))
        banned = set(self._searcher.docs_for_query(negative)) if negative is not None else set()

        def allowed(slug: str) -> bool:
            term = self._terms.get(slug)
            if term is None or (cat and self._cat_id_by_name.get(term.category) != cat):
                return False
            doc = self._doc_by_slug.get(slug)
            return doc is not None and doc not in banned and (need is None or doc in need)

        return allowed

    def _hit(self, c: _Candidate, score: float, hl: Highlighter) -> Hit:
        term = self._terms[c.slug]
        tt = self._text_of(term)
        # A hit found by its name opens at the top, and its definition is the best snippet.
        snip = make_snippet(tt, hl, summary_only=c.tier >= PREFIX, matches=c.matches)
        section = heading = None
        if c.tier < PREFIX and snip.matched and snip.passage.section is not None:
            section, heading = snip.passage.section, snip.passage.heading
        return Hit(term.slug, term.title, term.category, round(score, 4), c.alias, section, heading, snip.html)

    def _text_of(self, term: Term) -> TermText:
        tt = self._texts.get(term.slug)
        if tt is None:
            tt = self._texts[term.slug] = TermText.of(passages(term), term.all_names)
            if len(self._texts) > PASSAGE_CACHE:
                self._texts.popitem(last=False)
        else:
            self._texts.move_to_end(term.slug)
        return tt

    def snippet(self, hit_or_slug: Hit | str, text: str) -> str:
        """A snippet of a term for ``text`` (the same as the hit's, computed again on demand)."""
        slug = hit_or_slug.slug if isinstance(hit_or_slug, Hit) else hit_or_slug
        term = self._terms.get(slug)
        if term is None:
            return ""
        pq = parse(text)
        hl = Highlighter.for_words([*pq.words, *(w for p in pq.phrases for w in p)])
        return make_snippet(self._text_of(term), hl).html


# ------------------------------------------------------------------------------------- query building


def _score(c: _Candidate, top_rel: float) -> float:
    """Tier first (in thousands), then name quality (hundreds), then relevance scaled to 0..99."""
    name = min(c.quality, 1.5) * 100.0 if c.tier else 0.0
    return round(c.tier * TIER_WEIGHT + name + 99.0 * c.relevance / top_rel, 4)


def _text(t: object) -> str:
    return t.decode("utf-8", "replace") if isinstance(t, bytes) else str(t)


def _phrase_query(stems: list[str], fields: dict[str, float] = f.FIELD_BOOSTS) -> Query:
    if len(stems) == 1:
        return Or([TermQuery(field, stems[0], boost=boost) for field, boost in fields.items()])
    return Or([Phrase(field, stems, boost=boost) for field, boost in fields.items()])


def _negative_query(stems: list[str], phrases: list[list[str]]) -> Query | None:
    parts = [TermQuery(field, s) for s in stems for field in f.TEXT_FIELDS]
    parts += [_phrase_query(p) for p in phrases]
    return Or(parts) if parts else None


def _merge(a: list[NameMatch], b: list[NameMatch]) -> list[NameMatch]:
    best: dict[str, NameMatch] = {}
    for m in [*a, *b]:
        cur = best.get(m.entry.slug)
        if cur is None or (m.tier, m.quality) > (cur.tier, cur.quality):
            best[m.entry.slug] = m
    return sorted(best.values(), key=lambda m: (-m.tier, -m.quality))


def _display_query(pq: ParsedQuery, corrected: list[str]) -> str:
    parts = list(corrected)
    parts += [f'"{" ".join(p)}"' for p in pq.phrases]
    parts += [f"-{w}" for w in pq.excluded]
    parts += [f'-"{" ".join(p)}"' for p in pq.excluded_phrases]
    if pq.category:
        parts.append(f'category:"{pq.category}"' if " " in pq.category else f"category:{pq.category}")
    return " ".join(parts)


def _build_or_reuse(root: Path, terms: Mapping[str, Term], categories: Sequence[Category], info: indexer.ContentInfo,
                    on_progress: Callable[[int, int], None] | None) -> indexer.OpenIndex:
    """Build into ``root`` under its lock, unless another process built a good index while we waited."""
    root.mkdir(parents=True, exist_ok=True)
    with indexer.build_lock(root):
        try:
            return indexer.open_index(root, info)
        except indexer.IndexProblem:
            pass
        indexer.build_into(root, terms, categories, on_progress)
        return indexer.open_index(root, info)


__all__ = ["EXACT", "STEM_EXACT", "Hit", "IndexStatus", "IndexUnavailable", "SearchEngine", "SearchResults",
           "Suggestion"]
