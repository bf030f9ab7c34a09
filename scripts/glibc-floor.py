#!/usr/bin/env python3
"""The oldest glibc (and libstdc++) a bundle runs on: the highest GLIBC_ (GLIBCXX_) symbol version that any
ELF file of the bundle needs, read with `objdump -T`.

    python3 scripts/glibc-floor.py dist/brain-glossary [--max 2.36]

Prints the floor and the files that set it; with --max, exits 1 when the bundle needs a newer glibc than the
documented floor (docs/packaging.md, README), so a build host upgrade cannot raise it silently.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

SYM = re.compile(r"\b(GLIBC|GLIBCXX)_([0-9]+(?:\.[0-9]+)*)\b")


def version(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split("."))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("bundle")
    ap.add_argument("--max", help="the documented glibc floor; fail if the bundle needs more")
    args = ap.parse_args()
    elves = []
    for p in sorted(Path(args.bundle).rglob("*")):
        if p.is_file() and not p.is_symlink():
            with open(p, "rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    elves.append(p)
    need: dict[str, dict[tuple[int, ...], list[str]]] = {"GLIBC": {}, "GLIBCXX": {}}
    for i in range(0, len(elves), 50):
        chunk = elves[i:i + 50]
        out = subprocess.run(["objdump", "-T", *map(str, chunk)], capture_output=True, text=True).stdout
        current = None
        for line in out.splitlines():
            if ":     file format" in line:
                current = line.split(":", 1)[0]
                continue
            for lib, ver in SYM.findall(line):
                need[lib].setdefault(version(ver), []).append(current or "?")
    if not need["GLIBC"]:
        print(f"glibc-floor: no GLIBC_ symbol versions found in {len(elves)} ELF files", file=sys.stderr)
        return 1
    floor = max(need["GLIBC"])
    files = sorted({Path(f).name for f in need["GLIBC"][floor]})
    text = ".".join(map(str, floor))
    print(f"glibc-floor: the bundle ({len(elves)} ELF files) needs glibc >= {text} (set by {', '.join(files[:5])})")
    if need["GLIBCXX"]:
        cxx = max(need["GLIBCXX"])
        print(f"glibc-floor: and the host's libstdc++ with GLIBCXX_{'.'.join(map(str, cxx))} "
              f"(by {', '.join(sorted({Path(f).name for f in need['GLIBCXX'][cxx]})[:3])})")
    if args.max and floor > version(args.max):
        print(f"glibc-floor: FAIL: glibc {text} is newer than the documented floor {args.max}: update "
              "docs/packaging.md, the README and GLIBC_FLOOR in scripts/build-bundle.sh, or build on an older "
              "system", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
