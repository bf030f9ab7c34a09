"""The window's actions, menus and toolbar, and which of them are enabled.

A part of :class:`~desktop_app.gui.main_window.MainWindow` (one job per module); it works on the
window's widgets, which the window builds. Nothing here runs before the first paint unless named so.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSizePolicy

from desktop_app.content import crisis


def _label(text: str) -> str:
    """A menu text as plain words: no mnemonic "&", no "…" (tooltips, the keyboard reference)."""
    return text.replace("&", "").replace("…", "")



class ActionsMixin:
    """The window's actions, menus and toolbar, and which of them are enabled."""

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

    def _radio_menu(self, menu, prefix: str, choices, current: str, choose):
        """Checkable actions in ``menu``, one per (key, label), exclusive; object names ``prefix-key``.
        Returns the QActionGroup and key -> QAction."""
        from PySide6.QtGui import QAction, QActionGroup

        group = QActionGroup(self)
        actions: dict[str, QAction] = {}
        for key, label in choices:
            a = QAction(label, self, checkable=True)
            a.setObjectName(f"{prefix}-{key}")
            a.setChecked(key == current)
            a.triggered.connect(lambda _=False, k=key: choose(k))
            group.addAction(a)
            menu.addAction(a)
            actions[key] = a
        return group, actions

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

    def _build_actions(self) -> None:
        """Every other action, the menus' contents and the rest of the toolbar (right after the first paint)."""
        if hasattr(self, "act_print"):
            return
        from PySide6.QtCore import Qt

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
        # Through a lambda: triggered(bool checked) would otherwise arrive as confirm=False (issue #16).
        self.act_clear_history = act("&Clear history…", lambda: self.clear_history(), [], "clear-history")
        self.act_find = act("&Find in page", self.open_find, [QKeySequence.StandardKey.Find], "find")
        self.act_find_next = act("Find &next", self.find_next, ["F3"], "find-next")
        self.act_find_prev = act("Find &previous", self.find_previous,
                                 ["Shift+F3"], "find-previous")
        self.act_cite = act("Copy &citation (APA 7)", self.copy_citation, ["Ctrl+Shift+C"], "cite")
        self.act_zoom_in = act("Zoom &in", self.zoom_in, ["Ctrl++", "Ctrl+="], "zoom-in")
        self.act_zoom_out = act("Zoom &out", self.zoom_out, ["Ctrl+-"], "zoom-out")
        self.act_zoom_reset = act("&Reset zoom", self.zoom_reset, ["Ctrl+0"], "zoom-reset")
        self.act_side = act("Side &panel", lambda on: self.toggle_side_panel(on, remember=True), ["F9"],
                            "side-panel", checkable=True)
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
        self.submenus = [sm]
        self.sheet_group, self.sheet_actions = self._radio_menu(
            sm, "sheet", (("full", "&Full sheet (every section)"), ("summary", "&One-page summary (for patients)")),
            self.sheet_kind, self.set_sheet_kind)
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
        self.submenus.append(tm)
        self.theme_group, self.theme_actions = self._radio_menu(
            tm, "theme", (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")),
            self.theme_choice, self.set_theme)
        g = self.menus["go"]
        for a in (self.act_back, self.act_forward, self.act_home, self.act_random, self.act_bookmark,
                  self.act_bookmarks, self.act_history, self.act_study):
            g.addAction(a)
        s = self.menus["settings"]
        rm = s.addMenu("Crisis &region")
        self.submenus.append(rm)
        self.region_group, self.region_actions = self._radio_menu(
            rm, "region", [(r.code, r.name) for r in crisis.load_regions().values()], self.region.code,
            self.set_region)
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
