"""The main window: it only builds widgets and wires signals; the work happens in the core and workers.

Nothing that runs before the first paint uses the ``Qt`` namespace: its first use creates ~100 enum types
(about 20 ms, a fifth of a bare window's start-up), so methods that need it import it when they run.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QByteArray, QEvent, QPoint, QSettings, QTimer, QUrl, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.content import crisis
from desktop_app.content.categories import categories_or_fallback
from desktop_app.gui import theme
from desktop_app.gui.crisis_panel import CrisisPanel, TopArea
from desktop_app.gui.dialogs import ask_open_path, ask_save_path, show_error  # replaceable in tests
from desktop_app.gui.page_browser import PageBrowser
from desktop_app.gui.search_bar import SearchField
from desktop_app.render import term_html
from desktop_app.userdata.store import UserData

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox

    from desktop_app.content.loader import Glossary
    from desktop_app.content.model import Term
    from desktop_app.gui.workers import SearchThread

MIN_WIDTH, MIN_HEIGHT = 360, 420


class Location(NamedTuple):
    """One place in the back/forward history (a NamedTuple: dataclasses wait until after the first paint)."""

    view: str  # "home" | "term" | "results" | "crisis"
    slug: str = ""
    anchor: str = ""
    query: str = ""
    category: str = ""
    highlight: tuple[str, ...] = ()
    every_result: bool = False  # the results page shows every match, not the best RESULTS_LIMIT

RESULTS_LIMIT = 50  # results shown at first; "show them all" lists every match


def confirm_external(parent: QWidget, url: str) -> bool:
    """Ask before leaving the app for a web page (tests replace this function)."""
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.gui.safe_text import message_box

    box = message_box(parent, "question", "Open in your web browser?",
                      "This link leaves Brain & Body Glossary and opens a web page in your browser.", url)
    if isinstance(parent, MainWindow):
        parent.place_dialog(box)
    box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Open


def open_external(url: str) -> None:
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl(url))


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


class MainWindow(QMainWindow):
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
        self.show_home(record=False)
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

    def _start_search_thread(self) -> None:
        if not self._closed:  # closed before this timer fired: no thread that nothing would stop
            self.search.service.start(self.glossary)

    def _follow_system_theme(self) -> None:
        if self.theme_choice == "system" and theme.resolve("system") != self.resolved_theme:
            self.set_theme("system")

    def _color_scheme_changed(self, _scheme) -> None:
        if not self._closed:
            self._follow_system_theme()

    @property
    def search(self) -> SearchThread:
        """The search thread and its service, made on first use: the first paint does not wait for them."""
        if self._search is None:
            if self._closed:
                raise RuntimeError("the window is closed: its search thread has been stopped")
            from desktop_app.gui.workers import SearchThread

            self._search = SearchThread()
            svc = self._search.service
            svc.glossary_loaded.connect(self.set_glossary)
            svc.ready.connect(self._search_ready)
            svc.failed.connect(self._search_failed)
            svc.suggestions.connect(self._got_suggestions)
            svc.results.connect(self._got_results)
        return self._search

    def stop_search(self) -> None:
        if self._search is not None:
            self._search.stop()

    # ------------------------------------------------------------------ construction
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
        self.search_field.leave.connect(lambda: self.stack.currentWidget().setFocus())

    def _ensure_pages(self) -> None:
        """The side panel and the results, term and crisis pages (not needed for the first paint)."""
        if self.pages_built:
            return
        self._build_actions()
        self.pages_built = True
        from desktop_app.gui.browse_panel import BrowsePanel
        from desktop_app.gui.term_view import TermView

        self.browse = BrowsePanel()
        self.browse.open_term.connect(lambda slug: self.open_term(slug))
        self.results_widget, self.category_filter, self.results_browser = self._page_with_choice(
            "Category:", "Limit results to a category",
            [("All categories", ""), *((c.name, c.name) for c in self.categories)], "Search results")
        self.category_filter.activated.connect(self._category_changed)
        self.term_view = TermView()
        self.term_view.browser.link.connect(self._link)
        self.term_view.note.save_requested.connect(self._save_note)
        self.crisis_widget, self.region_combo, self.crisis_browser = self._page_with_choice(
            "Region:", "Region for crisis lines", [(r.name, r.code) for r in crisis.load_regions().values()],
            "Crisis resources page")
        self.region_combo.activated.connect(lambda i: self.set_region(self.region_combo.itemData(i)))
        for w in (self.results_widget, self.term_view, self.crisis_widget):
            self.stack.addWidget(w)
        self.splitter.insertWidget(0, self.browse)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        side = self.browse.preferred_width()
        self.splitter.setSizes([side, max(300, self.width() - side)])

        splitter = self.settings.value("splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        self.set_zoom(self.zoom_steps, save=False)
        if getattr(self, "_narrow", False):
            self.browse.hide()
            self.act_side.setChecked(False)
        if self.glossary is not None:
            self._fill_lists()
        self._update_actions()

    def _act(self, text: str, slot, shortcuts=(), name: str | None = None, checkable: bool = False) -> QAction:
        a = QAction(text, self)
        a.setCheckable(checkable)
        a.triggered.connect(slot)
        tip = _label(text)
        a.setToolTip(tip)
        a.setStatusTip(tip)
        a.setObjectName(name or tip)
        self._set_shortcuts(a, shortcuts)
        self.addAction(a)
        return a

    @staticmethod
    def _set_shortcuts(a: QAction, shortcuts) -> None:
        """The action's shortcuts, the first one named in its tooltip and status tip."""
        if not shortcuts:
            return
        from PySide6.QtGui import QKeySequence  # its enums cost ~1 ms: not before the first paint

        keys: list[QKeySequence] = []
        for sc in shortcuts:
            k = QKeySequence(sc)
            if not k.isEmpty() and k not in keys:
                keys.append(k)
        a.setShortcuts(keys)
        first = QKeySequence(shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)
        tip = f"{_label(a.text())} ({first})"
        a.setToolTip(tip)
        a.setStatusTip(tip)

    def _build_toolbar(self) -> None:
        """What the first paint shows: the menu titles, the navigation buttons and the search field."""
        act = self._act
        # Their shortcuts are set right after the first paint (_build_actions).
        self.act_back = act("&Back", self.go_back, (), "back")
        self.act_forward = act("&Forward", self.go_forward, (), "forward")
        self.act_home = act("&Home", lambda: self.show_home(), (), "home")
        m = self.menu_bar
        self.menus = {key: m.addMenu(title) for key, title in (
            ("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("go", "&Go"), ("settings", "&Settings"),
            ("help", "&Help"))}
        tb = self.toolbar
        # Arrow characters rather than QStyle's standard icons: loading QStyle's icon enums costs ~12 ms
        # before the first paint. Each button keeps its full accessible name and tooltip.
        for a, symbol in ((self.act_back, "←"), (self.act_forward, "→"), (self.act_home, "⌂")):
            a.setIconText(symbol)
            tb.addAction(a)
            w = tb.widgetForAction(a)
            if w is not None:  # no icon: the button shows its icon text
                font = w.font()
                font.setPointSizeF(font.pointSizeF() * 1.4)
                w.setFont(font)
        self.search_field.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.search_field.setMinimumWidth(150)
        tb.addWidget(self.search_field)
        self.act_back.setEnabled(False)
        self.act_forward.setEnabled(False)

    def _page_with_choice(self, label: str, accessible: str, items: list[tuple[str, str]],
                          browser_name: str) -> tuple[QWidget, QComboBox, PageBrowser]:
        """A page browser under a labelled drop-down (the results page's category, the crisis page's region)."""
        from PySide6.QtWidgets import QComboBox, QHBoxLayout

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
        layout.addWidget(browser, 1)
        return page, combo, browser

    def _build_actions(self) -> None:
        """Every other action, the menus' contents and the rest of the toolbar (right after the first paint)."""
        if hasattr(self, "act_print"):
            return
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QActionGroup

        self.crisis_panel.enable_keyboard_links()
        from PySide6.QtGui import QKeySequence

        self._set_shortcuts(self.act_back, ["Alt+Left", QKeySequence.StandardKey.Back])
        self._set_shortcuts(self.act_forward, ["Alt+Right", QKeySequence.StandardKey.Forward])
        self._set_shortcuts(self.act_home, ["Alt+Home"])
        # The toolbar and its buttons cannot be hidden from a context menu.
        self.toolbar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        act = self._act
        self.act_random = act("&Random term", self.open_random, ["Ctrl+R"], "random")
        self.act_search = act("&Search", self.focus_search, ["Ctrl+K", "Ctrl+L", "F6", "/"], "focus-search")
        self.act_results = act("Show all &results", self._results_for_field, [], "results")
        self.act_crisis = act("&Crisis resources", self.show_crisis, ["F1", "Ctrl+Shift+E"], "crisis")
        self.act_bookmark = act("&Bookmark this term", self.toggle_bookmark, ["Ctrl+D"], "bookmark", checkable=True)
        self.act_bookmarks = act("Show &bookmarks", lambda: self._show_tab(2), ["Ctrl+Shift+B"], "bookmarks")
        self.act_history = act("Show &history", lambda: self._show_tab(3), ["Ctrl+H"], "history")
        self.act_private = act("&Private mode (record no history)", self.set_private, [], "private", checkable=True)
        self.act_private.setChecked(self.userdata.private)
        self.act_clear_history = act("&Clear history…", self.clear_history, [], "clear-history")
        self.act_find = act("&Find in page", self.open_find, [QKeySequence.StandardKey.Find], "find")
        self.act_find_next = act("Find &next", lambda: self.term_view.find_bar.find_next(), ["F3"], "find-next")
        self.act_find_prev = act("Find &previous", lambda: self.term_view.find_bar.find_previous(),
                                 ["Shift+F3"], "find-previous")
        self.act_cite = act("Copy &citation (APA 7)", self.copy_citation, ["Ctrl+Shift+C"], "cite")
        self.act_zoom_in = act("Zoom &in", self.zoom_in, ["Ctrl++", "Ctrl+="], "zoom-in")
        self.act_zoom_out = act("Zoom &out", self.zoom_out, ["Ctrl+-"], "zoom-out")
        self.act_zoom_reset = act("&Reset zoom", self.zoom_reset, ["Ctrl+0"], "zoom-reset")
        self.act_side = act("Side &panel", self.toggle_side_panel, ["F9"], "side-panel", checkable=True)
        self.act_side.setChecked(True)
        self.act_note = act("Edit my &note", self.focus_note, ["Ctrl+Shift+N"], "note")
        self.act_print = act("&Print…", self.print_current, [QKeySequence.StandardKey.Print], "print")
        self.act_preview = act("Print pre&view…", self.preview_current, ["Ctrl+Shift+P"], "preview")
        self.act_pdf = act("&Export as PDF…", self.export_current_pdf, ["Ctrl+E"], "export-pdf")
        self.act_handout = act("&Handout of several terms…", self.open_handout, ["Ctrl+Shift+H"], "handout")
        self.act_study = act("&Study…", self.open_study, ["Ctrl+Shift+S"], "study")  # then Enter: a session
        self.act_export_bm = act("Export bookmarks…", self.export_bookmarks, [], "export-bookmarks")
        self.act_import_bm = act("Import bookmarks…", self.import_bookmarks, [], "import-bookmarks")
        self.act_export_notes = act("Export notes…", self.export_notes, [], "export-notes")
        self.act_shortcuts = act("&Keyboard shortcuts", self.show_shortcuts, ["Ctrl+/"], "shortcuts")
        self.act_about = act("&About", self.show_about, [], "about")
        self.act_about_qt = act("About &Qt", self.show_about_qt, [], "about-qt")
        self.act_quit = act("&Quit", self.close, [QKeySequence.StandardKey.Quit], "quit")

        f = self.menus["file"]
        for a in (self.act_print, self.act_preview, self.act_pdf, self.act_handout):
            f.addAction(a)
        sm = f.addMenu("&Sheet to print")
        self.sheet_group = QActionGroup(self)
        self.sheet_actions: dict[str, QAction] = {}
        for kind, label in (("full", "&Full sheet (every section)"), ("summary", "&One-page summary (for patients)")):
            a = QAction(label, self, checkable=True)
            a.setObjectName(f"sheet-{kind}")
            a.setChecked(kind == self.sheet_kind)
            a.triggered.connect(lambda _=False, k=kind: self.set_sheet_kind(k))
            self.sheet_group.addAction(a)
            sm.addAction(a)
            self.sheet_actions[kind] = a
        f.addSeparator()
        for a in (self.act_export_bm, self.act_import_bm, self.act_export_notes):
            f.addAction(a)
        f.addSeparator()
        f.addAction(self.act_quit)
        e = self.menus["edit"]
        for a in (self.act_search, self.act_find, self.act_find_next, self.act_find_prev, self.act_cite, self.act_note):
            e.addAction(a)
        v = self.menus["view"]
        for a in (self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset, self.act_side):
            v.addAction(a)
        tm = v.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for choice, label in (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")):
            a = QAction(label, self, checkable=True)
            a.setObjectName(f"theme-{choice}")
            a.setChecked(choice == self.theme_choice)
            a.triggered.connect(lambda _=False, c=choice: self.set_theme(c))
            self.theme_group.addAction(a)
            tm.addAction(a)
            self.theme_actions[choice] = a
        g = self.menus["go"]
        for a in (self.act_back, self.act_forward, self.act_home, self.act_random, self.act_bookmark,
                  self.act_bookmarks, self.act_history, self.act_study):
            g.addAction(a)
        s = self.menus["settings"]
        rm = s.addMenu("Crisis &region")
        self.region_group = QActionGroup(self)
        self.region_actions: dict[str, QAction] = {}
        for r in crisis.load_regions().values():
            a = QAction(r.name, self, checkable=True)
            a.setObjectName(f"region-{r.code}")
            a.setChecked(r.code == self.region.code)
            a.triggered.connect(lambda _=False, c=r.code: self.set_region(c))
            self.region_group.addAction(a)
            rm.addAction(a)
            self.region_actions[r.code] = a
        s.addAction(self.act_private)
        s.addAction(self.act_clear_history)
        h = self.menus["help"]
        h.addAction(self.act_crisis)
        h.addAction(self.act_shortcuts)
        h.addAction(self.act_about)
        h.addAction(self.act_about_qt)

        tb = self.toolbar
        for a in (self.act_bookmark, self.act_print, self.act_handout, self.act_study, self.act_crisis):
            tb.addAction(a)
        for a in (self.act_back, self.act_forward, self.act_home, self.act_bookmark, self.act_print,
                  self.act_handout, self.act_study, self.act_crisis):
            w = tb.widgetForAction(a)
            if w is not None:
                w.setAccessibleName(a.toolTip())
                w.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._update_actions()

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

    # ------------------------------------------------------------------ state
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

    NARROW = 700

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        narrow = self.width() < self.NARROW
        if narrow != getattr(self, "_narrow", False):
            self._narrow = narrow
            # In a narrow window the page gets the width; F9 still shows the side panel.
            if not self.pages_built:
                pass  # _ensure_pages applies the narrow layout
            elif narrow:
                self._side_before_narrow = self.browse.isVisible() or not self.isVisible()
                self.browse.hide()
                self.act_side.setChecked(False)
            elif getattr(self, "_side_before_narrow", True):
                self.toggle_side_panel(True)
        if self.search_field.list_shown():
            self.search_field.place_list()
        if self.location.view == "home" and self._home_columns() != getattr(self, "_home_rendered_columns", 2):
            self._render_home(keep_random=True)

    def closeEvent(self, event) -> None:  # Qt override
        self.save_state()
        self._closed = True
        if getattr(self, "_watching_scheme", False):
            from PySide6.QtGui import QGuiApplication

            self._watching_scheme = False
            QGuiApplication.styleHints().colorSchemeChanged.disconnect(self._color_scheme_changed)
        self.stop_search()
        super().closeEvent(event)

    # ------------------------------------------------------------------ glossary and search
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

    # ------------------------------------------------------------------ a second launch's arguments
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

    def _search_ready(self, status) -> None:
        self.ready = True
        msg = getattr(status, "message", "") or ""
        if msg and getattr(status, "rebuilt", False):
            self.search_status_message = msg
            self.statusBar().showMessage(msg, 8000)
        self.search_ready.emit()
        if self.search_field.text().strip():
            self._query_changed(self.search_field.text())

    def _search_failed(self, message: str) -> None:
        self.search_status_message = message
        self.show_notice(message + " You can still browse every term from the side panel.")

    def show_notice(self, text: str) -> None:
        """The message strip: always plain text (it names files, slugs and messages about their contents)."""
        from desktop_app.gui.safe_text import plain_label

        plain_label(self.notice)
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _query_changed(self, text: str) -> None:
        if not text.strip() or self._closed:
            return
        self._seq += 1
        self.search.service.request("suggest", self._seq, text, {"limit": 8})

    def _got_suggestions(self, seq: int, text: str, suggestions) -> None:
        self.search_field.show_suggestions(text, list(suggestions))

    def _words(self) -> tuple[str, ...]:
        return _query_words(self.search_field.text())

    def _results_for_field(self) -> None:
        if self.search_field.text().strip():
            self.show_results(self.search_field.text().strip())

    # ------------------------------------------------------------------ navigation
    def _go(self, loc: Location, record: bool = True) -> None:
        if loc.view != "home":
            self._ensure_pages()
        if record and loc != self.location:
            self.back_stack.append(self.location)
            del self.back_stack[:-100]
            self.forward_stack.clear()
        if self.location.view == "term" and loc.slug != self.location.slug and self.pages_built:
            self.term_view.note.flush()
        self.location = loc
        self._render(loc)
        self._update_actions()
        self.page_changed.emit(loc.view)

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

    def show_home(self, record: bool = True) -> None:
        self._go(Location("home"), record)

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

    def open_term(self, slug: str, anchor: str = "", highlight: tuple[str, ...] = (), record: bool = True) -> bool:
        if not self.glossary or slug not in self.glossary.terms:
            self.statusBar().showMessage(f"“{slug}” is not in the glossary.", 5000)
            return False
        self._go(Location("term", slug=slug, anchor=anchor, highlight=tuple(highlight)), record)
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
        self.setWindowTitle(f"{term.title} · Brain & Body Glossary")
        if loc.anchor:
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

    def _category_changed(self, index: int) -> None:
        if self.location.view == "results":
            cat = self.category_filter.itemData(index) or ""
            self._go(Location("results", query=self.location.query, category=cat), record=False)

    def show_crisis(self) -> None:
        self._go(Location("crisis"))

    def go_back(self) -> None:
        if self.back_stack:
            self.forward_stack.append(self.location)
            self._go(self.back_stack.pop(), record=False)

    def go_forward(self) -> None:
        if self.forward_stack:
            self.back_stack.append(self.location)
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

    # ------------------------------------------------------------------ features
    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def toggle_bookmark(self) -> None:
        if self.location.view != "term":
            self.act_bookmark.setChecked(False)
            self.statusBar().showMessage("Open a term to bookmark it.", 4000)
            return
        now = self.userdata.toggle_bookmark(self.location.slug)
        self._update_actions()
        self.statusBar().showMessage("Bookmarked." if now else "Bookmark removed.", 3000)
        self._refresh_lists()
        self._flush_notices()

    def set_private(self, on: bool) -> None:
        self.userdata.private = bool(on)
        self._build_actions()
        self.act_private.setChecked(bool(on))
        self.settings.setValue("private", bool(on))
        self._refresh_lists()

    def clear_history(self, confirm: bool = True) -> None:
        from PySide6.QtWidgets import QMessageBox

        if confirm and QMessageBox.question(self, "Clear history", "Forget every term you have viewed?") \
                != QMessageBox.StandardButton.Yes:
            return
        self.userdata.clear_history()
        self._refresh_lists()
        self.statusBar().showMessage("History cleared.", 3000)

    def _refresh_lists(self) -> None:
        if not self.pages_built:
            return
        self.browse.set_bookmarks(self.userdata.bookmarks, self.titles)
        self.browse.set_history(self.userdata.history, self.titles, self.userdata.private)

    def _flush_notices(self) -> None:
        notices = self.userdata.take_notices()
        if notices:
            self.show_notice(" ".join(notices))

    def _save_note(self, slug: str, text: str) -> None:
        ok = self.userdata.set_note(slug, text)
        self.term_view.note.status.setText("Saved." if ok else "Not saved: see the notice above.")
        self._flush_notices()

    def focus_note(self) -> None:
        if self.location.view == "term":
            self.term_view.show_note()

    def open_find(self) -> None:
        if self.location.view == "term":
            self.term_view.find_bar.open_bar()

    def copy_citation(self) -> str:
        if self.location.view != "term" or not self.glossary:
            return ""
        term = self.glossary.terms[self.location.slug]
        text = term_html.apa_citation(term, content_version=self.glossary.content_version, app_version=__version__,
                                      retrieved=dt.date.today())
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage("Citation copied: " + text, 6000)
        return text

    def set_zoom(self, steps: int, save: bool = True) -> None:
        browsers = [self.home_browser]
        if self.pages_built:
            browsers += [self.results_browser, self.term_view.browser, self.crisis_browser]
        if hasattr(self, "shortcuts_browser"):
            browsers.append(self.shortcuts_browser)
        for b in browsers:
            b.apply_zoom(steps)
        self.zoom_steps = self.home_browser.zoom_steps
        if save:
            self.settings.setValue("zoom", self.zoom_steps)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom_steps + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom_steps - 1)

    def zoom_reset(self) -> None:
        self.set_zoom(0)

    def set_theme(self, choice: str) -> None:
        if choice not in theme.THEMES:
            return
        self.theme_choice = choice
        self.settings.setValue("theme", choice)
        self.resolved_theme = theme.resolve(choice)
        self.colors = theme.colors_for(self.resolved_theme)
        self._apply_theme()
        if hasattr(self, "theme_actions"):
            self.theme_actions[choice].setChecked(True)
        self._rerender()

    def _apply_theme(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, self.resolved_theme)
        self.crisis_panel.set_colors(*theme.crisis_colors(self.resolved_theme))

    def set_region(self, code: str) -> None:
        self.region = crisis.get_region(code)
        self.settings.setValue("region", self.region.code)
        self.crisis_panel.set_region(self.region)
        if self.region.code in getattr(self, "region_actions", {}):
            self.region_actions[self.region.code].setChecked(True)
        if self.location.view in ("crisis", "term"):  # term text names the region's numbers
            self._rerender()

    def toggle_side_panel(self, on: bool | None = None) -> None:
        self._ensure_pages()
        visible = (not self.browse.isVisible()) if on is None else bool(on)
        self.browse.setVisible(visible)
        self.act_side.setChecked(visible)

    def _show_tab(self, index: int) -> None:
        self.toggle_side_panel(True)
        self.browse.tabs.setCurrentIndex(index)
        self.browse.tabs.currentWidget().setFocus()

    def _update_actions(self) -> None:
        if not hasattr(self, "act_print"):  # before the first paint's follow-up builds the actions
            if hasattr(self, "act_back"):
                self.act_back.setEnabled(bool(self.back_stack))
                self.act_forward.setEnabled(bool(self.forward_stack))
            return
        self.act_back.setEnabled(bool(self.back_stack))
        self.act_forward.setEnabled(bool(self.forward_stack))
        on_term = self.location.view == "term"
        marked = on_term and self.userdata.is_bookmarked(self.location.slug)
        self.act_bookmark.setChecked(marked)
        # The toolbar button says which state it is in, not only by looking pressed.
        self.act_bookmark.setIconText("★ Bookmarked" if marked else "☆ Bookmark this term")
        for a in (self.act_bookmark, self.act_print, self.act_preview, self.act_pdf, self.act_cite, self.act_note):
            a.setEnabled(on_term)

    # ------------------------------------------------------------------ print, export, about
    def _current_terms(self) -> list[Term]:
        if self.location.view == "term" and self.glossary:
            return [self.glossary.terms[self.location.slug]]
        return []

    def print_current(self) -> None:
        self._print_with("print_dialog")

    def preview_current(self) -> None:
        self._print_with("print_preview")

    @property
    def sheet_kind(self) -> str:
        """'full' or 'summary': what Print, Preview and Export produce for the open term (File > Sheet)."""
        kind = str(self.settings.value("print/sheet", "full"))
        return kind if kind in ("full", "summary") else "full"

    def set_sheet_kind(self, kind: str) -> None:
        self.settings.setValue("print/sheet", kind if kind in ("full", "summary") else "full")
        if kind in getattr(self, "sheet_actions", {}):
            self.sheet_actions[kind].setChecked(True)

    def _print_with(self, function: str) -> None:
        """Print or preview the current term; a failure is shown in the notice strip."""
        terms = self._current_terms()
        if terms:
            from desktop_app.gui import printing

            try:
                getattr(printing, function)(self, terms, self.region, glossary=self.glossary,
                                            sheet_kind=self.sheet_kind)
            except printing.PrintError as exc:
                self.show_notice(str(exc))

    def export_current_pdf(self) -> None:
        terms = self._current_terms()
        if not terms:
            return
        from desktop_app.gui import printing

        kind = self.sheet_kind
        try:  # the page count is shown before the file is chosen (about 20-50 ms for one term)
            pages = printing.build_layout(terms, paper=None, region=self.region, glossary=self.glossary,
                                          sheet_kind=kind).page_count
        except printing.PrintError as exc:
            self.show_notice(f"Could not export the PDF: {exc}")
            return
        what = "one-page summary" if kind == "summary" else "full sheet"
        suffix = "-summary" if kind == "summary" else ""
        path = ask_save_path(self, f"Export as PDF: {what}, {pages} page{'s' if pages != 1 else ''}",
                             f"{terms[0].slug}{suffix}.pdf", "PDF files (*.pdf)")
        if not path:
            return
        try:
            report = printing.export_pdf(terms, Path(path), paper=None, region=self.region, glossary=self.glossary,
                                         sheet_kind=kind)
        except printing.PrintError as exc:
            self.show_notice(f"Could not export the PDF: {exc}")
            return
        self.statusBar().showMessage(f"Saved {path} ({report.pages} pages)", 5000)

    def open_handout(self) -> None:
        if not self.glossary:
            return
        from desktop_app.gui.handout_dialog import HandoutDialog

        initial: list[str] = []
        if self.location.view == "results" and self.last_results is not None:
            initial = [h.slug for h in self.last_results.hits]
        elif self.location.view == "term":
            initial = [self.location.slug]
        dlg = HandoutDialog(self.glossary, self.region.code, initial_slugs=initial, parent=self,
                            bookmarks=list(self.userdata.bookmarks))
        self.place_dialog(dlg)
        dlg.exec()

    def open_study(self) -> None:
        from desktop_app.gui.study_dialog import open_study  # study mode loads only when it is used

        open_study(self)

    def export_bookmarks(self) -> None:
        path = ask_save_path(self, "Export bookmarks", "bookmarks.json", "Bookmarks (*.json)")
        if path:
            try:
                self.userdata.export_bookmarks(Path(path))
            except OSError as exc:
                show_error(self, "Could not export bookmarks", str(exc))

    def import_bookmarks(self) -> None:
        path = ask_open_path(self, "Import bookmarks", "Bookmarks (*.json)")
        if not path:
            return
        try:
            added, unknown = self.userdata.import_bookmarks(Path(path), known=self.titles)
        except ValueError as exc:
            show_error(self, "Could not import bookmarks", str(exc))
            return
        self._refresh_lists()
        extra = f" {len(unknown)} were not in this glossary." if unknown else ""
        self.statusBar().showMessage(f"Imported {added} bookmark(s).{extra}", 6000)

    def export_notes(self) -> None:
        path = ask_save_path(self, "Export notes", "glossary-notes.md", "Markdown (*.md);;Text (*.txt)")
        if path:
            try:
                self.userdata.export_notes(Path(path), self.titles)
            except OSError as exc:
                show_error(self, "Could not export notes", str(exc))

    def about_text(self) -> str:
        version = self.glossary.content_version if self.glossary else "loading"
        n = len(self.titles)
        return (f"<h2>Brain &amp; Body Glossary</h2><p>Version {__version__} · content {version} ({n} terms)</p>"
                "<p>An offline reference of mental-health terms for clinicians and students. "
                "Educational information, not medical advice.</p>"
                "<p>App licence: MIT. Content licence: CC BY 4.0.</p>"
                "<p>It never uses the network. Links to sources open in your browser only when you choose.</p>"
                + self.licences_html())

    @staticmethod
    def licences_html() -> str:
        """Every licence the app ships under or with (desktop_app/licences.py), and where their texts are."""
        from html import escape

        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        from desktop_app import licences

        rows = []
        for what, spdx in licences.third_party():
            if what.startswith("Qt and"):
                what = f"Qt {qVersion()} and Qt for Python {pyside_version}"
            rows.append(f"<li>{escape(what)}: {escape(spdx)}</li>")
        return ("<p><b>Licences</b></p><ul>"
                f"<li>Brain &amp; Body Glossary program: {licences.APP} (LICENSE)</li>"
                f"<li>Glossary content: {licences.CONTENT} (LICENSE-CONTENT)</li>"
                + "".join(rows) +
                "</ul><p>Qt is used under the LGPL-3.0; Help &gt; About Qt has its details, and the bundle's "
                "licenses/Qt/QT-SOURCE.txt says where its source is. The stand-alone bundle also carries system "
                "libraries (X11/xcb, FreeType, Fontconfig, GLib, ICU, zlib and others), each under its own "
                f"licence. Full texts: {escape(licences.notices_location())}.</p>")

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, "About Brain & Body Glossary", self.about_text(),
                          QMessageBox.StandardButton.Close, self)
        self.place_dialog(box)
        box.exec()

    def show_about_qt(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.aboutQt(self, "About Qt")

    # Keys handled by widgets rather than by menu actions (listed in the keyboard reference).
    WIDGET_KEYS = (
        ("In the search field", (
            ("Move through the suggestions", ("Up", "Down")),
            ("Open the selected (or first) suggestion", ("Enter",)),
            ("Show all results", ("Ctrl+Enter",)),
            ("Close the suggestions, then leave the field", ("Esc",)),
        )),
        ("On a page", (
            ("Follow a link (after Tab moves to it)", ("Enter",)),
            ("Back, forward (mouse)", ("Back button", "Forward button")),
        )),
    )

    def shortcut_groups(self) -> list[tuple[str, list[tuple[str, list[str]]]]]:
        """Every menu command that has a shortcut, by menu, then the keys the widgets handle themselves."""
        from PySide6.QtGui import QKeySequence

        self._ensure_pages()
        groups: list[tuple[str, list[tuple[str, list[str]]]]] = []
        for menu in self.menus.values():
            rows = []
            for a in menu.actions():
                keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts()]
                if keys and not a.isSeparator():
                    rows.append((_label(a.text()), keys))
            groups.append((menu.title().replace("&", ""), rows))
        groups += [(heading, [(what, list(keys)) for what, keys in rows]) for heading, rows in self.WIDGET_KEYS]
        return groups

    def show_shortcuts(self) -> None:
        """The keyboard reference, in a window beside the app (not modal: it can stay open while you work)."""
        from PySide6.QtWidgets import QDialog, QDialogButtonBox

        dialog = getattr(self, "shortcuts_dialog", None)
        if dialog is None:
            dialog = QDialog(self)
            dialog.setObjectName("ShortcutsDialog")
            dialog.setWindowTitle("Keyboard shortcuts · Brain & Body Glossary")
            dialog.setMinimumSize(560, 560)
            layout = QVBoxLayout(dialog)
            self.shortcuts_browser = PageBrowser("Keyboard shortcuts", dialog)
            self.shortcuts_browser.link.connect(self._link)
            layout.addWidget(self.shortcuts_browser, 1)
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            buttons.rejected.connect(dialog.close)
            layout.addWidget(buttons)
            self.shortcuts_dialog = dialog
        self.shortcuts_browser.apply_zoom(self.zoom_steps)
        self.shortcuts_browser.setHtml(term_html.shortcuts_page(self.shortcut_groups(), self.colors))
        self.place_dialog(dialog)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def place_dialog(self, dialog: QWidget) -> None:
        """Open dialogs below the crisis panel, so that a dialog never covers it."""
        dialog.adjustSize()
        panel_bottom = self.crisis_panel.mapToGlobal(QPoint(0, self.crisis_panel.height())).y()
        frame = dialog.frameGeometry()
        centre_x = self.mapToGlobal(QPoint(self.width() // 2, 0)).x()
        x = centre_x - frame.width() // 2
        y = max(panel_bottom + 8, self.mapToGlobal(QPoint(0, (self.height() - frame.height()) // 2)).y())
        dialog.move(x, y)


STOP_WORDS = frozenset({
    "the", "and", "for", "are", "can", "how", "what", "why", "who", "does", "did", "with", "that", "this", "from",
    "your", "you", "their", "into", "about", "when", "which", "was", "were", "has", "have", "had", "not", "but",
    "its", "all", "any", "our", "out",
})


def _label(text: str) -> str:
    """A menu text as plain words: no mnemonic "&", no "…" (tooltips, the keyboard reference)."""
    return text.replace("&", "").replace("…", "")


def _query_words(text: str) -> tuple[str, ...]:
    """The words of a query worth marking in a page (no operators, no short or stop words)."""
    import re

    words = re.findall(r"\w+", re.sub(r"(^|\s)-\S+|\w+:", " ", text))
    return tuple(w for w in words if len(w) > 2 and w.casefold() not in STOP_WORDS)


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
