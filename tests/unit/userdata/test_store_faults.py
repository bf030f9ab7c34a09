"""User data survives damaged files, read-only folders, full disks and a kill in the middle of a write."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop_app.userdata import atomic
from desktop_app.userdata.store import UserData


def seeded(folder: Path) -> UserData:
    ud = UserData(folder)
    ud.toggle_bookmark("neuron")
    ud.record_visit("synapse", when=1000.0)
    ud.set_note("neuron", "remember: action potentials")
    return ud


def test_round_trip(tmp_path: Path) -> None:
    seeded(tmp_path)
    ud = UserData(tmp_path)
    assert ud.bookmarks == ["neuron"]
    assert ud.recent() == ["synapse"]
    assert ud.note("neuron") == "remember: action potentials"
    assert ud.take_notices() == []


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("bookmarks.json", b'{"version": 1, "bookmarks": ["neu', "damaged"),  # truncated
        ("bookmarks.json", b"", "empty"),
        ("history.json", b"\x00\xff\xfe garbage \x13", "damaged"),
        ("notes.json", b"[1, 2, 3]", "unexpected shape"),
    ],
)
def test_damaged_file_is_set_aside_and_reported(tmp_path: Path, name: str, content: bytes, fragment: str) -> None:
    seeded(tmp_path)
    (tmp_path / name).write_bytes(content)
    ud = UserData(tmp_path)  # never raises
    notices = ud.take_notices()
    assert len(notices) == 1 and fragment in notices[0]
    kept = list(tmp_path.glob(f"{name}.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content, "the damaged file is kept, not overwritten"
    assert "It was kept as" in notices[0]
    # The other files are untouched and still load.
    if name != "bookmarks.json":
        assert ud.bookmarks == ["neuron"]
    if name != "notes.json":
        assert ud.note("neuron") == "remember: action potentials"


def test_file_from_a_newer_version_is_never_overwritten(tmp_path: Path) -> None:
    newer = {"version": 99, "bookmarks": ["future-term"], "shape": "unknown"}
    (tmp_path / "bookmarks.json").write_text(json.dumps(newer))
    ud = UserData(tmp_path)
    assert "newer version" in ud.take_notices()[0]
    ud.toggle_bookmark("neuron")  # works in memory
    assert ud.bookmarks == ["neuron"]
    assert json.loads((tmp_path / "bookmarks.json").read_text()) == newer


def test_read_only_folder_keeps_data_in_memory_and_says_so(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions; the full-disk test covers the failing write")
    folder = tmp_path / "ro"
    seeded(folder)
    os.chmod(folder, 0o500)
    try:
        ud = UserData(folder)
        ud.toggle_bookmark("synapse")
        assert ud.bookmarks == ["neuron", "synapse"]
        assert any("could not be saved" in n for n in ud.take_notices())
    finally:
        os.chmod(folder, 0o700)


def test_full_disk_during_write_loses_nothing(tmp_path: Path, monkeypatch) -> None:
    seeded(tmp_path)
    before = (tmp_path / "notes.json").read_bytes()
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()
            return False

        def write(self, _text):
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self):
            pass

        def fileno(self):
            return self.fh.fileno()

    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, *a, **k: FullDisk(real_fdopen(fd, *a, **k)))
    ud = UserData(tmp_path)
    ok = ud.set_note("neuron", "a longer note that does not fit")
    assert ok is False
    notice = ud.take_notices()[0]
    assert "No space left on device" in notice and "notes.json" in notice
    assert (tmp_path / "notes.json").read_bytes() == before, "the old file is intact"
    assert not list(tmp_path.glob(".notes.json.*.tmp")), "no temporary file is left behind"
    assert ud.note("neuron") == "a longer note that does not fit", "the text is kept in memory"


def test_export_and_import_bookmarks(tmp_path: Path) -> None:
    ud = seeded(tmp_path / "a")
    out = tmp_path / "bm.json"
    ud.export_bookmarks(out)
    other = UserData(tmp_path / "b")
    added, unknown = other.import_bookmarks(out, known={"neuron"})
    assert (added, unknown) == (1, [])
    (tmp_path / "bad.json").write_text("not json")
    with pytest.raises(ValueError, match=r"bad\.json is not a bookmarks file"):
        other.import_bookmarks(tmp_path / "bad.json")


def test_export_notes(tmp_path: Path) -> None:
    ud = seeded(tmp_path)
    out = tmp_path / "notes.md"
    ud.export_notes(out, {"neuron": "Neuron"})
    assert out.read_text() == "# My notes from Brain & Body Glossary\n\n## Neuron\n\nremember: action potentials\n"


def test_private_mode_writes_nothing(tmp_path: Path) -> None:
    ud = UserData(tmp_path / "p", private=True)
    ud.record_visit("neuron")
    assert not (tmp_path / "p").exists()
    assert ud.history == []


def test_clear_history_removes_it_from_disk(tmp_path: Path) -> None:
    ud = seeded(tmp_path)
    ud.clear_history()
    assert "synapse" not in (tmp_path / "history.json").read_text()
    assert UserData(tmp_path).history == []


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from desktop_app.userdata.store import UserData
    ud = UserData(Path(sys.argv[1]))
    i = 0
    print("ready", flush=True)
    while True:
        i += 1
        ud.set_note("neuron", f"note version {i} " + "x" * 4000)
        ud.toggle_bookmark(f"term-{i % 50}")
    """
)


@pytest.mark.slow
def test_sigkill_during_writes_never_corrupts(tmp_path: Path) -> None:
    """Kill a writer for real, many times, at random moments: every file always parses."""
    folder = tmp_path / "data"
    env = dict(os.environ)
    kills = 0
    deadline = time.monotonic() + 20
    while kills < 25 and time.monotonic() < deadline:
        with subprocess.Popen([sys.executable, "-c", WRITER, str(folder)], stdout=subprocess.PIPE, env=env) as proc:
            assert proc.stdout is not None
            proc.stdout.readline()
            time.sleep(0.02 + (kills % 7) * 0.013)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        kills += 1
        ud = UserData(folder)
        assert ud.take_notices() == [], f"damage after kill {kills}"
        if (folder / "notes.json").exists():
            assert ud.note("neuron").startswith("note version ")
    assert kills >= 10
    leftovers = list(folder.glob(".*.tmp"))
    # A kill between mkstemp and rename can leave a temporary file; it never replaces real data.
    assert all(p.name.startswith((".notes.json.", ".bookmarks.json.")) for p in leftovers)


def test_unwritable_location_keeps_data_in_memory_even_as_root(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    ud = UserData(blocker / "data")
    assert ud.toggle_bookmark("neuron") is True
    assert ud.set_note("neuron", "kept") is False
    notices = ud.take_notices()
    assert notices and all("not-a-folder" in n for n in notices)
    assert any("could not be saved" in n for n in notices)
    assert ud.bookmarks == ["neuron"] and ud.note("neuron") == "kept"
