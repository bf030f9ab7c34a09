"""The one crash-safe way this app writes a file (Qt-free).

Write to a temporary file in the same folder, flush and fsync it, rename it over the target
(``os.replace`` is atomic), then fsync the folder so the rename survives a power cut. On any failure the
temporary file is removed and the previous file is untouched; the OSError is re-raised for the caller to
turn into a message that names the file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def _write_all(fh: BinaryIO, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = fh.write(view)
        view = view[written or 0 :]


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes,
                       write: Callable[[BinaryIO, bytes], None] = _write_all, mode: int = 0o666) -> None:
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh, data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
