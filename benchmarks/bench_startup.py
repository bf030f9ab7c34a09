"""Start-up benchmark: time to first paint and peak memory, the app beside a bare PySide6 window.

    python benchmarks/bench_startup.py [--runs N] [--platform offscreen|xcb] [--app CMD ...]

Each run is a fresh process (offscreen platform by default; ``--platform xcb`` uses the X server in
$DISPLAY, e.g. Xvfb), measured from spawn to exit right after the first paint; peak RSS comes from wait4(). Runs alternate between the bare window and the app so that both
see the same machine state. Prints medians and the ratio; the target is <= 1.5x the bare window and
< 90 MiB peak.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import sys, time
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
            print(f"first paint (wall {time.time():.6f})", file=sys.stderr)
            QTimer.singleShot(0, lambda: print(f"first frame done (wall {time.time():.6f})", file=sys.stderr))
            QTimer.singleShot(0, app.quit)
        return False
f = F()
w.installEventFilter(f)
w.show()
QTimer.singleShot(0, w.grab)
app.exec()
"""


PAINT_RE = re.compile(r"first paint.*\(wall (\d+\.\d+)\)")
FRAME_RE = re.compile(r"first frame done \(wall (\d+\.\d+)\)")


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """Returns seconds from spawn to exit, to the first paint event, to the end of that first frame, and the
    peak RSS in MiB."""
    with tempfile.TemporaryFile() as err:
        wall0 = time.time()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}")
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    paint, frame = PAINT_RE.search(text), FRAME_RE.search(text)
    to_paint = float(paint.group(1)) - wall0 if paint else float("nan")
    to_frame = float(frame.group(1)) - wall0 if frame else float("nan")
    return elapsed, to_paint, to_frame, usage.ru_maxrss / 1024  # KiB -> MiB on Linux


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--platform", default="offscreen", help="Qt platform plugin (default offscreen)")
    ap.add_argument("--app", nargs="+", default=[sys.executable, "-m", "desktop_app", "--exit-after-first-paint"])
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    env = dict(os.environ, QT_QPA_PLATFORM=args.platform, BRAIN_GLOSSARY_DATA_DIR=str(tmp / "data"),
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
    def med(runs: list, i: int) -> float:
        return statistics.median(r[i] for r in runs)

    b_t, b_p, b_f = med(bare, 0), med(bare, 1), med(bare, 2)
    a_t, a_p, a_f = med(app, 0), med(app, 1), med(app, 2)
    b_m = max(r[3] for r in bare)
    a_m = max(r[3] for r in app)
    print(f"runs: {args.runs} each, alternating; python {sys.version.split()[0]}; {os.cpu_count()} cores; "
          f"platform {args.platform}")
    print("medians from process spawn: to the first paint event / to the end of that first frame / to exit")
    print(f"bare PySide6 window : {b_p * 1000:4.0f} / {b_f * 1000:4.0f} / {b_t * 1000:4.0f} ms, "
          f"peak RSS {b_m:5.1f} MiB")
    print(f"Brain & Body app    : {a_p * 1000:4.0f} / {a_f * 1000:4.0f} / {a_t * 1000:4.0f} ms, "
          f"peak RSS {a_m:5.1f} MiB")
    print(f"ratio app/bare      : {a_p / b_p:.2f}x to first paint (target <= 1.5x), {a_f / b_f:.2f}x to the end "
          f"of the first frame, {a_t / b_t:.2f}x to exit; peak memory {a_m:.0f} MiB (target < 90 MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
