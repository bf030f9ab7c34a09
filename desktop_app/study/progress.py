"""Study progress: each card's FSRS state, kept in ``study.json`` in the user data folder. Qt-free.

The file is written exactly like bookmarks and notes (:mod:`desktop_app.userdata.store`): under the folder's
lock file, re-read, merged per card, replaced atomically. Two windows (or the app and a script) reviewing at
once keep each other's reviews; when both reviewed the same card, the later review wins. A damaged file is
set aside and reported; a link, pipe or oversized file is never read nor written over.

Private mode records nothing: reviews are kept in memory for the session (so its queue and summary work)
and no file is created or changed.

Format (version 1)::

    {"version": 1, "cards": {"ssris/definition": {"state": 2, "step": null, "stability": 3.1,
      "difficulty": 5.2, "due": "2026-12-01T10:00:00+00:00", "last_review": "...", "reps": 3, "lapses": 0}}}
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from desktop_app import fileio, paths
from desktop_app.userdata.store import LOCK_NAME, _JsonFile

FILE_NAME = "study.json"
MAX_FILE_BYTES = 16 * 1024 * 1024  # about 100,000 cards; the glossary makes ~1,500
_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")


def parse_time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        t = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return t if t.tzinfo is not None else t.replace(tzinfo=dt.UTC)


def _valid(entry: Any) -> bool:
    return (isinstance(entry, dict) and parse_time(entry.get("due")) is not None
            and isinstance(entry.get("state"), int) and not isinstance(entry.get("state"), bool))


def _cards_of(data: dict) -> dict[str, dict]:
    raw = data.get("cards")
    if not isinstance(raw, dict):
        return {}
    return {str(k): {f: v.get(f) for f in _FIELDS} for k, v in raw.items() if _valid(v) and len(str(k)) < 300}


def _newer(a: dict, b: dict | None) -> bool:
    """Whether state ``a`` comes from a review at least as recent as ``b``'s."""
    if b is None:
        return True
    ta, tb = parse_time(a.get("last_review")), parse_time(b.get("last_review"))
    if tb is None:
        return True
    return ta is not None and ta >= tb


class StudyProgress:
    """Every card's scheduling state. ``folder`` defaults to the user data folder."""

    def __init__(self, folder: Path | None = None, *, private: bool = False, notices: list[str] | None = None):
        self.folder = Path(folder) if folder is not None else paths.user_data_dir()
        self.private = private
        self.notices: list[str] = notices if notices is not None else []
        self._sweep_leftovers()
        self._file = _JsonFile(self.folder, FILE_NAME, "study progress", self.notices, MAX_FILE_BYTES)
        self.cards: dict[str, dict] = _cards_of(self._file.load()) if self._file.path.exists() else {}

    def _sweep_leftovers(self) -> None:
        try:
            names = [e.name for e in self.folder.iterdir()]
        except OSError:
            return
        if any(n.startswith(f".{FILE_NAME}.") and n.endswith(".tmp") for n in names):
            with fileio.locked(self.folder / LOCK_NAME, timeout_s=1.0) as got:
                if got:
                    fileio.sweep_temp_files(self.folder, [FILE_NAME])

    @property
    def path(self) -> Path:
        return self._file.path

    def state(self, card_id: str) -> dict | None:
        return self.cards.get(card_id)

    def record(self, card_id: str, state: dict) -> bool:
        """Store one card's new state. Returns False when nothing was written (private mode, or a failed write:
        then the notice says why and the review is kept in memory and written with the next one)."""
        entry = {f: state.get(f) for f in _FIELDS}
        self.cards[card_id] = entry
        if self.private:
            return False

        def change(data: dict) -> None:
            cards = _cards_of(data)
            if _newer(entry, cards.get(card_id)):
                cards[card_id] = entry
            data["cards"] = cards

        merged = self._file.update(change)
        if merged is None:
            return False
        self.cards = _cards_of(merged)  # every pending change was applied to it: it is the merged truth
        return True

    def reload(self) -> None:
        """Re-read the file (another window may have reviewed); kept in memory as it is in private mode."""
        if not self.private and self._file.path.exists():
            data = self._file.load()
            disk = _cards_of(data)
            for cid, mine in self.cards.items():
                if cid not in disk or not _newer(disk[cid], mine):
                    disk[cid] = mine  # a review not written yet (a failed write) is kept
            self.cards = disk

    def due_counts(self, card_ids: list[str], now: dt.datetime | None = None) -> tuple[int, int]:
        """(cards due now that were studied before, cards never studied) among ``card_ids``."""
        now = now or dt.datetime.now(dt.UTC)
        due = new = 0
        for cid in card_ids:
            st = self.cards.get(cid)
            if st is None:
                new += 1
            else:
                t = parse_time(st.get("due"))
                if t is not None and t <= now:
                    due += 1
        return due, new

    def next_due(self, card_ids: list[str]) -> dt.datetime | None:
        times = [parse_time(self.cards[c].get("due")) for c in card_ids if c in self.cards]
        times = [t for t in times if t is not None]
        return min(times) if times else None

    def take_notices(self) -> list[str]:
        out, self.notices[:] = list(self.notices), []
        return out
