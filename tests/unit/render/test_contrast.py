"""WCAG AA contrast (4.5:1 for body text) for every text colour on its background, in both themes."""

from __future__ import annotations

import pytest

from desktop_app.render.term_html import DARK, LIGHT, Colors


def luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("colors", [LIGHT, DARK], ids=["light", "dark"])
def test_page_text_meets_aa(colors: Colors) -> None:
    for name in ("text", "muted", "accent", "link"):
        for bg in ("background", "panel"):
            ratio = contrast(getattr(colors, name), getattr(colors, bg))
            assert ratio >= 4.5, f"{name} on {bg}: {ratio:.2f}"
    assert contrast(colors.mark_text, colors.mark) >= 4.5


def test_crisis_panel_colours_meet_aa() -> None:
    from desktop_app.gui.theme import CRISIS_DARK, CRISIS_LIGHT

    for bg, fg, _border in (CRISIS_LIGHT, CRISIS_DARK):
        assert contrast(fg, bg) >= 7.0  # AAA: the one sentence that must always be readable


def test_contrast_helper() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
