"""Turn what a reader typed into a small, safe query description. Pure; never raises.

The only syntax understood is:

* ``"quoted phrase"`` (straight or curly quotes): the words must appear together;
* ``-word`` or ``-"a phrase"``: leave out terms that contain it;
* ``category:NAME`` or ``category:"Brain and Body"`` (a category id, name, or the start of one).

Everything else, including Whoosh/Lucene syntax (``AND``, ``NOT``, ``field:``, ``*``, ``?``, brackets,
ranges), is plain words. The input is capped at :data:`MAX_QUERY_CHARS` characters and :data:`MAX_WORDS`
words, control characters and lone surrogates are dropped, so every later step works on a short,
well-formed word list. Raw input never reaches Whoosh's QueryParser.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from desktop_app.search.analysis import words

MAX_QUERY_CHARS = 200  # longer than any title or question a reader types; the rest is ignored
MAX_WORDS = 12  # words (plain, phrase and excluded together) that reach the index
MAX_PHRASES = 3
MAX_WORD_CHARS = 40  # longer "words" are cut (no real term word is this long)

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "＂": '"'})
_TOKEN_RE = re.compile(
    r"""
      (?P<cat>(?<![^\s(])category:(?:"(?P<catq>[^"]*)"?|(?P<catw>[^\s"]*)))
    | (?P<neg>(?<!\S)-)?"(?P<phrase>[^"]*)"
    | (?P<negw>(?<!\S)-)(?P<nword>[^\s"]+)
    | (?P<word>[^\s"]+)
    | "(?P<tail>[^"]*)$
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass
class ParsedQuery:
    """What the reader asked for, as folded surface words (not yet stemmed)."""

    words: list[str] = field(default_factory=list)  # plain words, in order
    phrases: list[list[str]] = field(default_factory=list)  # quoted phrases (2+ words each)
    excluded: list[str] = field(default_factory=list)  # -word (and -"one-word phrase")
    excluded_phrases: list[list[str]] = field(default_factory=list)  # -"two or more words"
    category: str | None = None  # the raw category:VALUE text, resolved by the engine
    text: str = ""  # the cleaned, capped input

    @property
    def positive_words(self) -> list[str]:
        """Plain words and phrase words: everything a hit should contain."""
        return self.words + [w for p in self.phrases for w in p]

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.phrases

    @property
    def name_text(self) -> str:
        """The plain part as one string, for title/alias matching ("brain plasticity")."""
        return " ".join(self.words)


def clean(text: object) -> str:
    """Cap, normalise and strip control characters, lone surrogates and other unprintables."""
    if not isinstance(text, str):
        return ""
    text = text[: MAX_QUERY_CHARS * 4]
    text = text.encode("utf-8", "replace").decode("utf-8", "replace") if _has_surrogate(text) else text
    text = unicodedata.normalize("NFKC", text)
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] == "C" and ch not in "\t\n\r":  # control, format, surrogate, private use, unassigned
            continue
        out.append(" " if ch in "\t\n\r" else ch)
    return "".join(out).translate(_QUOTES)[:MAX_QUERY_CHARS].strip()


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def parse(text: object) -> ParsedQuery:
    """Parse ``text`` into a :class:`ParsedQuery`. Never raises."""
    q = ParsedQuery(text=clean(text))
    budget = MAX_WORDS
    for m in _TOKEN_RE.finditer(q.text):
        if budget <= 0:
            break
        if m.group("cat") is not None:
            value = m.group("catq") if m.group("catq") is not None else m.group("catw")
            if value and value.strip():
                q.category = value.strip()
            continue
        if m.group("phrase") is not None:
            ws = words(m.group("phrase"))[:budget]
            if m.group("neg"):
                if len(ws) == 1:
                    q.excluded += ws
                elif ws:
                    q.excluded_phrases.append(ws)
            elif len(ws) == 1:
                q.words += ws
            elif ws and len(q.phrases) < MAX_PHRASES:
                q.phrases.append(ws)
            else:
                q.words += ws
            budget -= len(ws)
            continue
        if m.group("nword") is not None:
            ws = words(m.group("nword"))[:budget]
            q.excluded += ws
            budget -= len(ws)
            continue
        chunk = m.group("word") if m.group("word") is not None else m.group("tail") or ""
        ws = words(chunk)[:budget]  # an unclosed quote: its words are plain words
        q.words += ws
        budget -= len(ws)
    q.words = [w[:MAX_WORD_CHARS] for w in q.words]
    q.excluded = [w[:MAX_WORD_CHARS] for w in q.excluded]
    q.phrases = [[w[:MAX_WORD_CHARS] for w in p] for p in q.phrases]
    q.excluded_phrases = [[w[:MAX_WORD_CHARS] for w in p] for p in q.excluded_phrases]
    return q
