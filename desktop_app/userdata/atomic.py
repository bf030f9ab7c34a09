"""Atomic, crash-safe JSON files for user data. Qt-free.

A write goes to a temporary file in the same folder, is flushed and fsync'ed, then renamed over the
old file (``os.replace`` is atomic on POSIX and Windows), so a crash or a kill at any moment leaves
either the old file or the new one, never a torn one. A file that cannot be read (truncated,
garbage, wrong shape, from a newer version) is renamed aside as ``<name>.damaged-<time>`` and the
caller is told, rather than silently overwritten.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any, NamedTuple

from desktop_app import fileio

FORMAT_VERSION = 1


class UserDataError(OSError):
    """A user-data file could not be written. The message names the file and the reason."""


# A user-data file bigger than this is not read (and never written over): a year of heavy use is well under it.
DEFAULT_MAX_BYTES = 4 * 1024 * 1024


class ReadResult(NamedTuple):
    data: dict[str, Any] | None  # None when the file is missing or was damaged
    notice: str | None = None  # one line for the user when something was set aside
    moved_to: Path | None = None
    frozen: bool = False  # the file is there but must not be written over (newer version, link, pipe, too big)


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` (with a format version) atomically. Raises UserDataError with a clear message."""
    payload = json.dumps({"version": FORMAT_VERSION, **data}, ensure_ascii=False, indent=1, sort_keys=True)
    write_text_atomic(path, payload)


def write_text_atomic(path: Path, text: str) -> None:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fileio.write_bytes_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise UserDataError(f"cannot write {path}: {exc.strerror or exc}") from exc


def set_aside(path: Path) -> Path | None:
    """Rename a damaged file out of the way (never delete it). Returns the new path, or None."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


def read_json(path: Path, what: str, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read a user-data file written by :func:`write_json`.

    ``what`` names the data for the user ("bookmarks"). Missing -> empty result. Damaged -> set aside.
    A symbolic link, a pipe, a device or a file over ``max_bytes`` is never read nor written over: the
    result is *frozen* (the app works from memory and says so).
    """
    path = Path(path)
    try:
        raw = fileio.read_regular(path, max_bytes)
    except (FileNotFoundError, NotADirectoryError):  # not there (a write will say why it cannot be made)
        return ReadResult(None)
    except (fileio.NotRegularFile, fileio.FileTooBig) as exc:
        return ReadResult(None, f"Your {what} file ({path}) {exc.strerror}; it is left untouched and changes "
                          "made now are not saved to it.", frozen=True)
    except OSError as exc:
        return ReadResult(None, f"Your {what} could not be read ({path}: {exc.strerror or exc}).", frozen=True)
    reason = None
    data: Any = None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        reason = "it is damaged" if raw.strip() else "it is empty"
        if not isinstance(exc, UnicodeDecodeError) and raw.strip():
            reason = f"it is damaged ({exc.msg} at line {exc.lineno})"
    if reason is None and not isinstance(data, dict):
        reason = "it has an unexpected shape"
    if reason is None and isinstance(data.get("version"), int) and data["version"] > FORMAT_VERSION:
        # Written by a newer version of the app: keep it untouched and work from a copy in memory.
        return ReadResult(None, f"Your {what} file ({path}) was written by a newer version of the app; "
                          "it is left untouched and changes made now are not saved to it.", frozen=True)
    if reason is not None:
        moved = set_aside(path)
        where = f" It was kept as {moved.name}." if moved else ""
        return ReadResult(None, f"Your {what} file could not be read because {reason}; starting fresh.{where}",
                          moved)
    return ReadResult(data)
