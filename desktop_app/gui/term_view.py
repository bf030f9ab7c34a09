"""Page widgets: a link-routing text browser, the find bar, and the term page with its private note."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
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
        self.current = -1  # index in matches of the match F3 moved to
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

    MATCH = ("#ffd34d", "#1d232a")  # every match: background, text (contrast 11:1)
    CURRENT = ("#ff8a1f", "#1d232a")  # the one F3 moved to (contrast 6.7:1)

    def refresh(self) -> None:
        """Mark every match of the text in the page."""
        self.matches = []
        self.current = -1
        if self.browser is None:
            return
        text = self.field.text()
        if text:
            doc = self.browser.document()
            cursor = doc.find(text, 0)
            while not cursor.isNull() and len(self.matches) < 2000:
                self.matches.append(cursor)
                cursor = doc.find(text, cursor)
        self._mark()

    def _mark(self) -> None:
        """Every match in yellow, the current one in orange; "3 of 24" beside the field."""
        assert self.browser is not None
        selections = []
        for i, cursor in enumerate(self.matches):
            background, foreground = self.CURRENT if i == self.current else self.MATCH
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(background))
            fmt.setForeground(QColor(foreground))
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        self.browser.setExtraSelections(selections)
        n = len(self.matches)
        if not self.field.text():
            self.count.setText("")
        elif not n:
            self.count.setText("No matches")
        elif self.current >= 0:
            self.count.setText(f"{self.current + 1} of {n}")
        else:
            self.count.setText(f"{n} match{'es' if n != 1 else ''}")

    def find_next(self) -> bool:
        return self._step(forward=True)

    def find_previous(self) -> bool:
        return self._step(forward=False)

    def _step(self, forward: bool) -> bool:
        """Move to the next (or previous) match, wrapping around; the first step starts at the cursor."""
        if self.browser is None or not self.field.text():
            return False
        if not self.matches:
            self.refresh()
        n = len(self.matches)
        if not n:
            return False
        if self.current < 0:
            here = self.browser.textCursor().position()
            starts = [m.selectionStart() for m in self.matches]
            if forward:
                self.current = next((i for i, st in enumerate(starts) if st >= here), 0)
            else:
                self.current = next((i for i in reversed(range(n)) if starts[i] < here), n - 1)
        else:
            self.current = (self.current + (1 if forward else -1)) % n
        cursor = QTextCursor(self.matches[self.current])
        cursor.setPosition(self.matches[self.current].selectionStart())  # no selection: the orange mark shows
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
        self._mark()
        return True


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
    """The term page: the browser with the find bar right under it, and the private note below, in a splitter.

    In a short window (under NOTE_FOLD_HEIGHT) the note folds away unless it holds text or the reader opened
    it (show_note, Ctrl+Shift+N): the page needs the room. Dragging the handle also brings it back.
    """

    NOTE_FOLD_HEIGHT = 440

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = PageBrowser("Term page")
        self.find_bar = FindBar()
        self.find_bar.attach(self.browser)
        self.note = NoteEditor()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        page_layout.addWidget(self.browser, 1)
        page_layout.addWidget(self.find_bar)
        self.splitter.addWidget(page)
        self.splitter.addWidget(self.note)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(True)
        self.splitter.setSizes([600, 110])
        layout.addWidget(self.splitter, 1)
        self.slug = ""
        self.note_pinned = False  # the reader opened the note: it stays open in a short window

    def show_note(self) -> None:
        """Open the note (unfolded, at least 160 px) and put the cursor in it."""
        self.note_pinned = True
        sizes = self.splitter.sizes()
        if sizes[1] < 60:
            self.splitter.setSizes([max(100, sum(sizes) - 160), 160])
        self.note.edit.setFocus()

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        sizes = self.splitter.sizes()
        note_in_use = self.note_pinned or bool(self.note.edit.toPlainText().strip())
        if self.height() < self.NOTE_FOLD_HEIGHT and sizes[1] > 0 and not note_in_use:
            self.splitter.setSizes([sum(sizes), 0])
            self._folded_for_size = True
            if self.note.edit.hasFocus():  # never type into a folded-away editor
                self.browser.setFocus()
        elif self.height() >= self.NOTE_FOLD_HEIGHT and getattr(self, "_folded_for_size", False):
            self._folded_for_size = False
            if sizes[1] == 0:
                self.splitter.setSizes([max(100, sum(sizes) - 110), 110])

