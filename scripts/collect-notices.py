#!/usr/bin/env python3
"""Collect the third-party notices of everything the PyInstaller bundle ships, and check them.

    .venv/bin/python scripts/collect-notices.py [dist/brain-glossary]          collect, then check
    .venv/bin/python scripts/collect-notices.py --check [dist/brain-glossary]  check only

Run it with the interpreter that built the bundle, after `pyinstaller build.spec` (scripts/build-bundle.sh
does both). build.spec writes build/bundle-sources.json: every bundled binary and Python module with the
file it came from. Each source is traced to its owner:

* a Python distribution (its RECORD lists the file): the licence files of its dist-info (PEP 639
  ``licenses/`` or LICENSE*/COPYING*/NOTICE*), else packaging/notices/<Name>.txt; PySide6 and shiboken6
  (no licence files in their wheels) get the LGPL-3.0, GPL-3.0 and GPL-2.0 texts and QT-SOURCE.txt with the
  exact Qt/PySide6 versions and where their source is; the ICU inside Qt gets packaging/notices/ICU.txt;
* a Debian package (``dpkg -S``): its /usr/share/doc/PKG/copyright, plus each /usr/share/common-licenses
  text that file refers to;
* the Python interpreter itself (libpython, lib-dynload, the standard library): Python's LICENSE;
* this project: LICENSE and LICENSE-CONTENT, also copied to the top of the bundle.

Output, in <bundle>/licenses/: README.txt (what is where), MANIFEST.tsv (every ELF file of the bundle ->
its component -> its notice files), python/, debian/, common-licenses/, Qt/, app/.

The check (always run after collecting) fails, naming the file, when any ELF file in the bundle is missing
from MANIFEST.tsv or a notice it names is missing or empty: a library added to the bundle without a notice
fails CI.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTICES = ROOT / "packaging" / "notices"
LICENSE_NAMES = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.I)
QT_DISTS = {"pyside6-essentials", "pyside6", "shiboken6"}


def fail(msg: str) -> None:
    print(f"collect-notices: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


class Owners:
    """Maps a source file to the component that owns it."""

    def __init__(self) -> None:
        self.by_file: dict[str, md.Distribution] = {}
        for dist in md.distributions():
            for f in dist.files or []:
                try:
                    self.by_file[os.path.realpath(dist.locate_file(f))] = dist
                except Exception:
                    continue
        # The standard library (and lib-dynload) only: sys.base_prefix may be /usr, which holds everything.
        self.stdlib = os.path.realpath(sysconfig.get_paths()["stdlib"])
        self.dpkg_owner: dict[str, str] = {}

    @staticmethod
    def _variants(path: str) -> list[str]:
        out = []
        for p in (path, os.path.realpath(path)):
            out += [p, p[4:] if p.startswith("/usr/") else "/usr" + p]  # merged /usr: dpkg knows one spelling
        return list(dict.fromkeys(out))

    def ask_dpkg(self, paths: list[str]) -> None:
        """One `dpkg -S` for every path (a call per file takes ~0.3 s)."""
        if not shutil.which("dpkg") or not paths:
            return
        wanted = sorted({v for p in paths for v in self._variants(p)})
        out = subprocess.run(["dpkg", "-S", *wanted], capture_output=True, text=True).stdout
        for line in out.splitlines():
            pkgs, _, path = line.partition(": ")
            if path and not line.startswith("diversion"):
                self.dpkg_owner[path.strip()] = pkgs.split(",")[0].split(":")[0].strip()

    def dpkg(self, path: str) -> str | None:
        return next((self.dpkg_owner[v] for v in self._variants(path) if v in self.dpkg_owner), None)

    def owner(self, src: str) -> tuple[str, object]:
        real = os.path.realpath(src)
        if real.startswith(str(ROOT) + os.sep) and "/site-packages/" not in real:
            return "app", None
        dist = self.by_file.get(real)
        if dist is not None:
            if canon(dist.metadata["Name"]) == "brain-body-glossary":
                return "app", None
            return "python", dist
        if real.startswith(self.stdlib + os.sep) or os.path.basename(real).startswith("libpython"):
            return "cpython", None
        pkg = self.dpkg(src)
        if pkg:
            return "debian", pkg
        return "unknown", None


def copy(src: Path, dest: Path) -> str:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    dest.chmod(0o644)
    return str(dest)


def dpkg_version(pkg: str) -> str:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True)
    return out.stdout.strip() or "?"


def collect(bundle: Path) -> None:
    sources_path = ROOT / "build" / "bundle-sources.json"
    if not sources_path.is_file():
        fail(f"{sources_path} is missing: run `pyinstaller build.spec` first")
    sources = json.loads(sources_path.read_text(encoding="utf-8"))
    internal = bundle / "_internal"
    out = bundle / "licenses"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    owners = Owners()
    rel = lambda p: os.path.relpath(p, out)  # noqa: E731

    # ------------------------------------------------------------------ the app itself
    app_notices = [rel(copy(ROOT / n, out / "app" / n)) for n in ("LICENSE", "LICENSE-CONTENT")]
    for n in ("LICENSE", "LICENSE-CONTENT"):
        copy(ROOT / n, bundle / n)

    # ------------------------------------------------------------------ components
    components: dict[str, dict] = {}  # key -> {"title", "notices", "files"}

    def python_notices(dist: md.Distribution) -> tuple[str, list[str]]:
        name, version = dist.metadata["Name"], dist.version
        key = f"python:{canon(name)}"
        if key in components:
            return key, components[key]["notices"]
        dest = out / "python" / f"{name}-{version}"
        notices = []
        for f in dist.files or []:
            parts = Path(str(f)).parts
            if parts and parts[0].endswith(".dist-info") and (
                    "licenses" in parts or (len(parts) == 2 and LICENSE_NAMES.match(parts[1]))):
                notices.append(rel(copy(Path(dist.locate_file(f)), dest / Path(*parts[1:]))))
        vendored = NOTICES / f"{name}.txt"
        if not notices and vendored.is_file():
            notices.append(rel(copy(vendored, dest / "NOTICE.txt")))
        if canon(name) in QT_DISTS:
            notices += qt_notices()
        lic = dist.metadata.get("License-Expression") or dist.metadata.get("License") or "?"
        components[key] = {"title": f"{name} {version} (Python package; licence: {lic.splitlines()[0]})",
                           "notices": notices, "files": []}
        return key, notices

    qt_done: list[str] = []

    def qt_notices() -> list[str]:
        if qt_done:
            return qt_done
        for text in ("LGPL-3", "GPL-3", "GPL-2"):
            src = Path("/usr/share/common-licenses") / text
            if not src.is_file():
                fail(f"{src} is missing (Debian's base-files package has it): the Qt licence texts are needed")
            qt_done.append(rel(copy(src, out / "Qt" / f"{text}.txt")))
        qt_done.append(rel(write_qt_source(out / "Qt" / "QT-SOURCE.txt")))
        return qt_done

    def add(key: str, title: str, notices: list[str], dest: str) -> None:
        components.setdefault(key, {"title": title, "notices": notices, "files": []})["files"].append(dest)

    cpython_notices: list[str] = []

    def cpython() -> list[str]:
        if not cpython_notices:
            candidates = [Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt",
                          Path(f"/usr/share/doc/libpython{sys.version_info[0]}.{sys.version_info[1]}/copyright")]
            src = next((c for c in candidates if c.is_file()), None)
            if src is None:
                fail(f"no licence file of Python itself (looked for {', '.join(map(str, candidates))})")
            cpython_notices.append(rel(copy(src, out / "python" / f"Python-{sys.version.split()[0]}" / "LICENSE.txt")))
        return cpython_notices

    owners.ask_dpkg([src for _d, src in sources["binaries"] if src and os.path.realpath(src) not in owners.by_file])
    common_needed: set[str] = set()
    unknown = []
    entries = [*sources["binaries"], *sources["datas"], *sources["pure"]]
    for dest, src in entries:
        if not src or not os.path.exists(src):
            continue
        kind, who = owners.owner(src)
        if kind == "app":
            add("app", "Brain & Body Glossary (MIT; content CC BY 4.0)", app_notices, dest)
        elif kind == "python":
            key, notices = python_notices(who)
            if Path(dest).name.startswith("libicu"):
                key = "icu"
                notices = [rel(copy(NOTICES / "ICU.txt", out / "Qt" / "ICU.txt")), *notices]
                add(key, f"ICU (inside the Qt of {who.metadata['Name']} {who.version}; Unicode/ICU licence)",
                    notices, dest)
            else:
                components[key]["files"].append(dest)
        elif kind == "debian":
            copyright_file = Path("/usr/share/doc") / who / "copyright"
            if not copyright_file.is_file():
                fail(f"{dest} comes from the Debian package {who}, which has no {copyright_file}")
            text = copyright_file.read_text(encoding="utf-8", errors="replace")
            common_needed.update(re.findall(r"/usr/share/common-licenses/([A-Za-z0-9.+_-]+)", text))
            notice = rel(copy(copyright_file, out / "debian" / who / "copyright"))
            add(f"debian:{who}", f"{who} {dpkg_version(who)} (Debian package)", [notice], dest)
        elif kind == "cpython":
            add("cpython", f"Python {sys.version.split()[0]} (PSF-2.0)", cpython(), dest)
        else:
            unknown.append(f"{dest} (from {src})")
    # The executable is PyInstaller's bootloader (GPL-2.0-or-later with the bootloader exception).
    pyi = md.distribution("pyinstaller")
    key, _ = python_notices(pyi)
    components[key]["files"].append("brain-glossary")
    components[key]["title"] += "; its bootloader is the executable brain-glossary"
    for name in sorted(common_needed):
        src = Path("/usr/share/common-licenses") / name.rstrip(".")
        if src.is_file():
            copy(src, out / "common-licenses" / src.name)
    if unknown:
        fail("no owner (Python distribution, Debian package, Python itself or the app) found for:\n  "
             + "\n  ".join(unknown))

    # ------------------------------------------------------------------ manifest and README
    lines = ["# file (relative to the bundle)\tcomponent\tnotices (relative to licenses/)"]
    for _key, comp in sorted(components.items()):
        for dest in sorted(set(comp["files"])):
            path = internal / dest
            if path.is_file() and is_elf(path):
                lines.append(f"_internal/{dest}\t{comp['title']}\t{' '.join(comp['notices'])}")
            elif dest == "brain-glossary":
                lines.append(f"brain-glossary\t{comp['title']}\t{' '.join(comp['notices'])}")
    (out / "MANIFEST.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    readme = [
        "Third-party notices of the Brain & Body Glossary bundle",
        "=======================================================",
        "",
        "The program is MIT-licensed (LICENSE); the glossary content is CC BY 4.0 (LICENSE-CONTENT). The bundle",
        "also contains the components below, each under its own licence; the notices are in this folder.",
        "MANIFEST.tsv maps every binary file of the bundle to its component and notices.",
        "Qt/QT-SOURCE.txt says which Qt and PySide6 this is and where to get their source (LGPL-3.0).",
        "common-licenses/ holds the licence texts that the Debian copyright files refer to.",
        "",
    ]
    for _key, comp in sorted(components.items(), key=lambda kv: kv[1]["title"].lower()):
        readme.append(f"- {comp['title']}")
        readme.append(f"    notices: {', '.join(comp['notices']) or '(none)'}")
    (out / "README.txt").write_text("\n".join(readme) + "\n", encoding="utf-8")
    for p in [out, *out.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    print(f"collect-notices: {len(components)} components, {len(lines) - 1} binary files, "
          f"{sum(1 for p in out.rglob('*') if p.is_file())} notice files in {out}")


def write_qt_source(path: Path) -> Path:
    import PySide6
    from PySide6 import QtCore

    qt, pyside = QtCore.qVersion(), PySide6.__version__
    major_minor = ".".join(qt.split(".")[:2])
    ps_mm = ".".join(pyside.split(".")[:2])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"""Qt and Qt for Python (PySide6) in this bundle
