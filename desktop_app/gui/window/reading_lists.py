"""The reader's own data: bookmarks, history, private mode, notes, the citation and study mode.

A part of :class:`~desktop_app.gui.main_window.MainWindow` (one job per module); it works on the
window's widgets, which the window builds. Nothing here runs before the first paint unless named so.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop_app import __version__
from desktop_app.gui.dialogs import (  # replaceable in tests
    ask_open_path,
    ask_save_path,
    ask_yes_no,
    show_error,
)
from desktop_app.render import term_html


class ReadingListsMixin:
    """The reader's own data: bookmarks, history, private mode, notes and the citation."""

    def toggle_bookmark(self) -> None:
        if self.location.view != "term":
            self.act_bookmark.setChecked(False)
            self.statusBar().showMessage("Open a term to bookmark it.", 4000)
            return
        now = self.userdata.toggle_bookmark(self.location.slug)
        self._update_actions()
        self.statusBar().showMessage("Bookmarked." if now else "Bookmark removed.", 3000)
        self._refresh_lists()
        self._flush_notices()

    def remove_bookmark(self, slug: str) -> None:
        """Delete or the context menu in the Bookmarks list."""
        if self.userdata.is_bookmarked(slug):
            self.userdata.toggle_bookmark(slug)
            self.statusBar().showMessage(f"Bookmark removed: {self.titles.get(slug, slug)}.", 3000)
            self._update_actions()
            self._refresh_lists()
            self._flush_notices()
            if self.location.view == "term" and self.location.slug == slug:
                self._rerender()  # the page's own "Bookmarked" mark

    def set_private(self, on: bool) -> None:
        self.userdata.private = bool(on)
        self._build_actions()
        self.act_private.setChecked(bool(on))
        self.settings.setValue("private", bool(on))
        self._refresh_lists()

    def clear_history(self, *, confirm: bool = True) -> None:
        """Forget every visit, after asking (keyword-only: a menu's ``checked`` can never skip the question)."""
        if confirm and not ask_yes_no(self, "Clear history", "Forget every term you have viewed?",
                                      "This cannot be undone. Bookmarks and notes are kept.", yes="Clear history"):
            return
        self.userdata.clear_history()
        self._refresh_lists()
        self.statusBar().showMessage("History cleared.", 3000)

    def _refresh_lists(self) -> None:
        if not self.pages_built:
            return
        self.browse.set_bookmarks(self.userdata.bookmarks, self.titles)
        self.browse.set_history(self.userdata.history, self.titles, self.userdata.private)

    def _flush_notices(self) -> None:
        notices = self.userdata.take_notices()
        if notices:
            self.show_notice(" ".join(notices))

    def _save_note(self, slug: str, text: str) -> None:
        ok = self.userdata.set_note(slug, text)
        self.term_view.note.status.setText("Saved." if ok else "Not saved: see the notice above.")
        self._flush_notices()

    def focus_note(self) -> None:
        if self.location.view == "term":
            self.term_view.show_note()

    def copy_citation(self) -> str:
        if self.location.view != "term" or not self.glossary:
            return ""
        term = self.glossary.terms[self.location.slug]
        text = term_html.apa_citation(term, content_version=self.glossary.content_version, app_version=__version__,
                                      retrieved=dt.date.today())
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage("Citation copied: " + text, 6000)
        return text

    def open_study(self) -> None:
        """Study mode (its own window) on the reader's terms, bookmarks and lists."""
        from desktop_app.gui.study_dialog import open_study  # study mode loads only when it is used

        open_study(self)

    def export_bookmarks(self) -> None:
        path = ask_save_path(self, "Export bookmarks", "bookmarks.json", "Bookmarks (*.json)")
        if path:
            try:
                self.userdata.export_bookmarks(Path(path))
            except OSError as exc:
                show_error(self, "Could not export bookmarks", str(exc))

    def import_bookmarks(self) -> None:
        path = ask_open_path(self, "Import bookmarks", "Bookmarks (*.json)")
        if not path:
            return
        try:
            added, unknown = self.userdata.import_bookmarks(Path(path), known=self.titles)
        except ValueError as exc:
            show_error(self, "Could not import bookmarks", str(exc))
            return
        self._refresh_lists()
        extra = f" {len(unknown)} were not in this glossary." if unknown else ""
        self.statusBar().showMessage(f"Imported {added} bookmark(s).{extra}", 6000)

    def export_notes(self) -> None:
        path = ask_save_path(self, "Export notes", "glossary-notes.md", "Markdown (*.md);;Text (*.txt)")
        if path:
            try:
                self.userdata.export_notes(Path(path), self.titles)
            except OSError as exc:
                show_error(self, "Could not export notes", str(exc))
