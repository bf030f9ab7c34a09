"""Background work, so that the window never waits: loading the glossary, opening the index, searching.

One long-lived QThread runs a :class:`SearchService`. Requests carry a sequence number; the service
skips any request that a newer one has already replaced, so fast typing never builds a queue and a
keystroke never waits for the previous query (the UI thread only posts a signal).
"""

from __future__ import annotations

import threading
import traceback
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

if TYPE_CHECKING:
    from desktop_app.content.loader import Glossary


class SearchService(QObject):
    """Lives in its own thread. Signals carry plain Python objects.

    Signals:
        glossary_loaded(object): the Glossary, as soon as the term files are read.
        ready(object): the IndexStatus once the search engine is open (or rebuilt).
        failed(str): a one-line message when search cannot be started.
        suggestions(int, str, object): seq, text, (list[Suggestion], CrisisMatch or None).
        results(int, str, object): seq, text, SearchResults.
    """

    glossary_loaded = Signal(object)
    ready = Signal(object)
    failed = Signal(str)
    suggestions = Signal(int, str, object)
    results = Signal(int, str, object)
    _request = Signal(int, str, str, object)
    _start = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.engine: Any = None
        self._latest = {"suggest": 0, "search": 0}
        self._lock = threading.Lock()
        self._request.connect(self._handle)
        self._start.connect(self._do_start)

    # -- called from the UI thread -------------------------------------------------------------
    def start(self, glossary: Glossary | None = None) -> None:
        # Wrapped in a list: a bare None through a queued Signal(object) corrupts None's refcount in PySide6.
        self._start.emit([glossary])

    def request(self, kind: str, seq: int, text: str, options: dict | None = None) -> None:
        with self._lock:
            self._latest[kind] = seq
        self._request.emit(seq, kind, text, options or {})

    # -- in the worker thread ------------------------------------------------------------------
    @Slot(object)
    def _do_start(self, boxed: list) -> None:
        glossary: Glossary | None = boxed[0]
        try:
            if glossary is None:
                from desktop_app.content.loader import load_glossary

                glossary = load_glossary()
                self.glossary_loaded.emit(glossary)
            from desktop_app.search.engine import SearchEngine

            engine, status = SearchEngine.open_or_build(glossary)
            self.engine = engine
            self._glossary = glossary
            self.ready.emit(status)
        except Exception as exc:  # search must never take the app down
            traceback.print_exc()
            self.failed.emit(f"Search is unavailable: {exc}")

    @Slot(int, str, str, object)
    def _handle(self, seq: int, kind: str, text: str, options: dict) -> None:
        with self._lock:
            if seq < self._latest.get(kind, 0):
                return  # a newer request replaced this one
        if self.engine is None:
            return
        try:
            if kind == "suggest":
                out = self.engine.suggest(text, limit=options.get("limit", 8), region=options.get("region"))
                found = self.engine.crisis(text, region=options.get("region"))
                self.suggestions.emit(seq, text, (out, found))
            else:
                out = self.engine.search(text, limit=options.get("limit", 50), category=options.get("category"),
                                         region=options.get("region"))
                self.results.emit(seq, text, out)
        except Exception:
            traceback.print_exc()
        if not getattr(self.engine, "healthy", True):
            # The index was damaged under us (Whoosh noticed late); answers came from names only. Rebuild now.
            try:
                self.engine.close()
            except Exception:
                traceback.print_exc()
            self.engine = None
            self._do_start([self._glossary])


class SearchThread:
    """Owns the worker thread and the service; ``stop()`` before the app quits."""

    def __init__(self) -> None:
        self.thread = QThread()
        self.thread.setObjectName("search")
        self.service = SearchService()
        self.service.moveToThread(self.thread)
        self.thread.start()

    def stop(self) -> None:
        self.thread.quit()
        self.thread.wait(5000)
