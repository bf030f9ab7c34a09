"""Study mode's window: choose a deck, review its due cards by keyboard, see a short summary.

Keys: in the deck list, Up/Down choose and Enter starts (so from the home page, Ctrl+Shift+S then Enter
starts a first session); while reviewing, Space shows the answer, 1-4 grade it (Again, Hard, Good, Easy),
O opens the term page, Esc ends the session and shows the summary; Esc again (or Enter) closes.

The window carries its own crisis panel at the top, the same widget as the main window's, so the crisis
line stays visible whatever covers what. It is not modal: the term pages stay usable beside it.
Nothing here is imported before the main window's first paint (the action imports it when triggered).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.content.crisis import Region
from desktop_app.gui import theme
from desktop_app.gui.crisis_panel import CrisisPanel
from desktop_app.gui.dialogs import ask_open_path, ask_save_path  # replaceable in tests
from desktop_app.gui.page_browser import PageBrowser
from desktop_app.gui.safe_text import plain_label
from desktop_app.render.term_html import LIGHT, Colors
from desktop_app.study import decks
from desktop_app.study.card_html import card_page
from desktop_app.study.cards import StudyCard, cards_for_term
from desktop_app.study.progress import StudyProgress
from desktop_app.study.scheduler import GRADES, Scheduler, interval_text
from desktop_app.study.session import ReviewSession

if TYPE_CHECKING:
    from desktop_app.content.loader import Glossary

HANDOUT_ROW = "handout"


class DeckRow(NamedTuple):
    key: str  # "all", "bookmarks", "search", "category:<name>", "handout"
    deck: decks.Deck | None  # None: chosen when the row is started (the handout file)


class StudyDialog(QDialog):
    """Signals: open_term(str slug), crisis_requested()."""

    open_term = Signal(str)
    crisis_requested = Signal()

    def __init__(self, glossary: Glossary, region: Region, *, folder: Path | None = None, private: bool = False,
                 bookmarks: list[str] | None = None, search: tuple[str, list[str]] | None = None,
                 colors: Colors = LIGHT, resolved_theme: str = "light", zoom_steps: int = 0,
                 parent: QWidget | None = None, clock=None, fuzz: bool = True):
        super().__init__(parent)
        self.setObjectName("StudyDialog")
        self.setWindowTitle("Study · Brain & Body Glossary")
        self.setModal(False)
        self.setMinimumSize(420, 440)
        self.resize(720, 620)
        self.glossary = glossary
        self.region = region
        self.colors = colors
        self.resolved_theme = resolved_theme
        self.progress = StudyProgress(folder, private=private)
        self.scheduler = Scheduler(fuzz=fuzz)
        self.clock = clock
        self.session: ReviewSession | None = None
        self.deck: decks.Deck | None = None
        self._cards_of: dict[str, list[StudyCard]] = {}
        self.last_export: str = ""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.crisis_panel = CrisisPanel(region, self)
        self.crisis_panel.enable_keyboard_links()
        self.crisis_panel.set_colors(*theme.crisis_colors(resolved_theme))
        self.crisis_panel.resources_requested.connect(self.crisis_requested.emit)
        layout.addWidget(self.crisis_panel)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.status = QLabel("")
        plain_label(self.status)
        self.status.setWordWrap(True)
        self.status.setContentsMargins(12, 2, 12, 6)
        self.status.setAccessibleName("Study status")
        layout.addWidget(self.status)

        self._build_chooser(bookmarks or [], search)
        self._build_review(zoom_steps)
        self._build_summary(zoom_steps)
        self.pages.setCurrentWidget(self.chooser)
        self.deck_list.setFocus()

    # ------------------------------------------------------------------ construction
    def _button(self, text: str, slot, row: QHBoxLayout) -> QPushButton:
        b = QPushButton(text)
        b.setAutoDefault(False)
        b.setDefault(False)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys belong to the session, not to a focused button
        b.clicked.connect(slot)
        row.addWidget(b)
        return b

    def _build_chooser(self, bookmarks: list[str], search: tuple[str, list[str]] | None) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(12, 10, 12, 6)
        title = QLabel("<b>Study with spaced repetition</b>")
        v.addWidget(title)
        hint = QLabel("Choose a deck, then press Enter. While reviewing: Space shows the answer, 1–4 grade it "
                      "(Again, Hard, Good, Easy), Esc ends.")
        hint.setWordWrap(True)
        v.addWidget(hint)
        self.deck_list = QListWidget()
        self.deck_list.setAccessibleName("Decks")
        self.deck_list.itemDoubleClicked.connect(lambda _item: self.start())
        v.addWidget(self.deck_list, 1)
        rows: list[DeckRow] = [DeckRow("all", decks.all_terms(self.glossary))]
        rows.append(DeckRow("bookmarks", decks.from_bookmarks(self.glossary, bookmarks)))
        if search is not None and search[1]:
            rows.append(DeckRow("search", decks.from_slugs(self.glossary, search[1], f"Search: {search[0]}")))
        for name in self.glossary.by_category():
            rows.append(DeckRow(f"category:{name}", decks.from_category(self.glossary, name)))
        rows.append(DeckRow(HANDOUT_ROW, None))
        self.rows = rows
        for row in rows:
            item = QListWidgetItem(self._row_text(row))
            item.setData(Qt.ItemDataRole.UserRole, row.key)
            self.deck_list.addItem(item)
        self.deck_list.setCurrentRow(0)
        buttons = QHBoxLayout()
        self.start_button = self._button("&Start (Enter)", self.start, buttons)
        self.export_button = self._button("&Export for Anki… (Ctrl+E)", self.export_selected, buttons)
        buttons.addStretch(1)
        self._button("Close (Esc)", self.close, buttons)
        v.addLayout(buttons)
        self.chooser = page
        self.pages.addWidget(page)

    def _cards(self, deck: decks.Deck) -> list[StudyCard]:
        out: list[StudyCard] = []
        for slug in deck.slugs:
            if slug not in self._cards_of:
                self._cards_of[slug] = cards_for_term(self.glossary.terms[slug], self.region)
            out += self._cards_of[slug]
        return out

    def _row_text(self, row: DeckRow) -> str:
        if row.deck is None:
            return "A saved handout list… (choose a .handout.json file)"
        cards = self._cards(row.deck)
        if not cards:
            return f"{row.deck.name}: no terms yet"
        due, new = self.progress.due_counts([c.card_id for c in cards], self._now())
        return (f"{row.deck.name}: {due} due, {new} new  ({len(row.deck.slugs)} terms, {len(cards)} cards)")

    def refresh_counts(self) -> None:
        for i, row in enumerate(self.rows):
            self.deck_list.item(i).setText(self._row_text(row))

    def _build_review(self, zoom_steps: int) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(8, 6, 8, 6)
        self.review_header = QLabel("")
        plain_label(self.review_header)
        self.review_header.setAccessibleName("Session progress")
        self.review_header.setContentsMargins(4, 0, 4, 0)
        v.addWidget(self.review_header)
        self.card_view = PageBrowser("Study card", page)
        self.card_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space and 1-4 go to the session
        self.card_view.apply_zoom(zoom_steps)
        self.card_view.link.connect(self._link)
        v.addWidget(self.card_view, 1)
        row = QHBoxLayout()
        self.show_button = self._button("Show answer (Space)", self.show_answer, row)
        self.grade_buttons: dict[int, QPushButton] = {}
        for g, name in GRADES.items():
            self.grade_buttons[g] = self._button(f"{name} ({g})", lambda _=False, g=g: self.grade(g), row)
        row.addStretch(1)
        self._button("End (Esc)", self.end_session, row)
        v.addLayout(row)
        self.review = page
        self.pages.addWidget(page)

    def _build_summary(self, zoom_steps: int) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(12, 10, 12, 6)
        self.summary_label = QLabel("")
        plain_label(self.summary_label)
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("Session summary")
        font = self.summary_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.summary_label.setFont(font)
        v.addWidget(self.summary_label)
        v.addStretch(1)
        row = QHBoxLayout()
        self._button("Choose another &deck (Enter)", self.back_to_decks, row)
        row.addStretch(1)
        self._button("Close (Esc)", self.close, row)
        v.addLayout(row)
        self.summary_page = page
        self.pages.addWidget(page)

    # ------------------------------------------------------------------ the flow
    def _now(self):
        return self.clock() if self.clock else None

    def selected_row(self) -> DeckRow:
        return self.rows[max(0, self.deck_list.currentRow())]

    def _deck_for(self, row: DeckRow) -> decks.Deck | None:
        if row.deck is not None:
            return row.deck
        path = ask_open_path(self, "Study a saved handout list", "Handout lists (*.handout.json);;JSON (*.json)")
        if not path:
            return None
        try:
            return decks.from_handout(self.glossary, path)
        except decks.DeckError as exc:
            self.status.setText(str(exc))
            return None

    def start(self, ahead: bool = False) -> bool:
        """Start a session on the selected deck. Returns False when there is nothing to review."""
        deck = self._deck_for(self.selected_row())
        if deck is None:
            return False
        cards = self._cards(deck)
        if not cards:
            self.status.setText(f"{deck.name} has no terms yet." + (
                " Bookmark a term with Ctrl+D to add it here." if deck.name == "Bookmarks" else ""))
            return False
        self.deck = deck
        self.progress.reload()
        kwargs = {"clock": self.clock} if self.clock else {}
        session = ReviewSession(cards, self.progress, self.scheduler, ahead=ahead, **kwargs)
        if session.current is None:
            nxt = self.progress.next_due([c.card_id for c in cards])
            when = "" if nxt is None else " The next card is due " + _when(nxt, self._now()) + "."
            self.status.setText(f"Nothing is due in {deck.name}.{when} Press Shift+Enter to study ahead anyway.")
            return False
        self.session = session
        self.status.setText("Private mode: this session is not recorded." if self.progress.private else "")
        self.pages.setCurrentWidget(self.review)
        self.setFocus()
        self._show_card()
        return True

    def _show_card(self) -> None:
        s = self.session
        assert s is not None
        card = s.current
        if card is None:
            self._show_summary()
            return
        answer = s.answer_shown
        self.review_header.setText(f"{self.deck.name if self.deck else ''} · {s.remaining} left "
                                   f"({s.due_count} were due, {min(s.new_count, len(s.deck))} new)")
        self.card_view.setHtml(card_page(card, answer, self.colors, theme.crisis_colors(self.resolved_theme)))
        self.show_button.setVisible(not answer)
        intervals = s.intervals() if answer else {}
        for g, b in self.grade_buttons.items():
            b.setVisible(answer)
            if answer:
                b.setText(f"{GRADES[g]} ({g}) · {interval_text(intervals[g])}")

    def show_answer(self) -> None:
        if self.session is not None and self.session.current is not None and not self.session.answer_shown:
            self.session.show_answer()
            self._show_card()

    def grade(self, g: int) -> None:
        s = self.session
        if s is None or s.current is None or not s.answer_shown:
            return
        s.grade(g)
        notices = self.progress.take_notices()
        if notices:
            self.status.setText(" ".join(notices))
        if s.current is None:
            self._show_summary()
        else:
            self._show_card()

    def end_session(self) -> None:
        if self.session is not None:
            self.session.end()
            self._show_summary()

    def _show_summary(self) -> None:
        s = self.session
        assert s is not None
        summary = s.end(finished=not s.queue)
        self.summary_label.setText(f"{self.deck.name if self.deck else 'Study'}: session summary\n\n"
                                   + summary.text(self._now()))
        self.pages.setCurrentWidget(self.summary_page)
        self.refresh_counts()
        self.setFocus()

    def back_to_decks(self) -> None:
        self.session = None
        self.refresh_counts()
        self.pages.setCurrentWidget(self.chooser)
        self.deck_list.setFocus()

    def export_selected(self) -> None:
        deck = self._deck_for(self.selected_row())
        if deck is None:
            return
        cards = self._cards(deck)
        safe_name = "".join(ch if ch.isalnum() or ch in " -_" else "-" for ch in deck.name).strip() or "study"
        path = ask_save_path(self, "Export study cards for Anki", f"{safe_name}.apkg",
                             "Anki package (*.apkg);;CSV for Anki (*.csv)")
        if not path:
            return
        from desktop_app.study import export

        try:
            export.export(cards, path)
        except export.ExportError as exc:
            self.status.setText(str(exc))
            return
        self.last_export = path
        self.status.setText(f"Saved {len(cards)} cards from {deck.name} to {path}. Importing it again into Anki "
                            "updates these cards rather than adding copies.")

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "term":
            self.open_term.emit(url.path())

    # ------------------------------------------------------------------ keys
    def keyPressEvent(self, event) -> None:  # Qt override
        key = event.key()
        page = self.pages.currentWidget()
        k = Qt.Key
        if page is self.review:
            if key == k.Key_Space:
                self.show_answer()
            elif key in (k.Key_1, k.Key_2, k.Key_3, k.Key_4):
                self.grade(int(event.text() or key - k.Key_0))
            elif key == k.Key_O and self.session is not None and self.session.current is not None:
                self.open_term.emit(self.session.current.slug)
            elif key == k.Key_Escape:
                self.end_session()
            else:
                super().keyPressEvent(event)
            return
        if key in (k.Key_Return, k.Key_Enter):
            if page is self.chooser:
                self.start(ahead=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            elif page is self.summary_page:
                self.back_to_decks()
            return
        if key == k.Key_E and event.modifiers() & Qt.KeyboardModifier.ControlModifier and page is self.chooser:
            self.export_selected()
            return
        if key == k.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:  # Qt override (Esc, the window's close button)
        if self.session is not None and not self.session.ended:
            self.end_session()
            return
        super().reject()


def _when(t, now) -> str:
    import datetime as dt

    now = now or dt.datetime.now(dt.UTC)
    wait = t - now
    return "now" if wait.total_seconds() <= 0 else "in " + interval_text(wait)


def open_study(window) -> StudyDialog | None:
    """Open (or bring back) the study window for the main window ``window``."""
    if window.glossary is None:
        window.statusBar().showMessage("The glossary is still loading; try again in a moment.", 4000)
        return None
    dlg: StudyDialog | None = getattr(window, "study_dialog", None)
    if dlg is not None:
        dlg.progress.private = window.userdata.private
        if not dlg.isVisible():
            dlg.back_to_decks()
    else:
        search = None
        results = getattr(window, "last_results", None)
        if window.location.view == "results" and results is not None:
            search = (window.location.query, [h.slug for h in results.hits])
        dlg = StudyDialog(window.glossary, window.region, folder=window.userdata.folder,
                          private=window.userdata.private, bookmarks=list(window.userdata.bookmarks), search=search,
                          colors=window.colors, resolved_theme=window.resolved_theme,
                          zoom_steps=getattr(window, "zoom_steps", 0), parent=window)
        dlg.open_term.connect(window.open_term)
        dlg.crisis_requested.connect(window.show_crisis)
        window.study_dialog = dlg
        window.place_dialog(dlg)
    dlg.show()
    dlg.raise_()
    dlg.activateWindow()
    dlg.deck_list.setFocus()
    return dlg
