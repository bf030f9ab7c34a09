"""`brain-glossary search --json` keeps its contract for crisis language: a JSON array on stdout with the
crisis terms first, and one crisis line with the region's numbers on stderr (issue #12)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(tmp_path: Path, *args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, BRAIN_GLOSSARY_INDEX_DIR=str(tmp_path / "index"),
               BRAIN_GLOSSARY_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(ROOT), LANG="C.UTF-8")
    env.pop("LC_ALL", None)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "desktop_app", "search", *args], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT)


def test_crisis_query_json_has_crisis_terms_first_and_stderr_has_us_numbers(tmp_path: Path) -> None:
    p = run(tmp_path, "i want to kill myself", "--json")
    assert p.returncode == 0, p.stderr
    hits = json.loads(p.stdout)
    assert hits[0]["slug"] == "suicidal-ideation"
    assert {"988-lifeline", "crisis-line"} <= {h["slug"] for h in hits[:4]}
    assert "988" in p.stderr and "911" in p.stderr and "Traceback" not in p.stderr


def test_region_changes_the_notice_uk_and_locale(tmp_path: Path) -> None:
    uk = run(tmp_path, "took too many pills", "--json", "--region", "UK")
    assert "999" in uk.stderr and "911" not in uk.stderr
    assert json.loads(uk.stdout)[0]["slug"] in {"overdose", "naloxone"}
    by_locale = run(tmp_path, "quiero morir", "--json", env_extra={"LANG": "en_AU.UTF-8"})
    assert "000" in by_locale.stderr and "13 11 14" in by_locale.stderr
    bad = run(tmp_path, "help", "--region", "XX")
    assert bad.returncode == 2 and "unknown region 'XX'" in bad.stderr


def test_nonsense_prints_an_empty_array(tmp_path: Path) -> None:
    for q in ("football scores tonight", "how to file my taxes", "the"):
        p = run(tmp_path, q, "--json")
        assert p.returncode == 0 and json.loads(p.stdout) == [], (q, p.stdout)
    text = run(tmp_path, "how to file my taxes")
    assert "No term matches" in text.stdout


@pytest.mark.parametrize("query", ["sertraline", "panic attack"])
def test_a_plain_query_has_no_crisis_notice(tmp_path: Path, query: str) -> None:
    p = run(tmp_path, query, "--json")
    assert "Crisis help" not in p.stderr
