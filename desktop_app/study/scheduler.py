"""FSRS scheduling through the ``fsrs`` package (imported on first use, never before the first paint).

Grades are Anki's: 1 Again, 2 Hard, 3 Good, 4 Easy. A card's state is a plain dict (what
:mod:`desktop_app.study.progress` stores): the fields of ``fsrs.Card.to_dict()`` without its id, plus how
many times it was reviewed (``reps``) and forgotten after being learned (``lapses``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

GRADES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
DESIRED_RETENTION = 0.9


class Scheduler:
    def __init__(self, *, fuzz: bool = True, desired_retention: float = DESIRED_RETENTION):
        import fsrs  # lazily: ~10 ms, and only study mode needs it

        self._fsrs = fsrs
        self._scheduler = fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)

    def _card(self, state: dict | None, now: dt.datetime) -> Any:
        fsrs = self._fsrs
        if not state:
            return fsrs.Card(card_id=1, due=now)  # an explicit id: fsrs.Card() sleeps 1 ms to make one
        return fsrs.Card.from_dict({"card_id": 1, "state": state["state"], "step": state.get("step"),
                                    "stability": state.get("stability"), "difficulty": state.get("difficulty"),
                                    "due": state["due"], "last_review": state.get("last_review")})

    def review(self, state: dict | None, grade: int, now: dt.datetime | None = None) -> dict:
        """The card's state after a review graded 1-4 at ``now`` (UTC)."""
        if grade not in GRADES:
            raise ValueError(f"grade must be 1, 2, 3 or 4, not {grade!r}")
        now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        card = self._card(state, now)
        was_review = card.state == self._fsrs.State.Review
        card, _log = self._scheduler.review_card(card, self._fsrs.Rating(grade), review_datetime=now)
        out = card.to_dict()
        out.pop("card_id", None)
        out["reps"] = int((state or {}).get("reps") or 0) + 1
        out["lapses"] = int((state or {}).get("lapses") or 0) + (1 if was_review and grade == 1 else 0)
        return out

    def preview(self, state: dict | None, now: dt.datetime | None = None) -> dict[int, dt.timedelta]:
        """How long until the card would be due again after each grade (for the grade buttons)."""
        now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        out = {}
        for g in GRADES:
            due = dt.datetime.fromisoformat(self.review(state, g, now)["due"])
            out[g] = due - now
        return out


def interval_text(delta: dt.timedelta) -> str:
    """'<1 min', '10 min', '3 h', '4 days', '2 mo', '1.5 yr'."""
    s = delta.total_seconds()
    if s < 60:
        return "<1 min"
    if s < 3600:
        return f"{round(s / 60)} min"
    if s < 86400:
        return f"{round(s / 3600)} h"
    days = s / 86400
    if days < 30.5:
        d = round(days)
        return f"{d} day" if d == 1 else f"{d} days"
    if days < 365:
        return f"{round(days / 30.4)} mo"
    return f"{days / 365:.1f} yr"
