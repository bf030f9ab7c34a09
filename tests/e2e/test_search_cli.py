"""`brain-glossary search` and `brain-glossary index` as a user runs them (subprocesses, tmp index dirs)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import desktop_app

ROOT = Path(desktop_app.__file__).resolve().parent.parent
KEYS = {"slug", "title", "category", "score", "matched_alias", "section", "snippet"}


@pytest.fixture
def cli(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = dict(os.environ)
    env["BRAIN_GLOSSARY_INDEX_DIR"] = str(tmp_path / "index")
    env["BRAIN_GLOSSARY_CACHE_DIR"] = str(tmp_path / "cache")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True,
                              env=env, cwd=ROOT, timeout=120)

    run.index_dir = tmp_path / "index"  # type: ignore[attr-defined]
    return run


def test_json_output_is_only_a_json_array_of_hits(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("search", "Neuroplasticity", "--json", "--limit", "3")
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout)
    assert isinstance(hits, list) and 1 <= len(hits) <= 3
    assert all(set(h) == KEYS for h in hits)
    assert hits[0]["slug"] == "neuroplasticity" and hits[0]["matched_alias"] is None
    assert "Traceback" not in out.stderr
    assert out.stderr.strip() == "The search index was missing and has been built."
    again = cli("search", "brain plasticity", "--json")
    assert again.returncode == 0 and again.stderr == ""
    assert json.loads(again.stdout)[0]["matched_alias"] == "brain plasticity"


def test_human_output_with_did_you_mean(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("search", "neuroplastisity")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Did you mean: neuroplasticity?")
    assert "1. Neuroplasticity  [Brain and Body]" in out.stdout
    assert "<b>" not in out.stdout and "\x1b[" not in out.stdout  # not a terminal: plain text


def test_json_did_you_mean_goes_to_stderr(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("search", "neuroplastisity", "--json")
    assert json.loads(out.stdout)[0]["slug"] == "neuroplasticity"
    assert "Did you mean: neuroplasticity" in out.stderr


def test_category_option_and_unknown_category(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("search", "sleep", "--category", "Therapies", "--json")
    assert out.returncode == 0
    assert {h["category"] for h in json.loads(out.stdout)} <= {"Therapies"}
    bad = cli("search", "sleep", "--category", "astrology")
    assert bad.returncode == 2 and "not a category" in bad.stderr and bad.stdout == ""


def test_hostile_query_on_the_command_line(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("search", "NOT NOT *?* (((", '"', "--json")
    assert out.returncode == 0 and json.loads(out.stdout) == []
    assert "Traceback" not in out.stderr


def test_index_build_and_check_exit_status(cli) -> None:  # type: ignore[no-untyped-def]
    missing = cli("index", "check")
    assert missing.returncode == 1 and "missing" in missing.stderr
    built = cli("index", "build")
    assert built.returncode == 0 and built.stdout.startswith("Built the search index:")
    ok = cli("index", "check")
    assert ok.returncode == 0 and ok.stdout.startswith("ok:")
    manifest = json.loads((cli.index_dir / "manifest.json").read_text())
    seg = max((cli.index_dir / manifest["generation"]).iterdir(), key=lambda p: p.stat().st_size)
    seg.write_bytes(b"garbage")
    damaged = cli("index", "check")
    assert damaged.returncode == 1 and "corrupt" in damaged.stderr and "Traceback" not in damaged.stderr
    repaired = cli("search", "neuron", "--json")
    assert repaired.returncode == 0 and json.loads(repaired.stdout)
    assert repaired.stderr.strip() == "The search index was damaged and has been rebuilt."
    assert cli("index", "check").returncode == 0
