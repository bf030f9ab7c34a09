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
    monkeypatch.setenv("BRAIN_GLOSSARY_INDEX_DIR", str(base / "index"))  # tests wanting the real one: shared_index
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    yield


@pytest.fixture(scope="session", autouse=True)
def _one_qapplication(qapp):
    """Create pytest-qt's QApplication first: code under test (the print command) would otherwise create a
    QGuiApplication in-process, and a later GUI test could not get a QApplication."""
    return qapp


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch):
    """A modal dialog in a test would wait for a click forever: fail loudly instead.

    The app keeps its dialogs behind small functions (confirm_external, ask_save_path, ...) that tests
    replace; reaching a real exec() means a test forgot to.
    """
    if "PySide6.QtWidgets" not in __import__("sys").modules:
        yield
        return
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(self, *args, **kwargs):
        raise AssertionError(f"a modal dialog was opened in a test: {type(self).__name__} {self.windowTitle()!r}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    yield


@pytest.fixture(scope="session")
def shared_index(tmp_path_factory):
    """The real glossary's search index, built once per test session (about a second)."""
    folder = tmp_path_factory.mktemp("shared-index") / "index"
    old = os.environ.get("BRAIN_GLOSSARY_INDEX_DIR")
    os.environ["BRAIN_GLOSSARY_INDEX_DIR"] = str(folder)
    try:
        from desktop_app.content.loader import load_glossary
        from desktop_app.search.engine import SearchEngine

        engine, _status = SearchEngine.open_or_build(load_glossary())
        engine.close()
    finally:
        if old is None:
            os.environ.pop("BRAIN_GLOSSARY_INDEX_DIR", None)
        else:
            os.environ["BRAIN_GLOSSARY_INDEX_DIR"] = old
    return folder


@pytest.fixture
def use_shared_index(shared_index, monkeypatch):
    monkeypatch.setenv("BRAIN_GLOSSARY_INDEX_DIR", str(shared_index))
    return shared_index
