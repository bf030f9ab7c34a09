"""Bookmarks, reading history and private notes, kept in the user data folder. Qt-free.

Each kind lives in its own small JSON file (``bookmarks.json``, ``history.json``, ``notes.json``) written
atomically (see :mod:`desktop_app.userdata.atomic`). Nothing here raises on a damaged file: it is set
aside and reported through :attr:`UserData.notices`. Write failures (read-only folder, full disk) are
reported the same way and the data stays in memory, so nothing typed is lost while the app runs.

Two processes may share the folder (two windows, the app and a script). Every write therefore takes the
folder's lock file (``.userdata.lock``, an advisory ``flock``), re-reads the file, applies only this
process's changes to it, key by key (a note, a bookmark, a visit), and replaces it atomically; the merged
result becomes the in-memory state. A change whose write failed stays pending and is applied with the
next write, so it is not lost either.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from desktop_app import fileio, paths
from desktop_app.userdata.atomic import ReadResult, UserDataError, read_json, write_json

HISTORY_LIMIT = 200
LOCK_NAME = ".userdata.lock"
MAX_NOTE_BYTES = 256 * 1024  # about 40,000 words; a note is a few hundred
MAX_NOTES_FILE_BYTES = 16 * 1024 * 1024
MAX_LIST_FILE_BYTES = 2 * 1024 * 1024  # bookmarks and history: a few KB in practice
FILE_NAMES = ("bookmarks.json", "history.json", "notes.json")

Change = Callable[[dict], None]  # applies one change, in place, to the file's current content


class Visit(NamedTuple):
    slug: str
    when: float  # seconds since the epoch


def _size_text(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


class _JsonFile:
    def __init__(self, folder: Path, name: str, what: str, notices: list[str], max_bytes: int):
        self.path = folder / name
        self.what = what
        self.max_bytes = max_bytes
        self._notices = notices
        self._pending: list[Change] = []  # changes not yet on disk (a write failed): applied with the next one
        self.frozen = False  # newer app version, a link, a pipe, too big: never overwrite it

    def load(self) -> dict:
        result: ReadResult = read_json(self.path, self.what, self.max_bytes)
        if result.notice:
            self._notices.append(result.notice)
        self.frozen = result.frozen
        return result.data or {}

    def update(self, change: Change) -> dict | None:
        """Under the folder lock: re-read the file, apply every pending change, replace the file.

        Returns the merged content (what is now on disk), or None when it could not be written (the change
        is kept and applied with the next write)."""
        self._pending.append(change)
        if self.frozen:
            return None
        try:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UserDataError(f"cannot write {self.path}: {exc.strerror or exc}") from exc
            with fileio.locked(self.path.parent / LOCK_NAME):
                result = read_json(self.path, self.what, self.max_bytes)
                if result.notice:
                    self._notices.append(result.notice)
                if result.frozen:
                    self.frozen = True
                    return None
                data = dict(result.data or {})
                data.pop("version", None)
                for pending in self._pending:
                    pending(data)
                write_json(self.path, data)
        except UserDataError as exc:
            self._notices.append(f"Your {self.what} could not be saved: {exc}")
            return None
        self._pending.clear()
        return data


def _notes_of(data: dict) -> dict[str, str]:
    raw = data.get("notes")
    return {str(k): v for k, v in raw.items() if isinstance(v, str)} if isinstance(raw, dict) else {}


class UserData:
    """All per-user data. ``folder`` defaults to the platform's user data folder."""

    def __init__(self, folder: Path | None = None, *, private: bool = False):
        self.folder = Path(folder) if folder is not None else paths.user_data_dir()
        self.private = private  # private mode: no history is recorded, nothing about reading is written
        self.notices: list[str] = []
        self._sweep_leftovers()
        self._bookmarks_file = _JsonFile(self.folder, "bookmarks.json", "bookmarks", self.notices,
                                         MAX_LIST_FILE_BYTES)
        self._history_file = _JsonFile(self.folder, "history.json", "reading history", self.notices,
                                       MAX_LIST_FILE_BYTES)
        self._notes_file = _JsonFile(self.folder, "notes.json", "notes", self.notices, MAX_NOTES_FILE_BYTES)
        self.bookmarks: list[str] = _slug_list(self._bookmarks_file.load().get("bookmarks"))
        self.history: list[Visit] = _visits(self._history_file.load().get("visits"))
        self.notes: dict[str, str] = _notes_of(self._notes_file.load())

    def _sweep_leftovers(self) -> None:
        """Temporary files left by a write that was killed: removed under the lock (no live write owns them)."""
        try:
            names = [e.name for e in self.folder.iterdir()]
        except OSError:
            return
        if not any(n.endswith(".tmp") and n.startswith(tuple(f".{f}." for f in FILE_NAMES)) for n in names):
            return
        with fileio.locked(self.folder / LOCK_NAME, timeout_s=1.0) as got:
            if got:
                fileio.sweep_temp_files(self.folder, FILE_NAMES)

    def take_notices(self) -> list[str]:
        out, self.notices[:] = list(self.notices), []
        return out

    # ------------------------------------------------------------------ bookmarks
    def is_bookmarked(self, slug: str) -> bool:
        return slug in self.bookmarks

    def _change_bookmarks(self, add: Iterable[str] = (), remove: Iterable[str] = ()) -> None:
        add, remove = list(add), set(remove)

        def change(data: dict) -> None:
            marks = [s for s in _slug_list(data.get("bookmarks")) if s not in remove]
            marks += [s for s in add if s not in marks]
            data["bookmarks"] = marks

        memory = {"bookmarks": list(self.bookmarks)}
        change(memory)
        self.bookmarks = memory["bookmarks"]
        merged = self._bookmarks_file.update(change)
        if merged is not None:
            self.bookmarks = _slug_list(merged.get("bookmarks"))

    def toggle_bookmark(self, slug: str) -> bool:
        """Add or remove; returns True when the term is now bookmarked."""
        if slug in self.bookmarks:
            self._change_bookmarks(remove=[slug])
        else:
            self._change_bookmarks(add=[slug])
        return slug in self.bookmarks

    def export_bookmarks(self, path: Path) -> None:
        write_json(Path(path), {"kind": "brain-glossary-bookmarks", "bookmarks": self.bookmarks})

    def import_bookmarks(self, path: Path, known: Iterable[str] | None = None) -> tuple[int, list[str]]:
        """Merge bookmarks from a file. Returns (added, unknown slugs). Raises ValueError naming the file."""
        path = Path(path)
        try:
            data = json.loads(fileio.read_regular(path, MAX_LIST_FILE_BYTES).decode("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise ValueError(f"{path} is not a bookmarks file: {reason}") from exc
        slugs = data.get("bookmarks") if isinstance(data, dict) else None
        if not isinstance(slugs, list):
            raise ValueError(f"{path} is not a bookmarks file: it has no 'bookmarks' list")
        known_set = set(known) if known is not None else None
        new, unknown = [], []
        for s in _slug_list(slugs):
            if known_set is not None and s not in known_set:
                unknown.append(s)
            elif s not in self.bookmarks:
                new.append(s)
        self._change_bookmarks(add=new)
        return len(new), unknown

    # ------------------------------------------------------------------ history
    def record_visit(self, slug: str, when: float | None = None) -> None:
        if self.private:
            return
        when = time.time() if when is None else when

        def change(data: dict) -> None:
            visits = [v for v in _visits(data.get("visits")) if v.slug != slug]
            visits.insert(0, Visit(slug, when))
            visits.sort(key=lambda v: -v.when)
            data["visits"] = _visits_json(visits[:HISTORY_LIMIT])

        self._apply_history(change)

    def _apply_history(self, change: Change) -> None:
        memory = {"visits": _visits_json(self.history)}
        change(memory)
        self.history = _visits(memory["visits"])
        merged = self._history_file.update(change)
        if merged is not None:
            self.history = _visits(merged.get("visits"))

    def recent(self, n: int = 8) -> list[str]:
        return [v.slug for v in self.history[:n]]

    def clear_history(self) -> None:
        """Forget every visit, in memory and on disk."""
        self.history = []
        if self._history_file.path.exists():
            self._apply_history(lambda data: data.update(visits=[]))

    # ------------------------------------------------------------------ notes
    def note(self, slug: str) -> str:
        return self.notes.get(slug, "")

    def set_note(self, slug: str, text: str) -> bool:
        """Store a note (an empty note removes it). Returns False when it could not be written to disk.

        A note over MAX_NOTE_BYTES is refused as a whole (never cut): the saved version stays, and the notice
        says why."""
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_NOTE_BYTES:
            self.notices.append(f"This note was not saved: it is {_size_text(size)}, and a note can be at most "
                                f"{_size_text(MAX_NOTE_BYTES)}. Shorten it, or keep long texts in a document of "
                                "their own; the last saved version is kept.")
            return False
        keep = bool(text.strip())

        def change(data: dict) -> None:
            notes = _notes_of(data)
            if keep:
                notes[slug] = text
            else:
                notes.pop(slug, None)
            data["notes"] = notes

        memory = {"notes": dict(self.notes)}
        change(memory)
        self.notes = memory["notes"]
        merged = self._notes_file.update(change)
        if merged is None:
            return False
        self.notes = _notes_of(merged)
        return True

    def export_notes(self, path: Path, titles: dict[str, str] | None = None) -> None:
        """Write every note to a Markdown file, one heading per term."""
        from desktop_app.userdata.atomic import write_text_atomic

        titles = titles or {}
        parts = ["# My notes from Brain & Body Glossary", ""]
        for slug in sorted(self.notes, key=lambda s: titles.get(s, s).casefold()):
            parts += [f"## {titles.get(slug, slug)}", "", self.notes[slug].rstrip(), ""]
        write_text_atomic(Path(path), "\n".join(parts))


def _visits_json(visits: list[Visit]) -> list[dict]:
    return [{"slug": v.slug, "when": round(v.when, 3)} for v in visits]


def _slug_list(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    out: list[str] = []
    for item in value:
        if isinstance(item, str) and item and item not in out and len(item) < 200:
            out.append(item)
    return out


def _visits(value: object) -> list[Visit]:
    if not isinstance(value, list):
        return []
    out: list[Visit] = []
    for item in value:
        if isinstance(item, dict) and isinstance(item.get("slug"), str) and isinstance(item.get("when"), int | float):
            out.append(Visit(item["slug"], float(item["when"])))
    return out[:HISTORY_LIMIT]
