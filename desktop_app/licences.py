"""The licences of the app, its content and what it ships with (Help > About, `--version`). Qt-free.

Every runtime dependency in requirements/runtime.txt (pyproject.toml's and theirs) must have a row in
THIRD_PARTY (tests/unit/test_licences.py checks it), so the About box names every licence. Rows for packages that are not installed are not shown.
The full texts: LICENSE and LICENSE-CONTENT; in the bundle, licenses/ beside the executable (every library,
scripts/collect-notices.py); in a wheel install, each package's dist-info.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

APP = "MIT"
CONTENT = "CC BY 4.0"

# (distribution name in pyproject.toml, import name, what it is, licence as SPDX)
THIRD_PARTY = (
    ("PySide6-Essentials", "PySide6", "Qt and Qt for Python (PySide6, shiboken6)", "LGPL-3.0-only"),
    ("Whoosh", "whoosh", "Whoosh search library", "BSD-2-Clause"),
    ("PyYAML", "yaml", "PyYAML", "MIT"),
    ("rapidfuzz", "rapidfuzz", "RapidFuzz", "MIT"),
    ("wordfreq", "wordfreq", "wordfreq (code; its word lists are CC BY-SA 4.0)", "Apache-2.0"),
    ("msgpack", "msgpack", "msgpack", "Apache-2.0"),
    ("textstat", "textstat", "textstat", "MIT"),
    ("pyphen", "pyphen", "Pyphen (hyphenation dictionaries under their own licences)",
     "GPL-2.0-or-later OR LGPL-2.1-or-later OR MPL-1.1"),
    ("fsrs", "fsrs", "FSRS scheduler", "MIT"),
    ("genanki", "genanki", "genanki", "MIT"),
    ("chevron", "chevron", "chevron (for genanki)", "MIT"),
    ("frozendict", "frozendict", "frozendict (for genanki)", "LGPL-3.0-only"),
    ("cached-property", "cached_property", "cached-property (for genanki)", "BSD-3-Clause"),
    ("setuptools", "pkg_resources", "setuptools' pkg_resources (for textstat)", "MIT"),
    ("typing-extensions", "typing_extensions", "typing_extensions", "PSF-2.0"),
)
# Covered by another row: shiboken6 is part of Qt for Python.
COVERED = {"shiboken6"}


def _present(module: str) -> bool:
    if module in sys.modules:
        return True
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def third_party() -> list[tuple[str, str]]:
    """(what, licence) for Python itself and every shipped package that is present."""
    rows = [(f"Python {sys.version.split()[0]}", "PSF-2.0")]
    for _dist, module, what, spdx in THIRD_PARTY:
        if _present(module):
            rows.append((what, spdx))
    return rows


def notices_location() -> str:
    """Where the full licence texts are, for this way of running the app."""
    if getattr(sys, "frozen", False):
        return str(Path(sys.executable).resolve().parent / "licenses")
    return "each package's licence files (the dist-info folders of its Python environment)"
