"""`brain-glossary check` as a user runs it: a summary line, every problem, an honest exit status."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import desktop_app
from desktop_app import paths

ROOT = Path(desktop_app.__file__).resolve().parent.parent


def run_check(env_resources: Path | None = None) -> subprocess.CompletedProcess[str]:
    import os

    env = dict(os.environ)
    if env_resources is not None:
        env["BRAIN_GLOSSARY_RESOURCES"] = str(env_resources)
    return subprocess.run([sys.executable, "-m", "desktop_app", "check"], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def test_check_passes_on_shipped_content() -> None:
    out = run_check()
    assert out.returncode == 0, out.stdout + out.stderr
    last = out.stdout.strip().splitlines()[-1]
    assert " terms, 0 problems" in last


def test_check_fails_naming_file_and_field(tmp_path: Path) -> None:
    res = tmp_path / "resources"
    shutil.copytree(paths.resources_dir(), res)
    target = res / "content" / "terms" / "neuroplasticity.md"
    text = target.read_text(encoding="utf-8").replace("category: Brain and Body", "category: Brains")
    target.write_text(text, encoding="utf-8")
    (res / "content" / "terms" / "garbage.md").write_bytes(b"\x00\x01\x02")
    out = run_check(res)
    assert out.returncode == 1
    assert f"{target}:" in out.stdout and "category: 'Brains' is not a category" in out.stdout
    assert "garbage.md: error: file: contains NUL bytes" in out.stdout
    assert out.stdout.strip().splitlines()[-1].split(",")[1].strip().startswith("2 problems")
