"""Search latency per keystroke, index build time and size, against SQLite FTS5 as a yardstick.

    .venv/bin/python benchmarks/bench_search.py            # real glossary, 2,000 and 20,000 synthetic terms
    .venv/bin/python benchmarks/bench_search.py --quick    # real glossary and 2,000 terms (CI)

For each glossary, every query of a realistic set is "typed" one character at a time; at each keystroke the
benchmark times (a) the suggestions and (b) the full results page (20 hits with snippets), then runs the
same keystroke through FTS5 (porter tokenizer, bm25 with the same field weights, snippet() for 20 hits) on the
same corpus in the same process. Synthetic glossaries are made of real sentences, FAQs and names from the
content, re-combined around made-up titles, so section and FAQ sizes and word frequencies look real.
Nothing here touches the real index/: everything is built in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.content.loader import Glossary, load_glossary
from desktop_app.content.model import Faq, Section, Term
from desktop_app.search import indexer
from desktop_app.search import schema as f
from desktop_app.search.documents import plain_text
from desktop_app.search.engine import SearchEngine
from desktop_app.search.query import parse

PAGE = 20  # hits on a full results page

# What people type: names, abbreviations, brands, typos, questions and a little syntax.
TYPED = [
    "neuroplasticity", "depression", "panic attack", "schizophrenia", "cognitive behavioral therapy",
    "serotonin", "bipolar", "adhd", "PTSD", "ocd", "prozac", "zoloft", "SSRI", "brain plasticity",
    "intrusive thoughts", "ruminating", "panic attacks", "neuroplastisity", "schizophernia", "anxeity",
    "can adults rewire their brains", "why cant i sleep", "how do antidepressants work",
    "is it normal to hear voices", "what helps with panic attacks", "feeling unreal",
    '"fight or flight"', "stress -cortisol", "sleep category:therapies", "medication for adhd",
]
HOSTILE = ["NOT NOT x", "*?*", "a* b* c* d*", "title:*", "{a TO z}", "(" * 1000 + "x" + ")" * 1000,
           "x" * 10_000, '"unbalanced', "😀🧠💊", "\u202eevil\u202c", "\x00\x1b[31m", "category:", "- - -"]


# ----------------------------------------------------------------------------------- synthetic glossaries

_SYLLABLES = ["neu", "ro", "pla", "sti", "ci", "ty", "cor", "ti", "sol", "dopa", "mine", "ther", "apy", "syn",
              "apse", "lim", "bic", "hip", "po", "cam", "pus", "gly", "co", "gen", "ox", "ide", "tor", "phy"]
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def synthetic_glossary(real: Glossary, n: int, seed: int = 7) -> Glossary:
    """``n`` terms built from the real content's sentences, FAQs and names around made-up titles."""
    rng = random.Random(seed)
    reals = list(real.terms.values())
    sentences = [s for t in reals for sec in t.sections for s in _SENTENCE_RE.split(plain_text(sec.body))
                 if len(s) > 30]
    faqs = [q for t in reals for q in t.faqs]
    headings = [[s.heading for s in t.sections] for t in reals]
    real_words = sorted({w for t in reals for w in re.findall(r"[a-z]{5,}", t.summary.lower())})
    categories = [c.name for c in real.categories]
    terms: dict[str, Term] = {}
    slugs: list[str] = []
    while len(terms) < n:
        made = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        words = [made, *rng.sample(real_words, rng.randint(0, 2))]
        title = " ".join(words).capitalize()
        slug = "-".join(words)
        if slug in terms:
            continue
        aliases = tuple(dict.fromkeys(
            a for a in (made.upper()[:4], f"{made} disorder", f"{words[-1]} {made}")[: rng.randint(0, 3)]
            if a.casefold() != title.casefold()))

        def paragraph(k: int, title: str = title) -> str:
            picked = rng.sample(sentences, k)
            picked[rng.randrange(k)] += f" This is where {title.lower()} comes in."
            return " ".join(picked)

        heads = rng.choice(headings)
        sections = tuple(Section(h, re.sub(r"[^a-z0-9]+", "-", h.lower()).strip("-") + f"-{i}", paragraph(
            rng.randint(4, 8)), 1) for i, h in enumerate(heads))
        fq = tuple(Faq(q.question.replace("?", f" with {made}?"), q.answer) for q in rng.sample(faqs, 4))
        terms[slug] = Term(slug=slug, title=title, category=rng.choice(categories),
                           summary=f"{title} is " + rng.choice(sentences)[0].lower() + rng.choice(sentences)[1:],
                           aliases=aliases, related=tuple(rng.sample(slugs, min(4, len(slugs)))),
                           faqs=fq, sections=sections)
        slugs.append(slug)
    return Glossary(terms=terms, categories=real.categories)


