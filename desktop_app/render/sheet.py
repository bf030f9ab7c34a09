"""Term sheets and handouts as print HTML for Qt's rich-text engine. Qt-free, pure.

A sheet carries the same content as the screen page, designed for paper:

* title, category and "also known as" (aliases and brand examples), the one-sentence summary;
* every section, in order; FAQs as question headings with their answers;
* related terms as plain names (a link cannot be followed on paper);
* numbered sources with their full URLs printed, and the reviewed date.

A handout adds a cover with its title and a contents list (term titles and page numbers).

The HTML is written for Qt's rich-text subset (``QTextDocument``), not for a browser: layout is
plain blocks and one simple table, sizes are in ``pt`` and margins in ``px`` (the only units Qt's
importer honours for each), and ``resources/styles/print.css`` is applied as the document's default
style sheet. Every ``h1``–``h4`` is a "keep with next" heading: the paginator in
:mod:`desktop_app.gui.printing` moves it to the next page rather than strand it at the bottom.

Nothing here knows about pages except the contents list, which is handed its page numbers.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop_app import paths
from desktop_app.content.model import Source, Term
from desktop_app.render.markdown import inline, to_html

APP_NAME = "Brain & Body Glossary"
DISCLAIMER = "Educational information, not medical advice."
DEFAULT_HANDOUT_TITLE = "Glossary handout"
PRINT_CSS_NAME = "print.css"


def _no_links(_slug: str) -> bool:
    """Paper has no links: every [text](term:slug) prints as its text."""
    return False


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def humanize_slug(slug: str) -> str:
    """A readable stand-in for a related term that is not (yet) in the glossary: 'gad-7' -> 'Gad 7'."""
    words = slug.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def format_date(day: _dt.date | None) -> str:
    """Dates on paper are ISO (YYYY-MM-DD): unambiguous in every region the glossary serves."""
    return day.isoformat() if day else "not yet reviewed"


def source_html(number: int, source: Source) -> str:
    """One numbered source: title, publisher, then the full URL on its own line (or a note when none)."""
    parts = [f"<b>{_esc(source.title)}</b>. {_esc(source.publisher)}."]
    if source.url:
        checked = f" (checked {source.checked.isoformat()})" if source.checked else ""
        parts.append(f'<br/><span class="url">{_esc(source.url)}</span>{_esc(checked)}')
    else:
        parts.append(' <span class="note">A topic to look up: no web address is given for it.</span>')
    return f'<p class="source">{number}.&nbsp;{"".join(parts)}</p>'


def sheet_html(term: Term, titles: Mapping[str, str] | None = None) -> str:
    """The body HTML of one term sheet (no ``<html>`` wrapper): starts with the term's ``<h1>``.

    ``titles`` maps slugs to display titles, for printing related terms by name; a slug missing from it
    is printed from the slug itself.
    """
    titles = titles or {}
    out: list[str] = [f'<h1 class="title">{_esc(term.title)}</h1>']

    meta = [f"<b>{_esc(term.category)}</b>"] if term.category else []
    if term.aliases:
        meta.append("Also known as: " + _esc(", ".join(term.aliases)))
    if term.brand_examples:
        meta.append("Brand examples (US): " + _esc(", ".join(term.brand_examples)))
    if meta:
        out.append('<p class="meta">' + "<br/>".join(meta) + "</p>")
    out.append(f'<p class="summary">{inline(term.summary, _no_links)}</p>')

    for section in term.sections:
        out.append(f"<h2>{_esc(section.heading)}</h2>")
        out.append(to_html(section.body, _no_links, heading_tag="h3"))

    if term.faqs:
        out.append("<h2>Frequently asked questions</h2>")
        for faq in term.faqs:
            out.append(f'<h4 class="question">{inline(faq.question, _no_links)}</h4>')
            out.append(f'<p class="answer">{inline(faq.answer, _no_links)}</p>')

    if term.related:
        names = [titles.get(slug) or humanize_slug(slug) for slug in term.related]
        out.append("<h2>Related terms</h2>")
        out.append('<p class="related">' + _esc(" · ".join(names)) + "</p>")

    if term.sources:
        out.append("<h2>Sources</h2>")
        out.extend(source_html(i, s) for i, s in enumerate(term.sources, start=1))

    out.append(f'<p class="reviewed">Entry reviewed {_esc(format_date(term.reviewed))}.</p>')
    return "\n".join(out)


@dataclass(frozen=True)
class ContentsEntry:
    title: str
    category: str
    page: int | None  # None while the pages are not known yet (the first layout pass)


def cover_html(title: str, entries: Sequence[ContentsEntry], printed: _dt.date, content_version: str) -> str:
    """The handout's title and contents page(s). Page numbers print as '…' until they are known."""
    count = len(entries)
    rows = "".join(
        "<tr>"
        f'<td class="num" width="4%">{i}.</td>'
        f'<td class="entry">{_esc(e.title)} <span class="category">({_esc(e.category)})</span></td>'
        f'<td class="page" align="right">{e.page if e.page is not None else "…"}</td>'
        "</tr>"
        for i, e in enumerate(entries, start=1)
    )
    noun = "term" if count == 1 else "terms"
    return (
        f'<h1 class="handout">{_esc(title)}</h1>'
        f'<p class="byline">{count} {noun} from {_esc(APP_NAME)}. Printed {printed.isoformat()}; '
        f"content {_esc(content_version)}.</p>"
        '<h2 class="contents">Contents</h2>'
        '<table class="contents" width="100%" cellspacing="0" cellpadding="4">'
        '<thead><tr><th class="num" width="4%"></th><th class="entry" align="left">Term</th>'
        '<th class="page" align="right">Page</th></tr></thead>'  # repeated on every contents page
        f"<tbody>{rows}</tbody></table>"
    )


def footer_notice(printed: _dt.date, content_version: str) -> str:
    """The fixed sentence on every page: 'Printed <date> from Brain & Body Glossary, content <version>. …'"""
    return f"Printed {printed.isoformat()} from {APP_NAME}, content {content_version}. {DISCLAIMER}"


def page_label(number: int, total: int) -> str:
    return f"Page {number} of {total}"


def footer_html(crisis_text: str, notice: str, page_text: str) -> str:
    """The footer block: the region's crisis line first (it matters most), then the notice and page."""
    return (
        f'<p class="crisis">{_esc(crisis_text)}</p>'
        '<table class="footer" width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td class="notice">{_esc(notice)}</td>'
        f'<td class="pageno" align="right">{_esc(page_text)}</td>'
        "</tr></table>"
    )


def document(body: str) -> str:
    """Wrap body HTML for ``QTextDocument.setHtml`` (the style sheet is set separately)."""
    return f"<html><body>{body}</body></html>"


def print_css() -> str:
    """The print style sheet, ``resources/styles/print.css``; empty (Qt's defaults) if it cannot be read."""
    try:
        return (paths.styles_dir() / PRINT_CSS_NAME).read_text(encoding="utf-8")
    except OSError:
        return ""
