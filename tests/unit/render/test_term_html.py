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


def test_term_page_shows_plain_words_box_and_resolves_region_numbers() -> None:
    from desktop_app.content import crisis
    from desktop_app.content.model import Faq, Section, Term

    term = Term(slug="t", title="T", category="Conditions", summary="A summary.",
                plain="This is what it means. If you are in danger, call {{emergency}}.",
                sections=(Section("When to get help", "when-to-get-help", "Contact {{crisis_line}} now.", 3),),
                faqs=(Faq("Who do I call?", "Call {{emergency}}."),))
    page = term_html.term_page(term, titles={}, related_of=lambda s: (), region=crisis.get_region("UK"))
    assert "In plain words" in page and "call 999" in page and "Call 999." in page
    assert "Contact Samaritans (call free on 116 123" in page and "{{" not in page and "911" not in page
    assert page.index("In plain words") < page.index("When to get help")
    us = term_html.term_page(term, titles={}, related_of=lambda s: ())  # the default region
    assert "call 911" in us and "the 988 Suicide &amp; Crisis Lifeline" in us
    assert "In plain words" not in term_html.term_page(term.__class__(slug="u", title="U", category="Conditions",
                                                                         summary="S."), titles={}, related_of=lambda s: ())
