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
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app import paths
from desktop_app.content import crisis, placeholders
from desktop_app.content.model import Source, Term
from desktop_app.render.markdown import inline, plain_text, to_html

if TYPE_CHECKING:
    from desktop_app.content.crisis import Region

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


def plain_box_html(text_html: str) -> str:
    """The "In plain words" box: a ruled frame (no background: paper), its label, then the text."""
    return ('<table class="plain" width="100%" border="1" cellspacing="0" cellpadding="9">'
            '<tr><td><p class="plainlabel">In plain words</p>'
            f'<p class="plain">{text_html}</p></td></tr></table>')


def sheet_html(term: Term, titles: Mapping[str, str] | None = None, region: Region | None = None) -> str:
    """The body HTML of one term sheet (no ``<html>`` wrapper): starts with the term's ``<h1>``.

    ``titles`` maps slugs to display titles, for printing related terms by name; a slug missing from it
    is printed from the slug itself. ``region`` resolves ``{{emergency}}`` and ``{{crisis_line}}``.
    """
    titles = titles or {}
    region = region or crisis.get_region(None)

    def fill(text: str) -> str:
        return placeholders.resolve(text, region)

    out: list[str] = [f'<h1 class="title">{_esc(term.title)}</h1>']

    meta = [f"<b>{_esc(term.category)}</b>"] if term.category else []
    if term.aliases:
        meta.append("Also known as: " + _esc(", ".join(term.aliases)))
    if term.brand_examples:
        meta.append("Brand examples (US): " + _esc(", ".join(term.brand_examples)))
    if meta:
        out.append('<p class="meta">' + "<br/>".join(meta) + "</p>")
    out.append(f'<p class="summary">{inline(fill(term.summary), _no_links)}</p>')
    if term.plain:
        out.append(plain_box_html(inline(fill(term.plain), _no_links)))

    for section in term.sections:
        out.append(f"<h2>{_esc(section.heading)}</h2>")
        out.append(to_html(fill(section.body), _no_links, heading_tag="h3"))

    if term.faqs:
        out.append("<h2>Frequently asked questions</h2>")
        for faq in term.faqs:
            out.append(f'<h4 class="question">{inline(fill(faq.question), _no_links)}</h4>')
            out.append(f'<p class="answer">{inline(fill(faq.answer), _no_links)}</p>')

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


# --------------------------------------------------------------------------- the one-page summary sheet
#
# A sheet for a patient or family: title, also known as, the plain summary, key points, what you can do,
# when to get help with the region's own numbers, related terms, short references, and (painted by the
# printer) the crisis footer. It must fit one page: the printer lays it out at level 0 and, while it runs
# over, at the next level, each of which trims or shrinks something in a fixed order (SUMMARY_LEVELS).

SHEET_KINDS = ("full", "summary")


@dataclass(frozen=True)
class SummaryLevel:
    """How much a summary sheet shows, and how big. Level 0 is the whole sheet at its largest."""

    base_pt: float  # body text
    key_points: int  # "What it isn't" lead-ins and the like
    steps: int  # "What you can do"
    related: int
    sources: int
    aliases: int
    other_lines: int  # crisis lines after the first
    notes: bool  # the "My questions" lines
    term_advice: bool  # the entry's own "when to get help" sentence
    plain_sentences: int  # 0: all


SUMMARY_LEVELS: tuple[SummaryLevel, ...] = (
    # The "My questions" lines (a tangible tool, PEMAT-P item 23) go late: other extras shrink first.
    SummaryLevel(11.5, 4, 3, 8, 3, 6, 2, True, True, 0),
    SummaryLevel(11.5, 4, 3, 6, 2, 4, 1, True, True, 0),
    SummaryLevel(11.0, 3, 3, 5, 2, 4, 1, True, True, 0),
    SummaryLevel(10.5, 3, 3, 5, 1, 3, 0, True, True, 0),
    SummaryLevel(10.5, 3, 2, 5, 2, 3, 1, False, True, 0),
    SummaryLevel(10.0, 3, 2, 5, 2, 3, 0, False, True, 0),
    SummaryLevel(10.0, 2, 2, 4, 1, 2, 0, False, False, 0),
    SummaryLevel(9.5, 2, 1, 4, 1, 2, 0, False, False, 5),
    SummaryLevel(9.0, 1, 1, 3, 1, 1, 0, False, False, 4),
    SummaryLevel(9.0, 0, 0, 3, 1, 0, 0, False, False, 3),  # the floor: never more than a page (tested)
)

