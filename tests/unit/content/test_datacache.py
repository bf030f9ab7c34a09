"""The JSON cache in front of the small YAML data files: fresh, stale, damaged, unwritable."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from desktop_app.content import datacache


def test_round_trip_and_staleness(tmp_path: Path) -> None:
    src = tmp_path / "data.yaml"
    src.write_text("when: 2026-11-28\nitems: [a, b]\n", encoding="utf-8")
    first = datacache.load_yaml(src)
    assert first == {"when": dt.date(2026, 11, 28), "items": ["a", "b"]}
    assert datacache._cache_path().exists()
    assert datacache.load_yaml(src) == first  # from the cache
    src.write_text("when: 2027-01-02\nitems: [c]\n", encoding="utf-8")
    os.utime(src, ns=(src.stat().st_atime_ns, src.stat().st_mtime_ns + 10_000_000))
    assert datacache.load_yaml(src) == {"when": dt.date(2027, 1, 2), "items": ["c"]}


def test_cache_hit_does_not_import_yaml(tmp_path: Path) -> None:
    import subprocess

    src = tmp_path / "data.yaml"
    src.write_text("a: 1\n", encoding="utf-8")
    datacache.load_yaml(src)
    code = ("import sys; from desktop_app.content import datacache; "
            f"assert datacache.load_yaml({str(src)!r}) == {{'a': 1}}; print('yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=dict(os.environ))
    assert out.stdout.strip() == "False"


def test_damaged_or_unwritable_cache_is_only_a_slower_read(tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "data.yaml"
    src.write_text("a: 1\n", encoding="utf-8")
    datacache._cache_path().parent.mkdir(parents=True, exist_ok=True)
    datacache._cache_path().write_bytes(b"\x00garbage{")
    assert datacache.load_yaml(src) == {"a": 1}
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("BRAIN_GLOSSARY_CACHE_DIR", str(blocker / "cache"))
    assert datacache.load_yaml(src) == {"a": 1}
