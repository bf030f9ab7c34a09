"""The crisis card (issue #12): above the suggestions and on the results page for crisis language, in both
themes and at 360 px wide; Enter on it opens the crisis page; the region's numbers, from regions.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.suggestion_list import CRISIS_CARD, SLUG_ROLE

from .test_main_window import make_window, type_and_wait, wait_results


@pytest.fixture(params=[("light", 1000), ("dark", 1000), ("light", 360), ("dark", 360)],
                ids=["light-wide", "dark-wide", "light-360", "dark-360"])
def themed(request, qtbot, use_shared_index, tmp_path: Path) -> MainWindow:
    theme, width = request.param
    w = make_window(qtbot, tmp_path, size=(width, 640))
    w.set_theme(theme)
    yield w
    w.close()


def card_row(w: MainWindow):
    lst = w.search_field.list
    return lst.item(0) if lst.count() and lst.item(0).data(SLUG_ROLE) == CRISIS_CARD else None


def test_crisis_card_tops_the_suggestions_in_every_theme_and_width(themed: MainWindow, qtbot) -> None:
    type_and_wait(themed, qtbot, "i want to kill myself")
    card = card_row(themed)
    assert card is not None, "no crisis card above the suggestions"
    assert "988" in card.text() and "911" in card.text()
    lst = themed.search_field.list
    rect = lst.visualItemRect(card)
    assert rect.height() > 40 and lst.viewport().rect().contains(rect), "the card is clipped"
    assert lst.geometry().right() <= themed.width(), "the list runs off the window"
    # the crisis terms come right after it
    assert lst.item(1).data(SLUG_ROLE) == "suicidal-ideation"
    # one key: Enter opens the crisis page
    qtbot.keyClick(themed.search_field, Qt.Key.Key_Return)
    assert themed.current_view() == "crisis"


def test_crisis_card_tops_the_results_page(themed: MainWindow, qtbot) -> None:
    text = wait_results(themed, qtbot, "took too many pills")
    head = text[:400]
    assert "help is available now" in head and "911" in head and "988" in head, head
    assert "overdosed" in head
    assert themed.last_results.hits[0].slug in {"overdose", "naloxone"}


def test_no_card_for_ordinary_queries(themed: MainWindow, qtbot) -> None:
    type_and_wait(themed, qtbot, "serotonin")
    assert card_row(themed) is None
    assert "help is available now" not in wait_results(themed, qtbot, "serotonin")


def test_card_follows_the_region(qtbot, use_shared_index, tmp_path: Path) -> None:
    w = make_window(qtbot, tmp_path, region="UK")
    type_and_wait(w, qtbot, "want to die")
    card = card_row(w)
    assert card is not None and "116 123" in card.text() and "999" in card.text() and "911" not in card.text()
    assert w.search_field.list.item(1).data(SLUG_ROLE) == "suicidal-ideation"
    w.close()


def test_no_match_page_offers_the_a_to_z_list(qtbot, use_shared_index, tmp_path: Path) -> None:
    w = make_window(qtbot, tmp_path)
    text = wait_results(w, qtbot, "football scores tonight")
    assert "No term matches" in text and "A–Z" in text
    w._link(__import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl("az:"))
    assert w.browse.isVisible() and w.browse.tabs.currentIndex() == 0
    w.close()
