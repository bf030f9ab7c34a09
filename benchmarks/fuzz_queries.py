"""A long random run of hostile queries through the real search path (suggest + full results with snippets).

    python benchmarks/fuzz_queries.py [--n 100000] [--seed 1]

Queries are built from hostile fragments (quotes, brackets, operators, field prefixes, wildcards, ranges,
huge input, emoji, right-to-left text, control and NUL characters, lone surrogates) mixed with real words.
Reports the number of exceptions (must be 0), the worst and p99 times, and the worst query. Exit status 1
on any exception.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import traceback

FRAGMENTS = [
    '"', "'", "(", ")", "[", "]", "{", "}", "AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "NOT NOT", "-", "+", "*", "?",
    "*a*", "*?*", "~", "~2", "^3", ":", "title:", "aliases:", "content:*", "category:", "category:Medications",
    "{a TO z}", "[a TO z]", "\\", "/", "&&", "||", "!", "<", ">", "<script>", "javascript:", "file:///etc/passwd",
    "\x00", "\x01", "\x1b[31m", "\u200b", "\u202e", "\ufeff", "\ud800", "\udfff", "🧠", "😀" * 5, "👩‍⚕️",
    "الدماغ", "עברית", "日本語", "Ünïcödé", "ǅ", "ﬁ", "%", "%s", "{0}", "\n", "\t", "\r\n", " " * 50,
    "a" * 300, "x" * 10_000, "(" * 500, ")" * 500, '"' * 101, "NOT " * 50, "OR " * 200,
]
WORDS = ["panic", "attack", "ssri", "depression", "brain", "neuroplastisity", "schizophernia", "sleep", "988",
         "therapy", "can", "adults", "rewire", "their", "brains", "CBT", "lithium", "Prozac", "trauma", "the"]


def make_query(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 8)):
        parts.append(rng.choice(FRAGMENTS) if rng.random() < 0.6 else rng.choice(WORDS))
    sep = rng.choice(["", " ", "  ", "\t"])
    return sep.join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    os.environ.setdefault("BRAIN_GLOSSARY_INDEX_DIR", tempfile.mkdtemp(prefix="fuzz-index-"))
    from desktop_app.content.loader import load_glossary
    from desktop_app.search.engine import SearchEngine

    engine, _ = SearchEngine.open_or_build(load_glossary())
    rng = random.Random(args.seed)
    times: list[float] = []
    failures: list[tuple[str, str]] = []
    worst = (0.0, "")
    started = time.perf_counter()
    for i in range(args.n):
        q = make_query(rng)
        t0 = time.perf_counter()
        try:
            if i % 2:
                engine.suggest(q, limit=8)
            else:
                engine.search(q, limit=20)
        except Exception:
            failures.append((q, traceback.format_exc(limit=3)))
        dt = time.perf_counter() - t0
        times.append(dt)
        if dt > worst[0]:
            worst = (dt, q)
    total = time.perf_counter() - started
    times.sort()
    p50 = statistics.median(times) * 1000
    p99 = times[int(len(times) * 0.99) - 1] * 1000
    print(f"{args.n} hostile queries in {total:.1f} s; exceptions: {len(failures)}")
    print(f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, worst {worst[0] * 1000:.1f} ms for {worst[1][:80]!r}"
          f"{'…' if len(worst[1]) > 80 else ''} ({len(worst[1])} chars)")
    for q, tb in failures[:5]:
        print(f"--- {q[:120]!r}\n{tb}")
    engine.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
