"""The side panel: A–Z and by-category lists with a filter box, plus bookmarks and history.

Signals:
    open_term(str slug): a term was chosen (Enter, click).
    leave(): Escape in the filter or a list: focus goes back to the page.
    remove_bookmark(str slug): Delete, or "Remove bookmark" in the context menu, in the Bookmarks list.

The filter matches titles, aliases and brand names ("SSRI" finds "Selective serotonin reuptake inhibitors"); long names
are shortened in the middle ("Schizo…disorder"), so two names that start alike stay apart, and the full
title is the tooltip.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.safe_text import tooltip

SLUG_ROLE = Qt.ItemDataRole.UserRole


class BrowsePanel(QWidget):
    open_term = Signal(str)
    leave = Signal()
    remove_bookmark = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("BrowsePanel")
        self.setAccessibleName("Browse terms")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter the lists")
        self.filter.setAccessibleName("Filter the term lists")
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Term lists")
        self.tabs.setDocumentMode(True)  # compact tabs: all four fit at the panel's default width
        self.az = QListWidget()
        self.az.setAccessibleName("All terms, A to Z")
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Terms by category")
        self.bookmarks = QListWidget()
        self.bookmarks.setAccessibleName("Bookmarked terms")
        self.history = QListWidget()
        self.history.setAccessibleName("Reading history")
        for view in (self.az, self.tree, self.bookmarks, self.history):
            # Long titles end in "…" (the full title is the item's tooltip) instead of a sideways scroll bar.
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
            view.installEventFilter(self)
        self._az_items: dict[str, QListWidgetItem] = {}
        self._tree_items: dict[str, QTreeWidgetItem] = {}
        self.aliases: dict[str, str] = {}  # slug -> its aliases, casefolded, for the filter
        self.filter.installEventFilter(self)
        self.bookmarks.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.bookmarks.customContextMenuRequested.connect(self._bookmark_menu)
        self.tabs.addTab(self.az, "A–Z")
        self.tabs.addTab(self.tree, "Categories")
        self.tabs.addTab(self.bookmarks, "Bookmarks")
        self.tabs.addTab(self.history, "History")
        layout.addWidget(self.tabs, 1)
        self.filter.textChanged.connect(self.apply_filter)
        self.filter.returnPressed.connect(self._open_first_visible)
        for w in (self.az, self.bookmarks, self.history):
            w.itemActivated.connect(self._activated)
            w.itemClicked.connect(self._activated)
        self.tree.itemActivated.connect(self._tree_activated)
        self.tree.itemClicked.connect(self._tree_activated)

    def set_terms(self, by_category: dict[str, list], titles: dict[str, str]) -> None:
        self.titles = titles
        self.aliases = {t.slug: " | ".join(getattr(t, "all_names", ())[1:]).casefold()
                        for terms in by_category.values() for t in terms}
        self.az.clear()
        self._az_items.clear()
        for slug, title in sorted(titles.items(), key=lambda kv: kv[1].casefold()):
            item = QListWidgetItem(title)
            item.setData(SLUG_ROLE, slug)
            item.setToolTip(tooltip(title))
            self.az.addItem(item)
            self._az_items[slug] = item
        self.tree.clear()
        self._tree_items.clear()
        for cat, terms in by_category.items():
            parent = QTreeWidgetItem([f"{cat} ({len(terms)})"])
            parent.setToolTip(0, tooltip(f"{cat}: {len(terms)} terms"))
            for t in terms:
                child = QTreeWidgetItem([t.title])
                child.setData(0, SLUG_ROLE, t.slug)
                child.setToolTip(0, tooltip(t.title))
                parent.addChild(child)
                self._tree_items[t.slug] = child
            self.tree.addTopLevelItem(parent)
        self.apply_filter(self.filter.text())

    def preferred_width(self) -> int:
        """Wide enough for all four tabs in this style and font (about 300 px here)."""
        m = self.layout().contentsMargins()
        return max(240, self.tabs.tabBar().sizeHint().width() + m.left() + m.right() + 4)

    def select_term(self, slug: str) -> None:
        """Mark the open term in the A–Z list and the category tree and scroll it into view, only where it is
        shown: a row hidden by the filter or inside a closed category is not marked (Enter would open it),
        and no category is opened for it. Focus stays where it is."""
        item = self._az_items.get(slug)
        if item is not None and not item.isHidden():
            self.az.setCurrentItem(item)
            self.az.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)
        elif self.az.currentItem() is not None and self.az.currentItem().isHidden():
            self.az.setCurrentItem(None)
        child = self._tree_items.get(slug)
        parent = child.parent() if child is not None else None
        if child is not None and not child.isHidden() and parent is not None and parent.isExpanded():
            self.tree.setCurrentItem(child)
            self.tree.scrollToItem(child, QAbstractItemView.ScrollHint.PositionAtCenter)

    def show_category(self, name: str) -> None:
        self.tabs.setCurrentWidget(self.tree)
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            expand = item.text(0).startswith(name + " (")
            item.setExpanded(expand)
            if expand:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
        self.tree.setFocus()

    def set_bookmarks(self, slugs: list[str], titles: dict[str, str]) -> None:
        self.bookmarks.clear()
        for s in slugs:
            item = QListWidgetItem(titles.get(s, s))
            item.setData(SLUG_ROLE, s)
            item.setToolTip(tooltip(titles.get(s, s)))
            self.bookmarks.addItem(item)

    def set_history(self, visits: list, titles: dict[str, str], private: bool) -> None:
        self.history.clear()
        if private:
            item = QListWidgetItem("Private mode is on: nothing is being recorded.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.history.addItem(item)
        for v in visits:
            if v.slug not in titles:
                continue
            when = time.strftime("%d %b %H:%M", time.localtime(v.when))
            item = QListWidgetItem(f"{titles[v.slug]}   ·  {when}")
            item.setData(SLUG_ROLE, v.slug)
            item.setToolTip(tooltip(f"{titles[v.slug]}, read {when}"))
            self.history.addItem(item)

    def apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        def hidden(text: str, slug: str) -> bool:
            return bool(needle) and needle not in text.casefold() and needle not in self.aliases.get(slug, "")

        for i in range(self.az.count()):
            item = self.az.item(i)
            item.setHidden(hidden(item.text(), item.data(SLUG_ROLE)))
        for i in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(i)
            visible = 0
            for j in range(parent.childCount()):
                child = parent.child(j)
                hide = hidden(child.text(0), child.data(0, SLUG_ROLE))
                child.setHidden(hide)
                visible += not hide
            parent.setHidden(bool(needle) and visible == 0)
            if needle:
                parent.setExpanded(visible > 0)

    def _open_first_visible(self) -> None:
        for i in range(self.az.count()):
            item = self.az.item(i)
            if not item.isHidden():
                self.open_term.emit(item.data(SLUG_ROLE))
                return

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.leave.emit()
                return True
            if watched is self.bookmarks and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                item = self.bookmarks.currentItem()
                if item is not None and item.data(SLUG_ROLE):
                    self.remove_bookmark.emit(item.data(SLUG_ROLE))
                return True
        return super().eventFilter(watched, event)

    def bookmark_menu(self, item: QListWidgetItem) -> QMenu:
        """The context menu of a bookmark: open it, or remove it."""
        slug = item.data(SLUG_ROLE)
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.open_term.emit(slug))
        menu.addAction("Remove bookmark", lambda: self.remove_bookmark.emit(slug))
        return menu

    def _bookmark_menu(self, pos) -> None:
        item = self.bookmarks.itemAt(pos)
        if item is not None and item.data(SLUG_ROLE):
            self.bookmark_menu(item).exec(self.bookmarks.viewport().mapToGlobal(pos))

    def _activated(self, item: QListWidgetItem) -> None:
        slug = item.data(SLUG_ROLE)
        if slug:
            self.open_term.emit(slug)

    def _tree_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        slug = item.data(0, SLUG_ROLE)
        if slug:
            self.open_term.emit(slug)
        else:
            item.setExpanded(not item.isExpanded())
