"""Issue #13, case 6: what killed builders leave is swept at the next start (never a live build's folder),
and Whoosh's stemming cache stays bounded however many new words are searched."""

from __future__ import annotations

import os
import time
from pathlib import Path

from desktop_app.content.loader import Glossary
from desktop_app.search import analysis, indexer
from desktop_app.search.engine import SearchEngine


def _leave_leftovers(root: Path, n: int) -> tuple[str, list[Path]]:
    current = indexer.read_manifest(root).generation
    fp = current.split("-")[1]
    made: list[Path] = []
    for i in range(n):
        half = root / f"{indexer.TMP_PREFIX}killed{i}"
        half.mkdir()
        (half / "segment.seg").write_bytes(b"x" * 1000)
        never = root / f"{indexer.GEN_PREFIX}{fp}-{time.time_ns() + i}-{90000 + i}"  # built, never made current
        never.mkdir()
        (never / "_MAIN_1.toc").write_bytes(b"x" * 1000)
        made += [half, never]
    return current, made


def test_killed_builds_are_swept_at_the_next_start(real_glossary: Glossary, index_env) -> None:
    engine, _ = SearchEngine.open_or_build(real_glossary)
    engine.close()
    root = index_env["bundled"]
    current, made = _leave_leftovers(root, 50)
    old = root / f"{indexer.GEN_PREFIX}old-1-1"
    old.mkdir()
    os.utime(old, (time.time() - 2 * indexer.OLD_GENERATION_GRACE_S,) * 2)
    recent_old = root / f"{indexer.GEN_PREFIX}older-{1}-{2}"  # older than current, recent: a reader may use it
    recent_old.mkdir()
    engine, status = SearchEngine.open_or_build(real_glossary)
    try:
        assert not status.rebuilt
        assert not any(p.exists() for p in made), "50 half-built folders and 50 never-current generations"
        assert not old.exists()
        assert recent_old.exists()
        assert (root / current).is_dir()
        assert engine.search("anxiety").hits
    finally:
        engine.close()


def test_a_build_in_progress_is_never_touched(real_glossary: Glossary, index_env) -> None:
    engine, _ = SearchEngine.open_or_build(real_glossary)
    engine.close()
    root = index_env["bundled"]
    _, made = _leave_leftovers(root, 3)
    with indexer.build_lock(root) as got:  # another builder at work (a second open file description)
        assert got
        assert indexer.sweep_at_start(root) == 0
        assert all(p.exists() for p in made)
    assert indexer.sweep_at_start(root) == len(made)


def test_the_stemming_cache_is_bounded() -> None:
    stem_filter = next(f for f in analysis._ANALYZER.items if type(f).__name__ == "StemFilter")
    for i in range(analysis.STEM_CACHE_WORDS + 15_000):
        analysis.analyze(f"zq{i}x running")
    _hits, misses, maxsize, size = stem_filter._stem.cache_info()
    assert maxsize == analysis.STEM_CACHE_WORDS and size <= analysis.STEM_CACHE_WORDS
    assert misses > analysis.STEM_CACHE_WORDS
