"""scripts/collect-notices.py --check fails when a bundled library has no notice (#17)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "collect-notices.py"


def _bundle(tmp_path: Path) -> Path:
    b = tmp_path / "brain-glossary"
    (b / "_internal").mkdir(parents=True)
    shutil.copy(sys.executable, b / "brain-glossary")  # any ELF file
    shutil.copy(sys.executable, b / "_internal" / "libfoo.so.1")
    for n in ("LICENSE", "LICENSE-CONTENT"):
        shutil.copy(ROOT / n, b / n)
    lic = b / "licenses"
    (lic / "Qt").mkdir(parents=True)
    for n in ("QT-SOURCE.txt", "LGPL-3.txt", "GPL-3.txt"):
        (lic / "Qt" / n).write_text("text\n")
    (lic / "foo.txt").write_text("Foo licence\n")
    (lic / "MANIFEST.tsv").write_text("# header\nbrain-glossary\tPyInstaller\tfoo.txt\n")
    return b


def _check(bundle: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--check", str(bundle)], capture_output=True, text=True)


def test_a_library_without_a_notice_fails(tmp_path: Path) -> None:
    done = _check(_bundle(tmp_path))
    assert done.returncode == 1
    assert "_internal/libfoo.so.1: a bundled library with no notice" in done.stderr


def test_every_library_with_a_notice_passes(tmp_path: Path) -> None:
    b = _bundle(tmp_path)
    with open(b / "licenses" / "MANIFEST.tsv", "a") as fh:
        fh.write("_internal/libfoo.so.1\tfoo 1.0\tfoo.txt\n")
    done = _check(b)
    assert done.returncode == 0, done.stderr
    (b / "licenses" / "foo.txt").write_text("")
    assert _check(b).returncode == 1  # an empty notice does not count
