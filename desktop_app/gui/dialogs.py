"""The modal steps behind small functions (file choosers, error boxes), so tests can replace them.

Modules import these names and call them through their own module globals, so a test patches
``window.export.ask_save_path`` or ``handout_dialog.ask_save_path`` without touching Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

# The Qt dialog classes are imported on use: the window's first paint does not need them.


def ask_save_path(parent: QWidget, title: str, suggested: str, filters: str) -> str:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path


def ask_open_path(parent: QWidget, title: str, filters: str) -> str:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return path


def error_box(parent: QWidget, title: str, text: str):  # -> QMessageBox, not yet shown
    """The warning box of :func:`show_error`: its text (often a file name or a message about a file's
    contents) is plain text, so nothing in it can become a link (issue #13)."""
    from desktop_app.gui.safe_text import message_box

    return message_box(parent, "warning", title, text)


def show_error(parent: QWidget, title: str, text: str) -> None:
    error_box(parent, title, text).exec()
