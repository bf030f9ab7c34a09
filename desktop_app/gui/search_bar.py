"""The toolbar search field and its suggestion list.

The suggestion list is an overlay child of the main window (not a popup window), so it never takes
keyboard focus from the field: typing goes on while suggestions update. Arrow keys move through the
list, Enter opens the selected (or first) suggestion, Ctrl+Enter opens the full results page, and
Escape closes the list, then leaves the field.

Signals (SearchField):
    query_changed(str): the text changed by typing (ask for suggestions).
    open_term(str): a suggestion was chosen (slug).
    show_results(str): the user asked for the results page.
    leave(): Escape on an empty list: give focus back to the page.
    page_key(int, bool): PageUp/PageDown (always) or Space/Home/End (while the field is empty), with Shift:
        the page scrolls, the field keeps focus.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListWidgetItem

    from desktop_app.gui.suggestion_list import SuggestionList


class SearchField(QLineEdit):
    query_changed = Signal(str)
    open_term = Signal(str)
    show_results = Signal(str)
    leave = Signal()
    page_key = Signal(int, bool)

    def __init__(self, overlay_parent: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SearchField")
        self.setPlaceholderText("Search terms, abbreviations, questions…  (Ctrl+K)")
        self.setAccessibleName("Search the glossary")
        self.setAccessibleDescription("Type to see suggestions. Up and Down choose, Enter opens, "
                                      "Ctrl+Enter shows all results, Escape closes.")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(220)
        self._overlay_parent = overlay_parent
        self._list: SuggestionList | None = None  # made on first use: not needed for the first paint
        self.textEdited.connect(self._edited)
        self.returnPressed.connect(self._enter)

    @property
    def list(self) -> SuggestionList:
        if self._list is None:
            from desktop_app.gui.suggestion_list import SuggestionList  # item views: not needed to paint

            self._list = SuggestionList(self._overlay_parent)
            self._list.itemClicked.connect(self._activate_item)
        return self._list

    def list_shown(self) -> bool:
        return self._list is not None and self._list.isVisible()

    def type_text(self, text: str) -> None:
        """Start a new query with ``text`` (a key typed on a page), as if typed here."""
        self.setText(text)
        self.setCursorPosition(len(text))
        self._edited(text)

    # -- suggestions -----------------------------------------------------------------------------
    def _edited(self, text: str) -> None:
        if not text.strip():
            self.list.clear()
            self.list.hide()
        self.query_changed.emit(text)

    def show_suggestions(self, text: str, suggestions: list) -> None:
        """Called with the answer for ``text``; ignored if the field has moved on."""
        if text != self.text():
            return
        self.list.set_suggestions(text, suggestions)
        if self.list.count() and self.text().strip():
            self.place_list()
            self.list.show()
            self.list.raise_()
        else:
            self.list.hide()

    def place_list(self) -> None:
        parent = self.list.parentWidget()
        if parent is None:
            return
        top_left = self.mapTo(parent, QPoint(0, self.height()))
        rows = min(self.list.count(), 10)
        row_h = self.list.sizeHintForRow(0) if self.list.count() else 24
        width = max(self.width(), 360)
        x = min(top_left.x(), max(0, parent.width() - width))
        self.list.setGeometry(x, top_left.y() + 2, width, rows * row_h + 2 * self.list.frameWidth() + 4)

    def hide_suggestions(self) -> None:
        self.list.hide()

    # -- keys ------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        from PySide6.QtCore import Qt  # not at import: its first use costs ~20 ms (see main_window)

        key = event.key()
        mods = event.modifiers()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.list.isVisible():
            self.list.move(1 if key == Qt.Key.Key_Down else -1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods & Qt.KeyboardModifier.ControlModifier:
            self._all_results()
            return
        no_mods = not (mods & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier))
        scroll_keys = (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
        if not self.text():
            scroll_keys += (Qt.Key.Key_Space, Qt.Key.Key_Home, Qt.Key.Key_End)
        if no_mods and key in scroll_keys and not self.list_shown():
            self.page_key.emit(int(key),
                               bool(mods & Qt.KeyboardModifier.ShiftModifier))
            return
        if key == Qt.Key.Key_Escape:
            if self.list.isVisible():
                self.list.hide()
            else:
                self.leave.emit()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # Keep Tab inside normal focus order but close the list when focus leaves.
        if event.type() == QEvent.Type.FocusOut and self.list_shown() and not self.list.underMouse():
            self.list.hide()
        return super().event(event)

    def _enter(self) -> None:
        if self.list.query != self.text():
            # The suggestions for what is typed have not arrived yet: the results page answers instead.
            self._all_results()
            return
        item = self.list.currentItem() if self.list.isVisible() else None
        if item is None and self.list.count():
            item = self.list.item(0)
        if item is not None:
            self._activate_item(item)
        elif self.text().strip():
            self._all_results()

    def _activate_item(self, item: QListWidgetItem) -> None:
        from desktop_app.gui.suggestion_list import ALL_RESULTS, SLUG_ROLE

        slug = item.data(SLUG_ROLE)
        self.list.hide()
        if slug == ALL_RESULTS:
            self._all_results()
        else:
            self.open_term.emit(slug)

    def _all_results(self) -> None:
        self.list.hide()
        if self.text().strip():
            self.show_results.emit(self.text().strip())
