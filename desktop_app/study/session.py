"""One review session, Qt-free: which cards, in what order, what each grade does, and the summary.

The queue is the deck's due cards (most overdue first), then up to ``new_limit`` cards never studied, in the
deck's order. A card graded Again comes back at the end of the queue (at most ``MAX_REPEATS`` times), as it
would in Anki's learning steps. ``ahead=True`` (nothing is due: "study anyway") takes the cards due soonest.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from desktop_app.study.cards import StudyCard
from desktop_app.study.progress import StudyProgress, parse_time
from desktop_app.study.scheduler import GRADES, Scheduler

NEW_LIMIT = 20
REVIEW_LIMIT = 200
MAX_REPEATS = 2


@dataclass
class Summary:
    reviewed: int = 0  # grades given (a card graded Again and seen again counts twice)
    cards: int = 0  # different cards seen
    by_grade: dict[int, int] = field(default_factory=lambda: dict.fromkeys(GRADES, 0))
    seconds: float = 0.0
    finished: bool = False  # the queue ran out (rather than Esc)
    left: int = 0  # cards still in the queue when the session ended
    next_due: dt.datetime | None = None
    saved: bool = True  # False in private mode or when a write failed

    def text(self, now: dt.datetime | None = None) -> str:
        """A short plain-text summary, several lines."""
        from desktop_app.study.scheduler import interval_text

        now = now or dt.datetime.now(dt.UTC)
        if not self.reviewed:
            lines = ["No cards were reviewed."]
        else:
            grades = ", ".join(f"{GRADES[g]} {n}" for g, n in self.by_grade.items())
            mins = max(1, round(self.seconds / 60))
            lines = [f"{self.cards} card{'s' if self.cards != 1 else ''} studied, {self.reviewed} answer"
                     f"{'s' if self.reviewed != 1 else ''} in about {mins} min.", grades + "."]
            if self.reviewed:
                right = self.reviewed - self.by_grade.get(1, 0)
                lines.append(f"Remembered: {round(100 * right / self.reviewed)}%.")
        if self.finished:
            lines.append("Every card due in this deck is done.")
        elif self.left:
            lines.append(f"{self.left} card{'s' if self.left != 1 else ''} left for next time.")
        if self.next_due is not None:
            wait = self.next_due - now
            lines.append("Next card due: now." if wait.total_seconds() <= 0
                         else f"Next card due in {interval_text(wait)}.")
        if not self.saved:
            lines.append("Private mode: this session was not recorded.")
        return "\n".join(lines)


class ReviewSession:
    def __init__(self, cards: Sequence[StudyCard], progress: StudyProgress, scheduler: Scheduler, *,
                 new_limit: int = NEW_LIMIT, review_limit: int = REVIEW_LIMIT, ahead: bool = False,
                 clock: Callable[[], dt.datetime] | None = None):
        self.deck = list(cards)
        self.progress = progress
        self.scheduler = scheduler
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        now = self.clock()
        due: list[tuple[dt.datetime, StudyCard]] = []
        new: list[StudyCard] = []
        for c in self.deck:
            st = progress.state(c.card_id)
            if st is None:
                new.append(c)
            else:
                t = parse_time(st.get("due")) or now
                if t <= now or ahead:
                    due.append((t, c))
        due.sort(key=lambda x: x[0])
        self.due_count = sum(1 for t, _ in due if t <= now)
        self.new_count = len(new)
        self.queue: list[StudyCard] = [c for _, c in due][:review_limit] + new[:new_limit]
        if ahead:
            self.queue = self.queue[:new_limit]
        self._repeats: dict[str, int] = {}
        self._seen: set[str] = set()
        self._started = time.monotonic()
        self.summary = Summary()
        self.ended = False
        self.answer_shown = False

    @property
    def current(self) -> StudyCard | None:
        return None if self.ended or not self.queue else self.queue[0]

    @property
    def remaining(self) -> int:
        return 0 if self.ended else len(self.queue)

    def show_answer(self) -> None:
        if self.current is not None:
            self.answer_shown = True

    def intervals(self) -> dict[int, dt.timedelta]:
        card = self.current
        if card is None:
            return {}
        return self.scheduler.preview(self.progress.state(card.card_id), self.clock())

    def grade(self, grade: int) -> StudyCard | None:
        """Grade the current card (1-4) and move on. Returns the next card, or None when the queue is empty."""
        card = self.current
        if card is None:
            return None
        state = self.scheduler.review(self.progress.state(card.card_id), grade, self.clock())
        if not self.progress.record(card.card_id, state):
            self.summary.saved = False
        self.summary.reviewed += 1
        self.summary.by_grade[grade] += 1
        self._seen.add(card.card_id)
        self.queue.pop(0)
        if grade == 1 and self._repeats.get(card.card_id, 0) < MAX_REPEATS:
            self._repeats[card.card_id] = self._repeats.get(card.card_id, 0) + 1
            self.queue.append(card)
        self.answer_shown = False
        if not self.queue:
            self.end(finished=True)
        return self.current

    def end(self, finished: bool = False) -> Summary:
        if not self.ended:
            self.ended = True
            s = self.summary
            s.finished = finished
            s.left = 0 if finished else len({c.card_id for c in self.queue})
            s.cards = len(self._seen)
            s.seconds = time.monotonic() - self._started
            s.next_due = self.progress.next_due([c.card_id for c in self.deck])
            if self.progress.private:
                s.saved = False
        return self.summary
