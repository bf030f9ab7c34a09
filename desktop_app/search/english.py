"""How common a word is in everyday English, from the wordfreq package's word list. Qt-free.

Two uses in search:

* spelling correction only for words that are not words: an ordinary English word ("skills", "keep") is
  never "corrected" because the glossary lacks it;
* weighing query words by how informative they are: "keep", "over", "look" count little, "washing",
  "hands", "sertraline" count fully (see :func:`weight`).

wordfreq's own import pulls in regex, ftfy and langcodes (about 140 ms); only its data file is needed, so
the list is read directly with msgpack (a wordfreq dependency): about 50 ms, once per process, on the
search thread. Without wordfreq installed every word counts as unknown and fully informative, which is
how search behaved before (nothing breaks).
"""

from __future__ import annotations

import gzip
import importlib.util
import logging
import os
import sys
import threading

log = logging.getLogger(__name__)

MIN_WORD_ZIPF = 2.5  # a word at least this common (about 1 in 3 million words) is a real word
_MAX_BUCKET = int((9.0 - 2.0) * 100)  # read words down to Zipf 2.0 (rarer ones count as unknown)

_lock = threading.Lock()
_table: dict[str, float] | None = None


def _data_file() -> str | None:
    """wordfreq's English list: beside the frozen app (build.spec ships only that file), else in the package."""
    folders = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        folders.append(os.path.join(frozen, "wordfreq", "data"))
    try:
        spec = importlib.util.find_spec("wordfreq")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        folders.append(os.path.join(next(iter(spec.submodule_search_locations)), "data"))
    for folder in folders:
        for name in ("large_en.msgpack.gz", "small_en.msgpack.gz"):
            path = os.path.join(folder, name)
            if os.path.exists(path):
                return path
    return None


def table() -> dict[str, float]:
    """word -> Zipf frequency (log10 of uses per billion words) for English words down to Zipf 2.0."""
    global _table
    if _table is not None:
        return _table
    with _lock:
        if _table is None:
            out: dict[str, float] = {}
            path = _data_file()
            if path is None:
                log.warning("wordfreq is not installed: every word counts as unknown and fully informative")
            else:
                try:
                    import msgpack

                    with gzip.open(path, "rb") as fh:
                        data = msgpack.load(fh, raw=False)
                    # The 'cB' format: data[0] is a header, data[i] the words whose frequency is -(i-1) centibels.
                    for i, bucket in enumerate(data[1 : _MAX_BUCKET + 1]):
                        z = 9.0 - i / 100.0
                        for w in bucket:
                            out.setdefault(w, z)
                except Exception:  # a damaged data file: search still works, without these refinements
                    log.exception("cannot read the wordfreq list %s", path)
                    out = {}
            _table = out
    return _table


def zipf(word: str) -> float:
    """How common ``word`` (folded) is: 0 for unknown words, about 7.7 for "the"."""
    return table().get(word, 0.0)


def is_word(word: str) -> bool:
    """Whether ``word`` is an ordinary English word (so it must not be spell-corrected)."""
    return zipf(word) >= MIN_WORD_ZIPF


def weight(word: str) -> float:
    """How much a query word should count, 0.15..1.0: rare words fully, everyday words ("keep", "over") little.

    Zipf 4.0 or rarer (e.g. "washing", "serotonin", any word wordfreq does not know) -> 1.0;
    Zipf 6.0 and above ("over", "want") -> 0.15; linear in between ("hands" 5.2 -> 0.49, "keep" 5.7 -> 0.28).
    """
    z = zipf(word)
    if z <= 4.0:
        return 1.0
    return max(0.15, 1.0 - (z - 4.0) * 0.425)
