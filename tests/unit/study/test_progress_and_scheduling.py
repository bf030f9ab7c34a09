"""FSRS scheduling persisted in study.json: merge-safe with two writers, private mode, damaged files."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap

from desktop_app.content import crisis
from desktop_app.content.loader import load_glossary
from desktop_app.study.cards import cards_for_term
from desktop_app.study.progress import FILE_NAME, StudyProgress
from desktop_app.study.scheduler import Scheduler, interval_text
from desktop_app.study.session import ReviewSession

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def test_fsrs_schedules_and_the_state_survives_a_restart(tmp_path) -> None:
    sched = Scheduler(fuzz=False)
    p = StudyProgress(tmp_path)
    s = sched.review(None, 3, T0)  # Good on a new card: FSRS's learning step (10 minutes)
    assert dt.datetime.fromisoformat(s["due"]) - T0 == dt.timedelta(minutes=10) and s["reps"] == 1
    assert p.record("ocd/definition", s)
    s2 = sched.review(p.state("ocd/definition"), 3, T0 + dt.timedelta(minutes=10))
    assert p.record("ocd/definition", s2)
    due2 = dt.datetime.fromisoformat(s2["due"])
    assert due2 - T0 >= dt.timedelta(days=1)  # graduated: days, from FSRS's stability
    # A new process (another start of the app) reads the same state and schedules from it.
    again = StudyProgress(tmp_path)
    assert again.state("ocd/definition") == p.state("ocd/definition")
    assert again.due_counts(["ocd/definition", "ocd/faq/x"], T0) == (0, 1)
    assert again.due_counts(["ocd/definition"], due2 + dt.timedelta(seconds=1)) == (1, 0)
    forgot = sched.review(again.state("ocd/definition"), 1, due2)
    assert forgot["lapses"] == 1 and dt.datetime.fromisoformat(forgot["due"]) - due2 == dt.timedelta(minutes=10)
    # The four buttons' intervals grow from Again to Easy.
    pv = sched.preview(again.state("ocd/definition"), due2)
    assert pv[1] < pv[2] <= pv[3] <= pv[4]
    data = json.loads((tmp_path / FILE_NAME).read_text())
    assert data["version"] == 1 and set(data["cards"]["ocd/definition"]) >= {"state", "stability", "difficulty", "due"}


def test_interval_text() -> None:
    assert [interval_text(dt.timedelta(seconds=s)) for s in (5, 600, 7200, 86400, 4 * 86400, 90 * 86400)] == [
        "<1 min", "10 min", "2 h", "1 day", "4 days", "3 mo"]


def test_two_progress_objects_keep_each_others_reviews(tmp_path) -> None:
    sched = Scheduler(fuzz=False)
    a, b = StudyProgress(tmp_path), StudyProgress(tmp_path)  # two windows, opened at the same time
    a.record("a/definition", sched.review(None, 3, T0))
    b.record("b/definition", sched.review(None, 4, T0))
    assert set(StudyProgress(tmp_path).cards) == {"a/definition", "b/definition"}
    # Both reviewed the same card: the later review wins, whichever writes last.
    later = sched.review(None, 4, T0 + dt.timedelta(hours=1))
    a.record("c/definition", later)
    b.record("c/definition", sched.review(None, 1, T0))
    assert StudyProgress(tmp_path).state("c/definition")["last_review"] == later["last_review"]
    assert b.state("c/definition")["last_review"] == later["last_review"]  # b now holds the merged truth


_WRITER = textwrap.dedent("""
    import datetime as dt, sys
    from desktop_app.study.progress import StudyProgress
    from desktop_app.study.scheduler import Scheduler
    folder, who, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sched = Scheduler(fuzz=False)
    p = StudyProgress(folder)
    t = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    for i in range(rounds):
        p.record(f"{who}/card/{i}", sched.review(None, 3, t))
        p.record("shared/card", sched.review(p.state("shared/card"), 3, t + dt.timedelta(minutes=i)))
    assert not p.notices, p.notices
""")


def test_two_writer_processes_lose_nothing(tmp_path) -> None:
    rounds = 60
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path), who, str(rounds)],
                              stderr=subprocess.PIPE, text=True) for who in ("one", "two")]
    for p in procs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    cards = StudyProgress(tmp_path).cards
    for who in ("one", "two"):
        assert all(f"{who}/card/{i}" in cards for i in range(rounds))
    assert "shared/card" in cards
    assert not [f for f in tmp_path.iterdir() if f.name.endswith(".tmp")]


def test_private_mode_writes_nothing_but_the_session_works(tmp_path) -> None:
    g = load_glossary()
    cards = cards_for_term(g.terms["ocd"], crisis.get_region("US"))
    p = StudyProgress(tmp_path, private=True)
    s = ReviewSession(cards, p, Scheduler(fuzz=False), clock=lambda: T0)
    n = len(s.queue)
    while s.current is not None:
        s.show_answer()
        s.grade(3)
    summary = s.summary
    assert summary.reviewed == n and summary.finished and not summary.saved
    assert "not recorded" in summary.text(T0)
    assert list(tmp_path.iterdir()) == []  # no file, no lock file
    assert len(p.cards) == n  # held in memory for the session


def test_damaged_and_special_files(tmp_path) -> None:
    (tmp_path / FILE_NAME).write_text("{not json")
    p = StudyProgress(tmp_path)
    assert p.cards == {} and any("could not be read" in n for n in p.take_notices())
    assert any(f.name.startswith(f"{FILE_NAME}.damaged-") for f in tmp_path.iterdir())
    assert p.record("x/definition", Scheduler(fuzz=False).review(None, 3, T0))
    # A link is never followed nor written over.
    other = tmp_path / "other"
    other.mkdir()
    target = tmp_path / "target.json"
    target.write_text("{}")
    (other / FILE_NAME).symlink_to(target)
    q = StudyProgress(other)
    assert not q.record("x/definition", Scheduler(fuzz=False).review(None, 3, T0))
    assert target.read_text() == "{}" and q.take_notices()
    # Entries of the wrong shape are dropped, the rest kept.
    (tmp_path / FILE_NAME).write_text(json.dumps({"version": 1, "cards": {
        "ok/definition": {"state": 2, "due": "2026-12-01T09:00:00+00:00"}, "bad": {"state": "x"}, "worse": 3}}))
    assert set(StudyProgress(tmp_path).cards) == {"ok/definition"}


def test_session_order_due_first_then_new_and_again_comes_back(tmp_path) -> None:
    g = load_glossary()
    cards = cards_for_term(g.terms["ocd"], crisis.get_region("US"))
    sched = Scheduler(fuzz=False)
    p = StudyProgress(tmp_path)
    p.record(cards[-1].card_id, sched.review(None, 3, T0 - dt.timedelta(days=3)))  # due since 3 days
    s = ReviewSession(cards, p, sched, clock=lambda: T0, new_limit=2)
    assert s.due_count == 1 and s.new_count == len(cards) - 1
    assert [c.card_id for c in s.queue] == [cards[-1].card_id, cards[0].card_id, cards[1].card_id]
    s.show_answer()
    s.grade(1)
    assert s.queue[-1] is cards[-1]
    s.end()
    assert s.summary.left == 3 and not s.summary.finished and s.current is None
