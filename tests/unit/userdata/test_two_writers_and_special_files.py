"""Issue #13, cases 1 and 5: two processes on one data folder lose nothing; links, pipes, devices and huge
files in the data folder are never followed, read without end or written over; leftovers are swept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app import fileio
from desktop_app.userdata import store
from desktop_app.userdata.store import UserData

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from desktop_app.userdata.store import UserData
    folder, me, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    ud = UserData(folder)  # loaded once, like a window left open: it never reloads by itself
    print("ready", flush=True)
    sys.stdin.readline()  # both writers start together
    for i in range(n):
        assert ud.set_note(f"{me}-{i}", f"note {i} by {me}")
        ud.set_note("shared", f"{me} {i}")
        ud.toggle_bookmark(f"{me}-mark-{i}")
        ud.record_visit(f"{me}-visit-{i % 40}", when=1_000_000 + i)
    print("done", flush=True)
    """
)


def _run_two_writers(folder: Path, n: int) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(folder), me, str(n)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True) for me in ("a", "b")]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        out, _ = p.communicate(timeout=300)
        assert p.returncode == 0 and "done" in out


def test_two_processes_writing_the_same_folder_lose_nothing(tmp_path: Path) -> None:
    """Two real processes, each with the folder loaded once, write different and the same keys 300 times."""
    folder = tmp_path / "data"
    UserData(folder).set_note("before", "written before both started")
    n = 300
    _run_two_writers(folder, n)
    ud = UserData(folder)
    assert ud.take_notices() == []
    for me in ("a", "b"):
        for i in range(n):
            assert ud.note(f"{me}-{i}") == f"note {i} by {me}", f"{me}'s note {i} was lost"
            assert ud.is_bookmarked(f"{me}-mark-{i}"), f"{me}'s bookmark {i} was lost"
    assert ud.note("before") == "written before both started"
    # The key both wrote holds one writer's last value, whole.
    assert ud.note("shared") in {f"a {n - 1}", f"b {n - 1}"}
    slugs = {v.slug for v in ud.history}
    assert {f"a-visit-{i}" for i in range(40)} <= slugs and {f"b-visit-{i}" for i in range(40)} <= slugs
    assert not list(folder.glob(".*.tmp"))


def test_each_window_sees_the_others_changes_after_its_next_write(tmp_path: Path) -> None:
    a, b = UserData(tmp_path), UserData(tmp_path)
    a.set_note("adhd", "from A")
    b.set_note("amygdala", "from B")  # B started before A saved: A's note must survive B's save
    assert b.note("adhd") == "from A"
    a.toggle_bookmark("adhd")
    b.toggle_bookmark("amygdala")
    assert UserData(tmp_path).bookmarks == ["adhd", "amygdala"]
    assert UserData(tmp_path).notes == {"adhd": "from A", "amygdala": "from B"}


def test_a_failed_write_is_applied_with_the_next_one(tmp_path: Path, monkeypatch) -> None:
    ud = UserData(tmp_path)
    real = store.write_json
    calls = {"n": 0}

    def flaky(path, data):
        calls["n"] += 1
        if calls["n"] == 1:
            raise store.UserDataError(f"cannot write {path}: No space left on device")
        real(path, data)

    monkeypatch.setattr(store, "write_json", flaky)
    assert ud.set_note("first", "kept in memory") is False
    assert ud.set_note("second", "written") is True
    assert UserData(tmp_path).notes == {"first": "kept in memory", "second": "written"}


def test_a_note_of_several_megabytes_is_refused_with_a_reason_never_cut(tmp_path: Path) -> None:
    ud = UserData(tmp_path)
    assert ud.set_note("neuron", "short and saved")
    huge = "x" * (3 * 1024 * 1024)
    assert ud.set_note("neuron", huge) is False
    notice = " ".join(ud.take_notices())
    assert "3.0 MB" in notice and "at most 256 KB" in notice and "not saved" in notice
    assert UserData(tmp_path).note("neuron") == "short and saved"
    assert ud.note("neuron") == "short and saved"


def test_a_symlinked_notes_file_is_never_followed_nor_written_through(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"
    target.write_text('{"version": 1, "notes": {"secret": "outside the data folder"}}')
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "notes.json").symlink_to(target)
    ud = UserData(folder)
    notice = " ".join(ud.take_notices())
    assert "symbolic link" in notice and "left untouched" in notice
    assert ud.notes == {}, "nothing was read through the link"
    assert ud.set_note("neuron", "new") is False
    assert target.read_text() == '{"version": 1, "notes": {"secret": "outside the data folder"}}'
    assert (folder / "notes.json").is_symlink()
    assert ud.note("neuron") == "new", "kept in memory for the session"


_OPEN_AND_WRITE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from desktop_app.userdata.store import UserData
    ud = UserData(Path(sys.argv[1]))
    ud.set_note("neuron", "x")
    print(" ".join(ud.take_notices()))
    """
)


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_pipes_devices_and_folders_do_not_hang_or_fill_memory(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    p = folder / "notes.json"
    if kind == "fifo":
        os.mkfifo(p)
    elif kind == "dev-zero":
        p.symlink_to("/dev/zero")
    else:
        p.mkdir()
    # In a subprocess: today's code blocks forever on the FIFO and reads /dev/zero until the kernel kills it.
    out = subprocess.run([sys.executable, "-c", _OPEN_AND_WRITE, str(folder)], capture_output=True, text=True,
                         timeout=30)
    assert out.returncode == 0, out.stderr
    assert "left untouched" in out.stdout
    assert (p.is_fifo() if kind == "fifo" else p.is_symlink() if kind == "dev-zero" else p.is_dir())


def test_read_regular_refuses_links_pipes_and_oversized_files(tmp_path: Path) -> None:
    f = tmp_path / "f"
    f.write_bytes(b"12345")
    assert fileio.read_regular(f, 5) == b"12345"
    with pytest.raises(fileio.FileTooBig):
        fileio.read_regular(f, 4)
    (tmp_path / "link").symlink_to(f)
    with pytest.raises(fileio.NotRegularFile, match="symbolic link"):
        fileio.read_regular(tmp_path / "link", 100)
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(fileio.NotRegularFile, match="pipe"):
        fileio.read_regular(tmp_path / "fifo", 100)


def test_stale_temporary_files_are_swept_at_start(tmp_path: Path) -> None:
    UserData(tmp_path).set_note("neuron", "kept")
    leftovers = [tmp_path / f".{name}.{i:08x}.tmp" for name in store.FILE_NAMES for i in range(3)]
    for p in leftovers:
        p.write_text("half a write")
    other = tmp_path / ".something-else.tmp"
    other.write_text("not ours")
    ud = UserData(tmp_path)
    assert not any(p.exists() for p in leftovers)
    assert other.exists(), "only the app's own temporary files are removed"
    assert ud.note("neuron") == "kept"


def test_a_file_over_the_cap_is_left_alone(tmp_path: Path) -> None:
    big = {"version": 1, "bookmarks": ["x" * 100] * (store.MAX_LIST_FILE_BYTES // 100)}
    (tmp_path / "bookmarks.json").write_text(json.dumps(big))
    ud = UserData(tmp_path)
    assert "limit" in " ".join(ud.take_notices())
    ud.toggle_bookmark("neuron")
    assert json.loads((tmp_path / "bookmarks.json").read_text()) == big
