"""``brain-glossary index build|check``: build the search index, or say whether it is usable.

``build`` always builds a fresh generation (into the app's index folder, or the user cache folder when that
is read-only) and exits 0 when the new index validates. ``check`` builds nothing: it exits 0 when an index
that is present, fresh (matches the content) and readable exists where the app looks for one, else 1.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path


def _size(folder: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.path.getsize(os.path.join(dirpath, name))
    return total


def run(action: str) -> int:
    try:
        from desktop_app import paths
        from desktop_app.content.loader import load_glossary
        from desktop_app.search import indexer

        glossary = load_glossary()
        info = indexer.content_info(glossary.terms, glossary.categories)
        roots = paths.index_roots()
        build_roots = paths.index_build_roots()  # never a wheel's shipped (read-only) index
    except Exception as exc:
        print(f"error: the content cannot be loaded: {exc}", file=sys.stderr)
        return 2
    if action == "check":
        problems = []
        for root in roots:
            try:
                opened = indexer.open_index(root, info)
            except indexer.IndexProblem as p:
                problems.append(f"{root}: {p.kind}: {p.detail}")
                continue
            opened.close()
            print(f"ok: the search index in {root} is present, fresh and readable ({info.doc_count} terms)")
            return 0
        for line in problems:
            print(line, file=sys.stderr)
        print("The search index needs a rebuild: run `brain-glossary index build` (the app rebuilds it itself "
              "when it starts).", file=sys.stderr)
        return 1
    if action != "build":
        print(f"error: unknown action '{action}' (use build or check)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    errors = []
    for root in build_roots:
        try:
            root.mkdir(parents=True, exist_ok=True)
            with indexer.build_lock(root):
                manifest = indexer.build_into(root, glossary.terms, glossary.categories)
            indexer.open_index(root, info).close()
        except (OSError, indexer.IndexProblem) as exc:
            errors.append(f"{root}: {exc}")
            continue
        size = _size(root / manifest.generation)
        print(f"Built the search index: {manifest.doc_count} terms in {time.perf_counter() - started:.2f} s, "
              f"{size / 1024:.0f} KB, in {root}")
        if glossary.skipped:
            print(f"{len(glossary.skipped)} invalid term file(s) were left out; run `brain-glossary check`.",
                  file=sys.stderr)
        return 0
    for line in errors:
        print(f"error: cannot build the index in {line}", file=sys.stderr)
    return 1
