"""About, the keyboard reference, and where dialogs open (below the crisis panel).

A part of :class:`~desktop_app.gui.main_window.MainWindow` (one job per module); it works on the
window's widgets, which the window builds. Nothing here runs before the first paint unless named so.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop_app import __version__
from desktop_app.gui.page_browser import PageBrowser
from desktop_app.gui.window.actions import _label
from desktop_app.render import term_html


class HelpMixin:
    """About, the keyboard reference, and where dialogs open (below the crisis panel)."""

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
            ("Close the suggestions, then go back to the page", ("Esc",)),
            ("Scroll the page", ("Page Up", "Page Down")),
            ("Scroll the page (while the field is empty)", ("Space", "Home", "End")),
        )),
        ("On a page", (
            ("Start a search (type any letter)", ("A-Z", "0-9")),
            ("Scroll", ("Page Up", "Page Down", "Space", "Shift+Space", "Home", "End")),
            ("Next, previous link in view", ("Tab", "Shift+Tab")),
            ("Follow a link (after Tab moves to it)", ("Enter",)),
            ("Close the find bar and return to the page", ("Esc",)),
            ("Back, forward (mouse)", ("Back button", "Forward button")),
        )),
        ("In the side panel", (
            ("Open the chosen term (focus stays in the list)", ("Enter",)),
            ("Remove the chosen bookmark (Bookmarks tab; also its context menu)", ("Delete",)),
            ("Return to the page", ("Esc",)),
        )),
        ("Tab order", (
            ("Search field, page, note, side panel filter, tabs, list, crisis panel link, toolbar buttons",
             ("Tab", "Shift+Tab")),
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
