"""Issue #13, case 1: a second launch on the same data folder hands its arguments to the running window and
exits; a dead first instance (SIGKILL) never blocks a start. Real processes, offscreen."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import desktop_app
from desktop_app import instance

ROOT = Path(desktop_app.__file__).resolve().parent.parent

# The first instance: the real start-up (cli.main with no arguments), reporting what it is handed.
PRIMARY = textwrap.dedent("""
    import json, sys
    from desktop_app.gui import main_window
    original = main_window.MainWindow.handle_argv

    def report(self, argv):
        original(self, argv)
        print(json.dumps({"argv": argv, "active": self.isVisible(), "pending": list(self._pending_open)}),
              flush=True)
        if "--search" in argv:
            from PySide6.QtWidgets import QApplication
            QApplication.instance().quit()

    main_window.MainWindow.handle_argv = report
    from desktop_app.gui import instance_server
    original_init = instance_server.InstanceServer.__init__

    def listening(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        print(json.dumps({"listening": self.listening}), flush=True)

    instance_server.InstanceServer.__init__ = listening
    from desktop_app import cli
    sys.exit(cli.main([]))
""")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(run),
                BRAIN_GLOSSARY_DATA_DIR=str(tmp_path / "data"), BRAIN_GLOSSARY_CACHE_DIR=str(tmp_path / "cache"))


def _socket(env: dict[str, str]) -> Path:
    old = os.environ.get("XDG_RUNTIME_DIR")
    os.environ["XDG_RUNTIME_DIR"] = env["XDG_RUNTIME_DIR"]
    try:
        return Path(instance.socket_path(Path(env["BRAIN_GLOSSARY_DATA_DIR"])))
    finally:
        if old is None:
            os.environ.pop("XDG_RUNTIME_DIR")
        else:
            os.environ["XDG_RUNTIME_DIR"] = old


def _start_primary(env: dict[str, str]) -> subprocess.Popen[str]:
    """Start a first window and wait until it listens (it says so on stdout)."""
    proc = subprocess.Popen([sys.executable, "-c", PRIMARY], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # blocks until the server is up (or the process ends)
        assert line and json.loads(line) == {"listening": True}, proc.stderr.read() if proc.stderr else ""
    except BaseException:
        _stop(proc)
        raise
    return proc


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.communicate(timeout=30)  # also closes the pipes


def _launch(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


def test_a_second_launch_hands_its_arguments_to_the_running_window(env) -> None:
    primary = _start_primary(env)
    try:
        started = time.monotonic()
        second = _launch(env, "--term", "adhd")
        took = time.monotonic() - started
        assert second.returncode == 0, second.stderr
        assert "already open" in second.stderr
        assert took < 10
        assert json.loads(primary.stdout.readline())["argv"] == ["--term", "adhd"]
        third = _launch(env, "--search", "panic attack")
        assert third.returncode == 0, third.stderr
        got = json.loads(primary.stdout.readline())
        assert got["argv"] == ["--search", "panic attack"] and got["active"]
        primary.wait(timeout=30)
        assert primary.returncode == 0
    finally:
        _stop(primary)


def test_a_killed_first_instance_never_blocks_a_start(env) -> None:
    primary = _start_primary(env)
    primary.send_signal(signal.SIGKILL)
    _stop(primary)
    assert _socket(env).exists(), "the dead instance left its socket file behind"
    # The next start finds the lock free (the kernel dropped it) and becomes the window, replacing the socket.
    replacement = _start_primary(env)
    try:
        handed = _launch(env, "--search", "sleep")
        assert handed.returncode == 0 and "already open" in handed.stderr
        assert json.loads(replacement.stdout.readline())["argv"] == ["--search", "sleep"]
        replacement.wait(timeout=30)
    finally:
        _stop(replacement)


def test_benchmark_runs_never_hand_off(env) -> None:
    primary = _start_primary(env)
    try:
        out = _launch(env, "--exit-after-first-paint")
        assert out.returncode == 0 and "first paint after" in out.stderr
    finally:
        _stop(primary)


def test_claim_is_exclusive_and_released_on_exit(tmp_path: Path) -> None:
    first = instance.claim(tmp_path / "data")
    assert first.primary
    code = ("import sys; from pathlib import Path; from desktop_app import instance; "
            f"print(instance.claim(Path({str(tmp_path / 'data')!r})).state)")
    taken = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert taken.stdout.strip() == "taken"
    first.release()
    free = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert free.stdout.strip() == "primary"
