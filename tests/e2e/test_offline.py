"""Offline and private: the app opens no network socket, and works with no network at all.

A Python-level socket patch cannot see sockets opened in C (Qt's print plugin connects to CUPS from C),
so the session below runs under ``strace -f -e trace=socket,connect`` and every socket() call is checked;
a second run happens inside a network namespace with no interfaces (``unshare -n``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SESSION = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui import printing

    def spin(cond, limit=30.0):
        end = time.monotonic() + limit
        while not cond() and time.monotonic() < end:
            loop = QEventLoop(); QTimer.singleShot(20, loop.quit); loop.exec()
        assert cond(), "timed out"

    w = MainWindow(region="US")
    w.show()
    spin(lambda: w.ready and w.glossary is not None)
    w.search_field.setText("panic"); w.search_field.query_changed.emit("panic")
    spin(lambda: w.search_field.list.isVisible())
    w.show_results("can adults rewire their brains")
    spin(lambda: w.last_results is not None)
    for slug in ("neuroplasticity", "panic-attack", "988-lifeline"):
        assert w.open_term(slug)
    w.show_crisis()
    out = Path(sys.argv[1])
    printing.export_pdf([w.glossary.terms["neuroplasticity"]], out, paper="letter", region="US")
    assert out.stat().st_size > 10_000
    w.close()
    print("SESSION OK")
    """
)


def _network_calls(strace_output: str) -> list[str]:
    return [line for line in strace_output.splitlines()
            if re.search(r"socket\((AF_INET|AF_INET6|AF_PACKET)", line) or re.search(r"sa_family=AF_INET", line)]


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed (scripts/dev.sh installs it)")
def test_the_trace_would_catch_a_socket(tmp_path: Path) -> None:
    """Control: the same tracing does see a socket opened from C (Python's socket module)."""
    trace = tmp_path / "control.txt"
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace), sys.executable, "-c",
                    "import socket; socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()"], check=True)
    assert _network_calls(trace.read_text())


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", BRAIN_GLOSSARY_DATA_DIR=str(tmp_path / "data"),
               BRAIN_GLOSSARY_CACHE_DIR=str(tmp_path / "cache"))
    return env


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed (scripts/dev.sh installs it)")
def test_no_network_socket_is_opened(tmp_path: Path, use_shared_index) -> None:
    trace = tmp_path / "trace.txt"
    cmd = ["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace),
           sys.executable, "-c", SESSION, str(tmp_path / "x.pdf")]
    out = subprocess.run(cmd, capture_output=True, text=True, env=_env(tmp_path), timeout=300)
    assert out.returncode == 0 and "SESSION OK" in out.stdout, out.stderr[-3000:]
    calls = trace.read_text()
    network = _network_calls(calls)
    assert network == [], "network sockets were opened:\n" + "\n".join(network[:20])
    # The CLI print path too.
    trace2 = tmp_path / "trace2.txt"
    out = subprocess.run(["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace2), sys.executable,
                          "-m", "desktop_app", "print", "neuroplasticity", "ssris", "-o", str(tmp_path / "h.pdf")],
                         capture_output=True, text=True, env=_env(tmp_path), timeout=300)
    assert out.returncode == 0, out.stderr
    assert not re.search(r"socket\(AF_INET6?", trace2.read_text())


@pytest.mark.slow
def test_works_with_no_network_at_all(tmp_path: Path, use_shared_index) -> None:
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if shutil.which("unshare") is None or probe.returncode != 0:
        pytest.skip("cannot create a network namespace here")
    out = subprocess.run(["unshare", "-n", sys.executable, "-c", SESSION, str(tmp_path / "y.pdf")],
                         capture_output=True, text=True, env=_env(tmp_path), timeout=300)
    assert out.returncode == 0 and "SESSION OK" in out.stdout, out.stderr[-3000:]


def test_nothing_about_searches_is_written_in_private_mode(tmp_path: Path, use_shared_index) -> None:
    code = SESSION.replace('w = MainWindow(region="US")', 'w = MainWindow(region="US"); w.set_private(True)')
    code = code.replace("printing.export_pdf", "pass  # printing.export_pdf").replace(
        "assert out.stat().st_size > 10_000", "pass")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "z.pdf")], capture_output=True, text=True,
                         env=_env(tmp_path), timeout=300)
    assert out.returncode == 0 and "SESSION OK" in out.stdout, out.stderr[-3000:]
    data = tmp_path / "data"
    written = {p.name for p in data.iterdir()} if data.exists() else set()
    assert "history.json" not in written
    for p in data.glob("*"):
        text = p.read_text(encoding="utf-8", errors="replace")
        for secret in ("rewire", "panic", "neuroplasticity", "988-lifeline"):
            assert secret not in text, f"{p.name} mentions '{secret}'"
