"""The core (content, search, render, userdata) imports no Qt: proven in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import desktop_app

CORE = ("content", "search", "render", "userdata")


def test_core_modules_import_without_qt() -> None:
    root = Path(desktop_app.__file__).parent
    modules = []
    for pkg in CORE:
        for path in sorted((root / pkg).glob("*.py")):
            name = "desktop_app." + pkg + ("" if path.stem == "__init__" else "." + path.stem)
            modules.append(name)
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"Qt imported by the core: {out.stdout}"
    assert len(modules) >= 6
