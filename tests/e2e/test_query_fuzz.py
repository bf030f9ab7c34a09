"""A random run of hostile queries through the real search path and through the search field."""

from __future__ import annotations

import random
import time

import pytest

from benchmarks import fuzz_queries


def test_random_hostile_run_never_raises(use_shared_index, capsys) -> None:
    assert fuzz_queries.main(["--n", "2000", "--seed", "7"]) == 0
    out = capsys.readouterr().out
    assert "exceptions: 0" in out


@pytest.mark.slow
def test_search_field_survives_hostile_typing(qtbot, use_shared_index, tmp_path) -> None:
    from tests.gui.test_main_window import assert_crisis_panel_ok, make_window

    w = make_window(qtbot, tmp_path)
    rng = random.Random(3)
    worst = 0.0
    for _ in range(150):
        q = fuzz_queries.make_query(rng)[:300]
        t0 = time.perf_counter()
        w.search_field.setText(q)
        w.search_field.query_changed.emit(q)  # what typing emits; the UI thread only posts a request
        worst = max(worst, time.perf_counter() - t0)
        qtbot.wait(1)
    assert worst < 0.05, f"a keystroke blocked the UI thread for {worst * 1000:.0f} ms"
    w.show_results(fuzz_queries.make_query(rng)[:300])
    qtbot.waitUntil(lambda: w.last_results is not None, timeout=10000)
    assert_crisis_panel_ok(w)
    w.close()
