"""How the window looks: theme, zoom, crisis region, the side panel and the narrow layout.

A part of :class:`~desktop_app.gui.main_window.MainWindow` (one job per module); it works on the
window's widgets, which the window builds. Nothing here runs before the first paint unless named so.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop_app.content import crisis
from desktop_app.gui import theme
from desktop_app.gui.page_browser import ZOOM_MAX, ZOOM_MIN, ZOOM_STEP

_APP_BASE_POINT_SIZE: float | None = None


def restore_app_font() -> None:
    """The application font at 100% again (a closed window leaves no zoom behind for dialogs or windows)."""
    app = QApplication.instance()
    if _APP_BASE_POINT_SIZE is not None and isinstance(app, QApplication):
        font = app.font()
        font.setPointSizeF(_APP_BASE_POINT_SIZE)
        app.setFont(font)


class AppearanceMixin:
    """How the window looks: theme, zoom, crisis region, the side panel and the narrow layout."""

    def _follow_system_theme(self) -> None:
        if self.theme_choice == "system" and theme.resolve("system") != self.resolved_theme:
            self.set_theme("system")

    def _color_scheme_changed(self, _scheme) -> None:
        if not self._closed:
            self._follow_system_theme()

    def set_zoom(self, steps: int, save: bool = True) -> None:
        """Zoom the whole interface: the pages, and the menus, lists, crisis panel, note and dialogs (the
        application font), from 50% to 200%; the level is shown in the status bar and the View menu."""
        self._apply_ui_zoom(max(ZOOM_MIN, min(ZOOM_MAX, steps)))
        browsers = [self.home_browser]
        if self.pages_built:
            browsers += [self.results_browser, self.term_view.browser, self.crisis_browser]
        if hasattr(self, "shortcuts_browser"):
            browsers.append(self.shortcuts_browser)
        for b in browsers:
            b.apply_zoom(steps)
        self.zoom_steps = self.home_browser.zoom_steps
        self._show_zoom_level()
        self._widen_side_panel()
        if save:
            self.settings.setValue("zoom", self.zoom_steps)

    @property
    def zoom_percent(self) -> int:
        return round(100 * (1 + ZOOM_STEP * getattr(self, "zoom_steps", 0)))

    def _apply_ui_zoom(self, steps: int) -> None:
        app = QApplication.instance()
        base = getattr(self, "_ui_base_point_size", None)
        if not isinstance(app, QApplication) or (base is None and steps == 0):
            return  # 100% and never zoomed: nothing to do (nor to pay for before the first paint)
        if base is None:
            global _APP_BASE_POINT_SIZE
            if _APP_BASE_POINT_SIZE is None:  # the application font before any window zoomed it
                _APP_BASE_POINT_SIZE = app.font().pointSizeF()
            base = self._ui_base_point_size = _APP_BASE_POINT_SIZE
            self._toolbar_base_sizes = {}
        factor = 1 + ZOOM_STEP * steps
        class_sizes = self._ui_class_sizes()
        font = app.font()
        font.setPointSizeF(max(6.0, base * factor))
        app.setFont(font)  # dialogs and message boxes
        # Item views and some other classes take their natural font from the platform theme, but a font set
        # on a parent reaches every child: the pages, side panel, note, find bars, toolbar and status bar.
        for w in (self.centralWidget(), self.toolbar, self.statusBar() if hasattr(self, "zoom_label") else None):
            if w is not None:
                w.setFont(font)
        if self.pages_built:  # a widget with a style sheet (the focus ring) does not inherit its parent's font
            for w in (self.browse.az, self.browse.tree, self.browse.bookmarks, self.browse.history):
                w.setFont(font)
        # Menus take their font from the platform theme, not the application font: each gets its own.
        # (self.menu_bar, never self.menuBar(): that would make a new bar and replace the crisis panel's area.)
        menus = [*self.menus.values(), *getattr(self, "submenus", [])]
        for widgets, size in ((menus, class_sizes["QMenu"]),
                              ([self.menu_bar], class_sizes["QMenuBar"])):
            scaled = app.font()
            scaled.setPointSizeF(max(6.0, size * factor))
            for w in widgets:
                w.setFont(scaled)
        self.crisis_panel.set_scale(factor)
        for a in (self.act_back, self.act_forward, self.act_home):  # the arrow buttons have their own size
            w = self.toolbar.widgetForAction(a)
            if w is not None:
                size = self._toolbar_base_sizes.setdefault(a, w.font().pointSizeF() / max(0.5, self._ui_factor))
                f = w.font()
                f.setPointSizeF(size * factor)
                w.setFont(f)
        self._ui_factor = factor

    _ui_factor = 1.0

    def _widen_side_panel(self) -> None:
        """Zoomed in, the side panel grows so that its four tabs still fit (up to half the window)."""
        if not self.pages_built or not self.browse.isVisible():
            return
        sizes = self.splitter.sizes()
        want = min(self.browse.preferred_width(), sum(sizes) // 2)
        if len(sizes) == 2 and sizes[0] < want:
            self.splitter.setSizes([want, sum(sizes) - want])

    def _ui_class_sizes(self) -> dict[str, float]:
        """The menus' own font sizes at 100% (read once, from the menus themselves)."""
        sizes = getattr(self, "_ui_class_base", None)
        if sizes is None:
            from PySide6.QtWidgets import QMenu

            menu = QMenu()
            sizes = self._ui_class_base = {"QMenu": menu.font().pointSizeF(),
                                           "QMenuBar": self.menu_bar.font().pointSizeF()}
            menu.deleteLater()
        return sizes

    def _show_zoom_level(self) -> None:
        """The zoom level: in the View menu always, in the status bar while it is not 100%."""
        percent = self.zoom_percent
        if hasattr(self, "act_zoom_reset"):
            self.act_zoom_reset.setText(f"&Reset zoom (now {percent}%)")
        label = getattr(self, "zoom_label", None)
        if label is None and percent != 100:
            from PySide6.QtWidgets import QLabel

            label = self.zoom_label = QLabel()
            label.setObjectName("ZoomLevel")
            label.setAccessibleName("Zoom level")
            status = self.statusBar()
            status.addPermanentWidget(label)
            status.setFont(self.centralWidget().font())
            if self.isVisible():
                status.show()
        if label is not None:
            label.setText(f"Zoom {percent}%")
            label.setToolTip("View > Reset zoom (Ctrl+0) returns to 100%")
            label.setVisible(percent != 100)

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
        self._apply_focus_rings()
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

    def toggle_side_panel(self, on: bool | None = None, remember: bool = False) -> None:
        """Show or hide the side panel; the reader's own choice (F9, View menu) is kept for the next start."""
        self._ensure_pages()
        visible = (not self.browse.isVisible()) if on is None else bool(on)
        self.browse.setVisible(visible)
        self.act_side.setChecked(visible)
        if remember:
            self.settings.setValue("side_panel", visible)

    def _show_tab(self, index: int) -> None:
        self.toggle_side_panel(True)
        self.browse.tabs.setCurrentIndex(index)
        self.browse.tabs.currentWidget().setFocus()

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
