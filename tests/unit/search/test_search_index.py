"""Index faults: missing, stale, incompatible, truncated, garbage, read-only, concurrent builders.

Each is repaired by ``SearchEngine.open_or_build`` with one line for the user and no exception.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

import desktop_app
from desktop_app import paths
from desktop_app.search import indexer
from desktop_app.search.engine import SearchEngine

ROOT = Path(desktop_app.__file__).resolve().parent.parent


def open_engine(glossary):  # type: ignore[no-untyped-def]
    engine, status = SearchEngine.open_or_build(glossary)
    assert engine.search("alpha wave").hits[0].slug == "alpha-wave"  # the index works, whatever happened
    assert "\n" not in status.message
    return engine, status


def current_generation(root: Path) -> Path:
    return root / indexer.read_manifest(root).generation


def test_missing_index_is_built_then_reused(small_glossary, index_env) -> None:
    engine, status = open_engine(small_glossary)
    engine.close()
    assert (status.rebuilt, status.reason, status.location) == (True, "missing", index_env["bundled"])
    assert status.message == "The search index was missing and has been built."
    manifest = json.loads((index_env["bundled"] / "manifest.json").read_text())
    assert manifest["doc_count"] == 5 and manifest["app_version"] == desktop_app.__version__
    assert manifest["schema_version"] >= 1 and len(manifest["fingerprint"]) == 64
    engine, status = open_engine(small_glossary)
    engine.close()
    assert (status.rebuilt, status.message) == (False, "")


def test_stale_index_is_rebuilt(small_glossary, index_env) -> None:
    open_engine(small_glossary)[0].close()
    t = small_glossary.terms["daydreaming"]
    small_glossary.terms["daydreaming"] = replace(t, summary="Daydreaming now mentions zebras.")
    engine, status = open_engine(small_glossary)
    assert (status.rebuilt, status.reason) == (True, "stale")
    assert "out of date" in status.message
    assert engine.search("zebras").hits[0].slug == "daydreaming"
    engine.close()


def test_added_term_makes_the_index_stale(small_glossary, term_factory) -> None:
    open_engine(small_glossary)[0].close()
    small_glossary.terms["fresh-term"] = term_factory("fresh-term", "Fresh term")
    engine, status = open_engine(small_glossary)
    assert status.reason == "stale"
    assert engine.search("fresh term").hits[0].slug == "fresh-term"
    engine.close()


@pytest.mark.parametrize("field", ["schema_version", "app_version", "schema_signature"])
def test_index_from_another_version_is_rebuilt(small_glossary, index_env, field: str) -> None:
    open_engine(small_glossary)[0].close()
    path = index_env["bundled"] / "manifest.json"
    data = json.loads(path.read_text())
    data[field] = 999 if field == "schema_version" else "other"
    path.write_text(json.dumps(data))
    engine, status = open_engine(small_glossary)
    engine.close()
    assert (status.rebuilt, status.reason) == (True, "incompatible")


def _segment_files(gen: Path) -> list[Path]:
    return sorted((p for p in gen.iterdir() if p.name != indexer.VOCAB_NAME), key=lambda p: p.stat().st_size)


@pytest.mark.parametrize("which", ["largest", "toc", "vocab"])
def test_truncated_file_is_detected_and_rebuilt(small_glossary, index_env, which: str) -> None:
    open_engine(small_glossary)[0].close()
    gen = current_generation(index_env["bundled"])
    files = _segment_files(gen)
    target = {"largest": files[-1], "toc": next(p for p in files if p.suffix == ".toc"),
              "vocab": gen / indexer.VOCAB_NAME}[which]
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    engine, status = open_engine(small_glossary)
    engine.close()
    assert (status.rebuilt, status.reason) == (True, "corrupt")
    assert "damaged" in status.message


@pytest.mark.parametrize("which", ["largest", "toc", "manifest"])
def test_garbage_file_is_detected_and_rebuilt(small_glossary, index_env, which: str) -> None:
    open_engine(small_glossary)[0].close()
    gen = current_generation(index_env["bundled"])
    files = _segment_files(gen)
    target = {"largest": files[-1], "toc": next(p for p in files if p.suffix == ".toc"),
              "manifest": index_env["bundled"] / "manifest.json"}[which]
    target.write_bytes(os.urandom(max(64, target.stat().st_size)))
    engine, status = open_engine(small_glossary)
    engine.close()
    assert (status.rebuilt, status.reason) == (True, "corrupt")


def test_deleted_generation_is_rebuilt(small_glossary, index_env) -> None:
    open_engine(small_glossary)[0].close()
    shutil.rmtree(current_generation(index_env["bundled"]))
    engine, status = open_engine(small_glossary)
    engine.close()
    assert status.reason == "corrupt"


def test_damage_is_never_a_traceback_even_when_every_file_is_garbage(small_glossary, index_env) -> None:
    open_engine(small_glossary)[0].close()
    for p in index_env["bundled"].rglob("*"):
        if p.is_file():
            p.write_bytes(b"\x00" * 10)
    engine, status = open_engine(small_glossary)
    engine.close()
    assert status.rebuilt


def test_unwritable_index_folder_builds_into_the_user_cache(small_glossary, index_env, monkeypatch) -> None:
    blocker = index_env["bundled"].parent / "not-a-folder"
    blocker.write_text("a file where the index folder's parent should be")
    monkeypatch.setenv("BRAIN_GLOSSARY_INDEX_DIR", str(blocker / "index"))
    engine, status = open_engine(small_glossary)
    engine.close()
    assert status.location == paths.cache_index_dir() == index_env["cache_index"]
    assert status.rebuilt and str(index_env["cache_index"]) in status.message
    engine, status = open_engine(small_glossary)  # and it is used from there next time
    engine.close()
    assert (status.rebuilt, status.location) == (False, index_env["cache_index"])


def test_read_only_stale_bundled_index_is_replaced_by_a_cache_build(small_glossary, index_env, monkeypatch) -> None:
    """The installed-app case: a shipped index that is out of date in a folder the user cannot write."""
    open_engine(small_glossary)[0].close()
    bundled = index_env["bundled"]
    t = small_glossary.terms["alpha-wave"]
    small_glossary.terms["alpha-wave"] = replace(t, summary="Alpha waves, revised.")
    real_build = indexer.build_into

    def build_into(root: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if root == bundled:
            raise PermissionError(13, "Permission denied", str(root))
        return real_build(root, *args, **kwargs)

    monkeypatch.setattr(indexer, "build_into", build_into)
    before = sorted(p.name for p in bundled.iterdir())
    engine, status = open_engine(small_glossary)
    engine.close()
    assert (status.rebuilt, status.reason, status.location) == (True, "stale", index_env["cache_index"])
    assert sorted(p.name for p in bundled.iterdir()) == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_by_permissions(small_glossary, index_env) -> None:
    bundled = index_env["bundled"]
    bundled.mkdir()
    bundled.chmod(0o555)
    try:
        engine, status = open_engine(small_glossary)
        engine.close()
        assert status.location == index_env["cache_index"]
    finally:
        bundled.chmod(0o755)


def test_no_writable_folder_at_all_uses_a_session_index_in_memory(small_glossary, index_env, monkeypatch) -> None:
    blocker = index_env["bundled"].parent / "file"
    blocker.write_text("x")
    monkeypatch.setenv("BRAIN_GLOSSARY_INDEX_DIR", str(blocker / "index"))
    monkeypatch.setenv("BRAIN_GLOSSARY_CACHE_DIR", str(blocker / "cache"))
    engine, status = open_engine(small_glossary)
    engine.close()
    assert status.location is None and status.rebuilt and "this session" in status.message


def test_leftovers_of_a_killed_builder_are_harmless_and_swept(small_glossary, index_env) -> None:
    bundled = index_env["bundled"]
    bundled.mkdir()
    leftover = bundled / (indexer.TMP_PREFIX + "killed")
    leftover.mkdir()
    (leftover / "MAIN_x.seg").write_bytes(b"half a segment")
    old = time.time() - indexer.STALE_TMP_S - 10
    os.utime(leftover, (old, old))
    engine, status = open_engine(small_glossary)
    engine.close()
    assert status.reason == "missing"
    assert not leftover.exists()


def test_old_generations_are_swept_after_the_grace_period(small_glossary, index_env, term_factory) -> None:
    open_engine(small_glossary)[0].close()
    first = current_generation(index_env["bundled"])
    old = time.time() - indexer.OLD_GENERATION_GRACE_S - 10
    os.utime(first, (old, old))
    small_glossary.terms["x-term"] = term_factory("x-term", "X term")
    open_engine(small_glossary)[0].close()
    assert not first.exists()
    assert len(list(index_env["bundled"].glob(indexer.GEN_PREFIX + "*"))) == 1


# --------------------------------------------------------------------------------- concurrent builders

# A folder holding a few of the real term files: links to the others count as pending, not as errors.
_LOAD = """
from pathlib import Path
from desktop_app import paths
from desktop_app.content.loader import load_glossary
def load(folder):
    return load_glossary(Path(folder), launch_list={p.stem: ("", "") for p in paths.terms_dir().glob("*.md")})
