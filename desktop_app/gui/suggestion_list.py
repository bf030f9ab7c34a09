"""The list of suggestions under the toolbar search field (an overlay child, never a popup window)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.gui.safe_text import tooltip

SLUG_ROLE = Qt.ItemDataRole.UserRole
ALL_RESULTS = "__all__"  # the "Show all results" row
CRISIS_CARD = "__crisis__"  # the crisis card: first row for crisis language; Enter opens the crisis page


def crisis_card_text(region, kinds=()) -> str:
    """The crisis card's text (plain text; the region's line and emergency number from regions.yaml)."""
    first = region.lines[0]
    lead = (f"If someone may have overdosed or cannot be woken, call {region.emergency} now.\n"
            if kinds and kinds[0] == "overdose" else "")
    return (f"{lead}Help is available now: {first.name}, {first.how_text()}. "
            f"If someone is in immediate danger, call {region.emergency}.\n"
            "Press Enter for crisis resources (F1 from anywhere).")


_PAD = 6  # pixels between the crisis card's border and its text


class _CardDelegate(QStyledItemDelegate):
    """Paints the crisis card in its own high-contrast colours even when it is the selected row (a thick
    border shows the selection), so that the card never takes the list's selection colours."""

    def paint(self, painter, option, index) -> None:  # Qt override
        if index.data(SLUG_ROLE) != CRISIS_CARD:
            super().paint(painter, option, index)
            return
        from desktop_app.render.term_html import CRISIS_DARK, CRISIS_LIGHT

        view = self.parent()
        bg, fg, border = CRISIS_DARK if getattr(view, "dark", False) else CRISIS_LIGHT
        opt = QStyleOptionViewItem(option)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        opt.state &= ~QStyle.StateFlag.State_Selected
        painter.save()
        painter.fillRect(opt.rect, QColor(bg))
        painter.restore()
        outer = opt.rect
        opt.rect = outer.adjusted(_PAD, _PAD, -_PAD, -_PAD)
        super().paint(painter, opt, index)
        opt.rect = outer
        painter.save()
        from PySide6.QtGui import QPen

        pen = QPen(QColor(border if not selected else fg))
        pen.setWidth(3 if selected else 1)
        painter.setPen(pen)
        painter.drawRect(opt.rect.adjusted(1, 1, -2, -2))
        painter.restore()

    def sizeHint(self, option, index):  # Qt override
        size = super().sizeHint(option, index)
        if index.data(SLUG_ROLE) == CRISIS_CARD:
            from PySide6.QtCore import QRect
            from PySide6.QtGui import QFontMetrics

            view = self.parent()
            width = max(120, view.viewport().width() - 2 * _PAD - 8)
            font = index.data(Qt.ItemDataRole.FontRole) or view.font()
            box = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10000), int(Qt.TextFlag.TextWordWrap),
                                                 str(index.data(Qt.ItemDataRole.DisplayRole)))
            size.setHeight(box.height() + 2 * _PAD + 6)
        return size


class SuggestionList(QListWidget):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("SuggestionList")
        self.setAccessibleName("Search suggestions")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(False)  # the crisis card is taller than a suggestion
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_CardDelegate(self))
        self.hide()

    query = ""  # the text these suggestions answer

    dark = False  # the crisis card's colours follow the theme (set by the window)
    has_crisis_card = False

    def set_suggestions(self, query: str, suggestions: list, crisis: tuple | None = None) -> None:
        self.query = query
        self.clear()
        self.has_crisis_card = crisis is not None
        if crisis is not None:
            from desktop_app.render.term_html import CRISIS_DARK, CRISIS_LIGHT

            region, kinds = crisis
            bg, fg, _border = CRISIS_DARK if self.dark else CRISIS_LIGHT
            card = QListWidgetItem(crisis_card_text(region, kinds))
            card.setData(SLUG_ROLE, CRISIS_CARD)
            card.setBackground(QBrush(QColor(bg)))
            card.setForeground(QBrush(QColor(fg)))
            font = QFont(self.font())
            font.setBold(True)
            card.setFont(font)
            card.setToolTip("Open the crisis resources page for your region")
            self.addItem(card)
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
