"""A study card as HTML for the review view (Qt-free). Text is escaped; the only link is to the term page."""

from __future__ import annotations

from desktop_app.render.term_html import LIGHT, Colors, esc
from desktop_app.study.cards import KIND_LABELS, StudyCard


def _paras(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(f"<p{attr}>{esc(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def card_page(card: StudyCard, answer: bool, colors: Colors = LIGHT, crisis_colors: tuple[str, str, str] | None = None,
              position: str = "") -> str:
    bg, fg, border = crisis_colors or ("#fff4e5", "#5a2d00", "#b25e00")
    style = (f"<style>body {{ color: {colors.text}; background-color: {colors.background}; }}"
             f"a {{ color: {colors.link}; }} .meta {{ color: {colors.muted}; font-size: 92%; }}"
             ".front { font-size: 135%; margin-top: 10px; } .back { font-size: 112%; }"
             f".hint {{ color: {colors.muted}; margin-top: 18px; }}</style>")
    parts = [f"<html><head>{style}</head><body>",
             f'<p class="meta">{esc(KIND_LABELS[card.kind])} · <a href="term:{esc(card.slug)}">{esc(card.title)}</a>'
             f"{' · ' + esc(position) if position else ''}</p>",
             _paras(card.front, "front")]
    if answer:
        parts.append(f'<hr/><div class="back">{_paras(card.back)}</div>')
        parts.append(f'<p class="meta"><a href="term:{esc(card.slug)}">Open the term page</a> (O)</p>')
    else:
        parts.append('<p class="hint">Think of the answer, then press Space to show it.</p>')
    if card.crisis:
        parts.append(f'<table width="100%" cellpadding="8" style="margin-top: 14px; background-color: {bg}; '
                     f'border-left: 4px solid {border};"><tr><td style="color: {fg};"><b>{esc(card.crisis)}</b>'
                     "</td></tr></table>")
    parts.append("</body></html>")
    return "".join(parts)
