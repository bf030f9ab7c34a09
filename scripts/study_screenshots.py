"""Render a study card in both themes to PNG: `python scripts/study_screenshots.py [OUT_DIR]`.

Offscreen, with a temporary data folder (your own study progress is never touched). Writes
study-card.png (light), study-card-dark.png and study-summary.png to docs/screenshots by default.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_tmp = Path(tempfile.mkdtemp(prefix="glossary-study-shots-"))
os.environ.setdefault("BRAIN_GLOSSARY_DATA_DIR", str(_tmp / "data"))
os.environ.setdefault("BRAIN_GLOSSARY_CACHE_DIR", str(_tmp / "cache"))

from PySide6.QtWidgets import QApplication  # noqa: E402


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    from desktop_app.content import crisis
    from desktop_app.content.loader import load_glossary
    from desktop_app.gui import theme
    from desktop_app.gui.study_dialog import StudyDialog
    from desktop_app.render.term_html import DARK, LIGHT

    glossary = load_glossary()
    now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    for name, resolved, colors in (("study-card.png", "light", LIGHT), ("study-card-dark.png", "dark", DARK)):
        theme.apply(app, resolved)
        dlg = StudyDialog(glossary, crisis.get_region("US"), folder=_tmp / name, bookmarks=["ssris"], colors=colors,
                          resolved_theme=resolved, clock=lambda: now, fuzz=False)
        dlg.resize(720, 560)
        dlg.show()
        dlg.deck_list.setCurrentRow(1)
        dlg.start()
        while dlg.session.current.kind != "medicine":
            dlg.session.queue.append(dlg.session.queue.pop(0))
        dlg.show_answer()
        app.processEvents()
        dlg.grab().save(str(out / name))
        if resolved == "light":
            for g in (3, 4, 1, 3, 2, 3):
                dlg.show_answer()
                dlg.grade(g)
            dlg.end_session()
            app.processEvents()
            dlg.grab().save(str(out / "study-summary.png"))
        dlg.close()
    print(f"wrote {out}/study-card.png, study-card-dark.png, study-summary.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
