"""Light and dark themes: a QPalette for widgets plus the matching colours for the HTML pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.render.term_html import DARK, LIGHT, Colors

THEMES = ("system", "light", "dark")

# The crisis panel keeps its own high-contrast colours in both themes (AA: well above 4.5:1).
CRISIS_LIGHT = ("#fff4e5", "#5a2d00", "#b25e00")  # background, text, border
CRISIS_DARK = ("#3a2a12", "#ffe7c4", "#c98a2e")


def crisis_colors(resolved: str) -> tuple[str, str, str]:
    return CRISIS_DARK if resolved == "dark" else CRISIS_LIGHT


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return bool(scheme and scheme() == Qt.ColorScheme.Dark)


def resolve(choice: str) -> str:
    """'system' -> 'light' or 'dark'."""
    if choice == "dark" or (choice == "system" and system_prefers_dark()):
        return "dark"
    return "light"


def colors_for(resolved: str) -> Colors:
    return DARK if resolved == "dark" else LIGHT


def apply(app: QApplication, resolved: str) -> None:
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
