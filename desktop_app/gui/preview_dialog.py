"""Print preview without a printer: the pages as images, drawn by the same code as the PDF.

Qt's QPrintPreviewDialog needs a QPrinter, and building one connects to the local print service; this
preview opens no socket. Only its "Print…" button (the explicit print to a printer) builds a QPrinter.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

ZOOMS = (50, 75, 100, 125, 150, 200)


SHEETS = (("Full sheet", "full"), ("One-page summary", "summary"))


def fit_to_screen(widget: QWidget, width: int, height: int, margin: int = 48) -> tuple[int, int]:
    """``width`` x ``height``, shrunk to fit the available area of the screen the widget (or its parent)
    is on, less room for the window frame and the crisis panel above (an 800-px screen: issue #16)."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() if anchor is not None else None
    if screen is None:
        from PySide6.QtGui import QGuiApplication

        screen = QGuiApplication.primaryScreen()
    if screen is None:
        return width, height
    area = screen.availableGeometry()
    return min(width, max(320, area.width() - margin)), min(height, max(240, area.height() - 2 * margin))


class PreviewDialog(QDialog):
    """``make_layout(paper, sheet_kind)`` returns a SheetLayout; ``on_print(paper, sheet_kind)`` prints;
    ``on_export(paper, sheet_kind)`` saves. The page count is shown for the current paper and sheet."""

    def __init__(self, make_layout: Callable[..., object], paper: str, *, title: str,
                 on_print: Callable[..., object] | None = None,
                 on_export: Callable[..., object] | None = None, parent: QWidget | None = None,
                 sheet_kind: str = "full"):
        super().__init__(parent)
        self.sheet_kind = sheet_kind
        self.setWindowTitle(f"Print preview: {title}")
        self.setAccessibleName("Print preview")
        self.make_layout = make_layout
        self.paper = paper
        self.zoom = 75
        self.page_labels: list[QLabel] = []
        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.paper_combo = QComboBox()
        self.paper_combo.setAccessibleName("Paper size")
        self.paper_combo.addItem("Letter", "letter")
        self.paper_combo.addItem("A4", "a4")
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(paper)))
        self.sheet_combo = QComboBox()
        self.sheet_combo.setAccessibleName("Sheet")
        for text, kind in SHEETS:
            self.sheet_combo.addItem(text, kind)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(sheet_kind)))
        self.zoom_combo = QComboBox()
        self.zoom_combo.setAccessibleName("Zoom")
        for z in ZOOMS:
            self.zoom_combo.addItem(f"{z}%", z)
        self.zoom_combo.setCurrentIndex(ZOOMS.index(self.zoom))
        self.count = QLabel("")
        self.count.setAccessibleName("Number of pages")
        self.print_button = QPushButton("&Print…")
        self.print_button.setAccessibleName("Print to a printer")
        self.print_button.setEnabled(on_print is not None)
        self.export_button = QPushButton("&Export PDF…")
        self.export_button.setAccessibleName("Export as PDF")
        self.export_button.setVisible(on_export is not None)
        close = QPushButton("&Close")
        close.setAccessibleName("Close the preview")
        for w in (QLabel("Sheet:"), self.sheet_combo, QLabel("Paper:"), self.paper_combo, QLabel("Zoom:"),
                  self.zoom_combo, self.count):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.export_button, self.print_button, close):
            bar.addWidget(w)
        outer.addLayout(bar)
        self.scroll = QScrollArea()
        self.scroll.setAccessibleName("Pages")
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setSpacing(16)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages.setStyleSheet("background-color: #8a8f96;")
        self.scroll.setWidget(self.pages)
        outer.addWidget(self.scroll, 1)
        self.paper_combo.activated.connect(lambda _i: self._relayout())
        self.sheet_combo.activated.connect(lambda _i: self._relayout())
        self.zoom_combo.activated.connect(lambda _i: self._set_zoom(self.zoom_combo.currentData()))
        close.clicked.connect(self.reject)
        if on_print is not None:
            self.print_button.clicked.connect(lambda: on_print(self.paper, self.sheet_kind))
        if on_export is not None:
            self.export_button.clicked.connect(lambda: on_export(self.paper, self.sheet_kind))
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, activated=lambda: self._step_zoom(1))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, activated=lambda: self._step_zoom(-1))
        self.resize(*fit_to_screen(self, 900, 1000))
        self._relayout()

    def _relayout(self) -> None:
        self.paper = self.paper_combo.currentData()
        self.sheet_kind = self.sheet_combo.currentData()
        self.layout_ = self.make_layout(self.paper, self.sheet_kind)
        self._render()

    def _set_zoom(self, zoom: int) -> None:
        self.zoom = zoom
        self._render()

    def _step_zoom(self, delta: int) -> None:
        i = max(0, min(len(ZOOMS) - 1, ZOOMS.index(self.zoom) + delta))
        self.zoom_combo.setCurrentIndex(i)
        self._set_zoom(ZOOMS[i])

    def _render(self) -> None:
        for label in self.page_labels:
            label.deleteLater()
        self.page_labels = []
        n = self.layout_.page_count  # type: ignore[attr-defined]
        dpi = round(96 * self.zoom / 100)
        for i in range(n):
            label = QLabel()
            label.setAccessibleName(f"Page {i + 1} of {n}")
            label.setPixmap(QPixmap.fromImage(self.layout_.page_image(i, dpi=dpi)))  # type: ignore[attr-defined]
            self.pages_layout.addWidget(label)
            self.page_labels.append(label)
        self.count.setText(f"{n} page{'s' if n != 1 else ''}")
