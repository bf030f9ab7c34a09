"""The list of suggestions under the toolbar search field (an overlay child, never a popup window)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from desktop_app.gui.safe_text import tooltip

SLUG_ROLE = Qt.ItemDataRole.UserRole
ALL_RESULTS = "__all__"  # the "Show all results" row


class SuggestionList(QListWidget):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("SuggestionList")
        self.setAccessibleName("Search suggestions")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.hide()

    query = ""  # the text these suggestions answer

    def set_suggestions(self, query: str, suggestions: list) -> None:
        self.query = query
        self.clear()
        for s in suggestions:
            text = s.title
            alias = getattr(s, "matched_alias", None)
            if alias:  # aliases are written in running-text case ("depot injection"): capitalised like titles
                text = f"{alias[:1].upper()}{alias[1:]} → {s.title}"
            item = QListWidgetItem(f"{text}    ·  {s.category}")
            item.setData(SLUG_ROLE, s.slug)
            item.setToolTip(tooltip(f"Open {s.title}"))
            self.addItem(item)
        if query.strip():
            more = QListWidgetItem(f"Show all results for “{query.strip()}”   (Ctrl+Enter)")
            more.setData(SLUG_ROLE, ALL_RESULTS)
            self.addItem(more)
        if self.count():
            self.setCurrentRow(0)

    def move(self, delta: int) -> None:  # type: ignore[override]
        if not self.count():
            return
        row = (self.currentRow() + delta) % self.count()
        self.setCurrentRow(row)
