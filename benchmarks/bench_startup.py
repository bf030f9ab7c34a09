"""Start-up benchmark: time to first paint and peak memory, the app beside a bare PySide6 window.

    python benchmarks/bench_startup.py [--runs N] [--app CMD ...]

Each run is a fresh process (offscreen platform), measured from spawn to exit right after the first
paint; peak RSS comes from wait4(). Runs alternate between the bare window and the app so that both
see the same machine state. Prints medians and the ratio; the target is <= 1.5x the bare window and
< 90 MiB peak.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.resize(1100, 760)
class F(QObject):
    done = False
    def eventFilter(self, o, e):
        if not self.done and e.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, app.quit)
        return False
f = F()
w.installEventFilter(f)
w.show()
QTimer.singleShot(0, w.grab)
app.exec()
"""


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}")
    return elapsed, usage.ru_maxrss / 1024  # KiB -> MiB on Linux


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--app", nargs="+", default=[sys.executable, "-m", "desktop_app", "--exit-after-first-paint"])
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BRAIN_GLOSSARY_DATA_DIR=str(tmp / "data"),
               BRAIN_GLOSSARY_CACHE_DIR=str(tmp / "cache"))
    # Measure what an installed app does: Python caches compiled modules (pip compiles them at install time).
    # Some environments set PYTHONDONTWRITEBYTECODE, which makes every start recompile every module.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    bare_cmd = [sys.executable, "-c", BARE]
    run_once(bare_cmd, env)  # warm the file cache (and the bytecode cache) for both
    run_once(args.app, env)
    run_once(args.app, env)
    bare, app = [], []
    for _ in range(args.runs):
        bare.append(run_once(bare_cmd, env))
        app.append(run_once(args.app, env))
    b_t = statistics.median(t for t, _ in bare)
    a_t = statistics.median(t for t, _ in app)
    b_m = max(m for _, m in bare)
    a_m = max(m for _, m in app)
    print(f"runs: {args.runs} each, alternating; python {sys.version.split()[0]}; {os.cpu_count()} cores")
    print(f"bare PySide6 window : median {b_t * 1000:6.0f} ms to first paint + exit, peak RSS {b_m:5.1f} MiB")
    print(f"Brain & Body app    : median {a_t * 1000:6.0f} ms to first paint + exit, peak RSS {a_m:5.1f} MiB")
    print(f"ratio app/bare      : {a_t / b_t:.2f}x time (target <= 1.5x), {a_m / b_m:.2f}x memory (target < 90 MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
