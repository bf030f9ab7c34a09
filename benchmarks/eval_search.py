"""Search quality on the project's own query sets (tests/search_eval/), per kind: top-1 and top-3.

    python benchmarks/eval_search.py [--failures] [--json]

Crisis phrasings count as right when a crisis term is first and the query is recognised as crisis language;
nonsense queries count as right when nothing is returned. Uses the real glossary and a temporary index.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "search_eval"


def read_sets() -> list[tuple[str, str, tuple[str, ...]]]:
    """(kind, query, acceptable top-1 slugs) for every query; crisis queries have no slugs (any crisis term)."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for line in (EVAL_DIR / "crisis.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(("crisis", line.strip(), ()))
    for line in (EVAL_DIR / "queries.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, query, *rest = line.split("\t")
        slugs = tuple(s for s in (rest[0] if rest else "").split("|") if s)
        out.append((kind, query, slugs))
    return out


def evaluate(engine, crisis_slugs: frozenset[str]) -> dict:
    from desktop_app.search.crisis_intent import detect

    per_kind: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "top1": 0, "top3": 0})
    failures: list[dict] = []
    for kind, query, want in read_sets():
        hits = [h.slug for h in engine.search(query, limit=10).hits]
        k = per_kind[kind]
        k["n"] += 1
        if kind == "crisis":
            ok1 = bool(hits) and hits[0] in crisis_slugs and detect(query) is not None
            ok3 = ok1
        elif kind == "nonsense":
            ok1 = ok3 = not hits
        else:
            ok1 = bool(hits) and hits[0] in want
            ok3 = any(h in want for h in hits[:3])
        k["top1"] += ok1
        k["top3"] += ok3
        if not ok1:
            failures.append({"kind": kind, "query": query, "want": list(want), "got": hits[:3]})
    return {"per_kind": dict(per_kind), "failures": failures}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--failures", action="store_true", help="list the queries whose top hit is wrong")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from desktop_app.content.loader import load_glossary
    from desktop_app.search import crisis_intent, indexer
    from desktop_app.search.engine import SearchEngine

    glossary = load_glossary()
    with tempfile.TemporaryDirectory() as tmp:
        indexer.build_into(Path(tmp), glossary.terms, glossary.categories)
        engine = SearchEngine(glossary.terms, glossary.categories,
                              indexer.open_index(Path(tmp), indexer.content_info(glossary.terms, glossary.categories)))
        report = evaluate(engine, crisis_intent.crisis_slugs())
        engine.close()
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    total = {"n": 0, "top1": 0, "top3": 0}
    print(f"{len(glossary.terms)} terms")
    print(f"{'kind':10} {'n':>4} {'top-1':>7} {'top-3':>7}")
    for kind, k in report["per_kind"].items():
        for key in total:
            total[key] += k[key]
        print(f"{kind:10} {k['n']:4d} {100 * k['top1'] / k['n']:6.1f}% {100 * k['top3'] / k['n']:6.1f}%")
    print(f"{'all':10} {total['n']:4d} {100 * total['top1'] / total['n']:6.1f}% {100 * total['top3'] / total['n']:6.1f}%")
    if args.failures:
        for f in report["failures"]:
            print(f"  [{f['kind']}] {f['query']!r}: want {f['want'] or 'crisis/none'}, got {f['got']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
