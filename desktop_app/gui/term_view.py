"""Page widgets: a link-routing text browser, the find bar, and the term page with its private note."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.page_browser import PageBrowser


class FindBar(QWidget):
    """Find in page: every match marked, F3 / Shift+F3 to step, Escape to close."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("FindBar")
        self.browser: QTextBrowser | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        label = QLabel("Find:")
        self.field = QLineEdit()
        self.field.setAccessibleName("Find in page")
        self.field.setPlaceholderText("Find in this page")
        label.setBuddy(self.field)
        self.count = QLabel("")
        self.count.setAccessibleName("Matches")
        self.prev_btn = QToolButton(text="Previous")
        self.prev_btn.setAccessibleName("Previous match (Shift+F3)")
        self.next_btn = QToolButton(text="Next")
        self.next_btn.setAccessibleName("Next match (F3)")
        self.close_btn = QToolButton(text="Close")
        self.close_btn.setAccessibleName("Close find bar (Escape)")
        for w in (label, self.field, self.count, self.prev_btn, self.next_btn, self.close_btn):
            layout.addWidget(w)
        layout.addStretch(1)
        self.field.textChanged.connect(self.refresh)
        self.field.returnPressed.connect(self.find_next)
        self.next_btn.clicked.connect(self.find_next)
        self.prev_btn.clicked.connect(self.find_previous)
        self.close_btn.clicked.connect(self.close_bar)
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.field)
        esc.setContext(Qt.ShortcutContext.WidgetShortcut)
        esc.activated.connect(self.close_bar)
        self.matches: list[QTextCursor] = []
        self.hide()

    def attach(self, browser: QTextBrowser) -> None:
        self.browser = browser

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.refresh()

    def close_bar(self) -> None:
        if self.browser is not None:
            self.browser.setExtraSelections([])
        self.hide()
        self.closed.emit()

    def refresh(self) -> None:
        """Mark every match of the text in the page."""
        self.matches = []
        if self.browser is None:
            return
        text = self.field.text()
        selections = []
        if text:
            doc = self.browser.document()
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ffd34d"))
            fmt.setForeground(QColor("#1d232a"))
            cursor = doc.find(text, 0)
            while not cursor.isNull() and len(self.matches) < 2000:
                self.matches.append(cursor)
                sel = QTextEdit.ExtraSelection()
                sel.cursor = cursor
                sel.format = fmt
                selections.append(sel)
                cursor = doc.find(text, cursor)
        self.browser.setExtraSelections(selections)
        n = len(self.matches)
        self.count.setText("" if not text else (f"{n} match{'es' if n != 1 else ''}" if n else "No matches"))

    def find_next(self) -> bool:
        return self._step(QTextDocument.FindFlag(0))

    def find_previous(self) -> bool:
        return self._step(QTextDocument.FindFlag.FindBackward)

    def _step(self, flags: QTextDocument.FindFlag) -> bool:
        if self.browser is None or not self.field.text():
            return False
        found = self.browser.find(self.field.text(), flags)
        if not found:  # wrap around
            cur = self.browser.textCursor()
            cur.movePosition(QTextCursor.MoveOperation.End if flags else QTextCursor.MoveOperation.Start)
            self.browser.setTextCursor(cur)
            found = self.browser.find(self.field.text(), flags)
        return found


class NoteEditor(QWidget):
    """A private note for the current term, saved as you type (at most ~0.7 s after the last key).

    Signals: save_requested(str slug, str text)
    """

    save_requested = Signal(str, str)
    SAVE_DELAY_MS = 700

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NoteEditor")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.title = QLabel("My private note (saved on this computer as you type)")
        self.edit = QPlainTextEdit()
        self.edit.setAccessibleName("My private note for this term")
        self.edit.setPlaceholderText("Write a note for yourself about this term…")
        self.edit.setTabChangesFocus(True)
        self.title.setBuddy(self.edit)
        self.status = QLabel("")
        self.status.setAccessibleName("Note status")
        layout.addWidget(self.title)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.status)
        self.slug = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(self._changed)
        self._loading = False

    def load(self, slug: str, text: str) -> None:
        self.flush()
        self._loading = True
        self.slug = slug
        self.edit.setPlainText(text)
        self._loading = False
        self.status.setText("")

    def _changed(self) -> None:
        if not self._loading and self.slug:
            self.status.setText("Saving…")
            self._timer.start()

    def flush(self) -> None:
        """Save now if anything is waiting (also called when leaving the term and on quit)."""
        if self._timer.isActive() or self.status.text() == "Saving…":
            self._timer.stop()
            if self.slug:
                self.save_requested.emit(self.slug, self.edit.toPlainText())


class TermView(QWidget):
    """The term page: the browser, a find bar under it, and the private note in a splitter."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = PageBrowser("Term page")
        self.find_bar = FindBar()
        self.find_bar.attach(self.browser)
        self.note = NoteEditor()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.browser)
        self.splitter.addWidget(self.note)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(True)
        self.splitter.setSizes([600, 110])
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.find_bar)
        self.slug = ""
