"""Keyboard-first reading and the walk-through's rough edges (issue #16): each test failed before the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from desktop_app.gui import dialogs, theme
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.window import export as window_export
from desktop_app.gui.window import reading_lists
from desktop_app.render.term_html import DARK, LIGHT
from desktop_app.userdata.store import UserData


def make_window(qtbot, folder: Path, size=(1000, 700)) -> MainWindow:
    userdata = UserData(folder / "data")
    settings = QSettings(str(folder / "data" / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(userdata=userdata, settings=settings, region="US")
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: w.ready and w.glossary is not None, timeout=30000)
    return w


@pytest.fixture
def window(qtbot, use_shared_index, tmp_path) -> MainWindow:
    w = make_window(qtbot, tmp_path)
    yield w
    w.close()


def focused():
    return QApplication.focusWidget()


def bar(w: MainWindow):
    return w.current_page().verticalScrollBar()


# ------------------------------------------------------------------ the whole walk, keys only
def test_keyboard_only_from_start_to_reading_scrolling_back_and_printing(window, qtbot, tmp_path,
                                                                         monkeypatch) -> None:
    w = window
    assert focused() is w.search_field  # typing goes to the search at once
    qtbot.keyClicks(focused(), "schizophrenia")
    qtbot.waitUntil(lambda: w.search_field.list_shown(), timeout=5000)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert w.location.view == "term" and w.location.slug == "schizophrenia"
    page = w.term_view.browser
    assert focused() is page  # the page has focus: the keys below reach it
    qtbot.keyClick(focused(), Qt.Key.Key_PageDown)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert bar(w).value() > 0
    here = bar(w).value()
    # Tab walks the links from the first one in view: the page does not jump back to the top.
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page and page.textCursor().hasSelection()
    assert bar(w).value() >= here - 5
    href = page.textCursor().charFormat().anchorHref()
    assert href, "Tab did not reach a link"
    here = bar(w).value()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert w.location.slug != "schizophrenia" or w.location.view != "term"
    qtbot.keyClick(focused(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert w.location.slug == "schizophrenia"
    qtbot.waitUntil(lambda: bar(w).value() == here, timeout=2000)  # back to the same place
    assert focused() is page
    out = tmp_path / "schizophrenia.pdf"
    monkeypatch.setattr(window_export, "ask_save_path", lambda *a: str(out))
    qtbot.keyClick(focused(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert out.read_bytes().startswith(b"%PDF")


# ------------------------------------------------------------------ focus
def test_starts_with_the_search_field_focused(window) -> None:
    assert window.focusWidget() is window.search_field


def test_typing_on_a_page_starts_a_search(window, qtbot) -> None:
    window.open_term("anxiety-disorders")
    assert focused() is window.term_view.browser
    for ch in "pan":  # each key goes where focus is now, as from a keyboard
        qtbot.keyClicks(focused(), ch)
    assert focused() is window.search_field and window.search_field.text() == "pan"
    qtbot.waitUntil(lambda: window.search_field.list_shown(), timeout=5000)


@pytest.mark.parametrize("view", ["term", "results", "crisis", "home"])
def test_escape_returns_focus_to_the_page(window, qtbot, view) -> None:
    {"term": lambda: window.open_term("schizophrenia"), "results": lambda: window.show_results("sleep"),
     "crisis": window.show_crisis, "home": window.show_home}[view]()
    window.focus_search()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert focused() is window.current_page()


def test_escape_in_the_find_bar_and_the_side_lists_returns_to_the_page(window, qtbot) -> None:
    window.open_term("schizophrenia")
    window.open_find()
    assert focused() is window.term_view.find_bar.field
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert focused() is window.term_view.browser
    window.browse.az.setFocus()
    qtbot.keyClick(window.browse.az, Qt.Key.Key_Escape)
    assert focused() is window.term_view.browser


def test_page_keys_scroll_the_page_from_the_search_field(window, qtbot) -> None:
    window.open_term("schizophrenia")
    window.focus_search()
    window.search_field.clear()
    for key, check in ((Qt.Key.Key_PageDown, lambda v: v > 0), (Qt.Key.Key_End, lambda v: v == bar(window).maximum()),
                       (Qt.Key.Key_PageUp, lambda v: v < bar(window).maximum()), (Qt.Key.Key_Home, lambda v: v == 0),
                       (Qt.Key.Key_Space, lambda v: v > 0)):
        qtbot.keyClick(window.search_field, key)
        assert check(bar(window).value()), key
        assert focused() is window.search_field
    # With text in the field, Space, Home and End edit it; PageDown still scrolls.
    qtbot.keyClicks(window.search_field, "panic")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Space)
    assert window.search_field.text() == "panic "
    before = bar(window).value()
    window.search_field.hide_suggestions()
    qtbot.keyClick(window.search_field, Qt.Key.Key_PageDown)
    assert bar(window).value() > before


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_focused_page_and_lists_show_a_focus_ring(window, qtbot, name) -> None:
    window.set_theme(name)
    accent = QColor((DARK if name == "dark" else LIGHT).accent)
    window.open_term("schizophrenia")
    for widget in (window.term_view.browser, window.browse.az):
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus, timeout=1000)
        image = widget.grab().toImage()
        edge = image.pixelColor(1, image.height() // 2)
        assert edge == accent, (widget.objectName(), edge.name(), accent.name())
        window.search_field.setFocus()
        qtbot.waitUntil(window.search_field.hasFocus, timeout=1000)
        image = widget.grab().toImage()
        assert image.pixelColor(1, image.height() // 2) != accent  # only the focused one has the ring


def test_back_and_forward_restore_the_scroll_position(window, qtbot) -> None:
    window.open_term("schizophrenia")
    bar(window).setValue(bar(window).maximum() // 2)
    first = bar(window).value()
    assert first > 0
    window.open_term("schizoaffective-disorder")
    bar(window).setValue(120)
    window.show_results("sleep")
    window.go_back()
    qtbot.waitUntil(lambda: bar(window).value() == 120, timeout=2000)
    window.go_back()
    qtbot.waitUntil(lambda: bar(window).value() == first, timeout=2000)
    window.go_forward()
    qtbot.waitUntil(lambda: bar(window).value() == 120, timeout=2000)
    window.open_term("schizophrenia")  # a new visit starts at the top
    assert bar(window).value() == 0


# ------------------------------------------------------------------ the walk-through's rough edges
def test_clear_history_from_the_menu_asks_first(window, monkeypatch) -> None:
    window.open_term("schizophrenia")
    asked = []
    monkeypatch.setattr(reading_lists, "ask_yes_no", lambda *a, **k: asked.append(a) or False)
    window.act_clear_history.trigger()
    assert asked and window.userdata.history, "history was cleared without asking"
    monkeypatch.setattr(reading_lists, "ask_yes_no", lambda *a, **k: True)
    window.act_clear_history.trigger()
    assert not window.userdata.history


def test_side_panel_shown_or_hidden_is_remembered(qtbot, use_shared_index, tmp_path) -> None:
    w = make_window(qtbot, tmp_path)
    w.act_side.trigger()  # F9: hide
    assert not w.browse.isVisible()
    w.close()
    w2 = make_window(qtbot, tmp_path)
    assert not w2.browse.isVisible() and not w2.act_side.isChecked()
    w2.act_side.trigger()
    w2.close()
    w3 = make_window(qtbot, tmp_path)
    assert w3.browse.isVisible()
    w3.close()


def test_window_title_and_search_text_follow_navigation(window, qtbot) -> None:
    qtbot.keyClicks(window.search_field, "schizophrenia")
    qtbot.waitUntil(lambda: window.search_field.list_shown(), timeout=5000)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.windowTitle().startswith("Schizophrenia")
    window.open_term("schizoaffective-disorder")  # a link, the side panel, Random...
    assert window.windowTitle().startswith("Schizoaffective disorder")
    assert window.search_field.text() == "Schizoaffective disorder"
    window.show_crisis()
    assert window.windowTitle().startswith("Crisis resources") and window.search_field.text() == ""
    window.show_results("sleep")
    assert "sleep" in window.windowTitle() and window.search_field.text() == "sleep"
    window.show_home()
    assert window.windowTitle() == "Brain & Body Glossary" and window.search_field.text() == ""
    window.go_back()
    assert window.search_field.text() == "sleep"


def test_zoom_covers_the_whole_interface_and_shows_its_level(window, qtbot) -> None:
    window.open_term("schizophrenia")
    before = {
        "menu": window.menus["file"].font().pointSizeF(),
        "list": window.browse.az.font().pointSizeF(),
        "panel": window.crisis_panel.label.font().pointSizeF(),
        "note": window.term_view.note.edit.font().pointSizeF(),
        "page": window.term_view.browser.document().defaultFont().pointSizeF(),
    }
    side_before = window.splitter.sizes()[0]
    window.set_zoom(10)  # 200%
    after = {
        "menu": window.menus["file"].font().pointSizeF(),
        "list": window.browse.az.font().pointSizeF(),
        "panel": window.crisis_panel.label.font().pointSizeF(),
        "note": window.term_view.note.edit.font().pointSizeF(),
        "page": window.term_view.browser.document().defaultFont().pointSizeF(),
    }
    for key in before:
        assert after[key] == pytest.approx(2 * before[key], rel=0.05), key
    assert window.zoom_label.isVisible() and window.zoom_label.text() == "Zoom 200%"
    assert "200%" in window.act_zoom_reset.text()
    assert window.splitter.sizes()[0] > side_before  # the side panel grew with its tabs (up to what the page leaves)
    window.zoom_reset()
    assert window.browse.az.font().pointSizeF() == pytest.approx(before["list"])
    assert not window.zoom_label.isVisible() and "100%" in window.act_zoom_reset.text()


def test_print_preview_fits_the_screen(window, monkeypatch) -> None:
    from desktop_app.gui import printing

    shown = []
    monkeypatch.setattr(printing, "_exec_preview_dialog", shown.append)
    window.open_term("schizophrenia")
    window.preview_current()
    dialog = shown[0]
    area = dialog.screen().availableGeometry()
    assert dialog.height() <= area.height() and dialog.width() <= area.width(), (dialog.size(), area)


def test_handout_filter_enter_adds_the_best_title_match_and_says_which(window, monkeypatch) -> None:
    from desktop_app.gui.handout_dialog import HandoutDialog

    dialog = HandoutDialog(window.glossary, "US", parent=window)
    for text, slug in (("depression", "depression"), ("schizo", "schizoaffective-disorder"),
                       ("SSRI", "ssris")):
        if slug not in window.glossary.terms:
            continue
        dialog.filter_edit.setText(text)
        dialog.filter_edit.returnPressed.emit()
        assert dialog.slugs()[-1] == slug, text
        assert window.glossary.terms[slug].title in dialog.status.text()
    dialog.close()


def test_handout_from_a_results_page_is_not_filled_unasked(window, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QDialog

    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    window.show_results("sleep")
    qtbot.waitUntil(lambda: window.last_results is not None, timeout=5000)
    window.open_handout()
    dialog = window.handout_dialog
    assert dialog.slugs() == []
    assert dialog.add_results_button.isEnabled()  # one button away
    dialog.add_search_results()
    assert dialog.slugs() == [h.slug for h in window.last_results.hits]


def test_narrow_window_never_breaks_a_heading_mid_word(window, qtbot) -> None:
    window.resize(360, 600)
    window.set_zoom(10)
    window.open_term("perinatal-depression")
    qtbot.wait(50)
    doc = window.term_view.browser.document()
    block = doc.begin()
    while block.isValid() and block.blockFormat().headingLevel() != 1:
        block = block.next()
    text = block.text()
    layout = block.layout()
    for i in range(layout.lineCount() - 1):
        line = layout.lineAt(i)
        end = line.textStart() + line.textLength()
        assert text[end - 1] == " " or text[end] == " ", f"heading broken mid-word: {text[:end]!r}"
    window.set_zoom(0)


def test_side_list_names_that_start_alike_stay_apart(window) -> None:
    from PySide6.QtGui import QFontMetrics

    az = window.browse.az
    assert az.textElideMode() == Qt.TextElideMode.ElideMiddle
    metrics = QFontMetrics(az.font())
    width = 140
    a = metrics.elidedText("Schizoaffective disorder", az.textElideMode(), width)
    b = metrics.elidedText("Schizophrenia", az.textElideMode(), width)
    assert a != b
    item = next(az.item(i) for i in range(az.count()) if az.item(i).text() == "Schizoaffective disorder")
    assert "Schizoaffective disorder" in item.toolTip()


@pytest.mark.parametrize("view", ["results", "crisis"])
def test_find_in_page_on_results_and_crisis_pages(window, qtbot, view) -> None:
    if view == "results":
        window.show_results("sleep")
        qtbot.waitUntil(lambda: window.last_results is not None, timeout=5000)
        word = "sleep"
    else:
        window.show_crisis()
        word = "988"
    qtbot.keyClick(window.current_page(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar_ = window.find_bars[view]
    assert bar_.isVisible() and focused() is bar_.field
    qtbot.keyClicks(bar_.field, word)
    assert bar_.matches, f"no match for {word!r} on the {view} page"
    window.act_find_next.trigger()
    assert bar_.count.text().startswith("1 of")


def test_bookmarks_removed_with_delete_and_the_context_menu(window, qtbot) -> None:
    for slug in ("schizophrenia", "ssris"):
        window.open_term(slug)
        window.toggle_bookmark()
    marks = window.browse.bookmarks
    window._show_tab(2)
    marks.setCurrentRow(0)
    first = marks.currentItem().data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(marks, Qt.Key.Key_Delete)
    assert first not in window.userdata.bookmarks and marks.count() == 1
    menu = window.browse.bookmark_menu(marks.item(0))
    remove = next(a for a in menu.actions() if a.text() == "Remove bookmark")
    remove.trigger()
    assert window.userdata.bookmarks == [] and marks.count() == 0
    assert not window.act_bookmark.isChecked()


def test_side_filter_matches_aliases(window) -> None:
    window.browse.filter.setText("SSRI")
    visible = [window.browse.az.item(i).data(Qt.ItemDataRole.UserRole) for i in range(window.browse.az.count())
               if not window.browse.az.item(i).isHidden()]
    assert "ssris" in visible
    window.browse.filter.setText("Prozac")  # a brand name
    assert not window.browse._az_items["ssris"].isHidden()


def test_save_and_open_dialogs_start_in_the_documents_folder(monkeypatch, tmp_path) -> None:
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation",
                        lambda loc: str(docs) if loc == QStandardPaths.StandardLocation.DocumentsLocation else "")
    seen = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, title, start, filters: (seen.append(start), ("", ""))[1])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda parent, title, start, filters: (seen.append(start), ("", ""))[1])
    dialogs.ask_save_path(None, "Export", "term.pdf", "PDF (*.pdf)")
    dialogs.ask_open_path(None, "Import", "JSON (*.json)")
    assert seen == [str(docs / "term.pdf"), str(docs)]


def test_tab_order_goes_search_page_side_panel(window, qtbot) -> None:
    window.open_term("schizophrenia", focus=False)
    order = [window.search_field]
    while len(order) < 500 and order[-1].nextInFocusChain() is not window.search_field:
        order.append(order[-1].nextInFocusChain())
    expected = [window.search_field, window.term_view.browser, window.term_view.note.edit, window.browse.filter,
                window.browse.az, window.crisis_panel.label]
    positions = [order.index(w) for w in expected]
    assert positions == sorted(positions)
    assert window.theme_choice in theme.THEMES
