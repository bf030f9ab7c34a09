"""Print HTML for term sheets and handouts (Qt-free): same content as the screen, designed for paper."""

from __future__ import annotations

import datetime as dt
import re

from desktop_app.content.model import Faq, Section, Source, Term
from desktop_app.render import sheet


def make_term(**overrides) -> Term:
    base = dict(
        slug="rumination",
        title="Rumination",
        category="Symptoms and Experiences",
        summary="Rumination is repetitive thinking about *distress* & its causes.",
        aliases=("brooding", "overthinking"),
        brand_examples=(),
        related=("depression", "mbct", "not-written-yet"),
        sources=(
            Source("Depression", "NIMH", "https://www.nimh.nih.gov/health/topics/depression", dt.date(2026, 11, 28)),
            Source("Rumination in depression", "NIMH", None),
        ),
        reviewed=dt.date(2026, 11, 20),
        faqs=(Faq("Is it the same as overthinking?", "They **overlap**."),
              Faq("Can it be useful?", "Reflection can be <useful>.")),
        sections=(
            Section("What it is", "what-it-is", "It links to [depression](term:depression).\n\n- one\n- two", 1),
            Section("What it isn't", "what-it-isnt", "### A sub-heading\n\nNot <script>alert(1)</script>.", 9),
        ),
    )
    base.update(overrides)
    return Term(**base)


def test_sheet_has_every_part_of_the_term() -> None:
    html = sheet.sheet_html(make_term(), {"depression": "Depression", "mbct": "Mindfulness-based cognitive therapy"})
    assert html.startswith('<h1 class="title">Rumination</h1>')
    assert "Also known as: brooding, overthinking" in html
    assert "Symptoms and Experiences" in html
    assert "repetitive thinking about <i>distress</i> &amp; its causes." in html
    assert "<h2>What it is</h2>" in html
    assert "<h2>What it isn't</h2>" in html
    assert "<h3>A sub-heading</h3>" in html
    assert "<h2>Frequently asked questions</h2>" in html
    assert '<h4 class="question">Is it the same as overthinking?</h4>' in html
    assert "They <b>overlap</b>." in html
    assert "Entry reviewed 2026-11-20." in html


def test_related_terms_print_as_plain_names_and_links_are_gone() -> None:
    html = sheet.sheet_html(make_term(), {"depression": "Depression", "mbct": "Mindfulness-based cognitive therapy"})
    assert "<a " not in html and "term:" not in html
    assert "It links to depression." in html
    assert "Depression · Mindfulness-based cognitive therapy · Not written yet" in html


def test_sources_are_numbered_with_full_urls() -> None:
    html = sheet.sheet_html(make_term())
    assert "1.&nbsp;<b>Depression</b>. NIMH." in html
    assert "https://www.nimh.nih.gov/health/topics/depression" in html
    assert "(checked 2026-11-28)" in html
    assert "2.&nbsp;<b>Rumination in depression</b>. NIMH." in html
    assert "A topic to look up: no web address is given for it." in html


def test_content_is_escaped() -> None:
    html = sheet.sheet_html(make_term(title="A <b> & C"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "Reflection can be &lt;useful&gt;." in html
    assert '<h1 class="title">A &lt;b&gt; &amp; C</h1>' in html


def test_brand_examples_and_missing_review_date() -> None:
    html = sheet.sheet_html(make_term(brand_examples=("Prozac", "Zoloft"), reviewed=None, aliases=()))
    assert "Brand examples (US): Prozac, Zoloft" in html
    assert "Also known as" not in html
    assert "Entry reviewed not yet reviewed." in html


def test_humanize_slug() -> None:
    assert sheet.humanize_slug("generalized-anxiety-disorder") == "Generalized anxiety disorder"


def test_cover_lists_every_term_with_pages() -> None:
    entries = [sheet.ContentsEntry("Rumination", "Symptoms and Experiences", 3),
               sheet.ContentsEntry("A & B", "Conditions", 7)]
    html = sheet.cover_html("Week <3>", entries, dt.date(2026, 11, 28), "2026-11-20")
    assert '<h1 class="handout">Week &lt;3&gt;</h1>' in html
    assert "2 terms from Brain &amp; Body Glossary. Printed 2026-11-28; content 2026-11-20." in html
    assert re.search(r"Rumination <span[^>]*>\(Symptoms and Experiences\)</span></td>"
                     r'<td class="page" align="right">3</td>', html)
    assert "A &amp; B" in html and ">7</td>" in html
    pending = sheet.cover_html("T", [sheet.ContentsEntry("X", "Y", None)], dt.date(2026, 1, 1), "v")
    assert "1 term from" in pending and ">…</td>" in pending


def test_footer_parts() -> None:
    notice = sheet.footer_notice(dt.date(2026, 11, 28), "2026-11-20")
    assert notice == ("Printed 2026-11-28 from Brain & Body Glossary, content 2026-11-20. "
                      "Educational information, not medical advice.")
    assert sheet.page_label(2, 9) == "Page 2 of 9"
    html = sheet.footer_html("Crisis help (X): Line <1>.", notice, "Page 2 of 9")
    assert "Crisis help (X): Line &lt;1&gt;." in html
    assert "Brain &amp; Body Glossary" in html and "Page 2 of 9" in html


def test_print_css_suits_qt_rich_text_and_paper() -> None:
    css = sheet.print_css()
    assert "h1" in css and "p.crisis" in css
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    # Qt's importer silently drops margins given in pt: margins must be in px.
    assert not re.search(r"margin[-a-z]*\s*:\s*[\d.]+pt", body), "use px for margins in print.css"
    assert "background" not in body  # no tinted blocks on paper


def test_print_css_missing_gives_empty(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("BRAIN_GLOSSARY_RESOURCES", str(tmp_path))
    assert sheet.print_css() == ""


def test_sheets_fill_in_the_regions_numbers_and_show_plain_words() -> None:
    from desktop_app.content import crisis
    from desktop_app.content.model import Section, Term

    isnt = "- **It isn't a substitute for calling {{emergency}}.** Emergency care is still needed.\n- **It isn't rare**"
    term = Term(slug="t", title="T", category="Medications", summary="A summary.",
                plain="It helps. Call {{emergency}} in an emergency. Then wait with the person.",
                sections=(Section("What it isn't", "what-it-isnt", isnt, 3),
                          Section("When to get help", "when-to-get-help",
                                  "Ask a pharmacist about it. Then ask again.", 9)))
    uk = crisis.get_region("UK")
    full = sheet.sheet_html(term, region=uk)
    assert "In plain words" in full and "Call 999 in an emergency" in full and "calling 999" in full
    summary = sheet.summary_html(term, region=uk)
    assert sheet.key_points(term) == ["It isn't a substitute for calling {{emergency}}.", "It isn't rare."]
    for part in ("In plain words", "Key points", "calling 999", "What you can do", "Talk with your prescriber",
                 "When to get help", "Ask a pharmacist about it.", "Call 999 or go to A&amp;E",
                 "contact Samaritans (call free on 116 123"):
        assert part in summary, part
    assert "911" not in full + summary and "{{" not in full + summary
    smaller = sheet.summary_html(term, region=uk, level=len(sheet.SUMMARY_LEVELS) - 1)
    assert "Key points" not in smaller and "In plain words" in smaller and "When to get help" in smaller
