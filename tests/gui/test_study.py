"""Study mode in the app: a whole review session by keyboard, two keystrokes from the home page, export
from the window, private mode, and the crisis panel in the study view."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from desktop_app.gui import study_dialog as sd
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.study_dialog import StudyDialog
from desktop_app.study.progress import FILE_NAME
from desktop_app.userdata.store import UserData


@pytest.fixture
def window(qtbot, use_shared_index, tmp_path) -> MainWindow:
    userdata = UserData(tmp_path / "data")
    settings = QSettings(str(tmp_path / "data" / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(userdata=userdata, settings=settings, region="US")
    qtbot.addWidget(w)
    w.resize(1000, 720)
    w.show()
    qtbot.waitUntil(lambda: w.ready and w.glossary is not None, timeout=30000)
    yield w
    dlg = getattr(w, "study_dialog", None)
    if dlg is not None:
        dlg.close()
    w.close()


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget() or QApplication.activeWindow()
    qtbot.keyClick(target, key, modifier)


def _visible_text(dlg: StudyDialog) -> str:
    return dlg.card_view.toPlainText()


def test_two_keystrokes_from_home_then_a_whole_session_by_keyboard(window: MainWindow, qtbot) -> None:
    assert window.current_view() == "home"
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dlg = window.study_dialog
    assert dlg.isVisible() and dlg.pages.currentWidget() is dlg.chooser
    dlg.activateWindow()
    dlg.deck_list.setFocus()
    # Keystroke two: Enter starts the first deck (every term: nothing studied yet, so 20 new cards).
    qtbot.keyClick(dlg.deck_list, Qt.Key.Key_Return)
    assert dlg.pages.currentWidget() is dlg.review
    s = dlg.session
    assert s is not None and s.remaining == 20 and s.new_count > 1000
    first = s.current
    assert first.front.split("\n")[0] in _visible_text(dlg)
    assert first.back.split("\n")[0][:40] not in _visible_text(dlg)
    # 1-4 before the answer is shown do nothing.
    qtbot.keyClick(dlg, Qt.Key.Key_3)
    assert s.current is first and s.summary.reviewed == 0
    grades = [1, 2, 3, 4, 3]
    for g in grades:
        qtbot.keyClick(dlg, Qt.Key.Key_Space)
        assert s.answer_shown and s.current.back.split("\n")[0][:40] in _visible_text(dlg)
        assert all(b.isVisible() for b in dlg.grade_buttons.values()) or not dlg.isVisible()
        assert "min" in dlg.grade_buttons[1].text() or "day" in dlg.grade_buttons[1].text()
        qtbot.keyClick(dlg, getattr(Qt.Key, f"Key_{g}"))
    assert s.summary.reviewed == 5
    assert s.summary.by_grade == {1: 1, 2: 1, 3: 2, 4: 1}
    assert s.remaining == 20 - 4  # the card graded Again comes back at the end
    assert s.queue[-1] is first
    # Esc ends the session and shows the summary.
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert dlg.pages.currentWidget() is dlg.summary_page
    text = dlg.summary_label.text()
    assert "5 cards studied, 5 answers" in text and "Again 1, Hard 1, Good 2, Easy 1" in text
    assert "16 cards left for next time" in text
    # The reviews are on disk, one entry per card studied.
    saved = json.loads((window.userdata.folder / FILE_NAME).read_text())
    assert len(saved["cards"]) == 5 and first.card_id in saved["cards"]
    # The deck list now counts them; Enter goes back to it, Esc closes the window.
    qtbot.keyClick(dlg, Qt.Key.Key_Return)
    assert dlg.pages.currentWidget() is dlg.chooser
    assert "new" in dlg.deck_list.item(0).text()
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()


def test_session_runs_to_the_end_and_the_crisis_panel_stays_visible(window: MainWindow, qtbot) -> None:
    window.userdata.toggle_bookmark("suicidal-ideation")
    window.open_study()
    dlg = window.study_dialog
    dlg.deck_list.setCurrentRow(1)  # Bookmarks
    assert dlg.selected_row().key == "bookmarks"
    qtbot.keyClick(dlg.deck_list, Qt.Key.Key_Return)
    s = dlg.session
    assert s is not None and {c.slug for c in s.queue} == {"suicidal-ideation"}
    # A safe-messaging card carries the region's crisis line, and the study view has the crisis panel.
    assert "988" in _visible_text(dlg)
    for size in ((420, 440), (720, 620)):
        dlg.resize(*size)
        qtbot.wait(10)
        panel = dlg.crisis_panel
        assert panel.isVisible() and panel.y() == 0
        assert panel.label.height() >= panel.label.heightForWidth(panel.label.width())
        assert window.region.panel_text in panel.plain_text()
    n = 0
    while dlg.pages.currentWidget() is dlg.review and n < 50:
        qtbot.keyClick(dlg, Qt.Key.Key_Space)
        qtbot.keyClick(dlg, Qt.Key.Key_3)
        n += 1
    assert dlg.pages.currentWidget() is dlg.summary_page
    assert "Every card due in this deck is done." in dlg.summary_label.text()
    assert dlg.crisis_panel.isVisible()
    # Nothing is due now: Enter says so; Shift+Enter studies ahead.
    qtbot.keyClick(dlg, Qt.Key.Key_Return)
    dlg.deck_list.setCurrentRow(1)
    qtbot.keyClick(dlg.deck_list, Qt.Key.Key_Return)
    assert dlg.pages.currentWidget() is dlg.chooser and "Nothing is due" in dlg.status.text()
    qtbot.keyClick(dlg.deck_list, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert dlg.pages.currentWidget() is dlg.review


def test_o_opens_the_term_page_in_the_window(window: MainWindow, qtbot) -> None:
    window.open_study()
    dlg = window.study_dialog
    qtbot.keyClick(dlg.deck_list, Qt.Key.Key_Return)
    slug = dlg.session.current.slug
    qtbot.keyClick(dlg, Qt.Key.Key_O)
    assert window.current_view() == "term" and window.location.slug == slug


def test_private_mode_records_nothing(window: MainWindow, qtbot) -> None:
    window.set_private(True)
    window.open_study()
    dlg = window.study_dialog
    qtbot.keyClick(dlg.deck_list, Qt.Key.Key_Return)
    assert "Private mode" in dlg.status.text()
    for _ in range(3):
        qtbot.keyClick(dlg, Qt.Key.Key_Space)
        qtbot.keyClick(dlg, Qt.Key.Key_3)
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert "this session was not recorded" in dlg.summary_label.text()
    assert not (window.userdata.folder / FILE_NAME).exists()


def test_export_from_the_window(window: MainWindow, qtbot, tmp_path, monkeypatch) -> None:
    out = tmp_path / "meds.apkg"
    monkeypatch.setattr(sd, "ask_save_path", lambda *a: str(out))
    window.open_study()
    dlg = window.study_dialog
    row = next(i for i, r in enumerate(dlg.rows) if r.key == "category:Medications")
    dlg.deck_list.setCurrentRow(row)
    qtbot.keyClick(dlg.deck_list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert dlg.last_export == str(out), dlg.status.text()
    with zipfile.ZipFile(out) as z:
        z.extract("collection.anki2", tmp_path)
    con = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        n = con.execute("select count(*) from notes").fetchone()[0]
    finally:
        con.close()
    assert n == len(dlg._cards(dlg.rows[row].deck)) > 100


def test_handout_list_deck(window: MainWindow, qtbot, tmp_path, monkeypatch) -> None:
    from desktop_app.userdata.handouts import Handout, save_handout

    path = tmp_path / "week3.handout.json"
    save_handout(path, Handout("Week 3", ["ssris", "lithium", "not-a-term"]))
    monkeypatch.setattr(sd, "ask_open_path", lambda *a: str(path))
    window.open_study()
    dlg = window.study_dialog
    dlg.deck_list.setCurrentRow(len(dlg.rows) - 1)
    qtbot.keyClick(dlg.deck_list, Qt.Key.Key_Return)
    assert dlg.deck.name == "Week 3" and dlg.deck.slugs == ("ssris", "lithium")
    assert {c.slug for c in dlg.session.queue} == {"ssris", "lithium"}


def test_search_results_become_a_deck(window: MainWindow, qtbot) -> None:
    window.show_results("panic")
    qtbot.waitUntil(lambda: window.last_results is not None, timeout=10000)
    window.open_study()
    dlg = window.study_dialog
    keys = [r.key for r in dlg.rows]
    assert "search" in keys
    deck = dlg.rows[keys.index("search")].deck
    assert deck.name == "Search: panic" and "panic-attack" in deck.slugs


def test_dialog_with_a_fixed_clock(qtbot, tmp_path) -> None:
    """Without the main window: a session at a fixed time, then one a week later sees the cards due."""
    from desktop_app.content import crisis
    from desktop_app.content.loader import load_glossary

    g = load_glossary()
    now = [dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)]
    dlg = StudyDialog(g, crisis.get_region("UK"), folder=tmp_path, bookmarks=["ocd"], clock=lambda: now[0],
                      fuzz=False)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.deck_list.setCurrentRow(1)
    assert dlg.start()
    total = len(dlg.session.queue)
    while dlg.session.current is not None:
        dlg.show_answer()
        dlg.grade(3)
    assert dlg.session.summary.reviewed == total
    now[0] += dt.timedelta(days=30)
    dlg.back_to_decks()
    assert f"Bookmarks: {total} due, 0 new" in dlg.deck_list.item(1).text()
    dlg.close()


def test_study_mode_loads_nothing_before_the_first_paint(tmp_path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("_startup_probe", Path(__file__).with_name("test_startup.py"))
    probe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(probe)
    report = probe._first_paint_report(tmp_path)
    early = [m for m in report["modules"] if m.split(".")[0] in ("fsrs", "genanki")
             or m.startswith(("desktop_app.study", "desktop_app.gui.study_dialog", "desktop_app.commands.study"))]
    assert not early, f"loaded before the first paint: {early}"
