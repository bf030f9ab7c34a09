"""Issue #13, cases 3 and 4: damaged shared content files never stop the app or the commands, one missing
term file skips no other term, and the speed-up cache never outranks the files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import desktop_app
from desktop_app import paths
from desktop_app.content import crisis, datacache
from desktop_app.content.loader import load_glossary

ROOT = Path(desktop_app.__file__).resolve().parent.parent


@pytest.fixture
def res(tmp_path: Path) -> Path:
    target = tmp_path / "resources"
    shutil.copytree(paths.resources_dir(), target)
    return target


def run(args: list[str], res: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, BRAIN_GLOSSARY_RESOURCES=str(res), QT_QPA_PLATFORM="offscreen",
               BRAIN_GLOSSARY_CACHE_DIR=str(tmp_path / "cache"), BRAIN_GLOSSARY_DATA_DIR=str(tmp_path / "data"),
               BRAIN_GLOSSARY_INDEX_DIR=str(tmp_path / "index"))
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=180)


FAULTS = {
    "categories-missing": ("content/categories.yaml", None, "categories.yaml", "is missing"),
    "categories-malformed": ("content/categories.yaml", "- id: [unclosed\n  name: x\n", "categories.yaml", "categories"),
    "categories-wrong-shape": ("content/categories.yaml", "- id: x\n", "categories.yaml", "needs text fields"),
    "sources-missing": ("content/sources.yaml", None, "sources.yaml", "is missing"),
    "sources-malformed": ("content/sources.yaml", "- url: [unclosed\n", "sources.yaml", "not valid YAML"),
}


def _inject(res: Path, fault: str) -> None:
    rel, text, _, _ = FAULTS[fault]
    if text is None:
        (res / rel).unlink()
    else:
        (res / rel).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_check_and_print_name_the_file_and_fail_cleanly(res: Path, tmp_path: Path, fault: str) -> None:
    _inject(res, fault)
    _, _, name, fragment = FAULTS[fault]
    out = run(["check"], res, tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    line = next(ln for ln in out.stdout.splitlines() if name in ln)
    assert ": error: " in line and fragment in line, line
    printed = run(["print", "adhd", "-o", str(tmp_path / "adhd.pdf")], res, tmp_path)
    assert printed.returncode == 1
    assert "Traceback" not in printed.stdout + printed.stderr
    assert name in printed.stderr and "cannot print" in printed.stderr
    assert not (tmp_path / "adhd.pdf").exists()


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_every_term_is_kept_when_a_shared_file_is_damaged(res: Path, monkeypatch, fault: str) -> None:
    monkeypatch.setenv("BRAIN_GLOSSARY_RESOURCES", str(res))
    n_files = len(list((res / "content" / "terms").glob("*.md")))
    _inject(res, fault)
    g = load_glossary()
    assert len(g.terms) == n_files and not g.skipped
    assert any(FAULTS[fault][2] in n for n in g.file_notices)


@pytest.mark.parametrize("fault", ["categories-missing", "categories-malformed", "sources-missing"])
def test_the_app_paints_with_the_crisis_panel(res: Path, tmp_path: Path, fault: str) -> None:
    _inject(res, fault)
    out = run(["--exit-after-first-paint"], res, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "first paint after" in out.stderr and "Traceback" not in out.stderr


def test_deleting_one_term_file_skips_no_other_term(res: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BRAIN_GLOSSARY_RESOURCES", str(res))
    terms = res / "content" / "terms"
    linking = [p.stem for p in terms.glob("*.md") if "stimulants" in p.read_text(encoding="utf-8")
               and p.stem != "stimulants"]
    assert "adhd" in linking
    n_files = len(list(terms.glob("*.md")))
    (terms / "stimulants.md").unlink()
    g = load_glossary()
    assert not g.skipped, sorted(g.skipped)
    assert len(g.terms) == n_files - 1 and set(linking) <= set(g.terms)
    out = run(["check"], res, tmp_path)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "adhd.md" in out.stdout and "'stimulants' is not a term" in out.stdout
    assert run(["print", "adhd", "-o", str(tmp_path / "adhd.pdf")], res, tmp_path).returncode == 0


def test_a_link_to_a_missing_term_shows_as_plain_text(res: Path, monkeypatch) -> None:
    from desktop_app.content.loader import incoming_links
    from desktop_app.render import term_html

    monkeypatch.setenv("BRAIN_GLOSSARY_RESOURCES", str(res))
    (res / "content" / "terms" / "stimulants.md").unlink()
    g = load_glossary()
    adhd = g.terms["adhd"]
    titles = {s: t.title for s, t in g.terms.items()}
    html = term_html.term_page(adhd, titles=titles, related_of=lambda s: g.terms[s].related if s in g.terms else (),
                               linked_from=incoming_links(g.terms).get("adhd", ()))
    assert "term:stimulants" not in html


def test_an_edit_that_keeps_mtime_and_size_is_seen(tmp_path: Path) -> None:
    src = tmp_path / "regions.yaml"
    shutil.copy(crisis.regions_path(), src)
    crisis._load_cached.cache_clear()
    assert "988" in crisis.get_region("US", src).panel_text  # now cached
    st = src.stat()
    src.write_text(src.read_text(encoding="utf-8").replace("988", "989"),
                   encoding="utf-8")
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (src.stat().st_size, src.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    crisis._load_cached.cache_clear()
    assert "989" in crisis.get_region("US", src).panel_text


def test_check_reads_the_real_files_never_the_cache(monkeypatch) -> None:
    def no_cache():
        raise AssertionError("check used the cache")

    monkeypatch.setattr(datacache, "_read_cache", no_cache)
    assert crisis.validate_all() == []
    g = load_glossary(use_cache=False)
    assert len(g.categories) == 6


def test_a_cache_entry_under_the_old_key_is_ignored(tmp_path: Path) -> None:
    src = tmp_path / "regions.yaml"
    shutil.copy(crisis.regions_path(), src)
    crisis._load_cached.cache_clear()
    crisis.load_regions(src)
    cache = json.loads(datacache._cache_path().read_text(encoding="utf-8"))
    (entry,) = [v for k, v in cache.items() if k.startswith(str(src.resolve()))]
    st = src.stat()
    forged = json.loads(json.dumps(entry).replace("988", "555"))
    datacache._cache_path().write_text(json.dumps({f"{src.resolve()}|{st.st_mtime_ns}|{st.st_size}": forged}),
                                       encoding="utf-8")
    crisis._load_cached.cache_clear()
    assert "988" in crisis.get_region("US", src).panel_text
    assert "555" not in crisis.get_region("US", src).footer_text
