"""The page widget: a QTextBrowser that routes every link to the main window and loads nothing itself."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QUrl, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QTextBrowser, QWidget

BASE_POINT_SIZE = 11.0
ZOOM_STEP = 0.1
ZOOM_MIN, ZOOM_MAX = -5, 10  # 50% .. 200%


class PageBrowser(QTextBrowser):
    """A QTextBrowser that never follows links itself: every click is routed by the main window.

    Signals: link(QUrl)
    """

    link = Signal(QUrl)

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(name)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # A QTextBrowser is read-only with Qt.TextBrowserInteraction already (links by mouse and keyboard);
        # setting it again would create the Qt namespace before the first paint (see main_window).
        # Break a word only when it is wider than the page (a long title at 200% zoom in a narrow window).
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.anchorClicked.connect(self.link.emit)
        self.zoom_steps = 0
        self.apply_zoom(0)

    def apply_zoom(self, steps: int) -> None:
        self.zoom_steps = max(ZOOM_MIN, min(ZOOM_MAX, steps))
        font = self.document().defaultFont()
        font.setPointSizeF(BASE_POINT_SIZE * (1 + ZOOM_STEP * self.zoom_steps))
        self.document().setDefaultFont(font)

    def loadResource(self, type_: int, name: QUrl):  # Qt override
        # Never load anything from outside the page (no images, no files, no network). An empty byte
        # array, not None: returning None from this QVariant virtual corrupts None's refcount in PySide6.
        return QByteArray()
