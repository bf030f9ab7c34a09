"""The main window: it only builds widgets and wires signals; the work happens in the core and workers.

Nothing that runs before the first paint uses the ``Qt`` namespace: its first use creates ~100 enum types
(about 20 ms, a fifth of a bare window's start-up), so methods that need it import it when they run.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.content import crisis
from desktop_app.content.categories import categories_or_fallback
from desktop_app.gui import theme
from desktop_app.gui.crisis_panel import CrisisPanel, TopArea
from desktop_app.gui.page_browser import PageBrowser
from desktop_app.gui.search_bar import SearchField
from desktop_app.gui.window.actions import ActionsMixin
from desktop_app.gui.window.appearance import AppearanceMixin, restore_app_font
from desktop_app.gui.window.export import ExportMixin
from desktop_app.gui.window.help import HelpMixin
from desktop_app.gui.window.keyboard import KeyboardMixin
from desktop_app.gui.window.navigation import RESULTS_LIMIT, Location, NavigationMixin  # noqa: F401 (re-exported)
from desktop_app.gui.window.reading_lists import ReadingListsMixin
from desktop_app.gui.window.searching import SearchingMixin
from desktop_app.userdata.store import UserData

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox

    from desktop_app.content.loader import Glossary
    from desktop_app.gui.term_view import FindBar
    from desktop_app.gui.workers import SearchThread

MIN_WIDTH, MIN_HEIGHT = 360, 420


def settings_for(folder: Path, notices: list[str] | None = None) -> QSettings:
    """The INI settings file in the data folder. QSettings re-reads and merges per key under its own lock
    file when it syncs, so two windows keep each other's settings. A settings.ini that is a symbolic link,
    a pipe or a device is never used (QSettings would write through the link or block on the pipe): the
    session's settings then live in a temporary file and the notice says so (issue #13)."""
    from desktop_app import fileio

    path = folder / "settings.ini"
    kind = fileio.is_special(path)
    if kind is not None:
        import tempfile

        if notices is not None:
            notices.append(f"Your settings file ({path}) is {kind}, not a regular file; it is left untouched and "
                           "settings changed now last only for this session.")
        path = Path(tempfile.mkdtemp(prefix="brain-glossary-settings-")) / "settings.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)