=============================================

Qt {qt}  (libQt6*.so.6, the Qt plugins under _internal/PySide6/Qt/plugins)
PySide6 {pyside} and shiboken6 {pyside}  (_internal/PySide6, _internal/shiboken6)

Both come unmodified from the PySide6-Essentials {pyside} and shiboken6 {pyside} wheels on PyPI, and are used
under the GNU Lesser General Public License v3 (LGPL-3.0-only; LGPL-3.txt, which supplements GPL-3.txt,
both in this folder). The Qt libraries are separate shared libraries in _internal/: you may replace them
with your own build of the same Qt version (binary compatible) and the app will use it.

Source code:
  Qt {qt}:       https://download.qt.io/official_releases/qt/{major_minor}/{qt}/single/qt-everywhere-src-{qt}.tar.xz
                 (archived versions: https://download.qt.io/archive/qt/{major_minor}/{qt}/)
  PySide6 {pyside}: https://download.qt.io/official_releases/QtForPython/pyside6/PySide6-{pyside}-src/
                 (git: https://code.qt.io/cgit/pyside/pyside-setup.git/, tag v{pyside}; branch {ps_mm})

Written offer: for three years from the date you received this bundle, the Brain & Body Glossary
developers will give anyone who asks a copy of the complete corresponding source of the Qt and PySide6
versions above, on a medium customarily used for software interchange, for no more than the cost of
making and sending it. Ask through the project's issue tracker.

Qt itself contains third-party code under permissive licences (e.g. HarfBuzz, PCRE2, md4c, zlib): they are
listed with their licences at https://doc.qt.io/qt-{major_minor.split('.')[0]}/licenses-used-in-qt.html and
in the Qt source above (qt_attribution.json files).
""", encoding="utf-8")
    return path


def check(bundle: Path) -> int:
    out = bundle / "licenses"
    manifest = out / "MANIFEST.tsv"
    problems = []
    if not manifest.is_file():
        problems.append(f"{manifest} is missing")
        listed: dict[str, list[str]] = {}
    else:
        listed = {}
        for line in manifest.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            f, _title, notices = line.split("\t")
            listed[f] = notices.split()
    for n in ("LICENSE", "LICENSE-CONTENT"):
        if not (bundle / n).is_file():
            problems.append(f"{bundle / n} is missing")
    elves = 0
    for path in sorted(p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()):
        if not is_elf(path):
            continue
        elves += 1
        r = path.relative_to(bundle).as_posix()
        if r not in listed:
            problems.append(f"{r}: a bundled library with no notice (not in licenses/MANIFEST.tsv)")
            continue
        if not listed[r]:
            problems.append(f"{r}: no notice file named")
        for n in listed[r]:
            p = out / n
            if not p.is_file() or p.stat().st_size == 0:
                problems.append(f"{r}: its notice {n} is missing or empty")
    for q in ("Qt/QT-SOURCE.txt", "Qt/LGPL-3.txt", "Qt/GPL-3.txt"):
        if not (out / q).is_file():
            problems.append(f"licenses/{q} is missing")
    if problems:
        for p in problems:
            print(f"collect-notices: {p}", file=sys.stderr)
        print(f"collect-notices: FAIL: {len(problems)} problem(s); run scripts/collect-notices.py after the build, "
              "and add an owner or packaging/notices/<Name>.txt for a new library", file=sys.stderr)
        return 1
    print(f"collect-notices: check ok: all {elves} ELF files of {bundle} have notices")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "brain-glossary"))
    ap.add_argument("--check", action="store_true", help="only check an already collected bundle")
    args = ap.parse_args()
    bundle = Path(args.bundle)
    if not args.check:
        collect(bundle)
    return check(bundle)


if __name__ == "__main__":
    sys.exit(main())