# ----------------------------------------------------------------------------------------------- FTS5


class Fts5:
    """The same corpus in SQLite FTS5, queried the same way (OR of words, prefix on the last one)."""

    def __init__(self, glossary: Glossary, folder: Path):
        started = time.perf_counter()
        self.path = folder / "fts5.sqlite"
        self.db = sqlite3.connect(self.path)
        self.db.execute("CREATE VIRTUAL TABLE t USING fts5(slug UNINDEXED, title, aliases, summary, "
                        "faq_questions, sections, faq_answers, tokenize='porter unicode61 remove_diacritics 2')")
        rows = []
        for term in glossary.terms.values():
            rows.append((term.slug, term.title, "\n".join((*term.aliases, *term.brand_examples)), term.summary,
                         "\n".join(q.question for q in term.faqs),
                         "\n".join(f"{s.heading}\n{plain_text(s.body)}" for s in term.sections),
                         "\n".join(q.answer for q in term.faqs)))
        self.db.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        self.db.commit()
        self.build_s = time.perf_counter() - started
        self.size = self.path.stat().st_size
        w = f.FIELD_BOOSTS
        self.weights = ", ".join(str(w[k]) for k in (f.TITLE, f.ALIASES, f.SUMMARY, f.FAQ_QUESTIONS,
                                                        f.SECTIONS, f.FAQ_ANSWERS))

    def search(self, text: str, prefix: bool = True) -> list[tuple[str, str]]:
        words = parse(text).positive_words
        if not words:
            return []
        terms = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"' + ("*" if prefix else "")]
        sql = (f"SELECT slug, snippet(t, -1, '<b>', '</b>', '…', 24) FROM t WHERE t MATCH ? "
               f"ORDER BY bm25(t, 0, {self.weights}) LIMIT {PAGE}")
        return self.db.execute(sql, (" OR ".join(terms),)).fetchall()

    def close(self) -> None:
        self.db.close()


# ------------------------------------------------------------------------------------------ measuring


def keystrokes(queries: list[str]) -> list[str]:
    return [q[:i] for q in queries for i in range(1, len(q) + 1)]


def timed(fn: Callable[[str], object], inputs: list[str]) -> list[float]:
    for text in inputs[:50]:  # warm caches the way a session would
        fn(text)
    out = []
    for text in inputs:
        t0 = time.perf_counter()
        fn(text)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def pct(ms: list[float]) -> tuple[float, float, float]:
    qs = statistics.quantiles(ms, n=100, method="inclusive")
    return qs[49], qs[94], qs[98]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def bench(label: str, glossary: Glossary, extra_queries: list[str]) -> dict[str, object]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        t0 = time.perf_counter()
        manifest = indexer.build_into(tmp / "index", glossary.terms, glossary.categories)
        build_s = time.perf_counter() - t0
        size = folder_size(tmp / "index" / manifest.generation)
        t0 = time.perf_counter()
        info = indexer.content_info(glossary.terms, glossary.categories)
        engine = SearchEngine(glossary.terms, glossary.categories, indexer.open_index(tmp / "index", info))
        open_s = time.perf_counter() - t0
        keys = keystrokes(TYPED + extra_queries)
        suggest = timed(engine.suggest, keys)
        page = timed(lambda q: engine.search(q, limit=PAGE), keys)
        hostile = timed(lambda q: engine.search(q, limit=PAGE), HOSTILE)
        normal = timed(lambda q: engine.search(q, limit=PAGE), TYPED)
        fts = Fts5(glossary, tmp)
        fts_page = timed(fts.search, keys)
        fts_words = timed(lambda q: fts.search(q, prefix=False), keys)
        fts.close()
        assert engine.errors == 0
        engine.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    row = {
        "label": label, "terms": len(glossary.terms), "keystrokes": len(keys), "build_s": build_s,
        "size_mb": size / 1e6, "open_s": open_s, "suggest": pct(suggest), "page": pct(page),
        "fts": pct(fts_page), "fts_words": pct(fts_words), "fts_build_s": fts.build_s, "fts_size_mb": fts.size / 1e6,
        "hostile_max": max(hostile), "normal_p50": pct(normal)[0],
    }
    print_row(row)
    return row


