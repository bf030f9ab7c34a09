"""Start-up: what the first paint does (and does not) pay for, and what is finished right after it.

Timing is measured by ``benchmarks/bench_startup.py``; these tests pin the structure that keeps it fast,
so that a change that would slow the first paint fails here, whatever the machine's speed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QSettings, Qt

from desktop_app.gui import theme
from desktop_app.gui.main_window import MainWindow
from desktop_app.userdata.store import UserData

# Run the real start-up (desktop_app.gui.app.run_app) in a fresh interpreter and report, at the main
# window's first paint, which costly things had already been loaded.
_PROBE = textwrap.dedent("""
    import json, sys
    from PySide6 import QtCore, QtWidgets
    from desktop_app.gui import app as gui_app

    report = {}
    original = gui_app._FirstPaint.eventFilter

    def at_first_paint(self, obj, event):
        if not self.done and event.type() == QtCore.QEvent.Type.Paint:
            report["qt_namespace"] = "Qt" in QtCore.__dict__
            report["modules"] = sorted(sys.modules)
            report["crisis_text"] = obj.crisis_panel.label.text()
            report["pages_built"] = obj.pages_built
            report["icon_at_paint"] = not QtWidgets.QApplication.instance().windowIcon().isNull()
            # Posted before the app's own timers: runs once the whole first frame is drawn.
            QtCore.QTimer.singleShot(0, lambda: report.update(qt_namespace_after_frame="Qt" in QtCore.__dict__))
        return original(self, obj, event)

    gui_app._FirstPaint.eventFilter = at_first_paint
    code = gui_app.run_app(exit_after_first_paint=True, region="US")
    report["icon_after"] = not QtWidgets.QApplication.instance().windowIcon().isNull()
    print(json.dumps(report))
    sys.exit(code)
