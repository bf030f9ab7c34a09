"""Render the main screens to PNG: `python scripts/screenshots.py [OUT_DIR] [--focus-only]` (default
docs/screenshots). ``--focus-only`` renders just the keyboard focus rings (focus-light.png, focus-dark.png).

Runs offscreen with private, temporary user folders, so it never touches your own bookmarks or notes.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_tmp = tempfile.mkdtemp(prefix="glossary-shots-")
os.environ.setdefault("BRAIN_GLOSSARY_DATA_DIR", str(Path(_tmp) / "data"))
os.environ.setdefault("BRAIN_GLOSSARY_CACHE_DIR", str(Path(_tmp) / "cache"))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(cond, timeout_ms: int = 60000) -> None:
    waited = 0
    while not cond() and waited < timeout_ms:
        wait(50)
        waited += 50
    if not cond():
        raise SystemExit("timed out waiting for the app")


def focus_shots(w, out: Path) -> None:
    """The term page with keyboard focus (its 2 px ring), a link chosen with Tab, in both themes."""
    for theme in ("light", "dark"):
        w.set_theme(theme)
        w.resize(1000, 700)
        w.open_term("neuroplasticity")
        w.current_page().verticalScrollBar().setValue(260)
        w.focus_page()
        w.current_page().focusNextPrevChild(True)  # Tab: the first link in view
        wait(200)
        w.grab().save(str(out / f"focus-{theme}.png"))


def main(argv: list[str]) -> int:
    focus_only = "--focus-only" in argv
    argv = [a for a in argv if a != "--focus-only"]
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    _app = QApplication.instance() or QApplication([])  # kept alive for the whole run
    from desktop_app.gui.main_window import MainWindow

    w = MainWindow(region="US")
    w.resize(1200, 800)
    w.set_theme("light")
    w.show()
    w.activateWindow()
    wait_for(lambda: w.ready and w.glossary is not None)
    if focus_only:
        focus_shots(w, out)
        w.close()
        return 0
    w.userdata.record_visit("amygdala") if "amygdala" in w.titles else None
    w.userdata.record_visit("sleep") if "sleep" in w.titles else None
    w.show_home()
    wait(200)
    w.grab().save(str(out / "home.png"))

    w.search_field.setFocus()
    w.search_field.setText("panic")
    w.search_field.query_changed.emit("panic")
    wait_for(lambda: w.search_field.list.isVisible(), 10000)
    wait(100)
    w.grab().save(str(out / "suggestions.png"))

    w.show_results("can adults rewire their brains")
    wait_for(lambda: w.last_results is not None, 10000)
    wait(200)
    w.grab().save(str(out / "results.png"))

    w.open_term("neuroplasticity", highlight=("rewire",))
    wait(200)
    w.grab().save(str(out / "term.png"))

    w.show_crisis()
    wait(200)
    w.grab().save(str(out / "crisis.png"))

    w.set_theme("dark")
    w.open_term("neuroplasticity")
    wait(200)
    w.grab().save(str(out / "term-dark.png"))

    w.set_theme("light")
    w.resize(360, 520)
    w.open_term("neuroplasticity")
    wait(200)
    w.grab().save(str(out / "narrow.png"))
    focus_shots(w, out)
    w.close()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
