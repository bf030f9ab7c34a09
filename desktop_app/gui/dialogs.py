"""The modal steps behind small functions (file choosers, error boxes), so tests can replace them.

Modules import these names and call them through their own module globals, so a test patches
``main_window.ask_save_path`` or ``handout_dialog.ask_save_path`` without touching Qt.
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


def show_error(parent: QWidget, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, text)
