"""The search engine the GUI and the CLI call: suggest, search, snippets, did-you-mean. Qt-free.

Order of work for a query (docs/search.md has the details and the measurements):

0. crisis language (``crisis_intent``, a reviewed lexicon in resources/crisis/intent.yaml): the crisis terms
   come first (after a term the query names exactly), the query is never spell-corrected, and the results
   carry the match so the GUI shows the crisis card and the CLI a crisis line on stderr;
1. the whole query is a title, alias or lay word (folded), then the same up to inflection;
2. a title or alias starts with the query, then a later word of one does;
3. a title or alias within a typo or two (spelling correction only for words that are not English words);
4. one of a term's names said whole inside a longer query ("trouble paying attention at work");
5. BM25F relevance over all text fields with the boosts in :data:`schema.FIELD_BOOSTS`, each query word
   weighed by how informative it is (``english.weight``: "keep", "over" count little), scaled by the
   weighted share of the query the term holds and where (names fully, the body least).

Every hit gets a calibrated score, 0-100, the same scale for every query (see ``_score``); a query whose
best hit is below :data:`MIN_SCORE` matches nothing (nonsense, off-topic words).

Thread safety: one engine serves one thread at a time (the Whoosh searcher and the caches are not
locked). The GUI calls suggest/search from a single worker thread; ``close()`` from that thread too.
No Whoosh type appears in this module's public API.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from whoosh.query import And, AndMaybe, AndNot, Or, Phrase, Query
from whoosh.query import Term as TermQuery

from desktop_app import paths
from desktop_app.content.model import Category, Term
from desktop_app.search import crisis_intent, english, indexer
from desktop_app.search import schema as f
from desktop_app.search.analysis import STOP, fold, stem_word
from desktop_app.search.documents import passages
from desktop_app.search.fuzzy import Corrector
from desktop_app.search.names import (
    EXACT,
    FUZZY,
    PREFIX,
    STEM_EXACT,
    WORD_PREFIX,
    NameMatch,
    NameTable,
    surface_words,
)
from desktop_app.search.query import ParsedQuery, parse
from desktop_app.search.snippets import Highlighter, Match, TermText, make_snippet

log = logging.getLogger(__name__)

MAX_LIMIT = 500  # hits per search, whatever the caller asks ("show them all" on the results page)
CANDIDATES_MIN = 30  # BM25 candidates fetched before coordination re-ranks them
POSTINGS_BUDGET = 600  # a field is walked for a word only if at most this many terms use the word there
COORD_FLOOR = 0.3  # a term matching one word of five keeps 0.3 + 0.7/5 of its relevance
PASSAGE_CACHE = 1024  # terms whose plain text is kept (about 12 KB each)
EVIDENCE_CACHE = 4096  # query stems whose per-field document sets are kept
MIN_SCORE = 36.0  # the threshold of the calibrated score: below it a hit is not shown (see _score)
CRISIS_SCORE = 100.0
CONTAINED_MIN_WEIGHT = 0.8  # a one-word name counts as said inside a query only if the word is this informative
INFORMATIVE_QUERY = 0.9  # the summed word weight (english.weight) under which text evidence is scaled down
CONTAINED_MIN_SHARE = 0.6
ALT_FORM_WEIGHT = 0.8  # another everyday form of a query word ("anxious" -> anxiety) counts this much in BM25  # ... and carries this share of the query's weight

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
    crisis: crisis_intent.CrisisMatch | None = None  # crisis language in the query: show the crisis card


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
    coverage: float = 0.0  # share of the query's weighted words the term holds, by field evidence (0..1)
    contained: float = 0.0  # share of the query's weighted words covered by one of its names said whole


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
        self._evidence_cache: OrderedDict[str, dict[int, float]] = OrderedDict()
        # The word list, the word forms and the crisis lexicon load here (about 100 ms, off the UI thread), not
        # at the first keystroke.
        english.table()
        word_forms()
        crisis_intent.lexicon()
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

    def suggest(self, text: str, limit: int = 8, region: str | None = None) -> list[Suggestion]:
        """Titles and aliases matching what has been typed so far (exact, prefix, then typo-tolerant).

        Crisis language puts the crisis terms first (``region``: that region's own service among them)."""
        try:
            pq = parse(text)
            name_text = pq.name_text or (" ".join(pq.phrases[0]) if pq.phrases else "")
            cat = self.category_id(pq.category)
            out: list[Suggestion] = []
            crisis = crisis_intent.detect(pq.text, region=region)
            matches = self._names.lookup(name_text)
            if crisis is not None:  # crisis language: the crisis terms first, whatever else the words match
                if matches and matches[0].tier >= STEM_EXACT:  # ... after the term the query names exactly
                    top = self._terms.get(matches[0].entry.slug)
                    if top is not None and not (cat and self._cat_id_by_name.get(top.category) != cat):
                        out.append(Suggestion(top.slug, top.title, top.category, matches[0].alias))
                for slug in crisis.slugs:
                    if out and out[0].slug == slug:
                        continue
                    term = self._terms.get(slug)
                    if term is not None and not (cat and self._cat_id_by_name.get(term.category) != cat):
                        out.append(Suggestion(term.slug, term.title, term.category, None))
            seen = {s.slug for s in out}
            for m in matches:
                if m.entry.slug in seen:
                    continue
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

    def search(self, text: str, limit: int = 20, category: str | None = None,
               region: str | None = None) -> SearchResults:
        """Ranked hits with snippets for ``text`` (see the module docstring for the ranking).

        ``region``: the crisis region (US, UK, ...), so crisis language puts that region's service first."""
        try:
            return self._search(text, limit, category, region)
        except Exception:
            self.errors += 1
            log.exception("search failed for %r", text[:100] if isinstance(text, str) else text)
            return SearchResults([], None, 0)

    def _search(self, text: str, limit: int, category: str | None, region: str | None = None) -> SearchResults:
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
        crisis = crisis_intent.detect(pq.text, region=region)

        name_text = pq.name_text or (" ".join(pq.phrases[0]) if len(pq.phrases) == 1 else "")
        only_stop_words = not pq.phrases and all(w in STOP or len(w) < 2 for w in pq.words)
        if only_stop_words and crisis is None:
            # "the", "how to": nothing to look up, unless it is a name in full ("AN" for anorexia nervosa).
            names = [m for m in self._names.lookup(name_text, prefixes=False, fuzzy=False) if m.tier >= STEM_EXACT]
            if not names:
                return SearchResults([], None, 0)
        else:
            names = self._names.lookup(name_text) if name_text else []
        words = list(pq.words)
        did_you_mean = None
        if crisis is None:  # crisis language is never "corrected" into other words
            corrected = [self._corrector.correct(w) or w for w in words]
            if corrected != words and not any(m.tier >= PREFIX for m in names):
                did_you_mean = _display_query(pq, corrected)
                words = corrected
                names = _merge(names, self._names.lookup(" ".join(corrected), prefixes=False, fuzzy=False))

        # How much each word counts: everyday words ("keep", "over") little, rare ones fully (english.py).
        weights: dict[str, float] = {}
        for w in [*words, *(x for p in pq.phrases for x in p)]:
            st = stem_word(w)
            if st:
                weights[st] = max(weights.get(st, 0.0), english.weight(w))
        # Everyday forms the stemmer does not join ("anxious" -> anxiety, "explodes" -> explosive): the other
        # forms count as the same query word (resources/search/word-forms.yaml).
        forms = word_forms()
        alts: dict[str, list[str]] = {}
        for w in [*words, *(x for p in pq.phrases for x in p)]:
            st = stem_word(w)
            for other in forms.get(w, ()):
                ost = stem_word(other)
                if st and ost and ost != st and ost not in weights:
                    alts.setdefault(st, []).append(ost)
        stems = list(weights)
        phrase_stems = [[s for s in (stem_word(w) for w in p) if s] for p in pq.phrases]
        phrase_stems = [p for p in phrase_stems if p]
        excluded = list(dict.fromkeys(s for s in (stem_word(w) for w in pq.excluded) if s))
        excluded_phrases = [[s for s in (stem_word(w) for w in p) if s] for p in pq.excluded_phrases]
        excluded_phrases = [p for p in excluded_phrases if p]

        cands: dict[str, _Candidate] = {}
        total = 0
        exact = True
        alt_weights = {a: weights[st] * ALT_FORM_WEIGHT for st, al in alts.items() for a in al}
        positive = self._positive_query(stems + [a for a in alt_weights if a not in weights], phrase_stems,
                                        {**alt_weights, **weights})
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
                found: list[tuple[str | None, float, int]] = [(self._slug_by_doc.get(h.docnum), h.score, h.docnum)
                                                               for h in results]
            except Exception:  # damage Whoosh only noticed now: keep answering from the names
                self.healthy = False
                self.errors += 1
                log.exception("the search index failed; answering from titles and aliases only")
                found, negative = [], None
            for slug, score, _doc in found:
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

        # Names said whole inside a longer query ("trouble paying attention at work" holds ADHD's "trouble paying
        # attention"): strong evidence, scored by the weighted share of the query the name covers.
        seq = surface_words(" ".join(words)) if did_you_mean else surface_words(pq.text)
        if len(seq) > 1:
            try:
                allowed_c = self._allowed_filter(phrase_stems, negative, cat)
            except Exception:
                allowed_c = None
            total_w = sum(weights.values()) or 1.0
            for entry, k in self._names.contained(seq):
                if len(k) == 1 and english.weight(k[0]) < CONTAINED_MIN_WEIGHT:
                    continue  # one everyday word ("talk", "sleep", "loss") inside a sentence says little
                if allowed_c is None or not allowed_c(entry.slug):
                    continue
                share = sum(weights.get(st, 0.0) for st in {stem_word(w) for w in k}) / total_w
                if len(k) == 1 and share < CONTAINED_MIN_SHARE:
                    continue  # one word that is not most of the query ("qwerty iop")
                c = cands.get(entry.slug)
                if c is None:
                    c = cands[entry.slug] = _Candidate(entry.slug)
                    total += 1
                if share > c.contained:
                    c.contained = share
                    if c.alias is None and not entry.is_title and not entry.is_lay and not c.tier:
                        c.alias = entry.name

        hl = Highlighter.for_words([*words, *(w for p in pq.phrases for w in p)])
        if cands:
            # Evidence: which query words each candidate holds, and where (names count most, the body least).
            # It scales relevance (coordination: "can adults rewire their brains" ranks the term with all three
            # words above terms that say "brain" often) and gives the calibrated score.
            total_weight = sum(weights.values()) or 1.0
            evidence = self._evidence(stems + list(alt_weights)) if stems else {}
            # One document map per query word: its own evidence, or the best of its everyday forms.
            merged: dict[str, dict[int, float]] = {}
            for st in weights:
                ev = evidence.get(st, {})
                if st in alts:
                    ev = dict(ev)
                    for a in alts[st]:
                        for d, v in evidence.get(a, {}).items():
                            if ev.get(d, 0.0) < v:
                                ev[d] = v
                merged[st] = ev
            pairs = [(w, merged[st]) for st, w in weights.items()]
            for c in cands.values():
                doc = self._doc_by_slug.get(c.slug)
                got = 0.0
                for w, ev in pairs:
                    got += w * ev.get(doc, 0.0)
                # A query of only everyday words ("what time is it": time) says little, whatever it covers.
                c.coverage = got / total_weight * min(1.0, total_weight / INFORMATIVE_QUERY)
                if c.relevance and len(stems) > 1:
                    c.relevance *= COORD_FLOOR + (1 - COORD_FLOOR) * c.coverage
        top_rel = max((c.relevance for c in cands.values()), default=0.0) or 1.0
        scored = sorted(((_score(c, top_rel), c) for c in cands.values()), key=lambda sc: (-sc[0], sc[1].slug))
        # The threshold decides whether the query matches the glossary at all: when even the best hit is below
        # it (nonsense, off-topic words), there are no results; otherwise every match stays, best first.
        kept = scored if scored and scored[0][0] >= MIN_SCORE else []
        hits = [self._hit(c, score, hl) for score, c in kept[:limit]]
        if not kept:
            total = 0
        if crisis is not None:
            hits = self._crisis_first(crisis, hits, hl, cat, limit)
            total = max(total, len(hits))
        if not hits:
            return SearchResults([], did_you_mean, 0, True, crisis)
        return SearchResults(hits, did_you_mean, max(total, len(hits)), exact, crisis)

    def _crisis_first(self, crisis: crisis_intent.CrisisMatch, hits: list[Hit], hl: Highlighter, cat: str | None,
                      limit: int) -> list[Hit]:
        """The crisis terms that exist (and pass the category filter) first, in the lexicon's order.

        One exception: when the query is itself a term's name ("Crisis line", "988 Lifeline", "non-suicidal
        self-injury"), that term comes first and the crisis terms right after it."""
        first: list[Hit] = [h for h in hits[:1] if h.score >= _BANDS[STEM_EXACT][0]]
        plain = Highlighter.for_words([])  # their definitions, not the query's words marked in their text
        for slug in crisis.slugs:
            term = self._terms.get(slug)
            if term is None or (cat and self._cat_id_by_name.get(term.category) != cat):
                continue
            if first and first[0].slug == slug:
                continue
            c = _Candidate(slug, tier=EXACT, quality=1.0)
            first.append(self._hit(c, CRISIS_SCORE, plain))
        first = [h if h.score == CRISIS_SCORE else replace(h, score=CRISIS_SCORE) for h in first]
        # Among the crisis terms, the one the query's words point to comes first ("nasal spray for overdose":
        # naloxone before overdose); the lexicon's order is a prior (+10 for its first term, 2 less for each next).
        prior = {slug: 10.0 - 2.0 * i for i, slug in enumerate(crisis.slugs)}
        relevance = {h.slug: h.score for h in hits}
        named = first[:1] if first and first[0].slug not in prior else []
        rest = sorted((h for h in first if h not in named),
                      key=lambda h: -(prior.get(h.slug, 0.0) + relevance.get(h.slug, 0.0)))
        first = named + rest
        seen = {h.slug for h in first}
        return (first + [h for h in hits if h.slug not in seen])[:limit]

    def crisis(self, text: str, region: str | None = None) -> crisis_intent.CrisisMatch | None:
        """The crisis language in ``text`` (for the GUI's crisis card), or None. Never raises."""
        try:
            return crisis_intent.detect(parse(text).text, region=region)
        except Exception:
            self.errors += 1
            log.exception("crisis detection failed")
            return None

    def _evidence(self, stems: list[str]) -> dict[str, dict[int, float]]:
        """stem -> {document: how strongly the field it is found in speaks for that term} (cached; bounded)."""
        out: dict[str, dict[int, float]] = {}
        reader = self._searcher.reader()
        for st in stems:
            got = self._evidence_cache.get(st)
            if got is None:
                got = {}
                for fld, ev in f.FIELD_EVIDENCE.items():
                    try:
                        if not reader.doc_frequency(fld, st):
                            continue
                        for doc in reader.postings(fld, st).all_ids():
                            if got.get(doc, 0.0) < ev:
                                got[doc] = ev
                    except Exception:  # a field this index lacks: no evidence from it
                        continue
                self._evidence_cache[st] = got
                if len(self._evidence_cache) > EVIDENCE_CACHE:
                    self._evidence_cache.popitem(last=False)
            else:
                self._evidence_cache.move_to_end(st)
            out[st] = got
        return out

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

    def _positive_query(self, stems: list[str], phrases: list[list[str]],
                        weights: Mapping[str, float] | None = None) -> Query | None:
        # One flat Or of (field, word) terms: measured 20-40 % faster in Whoosh than an Or of per-word Ors.
        weights = weights or {}
        clauses = [TermQuery(field, s, boost=b * weights.get(s, 1.0))
                   for s in stems for field, b in self._fields_for([s]).items()]
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


# The calibrated score, 0..100, the same scale for every query (docs/search.md, "The score"):
#   100        a crisis term put first for crisis language
#   95-100     the query is a title or alias (92-95: up to inflection)
#   80-92      a title or alias starts with the query (70-80: a later word of one does)
#   50-70      a title or alias within a typo or two
#   55-90      one of the term's names (or lay words) said whole inside a longer query: 55 + 35 x the share of
#              the query's weighted words it covers
#   0-70       found in the text: 70 x the share of the query's (weighted) words the term holds, where a word
#              in the names counts fully and one only in the body 0.65-0.7, x 0.7-1.0 by relative relevance.
# Below MIN_SCORE a hit is not shown: the query does not match the glossary (nonsense, off-topic).
_BANDS = {EXACT: (95.0, 5.0), STEM_EXACT: (92.0, 3.0), PREFIX: (80.0, 12.0), WORD_PREFIX: (70.0, 10.0)}


_word_forms: dict[str, tuple[str, ...]] | None = None


def word_forms() -> dict[str, tuple[str, ...]]:
    """Folded query word -> other everyday forms to look for (resources/search/word-forms.yaml), cached.
    A missing or damaged file means no extra forms (logged once), never a failed search."""
    global _word_forms
    if _word_forms is None:
        table: dict[str, tuple[str, ...]] = {}
        path = paths.resources_dir() / "search" / "word-forms.yaml"
        try:
            import yaml

            from desktop_app.content import frontmatter

            with open(path, encoding="utf-8") as fh:
                raw = yaml.load(fh, Loader=frontmatter.SafeLoader) or {}
            if not isinstance(raw, dict):
                raise ValueError("must map words to lists of words")
            for k, v in raw.items():
                if isinstance(v, list):
                    table[fold(str(k))] = tuple(fold(str(x)) for x in v if str(x).strip())
        except Exception as exc:
            log.error("%s cannot be used (%s): search goes on without extra word forms", path, exc)
        _word_forms = table
    return _word_forms


def _score(c: _Candidate, top_rel: float) -> float:
    text = 70.0 * c.coverage * (0.7 + 0.3 * c.relevance / top_rel) if c.relevance else 0.0
    if c.contained:
        text = max(text, 55.0 + 35.0 * c.contained)
    if c.tier in _BANDS:
        base, span = _BANDS[c.tier]
        name = base + span * max(0.0, min(c.quality, 1.001))  # 1.001: a title beats an alias of the same tier
    elif c.tier == FUZZY:
        name = 50.0 + 20.0 * max(0.0, min(1.0, (c.quality - 0.82) / 0.18))
    else:
        name = 0.0
    return round(max(name, text), 4)


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
