"""The handout dialog: choose several terms, order them, and export, preview or print one document.

Terms come from the bookmarks, from the current search results, or one by one from a filterable list
of every term. The handout list is reordered with buttons, keyboard shortcuts (Ctrl+Up / Ctrl+Down) or
drag and drop, and can be saved to and reopened from a small JSON file
(:mod:`desktop_app.userdata.handouts`). Layout and PDF writing live in :mod:`desktop_app.gui.printing`.

Every modal step (file dialogs, error boxes, the print and preview dialogs) goes through a
module-level function or :mod:`printing`, so tests replace them and drive the dialog through its
methods and widgets.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.content import crisis
from desktop_app.content.loader import Glossary
from desktop_app.content.model import Term
from desktop_app.gui import printing
from desktop_app.gui.dialogs import ask_open_path, ask_save_path, show_error  # replaceable in tests
from desktop_app.gui.safe_text import plain_label, tooltip
from desktop_app.render import sheet
from desktop_app.userdata.handouts import FILE_SUFFIX, Handout, HandoutFileError, load_handout, save_handout

SLUG_ROLE = Qt.ItemDataRole.UserRole
PDF_FILTER = "PDF files (*.pdf)"
LIST_FILTER = f"Handout lists (*{FILE_SUFFIX} *.json)"


# --------------------------------------------------------------------------- replaceable modal steps


def _file_stem(title: str) -> str:
    keep = "".join(c if c.isalnum() else "-" for c in title.casefold())
    return "-".join(p for p in keep.split("-") if p) or "handout"


class HandoutDialog(QDialog):
    """Compose a handout of several terms.

    Signals:
        exported(str): a PDF was written to this path.

    Attributes:
        glossary: the loaded glossary (terms by slug).
        region_code: the crisis region printed in every footer.
    """

    exported = Signal(str)

    def __init__(
        self,
        glossary: Glossary,
        region_code: str,
        initial_slugs: Iterable[str] = (),
        parent: QWidget | None = None,
        bookmarks: Iterable[str] = (),
        *,
        search_results: Iterable[str] = (),
    ) -> None:
        super().__init__(parent)
        self.glossary = glossary
        self.region_code = region_code
        self._bookmarks = [s for s in bookmarks if s in glossary.terms]
        self._search_results = [s for s in search_results if s in glossary.terms]
        self.setWindowTitle("Handout of several terms")
        self.setAccessibleName("Handout of several terms")
        self.setModal(True)
        self._build()
        self._fill_available()
        self.add_slugs(initial_slugs, announce=False)
        self._update()
        self.resize(820, 560)

    # ----------------------------------------------------------------- construction

    def _button(self, text: str, accessible: str, slot, tip: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(accessible)
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())  # never pass 'checked' on as a path
        button.setAutoDefault(False)
        return button

    def _build(self) -> None:
        title_label = QLabel("&Title:", self)
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(sheet.DEFAULT_HANDOUT_TITLE)
        self.title_edit.setAccessibleName("Handout title")
        self.title_edit.setMaxLength(200)
        title_label.setBuddy(self.title_edit)

        # Left: every term, filterable.
        all_box = QGroupBox("All terms", self)
        filter_label = QLabel("&Filter:", all_box)
        self.filter_edit = QLineEdit(all_box)
        self.filter_edit.setPlaceholderText("Type to filter by name or category")
        self.filter_edit.setAccessibleName("Filter terms")
        self.filter_edit.setClearButtonEnabled(True)
        filter_label.setBuddy(self.filter_edit)
        self.filter_edit.textChanged.connect(self.apply_filter)
        self.filter_edit.returnPressed.connect(self._add_first_visible)
        self.available = QListWidget(all_box)
        self.available.setAccessibleName("All terms")
        self.available.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.available.itemActivated.connect(lambda _item: self.add_selected())
        self.add_button = self._button("&Add →", "Add selected terms", self.add_selected,
                                       "Add the selected terms to the handout (Enter)")
        self.add_bookmarks_button = self._button("Add &bookmarks", "Add all bookmarks", self.add_bookmarks)
        self.add_results_button = self._button("Add search &results", "Add current search results",
                                               self.add_search_results)
        left = QVBoxLayout(all_box)
        row = QHBoxLayout()
        row.addWidget(filter_label)
        row.addWidget(self.filter_edit)
        left.addLayout(row)
        left.addWidget(self.available)
        row = QHBoxLayout()
        for b in (self.add_button, self.add_bookmarks_button, self.add_results_button):
            row.addWidget(b)
        left.addLayout(row)

        # Right: the handout, in order.
        chosen_box = QGroupBox("In this handout", self)
        self.chosen = QListWidget(chosen_box)
        self.chosen.setAccessibleName("Terms in this handout, in order")
        self.chosen.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.chosen.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.chosen.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.chosen.model().rowsMoved.connect(lambda *_: self._update())
        self.chosen.itemSelectionChanged.connect(self._update)
        self.up_button = self._button("Move &up", "Move selected up", lambda: self.move_selected(-1),
                                      "Ctrl+Up")
        self.down_button = self._button("Move do&wn", "Move selected down", lambda: self.move_selected(1),
                                        "Ctrl+Down")
        self.remove_button = self._button("Re&move", "Remove selected from handout", self.remove_selected,
                                          "Delete")
        self.clear_button = self._button("C&lear", "Remove all terms from handout", self.clear)
        self.count_label = QLabel(chosen_box)
        self.count_label.setAccessibleName("Number of terms in this handout")
        right = QVBoxLayout(chosen_box)
        right.addWidget(self.chosen)
        row = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.remove_button, self.clear_button):
            row.addWidget(b)
        right.addLayout(row)
        right.addWidget(self.count_label)

        # Keys on the lists: handled in an event filter (before the list's own navigation sees them).
        self.chosen.installEventFilter(self)
        self.filter_edit.installEventFilter(self)

        # Options.
        self.compact_check = QCheckBox("&Compact: flow terms one after another (fewer pages)", self)
        self.compact_check.setAccessibleName("Compact layout")
        paper_label = QLabel("Paper si&ze:", self)
        self.paper_combo = QComboBox(self)
        self.paper_combo.setAccessibleName("Paper size")
        auto = printing.default_paper(region=self.region_code)
        self.paper_combo.addItem(f"Automatic ({'Letter' if auto == 'letter' else 'A4'})", None)
        self.paper_combo.addItem("US Letter", "letter")
        self.paper_combo.addItem("A4", "a4")
        paper_label.setBuddy(self.paper_combo)
        sheet_label = QLabel("S&heet:", self)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setAccessibleName("Sheet")
        self.sheet_combo.addItem("Full sheets (every section)", "full")
        self.sheet_combo.addItem("One-page summaries (for patients)", "summary")
        sheet_label.setBuddy(self.sheet_combo)
        self.pages_label = QLabel(self)
        self.pages_label.setAccessibleName("Number of pages")
        # The page count needs a layout (about 20 ms a term): counted shortly after the last change.
        self._pages_timer = QTimer(self)
        self._pages_timer.setSingleShot(True)
        self._pages_timer.setInterval(250)
        self._pages_timer.timeout.connect(self.count_pages)
        self._pages_cache: dict[tuple, int] = {}
        for signal in (self.sheet_combo.currentIndexChanged, self.paper_combo.currentIndexChanged,
                       self.compact_check.toggled, self.title_edit.textChanged):
            signal.connect(lambda *_: self._update())
        region = crisis.get_region(self.region_code)
        self.region_label = plain_label(QLabel(f"Crisis lines in the footer: {region.name}", self))
        self.region_label.setAccessibleName("Crisis region printed in the footer")

        # Actions.
        self.open_button = self._button("&Open list…", "Open a saved handout list", self.open_list)
        self.save_button = self._button("&Save list…", "Save this handout list", self.save_list)
        self.preview_button = self._button("Pre&view…", "Print preview", self.preview)
        self.print_button = self._button("&Print…", "Print", self.print_)
        self.export_button = self._button("&Export PDF…", "Export as PDF", self.export_pdf)
        # No default button: Enter in the filter or a list adds terms; it must not also start an export.
        self.close_button = self._button("Close", "Close", self.reject)
        self.status = plain_label(QLabel(self))  # it names files and quotes what is wrong in them
        self.status.setAccessibleName("Status")
        self.status.setWordWrap(True)

        grid = QGridLayout(self)
        grid.addWidget(title_label, 0, 0)
        grid.addWidget(self.title_edit, 0, 1, 1, 3)
        lists = QHBoxLayout()
        lists.addWidget(all_box, 1)
        lists.addWidget(chosen_box, 1)
        grid.addLayout(lists, 1, 0, 1, 4)
        options = QHBoxLayout()
        options.addWidget(sheet_label)
        options.addWidget(self.sheet_combo)
        options.addWidget(self.compact_check)
        options.addStretch(1)
        options.addWidget(paper_label)
        options.addWidget(self.paper_combo)
        options.addWidget(self.pages_label)
        grid.addLayout(options, 2, 0, 1, 4)
        grid.addWidget(self.region_label, 3, 0, 1, 4)
        grid.addWidget(self.status, 4, 0, 1, 4)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        for b in (self.preview_button, self.print_button, self.export_button, self.close_button):
            buttons.addWidget(b)
        grid.addLayout(buttons, 5, 0, 1, 4)

        QWidget.setTabOrder(self.title_edit, self.filter_edit)
        QWidget.setTabOrder(self.filter_edit, self.available)
        QWidget.setTabOrder(self.available, self.add_button)
        QWidget.setTabOrder(self.add_button, self.add_bookmarks_button)
        QWidget.setTabOrder(self.add_bookmarks_button, self.add_results_button)
        QWidget.setTabOrder(self.add_results_button, self.chosen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Up / Ctrl+Down move and Delete removes in the handout list; Down leaves the filter."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, mods = event.key(), event.modifiers()
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            if watched is self.chosen:
                if ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                    self.move_selected(-1 if key == Qt.Key.Key_Up else 1)
                    return True
                if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                    self.remove_selected()
                    return True
            elif watched is self.filter_edit and key == Qt.Key.Key_Down:
                self.available.setFocus()
                if self.available.currentItem() is None or self.available.currentItem().isHidden():
                    for i in range(self.available.count()):
                        if not self.available.item(i).isHidden():
                            self.available.setCurrentRow(i)
                            break
                return True
        return super().eventFilter(watched, event)

    def _fill_available(self) -> None:
        for term in sorted(self.glossary.terms.values(), key=lambda t: t.title.casefold()):
            item = QListWidgetItem(term.title, self.available)
            item.setData(SLUG_ROLE, term.slug)
            item.setToolTip(tooltip(f"{term.category}: {term.summary}"))
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, term.category)

    # ----------------------------------------------------------------- state

    def slugs(self) -> list[str]:
        """The handout's terms, in order."""
        return [self.chosen.item(i).data(SLUG_ROLE) for i in range(self.chosen.count())]

    def handout(self) -> Handout:
        return Handout(title=self.title_edit.text().strip(), slugs=self.slugs(),
                       compact=self.compact_check.isChecked())

    def paper(self) -> str | None:
        return self.paper_combo.currentData()

    def sheet_kind(self) -> str:
        return self.sheet_combo.currentData() or "full"

    def _pages_key(self) -> tuple:
        return (tuple(self.slugs()), self.paper(), self.compact_check.isChecked(), self.sheet_kind(),
                bool(self.title_edit.text().strip()))

    def count_pages(self) -> int | None:
        """Lay the handout out (cached per list and options) and show its page count; None when empty."""
        self._pages_timer.stop()
        terms = self._terms()
        if not terms:
            self.pages_label.setText("")
            return None
        key = self._pages_key()
        pages = self._pages_cache.get(key)
        if pages is None:
            try:
                pages = printing.build_layout(terms, paper=self.paper(), region=self.region_code,
                                              sheet_kind=self.sheet_kind(), **self._common()).page_count
            except printing.PrintError as exc:
                self.pages_label.setText("")
                self._say(str(exc))
                return None
            if len(self._pages_cache) > 32:
                self._pages_cache.clear()
            self._pages_cache[key] = pages
        self.pages_label.setText(f"{pages} page{'s' if pages != 1 else ''}")
        return pages

    def set_search_results(self, slugs: Iterable[str]) -> None:
        self._search_results = [s for s in slugs if s in self.glossary.terms]
        self._update()

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _update(self) -> None:
        n = self.chosen.count()
        self.count_label.setText("No terms yet" if n == 0 else f"{n} term{'s' if n != 1 else ''}")
        has_selection = bool(self.chosen.selectedItems())
        self.up_button.setEnabled(has_selection)
        self.down_button.setEnabled(has_selection)
        self.remove_button.setEnabled(has_selection)
        self.clear_button.setEnabled(n > 0)
        for b in (self.preview_button, self.print_button, self.export_button, self.save_button):
            b.setEnabled(n > 0)
        self.add_bookmarks_button.setEnabled(bool(self._bookmarks))
        self.add_bookmarks_button.setText(f"Add &bookmarks ({len(self._bookmarks)})")
        self.add_results_button.setEnabled(bool(self._search_results))
        self.add_results_button.setText(f"Add search &results ({len(self._search_results)})")
        if not hasattr(self, "pages_label"):
            return
        self.compact_check.setEnabled(self.sheet_kind() == "full")  # a summary is one page per term anyway
        if n == 0:
            self.pages_label.setText("")
        elif self._pages_key() in self._pages_cache:
            self.count_pages()
        else:
            self.pages_label.setText("Counting pages…")
            self._pages_timer.start()

    # ----------------------------------------------------------------- choosing

    def apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.available.count()):
            item = self.available.item(i)
            term = self.glossary.terms[item.data(SLUG_ROLE)]
            haystack = " ".join((*term.all_names, term.category, term.slug)).casefold()
            item.setHidden(bool(needle) and needle not in haystack)

    def best_match(self, text: str) -> str | None:
        """The term Enter in the filter adds: an exact title (or alias), then a title that starts with the
        text, then one with a word that does, then any visible match (A to Z within each rank)."""
        needle = text.strip().casefold()
        ranked: list[tuple[int, str, str]] = []
        for i in range(self.available.count()):
            item = self.available.item(i)
            if item.isHidden():
                continue
            slug = item.data(SLUG_ROLE)
            term = self.glossary.terms[slug]
            title = term.title.casefold()
            names = [n.casefold() for n in term.all_names]
            if not needle:
                rank = 5
            elif title == needle:
                rank = 0
            elif needle in names:
                rank = 1
            elif title.startswith(needle):
                rank = 2
            elif any(w.startswith(needle) for w in title.replace("-", " ").split()):
                rank = 3
            elif any(n.startswith(needle) for n in names):
                rank = 4
            else:
                rank = 5
            ranked.append((rank, title, slug))
        return min(ranked)[2] if ranked else None

    def _add_first_visible(self) -> None:
        """Enter in the filter: add the best title match and say which term was added."""
        slug = self.best_match(self.filter_edit.text())
        if slug is None:
            self._say("No term matches the filter.")
            return
        title = self.glossary.terms[slug].title
        if slug in self.slugs():
            self._say(f"“{title}” is already in the handout.")
            return
        self.add_slugs([slug], announce=False)
        self._say(f"Added “{title}”.")

    def add_slugs(self, slugs: Iterable[str], *, announce: bool = True) -> tuple[int, list[str]]:
        """Append terms (skipping ones already in the handout). Returns (added, unknown slugs)."""
        present = set(self.slugs())
        added, unknown = 0, []
        for slug in slugs:
            term = self.glossary.terms.get(slug)
            if term is None:
                unknown.append(slug)
                continue
            if slug in present:
                continue
            item = QListWidgetItem(term.title, self.chosen)
            item.setData(SLUG_ROLE, slug)
            item.setToolTip(tooltip(term.category))
            present.add(slug)
            added += 1
        if announce:
            text = f"Added {added} term{'s' if added != 1 else ''}."
            if unknown:
                text += f" Not in this glossary: {', '.join(unknown)}."
            self._say(text)
        self._update()
        return added, unknown

    def add_selected(self) -> None:
        items = [it for it in self.available.selectedItems() if not it.isHidden()]
        if not items and self.available.currentItem() and not self.available.currentItem().isHidden():
            items = [self.available.currentItem()]
        self.add_slugs([it.data(SLUG_ROLE) for it in items])

    def add_bookmarks(self) -> None:
        self.add_slugs(self._bookmarks)

    def add_search_results(self) -> None:
        self.add_slugs(self._search_results)

    def remove_selected(self) -> None:
        rows = sorted((self.chosen.row(it) for it in self.chosen.selectedItems()), reverse=True)
        for row in rows:
            self.chosen.takeItem(row)
        if rows:
            self.chosen.setCurrentRow(min(rows[-1], self.chosen.count() - 1))
        self._update()

    def clear(self) -> None:
        self.chosen.clear()
        self._update()

    def move_selected(self, delta: int) -> None:
        """Move the selected terms up (-1) or down (+1) by one place, keeping them selected."""
        rows = sorted(self.chosen.row(it) for it in self.chosen.selectedItems())
        if not rows:
            return
        if (delta < 0 and rows[0] == 0) or (delta > 0 and rows[-1] == self.chosen.count() - 1):
            return
        for row in rows if delta < 0 else reversed(rows):
            item = self.chosen.takeItem(row)
            self.chosen.insertItem(row + delta, item)
        self.chosen.clearSelection()
        for row in rows:
            self.chosen.item(row + delta).setSelected(True)
        self.chosen.setCurrentRow(rows[0] + delta if delta < 0 else rows[-1] + delta,
                                  QItemSelectionModel.SelectionFlag.NoUpdate)
        self._update()

    # ----------------------------------------------------------------- output

    def _terms(self) -> list[Term]:
        return [self.glossary.terms[s] for s in self.slugs()]

    def _common(self) -> dict:
        return {"compact": self.compact_check.isChecked(), "title": self.title_edit.text().strip() or None,
                "glossary": self.glossary}

    def export_pdf(self, path: str | None = None) -> printing.PrintReport | None:
        terms = self._terms()
        if not terms:
            return None
        if path is None:
            suggested = _file_stem(self.title_edit.text().strip() or sheet.DEFAULT_HANDOUT_TITLE) + ".pdf"
            pages = self.count_pages()
            count = f" ({pages} page{'s' if pages != 1 else ''})" if pages else ""
            path = ask_save_path(self, f"Export handout as PDF{count}", suggested, PDF_FILTER)
            if not path:
                return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = printing.export_pdf(terms, Path(path), paper=self.paper(), region=self.region_code,
                                         sheet_kind=self.sheet_kind(), **self._common())
        except printing.PrintError as exc:
            self._say(str(exc))
            show_error(self, "Could not export the handout", str(exc))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self._say(f"Saved {path} ({report.pages} pages).")
        self.exported.emit(str(path))
        return report

    def preview(self) -> None:
        terms = self._terms()
        if terms:
            printing.print_preview(self, terms, self.region_code, paper=self.paper(), sheet_kind=self.sheet_kind(),
                                   **self._common())

    def print_(self) -> None:
        terms = self._terms()
        if terms and printing.print_dialog(self, terms, self.region_code, paper=self.paper(),
                                           sheet_kind=self.sheet_kind(), **self._common()):
            self._say(f"Sent {len(terms)} terms to the printer.")

    def save_list(self, path: str | None = None) -> bool:
        if path is None:
            suggested = _file_stem(self.title_edit.text().strip() or sheet.DEFAULT_HANDOUT_TITLE) + FILE_SUFFIX
            path = ask_save_path(self, "Save handout list", suggested, LIST_FILTER)
            if not path:
                return False
        try:
            save_handout(path, self.handout())
        except HandoutFileError as exc:
            self._say(str(exc))
            show_error(self, "Could not save the list", str(exc))
            return False
        self._say(f"Saved the list to {path}.")
        return True

    def open_list(self, path: str | None = None) -> bool:
        if path is None:
            path = ask_open_path(self, "Open handout list", LIST_FILTER)
            if not path:
                return False
        try:
            handout = load_handout(path)
        except HandoutFileError as exc:
            self._say(str(exc))
            show_error(self, "Could not open the list", str(exc))
            return False
        self.load(handout)
        missing = [s for s in handout.slugs if s not in self.glossary.terms]
        text = f"Opened {path}: {len(self.slugs())} terms."
        if missing:
            text += f" Not in this glossary, left out: {', '.join(missing)}."
        self._say(text)
        return True

    def load(self, handout: Handout) -> None:
        """Replace the dialog's contents with a saved handout."""
        self.chosen.clear()
        self.title_edit.setText(handout.title)
        self.compact_check.setChecked(handout.compact)
        self.add_slugs(handout.slugs, announce=False)

