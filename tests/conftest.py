"""Shared test set-up: headless Qt, and no test ever touches the real user folders or index."""

from __future__ import annotations

import os

# pytest-qt has no ini option for the platform: set it before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import pytest


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Point user data, cache and index at fresh temporary folders for every test."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("BRAIN_GLOSSARY_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("BRAIN_GLOSSARY_CACHE_DIR", str(base / "cache"))
    if "BRAIN_GLOSSARY_TEST_INDEX_DIR" in os.environ:  # a session-wide prebuilt index, see below
        monkeypatch.setenv("BRAIN_GLOSSARY_INDEX_DIR", os.environ["BRAIN_GLOSSARY_TEST_INDEX_DIR"])
    else:
        monkeypatch.setenv("BRAIN_GLOSSARY_INDEX_DIR", str(base / "index"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    yield
