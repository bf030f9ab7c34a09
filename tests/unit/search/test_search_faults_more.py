"""Two more index faults, done for real: a full disk during a rebuild, and a builder killed mid-build."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from desktop_app.search import indexer
from desktop_app.search.engine import SearchEngine


def test_full_disk_during_a_rebuild_still_searches_and_leaves_no_half_index(real_glossary, index_env,
                                                                             monkeypatch) -> None:
    real_write = indexer._write_whoosh

    def disk_full(storage_or_dir, *args, **kwargs):
        if isinstance(storage_or_dir, Path):  # a folder on disk; the in-memory fallback still works
            (storage_or_dir / "partial.seg").write_bytes(b"x" * 1000)
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(storage_or_dir, *args, **kwargs)

    monkeypatch.setattr(indexer, "_write_whoosh", disk_full)
    engine, status = SearchEngine.open_or_build(real_glossary, warm=False)
    try:
        assert status.rebuilt and status.location is None and "this session only" in status.message
        assert engine.search("neuroplasticity").hits[0].slug == "neuroplasticity"
    finally:
        engine.close()
    for root in (index_env["bundled"], index_env["cache_index"]):
        leftovers = [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
        assert not [p for p in leftovers if p.name == "partial.seg"], leftovers
        assert not (root / indexer.MANIFEST_NAME).exists()
    # Space again: the next start builds a real index on disk.
    monkeypatch.setattr(indexer, "_write_whoosh", real_write)
    engine, status = SearchEngine.open_or_build(real_glossary, warm=False)
    assert status.location == index_env["bundled"]
    engine.close()


BUILDER = """
import sys
from desktop_app.content.loader import load_glossary
from desktop_app.search.engine import SearchEngine
print("building", flush=True)
SearchEngine.open_or_build(load_glossary(), warm=False)
print("built", flush=True)
"""


def test_builder_killed_mid_build_then_the_app_starts_clean(real_glossary, index_env) -> None:
    env = dict(os.environ)
    killed_mid_build = 0
    for delay in (0.15, 0.3, 0.45, 0.6):
        with subprocess.Popen([sys.executable, "-c", BUILDER], stdout=subprocess.PIPE, env=env, text=True) as proc:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "building"
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        if not (index_env["bundled"] / indexer.MANIFEST_NAME).exists():
            killed_mid_build += 1
        engine, _status = SearchEngine.open_or_build(real_glossary, warm=False)
        try:
            assert engine.search("panic attack").hits[0].slug == "panic-attack"
        finally:
            engine.close()
        # Start clean for the next round.
        for p in sorted(index_env["bundled"].rglob("*"), reverse=True):
            p.unlink() if p.is_file() else p.rmdir()
    assert killed_mid_build >= 1, "no kill landed during a build; the delays are too long for this machine"
