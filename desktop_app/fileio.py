"""The one crash-safe way this app writes a file (Qt-free).

Write to a temporary file in the same folder, flush and fsync it, rename it over the target
(``os.replace`` is atomic), then fsync the folder so the rename survives a power cut. On any failure the
temporary file is removed and the previous file is untouched; the OSError is re-raised for the caller to
turn into a message that names the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
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


# --------------------------------------------------------------------------- reading user files safely


class NotRegularFile(OSError):
    """The path is a symbolic link, a pipe, a device or a folder: the app never reads or writes through it."""


class FileTooBig(OSError):
    """The file is over the size the caller allows; nothing of it was read."""


def describe_kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def read_regular(path: str | os.PathLike[str], max_bytes: int, *, follow_links: bool = False) -> bytes:
    """The bytes of a regular file, read without following a symbolic link and without blocking on a pipe.

    Opens with ``O_NOFOLLOW | O_NONBLOCK`` and checks ``fstat`` (``S_ISREG``) on the open descriptor, so a
    link, a FIFO (which would block forever), a device (``/dev/zero`` would grow memory without end) or a
    folder raises :class:`NotRegularFile`; a file over ``max_bytes`` raises :class:`FileTooBig` before any
    byte is read. ``FileNotFoundError`` and other ``OSError`` pass through. ``follow_links=True`` (the
    app's own resources, which a package may install as links) still refuses anything but a regular file.
    """
    path = os.fspath(path)
    nofollow = 0 if follow_links else getattr(os, "O_NOFOLLOW", 0)
    flags = os.O_RDONLY | nofollow | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK):  # O_NOFOLLOW on a symbolic link (EMLINK on FreeBSD)
            raise NotRegularFile(exc.errno, "is a symbolic link; only regular files are used", path) from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(errno.EINVAL, f"is {describe_kind(st.st_mode)}; only regular files are used", path)
        if st.st_size > max_bytes:
            raise FileTooBig(errno.EFBIG, f"is {st.st_size:,} bytes; the limit is {max_bytes:,} bytes", path)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:  # grew while being read
                raise FileTooBig(errno.EFBIG, f"is over the limit of {max_bytes:,} bytes", path)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_special(path: str | os.PathLike[str]) -> str | None:
    """What ``path`` is when it exists and is not a regular file ("a symbolic link", ...); None otherwise."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return None if stat.S_ISREG(st.st_mode) else describe_kind(st.st_mode)


# --------------------------------------------------------------------------- one writer at a time


@contextlib.contextmanager
def locked(lock_path: str | os.PathLike[str], timeout_s: float = 10.0, *, mode: int = 0o600,
           poll_s: float = 0.002) -> Iterator[bool]:
    """Hold an exclusive advisory lock on ``lock_path`` (created if needed); yields whether it was obtained.

    POSIX ``flock``: the kernel drops the lock when its holder dies, so a killed process never leaves a stale
    lock. After ``timeout_s`` (a holder that hangs) it yields False and the caller goes on without it: the
    write itself is still atomic. Elsewhere (no fcntl) it yields False at once.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield False
        return
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(lock_path, flags, mode)
    except OSError:
        yield False
        return
    got = False
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                got = True
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    break
                time.sleep(poll_s)
        yield got
    finally:
        if got:
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def sweep_temp_files(folder: str | os.PathLike[str], names: Iterable[str]) -> int:
    """Delete the temporary files ``write_bytes_atomic`` leaves when killed (``.<name>.<hex>.tmp``) for the
    given target names. Call it while holding the folder's write lock, so no live write is touched.
    Returns how many were removed; never raises."""
    wanted = tuple(f".{n}." for n in names)
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for e in entries:
        if e.name.startswith(wanted) and e.name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                if e.is_file(follow_symlinks=False):
                    os.unlink(e.path)
                    removed += 1
    return removed
