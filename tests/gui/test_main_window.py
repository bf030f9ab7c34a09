"""The main window, driven through widget methods and signals as a user would use it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from desktop_app.content import crisis
from desktop_app.gui.main_window import MIN_HEIGHT, MIN_WIDTH, MainWindow
from desktop_app.gui.window import export as window_export
from desktop_app.gui.window import navigation as window_navigation
from desktop_app.userdata.store import UserData


def make_window(qtbot, folder: Path, region: str = "US", size=(1000, 700)) -> MainWindow:
    userdata = UserData(folder / "data")
    settings = QSettings(str(folder / "data" / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(userdata=userdata, settings=settings, region=region)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitUntil(lambda: w.ready and w.glossary is not None, timeout=30000)
    return w


@pytest.fixture
def window(qtbot, use_shared_index, tmp_path) -> MainWindow:
    w = make_window(qtbot, tmp_path)
    yield w
    w.close()


def label_plain(w: MainWindow) -> str:
    doc = QTextDocument()
    doc.setHtml(w.crisis_panel.label.text())
    return doc.toPlainText()


def assert_crisis_panel_ok(w: MainWindow, code: str = "US") -> None:
    QApplication.processEvents()
    p = w.crisis_panel
    region = crisis.get_region(code)
    assert p.isVisible() and p.label.isVisible()
    assert region.panel_text in label_plain(w)
    assert "Crisis resources" in label_plain(w)
    # Never clipped: the label is at least as tall as its wrapped text needs at its width ...
    assert p.label.height() >= p.label.heightForWidth(p.label.width()), (p.label.height(), p.label.width())
    # ... and the whole panel lies inside the window, at the top, above the toolbar and the pages.
    top = p.mapTo(w, QPoint(0, 0))
    assert top.y() >= 0 and top.y() + p.height() <= w.height()
    assert top.y() < w.toolbar.mapTo(w, QPoint(0, 0)).y()
    assert p.width() >= w.width() - 2
    # Nothing overlays it (the suggestion list opens below the search field).
    if w.search_field.list.isVisible():
        assert not w.search_field.list.geometry().intersects(p.geometry().translated(top - p.pos()))


def test_crisis_panel_in_every_view(window: MainWindow) -> None:
    assert_crisis_panel_ok(window)
    window.open_term("neuroplasticity")
    assert window.current_view() == "term"
    assert_crisis_panel_ok(window)
    window.show_results("anxiety")
    assert window.current_view() == "results"
    assert_crisis_panel_ok(window)
    window.show_crisis()
    assert window.current_view() == "crisis"
    assert_crisis_panel_ok(window)
    window.show_home()
    assert_crisis_panel_ok(window)


@pytest.mark.parametrize("size", [(MIN_WIDTH, MIN_HEIGHT), (480, 600), (800, 500), (1600, 1000)])
def test_crisis_panel_unclipped_at_every_size(window: MainWindow, qtbot, size) -> None:
    window.resize(*size)
    qtbot.wait(20)
    for view in (lambda: window.open_term("neuroplasticity"), window.show_crisis, window.show_home):
        view()
        assert_crisis_panel_ok(window)
    assert window.width() >= MIN_WIDTH and window.height() >= MIN_HEIGHT


def test_crisis_panel_cannot_be_hidden(window: MainWindow) -> None:
    assert window.crisis_panel.parent() is window.top_area
    assert window.menuWidget() is window.top_area
    assert not window.toolbar.isMovable() and not window.toolbar.isFloatable()
    assert not window.toolbar.toggleViewAction().isEnabled()
    window.toggle_side_panel(False)
    window.zoom_in()
    window.zoom_in()
    assert_crisis_panel_ok(window)


def test_crisis_panel_accessible(window: MainWindow) -> None:
    from desktop_app.gui.crisis_panel import CRISIS_SHORTCUTS

    assert window.crisis_panel.accessibleName() == "Crisis resources"
    description = window.crisis_panel.label.accessibleDescription()
    assert "988" in description and CRISIS_SHORTCUTS in description
    # The shortcuts it names are the ones that open the crisis page (and no other action's).
    named = [k.strip() for k in CRISIS_SHORTCUTS.split(" or ")]
    assert [k.toString() for k in window.act_crisis.shortcuts()] == named
    others = {k.toString() for a in window.actions() if a is not window.act_crisis for k in a.shortcuts()}
    assert not others & set(named)


def test_no_two_actions_share_a_shortcut(window: MainWindow) -> None:
    seen: dict[str, str] = {}
    clashes = []
    for a in window.actions():
        for k in a.shortcuts():
            key = k.toString()
            if key in seen and seen[key] != a.objectName():
                clashes.append(f"{key}: {seen[key]} and {a.objectName()}")
            seen[key] = a.objectName()
    assert clashes == []
    assert len(seen) >= 25  # the app binds about 27 shortcuts


def test_crisis_shortcut_and_link(window: MainWindow, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.current_view() == "crisis"
    text = window.crisis_browser.toPlainText()
    assert "988 Suicide & Crisis Lifeline" in text and "Veterans Crisis Line" in text
    assert "Emergency: 911" in text
    assert "checked on 2026-11-28" in text
    window.show_home()
    window.crisis_panel.label.linkActivated.emit("crisis:")
    assert window.current_view() == "crisis"


def test_region_switch_updates_panel_and_page(window: MainWindow) -> None:
    window.show_crisis()
    window.set_region("UK")
    assert_crisis_panel_ok(window, "UK")
    assert "116 123" in label_plain(window) and "999" in label_plain(window)
    assert "Samaritans" in window.crisis_browser.toPlainText()
    assert window.settings.value("region") == "UK"
    window.set_region("AU")
    assert "13 11 14" in label_plain(window)
    assert window.region_actions["AU"].isChecked()


@pytest.mark.parametrize("key", ["Ctrl+K", "Ctrl+L", "F6"])
def test_search_shortcuts_focus_the_field(window: MainWindow, qtbot, key: str) -> None:
    window.open_term("neuroplasticity")
    window.term_view.browser.setFocus()
    from PySide6.QtGui import QKeySequence

    seq = QKeySequence(key)
    combo = seq[0]
    qtbot.keyClick(window.term_view.browser, combo.key(), combo.keyboardModifiers())
    qtbot.waitUntil(lambda: window.search_field.hasFocus(), timeout=2000)


def test_slash_focuses_search_outside_text_fields(window: MainWindow, qtbot) -> None:
    window.open_term("neuroplasticity")
    window.term_view.browser.setFocus()
    qtbot.keyClick(window.term_view.browser, Qt.Key.Key_Slash)
    qtbot.waitUntil(lambda: window.search_field.hasFocus(), timeout=2000)
    # Inside a text field "/" is just a character.
    window.search_field.clear()
    qtbot.keyClicks(window.search_field, "a/b")
    assert window.search_field.text() == "a/b"


def type_and_wait(window: MainWindow, qtbot, text: str) -> None:
    window.search_field.setFocus()
    window.search_field.clear()
    qtbot.keyClicks(window.search_field, text)
    qtbot.waitUntil(lambda: window.search_field.list.isVisible() and window.search_field.list.query == text,
                    timeout=5000)


def test_suggestions_and_enter(window: MainWindow, qtbot) -> None:
    type_and_wait(window, qtbot, "brain plasticity")
    first = window.search_field.list.item(0).text()
    assert first.startswith("Brain plasticity → Neuroplasticity")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.current_view() == "term"
    assert window.location.slug == "neuroplasticity"


def test_arrow_keys_choose_a_suggestion(window: MainWindow, qtbot) -> None:
    type_and_wait(window, qtbot, "panic")
    lst = window.search_field.list
    assert lst.count() >= 3  # two terms and "show all results"
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    chosen = lst.currentItem().data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.location.slug == chosen


def test_escape_closes_list_then_leaves_field(window: MainWindow, qtbot) -> None:
    type_and_wait(window, qtbot, "sero")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert not window.search_field.list.isVisible()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert not window.search_field.hasFocus()


def test_ctrl_enter_shows_results(window: MainWindow, qtbot) -> None:
    type_and_wait(window, qtbot, "sleep")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "results"
    qtbot.waitUntil(lambda: window.last_results is not None, timeout=5000)
    assert "Results for “sleep”" in window.results_browser.toPlainText()


def wait_results(window: MainWindow, qtbot, query: str) -> str:
    window.last_results = None
    window.show_results(query)
    qtbot.waitUntil(lambda: window.last_results is not None, timeout=5000)
    return window.results_browser.toPlainText()


def test_results_page_with_alias_section_and_snippet(window: MainWindow, qtbot) -> None:
    text = wait_results(window, qtbot, "can adults rewire their brains")
    assert text.index("Neuroplasticity") < 200
    assert "in “" in text
    html = window.results_browser.toHtml()
    assert "font-weight" in html or "<b>" in html  # query words are marked


def test_did_you_mean(window: MainWindow, qtbot) -> None:
    text = wait_results(window, qtbot, "neuroplastisity")
    # The hits are already for the corrected spelling: the page says so rather than asking.
    assert "Showing results for neuroplasticity (spelling corrected from “neuroplastisity”)" in text
    assert "Neuroplasticity" in text


def test_results_count_is_honest_and_every_match_can_be_shown(window: MainWindow, qtbot) -> None:
    from desktop_app.gui.main_window import RESULTS_LIMIT

    text = wait_results(window, qtbot, "anxiety")
    shown = len(window.last_results.hits)
    assert shown == RESULTS_LIMIT
    line = next(ln for ln in text.splitlines() if "best matches of" in ln)
    assert line.startswith(f"The {RESULTS_LIMIT} best matches of ") and "show them all" in line
    # Every term whose text says "anxiety" is a match (about 100 of the 157).
    with_word = [s for s, t in window.glossary.terms.items()
                 if "anxiety" in " ".join([t.title, t.summary, *(x.body for x in t.sections),
                                           *(q.question + " " + q.answer for q in t.faqs)]).lower()]
    window._link(QUrl("more:"))
    qtbot.waitUntil(lambda: len(window.last_results.hits) > RESULTS_LIMIT, timeout=10000)
    hits = {h.slug for h in window.last_results.hits}
    assert set(with_word) <= hits
    text = window.results_browser.toPlainText()
    assert f"{len(hits)} terms" in text and "best matches" not in text
    assert window.location.every_result and window.location.query == "anxiety"


def test_empty_state_suggests_what_to_try(window: MainWindow, qtbot) -> None:
    text = wait_results(window, qtbot, "zzqxv wqqz")
    assert "No terms match" in text and "abbreviation" in text


def test_category_filter(window: MainWindow, qtbot) -> None:
    wait_results(window, qtbot, "serotonin")
    idx = window.category_filter.findData("Medications")
    window.last_results = None
    window.category_filter.setCurrentIndex(idx)
    window.category_filter.activated.emit(idx)
    qtbot.waitUntil(lambda: window.last_results is not None, timeout=5000)
    assert window.last_results.hits
    assert {h.category for h in window.last_results.hits} == {"Medications"}


def test_opening_a_hit_lands_on_its_section_and_marks_words(window: MainWindow, qtbot) -> None:
    wait_results(window, qtbot, "can adults rewire their brains")
    hit = window.last_results.hits[0]
    assert hit.slug == "neuroplasticity" and hit.section
    from PySide6.QtCore import QUrl

    window._link(QUrl(f"term:{hit.slug}#{hit.section}"))
    assert window.location.slug == "neuroplasticity" and window.location.anchor == hit.section
    qtbot.wait(50)
    assert window.term_view.browser.verticalScrollBar().value() > 0
    assert "background-color:#ffe58a" in window.term_view.browser.toHtml().replace(" ", "").lower() or \
        "#ffe58a" in window.term_view.browser.toHtml().lower()


def test_back_and_forward(window: MainWindow, qtbot) -> None:
    window.open_term("neuroplasticity")
    window.open_term("neuron")
    window.show_crisis()
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.location.slug == "neuron"
    window.go_back()
    assert window.location.slug == "neuroplasticity"
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.location.slug == "neuron"
    window.go_forward()
    assert window.current_view() == "crisis"
    assert not window.act_forward.isEnabled()


def test_related_links_and_walking_the_map(window: MainWindow) -> None:
    window.open_term("neuroplasticity")
    text = window.term_view.browser.toPlainText()
    assert "Related terms" in text and "Keep walking the connections" in text
    assert "Sources" in text and "https://www.ninds.nih.gov/" in text
    from PySide6.QtCore import QUrl

    window._link(QUrl("term:synapse"))
    assert window.location.slug == "synapse"


def test_external_link_asks_first(window: MainWindow, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(window_navigation, "open_external", opened.append)
    monkeypatch.setattr(window_navigation, "confirm_external", lambda parent, url: False)
    from PySide6.QtCore import QUrl

    url = "https://www.nimh.nih.gov/health/publications/the-teen-brain-7-things-to-know"
    window._link(QUrl(url))
    assert opened == []
    monkeypatch.setattr(window_navigation, "confirm_external", lambda parent, url: True)
    window._link(QUrl(url))
    assert opened == [url]
    window._link(QUrl("file:///etc/passwd"))
    window._link(QUrl("javascript:alert(1)"))
    assert opened == [url]


def test_bookmarks_and_notes_survive_a_restart(qtbot, use_shared_index, tmp_path) -> None:
    w = make_window(qtbot, tmp_path)
    w.open_term("neuroplasticity")
    qtbot.keyClick(w, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert w.userdata.is_bookmarked("neuroplasticity")
    w.focus_note()
    qtbot.keyClicks(w.term_view.note.edit, "Ask about sleep")
    qtbot.waitUntil(lambda: w.term_view.note.status.text() == "Saved.", timeout=3000)
    w.set_zoom(3)
    w.close()

    w2 = make_window(qtbot, tmp_path)
    assert w2.userdata.bookmarks == ["neuroplasticity"]
    assert w2.browse.bookmarks.count() == 1
    w2.open_term("neuroplasticity")
    assert w2.term_view.note.edit.toPlainText() == "Ask about sleep"
    assert w2.act_bookmark.isChecked()
    button = w2.toolbar.widgetForAction(w2.act_bookmark)
    assert button.text() == "★ Bookmarked" and button.isEnabled()
    qtbot.keyClick(w2, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert button.text() == "☆ Bookmark this term" and not w2.userdata.is_bookmarked("neuroplasticity")
    qtbot.keyClick(w2, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    w2.show_home()  # nothing to bookmark on the home page: the button is off, like Print
    assert not button.isEnabled() and not w2.act_print.isEnabled()
    assert w2.zoom_steps == 3
    assert w2.term_view.browser.document().defaultFont().pointSizeF() == pytest.approx(11 * 1.3)
    w2.close()


def test_note_saved_within_a_second_and_on_leaving(window: MainWindow, qtbot) -> None:
    window.open_term("neuron")
    window.term_view.note.edit.setPlainText("first")
    window.open_term("synapse")  # leaving flushes at once
    assert window.userdata.note("neuron") == "first"
    data = (window.userdata.folder / "notes.json").read_text(encoding="utf-8")
    assert '"neuron": "first"' in data


def test_private_mode_records_nothing_and_clear_history(window: MainWindow) -> None:
    window.open_term("neuron")
    assert window.userdata.recent(1) == ["neuron"]
    window.set_private(True)
    window.open_term("synapse")
    assert window.userdata.recent(1) == ["neuron"]
    window.set_private(False)
    window.clear_history(confirm=False)
    assert window.userdata.history == []
    text = (window.userdata.folder / "history.json").read_text(encoding="utf-8")
    assert "neuron" not in text


def test_zoom_shortcuts(window: MainWindow, qtbot) -> None:
    window.open_term("neuron")
    size = window.term_view.browser.document().defaultFont().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.term_view.browser.document().defaultFont().pointSizeF() > size
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.term_view.browser.document().defaultFont().pointSizeF() == pytest.approx(size)
    assert int(window.settings.value("zoom")) == 0


def test_dark_theme(window: MainWindow) -> None:
    window.open_term("neuron")
    window.set_theme("dark")
    assert window.resolved_theme == "dark"
    assert "#1b1f24" in window.term_view.browser.toHtml().lower()
    pal = QApplication.instance().palette()
    assert pal.color(pal.ColorRole.Base).name() == "#1b1f24"
    assert window.settings.value("theme") == "dark"
    assert_crisis_panel_ok(window)
    window.set_theme("light")


def test_find_in_page(window: MainWindow, qtbot) -> None:
    window.open_term("neuroplasticity")
    qtbot.keyClick(window.term_view.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.term_view.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "synapse")
    n = len(bar.matches)
    assert n >= 2
    assert len(window.term_view.browser.extraSelections()) == n
    assert re.match(rf"{n} matches", bar.count.text())
    window.term_view.browser.moveCursor(QTextCursor.MoveOperation.Start)
    assert bar.find_next()
    first = window.term_view.browser.textCursor().position()
    assert first == bar.matches[0].selectionStart() and bar.count.text() == f"1 of {n}"
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.term_view.browser.textCursor().position() == bar.matches[1].selectionStart()
    assert bar.count.text() == f"2 of {n}"
    # The current match is marked apart from the others (orange, the rest yellow).
    backgrounds = [sel.format.background().color().name() for sel in window.term_view.browser.extraSelections()]
    assert backgrounds[1] == bar.CURRENT[0] and backgrounds.count(bar.MATCH[0]) == n - 1
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.term_view.browser.textCursor().position() == first
    # Backwards from the first match wraps to the last.
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"{n} of {n}"
    # The bar sits right under the page it searches, above the note.
    bar_top = bar.mapTo(window, bar.rect().topLeft()).y()
    page_bottom = window.term_view.browser.mapTo(window, window.term_view.browser.rect().bottomLeft()).y()
    note_top = window.term_view.note.mapTo(window, window.term_view.note.rect().topLeft()).y()
    assert page_bottom < bar_top < note_top
    bar.close_bar()
    assert window.term_view.browser.extraSelections() == []


def test_copy_citation(window: MainWindow) -> None:
    window.open_term("neuroplasticity")
    text = window.copy_citation()
    assert text.startswith("Neuroplasticity. (2026). In Brain & Body Glossary (Version ")
    assert "content version 2026-11-28" in text and "Retrieved " in text
    assert QApplication.clipboard().text() == text


def test_side_panel_lists_and_filter(window: MainWindow, qtbot) -> None:
    browse = window.browse
    assert browse.az.count() == len(window.glossary.terms)
    browse.filter.setText("cortex")
    visible = [browse.az.item(i).text() for i in range(browse.az.count()) if not browse.az.item(i).isHidden()]
    assert visible == ["Prefrontal cortex"]
    browse.filter.returnPressed.emit()
    assert window.location.slug == "prefrontal-cortex"
    assert browse.tree.topLevelItemCount() == 6


def test_side_panel_follows_the_open_term_and_fits_its_tabs(window: MainWindow, qtbot) -> None:
    from desktop_app.gui.browse_panel import SLUG_ROLE

    browse = window.browse
    browse.show_category("Brain and Body")  # its category is open in the tree
    window.open_term("neuroplasticity")
    assert browse.az.currentItem().data(SLUG_ROLE) == "neuroplasticity"
    assert browse.tree.currentItem().data(0, SLUG_ROLE) == "neuroplasticity"
    # Following a link moves the mark; the reader's focus is not taken from the page.
    window.open_term("synapse")
    assert browse.az.currentItem().data(SLUG_ROLE) == "synapse"
    # A term hidden by the filter is not marked (Enter in the list would open it instead of the visible row),
    # and no closed category is opened for it.
    browse.filter.setText("amygdala")
    window.open_term("dopamine")
    current = browse.az.currentItem()
    assert current is None or not current.isHidden()
    browse.filter.clear()
    for i in range(browse.tree.topLevelItemCount()):
        browse.tree.topLevelItem(i).setExpanded(False)
    window.open_term("neuron")
    assert not any(browse.tree.topLevelItem(i).isExpanded() for i in range(browse.tree.topLevelItemCount()))
    # The marked term is scrolled into view in the A-Z list.
    qtbot.wait(20)
    rect = browse.az.visualItemRect(browse.az.currentItem())
    assert browse.az.viewport().rect().contains(rect.center())
    # Long titles end in an ellipsis with the full title as a tooltip, never a sideways scroll bar.
    assert browse.az.horizontalScrollBar().isHidden() or not browse.az.horizontalScrollBar().isVisible()
    assert browse.az.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    longest = max((browse.az.item(i) for i in range(browse.az.count())), key=lambda it: len(it.text()))
    assert longest.toolTip() == longest.text()
    # At the panel's default width all four tabs are shown whole (no scroll arrows).
    bar = browse.tabs.tabBar()
    assert bar.tabRect(bar.count() - 1).right() <= bar.width()


def test_home_page_has_categories_recent_and_random(window: MainWindow) -> None:
    window.open_term("neuron")
    window.show_home()
    text = window.home_browser.toPlainText()
    for c in window.categories:
        assert c.name in text and c.blurb in text
    assert "Recently viewed" in text and "Neuron" in text
    assert "A term to explore" in text


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTextBrowser

    missing = []
    for cls in (QLineEdit, QComboBox, QPlainTextEdit, QTextBrowser):
        for widget in window.findChildren(cls):
            if not widget.accessibleName():
                missing.append(f"{cls.__name__}:{widget.objectName()}")
    for b in window.toolbar.findChildren(QAbstractButton):
        if b.isVisible() and not (b.accessibleName() or b.text() or b.toolTip()):
            missing.append(f"button:{b.objectName()}")
    assert missing == []


def test_first_paint_quits(qtbot) -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "desktop_app", "--exit-after-first-paint"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "first paint after" in out.stderr


def test_hub_pages_show_what_links_to_them(window: MainWindow) -> None:
    window.open_term("depression")
    text = window.term_view.browser.toPlainText()
    assert "Also linked from" in text
    incoming = [s for s, t in window.glossary.terms.items() if "depression" in t.related]
    missing = [s for s in incoming if s not in window.glossary.terms["depression"].related]
    assert missing and all(window.titles[s] in text for s in missing)


def test_deferred_start_paints_first_then_builds_the_rest(qtbot, use_shared_index, tmp_path) -> None:
    """The app's own start-up: the first paint shows the crisis panel, toolbar and home page only."""
    userdata = UserData(tmp_path / "data")
    settings = QSettings(str(tmp_path / "data" / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(userdata=userdata, settings=settings, region="US", defer=True)
    qtbot.addWidget(w)
    assert not w.pages_built and w.glossary is None
    w.resize(1000, 700)
    w.show()
    w.grab()  # the first paint
    assert_crisis_panel_ok(w)
    qtbot.waitUntil(lambda: w.pages_built, timeout=2000)
    qtbot.waitUntil(lambda: w.ready and w.glossary is not None, timeout=30000)
    assert w.browse.az.count() == len(w.glossary.terms)
    assert w.open_term("neuroplasticity")
    assert_crisis_panel_ok(w)
    w.close()


def test_a_shortcut_before_the_pages_exist_still_works(qtbot, use_shared_index, tmp_path) -> None:
    userdata = UserData(tmp_path / "data")
    settings = QSettings(str(tmp_path / "data" / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(userdata=userdata, settings=settings, region="US", defer=True, start_search=False)
    qtbot.addWidget(w)
    w.show_crisis()  # e.g. F1 pressed at once
    assert w.pages_built and w.current_view() == "crisis"
    w.close()


def test_export_pdf_from_the_term_page(window: MainWindow, monkeypatch, tmp_path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "sheet.pdf"
    monkeypatch.setattr(window_export, "ask_save_path", lambda *a: str(out))
    window.open_term("neuroplasticity")
    window.export_current_pdf()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    assert "Neuroplasticity" in text and "988" in text
    assert f"content {window.glossary.content_version}" in text
    # An unwritable place is reported in the window, and nothing is left behind.
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    monkeypatch.setattr(window_export, "ask_save_path", lambda *a: str(blocked / "x.pdf"))
    window.export_current_pdf()
    assert "Could not export the PDF" in window.notice.text()


def test_keyboard_only_walk(window: MainWindow, qtbot) -> None:
    """Search, open, follow the side panel and come back without a mouse; Tab reaches every part."""
    from PySide6.QtWidgets import QWidget

    window.focus_search()
    qtbot.keyClicks(window.search_field, "gad")
    qtbot.waitUntil(lambda: window.search_field.list_shown() and window.search_field.list.query == "gad",
                    timeout=5000)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.location.slug == "generalized-anxiety-disorder"
    # Tab order from the search field visits the page (and each of its links, as in a web browser), the
    # note, the side panel's filter and lists, and comes back round to the search field.
    reached: set[str] = set()
    window.search_field.setFocus()
    for _ in range(400):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        w: QWidget | None = QApplication.focusWidget()
        if w is not None:
            reached.add(w.accessibleName() or w.objectName())
    for name in ("Term page", "My private note for this term", "Filter the term lists", "Search the glossary"):
        assert name in reached, (name, sorted(reached))
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_view() == "home"


def test_mouse_back_and_forward_buttons(window: MainWindow, qtbot) -> None:
    window.open_term("neuron")
    window.open_term("synapse")
    qtbot.mousePress(window.term_view.browser.viewport(), Qt.MouseButton.BackButton)
    assert window.location.slug == "neuron"
    qtbot.mousePress(window, Qt.MouseButton.ForwardButton)
    assert window.location.slug == "synapse"


def test_print_and_preview_actions_call_printing_with_the_glossary(window: MainWindow, monkeypatch) -> None:
    from desktop_app.gui import printing

    calls = []
    monkeypatch.setattr(printing, "print_dialog", lambda *a, **k: calls.append(("print", a[1][0].slug, k)))
    monkeypatch.setattr(printing, "print_preview", lambda *a, **k: calls.append(("preview", a[1][0].slug, k)))
    window.open_term("neuron")
    window.act_print.trigger()
    window.act_preview.trigger()
    assert [(c[0], c[1]) for c in calls] == [("print", "neuron"), ("preview", "neuron")]
    assert all(c[2]["glossary"] is window.glossary for c in calls)

    def fail(*a, **k):
        raise printing.PrintError("the printer is out of paper")

    monkeypatch.setattr(printing, "print_dialog", fail)
    window.act_print.trigger()
    assert "out of paper" in window.notice.text()


def test_keyboard_shortcuts_reference(window: MainWindow, qtbot) -> None:
    window.act_shortcuts.trigger()
    dialog = window.shortcuts_dialog
    assert dialog.isVisible() and not dialog.isModal()
    text = window.shortcuts_browser.toPlainText()
    # Every menu command with a shortcut is a row with exactly its keys, and the page shows each row.
    rows = {what: keys for _heading, group in window.shortcut_groups() for what, keys in group}
    for a in window.actions():
        if a.shortcuts() and a.text():
            what = a.text().replace("&", "").replace("…", "")
            assert rows.get(what) == [k.toString() for k in a.shortcuts()], what
            assert f"{what}\t{' or '.join(rows[what])}" in text or f"{what}\n{' or '.join(rows[what])}" in text, what
    for heading in ("File", "Edit", "View", "Go", "Help", "In the search field"):
        assert heading in text
    assert "Crisis resources" in text and "F1 or Ctrl+Shift+E" in text
    assert "Show all results" in text and "Ctrl+Enter" in text
    # Below the crisis panel, never over it; Escape closes it and the panel is still there.
    panel_bottom = window.crisis_panel.mapToGlobal(window.crisis_panel.rect().bottomLeft()).y()
    assert dialog.frameGeometry().top() > panel_bottom
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert_crisis_panel_ok(window)
    # Opening it again reuses the same window.
    window.show_shortcuts()
    assert window.shortcuts_dialog is dialog and dialog.isVisible()
    dialog.close()


def test_note_folds_away_in_a_short_window(window: MainWindow, qtbot) -> None:
    from desktop_app.gui.term_view import TermView

    window.open_term("neuroplasticity")
    view = window.term_view
    assert view.splitter.sizes()[1] > 0
    view.note.edit.setFocus()  # focus alone (Qt may put it there) does not keep it open
    window.resize(MIN_WIDTH, MIN_HEIGHT)
    qtbot.waitUntil(lambda: view.height() < TermView.NOTE_FOLD_HEIGHT, timeout=2000)
    qtbot.waitUntil(lambda: view.splitter.sizes()[1] == 0, timeout=2000)
    assert not view.note.edit.hasFocus()
    # Ctrl+Shift+N brings it back; a note with text is never folded away.
    window.focus_note()
    assert view.splitter.sizes()[1] > 0
    view.note.edit.setPlainText("ask about sleep")
    window.resize(MIN_WIDTH + 1, MIN_HEIGHT)
    qtbot.wait(50)
    assert view.splitter.sizes()[1] > 0
    view.note.edit.setPlainText("")
    view.note.flush()
    view.note_pinned = False  # (as in a new session)
    window.resize(MIN_WIDTH, MIN_HEIGHT + 2)
    qtbot.waitUntil(lambda: view.splitter.sizes()[1] == 0, timeout=2000)
    # Given room again, it comes back by itself.
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: view.splitter.sizes()[1] > 0, timeout=2000)
    assert_crisis_panel_ok(window)


def test_home_cards_take_one_column_in_a_narrow_window(window: MainWindow, qtbot) -> None:
    window.show_home()
    assert window._home_rendered_columns == 2
    text = window.home_browser.toPlainText()
    explore = text[text.index("A term to explore"):]
    window.resize(MIN_WIDTH, MIN_HEIGHT)
    qtbot.waitUntil(lambda: window._home_rendered_columns == 1, timeout=2000)
    text = window.home_browser.toPlainText()
    for c in window.categories:
        assert c.name in text and c.blurb in text
    assert text[text.index("A term to explore"):] == explore  # the same term to explore, not a new one
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: window._home_rendered_columns == 2, timeout=2000)
    assert_crisis_panel_ok(window)


# --------------------------------------------------------------------------- issue 14


def test_sheet_choice_reaches_print_preview_and_export(window: MainWindow, monkeypatch, tmp_path) -> None:
    from pypdf import PdfReader

    from desktop_app.gui import printing

    calls = []
    monkeypatch.setattr(printing, "print_dialog", lambda *a, **k: calls.append(k["sheet_kind"]))
    monkeypatch.setattr(printing, "print_preview", lambda *a, **k: calls.append(k["sheet_kind"]))
    window.open_term("neuroplasticity")
    window.act_print.trigger()
    window.sheet_actions["summary"].trigger()
    assert window.sheet_kind == "summary" and window.settings.value("print/sheet") == "summary"
    window.act_print.trigger()
    window.act_preview.trigger()
    assert calls == ["full", "summary", "summary"]
    out = tmp_path / "summary.pdf"
    titles = []
    monkeypatch.setattr(window_export, "ask_save_path", lambda parent, title, *a: titles.append(title) or str(out))
    window.export_current_pdf()
    assert titles == ["Export as PDF: one-page summary, 1 page"]
    assert len(PdfReader(str(out)).pages) == 1


def test_term_page_names_the_regions_numbers_and_follows_a_region_change(window: MainWindow) -> None:
    window.set_region("US")
    window.open_term("naloxone")
    text = window.term_view.browser.toPlainText()
    assert "calling 911" in text and "{{" not in text
    window.set_region("UK")
    text = window.term_view.browser.toPlainText()
    assert "calling 999" in text and "911" not in text and window.location.slug == "naloxone"
