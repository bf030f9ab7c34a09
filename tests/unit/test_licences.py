"""Licences (#17): every runtime dependency is named with its licence; the licence files exist."""

import tomllib
from pathlib import Path

from desktop_app import licences

ROOT = Path(__file__).resolve().parents[2]


def _name(req: str) -> str:
    for sep in "<>=!~;[ ":
        req = req.split(sep, 1)[0]
    return req.strip().lower().replace("_", "-")


def test_every_runtime_dependency_has_a_licence_row() -> None:
    """pyproject.toml's dependencies and everything they pull in (the locked runtime.txt)."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    locked = [line.split("==")[0] for line in (ROOT / "requirements" / "runtime.txt").read_text().splitlines()
              if "==" in line and not line.startswith((" ", "#"))]
    known = {d.lower() for d, *_ in licences.THIRD_PARTY} | licences.COVERED
    missing = sorted({_name(d) for d in [*deps, *locked]} - known)
    assert not missing, f"add a row to desktop_app/licences.py THIRD_PARTY for {missing} (About box, #17)"


def test_installed_dependencies_are_listed() -> None:
    shown = dict(licences.third_party())
    assert shown["Whoosh search library"] == "BSD-2-Clause"
    assert any(k.startswith("Python ") for k in shown)
    assert any(k.startswith("Qt and") and v == "LGPL-3.0-only" for k, v in shown.items())


def test_licence_files_and_spdx_metadata() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT AND CC-BY-4.0"
    assert project["license-files"] == ["LICENSE", "LICENSE-CONTENT"]
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    content = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International Public License" in content
    assert "Section 8 – Interpretation." in content  # the whole legal code, not a summary
