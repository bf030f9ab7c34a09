#!/usr/bin/env python3
"""Check that requirements/lock.txt and requirements/runtime.txt are in step with pyproject.toml (offline).

    python3 scripts/check-lock.py

Fails (exit 1, naming the fix: `bash scripts/lock.sh`) when a dependency of pyproject.toml (runtime, any
extra, the build backend, the wheel's build-hook dependencies) or of requirements/build-system.in has no pin
in the lock, a pin is outside its range, a pin carries no hash, or runtime.txt differs from lock.txt.
scripts/dev.sh runs it before it installs anything, so a branch that adds a dependency without re-locking
fails at set-up with that message instead of a missing import later.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

try:
    from packaging.markers import Marker
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # a bare interpreter: pip vendors packaging
    from pip._vendor.packaging.markers import Marker  # type: ignore[no-redef]
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]
    from pip._vendor.packaging.utils import canonicalize_name  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
REQ = ROOT / "requirements"


def read_lock(path: Path) -> dict[str, tuple[str, int, str]]:
    """name -> (version, number of hashes, marker text) of a pip-compile/uv style requirements file, for the
    pins whose environment marker holds here."""
    pins: dict[str, tuple[str, int, str]] = {}
    text = path.read_text(encoding="utf-8")
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        block = "\n".join(line for line in block.splitlines() if not line.lstrip().startswith("#"))
        if not block.strip():
            continue
        m = re.match(r"([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\\n]*))?", block)
        if not m:
            continue
        marker = (m.group(3) or "").strip()
        if marker and not Marker(marker).evaluate():
            continue  # a pin for another platform or Python (the lock is universal): checked where it applies
        pins[canonicalize_name(m.group(1))] = (m.group(2), block.count("--hash=sha256:"), marker)
    return pins


def main() -> int:
    py = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    runtime = [Requirement(r) for r in py["project"]["dependencies"]]
    wanted = list(runtime)
    for extra in py["project"].get("optional-dependencies", {}).values():
        wanted += [Requirement(r) for r in extra]
    wanted += [Requirement(r) for r in py["build-system"]["requires"]]
    hook = py.get("tool", {}).get("hatch", {}).get("build", {}).get("targets", {}).get("wheel", {})
    wanted += [Requirement(r) for r in hook.get("hooks", {}).get("custom", {}).get("dependencies", [])]
    for line in (REQ / "build-system.in").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            wanted.append(Requirement(line))
    problems = []
    lock, run = read_lock(REQ / "lock.txt"), read_lock(REQ / "runtime.txt")

    def check(req: Requirement, pins: dict[str, tuple[str, int, str]], where: str) -> None:
        if req.marker is not None and not req.marker.evaluate():
            return
        name = canonicalize_name(req.name)
        if name not in pins:
            problems.append(f"{req} (pyproject.toml) has no pin in {where}")
        elif req.specifier and not req.specifier.contains(pins[name][0], prereleases=True):
            problems.append(f"{where} pins {name}=={pins[name][0]}, outside {req}")

    for req in wanted:
        check(req, lock, "requirements/lock.txt")
    for req in runtime:
        check(req, run, "requirements/runtime.txt")
    for where, pins in (("lock.txt", lock), ("runtime.txt", run)):
        problems += [f"requirements/{where}: {n}=={v} has no --hash" for n, (v, h, _) in pins.items() if h == 0]
    problems += [f"requirements/runtime.txt pins {n}=={v[0]} but lock.txt {lock.get(n, ('nothing',))[0]}"
                 for n, v in run.items() if lock.get(n, (None,))[0] != v[0]]
    if problems:
        for p in problems:
            print(f"check-lock: {p}", file=sys.stderr)
        print("check-lock: the lock is out of step with pyproject.toml: run `bash scripts/lock.sh` and commit "
              "requirements/", file=sys.stderr)
        return 1
    print(f"check-lock: ok ({len(lock)} pins in lock.txt, {len(run)} in runtime.txt, all hashed, all in range)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
