"""The crisis panel: always at the top of the main window, never closable, never clipped.

It is a plain widget inside the window's menu-widget area (not a dock or a toolbar), so it cannot be
closed, hidden from a context menu, undocked or scrolled away. Its label word-wraps and the panel's
height follows the wrapped text (``heightForWidth``), so the sentence is never cut at any width.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop_app.content.crisis import Region
from desktop_app.gui.safe_text import tooltip
from desktop_app.render.term_html import esc

# The crisis page's shortcuts, as the main window binds them (a test checks that they agree).
CRISIS_SHORTCUTS = "F1 or Ctrl+Shift+E"


class CrisisPanel(QFrame):
    """Signals: resources_requested(): the user asked for the full crisis page."""

    resources_requested = Signal()

    def __init__(self, region: Region, parent=None):
        super().__init__(parent)
        self.setObjectName("CrisisPanel")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Crisis resources")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(12, 6, 12, 6)
        self.row.setSpacing(10)
        outer.addLayout(self.row)
        self.label = QLabel(self)
        self.label.setObjectName("CrisisText")
        self.label.setWordWrap(True)
        # Rich text by Qt's detection (the text always starts with a tag); links work by mouse from the first
        # paint and by keyboard once the window calls enable_keyboard_links() right after it (both need the Qt
        # namespace, whose first use costs ~20 ms: see main_window).
        self.label.setOpenExternalLinks(False)
        self.label.linkActivated.connect(lambda _link: self.resources_requested.emit())
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # A word-wrapped label's minimum size hint assumes a narrow width (too tall when wide): the real
        # height comes from heightForWidth below, so the layout must not use that guess.
        self.label.setMinimumSize(1, 1)
        self.row.addWidget(self.label, 1)
        # The bottom rule is a filled child widget, not drawn in paintEvent: QPainter's overloaded fill calls
        # create PySide6's Qt enum namespace (~20 ms) in the middle of the first frame.
        self.rule = QWidget(self)
        self.rule.setObjectName("CrisisRule")
        self.rule.setFixedHeight(2)
        self.rule.setAutoFillBackground(True)
        outer.addWidget(self.rule)
        sp = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        sp.setHeightForWidth(True)
        self.setSizePolicy(sp)
        self.region = region
        self.set_region(region)

    def enable_keyboard_links(self) -> None:
        """Tab reaches the "Crisis resources" link and Enter opens it (called right after the first paint)."""
        from PySide6.QtCore import Qt

        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)

    link_color = "#5a2d00"
    POINT_SIZE = 11.0
    scale = 1.0  # the window's zoom (View > Zoom): the panel grows with the rest of the interface

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        font = self.label.font()
        font.setPointSizeF(self.POINT_SIZE * scale)
        self.label.setFont(font)
        self.updateGeometry()

    def set_colors(self, background: str, text: str, border: str) -> None:
        """High-contrast panel colours (both themes are well above WCAG AA 4.5:1)."""
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor(background))
        pal.setColor(QPalette.ColorRole.WindowText, QColor(text))
        pal.setColor(QPalette.ColorRole.Text, QColor(text))
        self.setPalette(pal)
        self.label.setPalette(pal)
        self.setAutoFillBackground(True)
        rule = self.rule.palette()
        rule.setColor(QPalette.ColorRole.Window, QColor(border))
        self.rule.setPalette(rule)
        self.link_color = text
        font = self.label.font()
        font.setPointSizeF(self.POINT_SIZE * self.scale)
        self.label.setFont(font)
        self.set_region(self.region)
        self.update()

    def set_region(self, region: Region) -> None:
        self.region = region
        text = region.panel_text
        self.label.setText(
            f"<b>{esc(text)}</b> &nbsp;<a href='crisis:' style='color:{self.link_color}'>"
            "<b>Crisis resources</b></a>"
        )
        self.label.setAccessibleName("Crisis help")
        self.label.setAccessibleDescription(f"{text} Activate the Crisis resources link for every line in "
                                            f"{region.name}. Shortcut: {CRISIS_SHORTCUTS}.")
        self.setAccessibleDescription(text)
        self.setToolTip(tooltip(f"{region.name}: {region.lines[0].name}. Shortcut for the crisis page: F1"))
        self.updateGeometry()

    def plain_text(self) -> str:
        return self.region.panel_text

    def hasHeightForWidth(self) -> bool:  # Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # Qt override
        m = self.row.contentsMargins()
        inner = max(1, width - m.left() - m.right())
        return self.label.heightForWidth(inner) + m.top() + m.bottom() + self.rule.height()


class TopArea(QWidget):
    """The menu bar and the crisis panel, stacked above the toolbar and content.

    QMainWindow sizes its menu widget from ``sizeHint()``; this one answers with the height its
    word-wrapped contents need at the current width, so the panel is never clipped nor padded.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("TopArea")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._last_height = -1

    def _height_for(self, width: int) -> int:
        layout = self.layout()
        return layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()

    def sizeHint(self) -> QSize:  # Qt override
        width = self.width() if self.width() > 0 else 900
        return QSize(super().sizeHint().width(), self._height_for(width))

    def minimumSizeHint(self) -> QSize:  # Qt override
        width = self.width() if self.width() > 0 else 900
        return QSize(0, self._height_for(width))

    def hasHeightForWidth(self) -> bool:  # Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # Qt override
        return self._height_for(width)

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        wanted = self._height_for(self.width())
        if wanted != self.height() and wanted != self._last_height:
            self._last_height = wanted
            self.updateGeometry()
