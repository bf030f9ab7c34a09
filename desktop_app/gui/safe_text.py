"""Text from files and users is shown as text, never as markup (issue #13).

Qt guesses whether a string is rich text (``Qt::mightBeRichText``) for labels, message boxes and tooltips,
so a file name, a slug or a title containing ``<a href="file:///etc/passwd">`` would otherwise be shown
as a live link or load an image. Every widget that shows such text goes through these helpers:

* :func:`plain_label` - a QLabel in ``Qt.PlainText`` that can be selected but has no links;
* :func:`message_box` - a QMessageBox whose labels are all plain text without links;
* :func:`tooltip` - a tooltip string that Qt shows literally, whatever characters it holds.

``tooltip`` is Qt-free and cheap (it runs before the first paint for the crisis panel's tooltip).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.render.term_html import esc

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def tooltip(text: str) -> str:
    """``text`` as a tooltip shown exactly as written: Qt renders a tooltip as rich text when it sees a tag,
    so text with ``<`` is escaped inside an explicit rich-text wrapper (the escapes then show as the
    characters); text without ``<`` is plain already and is returned unchanged."""
    if "<" not in text:
        return text
    return "<qt>" + esc(text) + "</qt>"


def plain_label(label: QLabel) -> QLabel:
    """Show the label's text literally: plain text, selectable, no link ever opens from it."""
    from PySide6.QtCore import Qt

    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def make_plain(box: QMessageBox) -> QMessageBox:
    """Every label of a message box (text, informative text) as plain text without links."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    box.setTextFormat(Qt.TextFormat.PlainText)
    for label in box.findChildren(QLabel):
        plain_label(label)
    return box


def message_box(parent: QWidget | None, icon: str, title: str, text: str, informative: str = "") -> QMessageBox:
    """A message box (not yet shown) whose every text is plain. ``icon``: warning, question, information."""
    from PySide6.QtWidgets import QMessageBox

    icons = {"warning": QMessageBox.Icon.Warning, "question": QMessageBox.Icon.Question,
             "information": QMessageBox.Icon.Information}
    box = QMessageBox(parent)
    box.setIcon(icons[icon])
    box.setWindowTitle(title)
    make_plain(box)  # before setText: Qt would otherwise lay the text out once as rich text
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    return make_plain(box)