# "What you can do", by category: short, direct steps (grade 6-7). Education, not advice: they point to the
# person's own clinician and never tell anyone to start, stop or change a treatment.
STEPS: dict[str, tuple[str, ...]] = {
    "Conditions": (
        "Talk with a doctor or mental health professional about what you notice.",
        "Ask which treatments could help you. Treatment helps most people.",
        "Bring this sheet and your questions to your next visit.",
    ),
    "Symptoms and Experiences": (
        "Notice when it happens and what helps. Write it down.",
        "Tell a doctor or counselor if it keeps coming back or gets in the way of your day.",
        "Bring this sheet and your notes to your next visit.",
    ),
    "Therapies": (
        "Ask your clinician if this therapy could help you.",
        "Ask how long it takes and what you will do between sessions.",
        "Tell your therapist if something is not working for you. Plans can change.",
    ),
    "Medications": (
        "Do not start, stop or change a medicine on your own. Talk with your prescriber first.",
        "Ask which side effects to watch for, and what to do if you notice them.",
        "Tell your prescriber and pharmacist about every medicine and supplement you take.",
    ),
    "Brain and Body": (
        "Sleep, movement, food and time with people all affect how the brain works.",
        "Ask your clinician how this relates to your own health.",
        "Read the related terms below to learn more.",
    ),
    "Care and Support": (
        "Ask your clinician or a local service how to get this kind of help.",
        "Write down the numbers you may need and keep them close.",
        "Bring a trusted person with you if that helps.",
    ),
}
DEFAULT_STEPS = STEPS["Conditions"]

# The entry's own "when to get help" sentence (Conditions, Symptoms and Experiences have that section).
ADVICE_SECTIONS = ("when-to-get-help",)  # "Who it can help" and the like are not advice on when to act

_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[A-Z0-9“\"(])")
_LEAD_IN_RE = re.compile(r"^\s{0,3}[-*]\s+\*\*(.+?)\*\*")


def sentences(text: str) -> list[str]:
    """Split plain text into sentences (good enough for the glossary's own prose)."""
    text = " ".join(text.split())
    return [s for s in _SENTENCE_END_RE.split(text) if s.strip()] if text else []


def key_points(term: Term) -> list[str]:
    """Short points for a patient: the bold lead-ins of "What it isn't" (the entry's signature), each a
    complete sentence such as "It isn't a sign of weakness."."""
    out: list[str] = []
    for section in term.sections:
        if section.anchor.startswith("what-it-isn") or section.anchor.startswith("what-they-aren"):
            for line in section.body.split("\n"):
                m = _LEAD_IN_RE.match(line)
                if m:
                    point = m.group(1).strip().rstrip(":").strip()
                    if point and point[-1] not in ".!?":
                        point += "."
                    out.append(point)
    return out


def term_advice(term: Term) -> str:
    """The first sentence of the entry's "when to get help" section (or its nearest equivalent), or ''."""
    for anchor in ADVICE_SECTIONS:
        section = term.section(anchor)
        if section is not None:
            first = sentences(plain_text(section.body))
            return first[0] if first else ""
    return ""


def short_reference(number: int, source: Source) -> str:
    """'1. NIMH: Depression. nimh.nih.gov' (a web site's name, not the whole address)."""
    site = ""
    if source.url:
        site = re.sub(r"^https://(www\d?\.)?", "", source.url).split("/")[0]
    tail = f" {_esc(site)}" if site else " (a topic to look up)"
    return f'<p class="sref">{number}.&nbsp;{_esc(source.publisher)}: {_esc(source.title)}.{tail}</p>'


