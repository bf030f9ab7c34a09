"""Where the reader is: the back/forward history, which page is shown, and the links in pages.

A part of :class:`~desktop_app.gui.main_window.MainWindow` (one job per module); it works on the
window's widgets, which the window builds. Nothing here runs before the first paint unless named so.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QWidget

from desktop_app.content import crisis
from desktop_app.render import term_html


class Location(NamedTuple):
    """One place in the back/forward history (a NamedTuple: dataclasses wait until after the first paint)."""

    view: str  # "home" | "term" | "results" | "crisis"
    slug: str = ""
    anchor: str = ""
    query: str = ""
    category: str = ""
    highlight: tuple[str, ...] = ()
    every_result: bool = False  # the results page shows every match, not the best RESULTS_LIMIT
    scroll: int = -1  # where the page was scrolled when the reader left it: Back and Forward return there


RESULTS_LIMIT = 50  # results shown at first; "show them all" lists every match


def confirm_external(parent: QWidget, url: str) -> bool:
    """Ask before leaving the app for a web page (tests replace this function)."""
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.gui.safe_text import message_box

    box = message_box(parent, "question", "Open in your web browser?",
                      "This link leaves Brain & Body Glossary and opens a web page in your browser.", url)
    if hasattr(parent, "place_dialog"):
        parent.place_dialog(box)
    box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Open


def open_external(url: str) -> None:
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl(url))


STOP_WORDS = frozenset({
    "the", "and", "for", "are", "can", "how", "what", "why", "who", "does", "did", "with", "that", "this", "from",
    "your", "you", "their", "into", "about", "when", "which", "was", "were", "has", "have", "had", "not", "but",
    "its", "all", "any", "our", "out",
})


def _query_words(text: str) -> tuple[str, ...]:
    """The words of a query worth marking in a page (no operators, no short or stop words)."""
    import re

    words = re.findall(r"\w+", re.sub(r"(^|\s)-\S+|\w+:", " ", text))
    return tuple(w for w in words if len(w) > 2 and w.casefold() not in STOP_WORDS)


class NavigationMixin:
    """Where the reader is: the back/forward history, which page is shown, and the links in pages."""

    def _go(self, loc: Location, record: bool = True, focus: bool = True) -> None:
        """Show ``loc``; ``record`` puts the current place (with its scroll position) on the back stack;
        ``focus`` gives the page keyboard focus, so PageDown and Space scroll it at once."""
        if loc.view != "home":
            self._ensure_pages()
        if record and loc != self.location:
            self.back_stack.append(self._here())
            del self.back_stack[:-100]
            self.forward_stack.clear()
        if self.location.view == "term" and loc.slug != self.location.slug and self.pages_built:
            self.term_view.note.flush()
        self.location = loc._replace(scroll=-1)
        self._pending_scroll = loc.scroll
        self._render(loc)
        if loc.scroll >= 0 and loc.view != "results":  # results arrive later: _got_results restores theirs
            self._restore_scroll()
        self._follow_location()
        self._update_actions()
        if focus:
            self.focus_page()
        self.page_changed.emit(loc.view)

    def _here(self) -> Location:
        """The current place with the page's scroll position (what Back returns to)."""
        if self.location.view != "home" and not self.pages_built:
            return self.location
        return self.location._replace(scroll=self.current_page().verticalScrollBar().value())

    def _restore_scroll(self) -> None:
        value = getattr(self, "_pending_scroll", -1)
        if value < 0:
            return
        self._pending_scroll = -1
        bar = self.current_page().verticalScrollBar()
        bar.setValue(value)
        if bar.value() != value:  # the page is still being laid out: once more after this event
            QTimer.singleShot(0, lambda b=bar, v=value: b.setValue(v))

    def _follow_location(self) -> None:
        """The window title and the search field say where the reader is (issue #16)."""
        loc = self.location
        app = "Brain & Body Glossary"
        text = ""
        if loc.view == "term" and loc.slug in self.titles:
            text = self.titles[loc.slug]
            title = f"{text} · {app}"
        elif loc.view == "results":
            text = loc.query
            title = f"Results for “{loc.query}” · {app}"
        elif loc.view == "crisis":
            title = f"Crisis resources · {app}"
        else:
            title = app
        self.setWindowTitle(title)
        if self.search_field.text() != text:
            self.search_field.setText(text)

    def _render(self, loc: Location) -> None:
        if loc.view == "term" and self.glossary and loc.slug in self.glossary.terms:
            self._render_term(loc)
        elif loc.view == "results":
            self._render_results(loc)
        elif loc.view == "crisis":
            self.region_combo.setCurrentIndex(max(0, self.region_combo.findData(self.region.code)))
            self.crisis_browser.setHtml(term_html.crisis_page(self.region, crisis.load_regions().values(),
                                                              self.colors))
            self.stack.setCurrentWidget(self.crisis_widget)
        else:
            self._render_home()

    def _rerender(self) -> None:
        self._render(self.location)
        dialog = getattr(self, "shortcuts_dialog", None)
        if dialog is not None and dialog.isVisible():  # it stays open beside the app: same colours
            self.shortcuts_browser.setHtml(term_html.shortcuts_page(self.shortcut_groups(), self.colors))

    def current_view(self) -> str:
        w = self.stack.currentWidget()
        if w is self.home_browser:
            return "home"
        return {self.results_widget: "results", self.term_view: "term", self.crisis_widget: "crisis"}[w]

    def show_home(self, record: bool = True, focus: bool = True) -> None:
        self._go(Location("home"), record, focus)

    HOME_ONE_COLUMN = 620  # below this page width the home page shows one category card per row

    def _home_columns(self) -> int:
        page = self.width()
        if self.pages_built and self.browse.isVisible():
            page -= self.browse.width()
        return 1 if page < self.HOME_ONE_COLUMN else 2

    def _render_home(self, keep_random: bool = False) -> None:
        counts = {}
        recent: list[tuple[str, str]] = []
        rnd = getattr(self, "_home_random", None) if keep_random else None
        if self.glossary:
            counts = {c: len(ts) for c, ts in self.glossary.by_category().items()}
            recent = [(s, self.titles[s]) for s in self.userdata.recent(8) if s in self.titles]
            if self.titles and rnd is None:
                slug = random.choice(sorted(self.titles))
                rnd = (slug, self.titles[slug])
        self._home_random = rnd
        self._home_rendered_columns = self._home_columns()
        self.home_browser.setHtml(term_html.home_page(self.categories, counts, recent, rnd, self.colors,
                                                      loading=self.glossary is None,
                                                      columns=self._home_rendered_columns))
        self.stack.setCurrentWidget(self.home_browser)

    def open_term(self, slug: str, anchor: str = "", highlight: tuple[str, ...] = (), record: bool = True,
                  focus: bool = True) -> bool:
        if not self.glossary or slug not in self.glossary.terms:
            self.statusBar().showMessage(f"“{slug}” is not in the glossary.", 5000)
            return False
        self._go(Location("term", slug=slug, anchor=anchor, highlight=tuple(highlight)), record, focus)
        self.userdata.record_visit(slug)
        self._refresh_lists()
        return True

    def _render_term(self, loc: Location) -> None:
        assert self.glossary is not None
        term = self.glossary.terms[loc.slug]
        terms = self.glossary.terms
        html = term_html.term_page(
            term, titles=self.titles, related_of=lambda s: terms[s].related if s in terms else (),
            colors=self.colors, highlight=loc.highlight, bookmarked=self.userdata.is_bookmarked(term.slug),
            linked_from=self.incoming.get(term.slug, ()), region=self.region,
        )
        view = self.term_view
        view.slug = term.slug
        view.browser.setHtml(html)
        view.note.load(term.slug, self.userdata.note(term.slug))
        self.stack.setCurrentWidget(view)
        self.browse.select_term(term.slug)
        if loc.scroll >= 0:
            pass  # _go restores where the reader was
        elif loc.anchor:
            QTimer.singleShot(0, lambda a=loc.anchor: view.browser.scrollToAnchor(a))
            view.browser.scrollToAnchor(loc.anchor)
        else:
            view.browser.verticalScrollBar().setValue(0)
        if view.find_bar.isVisible():
            view.find_bar.refresh()

    def show_results(self, query: str, category: str | None = None, record: bool = True) -> None:
        self.search_field.hide_suggestions()
        if self.search_field.text().strip() != query:
            self.search_field.setText(query)
        self._go(Location("results", query=query, category=category or ""), record)

    def _render_results(self, loc: Location) -> None:
        self.category_filter.setCurrentIndex(max(0, self.category_filter.findData(loc.category)))
        self.stack.setCurrentWidget(self.results_widget)
        if not self.ready:
            self.results_browser.setHtml(f"<p>Searching for “{term_html.esc(loc.query)}”…</p>")
        if self._closed:
            return
        self._seq += 1
        limit = len(self.titles) + 1 if loc.every_result else RESULTS_LIMIT
        self.search.service.request("search", self._seq, loc.query,
                                    {"limit": max(limit, RESULTS_LIMIT), "category": loc.category or None})

    def _got_results(self, seq: int, text: str, results) -> None:
        if self.location.view != "results" or text != self.location.query:
            return
        self.last_results = results
        rows = [term_html.ResultRow(h.slug, h.title, h.category, h.matched_alias, h.section,
                                    getattr(h, "section_heading", None), h.snippet) for h in results.hits]
        self.results_browser.setHtml(term_html.results_page(
            text, rows, results.did_you_mean, self.location.category or None, self.colors,
            total=getattr(results, "total", len(rows)), total_exact=getattr(results, "total_exact", True)))
        self._restore_scroll()  # Back/Forward to a results page: where the reader was

    def _category_changed(self, index: int) -> None:
        if self.location.view == "results":
            cat = self.category_filter.itemData(index) or ""
            self._go(Location("results", query=self.location.query, category=cat), record=False, focus=False)

    def show_crisis(self) -> None:
        self._go(Location("crisis"))

    def go_back(self) -> None:
        if self.back_stack:
            self.forward_stack.append(self._here())
            self._go(self.back_stack.pop(), record=False)

    def go_forward(self) -> None:
        if self.forward_stack:
            self.back_stack.append(self._here())
            self._go(self.forward_stack.pop(), record=False)

    def open_random(self) -> None:
        if self.titles:
            choices = [s for s in self.titles if s != self.location.slug] or list(self.titles)
            self.open_term(random.choice(choices))

    def _link(self, url: QUrl) -> None:
        scheme = url.scheme()
        s = url.toString()
        if scheme == "term":
            slug = url.path()
            # From the results page, the query's words are marked in the term page.
            words = _query_words(self.location.query) if self.location.view == "results" else ()
            self.open_term(slug, anchor=url.fragment(), highlight=words)
        elif scheme == "section":
            self.term_view.browser.scrollToAnchor(url.path())
        elif scheme == "search":
            self.show_results(url.path(), self.location.category or None)
        elif scheme == "search-all":
            self.show_results(url.path(), None)
        elif scheme == "more" and self.location.view == "results":
            self._go(self.location._replace(every_result=True), record=False)
        elif scheme == "category":
            cat = next((c for c in self.categories if c.id == url.path()), None)
            if cat:
                self.browse.show_category(cat.name)
                self.toggle_side_panel(True)
        elif scheme == "random":
            self.open_random()
        elif scheme == "region":
            self.set_region(url.path())
        elif scheme == "crisis":
            self.show_crisis()
        elif scheme == "https" and confirm_external(self, s):
            open_external(s)

    # -- a second launch's arguments (desktop_app/instance.py) ---------------------------------------
    def handle_argv(self, argv: list[str]) -> None:
        """Arguments handed over by a second launch (desktop_app/instance.py): --term SLUG, --search QUERY."""
        term = search = None
        items = list(argv)
        while items:
            arg = items.pop(0)
            if arg in ("--term", "--search") and items:
                value = items.pop(0)
                term, search = (value, search) if arg == "--term" else (term, value)
        self.handle_arguments(term, search)

    def handle_arguments(self, term: str | None, search: str | None, raise_window: bool = True) -> None:
        """Open a term or a search now, or as soon as the glossary has loaded; then come to the front."""
        self._pending_open = (term, search)
        if self.glossary is not None:
            self._open_pending()
        if raise_window:
            if self.isMinimized():
                self.showNormal()
            self.show()
            self.raise_()
            self.activateWindow()
            self.arguments_handled.emit()

    def _open_pending(self) -> None:
        term, search = getattr(self, "_pending_open", (None, None))
        self._pending_open = (None, None)
        if term:
            self.open_term(term)
        elif search:
            self.show_results(search)
