"""The toolbar search: the search thread (made on first use), suggestions and the results request.

A part of :class:`~desktop_app.gui.main_window.MainWindow` (one job per module); it works on the
window's widgets, which the window builds. Nothing here runs before the first paint unless named so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.gui.window.navigation import _query_words

if TYPE_CHECKING:
    from desktop_app.gui.workers import SearchThread




class SearchingMixin:
    """The toolbar search: the search thread (made on first use), suggestions and the results request."""

    @property
    def search(self) -> SearchThread:
        """The search thread and its service, made on first use: the first paint does not wait for them."""
        if self._search is None:
            if self._closed:
                raise RuntimeError("the window is closed: its search thread has been stopped")
            from desktop_app.gui.workers import SearchThread

            self._search = SearchThread()
            svc = self._search.service
            svc.glossary_loaded.connect(self.set_glossary)
            svc.ready.connect(self._search_ready)
            svc.failed.connect(self._search_failed)
            svc.suggestions.connect(self._got_suggestions)
            svc.results.connect(self._got_results)
        return self._search

    def stop_search(self) -> None:
        if self._search is not None:
            self._search.stop()

    def _start_search_thread(self) -> None:
        if not self._closed:  # closed before this timer fired: no thread that nothing would stop
            self.search.service.start(self.glossary)

    def _search_ready(self, status) -> None:
        self.ready = True
        msg = getattr(status, "message", "") or ""
        if msg and getattr(status, "rebuilt", False):
            self.search_status_message = msg
            self.statusBar().showMessage(msg, 8000)
        self.search_ready.emit()
        if self.search_field.text().strip():
            self._query_changed(self.search_field.text())

    def _search_failed(self, message: str) -> None:
        self.search_status_message = message
        self.show_notice(message + " You can still browse every term from the side panel.")

    def _query_changed(self, text: str) -> None:
        if not text.strip() or self._closed:
            return
        self._seq += 1
        self.search.service.request("suggest", self._seq, text, {"limit": 8})

    def _got_suggestions(self, seq: int, text: str, suggestions) -> None:
        self.search_field.show_suggestions(text, list(suggestions))

    def _words(self) -> tuple[str, ...]:
        return _query_words(self.search_field.text())

    def _results_for_field(self) -> None:
        if self.search_field.text().strip():
            self.show_results(self.search_field.text().strip())

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()
