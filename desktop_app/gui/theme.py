"""Light and dark themes: a QPalette for widgets plus the matching colours for the HTML pages."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.render.term_html import CRISIS_DARK, CRISIS_LIGHT, DARK, LIGHT, Colors

THEMES = ("system", "light", "dark")


def crisis_colors(resolved: str) -> tuple[str, str, str]:
    return CRISIS_DARK if resolved == "dark" else CRISIS_LIGHT


# Whether the desktop's own palette (before the app replaces it) is dark; read once, in apply().
_platform_palette_dark: bool | None = None


def _palette_is_dark(pal: QPalette) -> bool:
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def platform_palette_is_dark() -> bool:
    """The desktop's palette, as Qt's platform theme gave it: dark themes give a dark window colour."""
    if _platform_palette_dark is not None:
        return _platform_palette_dark
    return _palette_is_dark(QGuiApplication.palette())


def system_prefers_dark(exact: bool = True) -> bool:
    """The desktop's light/dark preference.

    ``exact=False`` (the first paint) reads only the platform palette. Asking Qt's colour scheme returns a
    ``Qt.ColorScheme``, and the first use of the ``Qt`` namespace creates its ~100 enum types (about 20 ms),
    so the window checks the exact answer right after its first paint (MainWindow.finish_startup).
    """
    if exact:
        from PySide6.QtCore import Qt

        scheme = QGuiApplication.styleHints().colorScheme()
        if scheme == Qt.ColorScheme.Dark:
            return True
        if scheme == Qt.ColorScheme.Light:
            return False
    return platform_palette_is_dark()


def resolve(choice: str, exact: bool = True) -> str:
    """'system' -> 'light' or 'dark'."""
    if choice == "dark" or (choice == "system" and system_prefers_dark(exact)):
        return "dark"
    return "light"


def colors_for(resolved: str) -> Colors:
    return DARK if resolved == "dark" else LIGHT


def apply(app: QApplication, resolved: str) -> None:
    global _platform_palette_dark
    if _platform_palette_dark is None:
        _platform_palette_dark = _palette_is_dark(app.palette())
    c = colors_for(resolved)
    pal = QPalette()
    base = QColor(c.background)
    window = QColor(c.panel)
    text = QColor(c.text)
    pal.setColor(QPalette.ColorRole.Window, window)
    pal.setColor(QPalette.ColorRole.WindowText, text)
    pal.setColor(QPalette.ColorRole.Base, base)
    pal.setColor(QPalette.ColorRole.AlternateBase, window)
    pal.setColor(QPalette.ColorRole.Text, text)
    pal.setColor(QPalette.ColorRole.Button, window)
    pal.setColor(QPalette.ColorRole.ButtonText, text)
    pal.setColor(QPalette.ColorRole.ToolTipBase, base)
    pal.setColor(QPalette.ColorRole.ToolTipText, text)
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(c.muted))
    pal.setColor(QPalette.ColorRole.Link, QColor(c.link))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(c.accent))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor(c.background))
    for group in (QPalette.ColorGroup.Disabled,):
        pal.setColor(group, QPalette.ColorRole.Text, QColor(c.muted))
        pal.setColor(group, QPalette.ColorRole.WindowText, QColor(c.muted))
        pal.setColor(group, QPalette.ColorRole.ButtonText, QColor(c.muted))
    app.setPalette(pal)
    # No application style sheet: parsing one re-polishes every widget (about 15 ms at start-up). The crisis
    # panel takes its colours from its own palette (CrisisPanel.set_colors) and Fusion draws the focus frame.