def print_row(r: dict[str, object]) -> None:
    s, p, q = r["suggest"], r["page"], r["fts"]
    print(f"\n== {r['label']}: {r['terms']} terms, {r['keystrokes']} keystrokes", flush=True)
    print(f"   index build {r['build_s']:.2f} s, {r['size_mb']:.2f} MB; open+validate {r['open_s'] * 1000:.0f} ms")
    print(f"   suggest           p50 {s[0]:6.2f}  p95 {s[1]:6.2f}  p99 {s[2]:6.2f} ms")  # type: ignore[index]
    print(f"   results+snippets  p50 {p[0]:6.2f}  p95 {p[1]:6.2f}  p99 {p[2]:6.2f} ms")  # type: ignore[index]
    print(f"   FTS5 same page    p50 {q[0]:6.2f}  p95 {q[1]:6.2f}  p99 {q[2]:6.2f} ms "  # type: ignore[index]
          f"(build {r['fts_build_s']:.2f} s, {r['fts_size_mb']:.2f} MB)")
    w = r["fts_words"]
    print(f"   FTS5 whole words  p50 {w[0]:6.2f}  p95 {w[1]:6.2f}  p99 {w[2]:6.2f} ms")  # type: ignore[index]
    print(f"   ratio ours/FTS5   p50 {p[0] / q[0]:.1f}x  p99 {p[2] / q[2]:.1f}x "  # type: ignore[index]
          f"(whole words: p50 {p[0] / w[0]:.1f}x  p99 {p[2] / w[2]:.1f}x)")  # type: ignore[index]
    print(f"   hostile worst {r['hostile_max']:.2f} ms (normal query p50 {r['normal_p50']:.2f} ms)")


TYPOS = ["neuroplastisity", "schizophernia", "anxeity", "dopamene", "hipocampus", "seratonin", "bipoler",
         "deppression", "insomia", "melatonine"]


def bench_typos(glossary: Glossary) -> None:
    """Typo lookup: Whoosh's FuzzyTerm (edit distance 2) over title and body vs rapidfuzz over the vocabulary."""
    from whoosh.query import FuzzyTerm, Or

    from desktop_app.search.fuzzy import Corrector
    from desktop_app.search.names import NameTable

    tmp = Path(tempfile.mkdtemp(prefix="bench-typos-"))
    try:
        indexer.build_into(tmp / "index", glossary.terms, glossary.categories)
        info = indexer.content_info(glossary.terms, glossary.categories)
        opened = indexer.open_index(tmp / "index", info)
        searcher = opened.searcher

        def whoosh_fuzzy(word: str) -> object:
            q = Or([FuzzyTerm(field, word, maxdist=2, prefixlength=1) for field in (f.TITLE, f.ALIASES, f.SECTIONS)])
            return searcher.search(q, limit=PAGE)  # type: ignore[attr-defined]

        corrector = Corrector(NameTable(glossary.terms.values()).words, opened.vocab)
        wf = timed(whoosh_fuzzy, TYPOS)
        rf = timed(corrector.correct, TYPOS)
        print(f"\n== typo lookup on the real glossary ({len(TYPOS)} misspellings)")
        print(f"   Whoosh FuzzyTerm (title, aliases, body)  p50 {pct(wf)[0]:7.2f}  max {max(wf):7.2f} ms")
        print(f"   rapidfuzz over the vocabulary            p50 {pct(rf)[0]:7.2f}  max {max(rf):7.2f} ms")
        opened.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="real glossary and 2,000 terms only (for CI)")
    args = ap.parse_args(argv)
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() \
        else platform.processor()
    print(f"{time.strftime('%Y-%m-%d %H:%M')} · {platform.platform()} · Python {platform.python_version()} · "
          f"{os.cpu_count()} CPUs ({cpu})")
    real = load_glossary()
    sample = random.Random(1).sample(sorted(real.terms.values(), key=lambda t: t.slug), min(10, len(real.terms)))
    bench("real glossary", real, [t.title for t in sample])
    bench_typos(real)
    sizes = [2_000] if args.quick else [2_000, 20_000]
    for n in sizes:
        t0 = time.perf_counter()
        syn = synthetic_glossary(real, n)
        made = time.perf_counter() - t0
        titles = [t.title for t in random.Random(2).sample(sorted(syn.terms.values(), key=lambda t: t.slug), 10)]
        typos = [replace_char(t) for t in titles[:3]]
        print(f"\n(generated {n} synthetic terms in {made:.1f} s)")
        bench(f"synthetic {n:,}", syn, titles + typos)
    return 0


def replace_char(text: str) -> str:
    i = len(text) // 2
    return text[:i] + text[i + 1] + text[i] + text[i + 2:] if len(text) > 4 else text


if __name__ == "__main__":
    sys.exit(main())
