"""The one resource locator: checkout, installed wheel and frozen bundle layouts."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop_app import paths


def test_checkout_layout(monkeypatch) -> None:
    for var in ("BRAIN_GLOSSARY_RESOURCES", "BRAIN_GLOSSARY_INDEX_DIR"):
        monkeypatch.delenv(var, raising=False)
    root = paths.PACKAGE_DIR.parent
    assert paths.resources_dir() == root / "resources"
    assert paths.terms_dir() == root / "resources" / "content" / "terms"
    assert paths.bundled_index_dir() == root / "index"


def test_wheel_layout(monkeypatch, tmp_path: Path) -> None:
    for var in ("BRAIN_GLOSSARY_RESOURCES", "BRAIN_GLOSSARY_INDEX_DIR"):
        monkeypatch.delenv(var, raising=False)
    pkg = tmp_path / "site-packages" / "desktop_app"
    (pkg / "resources" / "content").mkdir(parents=True)
    monkeypatch.setattr(paths, "PACKAGE_DIR", pkg)
    assert paths.resources_dir() == pkg / "resources"
    assert paths.bundled_index_dir() == paths.cache_index_dir()
    assert paths.index_build_roots() == paths.index_roots() == [paths.cache_index_dir()]


def test_wheel_with_prebuilt_index(monkeypatch, tmp_path: Path) -> None:
    """A wheel's shipped index is opened first and never written: rebuilds go to the user cache (#17)."""
    for var in ("BRAIN_GLOSSARY_RESOURCES", "BRAIN_GLOSSARY_INDEX_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("BRAIN_GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    pkg = tmp_path / "site-packages" / "desktop_app"
    (pkg / "resources" / "content").mkdir(parents=True)
    (pkg / "index").mkdir()
    (pkg / "index" / "manifest.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(paths, "PACKAGE_DIR", pkg)
    assert paths.wheel_index_dir() == pkg / "index"
    assert paths.bundled_index_dir() == pkg / "index"
    assert paths.index_roots() == [pkg / "index", tmp_path / "cache" / "index"]
    assert paths.index_build_roots() == [tmp_path / "cache" / "index"]


def test_frozen_layout(monkeypatch, tmp_path: Path) -> None:
    for var in ("BRAIN_GLOSSARY_RESOURCES", "BRAIN_GLOSSARY_INDEX_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"
    assert paths.bundled_index_dir() == tmp_path / "index"


def test_user_dirs_follow_xdg(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BRAIN_GLOSSARY_DATA_DIR", raising=False)
    monkeypatch.delenv("BRAIN_GLOSSARY_CACHE_DIR", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "d"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    assert paths.user_data_dir() == tmp_path / "d" / "brain-body-glossary"
    assert paths.cache_index_dir() == tmp_path / "c" / "brain-body-glossary" / "index"
