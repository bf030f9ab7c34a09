"""Bookmarks, reading history and private notes, kept in the user data folder. Qt-free.

Each kind lives in its own small JSON file (``bookmarks.json``, ``history.json``, ``notes.json``) written
atomically (see :mod:`desktop_app.userdata.atomic`). Nothing here raises on a damaged file: it is set
aside and reported through :attr:`UserData.notices`. Write failures (read-only folder, full disk) are
reported the same way and the data stays in memory, so nothing typed is lost while the app runs.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from desktop_app import paths
from desktop_app.userdata.atomic import ReadResult, UserDataError, read_json, write_json

HISTORY_LIMIT = 200


class Visit(NamedTuple):
    slug: str
    when: float  # seconds since the epoch


class _JsonFile:
    def __init__(self, folder: Path, name: str, what: str, notices: list[str]):
        self.path = folder / name
        self.what = what
        self._notices = notices
        self.frozen = False  # True when the file is from a newer app version: never overwrite it

    def load(self) -> dict:
        result: ReadResult = read_json(self.path, self.what)
        if result.notice:
            self._notices.append(result.notice)
            if result.data is None and result.moved_to is None and self.path.exists():
                self.frozen = True
        return result.data or {}

    def save(self, data: dict) -> bool:
        if self.frozen:
            return False
        try:
            write_json(self.path, data)
        except UserDataError as exc:
            self._notices.append(f"Your {self.what} could not be saved: {exc}")
            return False
        return True


class UserData:
    """All per-user data. ``folder`` defaults to the platform's user data folder."""

    def __init__(self, folder: Path | None = None, *, private: bool = False):
        self.folder = Path(folder) if folder is not None else paths.user_data_dir()
        self.private = private  # private mode: no history is recorded, nothing about reading is written
        self.notices: list[str] = []
        self._bookmarks_file = _JsonFile(self.folder, "bookmarks.json", "bookmarks", self.notices)
        self._history_file = _JsonFile(self.folder, "history.json", "reading history", self.notices)
        self._notes_file = _JsonFile(self.folder, "notes.json", "notes", self.notices)
        self.bookmarks: list[str] = _slug_list(self._bookmarks_file.load().get("bookmarks"))
        self.history: list[Visit] = _visits(self._history_file.load().get("visits"))
        raw_notes = self._notes_file.load().get("notes")
        self.notes: dict[str, str] = (
            {str(k): str(v) for k, v in raw_notes.items() if isinstance(v, str)} if isinstance(raw_notes, dict) else {}
        )

    def take_notices(self) -> list[str]:
        out, self.notices[:] = list(self.notices), []
        return out

    # ------------------------------------------------------------------ bookmarks
    def is_bookmarked(self, slug: str) -> bool:
        return slug in self.bookmarks

    def toggle_bookmark(self, slug: str) -> bool:
        """Add or remove; returns True when the term is now bookmarked."""
        if slug in self.bookmarks:
            self.bookmarks.remove(slug)
        else:
            self.bookmarks.append(slug)
        self._bookmarks_file.save({"bookmarks": self.bookmarks})
        return slug in self.bookmarks

    def export_bookmarks(self, path: Path) -> None:
        write_json(Path(path), {"kind": "brain-glossary-bookmarks", "bookmarks": self.bookmarks})

    def import_bookmarks(self, path: Path, known: Iterable[str] | None = None) -> tuple[int, list[str]]:
        """Merge bookmarks from a file. Returns (added, unknown slugs). Raises ValueError naming the file."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path} is not a bookmarks file: {exc}") from exc
        slugs = data.get("bookmarks") if isinstance(data, dict) else None
        if not isinstance(slugs, list):
            raise ValueError(f"{path} is not a bookmarks file: it has no 'bookmarks' list")
        known_set = set(known) if known is not None else None
        added, unknown = 0, []
        for s in _slug_list(slugs):
            if known_set is not None and s not in known_set:
                unknown.append(s)
                continue
            if s not in self.bookmarks:
                self.bookmarks.append(s)
                added += 1
        self._bookmarks_file.save({"bookmarks": self.bookmarks})
        return added, unknown

    # ------------------------------------------------------------------ history
    def record_visit(self, slug: str, when: float | None = None) -> None:
        if self.private:
            return
        when = time.time() if when is None else when
        self.history = [v for v in self.history if v.slug != slug]
        self.history.insert(0, Visit(slug, when))
        del self.history[HISTORY_LIMIT:]
        self._save_history()

    def recent(self, n: int = 8) -> list[str]:
        return [v.slug for v in self.history[:n]]

    def clear_history(self) -> None:
        """Forget every visit, in memory and on disk."""
        self.history = []
        if self._history_file.path.exists():
            self._save_history()

    def _save_history(self) -> None:
        self._history_file.save({"visits": [{"slug": v.slug, "when": round(v.when, 3)} for v in self.history]})

    # ------------------------------------------------------------------ notes
    def note(self, slug: str) -> str:
        return self.notes.get(slug, "")

    def set_note(self, slug: str, text: str) -> bool:
        """Store a note (an empty note removes it). Returns False when it could not be written to disk."""
        if text.strip():
            self.notes[slug] = text
        else:
            self.notes.pop(slug, None)
        return self._notes_file.save({"notes": self.notes})

    def export_notes(self, path: Path, titles: dict[str, str] | None = None) -> None:
        """Write every note to a Markdown file, one heading per term."""
        from desktop_app.userdata.atomic import write_text_atomic

        titles = titles or {}
        parts = ["# My notes from Brain & Body Glossary", ""]
        for slug in sorted(self.notes, key=lambda s: titles.get(s, s).casefold()):
            parts += [f"## {titles.get(slug, slug)}", "", self.notes[slug].rstrip(), ""]
        write_text_atomic(Path(path), "\n".join(parts))


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
