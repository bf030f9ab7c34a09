"""Crisis language in a query: recognise it, say which kind, and which terms answer it first. Qt-free.

The lexicon is data (``resources/crisis/intent.yaml``, every entry with the reason it is there). Matching is
done on folded words, so case, accents and punctuation never matter:

* a phrase matches anywhere in the query, in order, with at most one extra word between two of its words
  ("want to f***ing die") and with or without the spaces inside it ("kill my self", "selfharm");
* a word of six letters or more matches despite a typo (Levenshtein distance, see _word_eq): "suicde",
  "sucidal", "overdoes"; shorter words (kms, kys, 988) must match exactly.

The result drives three things: the crisis card above suggestions and results, crisis terms ranked first,
and no spelling correction of the query. Pure and fast (well under a millisecond for a 12-word query).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from desktop_app import paths
from desktop_app.search.analysis import words as folded_words

TYPO_MIN_CHARS = 6  # shorter words must match exactly ("kms" is not "kys"; "nose" is not "noose")
MAX_GAP = 1  # extra query words allowed between two words of a phrase
# The order of kinds when a query has several: the most urgent first.
KIND_ORDER = ("overdose", "suicide", "self_harm", "danger", "help")


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    kind: str
    lang: str
    why: str


@dataclass(frozen=True)
class CrisisMatch:
    kind: str  # the most urgent kind found (see KIND_ORDER)
    kinds: tuple[str, ...]  # every kind found, most urgent first
    phrase: str  # the lexicon phrase that matched (folded), for logs and tests
    slugs: tuple[str, ...]  # the terms to rank first, in order (not yet filtered to existing terms)


@dataclass(frozen=True)
class Lexicon:
    phrases: tuple[Phrase, ...]
    kind_terms: dict[str, tuple[str, ...]]
    modifiers: tuple[tuple[frozenset[str], tuple[str, ...]], ...]
    region_terms: dict[str, tuple[str, ...]]


def lexicon_path() -> Path:
    return paths.crisis_dir() / "intent.yaml"


class LexiconError(ValueError):
    """The crisis lexicon file is damaged; the message names the file and the entry."""


def parse_lexicon(data: Any, origin: str = "intent.yaml") -> Lexicon:
    if not isinstance(data, dict):
        raise LexiconError(f"{origin}: must be a set of fields (kinds, entries)")
    kinds = data.get("kinds")
    if not isinstance(kinds, dict) or not kinds:
        raise LexiconError(f"{origin}: 'kinds' must list each kind with its terms")
    kind_terms = {str(k): tuple(str(s) for s in (v or [])) for k, v in kinds.items()}
    phrases: list[Phrase] = []
    for i, e in enumerate(data.get("entries") or [], 1):
        if not isinstance(e, dict):
            raise LexiconError(f"{origin}: entry {i} must have phrase, kind, lang and why")
        phrase, kind, why = str(e.get("phrase") or ""), str(e.get("kind") or ""), str(e.get("why") or "")
        ws = tuple(folded_words(phrase))
        if not ws:
            raise LexiconError(f"{origin}: entry {i} has no phrase")
        if kind not in kind_terms:
            raise LexiconError(f"{origin}: entry {i} ('{phrase}'): kind '{kind}' is not one of {', '.join(kind_terms)}")
        if not why.strip():
            raise LexiconError(f"{origin}: entry {i} ('{phrase}') has no 'why': every entry says why it is here")
        phrases.append(Phrase(ws, kind, str(e.get("lang") or "en"), why))
    mods = []
    for name, m in (data.get("modifiers") or {}).items():
        if not isinstance(m, dict):
            raise LexiconError(f"{origin}: modifier '{name}' must have words and terms")
        mods.append((frozenset(w for x in m.get("words") or [] for w in folded_words(str(x))),
                     tuple(str(s) for s in m.get("terms") or [])))
    regions = {str(k).upper(): tuple(str(s) for s in (v or [])) for k, v in (data.get("region_terms") or {}).items()}
    return Lexicon(tuple(phrases), kind_terms, tuple(mods), regions)


@lru_cache(maxsize=4)
def _load(path_str: str) -> Lexicon:
    import yaml

    from desktop_app.content import frontmatter

    path = Path(path_str)
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=frontmatter.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: cannot be read: {exc}") from exc
    return parse_lexicon(data, str(path))


_FALLBACK = {  # used only when the lexicon file is missing or damaged: the plainest words, never nothing
    "kinds": {"suicide": ["suicidal-ideation", "988-lifeline", "crisis-line", "safety-plan"],
              "self_harm": ["self-harm", "crisis-line"], "overdose": ["overdose", "naloxone", "crisis-line"]},
    "entries": [{"phrase": p, "kind": k, "why": "built-in fallback"} for p, k in (
        ("suicide", "suicide"), ("suicidal", "suicide"), ("kill myself", "suicide"), ("want to die", "suicide"),
        ("end my life", "suicide"), ("self harm", "self_harm"), ("hurt myself", "self_harm"),
        ("overdose", "overdose"), ("too many pills", "overdose"))],
}


_fallback_cache: list[Lexicon] = []


def lexicon(path: Path | None = None) -> Lexicon:
    """The crisis lexicon; the built-in fallback (and one logged error) if the file is missing or damaged."""
    try:
        return _load(str(path or lexicon_path()))
    except LexiconError as exc:
        if not _fallback_cache:
            import logging

            logging.getLogger(__name__).error("crisis lexicon unusable (%s); using the built-in fallback", exc)
            _fallback_cache.append(parse_lexicon(_FALLBACK, "built-in fallback"))
        return _fallback_cache[0]


def validate(path: Path | None = None) -> list[str]:
    """Problems with the lexicon file, for ``brain-glossary check``."""
    try:
        _load.cache_clear()
        _detect_cached.cache_clear()
        _load(str(path or lexicon_path()))
    except LexiconError as exc:
        return [str(exc)]
    return []


def crisis_slugs(lex: Lexicon | None = None) -> frozenset[str]:
    """Every term a crisis query may put first."""
    lex = lex or lexicon()
    out = {s for v in lex.kind_terms.values() for s in v}
    out |= {s for _, terms in lex.modifiers for s in terms}
    out |= {s for v in lex.region_terms.values() for s in v}
    return frozenset(out)


def _word_eq(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < TYPO_MIN_CHARS or len(b) < TYPO_MIN_CHARS:
        return False
    # One edit, two when both words have 8 letters or more ("suicde", "sucidal", "overdoes"), so that
    # "helping" never reads as "helpline".
    allowed = 2 if min(len(a), len(b)) >= 8 else 1
    return Levenshtein.distance(a, b, score_cutoff=allowed) <= allowed


def _matches(q: list[str], p: tuple[str, ...]) -> bool:
    """Whether phrase ``p`` occurs in query words ``q`` (in order, gaps of at most MAX_GAP, typo-tolerant)."""
    n = len(p)
    for start in range(len(q)):
        # Fast path: the words, one after another, each within a typo.
        pos, k, gaps_ok = start, 0, True
        while k < n and pos < len(q):
            if _word_eq(q[pos], p[k]):
                k += 1
                pos += 1
                continue
            if k > 0 and pos + 1 < len(q) and _word_eq(q[pos + 1], p[k]) and MAX_GAP >= 1:
                pos += 2
                k += 1
                continue
            gaps_ok = False
            break
        if k == n and gaps_ok:
            return True
    # Spaces optional: "kill my self" == "kill myself", "selfharm" == "self harm" (exact, no typo on top).
    joined_p = "".join(p)
    for start in range(len(q)):
        acc = ""
        for end in range(start, min(len(q), start + n + 2)):
            acc += q[end]
            if len(acc) > len(joined_p):
                break
            if (end > start or n > 1) and acc == joined_p:
                return True
    return False


def detect(text: str | Iterable[str], lex: Lexicon | None = None, region: str | None = None) -> CrisisMatch | None:
    """The crisis language in ``text`` (a query string or its folded words), or None.

    A query string with the default lexicon is answered from a small cache: the suggestions and the crisis
    card ask about the same keystroke."""
    if lex is None and isinstance(text, str):
        return _detect_cached(text, region)
    return _detect(text, lex or lexicon(), region)


@lru_cache(maxsize=256)
def _detect_cached(text: str, region: str | None) -> CrisisMatch | None:
    return _detect(text, lexicon(), region)


def _detect(text: str | Iterable[str], lex: Lexicon, region: str | None) -> CrisisMatch | None:
    if isinstance(text, str):
        # Two readings of apostrophes: dropped ("don't" -> "dont") and as a break ("OD'd" -> "od d").
        variants = [folded_words(text.replace("'", "").replace("’", "")), folded_words(text)]
    else:
        variants = [list(text)]
    # Letters left by censoring ("f***ing" folds to "f ing") are not words: they must not break a phrase.
    variants = [[w for w in q if len(w) > 1 or w == "i"] for q in variants]
    variants = [q for q in variants if q]
    if not variants:
        return None
    found: dict[str, str] = {}
    for ph in lex.phrases:
        if ph.kind not in found and any(_matches(q, ph.words) for q in variants):
            found[ph.kind] = " ".join(ph.words)
    if not found:
        return None
    q = variants[0]
    kinds = tuple(sorted(found, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else len(KIND_ORDER)))
    slugs: list[str] = []
    qset = set(q)
    for words_, terms in lex.modifiers:
        if qset & words_:
            slugs += terms
    first = lex.kind_terms.get(kinds[0], ())
    slugs += first[:1]
    slugs += lex.region_terms.get((region or "").upper(), ())
    for k in kinds:
        slugs += lex.kind_terms.get(k, ())
    return CrisisMatch(kinds[0], kinds, found[kinds[0]], tuple(dict.fromkeys(slugs)))
