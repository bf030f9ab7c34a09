"""The handout dialog, driven through its widgets, keys and methods; modal steps replaced."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QListWidget, QWidget

from desktop_app.content.loader import Glossary, load_glossary
from desktop_app.gui import handout_dialog, printing
from desktop_app.gui.handout_dialog import HandoutDialog
from desktop_app.userdata.handouts import Handout, save_handout


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    g = load_glossary()
    assert len(g.terms) >= 5
    return g


@pytest.fixture
def slugs(glossary: Glossary) -> list[str]:
    return sorted(glossary.terms)[:5]


@pytest.fixture
def modal(monkeypatch):
    """Record every modal step instead of showing it."""
    calls: dict[str, list] = {"errors": [], "save": [], "open": []}
    monkeypatch.setattr(handout_dialog, "show_error", lambda parent, title, text: calls["errors"].append(text))
    monkeypatch.setattr(handout_dialog, "ask_save_path",
                        lambda parent, title, suggested, filters: calls["save"].pop(0) if calls["save"] else "")
    monkeypatch.setattr(handout_dialog, "ask_open_path",
                        lambda parent, title, filters: calls["open"].pop(0) if calls["open"] else "")
    return calls


@pytest.fixture
def make(qtbot, glossary: Glossary):
    def _make(**kwargs) -> HandoutDialog:
        kwargs.setdefault("region_code", "US")
        dialog = HandoutDialog(glossary, **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return _make


def test_initial_terms_in_order_and_unknown_ones_skipped(make, slugs) -> None:
    dialog = make(initial_slugs=[slugs[2], "no-such-term", slugs[0], slugs[2]])
    assert dialog.slugs() == [slugs[2], slugs[0]]
    assert dialog.count_label.text() == "2 terms"
    assert dialog.export_button.isEnabled()


def test_empty_dialog_disables_output(make) -> None:
    dialog = make()
    assert dialog.slugs() == []
    for button in (dialog.export_button, dialog.preview_button, dialog.print_button, dialog.save_button):
        assert not button.isEnabled()
    assert not dialog.add_bookmarks_button.isEnabled()
    assert not dialog.add_results_button.isEnabled()


def test_add_from_bookmarks_and_search_results(make, slugs) -> None:
    dialog = make(bookmarks=[slugs[1], slugs[3], "gone"], search_results=[slugs[3], slugs[4]])
    assert dialog.add_bookmarks_button.text() == "Add &bookmarks (2)"
    dialog.add_bookmarks_button.click()
    assert dialog.slugs() == [slugs[1], slugs[3]]
    dialog.add_results_button.click()
    assert dialog.slugs() == [slugs[1], slugs[3], slugs[4]]  # no duplicates
    dialog.set_search_results([slugs[0]])
    dialog.add_search_results()
    assert dialog.slugs()[-1] == slugs[0]


def test_filter_then_enter_adds_the_first_match(make, qtbot, glossary: Glossary) -> None:
    term = glossary.terms[sorted(glossary.terms)[3]]
    dialog = make()
    dialog.filter_edit.setFocus()
    qtbot.keyClicks(dialog.filter_edit, term.title)
    visible = [dialog.available.item(i) for i in range(dialog.available.count())
               if not dialog.available.item(i).isHidden()]
    assert term.slug in [it.data(Qt.ItemDataRole.UserRole) for it in visible]
    assert len(visible) < dialog.available.count()
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    assert dialog.slugs() == [visible[0].data(Qt.ItemDataRole.UserRole)]


def test_filter_matches_aliases_and_category(make, glossary: Glossary) -> None:
    term = next(t for t in glossary.terms.values() if t.aliases)
    dialog = make()
    dialog.apply_filter(term.aliases[0].upper())
    visible = {dialog.available.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.available.count())
               if not dialog.available.item(i).isHidden()}
    assert term.slug in visible
    dialog.apply_filter("zzzz-nothing-matches")
    dialog._add_first_visible()
    assert dialog.status.text() == "No term matches the filter."


def test_pick_one_by_one_with_keyboard(make, qtbot) -> None:
    dialog = make()
    dialog.available.setFocus()
    dialog.available.setCurrentRow(2)
    qtbot.keyClick(dialog.available, Qt.Key.Key_Return)  # itemActivated
    first = dialog.available.item(2).data(Qt.ItemDataRole.UserRole)
    assert dialog.slugs() == [first]
    dialog.available.setCurrentRow(0)
    dialog.add_button.click()
    assert len(dialog.slugs()) == 2


def test_reorder_with_buttons_and_keys(make, qtbot, slugs) -> None:
    dialog = make(initial_slugs=slugs[:4])
    dialog.chosen.setCurrentRow(2)
    dialog.up_button.click()
    assert dialog.slugs() == [slugs[0], slugs[2], slugs[1], slugs[3]]
    dialog.chosen.setFocus()
    qtbot.keyClick(dialog.chosen, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert dialog.slugs() == [slugs[2], slugs[0], slugs[1], slugs[3]]
    qtbot.keyClick(dialog.chosen, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # already first
    assert dialog.slugs()[0] == slugs[2]
    qtbot.keyClick(dialog.chosen, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    dialog.down_button.click()
    assert dialog.slugs() == [slugs[0], slugs[1], slugs[2], slugs[3]]
    assert [it.data(Qt.ItemDataRole.UserRole) for it in dialog.chosen.selectedItems()] == [slugs[2]]


def test_move_a_multi_selection(make, slugs) -> None:
    dialog = make(initial_slugs=slugs[:5])
    for row in (1, 2):
        dialog.chosen.item(row).setSelected(True)
    dialog.move_selected(1)
    assert dialog.slugs() == [slugs[0], slugs[3], slugs[1], slugs[2], slugs[4]]
    dialog.move_selected(-1)
    dialog.move_selected(-1)
    assert dialog.slugs() == [slugs[1], slugs[2], slugs[0], slugs[3], slugs[4]]


def test_reorder_by_drag_and_drop(make, slugs) -> None:
    dialog = make(initial_slugs=slugs[:3])
    assert dialog.chosen.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    model = dialog.chosen.model()
    # what a drop does to the model: move row 0 below row 2
    assert model.moveRow(model.index(0, 0).parent(), 0, model.index(0, 0).parent(), 3)
    assert dialog.slugs() == [slugs[1], slugs[2], slugs[0]]


def test_remove_with_delete_key_and_clear(make, qtbot, slugs) -> None:
    dialog = make(initial_slugs=slugs[:3])
    dialog.chosen.setFocus()
    dialog.chosen.setCurrentRow(1)
    qtbot.keyClick(dialog.chosen, Qt.Key.Key_Delete)
    assert dialog.slugs() == [slugs[0], slugs[2]]
    dialog.clear_button.click()
    assert dialog.slugs() == [] and dialog.count_label.text() == "No terms yet"


def test_every_control_has_an_accessible_name_and_takes_focus(make) -> None:
    dialog = make(initial_slugs=["x"])
    controls = [w for w in dialog.findChildren(QWidget)
                if isinstance(w, QAbstractButton | QLineEdit | QListWidget | QComboBox)
                and w.focusPolicy() != Qt.FocusPolicy.NoFocus]  # not the line edit's inner clear icon
    assert len(controls) >= 18
    for w in controls:
        assert w.accessibleName(), f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r} has no accessible name"
        assert w.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{w.accessibleName()} cannot be reached with Tab"
    for w in (dialog.title_edit, dialog.filter_edit, dialog.available, dialog.chosen, dialog.compact_check,
              dialog.paper_combo, dialog.export_button, dialog.preview_button, dialog.print_button,
              dialog.save_button, dialog.open_button, dialog.up_button, dialog.down_button):
        assert w in controls


def test_mnemonics_are_unique(make) -> None:
    dialog = make()
    seen: dict[str, str] = {}
    from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton

    for w in dialog.findChildren(QWidget):
        if isinstance(w, QPushButton | QCheckBox | QLabel):
            text = w.text().replace("&&", "")
            if "&" in text:
                key = text[text.index("&") + 1].lower()
                assert key not in seen, f"Alt+{key} is used by both {seen[key]!r} and {text!r}"
                seen[key] = text


def test_export_pdf_writes_a_handout(make, modal, tmp_path: Path, glossary: Glossary, slugs, qtbot) -> None:
    dialog = make(initial_slugs=slugs[:3])
    dialog.title_edit.setText("Ward handout")
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData("a4"))
    out = tmp_path / "ward.pdf"
    modal["save"].append(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=10000) as blocker:
        dialog.export_button.click()
    assert blocker.args == [str(out)]
    reader = PdfReader(str(out))
    first = " ".join((reader.pages[0].extract_text() or "").split())
    assert first.startswith("Ward handout")
    for slug in slugs[:3]:
        assert glossary.terms[slug].title in first
    assert round(float(reader.pages[0].mediabox.height)) == 842
    assert "Saved" in dialog.status.text() and "pages" in dialog.status.text()
    assert modal["errors"] == []


def test_export_cancelled_does_nothing(make, modal, slugs) -> None:
    dialog = make(initial_slugs=slugs[:1])
    assert dialog.export_pdf() is None
    assert modal["errors"] == []


def test_export_error_is_shown_naming_the_path(make, modal, tmp_path: Path, slugs) -> None:
    dialog = make(initial_slugs=slugs[:1])
    target = tmp_path / "missing-folder" / "x.pdf"
    assert dialog.export_pdf(str(target)) is None
    assert len(modal["errors"]) == 1 and str(target) in modal["errors"][0]
    assert str(target) in dialog.status.text()


def test_preview_and_print_get_the_handout(make, monkeypatch, slugs, glossary: Glossary) -> None:
    dialog = make(initial_slugs=slugs[:2])
    dialog.compact_check.setChecked(True)
    dialog.title_edit.setText("Set A")
    calls = []
    monkeypatch.setattr(printing, "print_preview",
                        lambda parent, terms, region, **kw: calls.append(("preview", terms, region, kw)))
    monkeypatch.setattr(printing, "print_dialog",
                        lambda parent, terms, region, **kw: calls.append(("print", terms, region, kw)) or True)
    dialog.preview_button.click()
    dialog.print_button.click()
    assert [c[0] for c in calls] == ["preview", "print"]
    for _, terms, region, kw in calls:
        assert [t.slug for t in terms] == slugs[:2]
        assert region == "US"
        assert kw["compact"] is True and kw["title"] == "Set A" and kw["glossary"] is glossary
    assert "Sent 2 terms" in dialog.status.text()


def test_save_and_open_a_list(make, modal, tmp_path: Path, slugs) -> None:
    dialog = make(initial_slugs=[slugs[3], slugs[1]])
    dialog.title_edit.setText("Revision")
    dialog.compact_check.setChecked(True)
    path = tmp_path / "revision.handout.json"
    modal["save"].append(str(path))
    dialog.save_button.click()
    assert json.loads(path.read_text()) == {"version": 1, "title": "Revision", "slugs": [slugs[3], slugs[1]],
                                            "compact": True}
    other = make()
    modal["open"].append(str(path))
    other.open_button.click()
    assert other.slugs() == [slugs[3], slugs[1]]
    assert other.title_edit.text() == "Revision" and other.compact_check.isChecked()


def test_open_list_with_unknown_terms_reports_them(make, modal, tmp_path: Path, slugs) -> None:
    path = tmp_path / "list.json"
    save_handout(path, Handout(title="", slugs=[slugs[0], "from-the-future"], compact=False))
    dialog = make(initial_slugs=slugs[1:3])
    assert dialog.open_list(str(path))
    assert dialog.slugs() == [slugs[0]]  # the list replaces what was there
    assert "from-the-future" in dialog.status.text()


def test_open_damaged_list_shows_error_and_keeps_the_handout(make, modal, tmp_path: Path, slugs) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"version": 1, "slugs": [')
    dialog = make(initial_slugs=slugs[:2])
    assert not dialog.open_list(str(path))
    assert len(modal["errors"]) == 1 and str(path) in modal["errors"][0]
    assert dialog.slugs() == slugs[:2]


def test_save_list_error_names_the_file(make, modal, tmp_path: Path, slugs) -> None:
    dialog = make(initial_slugs=slugs[:1])
    target = tmp_path / "nope" / "list.json"
    assert not dialog.save_list(str(target))
    assert str(target) in modal["errors"][0]


def test_down_from_the_filter_enters_the_list_at_the_first_match(make, qtbot, glossary: Glossary) -> None:
    term = glossary.terms[sorted(glossary.terms)[4]]
    dialog = make()
    dialog.filter_edit.setFocus()
    qtbot.keyClicks(dialog.filter_edit, term.title)
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Down)
    visible = [dialog.available.item(i) for i in range(dialog.available.count())
               if not dialog.available.item(i).isHidden()]
    assert dialog.available.currentItem() is visible[0]
    assert dialog.available.hasFocus() or dialog.focusWidget() is dialog.available


# --------------------------------------------------------------------------- issue 14: summary sheets, page count


def test_summary_handout_with_page_count_before_export(make, modal, tmp_path: Path, slugs, qtbot) -> None:
    dialog = make(initial_slugs=slugs[:4])
    assert dialog.sheet_kind() == "full" and dialog.compact_check.isEnabled()
    full = dialog.count_pages()
    assert full is not None and full > 5 and dialog.pages_label.text() == f"{full} pages"
    dialog.sheet_combo.setCurrentIndex(dialog.sheet_combo.findData("summary"))
    assert not dialog.compact_check.isEnabled()  # one page per term already
    qtbot.waitUntil(lambda: dialog.pages_label.text() == "5 pages", timeout=5000)  # 4 terms + contents
    titles = []
    monkey_save = handout_dialog.ask_save_path

    def ask(parent, title, suggested, filters):
        titles.append(title)
        return monkey_save(parent, title, suggested, filters)

    handout_dialog.ask_save_path = ask
    try:
        out = tmp_path / "summary.pdf"
        modal["save"].append(str(out))
        report = dialog.export_pdf()
    finally:
        handout_dialog.ask_save_path = monkey_save
    assert titles == ["Export handout as PDF (5 pages)"]
    assert report is not None and report.pages == 5 and len(PdfReader(str(out)).pages) == 5
    dialog.remove_selected()
    dialog.chosen.setCurrentRow(0)
    dialog.remove_selected()
    qtbot.waitUntil(lambda: dialog.pages_label.text() == "3 pages", timeout=5000)  # no contents for 3


def test_preview_and_print_get_the_sheet_kind(make, monkeypatch, slugs) -> None:
    dialog = make(initial_slugs=slugs[:2])
    dialog.sheet_combo.setCurrentIndex(dialog.sheet_combo.findData("summary"))
    calls = []
    monkeypatch.setattr(printing, "print_preview", lambda parent, terms, region, **kw: calls.append(kw))
    monkeypatch.setattr(printing, "print_dialog", lambda parent, terms, region, **kw: calls.append(kw) or True)
    dialog.preview_button.click()
    dialog.print_button.click()
    assert [kw["sheet_kind"] for kw in calls] == ["summary", "summary"]
