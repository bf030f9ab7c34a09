"""The primary window's end of the single-instance hand-off (see ``desktop_app/instance.py``).

Started right after the first paint (QtNetwork costs ~19 ms to import), it listens on the data folder's
local socket, reads one JSON line ``{"argv": [...]}`` per connection, passes the arguments to the window
and answers "ok". Only this user can connect (UserAccessOption); a line over 64 KB or not JSON is dropped.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtNetwork import QLocalServer, QLocalSocket

MAX_LINE = 64 * 1024


class InstanceServer:
    def __init__(self, path: str, on_arguments: Callable[[list[str]], None]):
        self.path = path
        self.on_arguments = on_arguments
        self.server = QLocalServer()
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # We hold the instance lock, so a socket file left here belongs to a primary that died: replace it.
        QLocalServer.removeServer(path)
        self.listening = self.server.listen(path)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            conn = self.server.nextPendingConnection()
            self._buffers[conn] = b""
            conn.readyRead.connect(lambda c=conn: self._read(c))
            conn.disconnected.connect(lambda c=conn: self._forget(c))

    def _forget(self, conn: QLocalSocket) -> None:
        self._buffers.pop(conn, None)
        conn.deleteLater()

    def _read(self, conn: QLocalSocket) -> None:
        data = self._buffers.get(conn, b"") + bytes(conn.readAll().data())
        if len(data) > MAX_LINE:
            conn.abort()
            return
        self._buffers[conn] = data
        if b"\n" not in data:
            return
        line = data.split(b"\n", 1)[0]
        try:
            message = json.loads(line.decode("utf-8"))
            argv = [str(a) for a in message.get("argv", [])] if isinstance(message, dict) else []
        except (UnicodeDecodeError, ValueError):
            conn.abort()
            return
        conn.write(b"ok\n")
        conn.flush()
        conn.disconnectFromServer()
        self.on_arguments(argv)

    def close(self) -> None:
        self.server.close()
