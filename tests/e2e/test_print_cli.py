"""`brain-glossary print` as a user runs it: PDFs read back with pypdf, clear errors, no partial files."""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

import desktop_app
from desktop_app.content import crisis
from desktop_app.content.loader import load_glossary

ROOT = Path(desktop_app.__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def slugs() -> list[str]:
    names = sorted(load_glossary().terms)
    assert len(names) >= 3
    preferred = [s for s in ("rumination", "neuroplasticity") if s in names]
    return preferred + [s for s in names if s not in preferred]


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(extra)
    return env


def run(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop_app", "print", *args], capture_output=True, text=True,
                          env=env or environment(), cwd=ROOT, timeout=180, **kwargs)


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_one_sheet_without_a_display(tmp_path: Path, slugs: list[str]) -> None:
    out = tmp_path / "sheet.pdf"
    res = run(slugs[0], "-o", str(out), "--paper", "letter", "--region", "US")  # no QT_QPA_PLATFORM, no DISPLAY
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    assert re.match(r"Wrote .*sheet\.pdf: 1 term, \d+ pages? in \d+\.\d\d s", res.stdout)
    reader = PdfReader(str(out))
    term = load_glossary().terms[slugs[0]]
    texts = [norm(p.extract_text() or "") for p in reader.pages]
    assert texts[0].startswith(norm(term.title))
    assert all(norm(crisis.get_region("US").footer_text) in t for t in texts)
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]


def test_handout_with_options(tmp_path: Path, slugs: list[str]) -> None:
    out = tmp_path / "handout.pdf"
    res = run(*slugs[:3], "-o", str(out), "--paper", "a4", "--region", "gb", "--compact", "--title", "Week 3")
    assert res.returncode == 0, res.stderr
    reader = PdfReader(str(out))
    texts = [norm(p.extract_text() or "") for p in reader.pages]
    glossary = load_glossary()
    assert texts[0].startswith("Week 3")
    for slug in slugs[:3]:
        assert norm(glossary.terms[slug].title) in texts[0]  # the contents page lists every term
    uk = norm(crisis.get_region("UK").footer_text)
    assert all(uk in t for t in texts)
    assert round(float(reader.pages[0].mediabox.height)) == 842


def test_paper_follows_the_locale_when_not_given(tmp_path: Path, slugs: list[str]) -> None:
    out = tmp_path / "us.pdf"
    res = run(slugs[0], "-o", str(out), env=environment(LANG="en_US.UTF-8", LC_ALL="en_US.UTF-8"))
    assert res.returncode == 0, res.stderr
    assert round(float(PdfReader(str(out)).pages[0].mediabox.height)) == 792


def test_unknown_slug_suggests_and_writes_nothing(tmp_path: Path, slugs: list[str]) -> None:
    out = tmp_path / "x.pdf"
    typo = slugs[0][:-1] + ("x" if not slugs[0].endswith("x") else "y")
    res = run(slugs[1], typo, "-o", str(out))
    assert res.returncode == 1
    assert f"unknown term '{typo}'; did you mean '{slugs[0]}'?" in res.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_unknown_region_is_an_error(tmp_path: Path, slugs: list[str]) -> None:
    res = run(slugs[0], "-o", str(tmp_path / "x.pdf"), "--region", "ZZ")
    assert res.returncode == 1 and "unknown region 'ZZ'" in res.stderr
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_paths(tmp_path: Path, slugs: list[str]) -> None:
    missing = tmp_path / "no-such-folder" / "x.pdf"
    res = run(slugs[0], "-o", str(missing))
    assert res.returncode == 1
    assert str(missing) in res.stderr and "does not exist" in res.stderr
    (tmp_path / "file").write_text("")
    res = run(slugs[0], "-o", str(tmp_path / "file" / "x.pdf"))
    assert res.returncode == 1 and "is not a folder" in res.stderr
    assert "Traceback" not in res.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file size limits")
def test_file_size_limit_leaves_no_partial_pdf(tmp_path: Path, slugs: list[str]) -> None:
    """A real write failure from the OS (EFBIG under RLIMIT_FSIZE): clear error, old file untouched."""
    import resource

    out = tmp_path / "out.pdf"
    out.write_bytes(b"old")

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    res = run(*slugs[:2], "-o", str(out), preexec_fn=limit)
    assert res.returncode == 1, res.stdout
    assert str(out) in res.stderr and "Could not write the PDF" in res.stderr
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_full_disk_in_process(tmp_path: Path, slugs: list[str], monkeypatch, capsys) -> None:
    from desktop_app import cli
    from desktop_app.gui import printing

    def no_space(fh, data: bytes) -> None:
        fh.write(data[:100])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(printing, "_write_all", no_space)
    out = tmp_path / "out.pdf"
    assert cli.main(["print", slugs[0], "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert str(out) in err and "disk is full" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_opens_no_network_socket(tmp_path: Path, slugs: list[str]) -> None:
    """QPdfWriter only: no QPrinter, so no connection to CUPS on 127.0.0.1:631 (made in C, so traced)."""
    trace = tmp_path / "trace.txt"
    out = tmp_path / "x.pdf"
    cmd = ["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace),
           sys.executable, "-m", "desktop_app", "print", *slugs[:2], "-o", str(out)]
    res = subprocess.run(cmd, capture_output=True, text=True, env=environment(), cwd=ROOT, timeout=180)
    if res.returncode != 0 and "ptrace" in res.stderr:
        pytest.skip("ptrace is not permitted here")
    assert res.returncode == 0, res.stderr
    assert out.exists()
    lines = trace.read_text().splitlines()
    inet = [line for line in lines if "AF_INET" in line]
    assert inet == [], f"network sockets opened: {inet}"


def test_summary_sheet_for_the_uk(tmp_path: Path) -> None:
    out = tmp_path / "naloxone.pdf"
    res = run("naloxone", "-o", str(out), "--sheet", "summary", "--region", "GB", "--paper", "a4")
    assert res.returncode == 0, res.stderr
    assert re.match(r"Wrote .*naloxone\.pdf: 1 term, 1 page in \d+\.\d\d s", res.stdout)
    (page,) = PdfReader(str(out)).pages
    text = norm(page.extract_text() or "")
    assert "In plain words" in text and "When to get help" in text and "999" in text and "911" not in text
    assert norm(crisis.get_region("UK").footer_text) in text
    bad = run("naloxone", "-o", str(out), "--sheet", "poster")
    assert bad.returncode == 2 and "invalid choice: 'poster'" in bad.stderr
