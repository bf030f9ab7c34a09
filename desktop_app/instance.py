"""One window per data folder (Qt-free): a second launch hands its arguments to the running window.

Before anything else, a GUI start takes an exclusive ``flock`` on ``<data folder>/.instance.lock`` without
waiting (microseconds; no Qt, no socket module). Whoever holds it is the *primary*: right after its first
paint it listens on a local socket named after the data folder (``gui/instance_server.py``, QLocalServer).
A start that finds the lock taken connects to that socket, sends its arguments as one JSON line, waits for
"ok" and exits; the running window opens the term or search and raises itself.

Liveness comes from the kernel: a primary that dies (even by SIGKILL) drops its lock, so the next start
becomes primary and replaces the dead socket file; a stale socket is never trusted. If the hand-off fails
(the primary hangs, or has not listened within a few seconds) the new start opens a normal window: user
data is safe either way, because every write merges under its own lock (``userdata/store.py``).
POSIX only; elsewhere every start opens its own window.
"""

from __future__ import annotations

import os
from pathlib import Path

LOCK_NAME = ".instance.lock"
HANDOFF_TIMEOUT_S = 4.0


def socket_path(folder: Path) -> str:
    """The primary's socket for ``folder``: in the per-user runtime folder when there is one (mode 0700),
    else the temporary folder; the name holds the user id and a hash of the folder's real path."""
    from desktop_app.content.datacache import _sha256

    real = os.path.realpath(folder)
    digest = _sha256(real.encode("utf-8", "surrogatepass"))[:16]
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = runtime if runtime and os.path.isdir(runtime) else os.environ.get("TMPDIR") or "/tmp"
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return os.path.join(base, f"brain-glossary-{uid}-{digest}.sock")


class Claim:
    """The outcome of :func:`claim`: ``primary`` holds the lock (kept open for the process's life)."""

    def __init__(self, state: str, fd: int | None = None):
        self.state = state  # "primary" | "taken" | "unavailable"
        self.fd = fd

    @property
    def primary(self) -> bool:
        return self.state == "primary"

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def claim(folder: Path) -> Claim:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return Claim("unavailable")
    try:
        os.makedirs(folder, exist_ok=True)
        fd = os.open(Path(folder) / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        return Claim("unavailable")  # read-only or blocked folder: no single-instance, a normal start
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return Claim("taken")
    except OSError:
        os.close(fd)
        return Claim("unavailable")
    return Claim("primary", fd)


def hand_off(folder: Path, argv: list[str], timeout_s: float = HANDOFF_TIMEOUT_S) -> bool:
    """Send ``argv`` to the primary for ``folder``. True when it answered "ok"."""
    import json
    import socket
    import time

    path = socket_path(folder)
    message = (json.dumps({"argv": list(argv)}) + "\n").encode("utf-8")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.settimeout(max(0.1, deadline - time.monotonic()))
                s.connect(path)
                s.sendall(message)
                reply = b""
                while not reply.endswith(b"\n"):
                    chunk = s.recv(64)
                    if not chunk:
                        break
                    reply += chunk
                if reply.strip() == b"ok":
                    return True
        except OSError:
            pass  # not listening yet (it listens right after its first paint), or gone
        time.sleep(0.05)
    return False
