"""Keyboard-first reading: where focus goes, keys that reach the page from anywhere, find in page, the Tab
order and the focus rings.

- The search field has focus at start; a printable key typed on a page starts a new search with it.
- Opening a page (a term, results, crisis resources) puts focus on that page, so PageDown, Space, Home and
  End scroll it at once; Esc in the search field, the find bar or a side list returns focus to the page.
- PageUp/PageDown always scroll the page from the search field; Space, Home and End do so while the field
  is empty (with text in it they edit the text, as in any text field).
- Tab order: search field, page (Tab then walks the page's links from the first in view), the note (term
  page), the side panel's filter, its tabs and list, the crisis panel's links, the toolbar buttons.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.gui.page_browser import PageBrowser
    from desktop_app.gui.term_view import FindBar

# The widgets that show a focus ring (a 2 px frame in the theme's accent colour) and their style sheet class.
_RING_CLASSES = {"PageBrowser": "QTextBrowser", "QListWidget": "QListWidget", "QTreeWidget": "QTreeWidget"}


class KeyboardMixin:
    """Focus, page keys, find in page, Tab order and focus rings."""

    def current_page(self) -> PageBrowser:
        """The browser of the page on screen."""
        view = self.location.view if self.pages_built else "home"
        return {"term": lambda: self.term_view.browser, "results": lambda: self.results_browser,
                "crisis": lambda: self.crisis_browser}.get(view, lambda: self.home_browser)()

    def focus_page(self) -> None:
        from PySide6.QtCore import Qt

        self.current_page().setFocus(Qt.FocusReason.OtherFocusReason)

    def _type_to_search(self, text: str) -> None:
        """A key typed on a page: a new search that starts with it."""
        from PySide6.QtCore import Qt

        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.type_text(text)

    def _page_key(self, key: int, shift: bool) -> None:
        """PageUp/PageDown/Space/Home/End pressed in the search field: they scroll the page."""
        self.current_page().scroll_key(key, shift)

    # -- find in page ----------------------------------------------------------------------------
    def find_bar(self) -> FindBar | None:
        if not self.pages_built:
            return None
        return self.find_bars.get(self.location.view)

    def open_find(self) -> None:
        bar = self.find_bar()
        if bar is not None:
            bar.open_bar()

    def find_next(self) -> None:
        bar = self.find_bar()
        if bar is not None:
            bar.find_next()

    def find_previous(self) -> None:
        bar = self.find_bar()
        if bar is not None:
            bar.find_previous()

    # -- Tab order and focus rings (after the first paint) ---------------------------------------
    def _set_tab_order(self) -> None:
        from PySide6.QtWidgets import QWidget

        chain = [self.search_field, self.home_browser, self.category_filter, self.results_browser,
                 self.term_view.browser, self.term_view.note.edit, self.region_combo, self.crisis_browser,
                 self.browse.filter, self.browse.tabs, self.browse.az, self.browse.tree, self.browse.bookmarks,
                 self.browse.history, self.crisis_panel.label]
        for a in (self.act_back, self.act_forward, self.act_home, self.act_bookmark, self.act_print,
                  self.act_handout, self.act_study, self.act_crisis):
            w = self.toolbar.widgetForAction(a)
            if w is not None:
                chain.append(w)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _apply_focus_rings(self) -> None:
        """A visible focus ring on the pages and the side lists, in both themes (Fusion draws one only for
        text fields and buttons)."""
        if not self.pages_built:
            return
        from desktop_app.gui.page_browser import focus_ring_style

        color = self.colors.accent
        widgets = [self.home_browser, self.results_browser, self.term_view.browser, self.crisis_browser,
                   self.browse.az, self.browse.tree, self.browse.bookmarks, self.browse.history]
        for w in widgets:
            cls = _RING_CLASSES.get(type(w).__name__, "QAbstractScrollArea")
            w.setStyleSheet(focus_ring_style(cls, color))
            if hasattr(w, "enable_fitting"):
                w.enable_fitting()