"""

_WORKER = _LOAD + """
import json, sys, time
from desktop_app.search import indexer
from desktop_app.search.engine import SearchEngine
g = load(sys.argv[1])
start = float(sys.argv[3])
while time.time() < start:
    time.sleep(0.001)
if sys.argv[2] == "raw":  # no lock at all: only the atomic rename scheme protects the index
    root = Path(sys.argv[4])
    root.mkdir(parents=True, exist_ok=True)
    indexer.build_into(root, g.terms, g.categories)
    print(json.dumps({"ok": True}))
else:
    engine, status = SearchEngine.open_or_build(g)
    hits = [h.slug for h in engine.search(sys.argv[4]).hits]
    print(json.dumps({"rebuilt": status.rebuilt, "location": str(status.location), "hits": hits,
                      "errors": engine.errors}))
"""


@pytest.fixture
def term_files(tmp_path: Path, real_glossary) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    """A folder with copies of a few real term files, and a word to search for."""
    if len(real_glossary.terms) < 3:
        pytest.skip("needs three written terms")
    folder = tmp_path / "terms"
    folder.mkdir()
    slugs = sorted(real_glossary.terms)[:6]
    for slug in slugs:
        src = real_glossary.terms[slug].path
        assert src is not None
        shutil.copy(src, folder / src.name)
    return folder, real_glossary.terms[slugs[0]].title


def _run_workers(n: int, args: list[str]) -> list[dict[str, object]]:
    start = time.time() + 1.5  # every worker imports first, then all start building at the same moment
    procs = [subprocess.Popen([sys.executable, "-c", _WORKER, *args[:2], str(start), *args[2:]], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(n)]
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=120)
        assert p.returncode == 0, stderr
        assert "Traceback" not in stderr
        out.append(json.loads(stdout))
    return out


def test_two_app_instances_starting_at_once(term_files, index_env) -> None:
    folder, title = term_files
    results = _run_workers(2, [str(folder), "app", title])
    for r in results:
        assert r["location"] == str(index_env["bundled"]) and r["errors"] == 0
        assert r["hits"], "the copied terms did not load"
    assert sum(bool(r["rebuilt"]) for r in results) >= 1
    # Whoever came second waited for the lock and reused the first build: one generation only.
    assert len(list(index_env["bundled"].glob(indexer.GEN_PREFIX + "*"))) == 1
    check = subprocess.run([sys.executable, "-c", _LOAD + (
        "import sys; from desktop_app.search import indexer; g = load(sys.argv[1]);"
        "indexer.open_index(Path(sys.argv[2]), indexer.content_info(g.terms, g.categories)).close()"),
        str(folder), str(index_env["bundled"])], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr


def test_concurrent_builders_without_the_lock_never_leave_a_broken_index(term_files, index_env) -> None:
    folder, _title = term_files
    root = index_env["bundled"]
    _run_workers(3, [str(folder), "raw", str(root)])
    namespace: dict[str, object] = {}
    exec(_LOAD, namespace)
    g = namespace["load"](folder)  # type: ignore[operator]
    assert len(g.terms) == 6
    indexer.open_index(root, indexer.content_info(g.terms, g.categories)).close()
    assert not list(root.glob(indexer.TMP_PREFIX + "*"))


def test_damage_noticed_mid_search_still_answers_from_names(small_glossary, monkeypatch) -> None:
    import struct

    engine, _status = open_engine(small_glossary)

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise struct.error("unpack requires a buffer of 4 bytes")

    monkeypatch.setattr(engine._searcher, "search", broken)
    res = engine.search("alpha wave")
    assert [h.slug for h in res.hits] == ["alpha-wave"]
    assert engine.healthy is False and engine.errors == 1
    engine.close()
