"""The modal steps behind small functions (file choosers, error boxes), so tests can replace them.

Modules import these names and call them through their own module globals, so a test patches
``window.export.ask_save_path`` or ``handout_dialog.ask_save_path`` without touching Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

# The Qt dialog classes are imported on use: the window's first paint does not need them.


def documents_folder() -> str:
    """Where file dialogs open: the reader's Documents folder (or home), never the working directory,
    which for a checkout is the source tree (issue #16)."""
    import os

    from PySide6.QtCore import QStandardPaths

    for location in (QStandardPaths.StandardLocation.DocumentsLocation, QStandardPaths.StandardLocation.HomeLocation):
        folder = QStandardPaths.writableLocation(location)
        if folder and os.path.isdir(folder):
            return folder
    return os.path.expanduser("~")


def ask_save_path(parent: QWidget, title: str, suggested: str, filters: str) -> str:
    """A save dialog in the Documents folder, with ``suggested`` as the file name."""
    import os

    from PySide6.QtWidgets import QFileDialog

    start = suggested if os.path.isabs(suggested) else os.path.join(documents_folder(), suggested)
    path, _ = QFileDialog.getSaveFileName(parent, title, start, filters)
    return path


def ask_open_path(parent: QWidget, title: str, filters: str) -> str:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, title, documents_folder(), filters)
    return path


def ask_yes_no(parent: QWidget, title: str, question: str, detail: str = "", yes: str = "Yes") -> bool:
    """A question with a named Yes button and Cancel (the default); True only for Yes."""
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.gui.safe_text import message_box

    box = message_box(parent, "question", title, question, detail)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    if hasattr(parent, "place_dialog"):
        parent.place_dialog(box)
    box.exec()
    return box.clickedButton() is yes_button


def error_box(parent: QWidget, title: str, text: str):  # -> QMessageBox, not yet shown
    """The warning box of :func:`show_error`: its text (often a file name or a message about a file's
    contents) is plain text, so nothing in it can become a link (issue #13)."""
    from desktop_app.gui.safe_text import message_box

    return message_box(parent, "warning", title, text)


def show_error(parent: QWidget, title: str, text: str) -> None:
    error_box(parent, title, text).exec()