class MainWindow(NavigationMixin, SearchingMixin, KeyboardMixin, ActionsMixin, AppearanceMixin, ReadingListsMixin,
                 ExportMixin, HelpMixin, QMainWindow):
    """Signals: search_ready(): the search engine is open; page_changed(str view)."""

    search_ready = Signal()

    page_changed = Signal(str)

    arguments_handled = Signal()

    def __init__(self, *, userdata: UserData | None = None, settings: QSettings | None = None,
                 region: str | None = None, glossary: Glossary | None = None, start_search: bool = True,
                 defer: bool = False):
        """``defer=True`` (the app's start-up) paints the window first and builds the side panel and the
        term, results and crisis pages right after the first paint; tests build everything at once."""
        super().__init__()
        self.setWindowTitle("Brain & Body Glossary")
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self.userdata = userdata or UserData()
        self.settings = settings or settings_for(self.userdata.folder, self.userdata.notices)
        self.userdata.private = _as_bool(self.settings.value("private", False))
        # A missing or damaged categories.yaml never stops the window: the built-in six stand in, and the
        # notice (shown right after the first paint) names the file.
        self.categories, problem = categories_or_fallback()
        self._content_notice = (f"{problem.split(': ', 1)[0]} could not be used ({problem.split(': ', 1)[-1]}); "
                                "the built-in list of categories is shown. Run 'brain-glossary check' for "
                                "details.") if problem else ""
        self.glossary: Glossary | None = None
        self.titles: dict[str, str] = {}
        self.search_status_message = ""
        self.ready = False
        self.location = Location("home")
        self.back_stack: list[Location] = []
        self.forward_stack: list[Location] = []
        self._seq = 0
        self.last_results = None
        self.theme_choice = str(self.settings.value("theme", "system"))
        # Before the first paint the system theme is read from the palette only (theme.system_prefers_dark).
        self.resolved_theme = theme.resolve(self.theme_choice, exact=not defer)
        self.colors = theme.colors_for(self.resolved_theme)
        self.region = crisis.get_region(region or str(self.settings.value("region", "")) or _locale_region())

        self.pages_built = False
        self._start_search = start_search
        self._build_ui()
        self._build_toolbar()
        self.installEventFilter(self)  # mouse back/forward buttons (and, when deferred, the first paint)
        self._restore_geometry()
        self._apply_theme()
        self.show_home(record=False, focus=False)
        self._search: SearchThread | None = None  # made on first use (after the first paint)
        self._closed = False
        if glossary is not None:
            self.set_glossary(glossary)
        if defer:
            self._painted = False
            QTimer.singleShot(400, self.finish_startup)  # in case the window is never painted
        else:
            self.finish_startup()

    def finish_startup(self) -> None:
        """Build what the first paint does not show, then start the search thread (once)."""
        if getattr(self, "_finished", False):
            return
        self._finished = True
        self._ensure_pages()
        if self._content_notice and self.glossary is None:
            self.show_notice(self._content_notice)  # the glossary's own notice repeats it once it has loaded
        self._follow_system_theme()  # the desktop's colour scheme may disagree with its palette
        from PySide6.QtGui import QGuiApplication

        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):  # the desktop switches light/dark while the app runs
            hints.colorSchemeChanged.connect(self._color_scheme_changed)
            self._watching_scheme = True
        if self._start_search:
            # The window never waits for the term files or the index: they load on the search thread.
            QTimer.singleShot(0, self._start_search_thread)

    def _build_ui(self) -> None:
        self.crisis_panel = CrisisPanel(self.region)
        self.crisis_panel.resources_requested.connect(self.show_crisis)
        top = TopArea()
        self.top_area = top
        top_layout = top.layout()
        self.menu_bar = self.menuBar()
        self.menu_bar.setAccessibleName("Menu bar")
        self.menu_bar.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        top_layout.addWidget(self.menu_bar)
        top_layout.addWidget(self.crisis_panel)
        # The menu widget sits above every toolbar and the content: the crisis panel is always on top.
        self.setMenuWidget(top)

        self.toolbar = QToolBar("Search and navigation")
        self.toolbar.setObjectName("MainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.toggleViewAction().setEnabled(False)
        self.addToolBar(self.toolbar)  # the top area

        central = QWidget()
        self.setCentralWidget(central)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.notice = QLabel("")
        self.notice.setObjectName("Notice")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Notice")
        self.notice.setContentsMargins(10, 4, 10, 4)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.splitter = QSplitter()  # horizontal
        self.stack = QStackedWidget()
        self.home_browser = PageBrowser("Home page")
        self.home_browser.link.connect(self._link)
        self.stack.addWidget(self.home_browser)
        self.splitter.addWidget(self.stack)
        self.splitter.setChildrenCollapsible(True)
        layout.addWidget(self.splitter, 1)

        self.search_field = SearchField(overlay_parent=self)
        self.search_field.query_changed.connect(self._query_changed)
        self.search_field.open_term.connect(lambda slug: self.open_term(slug, highlight=self._words()))
        self.search_field.show_results.connect(lambda q: self.show_results(q))
        self.search_field.leave.connect(self.focus_page)
        self.search_field.page_key.connect(self._page_key)
        self.home_browser.typed.connect(self._type_to_search)
        self.home_browser.typing_starts_search = True

    def _ensure_pages(self) -> None:
        """The side panel and the results, term and crisis pages (not needed for the first paint)."""
        if self.pages_built:
            return
        self._build_actions()
        self.pages_built = True
        from desktop_app.gui.browse_panel import BrowsePanel
        from desktop_app.gui.term_view import TermView

        self.browse = BrowsePanel()
        self.browse.open_term.connect(lambda slug: self.open_term(slug, focus=False))  # the list keeps focus
        self.browse.leave.connect(self.focus_page)
        self.browse.remove_bookmark.connect(self.remove_bookmark)
        self.results_widget, self.category_filter, self.results_browser, results_find = self._page_with_choice(
            "Category:", "Limit results to a category",
            [("All categories", ""), *((c.name, c.name) for c in self.categories)], "Search results")
        self.category_filter.activated.connect(self._category_changed)
        self.term_view = TermView()
        self.term_view.browser.link.connect(self._link)
        self.term_view.note.save_requested.connect(self._save_note)
        self.term_view.browser.typed.connect(self._type_to_search)
        self.term_view.browser.typing_starts_search = True
        self.crisis_widget, self.region_combo, self.crisis_browser, crisis_find = self._page_with_choice(
            "Region:", "Region for crisis lines", [(r.name, r.code) for r in crisis.load_regions().values()],
            "Crisis resources page")
        self.region_combo.activated.connect(lambda i: self.set_region(self.region_combo.itemData(i)))
        for w in (self.results_widget, self.term_view, self.crisis_widget):
            self.stack.addWidget(w)
        self.find_bars = {"term": self.term_view.find_bar, "results": results_find, "crisis": crisis_find}
        for bar in self.find_bars.values():
            bar.closed.connect(self.focus_page)
        self.splitter.insertWidget(0, self.browse)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        side = self.browse.preferred_width()
        self.splitter.setSizes([side, max(300, self.width() - side)])

        splitter = self.settings.value("splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        self.set_zoom(self.zoom_steps, save=False)
        if getattr(self, "_narrow", False) or not _as_bool(self.settings.value("side_panel", True)):
            self.browse.hide()
            self.act_side.setChecked(False)
        if self.glossary is not None:
            self._fill_lists()
        self._set_tab_order()
        self._apply_focus_rings()
        self._update_actions()

    def _page_with_choice(self, label: str, accessible: str, items: list[tuple[str, str]],
                          browser_name: str) -> tuple[QWidget, QComboBox, PageBrowser, FindBar]:
        """A page browser under a labelled drop-down (the results page's category, the crisis page's region),
        with its find bar under it."""
        from PySide6.QtWidgets import QComboBox, QHBoxLayout

        from desktop_app.gui.term_view import FindBar

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.setContentsMargins(8, 4, 8, 0)
        combo = QComboBox()
        combo.setAccessibleName(accessible)
        for text, data in items:
            combo.addItem(text, data)
        caption = QLabel(label)
        caption.setBuddy(combo)
        row.addWidget(caption)
        row.addWidget(combo)
        row.addStretch(1)
        layout.addLayout(row)
        browser = PageBrowser(browser_name)
        browser.link.connect(self._link)
        browser.typed.connect(self._type_to_search)
        browser.typing_starts_search = True
        layout.addWidget(browser, 1)
        find_bar = FindBar()
        find_bar.attach(browser)
        layout.addWidget(find_bar)
        return page, combo, browser, find_bar

    def eventFilter(self, obj, event) -> bool:  # Qt override
        if obj is self and event.type() == QEvent.Type.Paint and not getattr(self, "_painted", True):
            self._painted = True
            QTimer.singleShot(0, self.finish_startup)
        if event.type() == QEvent.Type.MouseButtonPress:
            from PySide6.QtCore import Qt

            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        return super().eventFilter(obj, event)

    def mousePressEvent(self, event) -> None:  # Qt override
        from PySide6.QtCore import Qt

        if event.button() == Qt.MouseButton.BackButton:
            self.go_back()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.go_forward()
        else:
            super().mousePressEvent(event)

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(1100, 760)
        self.set_zoom(_as_int(self.settings.value("zoom", 0)), save=False)

    def save_state(self) -> None:
        if not self.pages_built:
            return
        self.term_view.note.flush()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.sync()

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        if not getattr(self, "_focus_given", False):
            self._focus_given = True
            self.search_field.setFocus()  # typing goes to the search at start (no argument: no Qt namespace)

    def closeEvent(self, event) -> None:  # Qt override
        self.save_state()
        self._closed = True
        if getattr(self, "_watching_scheme", False):
            from PySide6.QtGui import QGuiApplication

            self._watching_scheme = False
            QGuiApplication.styleHints().colorSchemeChanged.disconnect(self._color_scheme_changed)
        self.stop_search()
        restore_app_font()
        super().closeEvent(event)

    def set_glossary(self, glossary: Glossary) -> None:
        from desktop_app.content.loader import incoming_links

        self.glossary = glossary
        self.titles = {s: t.title for s, t in glossary.terms.items()}
        self.incoming = incoming_links(glossary.terms)
        if self.pages_built:
            self._fill_lists()
        notices = self.userdata.take_notices()
        notices += getattr(glossary, "file_notices", [])
        if glossary.skipped:
            names = ", ".join(sorted(glossary.skipped)[:5])
            more = "" if len(glossary.skipped) <= 5 else f" and {len(glossary.skipped) - 5} more"
            notices.append(f"{len(glossary.skipped)} term file(s) could not be loaded and were skipped: {names}{more}. "
                           "Run 'brain-glossary check' for details.")
            import sys

            for name, problems in glossary.skipped.items():
                for p in problems:
                    print(f"warning: skipped {name}: {p}", file=sys.stderr)
        if notices:
            self.show_notice(" ".join(notices))
        self._rerender()
        if any(getattr(self, "_pending_open", ())):
            self._open_pending()

    def _fill_lists(self) -> None:
        assert self.glossary is not None
        self.browse.set_terms(self.glossary.by_category(), self.titles)
        self._refresh_lists()
        if self.location.view == "term":
            self.browse.select_term(self.location.slug)

    def show_notice(self, text: str) -> None:
        """The message strip: always plain text (it names files, slugs and messages about their contents)."""
        from desktop_app.gui.safe_text import plain_label

        plain_label(self.notice)
        self.notice.setText(text)
        self.notice.setVisible(bool(text))



def _locale_region() -> str:
    from PySide6.QtCore import QLocale

    loc = QLocale.system()
    territory = QLocale.territoryToCode(loc.territory())
    return crisis.region_for_country(territory)



def _as_bool(value) -> bool:
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)



def _as_int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
