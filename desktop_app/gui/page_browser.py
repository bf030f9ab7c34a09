"""The page widget: a QTextBrowser that routes every link to the main window and loads nothing itself.

Keyboard reading (issue #16): a printable key typed on a page starts a search (``typed``); Tab from a page
moves to the first link *in view* (QTextBrowser starts from the top of the document and scrolls there);
headings shrink until their longest word fits, so a narrow window never breaks a word in a heading.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QUrl, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QTextBrowser, QWidget

BASE_POINT_SIZE = 11.0
ZOOM_STEP = 0.1
ZOOM_MIN, ZOOM_MAX = -5, 10  # 50% .. 200%
HEADING_MIN_SCALE = 0.45  # a heading shrinks at most to this fraction of its size before a word may break


def focus_ring_style(class_name: str, color: str) -> str:
    """A style sheet for a visible keyboard focus ring (2 px in the theme's accent colour; the unfocused frame
    keeps the same width, so nothing moves when focus arrives). Set after the first paint (style sheets
    re-polish the widget)."""
    return (f"{class_name} {{ border: 2px solid transparent; }}"
            f"{class_name}:focus {{ border: 2px solid {color}; }}")


class PageBrowser(QTextBrowser):
    """A QTextBrowser that never follows links itself: every click is routed by the main window.

    Signals:
        link(QUrl): a link was activated.
        typed(str): a printable key (no Ctrl/Alt) was typed on the page: the window starts a search with it.
    """

    link = Signal(QUrl)
    typed = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(name)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # A QTextBrowser is read-only with Qt.TextBrowserInteraction already (links by mouse and keyboard);
        # setting it again would create the Qt namespace before the first paint (see main_window).
        # Words wrap at word boundaries; only a word wider than the page even after fit_headings breaks.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.anchorClicked.connect(self.link.emit)
        self.zoom_steps = 0
        self._fitted_width = -1
        self.fitting = False  # turned on after the first paint (fit_headings measures text)
        self.typing_starts_search = False  # set by the window that connects ``typed`` (not the study card)
        self.apply_zoom(0)

    def apply_zoom(self, steps: int) -> None:
        self.zoom_steps = max(ZOOM_MIN, min(ZOOM_MAX, steps))
        font = self.document().defaultFont()
        font.setPointSizeF(BASE_POINT_SIZE * (1 + ZOOM_STEP * self.zoom_steps))
        self.document().setDefaultFont(font)
        self._fitted_width = -1
        if self.isVisible():
            self.fit_headings()

    def setHtml(self, html: str) -> None:  # Qt override
        super().setHtml(html)
        self._fitted_width = -1
        if self.isVisible():
            self.fit_headings()

    def fit_headings(self) -> None:
        """Shrink each heading whose longest word is wider than the page, so the word stays whole."""
        if not self.fitting:
            return
        width = self.viewport().width() - 2 * self.document().documentMargin() - 4
        if width <= 0 or width == self._fitted_width:
            return
        from PySide6.QtGui import QFontMetricsF, QTextCharFormat, QTextCursor, QTextFormat

        self._fitted_width = width
        block = self.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0 and block.text().strip():
                original = block.userState()  # the heading's own size (in 1/100 pt), kept across re-fits
                fmt = block.begin().fragment().charFormat() if not block.begin().atEnd() else block.charFormat()
                size = original / 100 if original > 0 else fmt.font().pointSizeF()
                if size > 0:
                    if original <= 0:
                        block.setUserState(int(size * 100))
                    font = fmt.font()
                    font.setPointSizeF(size)
                    widest = max(QFontMetricsF(font).horizontalAdvance(w) for w in block.text().split())
                    room = width
                    layout = block.layout()
                    if layout is not None and layout.lineCount():
                        room = min(room, layout.lineAt(0).width())  # less the block's own margins
                    room *= 0.97  # the layout's own rounding
                    scale = max(HEADING_MIN_SCALE, min(1.0, room / widest)) if widest > 0 else 1.0
                    if abs(fmt.font().pointSizeF() - size * scale) < 0.01:
                        block = block.next()
                        continue  # already at that size: no change, no relayout
                    # Per fragment: the heading's size is a size adjustment (h1 = xx-large) that would
                    # win over a merged point size, so it is replaced by the point size itself.
                    it = block.begin()
                    while not it.atEnd():
                        fragment = it.fragment()
                        new = QTextCharFormat(fragment.charFormat())
                        new.clearProperty(QTextFormat.Property.FontSizeAdjustment)
                        new.setFontPointSize(size * scale)
                        cursor = QTextCursor(self.document())
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(new)
                        it += 1
            block = block.next()

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        self.fit_headings()

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        self.fit_headings()

    def enable_fitting(self) -> None:
        self.fitting = True
        self._fitted_width = -1
        self.fit_headings()

    def scroll_key(self, key: int, shift: bool = False) -> bool:
        """Scroll for PageUp/PageDown/Space (Shift+Space: up)/Home/End; False for any other key."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QAbstractSlider

        bar = self.verticalScrollBar()
        K = Qt.Key
        if key == K.Key_PageDown or (key == K.Key_Space and not shift):
            bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        elif key == K.Key_PageUp or (key == K.Key_Space and shift):
            bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)
        elif key == K.Key_Home:
            bar.setValue(bar.minimum())
        elif key == K.Key_End:
            bar.setValue(bar.maximum())
        else:
            return False
        return True

    def keyPressEvent(self, event) -> None:  # Qt override
        from PySide6.QtCore import Qt

        text = event.text()
        mods = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if mods == Qt.KeyboardModifier.NoModifier and self.scroll_key(
                event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)):
            event.accept()
            return
        if self.typing_starts_search and text and text.isprintable() and not text.isspace() and mods == Qt.KeyboardModifier.NoModifier:
            self.typed.emit(text)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next_: bool) -> bool:  # Qt override
        # Without a selected link QTextBrowser looks for the next link from the very start (or end) of the
        # page and scrolls there: Tab would jump back to the top. A one-character selection at the first
        # (or last) line in view makes it start from there; a selected link still in view is kept.
        if not self.textCursor().hasSelection() or not self.viewport().rect().intersects(self.cursorRect()):
            bar = self.verticalScrollBar()
            value = bar.value()
            y = 0 if next_ else self.viewport().height() - 1
            position = self.cursorForPosition(QPoint(0 if next_ else self.viewport().width() - 1, y)).position()
            here = self.textCursor()
            end = self.document().characterCount() - 1
            if next_ and position > 0:
                here.setPosition(position - 1)
                here.setPosition(position, here.MoveMode.KeepAnchor)
            elif not next_ and position < end:
                here.setPosition(position + 1)
                here.setPosition(position, here.MoveMode.KeepAnchor)
            else:
                here.clearSelection()
            self.setTextCursor(here)
            bar.setValue(value)
        return super().focusNextPrevChild(next_)

    def loadResource(self, type_: int, name: QUrl):  # Qt override
        # Never load anything from outside the page (no images, no files, no network). An empty byte
        # array, not None: returning None from this QVariant virtual corrupts None's refcount in PySide6.
        return QByteArray()
