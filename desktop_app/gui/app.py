"""Start-up: the only place where the start-up order lives.

1. QApplication, 2. the main window with the crisis panel, toolbar and home page (no term files, no index),
3. show and paint, 4. then, off the UI thread, load the glossary and open (or rebuild) the search index.
"""

from __future__ import annotations

import os
import sys
import time

# isort: off
# The Qt-free modules the first window needs, imported before PySide6: once PySide6.QtCore is loaded, its
# import hook reads the whole source of each module imported after it (inspect.getsource; ~5 ms in all).
from desktop_app.content import categories, crisis  # noqa: F401
from desktop_app.render import term_html  # noqa: F401
from desktop_app.userdata import store  # noqa: F401

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
# isort: on

from desktop_app import __version__, paths


class _FirstPaint(QObject):
    """Reports the first paint of the window, sets the window icon right after it and, when asked, quits."""

    def __init__(self, app: QApplication, started: float, quit_after: bool):
        super().__init__()
        self.app = app
        self.started = started
        self.quit_after = quit_after
        self.done = False
        self.after_paint: list = []  # called right after the first paint (the single-instance socket)

    def eventFilter(self, obj, event) -> bool:  # Qt override
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            ms = (time.perf_counter() - self.started) * 1000
            if self.quit_after:
                # Wall-clock times let a benchmark measure from process spawn to this paint event and to the end
                # of the frame it starts (a timer posted now runs once the whole window is drawn and flushed).
                print(f"first paint after {ms:.0f} ms (wall {time.time():.6f})", file=sys.stderr)
                QTimer.singleShot(0, lambda: print(f"first frame done (wall {time.time():.6f})", file=sys.stderr))
            QTimer.singleShot(0, set_window_icon)
            for fn in self.after_paint:
                QTimer.singleShot(0, fn)
            if self.quit_after:
                QTimer.singleShot(0, self.app.quit)
        return False


def set_window_icon() -> None:
    """The app's icon for every window. Set after the first paint: on X11 the SVG icon engine and rendering
    the icon for the window manager cost ~2.5 ms; a desktop that knows the .desktop file shows it anyway."""
    from PySide6.QtGui import QIcon

    icon = paths.icons_dir() / "brain-glossary.svg"
    app = QApplication.instance()
    if icon.exists() and isinstance(app, QApplication):
        app.setWindowIcon(QIcon(str(icon)))


def run_app(exit_after_first_paint: bool = False, region: str | None = None, argv: list[str] | None = None,
            open_term: str | None = None, open_search: str | None = None, instance_claim=None) -> int:
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Brain & Body Glossary")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("brain-body-glossary")
    app.setDesktopFileName("org.brainbodyglossary.BrainBodyGlossary")

    from desktop_app.gui.main_window import MainWindow

    window = MainWindow(region=region, start_search=not exit_after_first_paint, defer=True)
    watcher = _FirstPaint(app, started, exit_after_first_paint)
    window.installEventFilter(watcher)
    if open_term or open_search:
        window.handle_arguments(open_term, open_search, raise_window=False)
    server = []
    if instance_claim is not None and instance_claim.primary:
        def listen() -> None:  # after the first paint: QtNetwork's import (~19 ms) never delays it
            from desktop_app import instance
            from desktop_app.gui.instance_server import InstanceServer

            server.append(InstanceServer(instance.socket_path(paths.user_data_dir()), window.handle_argv))

        watcher.after_paint.append(listen)
    window.show()
    if exit_after_first_paint and os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        # Offscreen windows are painted on demand: grab once so the paint path really runs.
        QTimer.singleShot(0, lambda: window.grab())
    code = app.exec()
    if not exit_after_first_paint:
        window.save_state()
    window.stop_search()
    for s in server:
        s.close()
    if instance_claim is not None:
        instance_claim.release()
    return code