def summary_html(term: Term, titles: Mapping[str, str] | None = None, region: Region | None = None,
                 level: int = 0) -> str:
    """The body HTML of one summary sheet at ``level`` (0 = everything, largest type)."""
    titles = titles or {}
    region = region or crisis.get_region(None)
    lv = SUMMARY_LEVELS[min(max(level, 0), len(SUMMARY_LEVELS) - 1)]
    base = lv.base_pt

    def fill(text: str) -> str:
        return placeholders.resolve(text, region)

    def pt(scale: float) -> str:
        return f"font-size: {base * scale:.2f}pt;"

    out: list[str] = [f'<h1 class="stitle" style="{pt(1.75)}">{_esc(term.title)}</h1>']
    meta = [f"<b>{_esc(term.category)}</b>"] if term.category else []
    names = [*term.aliases[: lv.aliases]]
    if names:
        more = "…" if len(term.aliases) > lv.aliases else ""
        meta.append("Also known as: " + _esc(", ".join(names)) + more)
    if term.brand_examples and lv.aliases:
        meta.append("Brand examples (US): " + _esc(", ".join(term.brand_examples[: max(2, lv.aliases // 2)])))
    if meta:
        out.append(f'<p class="smeta" style="{pt(0.85)}">' + " · ".join(meta) + "</p>")

    plain = fill(term.plain or term.summary)
    if lv.plain_sentences:
        plain = " ".join(sentences(plain)[: lv.plain_sentences])
    out.append('<table class="plain" width="100%" border="1" cellspacing="0" cellpadding="9">'
               f'<tr><td><p class="plainlabel" style="{pt(0.95)}">In plain words</p>'
               f'<p class="splain" style="{pt(1.08)}">{inline(plain, _no_links)}</p></td></tr></table>')

    points = key_points(term)[: lv.key_points]
    if points:
        out.append(f'<h2 class="s" style="{pt(1.12)}">Key points</h2><ul class="s">')
        out.extend(f'<li style="{pt(1.0)}">{inline(fill(p), _no_links)}</li>' for p in points)
        out.append("</ul>")

    steps = STEPS.get(term.category, DEFAULT_STEPS)[: lv.steps]
    if steps:
        out.append(f'<h2 class="s" style="{pt(1.12)}">What you can do</h2><ol class="s">')
        out.extend(f'<li style="{pt(1.0)}">{_esc(s)}</li>' for s in steps)
        out.append("</ol>")

    out.append(f'<h2 class="s" style="{pt(1.12)}">When to get help</h2>')
    advice = fill(term_advice(term)) if lv.term_advice else ""
    if advice:
        out.append(f'<p class="s" style="{pt(1.0)}">{_esc(advice)}</p>')
    out.append(f'<p class="s" style="{pt(1.0)}"><b>In an emergency:</b> {_esc(region.emergency_note)}</p>')
    first = region.lines[0]
    hours = first.hours[:1].upper() + first.hours[1:]
    out.append(f'<p class="s" style="{pt(1.0)}"><b>In crisis or thinking about suicide:</b> contact '
               f"{_esc(region.crisis_line_text)}. {_esc(hours)}.</p>")
    for other in region.lines[1: 1 + lv.other_lines]:
        note = f" ({_esc(other.note.rstrip('.'))})" if other.note else ""
        out.append(f'<p class="sline" style="{pt(0.9)}">{_esc(other.name)}{note}: {_esc(other.how_text())}</p>')

    if lv.notes:
        out.append(f'<p class="s" style="{pt(1.0)}"><b>My questions for my next visit:</b></p>'
                   '<table class="notes" width="100%" border="1" cellspacing="0" cellpadding="4">'
                   f'<tr><td style="{pt(1.0)}">&nbsp;<br/>&nbsp;<br/>&nbsp;</td></tr></table>')

    related = [titles.get(slug) or humanize_slug(slug) for slug in term.related[: lv.related]]
    if related:
        out.append(f'<p class="srelated" style="{pt(0.9)}"><b>Related terms:</b> {_esc(" · ".join(related))}</p>')
    if term.sources and lv.sources:
        out.append(f'<p class="sreflabel" style="{pt(0.8)}"><b>Sources</b> (full details in the full sheet)</p>')
        unique: list[Source] = []  # two pages of one publisher's topic are one short reference
        for source in term.sources:
            if all((u.publisher, u.title) != (source.publisher, source.title) for u in unique):
                unique.append(source)
        out.extend(short_reference(i, s) for i, s in enumerate(unique[: lv.sources], start=1))
    out.append(f'<p class="sreviewed">Entry reviewed {_esc(format_date(term.reviewed))}. '
               f"One-page summary of the {_esc(APP_NAME)} entry.</p>")
    return "\n".join(out)
