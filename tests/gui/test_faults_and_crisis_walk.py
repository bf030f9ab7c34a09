"""The app under bad content, damaged settings and index, and a walk of every state the crisis panel must survive."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import paths
from desktop_app.content import crisis
from desktop_app.gui.main_window import MIN_HEIGHT, MIN_WIDTH, MainWindow
from desktop_app.userdata.store import UserData

from .test_main_window import assert_crisis_panel_ok, make_window


def test_broken_term_files_are_skipped_and_reported(qtbot, tmp_path, monkeypatch, capsys) -> None:
    res = tmp_path / "resources"
    shutil.copytree(paths.resources_dir(), res)
    terms = res / "content" / "terms"
    (terms / "neuron.md").write_bytes(b"---\ntitle: [broken\n---\n")
    (terms / "zz-garbage.md").write_bytes(b"\x00\x01binary")
    (terms / "empty.md").write_bytes(b"")
    monkeypatch.setenv("BRAIN_GLOSSARY_RESOURCES", str(res))
    w = make_window(qtbot, tmp_path)
    assert "neuron" not in w.glossary.terms
    assert "synapse" in w.glossary.terms
    assert w.notice.isVisible()
    assert "3 term file(s) could not be loaded" in w.notice.text() and "neuron.md" in w.notice.text()
    assert "skipped neuron.md" in capsys.readouterr().err
    # Links to the skipped term are shown as plain text, not as dead links.
    w.open_term("synapse")
    assert 'href="term:neuron"' not in w.term_view.browser.toHtml()
    assert_crisis_panel_ok(w)
    w.close()


def test_damaged_settings_file_is_survived(qtbot, use_shared_index, tmp_path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.ini").write_bytes(b"\x00\xff[General\nzoom=banana\ntheme=\x01\ngeometry=@ByteArray(garbage)\n")
    w = make_window(qtbot, tmp_path)
    assert w.zoom_steps == 0
    assert w.theme_choice in ("system", "light", "dark") or w.resolved_theme in ("light", "dark")
    assert_crisis_panel_ok(w)
    w.close()


def test_damaged_user_data_is_reported_in_the_window(qtbot, use_shared_index, tmp_path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "bookmarks.json").write_text('{"version": 1, "bookmarks": ["neu')
    w = make_window(qtbot, tmp_path)
    assert "bookmarks file could not be read" in w.notice.text()
    assert list(data.glob("bookmarks.json.damaged-*"))
    w.close()


def test_corrupt_index_is_rebuilt_and_search_works(qtbot, tmp_path, monkeypatch) -> None:
    index = tmp_path / "index"
    monkeypatch.setenv("BRAIN_GLOSSARY_INDEX_DIR", str(index))
    w = make_window(qtbot, tmp_path)
    w.close()
    segments = [p for p in index.rglob("*") if p.is_file() and p.suffix in (".seg", ".toc", ".trm", ".pst")]
    assert segments, list(index.rglob("*"))
    for p in segments:
        p.write_bytes(b"\x00garbage" * 10)
    w2 = make_window(qtbot, tmp_path)
    assert "rebuilt" in w2.search_status_message
    w2.last_results = None
    w2.show_results("neuroplasticity")
    qtbot.waitUntil(lambda: w2.last_results is not None, timeout=10000)
    assert w2.last_results.hits[0].slug == "neuroplasticity"
    w2.close()


@pytest.fixture
def walker(qtbot, use_shared_index, tmp_path) -> MainWindow:
    w = make_window(qtbot, tmp_path)
    yield w
    w.close()


VIEWS = ("home", "term", "results", "crisis")
SIZES = ((MIN_WIDTH, MIN_HEIGHT), (700, 520), (1280, 860))


def _show(w: MainWindow, view: str) -> None:
    if view == "home":
        w.show_home()
    elif view == "term":
        w.open_term("suicidal-ideation" if "suicidal-ideation" in w.titles else "neuroplasticity")
    elif view == "results":
        w.show_results("panic")
    else:
        w.show_crisis()


def test_crisis_panel_walk(walker: MainWindow, qtbot) -> None:
    """Every view x theme x zoom x size x region the app allows: the panel is there, whole, and current."""
    w = walker
    checked = 0
    for theme, zoom, size in itertools.product(("light", "dark"), (-5, 0, 10), SIZES):
        w.set_theme(theme)
        w.set_zoom(zoom)
        w.resize(*size)
        qtbot.wait(5)
        for view in VIEWS:
            _show(w, view)
            assert_crisis_panel_ok(w, w.region.code)
            checked += 1
    for code in crisis.load_regions():
        w.set_region(code)
        for view in VIEWS:
            _show(w, view)
            assert_crisis_panel_ok(w, code)
            checked += 1
    w.set_region("US")
    w.set_theme("light")
    w.set_zoom(0)
    assert checked == 2 * 3 * 3 * 4 + len(crisis.load_regions()) * 4


def test_panel_survives_side_panel_find_bar_and_note(walker: MainWindow) -> None:
    w = walker
    w.resize(MIN_WIDTH, MIN_HEIGHT)
    w.open_term("neuroplasticity")
    w.open_find()
    w.focus_note()
    w.toggle_side_panel(True)
    assert_crisis_panel_ok(w)
    w.search_field.setFocus()
    w.search_field.show_suggestions("", [])
    assert_crisis_panel_ok(w)


def test_dialogs_open_below_the_panel(walker: MainWindow, qtbot) -> None:
    """A dialog over the window never covers the crisis panel."""
    w = walker
    for size in SIZES:
        w.resize(*size)
        box = QMessageBox(QMessageBox.Icon.Information, "About", w.about_text(), parent=w)
        w.place_dialog(box)
        box.show()
        QApplication.processEvents()
        w.place_dialog(box)
        panel_bottom = w.crisis_panel.mapToGlobal(QPoint(0, w.crisis_panel.height())).y()
        assert box.frameGeometry().top() >= panel_bottom
        assert_crisis_panel_ok(w)
        box.close()


def test_settings_survive_restart_with_a_region(qtbot, use_shared_index, tmp_path) -> None:
    ud = UserData(tmp_path / "data")
    settings = QSettings(str(tmp_path / "data" / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(userdata=ud, settings=settings)
    qtbot.addWidget(w)
    w.set_region("NZ")
    w.close()
    w2 = make_window(qtbot, tmp_path, region=None)
    assert w2.region.code == "NZ"
    assert_crisis_panel_ok(w2, "NZ")
    w2.close()


def test_about_shows_versions_and_licences(walker: MainWindow) -> None:
    text = walker.about_text()
    assert "Version 0.1.0" in text and walker.glossary.content_version in text
    assert "MIT" in text and "CC BY 4.0" in text
    # Every licence the app ships with (#17): Qt/PySide6, Python, Whoosh, PyYAML, RapidFuzz, exact Qt version.
    from PySide6.QtCore import qVersion

    for needle in ("LGPL-3.0-only", "PSF-2.0", "BSD-2-Clause", "PyYAML", "RapidFuzz", f"Qt {qVersion()}",
                   "About Qt"):
        assert needle in text, needle


def test_help_menu_has_about_qt(walker: MainWindow, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    assert walker.act_about_qt in walker.menus["help"].actions()
    seen = []
    monkeypatch.setattr(QMessageBox, "aboutQt", lambda parent, title: seen.append((parent, title)))
    walker.act_about_qt.trigger()
    assert seen == [(walker, "About Qt")]


def test_user_data_folder_is_created_only_when_needed(qtbot, use_shared_index, tmp_path) -> None:
    w = make_window(qtbot, tmp_path)
    w.close()
    folder = Path(tmp_path / "data")
    assert not (folder / "bookmarks.json").exists()
