"""Issue #13, case 2 (text from files and users is never markup, nothing opens behind the user's back) and the
window's side of cases 3 and 5 (damaged categories.yaml, a settings.ini that is a link)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, QSettings, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from desktop_app.content.loader import load_glossary
from desktop_app.gui import dialogs, handout_dialog
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.safe_text import tooltip
from desktop_app.userdata.store import UserData

HOSTILE = '<a href="file:///etc/passwd">Click here to repair this list</a>'


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def opened_urls():
    """Every URL Qt itself would open (QDesktopServices.openUrl, called from C++), recorded instead."""
    catcher = _UrlCatcher()
    for scheme in ("file", "http", "https"):
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    yield catcher.urls
    for scheme in ("file", "http", "https"):
        QDesktopServices.unsetUrlHandler(scheme)


def _click_everywhere(qtbot, label: QLabel) -> None:
    for x in range(2, max(3, label.width()), 6):
        for y in range(2, max(3, label.height()), 6):
            qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(x, y))


def _assert_plain(label: QLabel) -> None:
    assert label.textFormat() == Qt.TextFormat.PlainText
    flags = label.textInteractionFlags()
    assert not flags & Qt.TextInteractionFlag.LinksAccessibleByMouse
    assert not flags & Qt.TextInteractionFlag.LinksAccessibleByKeyboard


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def test_hostile_handout_list_shows_no_link_and_opens_nothing(qtbot, tmp_path: Path, monkeypatch, glossary,
                                                              opened_urls) -> None:
    hostile = tmp_path / "repair.handout.json"
    hostile.write_text(json.dumps({"version": 1, "title": "Week 3", "slugs": [HOSTILE], "compact": False}))
    boxes = []

    def show_error(parent, title, text):  # the real box, shown without a modal loop so the test can click it
        box = dialogs.error_box(parent, title, text)
        box.show()
        boxes.append(box)

    monkeypatch.setattr(handout_dialog, "show_error", show_error)
    dlg = handout_dialog.HandoutDialog(glossary, "US")
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.open_list(str(hostile)) is False
    (box,) = boxes
    qtbot.addWidget(box)
    labels = [w for w in box.findChildren(QLabel) if w.text()]
    assert any(HOSTILE.replace('"', "'") in w.text() or HOSTILE in w.text() for w in labels), \
        [w.text() for w in labels]
    for label in labels:
        _assert_plain(label)
        _click_everywhere(qtbot, label)
    _assert_plain(dlg.status)
    assert "Click here" in dlg.status.text()
    _click_everywhere(qtbot, dlg.status)
    qtbot.wait(50)
    assert opened_urls == []


def test_notice_strip_shows_file_names_as_text(qtbot, tmp_path: Path, opened_urls) -> None:
    w = MainWindow(userdata=UserData(tmp_path / "data"),
                   settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                   region="US", start_search=False)
    qtbot.addWidget(w)
    w.show()
    w.show_notice(f"1 term file(s) could not be loaded and were skipped: {HOSTILE}.md.")
    _assert_plain(w.notice)
    assert HOSTILE in w.notice.text()
    _click_everywhere(qtbot, w.notice)
    assert opened_urls == []
    w.close()


def test_tooltips_from_data_are_shown_literally() -> None:
    from PySide6.QtGui import QTextDocument

    assert tooltip("Amygdala") == "Amygdala"
    wrapped = tooltip(f"<img src='file:///etc/passwd'> {HOSTILE} & more")
    doc = QTextDocument()
    doc.setHtml(wrapped)
    assert doc.toPlainText() == f"<img src='file:///etc/passwd'> {HOSTILE} & more"
    assert "<a " not in wrapped and "<img" not in wrapped


def test_browse_panel_and_suggestions_escape_titles(qtbot, glossary) -> None:
    from desktop_app.gui.browse_panel import BrowsePanel
    from desktop_app.gui.suggestion_list import SuggestionList

    panel = BrowsePanel()
    qtbot.addWidget(panel)
    panel.set_terms({"Conditions": []}, {"evil": HOSTILE})
    assert panel.az.item(0).text() == HOSTILE
    assert "<a " not in panel.az.item(0).toolTip()
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    suggestions = SuggestionList(host)

    class S:
        slug, title, category, matched_alias = "evil", HOSTILE, "Conditions", None

    suggestions.set_suggestions("x", [S()])
    assert "<a " not in suggestions.item(0).toolTip()


def test_a_message_box_built_from_a_file_is_plain(qtbot, opened_urls) -> None:
    box = dialogs.error_box(None, "Could not import bookmarks", f"/home/u/{HOSTILE}.json is not a bookmarks file")
    qtbot.addWidget(box)
    box.show()
    for label in [w for w in box.findChildren(QLabel) if w.text()]:
        _assert_plain(label)
        _click_everywhere(qtbot, label)
    assert opened_urls == []


def test_window_paints_and_names_a_missing_categories_file(qtbot, tmp_path: Path, monkeypatch) -> None:
    import shutil

    from desktop_app import paths

    res = tmp_path / "resources"
    shutil.copytree(paths.resources_dir(), res)
    (res / "content" / "categories.yaml").unlink()
    monkeypatch.setenv("BRAIN_GLOSSARY_RESOURCES", str(res))
    w = MainWindow(userdata=UserData(tmp_path / "data"),
                   settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), region="US",
                   start_search=False, defer=True)
    qtbot.addWidget(w)
    w.show()
    w.grab()
    qtbot.waitUntil(lambda: w.pages_built)
    assert w.crisis_panel.isVisible() and "988" in w.crisis_panel.plain_text()
    assert "categories.yaml" in w.notice.text() and "is missing" in w.notice.text()
    assert len(w.categories) == 6
    g = load_glossary()
    w.set_glossary(g)
    assert "categories.yaml" in w.notice.text()
    assert len(g.terms) >= 150 and not g.skipped
    w.close()


def test_a_settings_file_that_is_a_link_is_never_written_through(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    target = tmp_path / "elsewhere.ini"
    target.write_text("[General]\nkeep=me\n")
    (data / "settings.ini").symlink_to(target)
    ud = UserData(data)
    w = MainWindow(userdata=ud, region="US", start_search=False)
    qtbot.addWidget(w)
    w.set_zoom(3)
    w.set_theme("dark")
    w.save_state()
    w.close()
    assert target.read_text() == "[General]\nkeep=me\n"
    assert (data / "settings.ini").is_symlink()
    assert any("settings file" in n and "symbolic link" in n for n in ud.take_notices())