""")


def _first_paint_report(tmp_path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BRAIN_GLOSSARY_DATA_DIR=str(tmp_path / "data"),
               BRAIN_GLOSSARY_CACHE_DIR=str(tmp_path / "cache"))
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_first_paint_shows_the_crisis_panel_and_loads_nothing_heavy(tmp_path) -> None:
    first = _first_paint_report(tmp_path)  # the very first start reads the YAML data (and caches it)
    assert "988" in first["crisis_text"]
    report = _first_paint_report(tmp_path)
    assert "988" in report["crisis_text"] and "911" in report["crisis_text"]
    assert "Crisis resources" in report["crisis_text"]
    assert not report["pages_built"]
    # The window icon is set right after the paint (its SVG engine costs ~2.5 ms on X11).
    assert not report["icon_at_paint"] and report["icon_after"]
    # Creating Qt's enum namespace costs ~20 ms (a fifth of a bare window's start-up).
    assert not report["qt_namespace"], "something before the first paint used PySide6.QtCore.Qt"
    assert not report["qt_namespace_after_frame"], "drawing the first frame used PySide6.QtCore.Qt"
    loaded = set(report["modules"])
    # Term files, YAML, the search engine and its thread, dataclasses (each frozen dataclass compiles its
    # methods when it is defined, ~1 ms each) and the html module (~2.5 ms) all wait until after the paint.
    too_early = loaded & {"yaml", "whoosh", "rapidfuzz", "dataclasses", "html", "desktop_app.content.loader",
                          "desktop_app.content.model", "desktop_app.search.engine", "desktop_app.gui.term_view",
                          "desktop_app.gui.browse_panel", "desktop_app.gui.workers",
                          # readability grades are for `check` only (issue 14)
                          "textstat", "pyphen", "desktop_app.content.quality", "desktop_app.render.sheet"}
    assert not too_early, f"loaded before the first paint: {sorted(too_early)}"


def _deferred_window(qtbot, tmp_path) -> MainWindow:
    userdata = UserData(tmp_path / "data")
    settings = QSettings(str(tmp_path / "data" / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(userdata=userdata, settings=settings, region="US", defer=True, start_search=False)
    qtbot.addWidget(w)
    return w


def _paint_and_settle(w: MainWindow, qapp) -> None:
    """The first paint, then one turn of the event loop: what the paint scheduled has run."""
    w.show()
    w.grab()
    qapp.processEvents()


def test_keyboard_access_is_complete_once_started(qtbot, qapp, tmp_path) -> None:
    w = _deferred_window(qtbot, tmp_path)
    assert not w.pages_built and not w.act_back.shortcuts()
    _paint_and_settle(w, qapp)
    # Right after the paint (not after the 400 ms fallback timer).
    assert w.pages_built
    flags = w.crisis_panel.label.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    assert flags & Qt.TextInteractionFlag.LinksAccessibleByMouse
    assert w.crisis_panel.label.textFormat() == Qt.TextFormat.RichText
    assert w.toolbar.contextMenuPolicy() == Qt.ContextMenuPolicy.PreventContextMenu
    # The navigation buttons' shortcuts, set after the paint, work and are named in their tooltips.
    assert w.act_back.shortcuts()[0].toString() == "Alt+Left"
    assert "Alt+Home" in w.act_home.toolTip()
    w.close()


@pytest.mark.parametrize(("scheme", "palette_dark", "first", "after", "switches"), [
    ("Dark", False, "light", "dark", True),  # the palette guessed wrong: corrected right after the paint
    ("Light", True, "dark", "light", True),
    ("Light", False, "light", "light", False),  # the guess was right: nothing is rendered twice
    ("Unknown", True, "dark", "dark", False),  # no scheme from the desktop: the palette decides
])
def test_system_theme_is_checked_exactly_right_after_the_first_paint(
        qtbot, qapp, tmp_path, monkeypatch, scheme, palette_dark, first, after, switches) -> None:
    from PySide6.QtGui import QStyleHints

    monkeypatch.setattr(QStyleHints, "colorScheme", lambda self: getattr(Qt.ColorScheme, scheme))
    monkeypatch.setattr(theme, "_platform_palette_dark", palette_dark)
    calls = []
    monkeypatch.setattr(MainWindow, "set_theme", lambda self, c, _orig=MainWindow.set_theme: (calls.append(c),
                                                                                              _orig(self, c)))
    w = _deferred_window(qtbot, tmp_path)
    assert w.theme_choice == "system" and w.resolved_theme == first
    _paint_and_settle(w, qapp)
    assert w.resolved_theme == after
    assert w.colors == theme.colors_for(after)
    assert bool(calls) == switches
    w.close()


def test_search_thread_is_made_on_first_use_and_never_after_close(qtbot, qapp, tmp_path) -> None:
    w = _deferred_window(qtbot, tmp_path)  # start_search=False: nothing asks for search
    _paint_and_settle(w, qapp)
    assert w._search is None
    w.close()
    assert w._search is None
    # A window closed before its start-up timer fired never starts a thread that nothing would stop.
    userdata = UserData(tmp_path / "data2")
    settings = QSettings(str(tmp_path / "data2" / "settings.ini"), QSettings.Format.IniFormat)
    w2 = MainWindow(userdata=userdata, settings=settings, region="US", start_search=True)
    qtbot.addWidget(w2)
    w2.show()
    w2.close()
    qtbot.wait(100)
    assert w2._search is None
    w2._query_changed("anxiety")  # a late keystroke is ignored
    assert w2._search is None


def test_platform_palette_is_read_before_the_app_replaces_it(qapp, monkeypatch) -> None:
    from PySide6.QtGui import QColor, QPalette

    before = qapp.palette()
    monkeypatch.setattr(theme, "_platform_palette_dark", None)
    try:
        qapp.setPalette(QPalette(QColor("#f0f0f0")))  # a light desktop
        theme.apply(qapp, "dark")  # the user chose dark
        assert theme._palette_is_dark(qapp.palette())
        # The app's own dark palette is not taken for the desktop's preference.
        assert theme.platform_palette_is_dark() is False
        assert theme.system_prefers_dark(exact=False) is False
    finally:
        qapp.setPalette(before)


def test_system_theme_follows_a_live_switch_of_the_desktop(qtbot, qapp, tmp_path, monkeypatch) -> None:
    from PySide6.QtGui import QGuiApplication, QStyleHints

    scheme = {"now": Qt.ColorScheme.Light}
    monkeypatch.setattr(QStyleHints, "colorScheme", lambda self: scheme["now"])
    monkeypatch.setattr(theme, "_platform_palette_dark", False)
    w = _deferred_window(qtbot, tmp_path)
    _paint_and_settle(w, qapp)
    assert w.resolved_theme == "light"
    scheme["now"] = Qt.ColorScheme.Dark
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert w.resolved_theme == "dark" and w.colors == theme.colors_for("dark")
    # A theme the reader chose stays: only "Follow the system" follows the desktop.
    w.set_theme("light")
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert w.resolved_theme == "light"
    w.close()
