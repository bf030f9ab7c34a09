"""Saved handout lists: round trip, atomic writes, and clear errors naming the file."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from desktop_app.userdata import handouts
from desktop_app.userdata.handouts import Handout, HandoutFileError, load_handout, parse_handout, save_handout


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "week3.handout.json"
    original = Handout(title="Week 3 — revision", slugs=["rumination", "cbt", "depression"], compact=True)
    save_handout(path, original)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == {"version": 1, "title": "Week 3 — revision", "slugs": ["rumination", "cbt", "depression"],
                    "compact": True}
    assert load_handout(path) == original
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_overwrite_keeps_permissions_readable(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    save_handout(path, Handout(slugs=["a"]))
    save_handout(path, Handout(slugs=["b"]))
    assert load_handout(path).slugs == ["b"]
    if os.name == "posix":
        assert path.stat().st_mode & 0o044  # not a private 0600 temp-file mode


def test_unknown_slugs_are_kept_for_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"version": 1, "title": "t", "slugs": ["from-a-newer-glossary"], "compact": false}')
    assert load_handout(path).slugs == ["from-a-newer-glossary"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "it is empty"),
        (b'{"version": 1, "slugs": [', "it is damaged"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2]", "expected a JSON object"),
        (b'{"slugs": []}', "no format version"),
        (b'{"version": 2, "slugs": []}', "newer version of the app"),
        (b'{"version": 1, "slugs": "rumination"}', "'slugs' must be a list"),
        (b'{"version": 1, "slugs": ["Not A Slug"]}', "item 1 of 'slugs'"),
        (b'{"version": 1, "slugs": [], "compact": "yes"}', "'compact' must be true or false"),
        (b'{"version": 1, "slugs": [], "title": 5}', "'title' must be text"),
    ],
)
def test_damaged_file_gives_clear_error_naming_the_file(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "list.json"
    path.write_bytes(content)
    with pytest.raises(HandoutFileError) as info:
        load_handout(path)
    assert str(path) in str(info.value)
    assert reason in str(info.value)
    assert path.read_bytes() == content  # the user's file is never touched


def test_missing_folder_and_directory(tmp_path: Path) -> None:
    with pytest.raises(HandoutFileError, match="does not exist"):
        load_handout(tmp_path / "nope.json")
    with pytest.raises(HandoutFileError, match="is a folder"):
        load_handout(tmp_path)
    with pytest.raises(HandoutFileError, match="is a folder"):
        save_handout(tmp_path, Handout())
    target = tmp_path / "no-such-folder" / "list.json"
    with pytest.raises(HandoutFileError) as info:
        save_handout(target, Handout(slugs=["a"]))
    assert str(target) in str(info.value)


def test_huge_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (handouts.MAX_FILE_BYTES + 1))
    with pytest.raises(HandoutFileError, match="far too big"):
        load_handout(path)


def test_failed_write_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "list.json"
    save_handout(path, Handout(title="old", slugs=["a"]))
    before = path.read_bytes()

    def full_disk(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(handouts.os, "replace", full_disk)
    with pytest.raises(HandoutFileError) as info:
        save_handout(path, Handout(title="new", slugs=["b"]))
    assert str(path) in str(info.value) and "No space left" in str(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.json"]


def test_parse_trims_title_and_accepts_bom() -> None:
    h = parse_handout('{"version": 1, "title": "  T  ", "slugs": []}')
    assert h.title == "T" and h.slugs == [] and h.compact is False


def test_load_accepts_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes("\ufeff".encode() + b'{"version": 1, "title": null, "slugs": ["a-b"]}')
    assert load_handout(path) == Handout(title="", slugs=["a-b"], compact=False)
