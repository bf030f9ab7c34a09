"""Saved handout lists: a small JSON file the user keeps wherever they like. Qt-free.

Format (version 1)::

    {"version": 1, "title": "Week 3 revision", "slugs": ["rumination", "cbt"], "compact": false}

The file holds slugs, not content: reopening a list prints the glossary's current text. Writing is
atomic (temporary file in the same folder, flush, fsync, ``os.replace``) so a crash never leaves half a
list. Reading is strict: a damaged, truncated or foreign file raises :class:`HandoutFileError` whose
message names the file and what is wrong; nothing is set aside or overwritten (the file is the
user's, not the app's). Slugs that are not in the glossary are kept by :func:`load_handout` and
reported by the caller, so a list made with a newer glossary survives a round trip.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app import fileio, paths

FORMAT_VERSION = 1
FILE_SUFFIX = ".handout.json"
MAX_FILE_BYTES = 1024 * 1024  # a list of a few hundred slugs is a few KB
MAX_TITLE = 200
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class HandoutFileError(ValueError):
    """A handout list could not be read or written. The message names the file and the reason."""


@dataclass
class Handout:
    """A handout as the user composed it."""

    title: str = ""
    slugs: list[str] = field(default_factory=list)
    compact: bool = False

    def to_json(self) -> str:
        data = {"version": FORMAT_VERSION, "title": self.title, "slugs": list(self.slugs),
                "compact": bool(self.compact)}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def parse_handout(text: str, origin: str = "handout list") -> Handout:
    """Validate the JSON text of a handout list. Raises HandoutFileError naming ``origin``."""

    def bad(reason: str) -> HandoutFileError:
        return HandoutFileError(f"{origin} is not a usable handout list: {reason}.")

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise bad(f"it is damaged ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise bad("expected a JSON object with version, title, slugs and compact")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise bad("it has no format version")
    if version > FORMAT_VERSION:
        raise bad(f"it was saved by a newer version of the app (format {version}; this app reads "
                  f"format {FORMAT_VERSION})")
    if version < 1:
        raise bad(f"format version {version} is not known")
    title = data.get("title", "")
    if title is None:
        title = ""
    if not isinstance(title, str):
        raise bad("'title' must be text")
    slugs = data.get("slugs")
    if not isinstance(slugs, list):
        raise bad("'slugs' must be a list of term slugs")
    clean: list[str] = []
    for i, slug in enumerate(slugs, start=1):
        if not isinstance(slug, str) or not _SLUG_RE.match(slug):
            raise bad(f"item {i} of 'slugs' ({slug!r}) is not a term slug")
        clean.append(slug)
    compact = data.get("compact", False)
    if not isinstance(compact, bool):
        raise bad("'compact' must be true or false")
    return Handout(title=title.strip()[:MAX_TITLE], slugs=clean, compact=compact)


def load_handout(path: str | os.PathLike[str]) -> Handout:
    """Read a handout list. Raises HandoutFileError (naming the file) when it cannot be used."""
    path = Path(path)
    try:
        # A regular file only: never through a symbolic link, never blocking on a pipe, never reading a device.
        raw = fileio.read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError as exc:
        raise HandoutFileError(f"{path} does not exist.") from exc
    except fileio.FileTooBig as exc:
        raise HandoutFileError(f"{path} is not a usable handout list: it {exc.strerror}, "
                               "far too big for a list of terms.") from exc
    except fileio.NotRegularFile as exc:
        if path.is_dir():
            raise HandoutFileError(f"{path} is a folder, not a handout list.") from exc
        raise HandoutFileError(f"{path} cannot be opened: it {exc.strerror}.") from exc
    except OSError as exc:
        raise HandoutFileError(f"{path} cannot be read: {exc.strerror or exc}.") from exc
    if not raw.strip():
        raise HandoutFileError(f"{path} is not a usable handout list: it is empty.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HandoutFileError(f"{path} is not a usable handout list: it is not UTF-8 text.") from exc
    return parse_handout(text, str(path))


def save_handout(path: str | os.PathLike[str], handout: Handout) -> None:
    """Write a handout list atomically. Raises HandoutFileError (naming the file) on failure."""
    path = Path(path)
    payload = handout.to_json().encode("utf-8")
    if path.is_dir():
        raise HandoutFileError(f"Cannot save the handout list to {path}: that is a folder.")
    kind = fileio.is_special(path)
    if kind is not None:  # replacing a link or a pipe would silently change what the user pointed it at
        raise HandoutFileError(f"Cannot save the handout list to {path}: it is {kind}; choose another name.")
    try:
        # One writer at a time (two windows saving the same list): the lock lives in the user data folder, so
        # the user's own folder gets no lock files. The write itself replaces the file atomically.
        lock_dir = paths.user_data_dir() / "locks"
        with contextlib.suppress(OSError):
            lock_dir.mkdir(parents=True, exist_ok=True)
        key = zlib.crc32(str(path.resolve()).encode("utf-8", "surrogatepass"))
        with fileio.locked(lock_dir / f"handout-{key:08x}.lock"):
            fileio.write_bytes_atomic(path, payload)
    except OSError as exc:
        raise HandoutFileError(f"Cannot save the handout list to {path}: {exc.strerror or exc}.") from exc
