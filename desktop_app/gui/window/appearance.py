"""How the window looks: theme, zoom, crisis region, the side panel and the narrow layout.

A part of :class:`~desktop_app.gui.main_window.MainWindow` (one job per module); it works on the
window's widgets, which the window builds. Nothing here runs before the first paint unless named so.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop_app.content import crisis
from desktop_app.gui import theme


class AppearanceMixin:
    """How the window looks: theme, zoom, crisis region, the side panel and the narrow layout."""

    def _follow_system_theme(self) -> None:
        if self.theme_choice == "system" and theme.resolve("system") != self.resolved_theme:
            self.set_theme("system")


    def _color_scheme_changed(self, _scheme) -> None:
        if not self._closed:
            self._follow_system_theme()


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
