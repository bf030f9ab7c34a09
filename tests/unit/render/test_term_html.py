"""The screen HTML's own escaping (the home page is escaped before the first paint, without ``html``)."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.render import term_html


@given(st.text())
def test_esc_is_exactly_html_escape(text: str) -> None:
    assert term_html.esc(text) == html.escape(text, quote=True)


def test_esc_neutralises_markup_in_content() -> None:
    hostile = """<script>alert('x')</script> <a href="javascript:x">&copy;</a>"""
    out = term_html.esc(hostile)
    assert "<" not in out and ">" not in out and '"' not in out and "'" not in out
    assert "&amp;copy;" in out


def test_home_page_escapes_category_text() -> None:
    from desktop_app.content.categories import Category

    cats = [Category(id="x", name="<b>Bold</b> & co", order=0, blurb="a \"quoted\" <i>blurb</i>")]
    page = term_html.home_page(cats, counts={}, recent=[], random_term=None)
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in page
    assert "<i>blurb</i>" not in page
