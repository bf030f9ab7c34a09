"""Text analysis shared by the index, the query builder, the name table and the highlighter.

Everything that turns text into comparable words lives here, so that the index and the query
path can never disagree: case and accent folding, stop words (including question words, so that
"can adults rewire their brains" keeps only its meaning), and Porter stemming.

The analyzer pickled into the Whoosh index is composed only of Whoosh's own classes (no custom
class), so a frozen bundle needs no extra ``hiddenimports`` to reopen it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.analysis.filters import STOP_WORDS
from whoosh.lang.porter import stem as _porter_stem
from whoosh.support.charset import accent_map

# Question and filler words a reader types around the meaning ("what is", "how do I", "can my").
QUESTION_WORDS = frozenset((
    "what", "whats", "how", "why", "who", "whom", "whose", "which", "where", "when", "does", "do", "did",
    "done", "doing", "i", "im", "ive", "me", "my", "mine", "myself", "am", "was", "were", "been", "being",
    "their", "theirs", "them", "they", "there", "these", "those", "its", "someone", "somebody",
    "something", "should", "could", "would", "might", "must", "shall", "about", "really", "get", "gets",
    "got", "getting", "ever", "anything", "any", "some", "very", "just", "also", "so", "than", "then",
    "too",
    # contractions typed without the apostrophe ("why cant i sleep"), which would otherwise look like typos
    "cant", "dont", "wont", "isnt", "doesnt", "didnt", "arent", "wasnt", "werent", "shouldnt", "couldnt",
    "wouldnt", "hasnt", "havent", "youre", "theyre", "thats", "lets", "whos", "hows", "whys", "wheres",
))
STOP = frozenset(STOP_WORDS | QUESTION_WORDS)

# Word characters as the index sees them: letters and digits, with inner dots kept ("e.g", "u.s").
TOKEN_PATTERN = r"\w+(\.?\w+)*"
_WORD_RE = re.compile(r"\w+", re.UNICODE)
_NON_WORD_RE = re.compile(r"[\W_]+", re.UNICODE)


# Whoosh's stemming cache, bounded: unbounded (cachesize=-1) it grew by ~1.5 MiB per 10,000 searches of new
# words in a long session (issue #13). The glossary's whole vocabulary is ~10,000 words, so this never evicts
# a word the index uses; Whoosh's bounded cache drops the least used tenth when full.
STEM_CACHE_WORDS = 20_000


def text_analyzer() -> CompositeAnalyzer:
    """The analyzer of every full-text field: tokenize, lower-case, fold accents, drop stop words, stem."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=STOP, minsize=2)
        | StemFilter(cachesize=STEM_CACHE_WORDS)
    )


_ANALYZER = text_analyzer()

# A length-preserving accent fold (one character in, one character out), so that match offsets in the
# folded text are offsets in the original text. Multi-character folds (æ -> ae) are left alone here.
_ONE_TO_ONE_FOLD = {cp: rep for cp, rep in accent_map.items() if isinstance(rep, str) and len(rep) == 1}


def fold_same_length(text: str) -> str:
    """Accent-fold ``text`` without changing its length (for highlighting offsets)."""
    return text.translate(_ONE_TO_ONE_FOLD)


def fold(text: str) -> str:
    """Case- and accent-fold and squeeze punctuation to single spaces: "Selective Serotonin…" -> "selective serotonin"."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(accent_map)
    return _NON_WORD_RE.sub(" ", text).strip()


def analyze(text: str) -> list[str]:
    """The index terms of ``text`` (folded, stop words removed, stemmed), in order."""
    try:
        return [t.text for t in _ANALYZER(text)]
    except Exception:  # Whoosh's tokenizer on pathological input (lone surrogates): treat as no words
        return []


@lru_cache(maxsize=65536)
def stem_word(word: str) -> str:
    """The index term of one already-folded word ("" for a stop word or a one-letter word)."""
    if len(word) < 2 or word in STOP:
        return ""
    return _porter_stem(word)


def words(text: str) -> list[str]:
    """Folded surface words of ``text`` (no stop-word removal, no stemming)."""
    return _WORD_RE.findall(fold(text).replace("_", " "))


def name_key(text: str) -> str:
    """The stemmed key of a name, for "same name up to inflection" matching ("Panic attacks" == "panic attack")."""
    return " ".join(analyze(text))
